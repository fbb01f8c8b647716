"""Importing practicum evaluations: respondent rows in, counts out, all or nothing."""

import csv
from collections import Counter

import pytest
from django.utils import timezone

from indicators.imports import jobs
from indicators.imports.importers import base, get_importer, writing
from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "practicum-evaluations"

HEADER = ["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage", "anbefale", "vejleder_kendskab",
          "vejlederuddannelse"]
ROWS = [
    ["2024", "0165", "pædagog", "studerende", "Helt enig", "Helt enig", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Delvist enig", "Ved ikke", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Helt uenig", "", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Ved ikke", "Delvist uenig", "", ""],
    ["2024", "0165", "pædagog", "vejleder", "", "", "Helt enig", "formel, internt kursus"],
    ["2024", "0165", "pædagog", "vejleder", "", "", "Hverken enig eller uenig", "ingen"],
    ["2024", "183", "lærer", "studerende", "Delvist enig", "Helt enig", "", ""],
]


def _counts() -> dict[tuple, tuple]:
    rows = PracticumEvaluationCount.objects.values_list(
        "year", "municipality__code", "education", "role", "question", *PracticumEvaluationCount.ANSWER_FIELDS)
    return {tuple(row[:5]): tuple(row[5:]) for row in rows}


def _training() -> dict[tuple, tuple]:
    rows = SupervisorTrainingCount.objects.values_list("year", "municipality__code", "education", "answered",
                                                       "formal", "internal_course", "no_training")
    return {tuple(row[:3]): tuple(row[3:]) for row in rows}


def _snapshot() -> tuple:
    return (sorted(PracticumEvaluationCount.objects.values_list("pk", "year", "municipality_id", "question",
                                                                "helt_enig", "data_import_id")),
            sorted(SupervisorTrainingCount.objects.values_list("pk", "answered", "data_import_id")))


def test_it_counts_answers_per_year_municipality_education_role_and_question(import_file):
    record = import_file(KIND, csv_bytes([HEADER, *ROWS]))
    assert record.status == DataImport.Status.SUCCEEDED
    # answer order: helt enig, delvist enig, hverken-eller, delvist uenig, helt uenig, ved ikke
    assert _counts() == {
        (2024, 165, "paedagog", "studerende", "vende_tilbage"): (1, 1, 0, 0, 1, 1),
        (2024, 165, "paedagog", "studerende", "anbefale"): (1, 0, 0, 1, 0, 1),  # the blank answer is not counted
        (2024, 165, "paedagog", "vejleder", "vejleder_kendskab"): (1, 0, 1, 0, 0, 0),
        (2024, 183, "laerer", "studerende", "vende_tilbage"): (0, 1, 0, 0, 0, 0),
        (2024, 183, "laerer", "studerende", "anbefale"): (1, 0, 0, 0, 0, 0),
    }


def test_it_counts_supervisors_training_with_more_than_one_answer(import_file):
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    # two supervisors answered: one has both a formal education and an internal course, one has none
    assert _training() == {(2024, 165, "paedagog"): (2, 1, 1, 1)}


def test_it_keeps_no_respondent_rows_and_deletes_the_uploaded_file(import_file):
    record = import_file(KIND, csv_bytes([HEADER, *ROWS]))
    assert record.rows_read == 7
    assert PracticumEvaluationCount.objects.count() == 5  # one row per key, not per respondent
    assert not hasattr(record, "upload") or not DataImport.objects.filter(pk=record.pk, upload__isnull=False).exists()


def test_it_imports_the_sample_file(import_file):
    content = (SAMPLES / "practicum-evaluations.csv").read_bytes()
    record = import_file(KIND, content, "practicum-evaluations.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    lines = list(csv.reader(content.decode("cp1252").splitlines(), delimiter=";"))
    rows = [line for line in lines[1:] if any(line)]
    assert record.rows_read == len(rows)
    # Albertslund's pedagogue students in 2025, counted straight from the file
    expected = Counter(line[4] for line in rows
                       if line[:4] == ["2025", "0165", "pædagog", "studerende"] and line[4])
    stored = _counts()[(2025, 165, "paedagog", "studerende", "vende_tilbage")]
    scale = ["Helt enig", "Delvist enig", "Hverken enig eller uenig", "Delvist uenig", "Helt uenig", "Ved ikke"]
    assert stored == tuple(expected[answer] for answer in scale)
    assert record.summary["added"] == 28 and record.summary["years"] == [2022, 2023, 2024, 2025]


def test_it_reads_full_question_texts_and_danish_or_ascii_spellings(import_file):
    header = ["AAR", " Kommune ", "Uddannelse", "ROLLE", "Jeg vil gerne vende tilbage i fremtidig ansættelse",
              "Praktikstedet har øget min forstaaelse for fagomraadet"]
    rows = [["2024", "Albertslund", "Paedagog", "Studerende", "helt enig", "DELVIST ENIG"],
            ["2024", "albertslund kommune", "pædagog", "studerende", " Delvis enig ", "Helt uenig"]]
    record = import_file(KIND, csv_bytes([header, *rows], ",", "utf-8"))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert _counts() == {
        (2024, 165, "paedagog", "studerende", "vende_tilbage"): (1, 1, 0, 0, 0, 0),
        (2024, 165, "paedagog", "studerende", "forstaaelse"): (0, 1, 0, 0, 1, 0),
    }


def test_it_replaces_only_the_years_and_municipalities_in_the_file(import_file):
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    other_year = [["2023", "165", "pædagog", "studerende", "Helt enig", "", "", ""]]
    import_file(KIND, csv_bytes([HEADER, *other_year]))
    replacement = [["2024", "165", "pædagog", "studerende", "Helt uenig", "Helt uenig", "", ""]]
    record = import_file(KIND, csv_bytes([HEADER, *replacement]))
    assert (record.summary["added"], record.summary["replaced"]) == (0, 1)
    assert _counts() == {
        (2023, 165, "paedagog", "studerende", "vende_tilbage"): (1, 0, 0, 0, 0, 0),  # another year: kept
        (2024, 165, "paedagog", "studerende", "vende_tilbage"): (0, 0, 0, 0, 1, 0),  # replaced whole ...
        (2024, 165, "paedagog", "studerende", "anbefale"): (0, 0, 0, 0, 1, 0),
        (2024, 183, "laerer", "studerende", "vende_tilbage"): (0, 1, 0, 0, 0, 0),  # another municipality: kept
        (2024, 183, "laerer", "studerende", "anbefale"): (1, 0, 0, 0, 0, 0),
    }
    assert _training() == {}  # ... including the supervisors of (2024, Albertslund)


def test_it_changes_nothing_when_the_same_file_is_imported_again(import_file):
    content = csv_bytes([HEADER, *ROWS])
    first = import_file(KIND, content)
    before = _snapshot()
    second = import_file(KIND, content)
    assert second.status == DataImport.Status.SUCCEEDED
    assert (second.summary["added"], second.summary["replaced"], second.summary["unchanged"]) == (0, 0, 2)
    assert second.summary["written"] == 0
    assert second.summary["identical"]["id"] == first.pk
    assert _snapshot() == before  # the same rows, still pointing at the first import


def test_it_rolls_everything_back_when_writing_fails_midway(import_file, monkeypatch):
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    before = _snapshot()
    monkeypatch.setattr(writing, "BATCH_SIZE", 2)
    calls = []

    def fail_after_first_batch(stage: str, percent: int) -> None:
        if stage.startswith("Gemmer række"):
            calls.append(stage)
            raise RuntimeError("worker lost")

    changed = [[*row[:4], "Helt uenig", *row[5:]] if row[3] == "studerende" else row for row in ROWS]
    content = csv_bytes([HEADER, *changed, ["2025", "101", "pædagog", "studerende", "Helt enig", "", "", ""]])
    record = jobs.create(KIND, "ny.csv", content, None)
    assert jobs.check(record, content).ok
    with pytest.raises(RuntimeError, match="worker lost"):
        jobs.run(record, content, fail_after_first_batch)
    assert calls == ["Gemmer række 2 af 6"]  # some rows were written before the failure ...
    assert _snapshot() == before  # ... and rolled back with everything else
    record.refresh_from_db()
    assert record.status == DataImport.Status.FAILED
    assert "worker lost" in record.error
    assert not DataImport.objects.filter(pk=record.pk, upload__isnull=False).exists()


# --- Bad input: the message names the row and the column, and the database is unchanged ----------------

def _rejected(import_file, rows: list[list[str]], header: list[str] = HEADER) -> list[str]:
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    before = _snapshot()
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert _snapshot() == before
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


def test_it_rejects_an_unknown_municipality_code(import_file):
    problems = _rejected(import_file, [ROWS[0], ["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""]])
    assert problems == ["row 3, column kommunekode: Ukendt kommunekode 999."]


def test_it_rejects_a_year_that_is_not_a_number_or_out_of_range(import_file):
    next_year = timezone.localdate().year + 1
    problems = _rejected(import_file, [["20x4", *ROWS[0][1:]], ["1999", *ROWS[0][1:]], [str(next_year), *ROWS[0][1:]]])
    # A practicum file's cells are respondents' answers: problems name the row and column, never the text.
    assert problems == ["row 2, column år: “tekst udeladt” er ikke et årstal.",
                        f"row 3, column år: Årstallet 1999 ligger uden for 2000–{next_year - 1}.",
                        f"row 4, column år: Årstallet {next_year} ligger uden for 2000–{next_year - 1}."]


def test_it_rejects_an_answer_not_on_the_scale(import_file):
    problems = _rejected(import_file, [ROWS[0], [*ROWS[1][:5], "Meget enig", "", ""]])
    assert problems == ["row 3, column anbefale: “tekst udeladt” er ikke et gyldigt svar (mulige: Helt enig, Delvist "
                        "enig, Hverken enig eller uenig, Delvist uenig, Helt uenig, Ved ikke)."]


def test_it_rejects_an_unknown_education_role_and_training(import_file):
    problems = _rejected(import_file, [
        ["2024", "165", "pilot", "studerende", "", "", "", ""],
        ["2024", "165", "pædagog", "chef", "", "", "", ""],
        ["2024", "165", "pædagog", "vejleder", "", "", "", "kursus på nettet"],
    ])
    assert [problem.split(":")[0] for problem in problems] == [
        "row 2, column uddannelse", "row 3, column rolle", "row 4, column vejlederuddannelse"]


def test_it_rejects_supervisor_training_answered_by_a_student(import_file):
    problems = _rejected(import_file, [[*ROWS[0][:7], "formel"]])
    assert problems == ["row 2, column vejlederuddannelse: Kun vejledere besvarer spørgsmålet om vejlederuddannelse, "
                        "men rækkens rolle er ikke “vejleder”."]


def test_it_rejects_missing_required_columns(import_file):
    header = ["år", "kommunekode", "rolle", "vende_tilbage"]
    problems = _rejected(import_file, [["2024", "165", "studerende", "Helt enig"]], header)
    assert problems == ["row 1, column uddannelse: Filen mangler kolonnen “uddannelse”."]


def test_it_rejects_blank_keys(import_file):
    problems = _rejected(import_file, [["", *ROWS[0][1:]], [*ROWS[0][:2], "", *ROWS[0][3:]]])
    assert problems == ["row 2, column år: Feltet er tomt, men skal udfyldes.",
                        "row 3, column uddannelse: Feltet er tomt, men skal udfyldes."]


def test_it_lists_every_problem_not_just_the_first(import_file):
    rows = [["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""] for _ in range(30)]
    rows[10][4] = "Nej"
    problems = _rejected(import_file, rows)
    assert len(problems) == 31
    assert "row 12, column vende_tilbage" in " ".join(problems)


def test_it_rejects_a_workforce_file_and_says_which_kind_it_looks_like(import_file):
    header = ["år", "kommunekode", "paedagoger", "paedagoger_over_55"]
    problems = _rejected(import_file, [["2024", "165", "250", "40"]], header)
    assert problems == [
        "row 1, column uddannelse: Filen mangler kolonnen “uddannelse”.",
        "row 1, column rolle: Filen mangler kolonnen “rolle”.",
        "row 1, column None: Filen har ingen spørgsmålskolonner (fx “vende_tilbage” eller “Jeg vil anbefale "
        "praktikstedet til andre”).",
        "row 1, column None: Filen ligner en fil med personalestatistik. Har du valgt den rigtige type?",
    ]


def test_it_rejects_a_column_that_appears_twice(import_file):
    header = [*HEADER[:5], "Jeg vil gerne vende tilbage i fremtidig ansættelse", *HEADER[6:]]
    problems = _rejected(import_file, [ROWS[0]], header)
    assert problems == ["row 1, column Jeg vil gerne vende tilbage i fremtidig ansættelse: Kolonnen står to gange "
                        "(også som kolonne 5: “vende_tilbage”)."]


def test_it_keeps_the_full_count_when_a_broken_file_has_very_many_problems(import_file):
    rows = [["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""]] * 1500
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.problem_count == 1500
    # The first 50 of the kind in full, then one line for the other 1,450 (a bounded problem list).
    assert len(record.problems) == 51
    assert record.problems[-1] == {"row": None, "column": "kommunekode", "more": 1450,
                                   "message": "… og 1.450 flere af samme slags (som ovenfor)."}


def test_it_analyses_without_changing_anything():
    before = _snapshot()
    analysis = base.analyse(get_importer(KIND), csv_bytes([HEADER, *ROWS]), "a.csv")
    assert analysis.ok
    assert {key[0] for key in analysis.actions} == {2024}
    assert _snapshot() == before
