"""Password guessing is throttled (django-axes): the fifth wrong password in a row locks that username
from that address for 15 minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

from recruitment.security import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Indtast venligst korrekt brugernavn og adgangskode"


def _login(client, password: str, address: str = "192.0.2.10", **headers: str):
    return client.post("/accounts/login/", {"username": "chef-test", "password": password},
                       REMOTE_ADDR=address, headers=headers)


def _guess(client, times: int, address: str = "192.0.2.10") -> None:
    for _ in range(times):
        response = _login(client, "wrong-guess", address)
        assert response.status_code == 200 and WRONG in response.content.decode()


def _lock(client, address: str = "192.0.2.10"):
    _guess(client, 4, address)
    response = _login(client, "wrong-guess", address)
    assert response.status_code == 429
    return response


def test_it_allows_four_wrong_passwords(client, chef):
    assert settings.AXES_FAILURE_LIMIT == 5
    _guess(client, 4)
    response = _login(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/start/"


def test_it_locks_the_username_from_that_address_at_the_fifth_wrong_password_in_danish(client, chef):
    html = _lock(client).content.decode()
    assert "For mange forsøg på at logge ind" in html
    assert "Adgangskoden er skrevet forkert 5 gange i træk." in html
    assert "de næste 15 minutter" in html
    assert 'lang="da"' in html
    assert _login(client, PASSWORD).status_code == 429  # even the right password is refused now
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still not logged in


def test_it_lets_the_same_user_in_from_another_address(client, chef):
    _lock(client)
    assert _login(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_it_clears_the_count_after_a_successful_login(client, chef):
    _guess(client, 4)
    assert _login(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    _guess(client, 4)
    assert _login(client, PASSWORD).status_code == 302


def test_it_lets_the_user_try_again_after_the_cool_off(client, chef):
    _lock(client)
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, PASSWORD).status_code == 302


def test_it_counts_the_address_the_reverse_proxy_saw_not_one_the_client_made_up(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", headers={"X-Forwarded-For": "203.0.113.66, 192.0.2.10"})
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # one proxy: it appended the address it saw last
    assert client_ip(request) == "192.0.2.10"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.66"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: the header is not to be trusted
    assert client_ip(request) == "10.0.0.2"


def test_it_locks_behind_a_proxy_by_the_forwarded_address(client, chef, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for forged in range(5):  # the guesser varies the part of the header it controls
        response = _login(client, "wrong-guess", "10.0.0.2", **{"X-Forwarded-For": f"203.0.113.{forged}, 192.0.2.10"})
        assert response.status_code == (429 if forged == 4 else 200)
    assert _login(client, PASSWORD, "10.0.0.2", **{"X-Forwarded-For": "192.0.2.10"}).status_code == 429
    # A colleague behind the same proxy, from another address, still gets in.
    assert _login(client, PASSWORD, "10.0.0.2", **{"X-Forwarded-For": "192.0.2.99"}).status_code == 302


# --- Password spraying: one password over many usernames from one address -------------------

def _spray(client, usernames: list[str], address: str = "192.0.2.10") -> list[int]:
    return [client.post("/accounts/login/", {"username": name, "password": "Sommer2026!"},
                        REMOTE_ADDR=address).status_code for name in usernames]


def test_it_locks_an_address_that_sprays_one_password_over_many_usernames(client, chef, settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 20
    statuses = _spray(client, [f"user-{n}" for n in range(20)])
    # Never five for one username, but the twentieth wrong password from the address locks it.
    assert statuses == [200] * 19 + [429]
    locked = _login(client, PASSWORD)
    assert locked.status_code == 429  # every username from that address, for the cool-off
    html = locked.content.decode()
    assert "Der er skrevet forkerte adgangskoder til mange brugernavne fra din adresse." in html
    assert "de næste 15 minutter" in html
    # Another address is not affected.
    assert _login(client, PASSWORD, address="198.51.100.7").status_code == 302


def test_an_office_behind_one_address_is_not_locked_by_ordinary_typos(client, chef):
    # Nineteen colleagues each mistype once: below both limits.
    assert _spray(client, [f"colleague-{n}" for n in range(19)]) == [200] * 19
    assert _login(client, PASSWORD).status_code == 302


@pytest.mark.real_password_hasher
def test_outside_the_tests_passwords_are_stored_with_pbkdf2_and_a_login_checks_them(client, chef):
    """The suite makes users with a fast hasher; this one is made, and logs in, with the production hasher."""
    assert chef.password.startswith("pbkdf2_sha256$")
    assert _login(client, PASSWORD).status_code == 302
