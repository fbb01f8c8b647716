"""Login is required everywhere but the health check and the login page."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"healthz", "login", "accessibility"}
SAMPLE_KWARGS = {"code": 165, "pk": 1, "id": 1, "pathway": "into-education", "slug": "into-education"}


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
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
        checked += 1
    assert checked >= 2


def test_it_sends_anonymous_admin_visitors_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


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
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_it_rejects_a_wrong_password_in_danish(client, chef):
    response = client.post("/accounts/login/", {"username": "chef-test", "password": "wrong"})
    assert response.status_code == 200
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()
