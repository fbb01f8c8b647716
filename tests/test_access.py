"""Who may do what: login everywhere but the public pages, then every URL × every kind of user × GET and POST
against one table (tests/access_matrix.py), with refused requests changing nothing. Odd query values on every URL:
tests/test_access_odd_queries.py; forged writes and CSRF: tests/test_access_writes.py."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access_matrix import ADMIN_LOGIN, EXPECTED_ACCESS, LOGIN, POST_DATA, ROLES
from tests.fixtures_access import database_state, log_in_as, outcome

pytestmark = pytest.mark.django_db

PUBLIC = {"healthz", "login", "accessibility", "openid_connect_login", "openid_connect_callback"}
SAMPLE_KWARGS = {"code": 165, "pk": 1, "id": 1, "pathway": "into-education", "slug": "into-education",
                 "provider_id": "albertslund", "kind": "workforce"}


def _named_patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin guards itself with its own login (tested below)
            yield from _named_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, prefix + str(pattern.pattern)


def _sample_url(route: str) -> str:
    url = "/" + route
    for key, value in SAMPLE_KWARGS.items():
        for converter in ["int", "str", "slug", ""]:
            token = f"<{converter}:{key}>" if converter else f"<{key}>"
            url = url.replace(token, str(value))
    assert "<" not in url, f"add a sample value for {route}"
    return url


def test_it_requires_login_on_every_page_but_the_public_ones(client):
    checked = 0
    for name, route in _named_patterns(get_resolver()):
        if name in PUBLIC:
            continue
        url = _sample_url(route)
        response = client.get(url)
        if route.startswith("api/v1/") and name != "docs":
            # A program, not a person: the API answers 401 and asks for a token instead of sending to a form.
            assert response.status_code == 401, url
            assert response["WWW-Authenticate"] == "Bearer", url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        checked += 1
    assert checked >= 2


def test_it_sends_anonymous_admin_visitors_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_login_lands_on_the_own_municipality_and_without_one_on_the_overview(client, chef, admin_user):
    client.post("/accounts/login/", {"username": "chef-test", "password": "test-password-1234"})
    response = client.get("/start/")
    assert response.status_code == 302 and response["Location"] == "/municipalities/165/"
    assert client.get("/").status_code == 200  # the overview stays open to her
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "admin-test", "password": "test-password-1234"})
    assert client.get("/start/")["Location"] == "/"


def test_a_login_with_a_next_page_goes_there(client, chef):
    response = client.post("/accounts/login/?next=/compare/",
                           {"username": "chef-test", "password": "test-password-1234", "next": "/compare/"})
    assert response["Location"] == "/compare/"


def test_it_serves_the_login_page_without_login(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()


def test_it_answers_health_checks_without_login_and_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_logs_in_and_out(client, chef):
    response = client.post("/accounts/login/", {"username": "chef-test", "password": "test-password-1234"})
    assert response.status_code == 302 and response["Location"] == "/start/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_it_rejects_a_wrong_password_in_danish(client, chef):
    response = client.post("/accounts/login/", {"username": "chef-test", "password": "wrong"})
    assert response.status_code == 200
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()


# --- Every URL × every kind of user × GET and POST -------------------------------------------------

def _app_patterns(resolver: URLResolver, prefix: str = ""):
    """(name, route) of every named pattern, the admin's included, with its namespace."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            for name, route in _app_patterns(pattern, prefix + str(pattern.pattern)):
                yield namespace + name, route
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, prefix + str(pattern.pattern)


