"""The head of daycare's journey through the dashboards in Chromium, with screenshots of every page."""

import re

import pytest
from playwright.sync_api import expect

from indicators.reference.demo import seed_demo
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_data(reference_data):
    seed_demo()


def _chart_drawn(page, selector: str) -> None:
    expect(page.locator(f"{selector} .chart-canvas svg.main-svg").first).to_be_visible()


def test_it_takes_the_head_of_daycare_from_the_dashboard_to_the_comparison(
        page, live_server, chef, demo_data, login, screenshot, csp_violations):
    login("chef-test")
    # She lands on her own municipality; the national overview is one click away.
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/")
    expect(page.locator("#verdicts")).to_contain_text("Flere godt igennem praktikken:")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kommuner").click()
    expect(page.locator("#national-summary")).to_contain_text("Landsoverblik")
    _chart_drawn(page, "#national-into-education")
    screenshot("dashboards-home-national-summary")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Albertslund").click()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/")
    expect(page.locator(".pathway-panel")).to_have_count(3)
    _chart_drawn(page, "#chart-through-internship")
    expect(page.locator("#worth-considering")).to_contain_text("Værd at overveje")
    expect(page.locator("#key-facts")).to_contain_text("Kilde:")
    screenshot("dashboards-municipality-albertslund")

    chart = page.locator("#chart-through-internship")
    table = chart.locator("details.chart-table table")
    expect(table).to_be_hidden()
    chart.get_by_text("Vis tallene i en tabel").click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("Opkvalificering af praktikvejledere")
    chart.scroll_into_view_if_needed()
    screenshot("dashboards-chart-table-open")

    # The toggle swaps the dashboard in place (htmx), keeps the choice in the URL and redraws the charts.
    page.get_by_role("link", name="I gang og planlagte").click()
    expect(page).to_have_url(re.compile(r"/municipalities/165/\?planned=1$"))
    expect(page.locator("#toggle-planned")).to_have_attribute("aria-current", "true")
    _chart_drawn(page, "#chart-stay-in-job")
    # Back and forth: the pages come back whole, charts drawn, without the snapshots the CSP would refuse.
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/")
    expect(page.locator("#toggle-running")).to_have_attribute("aria-current", "true")
    _chart_drawn(page, "#chart-stay-in-job")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/municipalities/165/\?planned=1$"))
    _chart_drawn(page, "#chart-stay-in-job")

    page.locator("#coverage-panel").get_by_role(
        "link", name=re.compile("Se vejen i dybden.*Flere godt igennem praktikken")).click()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/pathways/through-internship/?planned=1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Flere godt igennem praktikken")
    expect(page.locator(".target-group")).to_have_count(1)
    _chart_drawn(page, "#chart-through-internship")
    screenshot("dashboards-pathway-through-internship")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Sammenlign").click()
    expect(page.get_by_label("Kommuner", exact=True)).to_have_value("region.1084")
    expect(page.locator("tr.mine")).to_contain_text("Albertslund")
    _chart_drawn(page, "#heatmap")
    screenshot("dashboards-compare-region")

    page.get_by_label("Kommuner", exact=True).select_option(label="Alle kommuner")
    expect(page).to_have_url(re.compile(r"/compare/\?sammenlign=alle"))
    expect(page.locator(".compare-table tbody tr")).to_have_count(98)
    _chart_drawn(page, "#heatmap")
    page.get_by_role("link", name=re.compile("^Flere til at blive i jobbet")).click()  # sort by that pathway
    expect(page).to_have_url(re.compile(r"sammenlign=alle.*sort=stay-in-job&dir=desc"))
    expect(page.locator(".compare-table thead th[aria-sort=descending]")).to_contain_text("Flere til at blive")
    screenshot("dashboards-compare-all")

    page.reload()  # the filter lives in the URL
    expect(page.get_by_label("Kommuner", exact=True)).to_have_value("alle")
    expect(page.locator(".compare-table tbody tr")).to_have_count(98)
    assert csp_violations == []


def test_it_reads_without_javascript(browser, live_server, chef, demo_data):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brugernavn").fill("chef-test")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"{live_server.url}/municipalities/165/")
    expect(page.locator(".pathway-panel")).to_have_count(3)
    expect(page.locator("#chart-into-education .chart-fallback")).to_contain_text("Tallene står i tabellen")
    page.locator("#chart-into-education summary").click()  # <details> opens without JavaScript
    expect(page.locator("#chart-into-education table")).to_be_visible()
    page.get_by_role("link", name="I gang og planlagte").click()
    expect(page).to_have_url(re.compile(r"\?planned=1$"))

    page.goto(f"{live_server.url}/compare/")
    page.get_by_label("Kommuner", exact=True).select_option(label="Alle kommuner")
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"/compare/\?sammenlign=alle"))
    expect(page.locator(".compare-table tbody tr")).to_have_count(98)
    page.screenshot(path=str(_artifacts() / "dashboards-compare-without-javascript.png"), full_page=True)
    context.close()


def _artifacts():
    from tests.conftest import ARTIFACTS

    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
