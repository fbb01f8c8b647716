"""Fixtures and helpers for the browser (e2e) tests: screenshots, the page's errors, logging in, axe-core and the
CSP's violations. A plugin of tests/conftest.py (which sets Chromium up)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .people import PASSWORD

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


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
