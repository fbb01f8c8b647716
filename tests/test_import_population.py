"""Importing population projections: the wide file and DST's long export, vintages, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from indicators.models import DataImport, PopulationProjection
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "population-projection"
WIDE = ["år", "kommunekode", "børn 0-2", "børn 3-5", "fremskrivning"]
LONG = ["OMRÅDE", "ALDER", "TID", "INDHOLD", "fremskrivning"]


def _children(vintage: str = "DST 2025", variant: str = "central") -> dict[tuple[int, int], tuple[int, int]]:
    rows = PopulationProjection.objects.filter(vintage=vintage, variant=variant).values_list(
        "year", "municipality__code", "children_0_2", "children_3_5")
    return {(year, code): (young, older) for year, code, young, older in rows}


def _snapshot() -> list[tuple]:
    return sorted(PopulationProjection.objects.values_list("pk", "vintage", "variant", "year", "municipality_id",
                                                           "children_0_2", "children_3_5", "data_import_id"))


def _long_rows(name: str, year: int, counts: list[int], vintage: str = "DST 2026") -> list[list[object]]:
    return [[name, f"{age} år", year, count, vintage] for age, count in enumerate(counts)]


def test_it_imports_the_wide_sample_with_its_variants(import_file):
    record = import_file(KIND, (SAMPLES / "population-projection.csv").read_bytes(), "population-projection.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert PopulationProjection.objects.count() == 98 * 11 * 3
    assert record.summary["details"]["vintages"] == ["Demo (syntetisk)"]
    assert set(PopulationProjection.objects.values_list("variant", flat=True)) == {"central", "low", "high"}
    first = (SAMPLES / "population-projection.csv").read_text(encoding="utf-8").splitlines()[1].split(";")
    stored = PopulationProjection.objects.get(vintage="Demo (syntetisk)", variant="central", year=int(first[0]),
                                              municipality__code=int(first[1]))
    assert (stored.children_0_2, stored.children_3_5) == (int(first[2]), int(first[3]))


def test_it_sums_dsts_long_form_into_the_two_bands(import_file):
    """Ages 0–2 → 10 + 11 + 12 = 33, 3–5 → 13 + 14 + 15 = 42; 6 år and Hele landet are skipped."""
    rows = [*_long_rows("Albertslund", 2026, [10, 11, 12, 13, 14, 15, 99]),
            *_long_rows("165 Albertslund", 2027, [1, 1, 1, 2, 2, 2]),
            *_long_rows("Hele landet", 2026, [5, 5, 5, 5, 5, 5])]
    record = import_file(KIND, csv_bytes([LONG, *rows]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert _children("DST 2026") == {(2026, 165): (33, 42), (2027, 165): (3, 6)}
    assert record.summary["details"]["skipped_rows"] == 7


def test_it_imports_the_dst_sample(import_file):
    record = import_file(KIND, (SAMPLES / "population-projection-dst.csv").read_bytes(), "dst.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert record.summary["details"]["vintages"] == ["DST 2024"]
    assert PopulationProjection.objects.filter(vintage="DST 2024").count() == 5 * 11


def test_it_counts_only_the_total_when_dst_splits_by_sex(import_file):
    header = ["OMRÅDE", "KØN", "ALDER", "TID", "INDHOLD", "fremskrivning"]
    rows = []
    for sex, count in (("I alt", 10), ("Mænd", 6), ("Kvinder", 4)):
        rows += [["Ishøj", sex, f"{age} år", 2026, count, "DST 2026"] for age in range(6)]
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert _children("DST 2026") == {(2026, 183): (30, 30)}


def test_it_rejects_a_bad_file_with_danish_row_and_column_problems_and_changes_nothing(import_file):
    import_file(KIND, csv_bytes([WIDE, ["2030", "165", "100", "200", "DST 2025"]]))
    before = _snapshot()
    rows = [["2030", "999", "100", "200", "DST 2025"], ["2031", "165", "mange", "200", "DST 2025"],
            ["2201", "165", "1", "2", "DST 2025"], ["2032", "165", "-3", "", "DST 2025"]]
    record = import_file(KIND, csv_bytes([WIDE, *rows]))
    assert record.status == DataImport.Status.REJECTED
    problems = {(problem["row"], problem["column"]): problem["message"] for problem in record.problems}
    assert problems[(2, "kommunekode")] == "Ukendt kommunekode 999."
    assert problems[(3, "børn 0-2")] == "“mange” er ikke et tal."
    assert problems[(4, "år")] == "Årstallet 2201 ligger uden for 2000–2100."
    assert problems[(5, "børn 0-2")] == "-3 er negativ; antal skal være 0 eller mere."
    assert problems[(5, "børn 3-5")] == "Feltet er tomt, men skal udfyldes."
    assert _snapshot() == before


def test_it_says_which_ages_a_long_file_lacks(import_file):
    rows = [["Albertslund", f"{age} år", 2026, 10, "DST 2026"] for age in (0, 1, 2, 4, 5)] + [
        ["Albertslund", "fem", 2026, 1, "DST 2026"]]
    record = import_file(KIND, csv_bytes([LONG, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert record.problems == [{"row": 7, "column": "ALDER", "message": "“fem” er ikke en alder (fx “0 år”)."}]
    record = import_file(KIND, csv_bytes([LONG, *rows[:5]]))
    assert record.problems == [{"row": 2, "column": "ALDER",
                                "message": "Albertslund mangler 3 år for 2026; alle aldre 0–5 år skal være med."}]


def test_it_rejects_a_municipality_twice_in_one_year_and_vintage(import_file):
    record = import_file(KIND, csv_bytes([WIDE, ["2030", "165", "1", "2", "A"], ["2030", "Albertslund", "3", "4", "A"],
                                          ["2030", "165", "1", "2", "B"]]))
    assert record.status == DataImport.Status.REJECTED
    assert [(problem["row"], problem["column"]) for problem in record.problems] == [(3, "kommunekode")]


def test_it_changes_nothing_when_the_same_file_is_imported_again(import_file):
    content = (SAMPLES / "population-projection-dst.csv").read_bytes()
    import_file(KIND, content)
    before = _snapshot()
    record = import_file(KIND, content)
    assert record.status == DataImport.Status.SUCCEEDED
    assert (record.summary["unchanged"], record.summary["added"], record.summary["written"]) == (55, 0, 0)
    assert _snapshot() == before


def test_it_replaces_a_reimported_vintage_and_keeps_the_other_vintages(import_file):
    import_file(KIND, csv_bytes([WIDE, ["2030", "165", "100", "200", "DST 2025"], ["2031", "165", "110", "210",
                                                                                  "DST 2025"],
                                 ["2030", "183", "50", "60", "DST 2025"], ["2030", "165", "1", "2", "DST 2024"]]))
    record = import_file(KIND, csv_bytes([WIDE, ["2030", "165", "105", "200", "DST 2025"],
                                          ["2031", "165", "110", "210", "DST 2025"]]))
    assert (record.summary["replaced"], record.summary["unchanged"], record.summary["removed"]) == (1, 1, 1)
    assert _children("DST 2025") == {(2030, 165): (105, 200), (2031, 165): (110, 210)}
    assert _children("DST 2024") == {(2030, 165): (1, 2)}


def test_the_command_imports_a_projection(reference_data, capsys):
    call_command("import_data", KIND, str(SAMPLES / "population-projection-dst.csv"))
    output = capsys.readouterr().out
    assert "Importeret:" in output
    assert PopulationProjection.objects.filter(vintage="DST 2024", municipality__code=751).count() == 11


def test_the_command_reports_a_bad_file_with_exit_code_1(reference_data, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([WIDE, ["2030", "999", "1", "2", "DST 2025"]]))
    with pytest.raises(CommandError) as error:
        call_command("import_data", KIND, str(path))
    assert error.value.returncode == 1
    assert "række 2, kolonne kommunekode: Ukendt kommunekode 999." in capsys.readouterr().out
    assert not PopulationProjection.objects.exists()


def test_the_preview_names_the_vintage_and_the_skipped_rows(admin_client, reference_data):
    from indicators.imports import jobs

    content = (SAMPLES / "population-projection-dst.csv").read_bytes()
    record = jobs.create(KIND, "dst.csv", content, None)
    jobs.check(record, content)
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "DST 2024;" in page
    assert "132 rækker med andre aldre, køn eller områder end kommuner sprunget over" in page
    assert not PopulationProjection.objects.exists()


# --- The vintage is named by the file, never guessed --------------------------------------------------------

MISSING_VINTAGE = ("Filen mangler kolonnen “fremskrivning”: skriv fremskrivningens navn i hver række, fx “DST 2025”. "
                   "En fremskrivning, der allerede er importeret med samme navn, bliver erstattet.")


@pytest.mark.parametrize("header", [["år", "kommunekode", "børn 0-2", "børn 3-5"],
                                    ["OMRÅDE", "ALDER", "TID", "INDHOLD"]])
def test_it_refuses_a_file_without_a_vintage_column_and_keeps_the_stored_vintage(import_file, header):
    import_file(KIND, csv_bytes([WIDE, ["2025", "165", "100", "200", "DST 2025"]]))
    before = _snapshot()
    rows = ([["2025", "165", "1", "2"]] if "kommunekode" in header
            else [["Albertslund", f"{age} år", 2025, 1] for age in range(6)])
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert record.problems == [{"row": 1, "column": "fremskrivning", "message": MISSING_VINTAGE}]
    assert _snapshot() == before and _children("DST 2025") == {(2025, 165): (100, 200)}


def test_it_refuses_a_row_without_a_vintage(import_file):
    record = import_file(KIND, csv_bytes([WIDE, ["2030", "165", "1", "2", "DST 2025"], ["2031", "165", "1", "2", ""]]))
    assert record.status == DataImport.Status.REJECTED
    assert record.problems == [{"row": 3, "column": "fremskrivning", "message": "Feltet er tomt, men skal udfyldes."}]
    assert not PopulationProjection.objects.exists()
