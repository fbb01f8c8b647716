"""Single sign-on against a real OpenID Connect provider (oidc-provider on node), started once for the session."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from recruitment.models import Membership, Municipality, SsoGroupMapping, can_edit
from tests.oidc import server

pytestmark = pytest.mark.django_db

CLIENTS = {
    "albertslund": ("paedagoger-albertslund", "albertslund-test-secret-0123456789", "albertslund.dk"),
    "ishoej": ("paedagoger-ishoej", "ishoej-test-secret-0123456789", "ishoej.dk"),
}
ACCOUNTS = {
    "anna": {"email": "anna@albertslund.dk", "name": "Anna Hansen", "given_name": "Anna", "family_name": "Hansen",
             "groups": ["grp-albertslund-hr", "grp-all-staff"]},
    "bo": {"email": "bo@albertslund.dk", "name": "Bo Berg", "groups": ["grp-all-staff"]},
    "eve": {"email": "eve@example.com", "name": "Eve", "groups": ["grp-albertslund-hr"]},
    "ib": {"preferred_username": "ib@ishoej.dk", "name": "Ib Ishøj", "groups": ["grp-ishoej-read"]},
}


@pytest.fixture(scope="session")
def oidc_server():
    reason = server.missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    clients = [{
        "client_id": client_id, "client_secret": secret,
        "redirect_uris": [f"{server.APP_ORIGIN}/accounts/oidc/{name}/login/callback/"],
        "post_logout_redirect_uris": [f"{server.APP_ORIGIN}/accounts/login/"],
        "grant_types": ["authorization_code"], "response_types": ["code"],
    } for name, (client_id, secret, _) in CLIENTS.items()]
    with server.running(clients, ACCOUNTS) as running:
        yield running


@pytest.fixture
def sso(oidc_server, settings, monkeypatch, reference_data):
    """The app configured from the environment as an IT department would, one provider per municipality."""
    from recruitment.settings import _sso_apps

    monkeypatch.setenv("OIDC_PROVIDERS", ",".join(CLIENTS))
    for name, (client_id, secret, domain) in CLIENTS.items():
        prefix = f"OIDC_{name.upper()}_"
        monkeypatch.setenv(prefix + "ISSUER", oidc_server.issuer)
        monkeypatch.setenv(prefix + "CLIENT_ID", client_id)
        monkeypatch.setenv(prefix + "CLIENT_SECRET", secret)
        monkeypatch.setenv(prefix + "EMAIL_DOMAINS", domain)
        monkeypatch.setenv(prefix + "LABEL", f"{name.capitalize()} Kommune")
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": _sso_apps(),
                                                           "SCOPE": ["openid", "profile", "email"]}}
    SsoGroupMapping.objects.create(provider_id="albertslund", group="grp-albertslund-hr",
                                   municipality=Municipality.objects.get(code=165), role=Membership.Role.EDITOR)
    SsoGroupMapping.objects.create(provider_id="ishoej", group="grp-ishoej-read",
                                   municipality=Municipality.objects.get(code=183), role=Membership.Role.VIEWER)
    return oidc_server


def sso_login(client, login: str, provider: str = "albertslund"):
    start = client.post(f"/accounts/oidc/{provider}/login/")
    assert start.status_code == 302, start.content[:300]
    return client.get(server.sign_in_at_provider(start["Location"], login))


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_it_creates_the_user_at_first_login_with_the_mapped_membership(client, sso):
    response = sso_login(client, "anna")
    assert response.status_code == 302 and response["Location"] == "/start/"
    assert _signed_in(client)
    user = get_user_model().objects.get(email="anna@albertslund.dk")
    assert (user.first_name, user.last_name, user.is_staff, user.has_usable_password()) == ("Anna", "Hansen",
                                                                                          False, False)
    assert list(user.memberships.values_list("municipality__code", "role", "from_sso")) == [(165, "editor", True)]
    assert can_edit(user, Municipality.objects.get(code=165))
    assert not can_edit(user, Municipality.objects.get(code=183))


def test_it_gives_no_membership_to_a_group_nobody_mapped(client, sso):
    assert sso_login(client, "bo").status_code == 302
    user = get_user_model().objects.get(email="bo@albertslund.dk")
    assert not user.memberships.exists()
    assert client.get("/municipalities/165/interventions/new/").status_code == 403


def test_it_reads_the_sign_in_name_when_entra_sends_no_email(client, sso):
    assert sso_login(client, "ib", provider="ishoej").status_code == 302
    user = get_user_model().objects.get(email="ib@ishoej.dk")
    assert list(user.memberships.values_list("municipality__code", "role")) == [(183, "viewer")]


def test_it_follows_the_mappings_at_every_login_and_leaves_hand_given_memberships(client, sso):
    sso_login(client, "anna")
    user = get_user_model().objects.get(email="anna@albertslund.dk")
    Membership.objects.create(user=user, municipality=Municipality.objects.get(code=183), role="viewer")
    SsoGroupMapping.objects.filter(group="grp-albertslund-hr").update(role=Membership.Role.VIEWER)
    client.logout()
    sso_login(client, "anna")
    assert sorted(user.memberships.values_list("municipality__code", "role", "from_sso")) == [
        (165, "viewer", True), (183, "viewer", False)]
    SsoGroupMapping.objects.filter(group="grp-albertslund-hr").delete()
    client.logout()
    sso_login(client, "anna")
    assert list(user.memberships.values_list("municipality__code", "from_sso")) == [(183, False)]
    assert get_user_model().objects.filter(email="anna@albertslund.dk").count() == 1


def test_it_refuses_a_user_from_a_domain_the_provider_is_not_set_up_for(client, sso):
    response = sso_login(client, "eve")
    assert response.status_code == 403
    assert "hører ikke til en kommune" in response.content.decode()
    assert not _signed_in(client)
    assert not get_user_model().objects.filter(email="eve@example.com").exists()


def test_it_refuses_an_albertslund_user_at_ishoejs_provider(client, sso):
    assert sso_login(client, "anna", provider="ishoej").status_code == 403
    assert not _signed_in(client)


@pytest.mark.parametrize("mode", ["wrong-audience", "expired", "tampered"])
def test_it_refuses_an_id_token_that_is_not_for_us_or_not_genuine(client, sso, mode):
    users_before = get_user_model().objects.count()
    sso.spoil_next_id_token(mode)
    response = sso_login(client, "anna")
    assert response.status_code == 400
    assert "Login via din kommunes identitetsudbyder lykkedes ikke" in response.content.decode()
    assert not _signed_in(client)
    assert get_user_model().objects.count() == users_before


def test_it_never_signs_in_to_a_local_account_with_the_same_email(client, sso, admin_user):
    admin_user.email = "anna@albertslund.dk"
    admin_user.save()
    sso_login(client, "anna")
    signed_in = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    assert signed_in != admin_user and not signed_in.is_staff


def test_it_refuses_a_deactivated_sso_user(client, sso):
    sso_login(client, "anna")
    get_user_model().objects.filter(email="anna@albertslund.dk").update(is_active=False)
    client.logout()
    assert sso_login(client, "anna").status_code == 403
    assert not _signed_in(client)


def test_it_ends_the_providers_session_on_logout(client, sso):
    sso_login(client, "anna")
    response = client.post("/accounts/logout/")
    assert not _signed_in(client)
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}" == sso.issuer
    query = parse_qs(url.query)
    assert query["client_id"] == ["paedagoger-albertslund"]
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert requests.get(response["Location"], timeout=5).status_code == 200  # the provider's sign-out page


def test_it_logs_a_local_user_out_locally(client, chef):
    client.force_login(chef)
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert not _signed_in(client)


def test_it_offers_a_button_per_provider_beside_the_password_form(client, sso):
    html = client.get("/accounts/login/").content.decode()
    assert 'action="/accounts/oidc/albertslund/login/"' in html and "Log ind med Albertslund Kommune" in html
    assert 'action="/accounts/oidc/ishoej/login/"' in html
    assert 'name="password"' in html


def test_it_shows_only_the_password_form_without_sso(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/oidc/" not in html and 'name="password"' in html


def test_it_answers_404_for_a_provider_that_is_not_configured(client, sso):
    assert client.post("/accounts/oidc/nowhere/login/").status_code == 404


def test_it_refuses_a_login_started_with_a_get(client, sso):
    """A link (in a mail, on another site) cannot start a login: the buttons POST with the CSRF token."""
    assert client.get("/accounts/oidc/albertslund/login/").status_code != 302


def test_it_fails_loudly_on_an_incomplete_provider_configuration(monkeypatch):
    from recruitment.settings import _sso_apps

    monkeypatch.setenv("OIDC_PROVIDERS", "albertslund")
    monkeypatch.setenv("OIDC_ALBERTSLUND_ISSUER", "https://login.microsoftonline.com/tenant/v2.0")
    with pytest.raises(ImproperlyConfigured, match="OIDC_ALBERTSLUND_CLIENT_ID"):
        _sso_apps()