def _admin_url(name: str, route: str) -> str:
    """A real URL for an admin pattern: the first object of the model, or a harmless sample."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from interventions.models import Intervention

    if name == "admin:app_list":
        return "/admin/interventions/"
    if name == "admin:view_on_site":
        intervention = Intervention.objects.order_by("pk").first()
        return f"/admin/r/{ContentType.objects.get_for_model(Intervention).pk}/{intervention.pk}/"
    if name == "admin:interventions_intervention_simple_history":
        record = Intervention.history.order_by("history_id").first()
        return f"/admin/interventions/intervention/{record.id}/history/{record.history_id}/"
    if name in ("admin:indicators_target_simple_history", "admin:interventions_nonerunconfirmation_simple_history",
                "admin:interventions_knowledgecontact_simple_history"):
        _, app_label, model_name = route.split("/")[:3]
        history = apps.get_model(app_label, model_name).history.order_by("history_id").first()
        ids = (history.id, history.history_id) if history is not None else (1, 1)
        return f"/admin/{app_label}/{model_name}/{ids[0]}/history/{ids[1]}/"
    url = "/" + route
    if "<" in url:
        _, app_label, model_name = route.split("/")[:3]  # admin/<app_label>/<model_name>/…
        model = apps.get_model(app_label, model_name)
        first = model.objects.order_by("pk").first()
        sample = str(first.pk) if first is not None else "1"
        url = url.replace("<path:object_id>", sample).replace("<id>", sample)
    assert "<" not in url and "^" not in url, f"add a sample URL for {name} ({route})"
    return url


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_every_kind_of_user_the_expected_answer_on_every_url(client, access_users, access_objects, role):
    log_in_as(client, access_users[role])
    patterns = dict(_app_patterns(get_resolver()))
    ours = [name for name in patterns if not name.startswith("admin:")]
    unknown = sorted(set(ours) - set(EXPECTED_ACCESS))
    assert not unknown, f"URL names without an expected access in EXPECTED_ACCESS: {unknown}"
    assert not set(EXPECTED_ACCESS) - set(ours), "EXPECTED_ACCESS names URLs that no longer exist"

    answers, expected = {}, {}
    for name, (url, by_role) in EXPECTED_ACCESS.items():  # in the table's order: logout last
        url = url.format(**access_objects)
        for index, method in enumerate(["GET", "POST"]):
            before = database_state()
            response = client.get(url) if method == "GET" else client.post(url, POST_DATA.get(name, {}))
            answers[(name, method)] = outcome(response)
            expected[(name, method)] = by_role[role][index]
            if answers[(name, method)] in (LOGIN, 403, 404, 405):
                assert database_state() == before, f"{role} {method} {url} was refused but changed the database"
    wrong = {f"{method} {name}": f"got {answers[(name, method)]}, expected {expected[(name, method)]}"
             for name, method in answers if answers[(name, method)] != expected[(name, method)]}
    assert wrong == {}


@pytest.mark.parametrize("role", ROLES)
def test_it_keeps_every_admin_page_to_staff(client, access_users, access_objects, role):
    """Django's admin guards itself; this checks that every page of it, ours included, does so for each role."""
    log_in_as(client, access_users[role])
    admin_patterns = [(name, route) for name, route in _app_patterns(get_resolver()) if name.startswith("admin:")]
    assert len(admin_patterns) > 50
    for name, route in admin_patterns:
        url = _admin_url(name, route)
        get = outcome(client.get(url))
        if name == "admin:logout":
            assert get in (ADMIN_LOGIN, 302, 405), url  # sent to the admin's start, or told to POST
        elif name == "admin:login":
            assert get in (200, 302), url
        elif role != "admin":
            # The admin's own pages send to its login; a model's pages meet the site-wide login first.
            refused = {ADMIN_LOGIN, LOGIN} if role == "anonymous" else {ADMIN_LOGIN}
            assert get in refused, f"{role} GET {url}: {get}"
            before = database_state()
            assert outcome(client.post(url, {})) in refused, f"{role} POST {url}"
            assert database_state() == before
        else:
            # Staff see the page, are sent on inside the admin (an object view's redirect), or meet a model's
            # own limits (the login log cannot be added to by hand).
            assert get in (200, 302, 403), f"admin GET {url}: {get}"
