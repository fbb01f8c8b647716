"""Shared fixtures: the databases, the reference data, test users by role, and the browser for e2e tests; the
interventions' (fixtures_interventions.py), the imports' (fixtures_imports.py) and the browser pages' helpers
(fixtures_browser.py) are plugins registered here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import expect

from indicators.reference.loader import load_reference_data
from recruitment.models import Membership, Municipality

from .fixtures_browser import ARTIFACTS, log_in, watch_csp
from .fixtures_imports import SAMPLES, csv_bytes
from .fixtures_interventions import edit_form, refused, saved_by
from .people import ALBERTSLUND, ISHOEJ, PASSWORD

# Playwright drives the sync API from a thread with an event loop; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# The rest of the shared fixtures, by concern; every fixture is available to every test as before.
pytest_plugins = ["tests.fixtures_interventions", "tests.fixtures_imports", "tests.fixtures_browser",
                  "tests.fixtures_access", "tests.fixtures_projection"]

# Importable from here as every test always has.
__all__ = ["ALBERTSLUND", "ARTIFACTS", "ISHOEJ", "PASSWORD", "SAMPLES", "csv_bytes", "edit_form", "log_in", "refused",
           "saved_by", "watch_csp"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists():
        return
    e2e = [item for item in items if item.get_closest_marker("e2e")]
    if not e2e:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Chromium is missing at {CHROMIUM}; CI must install it (see .ci/run).")
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    for item in e2e:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None,
                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    """On SQLite the test database is a file, as in production, not Django's default of memory. An in-memory
    database is one connection that the live server's request threads share with each other and with the
    test: the browser's parallel htmx requests (a save's coverage panel and list) then interleave on it, and
    one of them fails now and then ("database table is locked", or a row not found)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # The dict the connection already holds (pytest-django's suffixes are set the same way).
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once for the session; ordinary db tests roll back around it.
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _fast_password_hasher(request: pytest.FixtureRequest) -> None:
    """Users are made with MD5 instead of the production hasher (PBKDF2, about 0.5 s a user on this machine):
    hundreds of tests make users, and none but those marked `real_password_hasher` is about the hash itself."""
    if request.node.get_closest_marker("real_password_hasher"):
        return
    request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with nothing cached: the coverage cached by another test would be right (its key
    is the data version) but would change the number of queries a test counts."""
    cache.clear()


@pytest.fixture
def reference_data(db) -> None:
    # Transactional tests (live server) flush the tables after each test; reload when that happened.
    if Municipality.objects.count() != 98:
        load_reference_data()


def _user(username: str, municipality_code: int | None, role: str | None, **extra: object):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if municipality_code is not None:
        Membership.objects.create(user=user, municipality=Municipality.objects.get(code=municipality_code), role=role)
    return user


@pytest.fixture
def chef(reference_data):
    return _user("chef-test", ALBERTSLUND, Membership.Role.VIEWER, first_name="Dorte")


@pytest.fixture
def editor_a(reference_data):
    return _user("hr-a", ALBERTSLUND, Membership.Role.EDITOR)


@pytest.fixture
def editor_b(reference_data):
    return _user("hr-b", ISHOEJ, Membership.Role.EDITOR)


@pytest.fixture
def admin_user(reference_data):
    return _user("admin-test", None, None, is_staff=True, is_superuser=True)


@pytest.fixture
def chef_client(client, chef):
    client.force_login(chef)
    return client


@pytest.fixture
def editor_a_client(client, editor_a):
    client.force_login(editor_a)
    return client


# --- Browser (e2e) ---------------------------------------------------------------------------

# Assertions on the page wait for their condition up to 15 s, not Playwright's 5 s: the suite runs a browser on
# each core beside the servers, and a page that comes right only after 5 s on such a machine is not a failure.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "viewport": {"width": 1280, "height": 900}}
