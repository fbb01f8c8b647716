"""The read API (/api/v1/): schema, the pages' numbers, pagination, no leaks, the projection; tokens and throttling
in test_api_tokens.py."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from drf_spectacular.validation import validate_schema

from indicators.models import DataImport, PracticumEvaluationCount
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # the throttle counts live in the cache; each test starts with none


# --- The schema and the documentation --------------------------------------------------------------

def test_it_serves_a_valid_openapi_schema_with_the_two_fixed_addresses(chef_client):
    response = chef_client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/")
    schema = json.loads(response.content)
    validate_schema(schema)  # raises on an invalid OpenAPI 3 document
    assert "/api/v1/municipalities/{code}/coverage/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["personalToken"]["scheme"] == "bearer"


def test_it_documents_every_endpoint_on_a_page(chef_client):
    html = chef_client.get("/api/v1/docs/").content.decode()
    for path in ["/api/v1/municipalities/{code}/coverage/", "/api/v1/interventions/", "/api/v1/catalogue/"]:
        assert path in html
    assert 'href="/api/v1/openapi.json"' in html


# --- The same numbers as the pages ------------------------------------------------------------------

def test_it_gives_coverage_with_exactly_the_csv_columns_and_numbers(chef_client, albertslund_known):
    """Hand-computed in tests/test_coverage_csv.py: e.g. through-internship 2 of 6 = 33.3 against 47.0."""
    api = chef_client.get("/api/v1/municipalities/165/coverage/").json()
    rows = list(csv.DictReader(io.StringIO(chef_client.get("/municipalities/165/coverage.csv").content.decode())))
    assert [list(item) for item in api] == [list(row) for row in rows]
    assert api[1] == {"pathway": "through-internship", "catalogue_types": 6, "running_types": 2,
                      "catalogue_coverage_pct": 33.3, "eva_expected_pct": 47.0, "difference_pts": -13.7,
                      "target_groups_total": 1, "target_groups_reached": 1,
                      "region_average_pct": 33.3, "region_reporting": 1, "region_total": 29}
    for item, row in zip(api, rows, strict=True):
        assert {key: str(value) for key, value in item.items()} == row


def test_it_counts_plans_in_coverage_with_planned_1_as_the_csv_does(chef_client, albertslund_known):
    api = chef_client.get("/api/v1/municipalities/165/coverage/?planned=1").json()
    assert api[1]["catalogue_coverage_pct"] == 50.0 and api[1]["difference_pts"] == 3.0
    assert api[1]["running_types"] == 2


def test_it_answers_404_for_an_unknown_municipality(chef_client):
    assert chef_client.get("/api/v1/municipalities/999/coverage/").status_code == 404


def test_it_gives_the_catalogue_with_benchmark_share_certainty_and_source(chef_client):
    catalogue = chef_client.get("/api/v1/catalogue/").json()
    assert len(catalogue) == 43
    training = next(item for item in catalogue if item["slug"] == "supervisor-training")
    assert training["pathway"] == "through-internship" and training["target_group"] == "students"
    assert training["benchmark"]["share_pct"] == 78.0 and training["benchmark"]["confidence"] == "high"
    assert training["benchmark"]["source_publisher"] and training["benchmark"]["source_year"] == 2024


def test_it_lists_pathways_with_their_target_groups(chef_client):
    pathways = chef_client.get("/api/v1/pathways/").json()["results"]
    assert [(p["slug"], [g["slug"] for g in p["target_groups"]]) for p in pathways] == [
        ("into-education", ["assistants", "sabbatical-youth", "career-changers"]),
        ("through-internship", ["students"]),
        ("stay-in-job", ["new-graduates", "experienced", "seniors"]),
    ]


# --- Pagination and filters -----------------------------------------------------------------------

def test_it_pages_and_filters_municipalities_by_region(chef_client):
    everything = chef_client.get("/api/v1/municipalities/").json()
    assert everything["count"] == 98 and len(everything["results"]) == 98 and everything["next"] is None
    first = chef_client.get("/api/v1/municipalities/?page_size=10").json()
    assert len(first["results"]) == 10 and first["next"].endswith("page=2&page_size=10")
    hovedstaden = chef_client.get("/api/v1/municipalities/?region=1084").json()
    assert hovedstaden["count"] == 29
    assert {"code": 165, "name": "Albertslund", "region": 1084} in hovedstaden["results"]


def test_it_refuses_a_filter_that_is_not_a_number(chef_client):
    response = chef_client.get("/api/v1/municipalities/?region=hovedstaden")
    assert response.status_code == 400 and "region" in response.json()


def test_it_filters_interventions_by_municipality_region_and_year(chef_client, make_intervention, editor_a, editor_b):
    make_intervention(editor_a, type_slug="supervisor-training", status="running", start_date=date(2024, 3, 1),
                      title="Vejlederkursus")
    make_intervention(editor_a, type_slug="mentor-scheme", status="running", start_date=date(2026, 1, 5),
                      title="Mentorer")
    make_intervention(editor_b, code=183, type_slug="mentor-scheme", status="planned", title="Ishøjs mentorer")
    titles = lambda query: [i["title"] for i in chef_client.get(f"/api/v1/interventions/{query}").json()["results"]]  # noqa: E731
    assert titles("?municipality=165") == ["Vejlederkursus", "Mentorer"]
    assert titles("?municipality=165&year=2025") == ["Vejlederkursus"]
    assert titles("?region=1084&status=planned") == ["Ishøjs mentorer"]
    assert titles("?region=1082") == []
    item = chef_client.get("/api/v1/interventions/?municipality=183").json()["results"][0]
    assert item["municipality"] == 183 and item["intervention_type"] == "mentor-scheme"


# --- No leaks -------------------------------------------------------------------------------------

@pytest.fixture
def few_answers(reference_data):
    """Albertslund 2024: 2 of 3 positive (too few to show); Ishøj 2024: 6 of 8 = 75 %."""
    record = DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    for code, counts in [(165, {"helt_enig": 2, "helt_uenig": 1}),
                         (183, {"helt_enig": 4, "delvist_enig": 2, "helt_uenig": 2})]:
        PracticumEvaluationCount.objects.create(year=2024, municipality=Municipality.objects.get(code=code),
                                                education="paedagog", role="studerende", question="vende_tilbage",
                                                data_import=record, **counts)


def test_it_never_sends_a_share_built_on_fewer_than_5_answers(chef_client, few_answers):
    rows = chef_client.get("/api/v1/municipalities/165/practicum/").json()
    assert rows == [{"question": "vende_tilbage", "question_text": "Jeg vil gerne vende tilbage i fremtidig ansættelse",
                     "year": 2024, "education": "paedagog", "role": "studerende",
                     "municipality": {"pct": None, "n": 3, "suppressed": True, "left_out": 0},
                     # Without Albertslund: the region and the country minus Ishøj must not give its 2 of 3.
                     "region": {"pct": 75.0, "n": 8, "suppressed": False, "left_out": 1},
                     "country": {"pct": 75.0, "n": 8, "suppressed": False, "left_out": 1}}]
    assert "66.6" not in json.dumps(rows)  # 2 of 3, in any rounding


def _download(client, url: str) -> list[list[str]]:
    """A CSV download's cells in either dialect, numbers with a decimal point."""
    content = client.get(url).content
    danish = content.startswith(b"\xef\xbb\xbf")
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";" if danish else ",")
    return [[cell.replace(",", ".") if danish else cell for cell in row] for row in rows]


