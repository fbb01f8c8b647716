"""seed_demo gives every municipality workforce statistics and a projection; --clear takes them away again."""

import csv
import io

import pytest

from indicators.models import DataImport, PopulationProjection, WorkforceStat
from indicators.reference.demo import clear_demo, seed_demo
from indicators.reference.demo_imports import seed_demo_imports
from tests.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_it_gives_every_municipality_a_projection_and_statistics(reference_data):
    seed_demo()
    assert WorkforceStat.objects.values("municipality").distinct().count() == 98
    assert PopulationProjection.objects.filter(variant="central").values("municipality").distinct().count() == 98
    assert seed_demo_imports() == 0  # already there: nothing imported twice
    assert DataImport.objects.filter(file_name__startswith="demo: ").count() == 3  # + the municipality groups


def test_it_clears_the_demo_rows_but_keeps_a_real_import(reference_data, import_file):
    seed_demo()
    record = import_file("population-projection", csv_bytes([["år", "kommunekode", "børn 0-2", "børn 3-5",
                                                              "fremskrivning"], ["2030", "165", "1", "2", "Egen"]]))
    assert record.status == DataImport.Status.SUCCEEDED
    clear_demo()
    assert not WorkforceStat.objects.exists()
    assert list(PopulationProjection.objects.values_list("vintage", flat=True)) == ["Egen"]
    assert not DataImport.objects.filter(file_name__startswith="demo: ").exists()


def test_it_labels_the_synthetic_projection_as_demo_everywhere(reference_data, chef_client):
    """Only the synthetic imports (no demo interventions): the banner shows, the page and the API say the
    projection is synthetic, the vintage is "Demo (syntetisk)", and projection.csv keeps its seven columns."""
    assert "Demodata" not in chef_client.get("/").content.decode()
    seed_demo_imports()
    assert "Demodata" in chef_client.get("/").content.decode()
    page = chef_client.get("/municipalities/165/projection/").content.decode()
    assert "Demo (syntetisk)" in page and "DST" not in page
    body = chef_client.get("/api/v1/municipalities/165/projection/").json()
    assert (body["synthetic"], body["vintage"]) == (True, "Demo (syntetisk)")
    header = next(csv.reader(io.StringIO(chef_client.get("/municipalities/165/projection.csv").content.decode())))
    assert header[:7] == ["year", "children_0_2", "children_3_5", "demand_fte", "supply_persons",
                                     "supply_fte", "gap_fte"]
    clear_demo()
    assert "Demodata" not in chef_client.get("/").content.decode()
    assert not DataImport.objects.filter(file_name__in=DataImport.SYNTHETIC_FILES).exists()


def test_it_keeps_a_real_projection_unmarked(reference_data, chef_client, import_file):
    """A real import of the same kind is not synthetic: the API says `synthetic: false`."""
    import_file("workforce", csv_bytes([["år", "kommunekode", "pædagoger", "børn 0-2", "børn 3-5"],
                                        ["2025", "165", "100", "30", "60"]]))
    import_file("population-projection", csv_bytes([["år", "kommunekode", "børn 0-2", "børn 3-5", "fremskrivning"],
                                                     ["2025", "165", "30", "60", "DST 2025"],
                                                     ["2026", "165", "30", "60", "DST 2025"]]))
    body = chef_client.get("/api/v1/municipalities/165/projection/").json()
    assert body["synthetic"] is False


def test_it_matches_the_published_national_levels_and_the_observed_trend(reference_data):
    """The demo's sums against the published figures: Σ pedagogues 2025 = 30.159 ± 3 %, Σ over 55 ≈ 5.700,
    Σ under 37 hours ≈ 19.490, Σ new graduates ≈ 1.000 (EVA); +4 % ± 1 from 2019 to 2023, flat after (± 1 %).
    And Albertslund's supply: its observed change 2019–2025 is 133 → 141; the projection (hires from the
    statistics) does not fall over ten years by more than ten times a falling observed yearly change (it grew)."""
    from django.db.models import Sum

    from indicators.projection import Scenario, assumptions, defaults, inputs_for, project
    from recruitment.models import Municipality

    seed_demo_imports()
    totals = {row["year"]: row for row in WorkforceStat.objects.values("year").annotate(
        p=Sum("paedagoger"), s=Sum("paedagoger_over_55"), t=Sum("paedagoger_under_37_timer"),
        n=Sum("nyuddannede_ansat"))}
    base = totals[2025]
    assert abs(base["p"] - 30159) <= 0.03 * 30159
    assert abs(base["s"] - 5700) <= 0.05 * 5700 and abs(base["t"] - 19490) <= 0.05 * 19490
    assert 900 <= base["n"] <= 1100
    assert 0.03 <= totals[2023]["p"] / totals[2019]["p"] - 1 <= 0.05
    assert abs(base["p"] / totals[2023]["p"] - 1) <= 0.01
    inputs = inputs_for(Municipality.objects.get(code=165), Scenario())
    result = project(inputs.base, inputs.children, defaults(assumptions()), base_children=inputs.base_children)
    first = inputs.history[0]
    observed_per_year = (inputs.base.pedagogues - first[1]) / (inputs.base.year - first[0])
    assert result.rows[-1].pedagogues - result.rows[0].pedagogues >= min(observed_per_year, 0) * 10 - 1e-9
