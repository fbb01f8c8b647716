"""The HR consultant records a target in Chromium and sees its status; the head of daycare follows coverage over
time with the target and the path to it drawn, by year and by quarter. No console or CSP error; screenshots at
1366 and 390 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from indicators.reference.demo import seed_demo
from tests.e2e.site import wait_until_complete

pytestmark = pytest.mark.e2e

STATUSES = ["på vej", "skal accelerere", "langt fra", "går den forkerte vej", "for få data"]
# Where a person looks at the screenshots (outside the repository), or the usual test artifacts.
SHOTS = Path(os.environ.get("SHOTS_DIR", Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"))


def _shoot(page: Page, name: str) -> None:
    """The page loaded afresh at each width (charts are laid out for the width they are drawn at); no sideways
    scrolling on a phone."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = page.url
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        wait_until_complete(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width}"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True, caret="initial")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_it_records_a_target_and_follows_it_over_time(page, live_server, editor_a, login, csp_violations, page_errors):
    seed_demo()
    login("hr-a")

    page.goto(f"{live_server.url}/municipalities/165/")
    page.get_by_role("link", name="Kommunens mål og status").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mål")
    page.get_by_role("link", name="Nyt mål").click()
    _shoot(page, "target-form")
    page.get_by_label("Hvad måles").select_option(label="Dækning: Flere godt igennem praktikken (%)")
    page.get_by_label("Udgangsværdi").fill("16,7")
    page.get_by_label("Udgangsår").fill("2023")
    page.get_by_label("Målværdi").fill("66,7")
    page.get_by_label("Målår").fill("2027")
    page.get_by_label("Højere er bedre").check()
    page.get_by_label("Kilde").fill("Rekrutteringsstrategi 2024–2027, s. 4")
    page.get_by_role("button", name="Opret mål").click()

    expect(page).to_have_url(f"{live_server.url}/municipalities/165/targets/")
    expect(page.locator(".messages")).to_contain_text("er oprettet")
    row = page.locator("table.targets tbody tr").first
    expect(row).to_contain_text("Dækning: Flere godt igennem praktikken")
    status = row.locator(".target-status").inner_text()
    assert status in STATUSES
    expect(page.locator(".target-method")).to_contain_text("mindst 95 %")
    wait_until_complete(page)
    _shoot(page, "targets")

    page.goto(f"{live_server.url}/municipalities/165/")
    page.get_by_role("link", name="Se dækningen over tid").click()
    wait_until_complete(page)
    chart = page.locator("#history-through-internship")
    expect(chart.locator("svg.main-svg .legend")).to_contain_text("Mål: Dækning: Flere godt igennem praktikken")
    expect(chart).to_contain_text(status)  # the target's note names its status
    expect(page.locator("#history-body")).to_contain_text("ikke at en indsats er årsag til udviklingen")
    _shoot(page, "coverage-history-years")

    page.get_by_role("link", name="Kvartaler, seneste to år").click()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/coverage/history/?period=quarter")
    wait_until_complete(page)
    expect(page.locator("#history-into-education svg.main-svg .xtick").first).to_contain_text("kvt.")
    _shoot(page, "coverage-history-quarters")
    assert page_errors == [] and csp_violations == []
