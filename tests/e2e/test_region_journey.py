"""A KKR secretary reads the regional page in Chromium at 1366 and 390 px: the table sorts in place (htmx, the
address bar follows), axe finds nothing serious, no CSP violation, nothing scrolls sideways; screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indicators.reference.demo import seed_demo
from tests.conftest import log_in
from tests.e2e.site import sideways_overflow, wait_until_complete

pytestmark = pytest.mark.e2e

RUN_AXE = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return await axe.run(document, {resultTypes: ['violations']});
}"""


def _serious(page, axe_script) -> list[str]:
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(RUN_AXE)["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]


def _share_one_with_ishoej() -> None:
    """A running intervention of Albertslund's with Ishøj as partner, and Albertslund's (synthetic) contact."""
    from interventions.models import Intervention, KnowledgeContact
    from interventions.partners import set_partners
    from recruitment.models import Municipality

    intervention = Intervention.objects.filter(municipality__code=165, status="running").order_by("pk").first()
    set_partners(intervention, [Municipality.objects.get(code=183)], intervention.version)
    KnowledgeContact.objects.create(municipality=intervention.municipality, name="Mette Madsen (syntetisk)",
                                    role="HR-konsulent", email="mette.madsen@example.org")


def test_the_regional_page_reads_sorts_and_fits_a_phone(page, browser, live_server, chef, login, screenshot,
                                                       csp_violations, page_errors, axe_script):
    seed_demo()
    _share_one_with_ishoej()
    login("chef-test")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/municipalities/165/")
    page.locator(".breadcrumb").get_by_role("link", name="Region Hovedstaden").click()
    expect(page).to_have_url(f"{live_server.url}/regions/hovedstaden/")
    wait_until_complete(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("KKR Hovedstaden: kommunerne side om side")
    expect(page.locator(".region-table tbody tr")).to_have_count(31)  # 29 municipalities, the region, the country
    shared = page.locator("section[aria-labelledby=shared-heading]")
    expect(shared).to_contain_text("Albertslund sammen med Ishøj")
    expect(shared).to_contain_text("Mette Madsen (syntetisk), HR-konsulent")
    screenshot("region-hovedstaden-1366")
    page.locator("#sort-gab-2030").click()
    expect(page).to_have_url(re.compile(r"sort=gab-2030"))
    expect(page.locator("#sort-gab-2030").locator("xpath=..")).to_have_attribute("aria-sort", "ascending")
    wait_until_complete(page)
    screenshot("region-hovedstaden-sorted-1366")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/regions/hovedstaden/")
    wait_until_complete(page)
    assert sideways_overflow(page) == []
    screenshot("region-hovedstaden-390")
    assert csp_violations == []
    assert page_errors == []

    # axe is injected as a script of its own, which the page's CSP (rightly) refuses: a context that bypasses it.
    for viewport in [{"width": 1366, "height": 900}, {"width": 390, "height": 844}]:
        with browser.new_context(locale="da-DK", viewport=viewport, bypass_csp=True) as context:
            checked = context.new_page()
            log_in(checked, live_server.url, "chef-test")
            checked.goto(f"{live_server.url}/regions/hovedstaden/?sort=praktik&dir=desc")
            wait_until_complete(checked)
            assert _serious(checked, axe_script) == [], viewport
