"""The read API's personal tokens: made on the profile page and shown once, refused when missing, revoked,
expired, unknown or a deactivated user's, revoked only by their owner, their last use recorded; throttling per
user; the API is read-only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from api.models import ApiToken, token_hash

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # the throttle counts live in the cache; each test starts with none


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def token(chef):
    return ApiToken.issue(chef, "Power BI", 90)


def test_it_makes_a_token_on_the_profile_page_shows_it_once_and_stores_only_its_hash(chef_client, chef):
    assert chef_client.post("/profil/", {"name": "Power BI", "days": "90"}).status_code == 303
    response = chef_client.get("/profil/")  # where the redirect leads: the secret, once
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    stored = ApiToken.objects.get(user=chef)
    raw = next(word for word in html.replace("<", " ").replace(">", " ").split() if word.startswith("pn_")
               and len(word) > 20)
    assert stored.key_hash == token_hash(raw) and raw not in json.dumps(list(ApiToken.objects.values()),
                                                                         default=str)
    assert stored.expires_at.date() == (timezone.now() + timedelta(days=90)).date()
    assert raw not in chef_client.get("/profil/").content.decode()  # shown once
    assert chef_client.logout() is None
    assert chef_client.get("/api/v1/regions/", **_bearer(raw)).status_code == 200


def test_it_refuses_a_request_without_credentials_with_401(client):
    response = client.get("/api/v1/municipalities/165/coverage/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


def test_it_refuses_a_revoked_token(client, chef_client, token):
    record, raw = token
    assert client.get("/api/v1/regions/", **_bearer(raw)).status_code == 200
    assert chef_client.post(f"/profil/tokens/{record.pk}/revoke/").status_code == 302
    response = client.get("/api/v1/regions/", **_bearer(raw))
    assert response.status_code == 401
    assert "tilbagekaldt" in response.json()["detail"]


def test_it_refuses_an_expired_token(client, token):
    record, raw = token
    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/regions/", **_bearer(raw)).status_code == 401


@pytest.mark.parametrize("header", ["Bearer pn_not-a-real-token", "Bearer", "Bearer a b", "Bearer sometoken"])
def test_it_refuses_an_unknown_or_malformed_token(client, token, header):
    assert client.get("/api/v1/regions/", HTTP_AUTHORIZATION=header).status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(client, chef, token):
    chef.is_active = False
    chef.save()
    assert client.get("/api/v1/regions/", **_bearer(token[1])).status_code == 401


def test_it_lets_no_one_revoke_someone_elses_token(client, editor_a, token):
    client.force_login(editor_a)
    assert client.post(f"/profil/tokens/{token[0].pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token[0].pk).revoked_at is None


def test_it_records_when_a_token_was_last_used(client, token):
    client.get("/api/v1/regions/", **_bearer(token[1]))
    assert ApiToken.objects.get(pk=token[0].pk).last_used_at is not None


def test_it_throttles_each_user_to_the_configured_rate(client, token, settings):
    settings.API_RATE_LIMIT = "3/minute"
    answers = [client.get("/api/v1/regions/", **_bearer(token[1])).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_it_is_read_only(chef_client):
    assert chef_client.post("/api/v1/interventions/", {}, content_type="application/json").status_code in (403, 405)
