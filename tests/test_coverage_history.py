"""Coverage over time (/municipalities/<code>/coverage/history/) against hand computations on constructed dates.

The internship pathway has 6 catalogue types with an EVA share. Today is fixed at 30 June 2026.
- Albertslund (Region Hovedstaden): supervisor-training running since 1.3.2022 (registered today: backdated);
  student-onboarding ended, 1.1.2023–15.8.2024; supervisor-network planned from 1.1.2021 (never counts, but
  Albertslund has reported from then).
- Ishøj (Region Hovedstaden): placement-rotation running since 1.5.2024; placement-evaluation running without a
  start date, first saved as running on 10.2.2025 (the history says when it started).
- Aarhus (Region Midtjylland): student-forum from 1.1.2020, set to "ended" without an end date on 1.5.2022
  (the history says when it ended).

Albertslund 2020 – (not reported), 2021 0/6 = 0,0, 2022 1/6 = 16,7, 2023 2/6 = 33,3, 2024 33,3, 2025 16,7,
2026 16,7. Ishøj: 2024 1/6 = 16,7, 2025 2/6 = 33,3, 2026 33,3. Aarhus: 2020–2022 16,7, then 0,0.
Region Hovedstaden (29 municipalities): 2020 –, 2021 0,0 (1), 2022 16,7 (1), 2023 33,3 (1),
2024 (33,33 + 16,67) / 2 = 25,0 (2), 2025 (16,67 + 33,33) / 2 = 25,0 (2), 2026 25,0 (2).
The country (98): 2020 16,7 (1), 2021 (0 + 16,67) / 2 = 8,3 (2), 2022 16,7 (2), 2023 (33,33 + 0) / 2 = 16,7 (2),
2024 (33,33 + 16,67 + 0) / 3 = 16,7 (3), 2025 (16,67 + 33,33 + 0) / 3 = 16,7 (3).
Quarters (3. kvt. 2024 – 2. kvt. 2026): Albertslund 33,3 in 3. kvt. 2024 (onboarding ended 15.8.2024), then 16,7.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.dashboards.coverage_history import coverage_history_page
from indicators.timeline import quarters, years
from interventions.models import Intervention
from recruitment.models import Municipality
from tests.pages import figure_json, tables

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
AARHUS = 751
D = Decimal


def _set_history_date(intervention: Intervention, index: int, day: date) -> None:
    record = Intervention.history.filter(id=intervention.pk).order_by("history_date", "history_id")[index]
    Intervention.history.filter(history_id=record.history_id).update(
        history_date=timezone.make_aware(datetime(day.year, day.month, day.day, 12)))


@pytest.fixture
def dated(make_intervention, editor_a):
    running, ended, planned = Intervention.Status.RUNNING, Intervention.Status.ENDED, Intervention.Status.PLANNED
    make_intervention(editor_a, 165, "supervisor-training", status=running, start_date=date(2022, 3, 1),
                      title="Praktikvejledere")
    make_intervention(editor_a, 165, "student-onboarding", status=ended, start_date=date(2023, 1, 1),
                      end_date=date(2024, 8, 15), title="Velkomst")
    make_intervention(editor_a, 165, "supervisor-network", status=planned, start_date=date(2021, 1, 1),
                      title="Netværk")
    make_intervention(None, 183, "placement-rotation", status=running, start_date=date(2024, 5, 1))
    undated = make_intervention(None, 183, "placement-evaluation", status=running)
    _set_history_date(undated, 0, date(2025, 2, 10))
    forum = make_intervention(None, AARHUS, "student-forum", status=running, start_date=date(2020, 1, 1))
    forum.status = ended
    forum.save_with_target_groups(forum.target_groups.all(), None)
    _set_history_date(forum, 1, date(2022, 5, 1))
    return {"editor": editor_a}


def _series(chart: dict, index: int) -> list:
    return chart["data"][index]["y"]


def _internship(page):
    return next(chart for chart in page.charts if chart.id == "history-through-internship")


def test_it_computes_each_year_for_the_municipality_its_region_and_the_country(dated):
    page = coverage_history_page(Municipality.objects.get(code=165), "year", TODAY)
    chart = _internship(page)
    assert chart.table.rows[0][0] == "2020" and chart.table.rows[-1][0] == "2026 (til dato)"
    assert _series(chart.figure, 0) == [None, 0.0, 16.7, 33.3, 33.3, 16.7, 16.7]
    assert _series(chart.figure, 1) == [None, 0.0, 16.7, 33.3, 25.0, 25.0, 25.0]
    assert _series(chart.figure, 2) == [16.7, 8.3, 16.7, 16.7, 16.7, 16.7, 16.7]
    reporting = [(row[3], row[5]) for row in chart.table.rows]
    assert reporting == [("0 / 29", "1 / 98"), ("1 / 29", "2 / 98"), ("1 / 29", "2 / 98"), ("1 / 29", "2 / 98"),
                         ("2 / 29", "3 / 98"), ("2 / 29", "3 / 98"), ("2 / 29", "3 / 98")]
    assert chart.table.rows[0][1] is None and chart.table.rows[2][1] == D("16.7")


def test_it_computes_the_last_two_years_by_quarter(dated):
    page = coverage_history_page(Municipality.objects.get(code=165), "quarter", TODAY)
    chart = _internship(page)
    assert [row[0] for row in chart.table.rows] == [
        "3. kvt. 2024", "4. kvt. 2024", "1. kvt. 2025", "2. kvt. 2025", "3. kvt. 2025", "4. kvt. 2025",
        "1. kvt. 2026", "2. kvt. 2026"]
    assert _series(chart.figure, 0) == [33.3] + [16.7] * 7
    # Ishøj: rotation from 1.5.2024; evaluation from 10.2.2025 (its history), so 1. kvt. 2025 has both.
    assert _series(chart.figure, 1) == [25.0, 16.7, 25.0, 25.0, 25.0, 25.0, 25.0, 25.0]
    # The one mark in these quarters: the onboarding's end, 15.8.2024 (day 228 of a leap year), with the quarter's
    # point (2024,5) standing for 2024,375–2024,625: at 2024 + 227/366 − 0,125 = 2024,495 it would sit left of the
    # first point, so it is listed (in its quarter's row and a note), not drawn.
    assert chart.figure["layout"].get("shapes", []) == []
    assert chart.table.rows[0][-1] == "Slut: Velkomst (15.8.2024)"
    # With the two marks before the quarters (2022, 2023): three, named in one note.
    assert ("Uden for diagrammets år (ikke tegnet): Start: Praktikvejledere (1.3.2022); Start: Velkomst (1.1.2023); "
            "Slut: Velkomst (15.8.2024).") in chart.notes


def test_it_counts_nothing_on_the_other_pathways(dated):
    page = coverage_history_page(Municipality.objects.get(code=165), "year", TODAY)
    education = next(chart for chart in page.charts if chart.id == "history-into-education")
    assert _series(education.figure, 0) == [None, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]


def test_it_marks_when_the_pathways_interventions_started_and_ended(dated):
    chart = _internship(coverage_history_page(Municipality.objects.get(code=165), "year", TODAY))
    marks = chart.figure["data"][-1]
    assert marks["name"] == "Indsatser: start og slut"
    assert [text.split(" · ")[0] for text in marks["customdata"]] == [
        "Start: Praktikvejledere (1.3.2022)", "Start: Velkomst (1.1.2023)", "Slut: Velkomst (15.8.2024)"]
    assert len(chart.figure["layout"]["shapes"]) == 3
    assert chart.figure["layout"]["shapes"][2]["line"]["dash"] == "dot"  # an end
    # 1.3.2022 is day 59 of 2022; the year's point (2022) stands for the whole year, drawn from 2021,5 to 2022,5.
    assert round(chart.figure["layout"]["shapes"][0]["x0"], 3) == round(2021.5 + 59 / 365, 3)
    by_year = {row[0]: row[-1] for row in chart.table.rows}
    assert by_year["2022"] == "Start: Praktikvejledere (1.3.2022)"
    assert by_year["2024"] == "Slut: Velkomst (15.8.2024)"
    assert by_year["2021"] is None  # the planned network never started
    assert any("ikke at en indsats er årsag" in note for note in chart.notes)


def test_it_keeps_a_constant_number_of_queries_as_interventions_grow(dated, make_intervention):
    from django.core.cache import cache

    albertslund = Municipality.objects.select_related("region").get(code=165)

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            coverage_history_page(albertslund, "year", TODAY)
        return len(queries)

    before = count()
    for code in (101, 147, 165, 183, 751):
        make_intervention(None, code, "supervisor-training", status=Intervention.Status.RUNNING)
        make_intervention(None, code, "mentor-scheme", status=Intervention.Status.ENDED, start_date=date(2019, 1, 1))
    assert count() == before


def test_it_builds_periods_up_to_today():
    assert [p.key for p in years(2024, TODAY)] == ["2024", "2025", "2026"]
    assert years(2024, TODAY)[-1].end == TODAY and years(2024, TODAY)[-1].partial
    assert [p.key for p in quarters(date(2026, 1, 5), 3)] == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert quarters(date(2026, 1, 5), 3)[0].end == date(2025, 9, 30)


# --- The page -------------------------------------------------------------------------------------------

def test_it_shows_a_chart_and_table_per_pathway(chef_client, dated):
    response = chef_client.get("/municipalities/165/coverage/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dækning over tid" in html
    chart = figure_json(html, "history-through-internship-data")
    assert chart["data"][0]["name"] == "Albertslund"
    assert len(tables(html)) == 3
    assert "tidsmæssigt sammenfald" in html


def test_it_switches_to_quarters_in_the_url(chef_client, dated):
    html = chef_client.get("/municipalities/165/coverage/history/", {"period": "quarter"}).content.decode()
    assert "kvt." in tables(html)[0][1][0]
    assert 'href="/municipalities/165/coverage/history/?period=quarter&amp;csv=history-into-education"' in html


def test_it_answers_htmx_with_the_fragment(chef_client, dated):
    response = chef_client.get("/municipalities/165/coverage/history/", {"period": "quarter"},
                               headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="history-body">') and "<html" not in html


def test_it_downloads_a_pathways_numbers_as_csv(chef_client, dated):
    response = chef_client.get("/municipalities/165/coverage/history/", {"csv": "history-through-internship"})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith('"Periode";"Albertslund: dækning (%)"')
    assert '"2022";16,7;16,7;"1 / 29";16,7;"2 / 98";"Start: Praktikvejledere (1.3.2022)"' in body


def test_it_links_the_page_from_the_dashboard(chef_client):
    html = chef_client.get("/municipalities/165/").content.decode()
    assert 'href="/municipalities/165/coverage/history/"' in html


def test_it_draws_figures_plotly_accepts(dated):
    import plotly.graph_objects as go

    for granularity in ("year", "quarter"):
        for chart in coverage_history_page(Municipality.objects.get(code=165), granularity, TODAY).charts:
            go.Figure(chart.figure)


def test_a_confirmation_of_none_reports_from_its_day(dated):
    """Allerød (Region Hovedstaden) confirms on 1.3.2025 that it runs none: from 2025 its 0,0 counts in the
    region's average, (16,67 + 33,33 + 0) / 3 = 16,7; before it, the average is as without it (25,0 in 2024)."""
    from interventions.models import NoneRunConfirmation

    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=201), confirmed_on=date(2025, 3, 1))
    chart = _internship(coverage_history_page(Municipality.objects.get(code=165), "year", TODAY))
    assert _series(chart.figure, 1) == [None, 0.0, 16.7, 33.3, 25.0, 16.7, 16.7]
