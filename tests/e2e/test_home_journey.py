import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_it_lets_the_head_of_daycare_find_albertslund(page, live_server, chef, login, screenshot):
    login("chef-test")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Kommuner").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kommunerne")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_label("Søg efter kommune").press_sequentially("Albert", delay=40)
    # htmx filters as the user types and keeps the filter in the address bar.
    expect(page.locator("#municipality-list")).to_contain_text("1 kommune")
    expect(page.locator("#municipality-list")).not_to_contain_text("Ishøj")
    expect(page).to_have_url(re.compile(r"\?q=Albert"))
    screenshot("home-filtered")
    page.locator("#municipality-list").get_by_role("link", name="Albertslund").click()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Albertslund")
    screenshot("municipality-albertslund")
