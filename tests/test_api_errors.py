"""Every API error answers JSON with a Danish message, never a 500 or the site's HTML error page: each endpoint
is asked with odd values in each query parameter it reads; the throttle and the token's scheme speak as the
standards and the users expect."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.urls import URLPattern, get_resolver

from api.models import ApiToken
from indicators.models import DataImport, PopulationProjection, ProjectionAssumption, WorkforceStat
from indicators.projection.scenario import LEVER_FIELDS
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db

ODD_VALUES = ["", "0", "-5", "10000", "9" * 20, "abc", "1e999", "NaN", "<script>", "x" * 10_000, "٣", "1.5",
              "\x00"]
PAGED = ["page", "page_size", "format"]
# Every endpoint and the query parameters it reads (DRF reads ?format= on each). {projection}: filled below.
API_PARAMS: dict[str, tuple[str, list[str]]] = {
    "api:schema": ("/api/v1/openapi.json", ["format", "lang", "version"]),
    "api:regions": ("/api/v1/regions/", PAGED),
    "api:municipalities": ("/api/v1/municipalities/", ["region", *PAGED]),
    "api:coverage": ("/api/v1/municipalities/165/coverage/", ["planned", "format"]),
    "api:practicum": ("/api/v1/municipalities/165/practicum/", ["year", "format"]),
    "api:supervisor-training": ("/api/v1/municipalities/165/supervisor-training/", ["year", "format"]),
    "api:projection": ("/api/v1/municipalities/165/projection/", ["format", "boern", "afgang", "fremskrivning"]),
    "api:pathways": ("/api/v1/pathways/", PAGED),
    "api:catalogue": ("/api/v1/catalogue/", ["format"]),
    "api:interventions": ("/api/v1/interventions/", ["municipality", "region", "year", "status", *PAGED]),
    "api:workforce": ("/api/v1/workforce/", ["municipality", "region", "year", *PAGED]),
    "api:coverage-all": ("/api/v1/coverage/", ["region", "year", "planned", *PAGED]),
    "api:region": ("/api/v1/regions/hovedstaden/", ["format"]),
    "api:targets": ("/api/v1/municipalities/165/targets/", ["format"]),
}
NOT_JSON = {"api:docs", "api:profile", "api:token-revoke"}  # pages for people, tested as pages
# DRF's and our own English, which must not reach a Danish user.
ENGLISH = ["must be", "Invalid", "Not found", "Expected available", "not a valid", "Request was throttled",
           "A valid integer"]


def test_the_table_names_every_api_endpoint():
    api = get_resolver().url_patterns
    names = set()
    for pattern in api:
        for inner in getattr(pattern, "url_patterns", []):
            if isinstance(inner, URLPattern) and getattr(pattern, "namespace", None) == "api":
                names.add(f"api:{inner.name}")
    assert names == set(API_PARAMS) | NOT_JSON


@pytest.fixture
def api_client(client, chef, settings):
    settings.API_RATE_LIMIT = "100000/hour"
    client.force_login(chef)
    albertslund = Municipality.objects.get(code=165)
    data_import = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx",
                                            sha256="0" * 64, size_bytes=10, status=DataImport.Status.SUCCEEDED)
    WorkforceStat.objects.create(year=2025, municipality=albertslund, paedagoger=100, data_import=data_import)
    PopulationProjection.objects.bulk_create([PopulationProjection(
        vintage="DST 2025", year=year, municipality=albertslund, children_0_2=300, children_3_5=600,
        data_import=data_import) for year in range(2025, 2036)])
    return client


def _params(name: str) -> list[str]:
    url, params = API_PARAMS[name]
    if name == "api:projection":  # the scenario's levers and every assumption, as on the page
        params = params + [lever.key for lever in LEVER_FIELDS] + list(
            ProjectionAssumption.objects.values_list("slug", flat=True))
    return params


@pytest.mark.parametrize("name", API_PARAMS)
def test_odd_values_in_every_parameter_get_a_json_answer_in_danish(api_client, name):
    url = API_PARAMS[name][0]
    wrong = []
    for param in _params(name):
        for value in ODD_VALUES:
            cache.clear()  # the throttle's counts and the cached figures: each request on its own
            response = api_client.get(url, {param: value})
            where = f"{url}?{param}={value[:12]!r}"
            if response.status_code >= 500:
                wrong.append(f"{where}: {response.status_code}")
                continue
            if "json" not in response["Content-Type"]:
                wrong.append(f"{where}: {response['Content-Type']}")
                continue
            body = response.content.decode()
            json.loads(body)
            if response.status_code >= 400 and any(word in body for word in ENGLISH):
                wrong.append(f"{where}: {response.status_code} in English: {body[:120]}")
    assert wrong == []


@pytest.mark.parametrize("year", ["0", "-5", "1999", "2101", "10000", "99999", "99999999999999999999"])
@pytest.mark.parametrize("url", ["/api/v1/interventions/", "/api/v1/workforce/",
                                 "/api/v1/municipalities/165/practicum/"])
def test_a_year_out_of_range_is_refused_in_danish(api_client, url, year):
    response = api_client.get(url, {"year": year})
    assert response.status_code == 400
    assert response.json() == {"year": ["Skal være et år mellem 2000 og 2100."]}


@pytest.mark.parametrize("param", ["municipality", "region"])
def test_a_code_too_large_for_the_database_is_refused_in_danish(api_client, param):
    response = api_client.get("/api/v1/interventions/", {param: "9" * 20})
    assert response.status_code == 400
    assert response.json() == {param: ["Skal være et helt tal mellem 0 og 2147483647."]}


def test_a_word_where_a_number_belongs_is_refused_in_danish(api_client):
    response = api_client.get("/api/v1/workforce/", {"region": "abc"})
    assert response.status_code == 400
    assert response.json() == {"region": ["Skal være et helt tal, ikke “abc”."]}


def test_an_unknown_status_is_refused_in_danish(api_client):
    response = api_client.get("/api/v1/interventions/", {"status": "<script>"})
    assert response.status_code == 400
    assert response.json() == {"status": ["Ukendt status “<script>”; vælg en af: planned, running, ended."]}


def test_a_good_year_still_filters(api_client):
    assert api_client.get("/api/v1/workforce/", {"year": "2025"}).json()["count"] == 1
    assert api_client.get("/api/v1/workforce/", {"year": "2024"}).json()["count"] == 0


def test_the_throttle_says_when_to_come_back_in_danish(client, chef, settings):
    settings.API_RATE_LIMIT = "1/hour"
    cache.clear()
    client.force_login(chef)
    assert client.get("/api/v1/regions/").status_code == 200
    response = client.get("/api/v1/regions/")
    assert response.status_code == 429
    detail = response.json()["detail"]
    assert detail.startswith("For mange forespørgsler. Prøv igen om ")
    assert detail.endswith(" sekunder.") and "Expected" not in detail
    seconds = int(detail.removeprefix("For mange forespørgsler. Prøv igen om ").removesuffix(" sekunder."))
    assert 3590 <= seconds <= 3600 and int(response["Retry-After"]) == seconds


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "bEaReR"])
def test_the_token_scheme_is_case_insensitive(client, chef, scheme):
    """RFC 7235: the authentication scheme is a case-insensitive token."""
    cache.clear()
    _token, raw = ApiToken.issue(chef, "Power BI", 90)
    response = client.get("/api/v1/regions/", HTTP_AUTHORIZATION=f"{scheme} {raw}")
    assert response.status_code == 200


def test_another_scheme_is_not_taken_for_a_token(client, chef):
    _token, raw = ApiToken.issue(chef, "Power BI", 90)
    assert client.get("/api/v1/regions/", HTTP_AUTHORIZATION=f"Basic {raw}").status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v1/municipalities/165/nothing/", "/api/v2/regions/"])
def test_an_unknown_api_address_answers_json_in_danish(api_client, path):
    response = api_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Ikke fundet."}


def test_an_unknown_page_still_answers_the_sites_page(chef_client):
    response = chef_client.get("/nothing/")
    assert response.status_code == 404 and "text/html" in response["Content-Type"]
