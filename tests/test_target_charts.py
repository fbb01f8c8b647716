"""Targets observed from the app's figures (coverage over time, the workforce statistics) and drawn on the charts
of their indicators, hand-computed; the targets page in a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.models import Target
from indicators.targets.status import ACCELERATE
from recruitment.models import Municipality
from tests.pages import figure_json
from tests.target_samples import albertslund_target

D = Decimal


# --- Observed from the app's figures ------------------------------------------------------------------------

TODAY = date(2026, 6, 30)


@pytest.fixture
def internship_since_2022(make_intervention, editor_a):
    from interventions.models import Intervention

    running = Intervention.Status.RUNNING
    make_intervention(editor_a, 165, "supervisor-training", status=running, start_date=date(2022, 3, 1),
                      title="Praktikvejledere")
    make_intervention(editor_a, 165, "student-onboarding", status=running, start_date=date(2025, 1, 1),
                      title="Velkomst")


@pytest.mark.django_db
def test_it_measures_a_coverage_target_against_coverage_over_time(internship_since_2022):
    from indicators.targets.page import targets_page

    albertslund_target()
    # Coverage of the internship's 6 types: 1/6 in 2022–2024, 2/6 = 33,3 % from 2025.
    # Needed (50 − 16,7) / 4 = 8,325 a year; observed (33,33 − 16,7) / 3 = 5,54 → ratio 0,67: accelerate.
    item = targets_page(Municipality.objects.get(code=165), TODAY).items[0]
    assert item.progress.status == ACCELERATE
    assert item.progress.latest_year == 2026
    assert round(item.progress.observed_per_year, 2) == D("5.54")
    assert round(item.progress.needed_per_year, 3) == D("8.325")


@pytest.mark.django_db
def test_it_draws_the_target_and_its_path_on_the_coverage_over_time_chart(internship_since_2022):
    from indicators.dashboards.coverage_history import coverage_history_page

    albertslund_target()
    page = coverage_history_page(Municipality.objects.select_related("region").get(code=165), "year", TODAY)
    chart = next(chart for chart in page.charts if chart.id == "history-through-internship")
    path = next(trace for trace in chart.figure["data"] if trace["name"].startswith("Mål:"))
    assert (path["x"], path["y"]) == ([2023, 2027], [16.7, 50.0])
    assert path["marker"]["symbol"] == ["circle-open", "star"]
    assert 2027 in chart.figure["layout"]["xaxis"]["tickvals"]
    assert any("til 50\u00a0% i 2027" in note and "skal accelerere" in note for note in chart.notes)
    other = next(chart for chart in page.charts if chart.id == "history-into-education")
    assert not any(trace["name"].startswith("Mål:") for trace in other.figure["data"])


@pytest.mark.django_db
def test_it_measures_a_workforce_target_and_draws_it_on_the_workforce_chart(chef_client, import_file):
    from tests.conftest import csv_bytes

    import_file("workforce", csv_bytes([
        ["aar", "kommunekode", "paedagoger", "paedagogiske_assistenter", "paedagogmedhjaelpere", "fratraadte"],
        [2023, 165, 60, 20, 20, 9], [2024, 165, 62, 19, 19, 8], [2025, 165, 65, 18, 17, 7]]))
    # Pedagogue share: 60 % (2023) → 65 % (2025) = 2,5 a year; the target 60 → 70 by 2027 needs 2,5: on track.
    albertslund_target(indicator=Target.Indicator.PEDAGOGUE_SHARE, baseline_value=60, baseline_year=2023,
                       target_value=70)
    html = chef_client.get("/municipalities/165/targets/").content.decode()
    assert 'data-status="on-track"' in html and "på vej" in html
    dashboard = chef_client.get("/municipalities/165/").content.decode()
    workforce = figure_json(dashboard, "workforce-shares-data")
    path = next(trace for trace in workforce["data"] if trace["name"].startswith("Mål:"))
    assert (path["x"], path["y"]) == ([2023, 2027], [60.0, 70.0])


@pytest.mark.django_db
def test_it_reads_the_targets_page_in_a_constant_number_of_queries(internship_since_2022):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.targets.page import targets_page

    albertslund = Municipality.objects.select_related("region").get(code=165)

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            targets_page(albertslund, TODAY)
        return len(queries)

    kinds = [Target.Indicator.COVERAGE_INTERNSHIP, Target.Indicator.PEDAGOGUE_SHARE, Target.Indicator.PRACTICUM_RETURN]
    for kind in kinds:
        albertslund_target(indicator=kind, baseline_value=20, target_value=50)
    albertslund_target(indicator=Target.Indicator.CUSTOM, custom_label="Eget", manual_values="2024; 30")
    few = count()
    for kind in kinds * 3:
        albertslund_target(indicator=kind, baseline_value=20, target_value=60)
    assert count() == few


@pytest.mark.django_db
def test_it_draws_targets_on_the_yearly_view_only(internship_since_2022):
    from indicators.dashboards.coverage_history import coverage_history_page

    albertslund_target()
    page = coverage_history_page(Municipality.objects.select_related("region").get(code=165), "quarter", TODAY)
    assert not any(trace["name"].startswith("Mål:") for chart in page.charts for trace in chart.figure["data"])
