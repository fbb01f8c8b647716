"""Shared fixtures: the reference data, test users by role, and the browser for e2e tests."""

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

# Playwright drives the sync API from a thread with an event loop; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ALBERTSLUND = 165
ISHOEJ = 183
PASSWORD = "test-password-1234"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


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


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot under test-artifacts/screenshots/ for a person to look at."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{name}.png"
        # caret="initial": hiding the caret leaves style="" on inputs, which htmx copies when it swaps
        # them, and the page's CSP then reports a violation that no user would cause.
        page.screenshot(path=str(path), full_page=True, caret="initial")
        return path

    return take


@pytest.fixture
def page_errors(page) -> list[str]:
    """The page's console errors and uncaught JavaScript errors as they happen; a journey ends asserting none."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def login(page, live_server):
    def do_login(username: str, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Brugernavn").fill(username)
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        # A user lands on their own municipality's dashboard, or on the overview without one (/start/).
        page.wait_for_url(lambda url: "/accounts/login/" not in url and "/start/" not in url)

    return do_login


# --- Interventions (the HR consultant's pages) ------------------------------------------------

@pytest.fixture
def editor_a_client(client, editor_a):
    client.force_login(editor_a)
    return client


@pytest.fixture
def make_intervention(reference_data):
    """Creates an intervention the way the pages do (one history entry), by a given user."""
    from interventions.models import Intervention, InterventionType
    from recruitment.models import TargetGroup

    def make(user=None, code: int = ALBERTSLUND, type_slug: str | None = None, groups: tuple[str, ...] = (),
             **fields: object) -> Intervention:
        intervention_type = InterventionType.objects.get(slug=type_slug) if type_slug else None
        fields.setdefault("title", intervention_type.label if intervention_type else "Lokal indsats")
        intervention = Intervention(municipality=Municipality.objects.get(code=code),
                                    intervention_type=intervention_type, created_by=user, **fields)
        slugs = groups or ((intervention_type.target_group.slug,) if intervention_type else ("students",))
        intervention.save_with_target_groups(TargetGroup.objects.filter(slug__in=slugs), user)
        return intervention

    return make


def edit_form(intervention, version: int, **typed: object) -> dict:
    """What the HR edit form posts for an intervention as this test holds it (not read again), opened at `version`;
    `typed` is what the user changed."""
    def text(value: object) -> str:
        return "" if value is None else str(value)

    data = {"title": intervention.title, "intervention_type": text(intervention.intervention_type_id),
            "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
            "start_date": text(intervention.start_date), "end_date": text(intervention.end_date),
            "partners": intervention.partners, "participants_planned": text(intervention.participants_planned),
            "participants_actual": text(intervention.participants_actual), "budget_dkk": text(intervention.budget_dkk),
            "description": intervention.description, "results": intervention.results, "version": str(version)}
    return {**data, **typed}


def saved_by(user, intervention, version: int, **typed: object):
    """Another person's save of the HR edit form, opened at `version`, in a browser of their own."""
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other.post(f"/interventions/{intervention.pk}/edit/", edit_form(intervention, version, **typed))


def refused(response, version: int) -> str:
    """A save refused as stale: the page again, saying someone else saved meanwhile, the form now at the current
    version. Its HTML, for what the test asserts beyond that."""
    html = response.content.decode()
    assert response.status_code == 200
    assert "En anden har gemt ændringer i indsatsen" in html
    assert f'name="version" value="{version}"' in html
    return html


# --- Dashboards: interventions with hand-computed coverage --------------------------------------

@pytest.fixture
def add_intervention(make_intervention):
    """make_intervention, shorter for the dashboard tests: add_intervention(code, status, type_slug, groups)."""

    def add(code: int, status: str, type_slug: str | None = None, groups: list[str] | None = None,
            title: str | None = None):
        return make_intervention(None, code, type_slug, tuple(groups or ()), status=status,
                                 title=title or type_slug or "Lokal indsats")

    return add


@pytest.fixture
def albertslund_known(add_intervention):
    """Albertslund's interventions behind the hand-computed dashboard tests (see tests/test_dashboard.py)."""
    from interventions.models import Intervention

    status = Intervention.Status
    add_intervention(ALBERTSLUND, status.RUNNING, "supervisor-training")  # internship, 78 %
    add_intervention(ALBERTSLUND, status.RUNNING, "student-onboarding")  # internship, 66 %
    add_intervention(ALBERTSLUND, status.PLANNED, "supervisor-network")  # internship, 39 %, planned
    add_intervention(ALBERTSLUND, status.ENDED, "placement-rotation")  # internship, 28 %, ended: never counts
    add_intervention(ALBERTSLUND, status.RUNNING, None, ["seniors"], title="Seniorsamtaler")  # no type: reach only
    add_intervention(ALBERTSLUND, status.RUNNING, "pau-training-agreements")  # no EVA share: reach only


# --- Data imports ------------------------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"


def csv_bytes(rows: list[list[object]], delimiter: str = ";", encoding: str = "cp1252", bom: bool = False) -> bytes:
    """A CSV file as a survey tool or spreadsheet would write it (CRLF line ends)."""
    text = "".join(delimiter.join(str(cell) for cell in row) + "\r\n" for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


@pytest.fixture
def import_file(reference_data):
    """Runs a whole import (check, then write) without the queue; returns the DataImport record."""
    from indicators.imports import jobs

    def run(kind: str, content: bytes, file_name: str = "upload.csv", user=None):
        record = jobs.create(kind, file_name, content, user)
        if jobs.check(record, content).ok:
            jobs.run(record, content)
        record.refresh_from_db()
        return record

    return run


# --- Accessibility (axe-core) and the CSP in the browser ---------------------------------------------

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core, installed by `make test` from package-lock.json (npm ci); CI must have it."""
    if not AXE.exists():
        message = f"axe-core is missing at {AXE}: run `npm ci` (make test does)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def watch_csp(page) -> list[str]:
    """Collects every Content-Security-Policy violation the page reports, as text naming the page.

    Chromium writes its own "Refused to …" console error; the securitypolicyviolation event adds
    which script and line tried (plotly.js or ours). Either one counts.
    """
    seen: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: '"
        " + e.violatedDirective + ' by ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber"
        " + ' ' + JSON.stringify(e.sample) + ' on ' + location.pathname + location.search))")

    def on_console(message) -> None:
        text = message.text
        if message.type == "error" and (text.startswith("CSP violation") or "Content Security Policy" in text):
            seen.append(f"{page.url}: {text}")

    page.on("console", on_console)
    return seen


@pytest.fixture
def csp_violations(page) -> list[str]:
    """Every CSP violation the test's page reports; a test asserts it stays empty."""
    return watch_csp(page)


def log_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Logs in through the form, in any page (the `login` fixture is bound to the default one)."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/start/" not in url)
