"""The head of daycare tries the three pathways on the workforce projection in Chromium: every lever moves
the chart and the sentence, the scenario lands in the address bar, no console or CSP error; screenshots at
1366 and 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from indicators.reference.demo import seed_demo
from tests.e2e.site import wait_until_complete

pytestmark = pytest.mark.e2e

# (label, value, URL parameter) in the order a user might try them; each changes the answer.
LEVERS = [
    ("Flere studerende om året", "20", "studerende=20"),
    ("– fra år", "2028", "studerende_fra=2028"),
    ("Flere nyuddannede ansat om året", "5", "nyuddannede=5"),
    ("Færre andre fratrædelser (%)", "20", "faerre_fratraedelser=20"),
    ("Deltidsansatte der går op på fuld tid (%)", "30", "fuldtid=30"),
    ("Seniorer går på pension over (år)", "15", "pension_over_aar=15"),
    ("Mål for pædagogandel (%)", "70", "maal_paedagogandel=70"),
]
PRESETS = [("Børnetal", "lav", "boern=lav"), ("Afgang", "hoej", "afgang=hoej")]


def _answer(page: Page) -> tuple[str, str]:
    """The sentence and the drawn chart's lines (their SVG paths). A page opened anew shows the chart as a still
    picture: it is made interactive first, with its button."""
    wait_until_complete(page)
    draw = page.locator("#projection [data-chart-waiting] [data-chart-draw]")
    if draw.count():
        draw.click()
        wait_until_complete(page)
    paths = page.locator("#projection .chart-canvas svg.main-svg .scatterlayer path.js-line")
    return (page.locator("#projection-sentence").inner_text(),
            "|".join(paths.nth(index).get_attribute("d") or "" for index in range(paths.count())))


def test_it_moves_every_lever_and_the_chart_and_sentence_answer(page, live_server, chef, login, screenshot,
                                                               csp_violations, page_errors):
    seed_demo()
    login("chef-test")

    page.goto(f"{live_server.url}/municipalities/165/")
    panel = page.locator("#projection-panel")
    expect(panel).to_contain_text("I det centrale scenarie mangler Albertslund ca.")
    panel.get_by_role("link", name="Se fremskrivningen og prøv de tre veje").click()
    expect(page).to_have_url(f"{live_server.url}/municipalities/165/projection/")
    # The chart first shows as a still picture (drawn by the server, the same lines and legend), and plotly.js is
    # not even fetched until the reader reaches for the chart.
    wait_until_complete(page)
    expect(page.locator("#projection .chart-preview")).to_be_visible()
    expect(page.locator("#projection .chart-legend")).to_contain_text("Behov (årsværk); skraveret: forskellen")
    assert page.evaluate("typeof window.Plotly") == "undefined"
    before = _answer(page)
    assert page.evaluate("typeof window.Plotly") == "object"
    expect(page.locator("#projection .chart-preview")).to_have_count(0)
    assert before[0].startswith("I det centrale scenarie mangler Albertslund ca.")
    screenshot("projection-albertslund-central")

    for label, value, param in LEVERS:
        field = page.get_by_label(label, exact=True)
        field.fill(value)
        field.press("Tab")  # the change event: htmx asks for the answer
        expect(page).to_have_url(re.compile(re.escape(param)))
        expect(page.locator("#projection-sentence")).not_to_have_text(before[0])
        after = _answer(page)
        assert after[0] != before[0], label
        assert after[1] != before[1], f"{label}: the chart did not change"
        before = after
    for label, value, param in PRESETS:
        page.get_by_label(label, exact=True).select_option(value)
        expect(page).to_have_url(re.compile(re.escape(param)))
        expect(page.locator("#projection-sentence")).not_to_have_text(before[0])
        after = _answer(page)
        assert after[1] != before[1], f"{label}: the chart did not change"
        before = after
    # The students who start in 2028 are pedagogues from 2032: nothing of theirs closes the gap by 2030.
    expect(page.locator("#lever-effects")).not_to_contain_text("Flere ind på pædagoguddannelsen")
    expect(page.locator("#lever-effects")).to_contain_text("Flere godt igennem praktikken: lukker ca.")
    expect(page.locator("#lever-effects")).to_contain_text("Målet for pædagogandel ændrer behovet med ca.")
    expect(page.locator("#projection-csv-link")).to_have_attribute("href", re.compile("studerende=20"))
    screenshot("projection-albertslund-levers-1366")

    # The scenario is the address: loading it again gives the same answer.
    url = page.url
    page.goto(url)
    assert _answer(page) == before

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    wait_until_complete(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("projection-albertslund-levers-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/regions/1084/projection/")
    wait_until_complete(page)
    # A pointer over the still picture makes it interactive, as the button does.
    page.locator(".chart-preview").first.hover()
    expect(page.locator("[data-chart] svg.main-svg[role=img]").first).to_be_visible()
    expect(page.locator("#projection-sentence")).to_contain_text("af 29 kommuner i KKR Hovedstaden med data")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    screenshot("projection-kkr-hovedstaden-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/projection/")
    wait_until_complete(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("projection-national-390")

    assert page_errors == []
    assert csp_violations == []


def test_it_shows_the_published_forecasts_beside_ours_on_the_national_page(page, live_server, chef, login,
                                                                           screenshot, csp_violations, page_errors):
    """The demo's synthetic statistics: the national page's "Andre fremskrivninger" lists ours (2030, 2035) marked
    as demo data and the four published forecasts with their sources, and "Kontrol bagud" the model run from the
    demo's 2019 beside its counts 2019–2025; readable at 390 px without sideways scrolling of the page."""
    seed_demo()
    login("chef-test")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/projection/")
    wait_until_complete(page)
    table = page.locator("#other-forecasts")
    expect(table.get_by_role("heading", name="Andre fremskrivninger")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table).to_contain_text("Demo (syntetisk)")
    expect(table).to_contain_text("gengivet efter denoffentlige.dk")
    expect(table.get_by_role("link", name=re.compile("Finansministeriet, 2023"))).to_have_attribute(
        "href", re.compile("^https://fm.dk/"))
    expect(page.locator(".demo-banner")).to_be_visible()
    table.scroll_into_view_if_needed()
    screenshot("projection-national-forecasts-1366")
    # Beneath it the backcast: the model run from 2019 against the statistics, one row a year to 2025.
    backcast = page.locator("#backcast")
    expect(backcast).to_contain_text("Regnet fra 2019 med kommunernes egne tal")
    expect(backcast.locator("tbody tr")).to_have_count(7)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/projection/")
    wait_until_complete(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("projection-national-forecasts-390")
    assert page_errors == []
    assert csp_violations == []
