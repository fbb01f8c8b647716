"""The dashboards' sections on imported data: charts with their numbers, n, suppression and CSV downloads; the
practicum evaluations and supervisors' training here, the workforce and the survey in test_imported_workforce.py."""

import csv
import io
from decimal import Decimal as D

import plotly.graph_objects as go
import pytest

from indicators.charts import sections
from indicators.charts.practicum import practicum_section
from indicators.models import (
    DataImport,
    PracticumEvaluationCount,
    SupervisorTrainingCount,
    WorkforceStat,
)
from recruitment import data_version
from recruitment.models import Municipality
from tests.imported_samples import albertslund_workforce
from tests.pages import unwrapped

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(reference_data):
    return DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                     size_bytes=1, status=DataImport.Status.SUCCEEDED)


def _answers(record, code: int, year: int, question: str = "vende_tilbage", **counts: int) -> None:
    PracticumEvaluationCount.objects.create(year=year, municipality=Municipality.objects.get(code=code),
                                            education="paedagog", role="studerende", question=question,
                                            data_import=record, **counts)


def _rows(chart) -> list[list]:
    return [list(row) for row in chart.table.rows]


def _csv(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    # For Excel set to Danish: BOM, semicolons, decimal commas (read back here with a decimal point).
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    return [[cell.replace(",", ".") for cell in row] for row in rows]


def test_it_shows_no_sections_without_imported_data(chef_client):
    albertslund = Municipality.objects.get(code=165)
    assert not sections.for_municipality(albertslund)
    page = chef_client.get("/municipalities/165/").content.decode()
    assert "Praktikken" not in page and "Personale og målgrupper" not in page


def test_it_charts_the_return_question_against_region_and_all_with_n(record):
    _answers(record, 165, 2024, helt_enig=4, delvist_enig=2, helt_uenig=2, ved_ikke=5)  # 6 of 8
    _answers(record, 183, 2024, helt_enig=1, hverken_eller=3)  # Ishøj, same region: 1 of 4, left out of both
    _answers(record, 751, 2024, delvist_enig=10, delvist_uenig=10)  # Aarhus, another region: 10 of 20
    _answers(record, 165, 2023, helt_enig=1, helt_uenig=2)  # 1 of 3: too few
    section = practicum_section(Municipality.objects.get(code=165))
    chart = next(chart for chart in section.charts if chart.id == "practicum-return")
    assert _rows(chart) == [
        [2023, "for få svar", 3, "for få svar", 0, "for få svar", 0],
        [2024, D("75"), 8, D("75"), 8, D("57.1"), 28],  # all: 16 of 28
    ]
    municipality_trace = chart.figure["data"][0]
    assert municipality_trace["y"] == [None, 75.0]  # a gap, not a number, where there are too few answers
    assert "evalueringer.csv" in section.source


def test_it_shows_every_question_of_the_latest_year(record):
    _answers(record, 165, 2024, question="anbefale", helt_enig=3, helt_uenig=3)
    _answers(record, 165, 2024, question="vende_tilbage", helt_enig=2)
    section = practicum_section(Municipality.objects.get(code=165))
    chart = next(chart for chart in section.charts if chart.id == "practicum-questions")
    assert [row[:4] for row in _rows(chart)] == [
        ["Jeg vil gerne vende tilbage i fremtidig ansættelse", "højere er bedre", "for få svar", 2],
        ["Jeg vil anbefale praktikstedet til andre", "højere er bedre", D("50"), 6],
    ]
    assert chart.figure["data"][0]["text"] == ["for få svar", "50 % (n = 6)"]  # said in the chart, with its n


def test_it_shows_negative_statements_apart_and_marked_higher_is_worse(record):
    # Agreeing with "Jeg manglede arbejdsopgaver" is bad news.
    _answers(record, 165, 2024, question="manglede_opgaver", helt_enig=2, helt_uenig=8)
    _answers(record, 165, 2024, question="anbefale", helt_enig=6, helt_uenig=4)
    chart = next(chart for chart in practicum_section(Municipality.objects.get(code=165)).charts
                 if chart.id == "practicum-questions")
    assert [row[:4] for row in _rows(chart)] == [
        ["Jeg vil anbefale praktikstedet til andre", "højere er bedre", D("60"), 10],
        ["Jeg manglede arbejdsopgaver i mit praktikforløb", "højere er værre", D("20"), 10],
    ]
    last = unwrapped(chart.figure["data"][0]["y"])[-1]
    assert last == "Jeg manglede arbejdsopgaver i mit praktikforløb (højere er værre)"
    assert chart.figure["data"][0]["text"] == ["60 % (n = 10)", "20 % (n = 10)"]
    assert "højere er værre" in chart.notes[0]


def test_it_shows_supervisors_training(record):
    albertslund = Municipality.objects.get(code=165)
    SupervisorTrainingCount.objects.create(year=2024, municipality=albertslund, education="paedagog", answered=10,
                                           formal=5, internal_course=6, no_training=1, data_import=record)
    section = practicum_section(albertslund)
    (chart,) = section.charts
    assert chart.id == "practicum-training"
    assert _rows(chart)[0] == [2024, "Albertslund", D("50"), D("60"), D("10"), 10]


@pytest.fixture
def workforce(reference_data):
    return albertslund_workforce()


def test_it_adds_the_sections_and_their_csv_to_the_municipality_dashboard(chef_client, record, workforce):
    _answers(record, 165, 2024, helt_enig=4, delvist_enig=2, helt_uenig=2)
    _answers(record, 165, 2023, helt_enig=1, helt_uenig=2)
    page = chef_client.get("/municipalities/165/").content.decode()
    assert "Praktikken: de studerendes og vejledernes evalueringer" in page
    assert 'id="practicum-return-data"' in page and 'data-chart="practicum-return-data"' in page
    assert "Personale og målgrupper" in page and 'id="workforce-reach-data"' in page
    assert "for få svar" in page
    rows = _csv(chef_client, "/municipalities/165/?csv=practicum-return")
    assert rows[0][:3] == ["År", "Albertslund: andel enige (%)", "Albertslund: antal svar"]
    assert rows[1][:3] == ["2023", "for få svar", "3"]
    assert rows[2][:3] == ["2024", "75.0", "8"]
    assert _csv(chef_client, "/municipalities/165/?csv=workforce-reach")[0][0] == "Målgruppe"


def test_it_adds_the_internship_figures_to_the_internship_pathway_page(chef_client, record, workforce):
    _answers(record, 165, 2024, helt_enig=5)
    internship = chef_client.get("/municipalities/165/pathways/through-internship/").content.decode()
    assert 'id="practicum-return-data"' in internship and 'id="workforce-reach-data"' in internship
    assert _csv(chef_client, "/municipalities/165/pathways/through-internship/?csv=practicum-return")[1][:3] == [
        "2024", "100.0", "5"]
    stay = chef_client.get("/municipalities/165/pathways/stay-in-job/").content.decode()
    assert 'id="practicum-return-data"' not in stay and 'id="workforce-shares-data"' in stay


def test_it_builds_the_sections_in_the_same_number_of_queries(record, workforce, django_assert_num_queries):
    albertslund = Municipality.objects.select_related("region").get(code=165)  # as the views fetch it
    _answers(record, 165, 2024, helt_enig=5)
    with django_assert_num_queries(11) as few:
        sections.for_municipality(albertslund)
    for year in range(2010, 2024):
        for code in (101, 165, 183, 751):
            _answers(record, code, year, helt_enig=5)
            _answers(record, code, year, question="anbefale", helt_enig=5)
        WorkforceStat.objects.create(year=year, municipality=albertslund, data_import=workforce.data_import,
                                     paedagoger=100)
    with django_assert_num_queries(len(few.captured_queries)):
        sections.for_municipality(albertslund)


@pytest.mark.parametrize("url", ["/municipalities/165/", "/municipalities/165/pathways/through-internship/",
                                 "/municipalities/165/?csv=practicum-return"])
def test_it_keeps_the_pages_query_count_as_imported_data_grows(chef_client, record, workforce, url,
                                                               django_assert_num_queries,
                                                               django_assert_max_num_queries):
    _answers(record, 165, 2024, helt_enig=5)
    with django_assert_max_num_queries(43) as small:
        assert chef_client.get(url).status_code == 200
    for year in range(2015, 2024):
        for code in (101, 165, 183, 751):
            _answers(record, code, year, helt_enig=5, helt_uenig=2)
    data_version.bump()  # as an import does when it has written (the rows above are written directly)
    with django_assert_num_queries(len(small.captured_queries)):
        assert chef_client.get(url).status_code == 200


def test_it_builds_figures_that_plotly_accepts(record, workforce):
    albertslund = Municipality.objects.select_related("region").get(code=165)
    _answers(record, 165, 2024, helt_enig=5)
    SupervisorTrainingCount.objects.create(year=2024, municipality=albertslund, education="paedagog", answered=6,
                                           formal=3, internal_course=2, no_training=1, data_import=record)
    built = sections.for_municipality(albertslund).charts
    assert [chart.id for chart in built] == ["practicum-return", "practicum-questions", "practicum-training",
                                             "workforce-shares", "workforce-reach"]
    for chart in built:
        go.Figure(chart.figure)  # plotly's validation: raises on any key or value plotly.js would not know
