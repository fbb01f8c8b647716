"""The strict Content-Security-Policy holds on every page type: every answer carries it, and the browser
reports no violation while each page loads, draws its charts and runs its htmx interactions (the walk
in tests/e2e/site.py).

The walk goes as a phone (390 px wide) – the accessibility test walks as a desktop – and checks on the
way that no page scrolls sideways (and no import page's table either), so one walk serves both."""

from __future__ import annotations

import pytest

from indicators.reference.demo import seed_demo
from tests.conftest import ARTIFACTS, watch_csp
from tests.e2e import site
from tests.e2e.site import PHONE, WALK_PARTS, Visit, build_visits, sideways_overflow, walk, walk_part

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("part", WALK_PARTS)
def test_it_reports_no_csp_violation_on_any_page(browser, live_server, monkeypatch, reference_data, chef,
                                                  editor_a, admin_user, make_intervention, screenshot, part):
    seed_demo()
    visits = walk_part(build_visits(make_intervention, editor_a, admin_user), part)
    reports: list[list[str]] = []
    checked: list[str] = []
    overflowing: list[str] = []
    printed: list[str] = []
    screenshots = ARTIFACTS / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)

    def check(page, visit: Visit, response) -> None:
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, f"{visit.name}: {policy!r}"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, visit.name
        checked.append(visit.name)
        if sticking_out := sideways_overflow(page):
            overflowing.append(f"{visit.name} ({visit.path}): " + ", ".join(sticking_out))
        # The import pages' tables become cards on a phone: a problem's message is never cut at the screen's edge.
        if visit.name.startswith("import") and (cut := site.scrolled_tables(page)):
            overflowing.append(f"{visit.name} ({visit.path}), tables cut: " + ", ".join(cut))
        # A whole page on a phone runs to some 19,000 px: on a busy machine it takes longer than the default 30 s.
        page.screenshot(path=str(screenshots / f"phone-{visit.name}.png"), full_page=True, caret="initial",
                        timeout=90_000)
        if visit.name == "dashboard":
            printed.extend(_hidden_in_print(page))

    def _hidden_in_print(page) -> list[str]:
        """The browser's own print: no navigation, demo banner, toggle or buttons (app.css, @media print)."""
        page.emulate_media(media="print")
        shown = [selector for selector in [".site-header", ".demo-banner", ".page-nav", ".toggle", ".brief-form",
                                           ".site-footer", "a.button"]
                 if page.locator(selector).first.count() and page.locator(selector).first.is_visible()]
        assert page.locator("#coverage-panel").is_visible()
        page.emulate_media(media="screen")
        return shown

    walk(browser, live_server.url, visits, monkeypatch, check, prepare=lambda page: reports.append(watch_csp(page)),
         viewport=PHONE)
    assert checked == [visit.name for visit in visits]
    violations = [line for seen in reports for line in seen]
    assert violations == [], "CSP violations:\n" + "\n".join(violations)
    assert overflowing == [], "pages wider than a phone's 390 px:\n" + "\n".join(overflowing)
    assert printed == [], f"shown in the dashboard's print: {printed}"
