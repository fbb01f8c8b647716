"""recruitment.data_version.page_cached: one cached builder per page, keyed by the builder and its arguments under
a data version, which the pages, their CSVs and the API share."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment.data_version import page_cached
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


def test_it_builds_once_per_builder_arguments_and_version(reference_data):
    """Three calls with (Albertslund, True) under version "v1" build once; (Albertslund, False), another version
    and a `then` that finishes the page each build again: 4 builds in all, and the finished page is the one kept
    for its key."""
    built: list[tuple] = []

    def builder(municipality, planned):
        built.append((municipality.code, planned))
        return {"code": municipality.code, "planned": planned}

    albertslund = Municipality.objects.get(code=165)
    keys = {page_cached(builder, albertslund, True, version="v1")[1] for _ in range(3)}
    assert len(keys) == 1
    for _ in range(3):
        assert page_cached(builder, albertslund, True, version="v1")[0]["planned"] is True
    page_cached(builder, albertslund, False, version="v1")[0]["code"]
    page_cached(builder, albertslund, True, version="v2")[0]["code"]
    finished, _key = page_cached(builder, albertslund, True, version="v1", then=lambda page: page.update(done=1))
    assert finished["done"] == 1
    assert built == [(165, True), (165, False), (165, True), (165, True)]


def test_it_keys_dates_and_refuses_an_argument_it_cannot_key():
    assert page_cached(lambda day: day.year, date(2026, 6, 30), version="v")[0] == 2026
    with pytest.raises(TypeError):
        page_cached(lambda thing: thing, object(), version="v")


def test_the_api_takes_the_coverage_the_csv_cached(chef_client, albertslund_known):
    """After coverage.csv for Albertslund, the API's coverage of Albertslund reads no intervention: the same cached
    builder (panel_coverage with the same arguments) answers both; planned=1 is another entry, built anew."""
    chef_client.get("/municipalities/165/coverage.csv")
    with CaptureQueriesContext(connection) as queries:
        assert chef_client.get("/api/v1/municipalities/165/coverage/").status_code == 200
    assert not [q for q in queries.captured_queries if "interventions_intervention" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert chef_client.get("/api/v1/municipalities/165/coverage/?planned=1").status_code == 200
    assert [q for q in queries.captured_queries if "interventions_intervention" in q["sql"]]
