"""The intervention list in pages of 50, in Chromium: "Vis 50 mere" appends the next rows in
place and keeps the keyboard focus; without JavaScript the same link opens the next page, filters kept."""

from datetime import date

import pytest
from playwright.sync_api import expect

from interventions.models import Intervention
from recruitment import data_version
from recruitment.models import Municipality
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def many_in_albertslund(reference_data):
    albertslund = Municipality.objects.get(code=165)
    Intervention.objects.bulk_create([
        Intervention(municipality=albertslund, title=f"Indsats {number:03d}", status="running",
                     start_date=date(2024, 1, 1)) for number in range(120)])
    data_version.bump()  # bulk_create sends no signals


def test_it_shows_fifty_more_in_place_and_keeps_the_focus(page, live_server, login, screenshot, editor_a,
                                                          many_in_albertslund):
    login("hr-a")
    page.goto(live_server.url + "/municipalities/165/interventions/")
    rows = page.locator("tr[id^=intervention-]")
    expect(rows).to_have_count(50)
    expect(page.locator("#list-status")).to_have_text("Viser 1–50 af 120 indsatser")
    page.get_by_role("link", name="Vis 50 mere").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(100)
    expect(page.locator("#list-status")).to_have_text("Viser 1–100 af 120 indsatser")
    expect(page.get_by_role("navigation", name="Sider")).to_contain_text("Side 2 af 3")
    expect(page.get_by_role("link", name="Vis 50 mere")).to_be_focused()
    screenshot("intervention-list-show-more")
    page.get_by_role("link", name="Vis 50 mere").click()
    expect(rows).to_have_count(120)
    expect(page.get_by_role("link", name="Vis 50 mere")).to_have_count(0)


def test_it_pages_with_plain_links_without_javascript(browser, live_server, editor_a, many_in_albertslund):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Brugernavn").fill("hr-a")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.goto(live_server.url + "/municipalities/165/interventions/?status=running")
    page.get_by_role("link", name="Vis 50 mere").click()
    assert page.url.endswith("/municipalities/165/interventions/?status=running&page=2")
    expect(page.locator("#list-status")).to_have_text("Viser 51–100 af 120 indsatser")
    page.get_by_role("link", name="Næste side").click()
    assert page.url.endswith("?status=running&page=3")
    expect(page.locator("tr[id^=intervention-]")).to_have_count(20)
    context.close()
