"""The API in one call (/api/v1/coverage/, /api/v1/regions/<slug>/, /api/v1/municipalities/<code>/targets/) and the
catalogue's certainty, source record and EVA's recommendation: the same numbers as the pages and the
per-municipality endpoint, in a constant number of queries; the schema in Danish and valid."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema

from indicators.models import Target
from interventions.models import Intervention, NoneRunConfirmation
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # the throttle counts live in the cache


@pytest.fixture
def some_reporting(add_intervention, albertslund_known):
    """Albertslund (see tests/test_dashboard.py), Ishøj "none", København one running, Aalborg one planned."""
    add_intervention(101, Intervention.Status.RUNNING, "mentor-scheme")
    add_intervention(851, Intervention.Status.PLANNED, "supervisor-training")
    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=183), confirmed_on=date(2026, 1, 5))


def _everything(client, **params) -> list[dict]:
    answer = client.get("/api/v1/coverage/", {"page_size": 1000, **params}).json()
    assert answer["count"] == len(answer["results"])
    return answer["results"]


@pytest.mark.parametrize("planned", ["", "1"])
def test_every_municipalitys_coverage_equals_its_own_endpoint(chef_client, some_reporting, planned):
    everything = _everything(chef_client, planned=planned)
    assert len(everything) == 98
    for item in everything:
        own = chef_client.get(f"/api/v1/municipalities/{item['municipality']}/coverage/", {"planned": planned}).json()
        assert item["pathways"] == own, item["name"]


def test_it_answers_in_the_same_number_of_queries_for_one_page_or_all(chef_client, some_reporting):
    chef_client.get("/api/v1/coverage/")  # the session and the token machinery warmed once
    counts = []
    for params in [{"page_size": 5}, {"page_size": 1000}, {"page_size": 1000, "region": 1084}]:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert chef_client.get("/api/v1/coverage/", params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]
    assert counts[0] <= 15


def test_it_pages_and_filters_by_region(chef_client, some_reporting):
    first = chef_client.get("/api/v1/coverage/", {"page_size": 10}).json()
    assert first["count"] == 98 and len(first["results"]) == 10 and first["next"]
    hovedstaden = _everything(chef_client, region=1084)
    assert len(hovedstaden) == 29 and {item["region"] for item in hovedstaden} == {1084}
    assert chef_client.get("/api/v1/coverage/", {"region": "x"}).status_code == 400


def test_a_years_coverage_follows_what_ran_that_year(chef_client, make_intervention):
    """Albertslund: supervisor-training 2023-01-01 to 2023-12-31 and student-onboarding from 2025-03-01. Through-
    internship (6 types): 2023 1/6 = 16.7 %, 2024 0 %, 2025 1/6 = 16.7 %. 2022: it had not reported (null)."""
    make_intervention(None, 165, "supervisor-training", status="ended", start_date=date(2023, 1, 1),
                      end_date=date(2023, 12, 31))
    make_intervention(None, 165, "student-onboarding", status="running", start_date=date(2025, 3, 1))

    def internship(year: int) -> dict:
        rows = next(i for i in _everything(chef_client, year=year) if i["municipality"] == 165)["pathways"]
        return next(row for row in rows if row["pathway"] == "through-internship")

    assert (internship(2023)["running_types"], internship(2023)["catalogue_coverage_pct"]) == (1, 16.7)
    assert (internship(2024)["running_types"], internship(2024)["catalogue_coverage_pct"]) == (0, 0.0)
    assert internship(2025)["catalogue_coverage_pct"] == 16.7
    assert internship(2025)["region_reporting"] == 1 and internship(2025)["region_total"] == 29
    assert internship(2022)["catalogue_coverage_pct"] is None and internship(2022)["target_groups_reached"] is None
    assert chef_client.get("/api/v1/coverage/", {"year": "2999"}).status_code == 400


def test_the_region_endpoint_is_the_regional_pages_table(chef_client, some_reporting):
    answer = chef_client.get("/api/v1/regions/hovedstaden/").json()
    assert answer["name"] == "KKR Hovedstaden" and answer["region"] == 1084
    assert answer["completeness"]["municipalities"] == 29 and answer["completeness"]["reporting"] == 3
    albertslund = next(row for row in answer["municipalities"] if row["municipality"] == 165)
    internship = next(p for p in albertslund["pathways"] if p["pathway"] == "through-internship")
    assert (internship["running_types"], internship["catalogue_types"], internship["coverage_pct"]) == (2, 6, 33.3)
    # København 0/6 and Ishøj 0/6 report: (33.3 + 0 + 0) / 3 = 11.1.
    average = next(p for p in answer["region_average"]["pathways"] if p["pathway"] == "through-internship")
    assert average["coverage_pct"] == 11.1
    assert chef_client.get("/api/v1/regions/atlantis/").status_code == 404


def test_the_targets_endpoint_gives_each_targets_status(chef_client, reference_data):
    """Baseline 40 (2023), target 60 (2027): +5 a year needed; 46 in 2024 is +6: on track."""
    Target.objects.create(municipality=Municipality.objects.get(code=165), indicator=Target.Indicator.CUSTOM,
                          custom_label="Uddannede vejledere (%)", manual_values="2024; 46", baseline_value=40,
                          baseline_year=2023, target_value=60, target_year=2027, source="Strategi")
    [target] = chef_client.get("/api/v1/municipalities/165/targets/").json()
    assert target["label"] == "Uddannede vejledere (%)" and target["status"] == "on-track"
    assert target["status_text"] == "på vej" and target["observed"] == [{"year": 2024, "value": 46.0}]
    assert chef_client.get("/api/v1/municipalities/999/targets/").status_code == 404


def test_the_catalogue_gives_certainty_source_record_and_recommendation(chef_client, reference_data):
    catalogue = chef_client.get("/api/v1/catalogue/").json()
    curiosity = next(item for item in catalogue if item["slug"] == "curiosity-courses")
    assert curiosity["benchmark"]["confidence"] == "provisional" and curiosity["benchmark"]["certainty"] == "foreløbig"
    assert curiosity["benchmark"]["source_record"]["year"] == 2024 and curiosity["benchmark"]["source_record"]["name"]
    assert curiosity["eva_recommends"] is True
    assert curiosity["recommendation_quote"].startswith("Tilbud om kortere eller længere uddannelses")


def test_the_schema_validates_and_describes_every_endpoint_and_field_in_danish(chef_client):
    schema = json.loads(chef_client.get("/api/v1/openapi.json").content)
    validate_schema(schema)
    for path in ["/api/v1/coverage/", "/api/v1/regions/{slug}/", "/api/v1/municipalities/{code}/targets/"]:
        assert path in schema["paths"]
    english = ("Only ", "The ", "Share ", "Source name")
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            assert operation.get("summary") and operation.get("description"), path
            assert not operation["description"].startswith(english), path
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            text = spec.get("description", "")
            assert text and not text.startswith(english), f"{name}.{field}"