def test_it_gives_the_practicum_shares_the_dashboard_shows(chef_client, few_answers):
    api = chef_client.get("/api/v1/municipalities/183/practicum/?year=2024").json()
    assert api[0]["municipality"] == {"pct": 75.0, "n": 8, "suppressed": False, "left_out": 0}
    # The dashboard's table under the chart: year, then share and n for Ishøj, the region and all.
    page = _download(chef_client, "/municipalities/183/?csv=practicum-return")
    # Albertslund's 3 answers are too few: the region and all are Ishøj alone.
    assert page[1][:7] == ["2024", "75.0", "8", "75.0", "8", "75.0", "8"]
    item = api[0]
    assert [f"{item[key]['pct']:.1f}" for key in ("municipality", "region", "country")] == [page[1][1], page[1][3],
                                                                                          page[1][5]]
    assert chef_client.get("/api/v1/municipalities/183/practicum/?year=2023").json() == []


def test_it_gives_no_user_or_history_data_with_the_interventions(chef_client, make_intervention, editor_a):
    make_intervention(editor_a, type_slug="supervisor-training", status="running", title="Vejlederkursus")
    text = chef_client.get("/api/v1/interventions/").content.decode()
    assert editor_a.username not in text and "created_by" not in text and "history" not in text


def test_it_gives_supervisors_training_with_small_numbers_suppressed(chef_client, reference_data):
    from indicators.models import SupervisorTrainingCount

    record = DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    albertslund = Municipality.objects.get(code=165)
    for year, answered, formal in [(2024, 8, 6), (2025, 4, 1)]:
        SupervisorTrainingCount.objects.create(year=year, municipality=albertslund, education="paedagog",
                                               answered=answered, formal=formal, internal_course=2,
                                               no_training=1, data_import=record)
    rows = chef_client.get("/api/v1/municipalities/165/supervisor-training/").json()
    assert [(row["year"], row["formal"], row["no_training"]["pct"]) for row in rows] == [
        (2024, {"pct": 75.0, "n": 8, "suppressed": False, "left_out": 0}, 12.5),
        (2025, {"pct": None, "n": 4, "suppressed": True, "left_out": 0}, None)]
    assert "25.0" not in json.dumps(rows[1])  # 1 of 4


def test_it_answers_the_intervention_list_in_the_same_number_of_queries_however_long(chef_client, make_intervention,
                                                                                     editor_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert chef_client.get("/api/v1/interventions/").status_code == 200
        return len(captured)

    make_intervention(editor_a, type_slug="supervisor-training", status="running", title="En")
    few = queries()
    for slug in ["mentor-scheme", "student-onboarding", "placement-evaluation", "supervisor-network"]:
        make_intervention(editor_a, type_slug=slug, status="running", title=slug, groups=("students", "seniors"))
    assert queries() == few


# --- The workforce projection ------------------------------------------------------------------------

def test_it_gives_the_projection_with_the_csv_numbers(chef_client):
    """Albertslund as in test_projection_pages.py: 2027 has D = 104,65 and G = −25,578583 (hand-computed there)."""
    from tests.projection_samples import add_projection, add_stat

    record = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx", sha256="0" * 64,
                                       size_bytes=10, status=DataImport.Status.SUCCEEDED)
    url = "/api/v1/municipalities/165/projection/"
    missing = chef_client.get(url)
    assert missing.status_code == 404 and "personalestatistik" in missing.json()["detail"]
    add_stat(record)
    add_projection(record)
    body = chef_client.get(url).json()
    assert (body["vintage"], body["variant"], body["base_year"]) == ("DST 2025", "central", 2025)
    assert body["rows"][2] == {"year": 2027, "children_0_2": 36.0, "children_3_5": 66.0, "demand_fte": 104.7,
                               "supply_persons": 86.9, "supply_fte": 79.1, "gap_fte": -25.6}
    page_csv = chef_client.get("/municipalities/165/projection.csv").content.decode().splitlines()
    assert [",".join(str(row[column]) for column in row) for row in body["rows"]] == page_csv[1:]
