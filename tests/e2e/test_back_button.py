"""Back after an htmx update: on every page htmx updates in place, the user sorts or filters (the URL changes),
goes elsewhere and presses Back. The page must come back whole and styled – never the bare fragment the
browser fetched for the swap (the answers say `Vary: HX-Request`, see recruitment/rendering.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


@dataclass
class Case:
    name: str
    path: str
    act: Callable[[Page], None]
    url_after: str  # a pattern the address matches after the htmx update


def _search(page: Page) -> None:
    page.locator("#q").fill("Alb")


def _planned(page: Page) -> None:
    page.locator("#toggle-planned").click()


def _sort_by_region(page: Page) -> None:
    page.locator("#sort-region").click()


def _internship_tab(page: Page) -> None:
    page.locator("#tab-through-internship").click()


CASES = [
    Case("home", "/", _search, r"/\?q=Alb$"),
    Case("dashboard", "/municipalities/165/", _planned, r"/municipalities/165/\?planned=1$"),
    Case("pathway", "/municipalities/165/pathways/through-internship/", _planned, r"through-internship/\?planned=1$"),
    Case("compare", "/compare/", _sort_by_region, r"/compare/\?.*sort=region"),
    Case("interventions", "/municipalities/165/interventions/", _internship_tab, r"interventions/\?pathway=through"),
]


def _assert_whole_styled_page(page: Page) -> None:
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    # The stylesheet is applied: the header has the site's background, not the browser's transparent default.
    background = page.locator("header.site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_it_shows_the_whole_styled_page_on_back_after_an_htmx_update(page, live_server, chef, login, make_intervention,
                                                                     editor_a, case):
    make_intervention(editor_a, type_slug="supervisor-training", status="running")
    login("chef-test")
    page.goto(f"{live_server.url}{case.path}")
    page.wait_for_load_state("networkidle")
    case.act(page)
    expect(page).to_have_url(re.compile(case.url_after))
    page.wait_for_load_state("networkidle")
    updated_url = page.url

    page.goto(f"{live_server.url}/tilgaengelighed/")
    expect(page.locator("h1")).to_be_visible()
    page.go_back()

    expect(page).to_have_url(updated_url)
    _assert_whole_styled_page(page)
