"""Importing workforce statistics: one row per municipality and year, whole numbers, all or nothing."""

import openpyxl
import pytest

from indicators.models import DataImport, WorkforceStat
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "workforce"
HEADER = ["År", "Kommunekode", "Pædagoger", "paedagoger_over_55", "Fratrådte"]


def _stats() -> dict[tuple, tuple]:
    rows = WorkforceStat.objects.values_list("year", "municipality__code", "paedagoger", "paedagoger_over_55",
                                             "fratraadte", "boern_0_2")
    return {tuple(row[:2]): tuple(row[2:]) for row in rows}


def _snapshot() -> list[tuple]:
    return sorted(WorkforceStat.objects.values_list("pk", "year", "municipality_id", "paedagoger", "data_import_id"))


def test_it_imports_the_sample_workbook(import_file):
    content = (SAMPLES / "workforce.xlsx").read_bytes()
    record = import_file(KIND, content, "workforce.xlsx")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    sheet = openpyxl.load_workbook(SAMPLES / "workforce.xlsx").active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert record.rows_read == len(rows) == WorkforceStat.objects.count()
    albertslund_2025 = next(row for row in rows if row[0] == 2025 and int(row[1]) == 165)
    stat = WorkforceStat.objects.get(year=2025, municipality__code=165)
    assert [getattr(stat, name) for name in WorkforceStat.FIGURES] == list(albertslund_2025[2:])


def test_it_reads_whole_numbers_as_municipalities_write_them(import_file):
    rows = [["2024", "0165", "1.234", "40", ""], ["2024", "183", "250,0", " 38 ", "0"]]
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    # a blank figure is unknown (None), not zero
    assert _stats() == {(2024, 165): (1234, 40, None, None), (2024, 183): (250, 38, 0, None)}


def test_it_replaces_the_figures_in_the_file_and_keeps_the_others(import_file):
    import_file(KIND, csv_bytes([["år", "kommunekode", "paedagoger", "boern_0_2"], ["2024", "165", "200", "900"],
                                 ["2023", "165", "190", "880"]]))
    record = import_file(KIND, csv_bytes([HEADER, ["2024", "165", "210", "41", "25"]]))
    assert (record.summary["added"], record.summary["replaced"]) == (0, 1)
    assert _stats() == {(2024, 165): (210, 41, 25, 900), (2023, 165): (190, None, None, 880)}


def test_it_changes_nothing_when_the_same_file_is_imported_again(import_file):
    content = csv_bytes([HEADER, ["2024", "165", "210", "41", "25"]])
    import_file(KIND, content)
    before = _snapshot()
    record = import_file(KIND, content)
    assert (record.summary["unchanged"], record.summary["written"]) == (1, 0)
    assert _snapshot() == before


def _rejected(import_file, rows: list[list[str]], header: list[str] = HEADER) -> list[str]:
    import_file(KIND, csv_bytes([HEADER, ["2024", "165", "200", "40", "20"]]))
    before = _snapshot()
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert _snapshot() == before
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


def test_it_rejects_a_negative_count(import_file):
    problems = _rejected(import_file, [["2024", "165", "-3", "40", "20"]])
    assert problems == ["row 2, column Pædagoger: -3 er negativ; antal skal være 0 eller mere."]


def test_it_rejects_a_count_that_is_not_a_whole_number(import_file):
    problems = _rejected(import_file, [["2024", "165", "200", "40,5", "mange"]])
    assert problems == ["row 2, column paedagoger_over_55: “40,5” er ikke et helt tal.",
                        "row 2, column Fratrådte: “mange” er ikke et tal."]


def test_it_rejects_duplicate_rows_for_the_same_year_and_municipality(import_file):
    problems = _rejected(import_file, [["2024", "165", "200", "40", "20"], ["2024", "183", "90", "10", "5"],
                                       ["2024", "0165", "201", "40", "20"]])
    assert problems == ["row 4, column Kommunekode: Albertslund står allerede for 2024 i række 2; hver kommune må "
                        "kun stå én gang pr. år."]


def test_it_rejects_an_unknown_municipality(import_file):
    problems = _rejected(import_file, [["2024", "999", "200", "40", "20"]])
    assert problems == ["row 2, column Kommunekode: Ukendt kommunekode 999."]


def test_it_rejects_a_file_without_figures(import_file):
    problems = _rejected(import_file, [["2024", "165", "x"]], ["år", "kommunekode", "noget andet"])
    assert problems == ["row 1, column None: Filen har ingen kolonner med tal (fx “paedagoger” eller "
                        "“paedagoger_over_55”)."]


def test_it_rejects_a_missing_year_column(import_file):
    problems = _rejected(import_file, [["165", "200"]], ["kommunekode", "paedagoger"])
    assert problems == ["row 1, column år: Filen mangler kolonnen “år”."]
