"""Making an API token on /profil/: the POST is answered with a redirect, so reloading the page makes no second
token, and the new token is shown once, on the page the redirect leads to, from the session."""

import pytest

from api.models import ApiToken, token_hash

pytestmark = pytest.mark.django_db


def _secret(html: str) -> str | None:
    return next((word for word in html.replace("<", " ").replace(">", " ").split()
                 if word.startswith("pn_") and len(word) > 20), None)


def test_it_redirects_after_making_a_token_and_shows_it_once(chef_client, chef):
    response = chef_client.post("/profil/", {"name": "Power BI", "days": "90"})
    assert response.status_code == 303 and response["Location"] == "/profil/"
    assert _secret(response.content.decode()) is None  # the redirect carries no secret
    shown = chef_client.get("/profil/")
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    raw = _secret(shown.content.decode())
    assert raw is not None and ApiToken.objects.get(user=chef).key_hash == token_hash(raw)
    reloaded = chef_client.get("/profil/")
    assert _secret(reloaded.content.decode()) is None  # shown once
    assert ApiToken.objects.filter(user=chef).count() == 1  # a reload makes no second token


def test_it_keeps_a_refused_form_on_the_page_and_makes_no_token(chef_client, chef):
    response = chef_client.post("/profil/", {"name": "", "days": "90"})
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not ApiToken.objects.exists()
