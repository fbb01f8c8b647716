"""Importing practicum evaluations: respondent rows in, counts out, all or nothing."""

import csv
from collections import Counter

import pytest

from indicators.imports import jobs
from indicators.imports.importers import writing
from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
from tests.conftest import SAMPLES, csv_bytes
from tests.practicum_rows import HEADER, KIND, ROWS, snapshot

pytestmark = pytest.mark.django_db


def _counts() -> dict[tuple, tuple]:
    rows = PracticumEvaluationCount.objects.values_list(
        "year", "municipality__code", "education", "role", "question", *PracticumEvaluationCount.ANSWER_FIELDS)
    return {tuple(row[:5]): tuple(row[5:]) for row in rows}


def _training() -> dict[tuple, tuple]:
    rows = SupervisorTrainingCount.objects.values_list("year", "municipality__code", "education", "answered",
                                                       "formal", "internal_course", "no_training")
    return {tuple(row[:3]): tuple(row[3:]) for row in rows}


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
    before = snapshot()
    second = import_file(KIND, content)
    assert second.status == DataImport.Status.SUCCEEDED
    assert (second.summary["added"], second.summary["replaced"], second.summary["unchanged"]) == (0, 0, 2)
    assert second.summary["written"] == 0
    assert second.summary["identical"]["id"] == first.pk
    assert snapshot() == before  # the same rows, still pointing at the first import


def test_it_rolls_everything_back_when_writing_fails_midway(import_file, monkeypatch):
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    before = snapshot()
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
    assert snapshot() == before  # ... and rolled back with everything else
    record.refresh_from_db()
    assert record.status == DataImport.Status.FAILED
    assert "worker lost" in record.error
    assert not DataImport.objects.filter(pk=record.pk, upload__isnull=False).exists()
