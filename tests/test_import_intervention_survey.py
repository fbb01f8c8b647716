"""Importing the intervention mapping survey: one row per municipality, one ja/nej column per catalogue type."""

import csv

import pytest

from indicators.models import DataImport, InterventionSurveyAnswer
from interventions.models import Intervention
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "intervention-survey"
HEADER = ["år", "kommunekode", "supervisor-training", "Mentorordning", "staff-benefits"]


def _answers() -> dict[tuple, bool]:
    rows = InterventionSurveyAnswer.objects.values_list("year", "municipality__code", "intervention_type__slug", "runs")
    return {tuple(row[:3]): row[3] for row in rows}


def test_it_imports_the_sample_file_apart_from_registered_interventions(import_file):
    content = (SAMPLES / "intervention-survey.csv").read_bytes()
    record = import_file(KIND, content, "intervention-survey.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    rows = list(csv.reader(content.decode("utf-8-sig").splitlines()))
    assert record.rows_read == len(rows) - 1 == 98
    assert InterventionSurveyAnswer.objects.count() == 98 * 42
    yes_in_file = sum(cell == "x" for row in rows[1:] for cell in row[2:])
    assert InterventionSurveyAnswer.objects.filter(runs=True).count() == yes_in_file
    assert Intervention.objects.count() == 0  # a reported snapshot, not HR's registrations


def test_it_reads_ja_nej_one_zero_and_x_or_blank_under_slugs_or_labels(import_file):
    rows = [["2024", "165", "ja", "Nej", "x"], ["2024", "183", "1", "0", ""], ["2024", "101", "X", " JA ", "nej"]]
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert _answers() == {
        (2024, 165, "supervisor-training"): True, (2024, 165, "mentor-scheme"): False,
        (2024, 165, "staff-benefits"): True,
        (2024, 183, "supervisor-training"): True, (2024, 183, "mentor-scheme"): False,
        (2024, 183, "staff-benefits"): False,
        (2024, 101, "supervisor-training"): True, (2024, 101, "mentor-scheme"): True,
        (2024, 101, "staff-benefits"): False,
    }


def test_it_replaces_a_municipalitys_whole_answer_for_the_year(import_file):
    import_file(KIND, csv_bytes([HEADER, ["2024", "165", "ja", "ja", "ja"], ["2024", "183", "ja", "nej", "nej"]]))
    record = import_file(KIND, csv_bytes([["år", "kommunekode", "mentor-scheme"], ["2024", "165", "nej"]]))
    assert (record.summary["replaced"], record.summary["added"]) == (1, 0)
    assert _answers() == {(2024, 165, "mentor-scheme"): False, (2024, 183, "supervisor-training"): True,
                          (2024, 183, "mentor-scheme"): False, (2024, 183, "staff-benefits"): False}


def test_it_changes_nothing_when_the_same_file_is_imported_again(import_file):
    content = csv_bytes([HEADER, ["2024", "165", "ja", "nej", "x"]])
    first = import_file(KIND, content)
    second = import_file(KIND, content)
    assert (second.summary["unchanged"], second.summary["written"]) == (1, 0)
    assert set(InterventionSurveyAnswer.objects.values_list("data_import", flat=True)) == {first.pk}


def _rejected(import_file, rows: list[list[str]], header: list[str] = HEADER) -> list[str]:
    import_file(KIND, csv_bytes([HEADER, ["2024", "165", "ja", "nej", "x"]]))
    before = sorted(InterventionSurveyAnswer.objects.values_list("pk", "runs", "data_import_id"))
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert sorted(InterventionSurveyAnswer.objects.values_list("pk", "runs", "data_import_id")) == before
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


def test_it_rejects_an_answer_that_is_not_yes_or_no(import_file):
    problems = _rejected(import_file, [["2024", "165", "måske", "nej", "x"]])
    assert problems == ["row 2, column supervisor-training: “måske” er ikke et gyldigt svar (mulige: ja, nej, 1, 0, "
                        "x eller tom)."]


def test_it_rejects_a_municipality_twice_in_a_year(import_file):
    problems = _rejected(import_file, [["2024", "165", "ja", "nej", "x"], ["2024", "165", "nej", "nej", "x"]])
    assert problems == ["row 3, column kommunekode: Albertslund står allerede for 2024 i række 2; hver kommune må "
                        "kun stå én gang pr. år."]


def test_it_rejects_a_file_without_catalogue_columns_and_lists_the_ignored_ones(import_file):
    import_file(KIND, csv_bytes([HEADER, ["2024", "165", "ja", "nej", "x"]]))
    record = import_file(KIND, csv_bytes([["år", "kommunekode", "mentorer"], ["2024", "165", "ja"]]))
    assert record.status == DataImport.Status.REJECTED
    assert record.summary["ignored_columns"] == ["mentorer"]
    assert record.problems[0]["message"].startswith("Filen har ingen kolonner for indsatstyper")
