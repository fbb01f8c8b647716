"""Keyboard only: every action on a page is reached with Tab, each with a visible focus mark; htmx swaps
move focus to what they bring (a form, an error, a message) or keep it where it was, and say what
changed through the page's live region."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.conftest import log_in
from tests.e2e.site import wait_until_complete

pytestmark = pytest.mark.e2e

# Marks every element a keyboard user should be able to reach (visible, enabled, not taken out of the
# tab order) with data-kb=<n> and returns the numbers.
MARK_TABBABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const tabbable = [...document.querySelectorAll(selector)].filter(e =>
    e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]')
    && !(e.type === 'radio' && !e.checked)
    && e.checkVisibility({visibilityProperty: true}));
  tabbable.forEach((e, i) => { e.dataset.kb = String(i); });
  return tabbable.map(e => e.dataset.kb);
}"""
# The focused element: its number, a description, and whether a sighted user can see it and its focus mark.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  return {kb: e.dataset.kb ?? null,
          what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' '
                + (e.textContent || e.name || '').trim().slice(0, 40),
          visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true}),
          marked: outlined || style.boxShadow !== 'none'};
}"""


def _tab_through(page, limit: int = 400) -> tuple[list[str], list[dict]]:
    """Tabs from the top of the page until focus comes round again; returns the expected and the reached."""
    expected = page.evaluate(MARK_TABBABLE)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused["kb"] is not None and focused["kb"] == reached[0]["kb"]):
            break
        reached.append(focused)
    return expected, reached


def _check_keyboard_reach(page, name: str) -> None:
    wait_until_complete(page)
    expected, reached = _tab_through(page)
    seen = {item["kb"] for item in reached}
    missing = page.evaluate("(numbers) => numbers.map(n => document.querySelector(`[data-kb='${n}']`).outerHTML"
                            ".slice(0, 120))", [n for n in expected if n not in seen])
    assert missing == [], f"{name}: not reachable with Tab: {missing}"
    hidden = [item["what"] for item in reached if not item["visible"]]
    assert hidden == [], f"{name}: focus on something invisible: {hidden}"
    unmarked = [item["what"] for item in reached if not item["marked"]]
    assert unmarked == [], f"{name}: focus without a visible mark: {unmarked}"
    assert len(expected) >= 10, name


@pytest.fixture
def some_interventions(make_intervention, editor_a):
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 6), title="Praktikvejledere")
    make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
    return running


def test_it_reaches_every_action_with_tab_and_shows_where_focus_is(
        browser, page, live_server, chef, editor_a, admin_user, some_interventions, screenshot):
    log_in(page, live_server.url, "hr-a")
    pages = {
        "dashboard": "/municipalities/165/",
        "pathway": "/municipalities/165/pathways/through-internship/",
        "compare": "/compare/",
        "intervention-list": "/municipalities/165/interventions/",
        "intervention-form": "/municipalities/165/interventions/new/",
        "intervention-detail": f"/interventions/{some_interventions.pk}/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        _check_keyboard_reach(page, name)
    # A chart's buttons show when focus reaches them, as they do under the mouse.
    page.goto(live_server.url + "/municipalities/165/")
    wait_until_complete(page)
    page.locator("#chart-into-education .modebar-btn").first.focus()
    expect(page.locator("#chart-into-education .modebar-btn").first).to_be_visible()
    screenshot("keyboard-chart-buttons")

    # The admin's import page.
    admin = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900}).new_page()
    log_in(admin, live_server.url, "admin-test")
    admin.goto(live_server.url + "/imports/")
    _check_keyboard_reach(admin, "imports")
    admin.context.close()


def _focused(page) -> str:
    return page.evaluate("() => { const e = document.activeElement;"
                         " return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className; }")


def _announced(page) -> str:
    page.wait_for_function("() => document.getElementById('live-status').textContent.trim() !== ''")
    return page.locator("#live-status").text_content()


def test_it_moves_focus_and_announces_what_htmx_changes(page, live_server, editor_a, some_interventions, screenshot):
    log_in(page, live_server.url, "hr-a")
    page.goto(f"{live_server.url}/municipalities/165/interventions/")
    wait_until_complete(page)

    # Opening the form in place puts the keyboard in its first field.
    page.get_by_role("link", name="Ny indsats").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#intervention-editor form")).to_be_visible()
    wait_until_complete(page)
    # htmx honours autofocus after the swap settles, a moment after the form shows: wait for it.
    expect(page.locator("input#id_title")).to_be_focused()
    page.keyboard.type("Introforløb for praktikanter")
    page.keyboard.press("Enter")  # submits without a target group: the error summary takes focus
    expect(page.locator(".form-errors")).to_be_visible()
    wait_until_complete(page)
    assert _focused(page).startswith("div.form-errors")
    page.get_by_label("Pædagogstuderende i praktik").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Opret indsats").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#intervention-editor")).to_contain_text("er oprettet")
    wait_until_complete(page)
    assert "saved" in _focused(page)  # the confirmation has focus and is read out
    # The coverage panel and the list refreshed themselves; the screen reader hears both.
    said = _announced(page)
    assert "Dækningen er opdateret." in said and "Flere godt igennem praktikken:" in said
    assert re.search(r"Viser 3 indsatser", said)
    screenshot("keyboard-saved-in-place")

    # "Fortryd" closes the form and gives focus back to the link that opened it.
    page.get_by_role("link", name="Rediger Mentorordning").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#intervention-editor form")).to_be_visible()
    wait_until_complete(page)
    # htmx honours autofocus after the swap settles, a moment after the form shows: wait for it.
    expect(page.locator("input#id_title")).to_be_focused()
    page.locator("#intervention-editor").get_by_role("link", name="Fortryd").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#intervention-editor form")).to_have_count(0)
    page.wait_for_function("() => document.activeElement.textContent.includes('Rediger')")
    assert "Mentorordning" in page.evaluate("document.activeElement.textContent")

    # A filter keeps focus on itself and says how many interventions it shows.
    page.evaluate("document.getElementById('live-status').textContent = ''")
    page.get_by_label("Status").focus()
    page.get_by_label("Status").select_option("planned")
    expect(page).to_have_url(re.compile(r"status=planned"))
    wait_until_complete(page)
    assert _focused(page).startswith("select#id_status")
    assert "Viser 2 indsatser" in _announced(page)  # Mentorordning and the new one (planned by default)

    # A pathway tab keeps focus on itself after the list is swapped.
    page.locator("#tab-through-internship").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"pathway=through-internship"))
    wait_until_complete(page)
    assert _focused(page).startswith("a#tab-through-internship")


def test_it_keeps_focus_and_announces_on_the_dashboards(page, live_server, chef):
    log_in(page, live_server.url, "chef-test")
    page.goto(f"{live_server.url}/municipalities/165/")
    wait_until_complete(page)
    page.locator("#toggle-planned").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#toggle-planned")).to_have_attribute("aria-current", "true")
    wait_until_complete(page)
    assert _focused(page).startswith("a#toggle-planned")
    assert "Dækningen er opdateret." in _announced(page)

    page.goto(f"{live_server.url}/compare/")
    wait_until_complete(page)
    page.locator("#sort-stay-in-job").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=stay-in-job"))
    wait_until_complete(page)
    assert _focused(page).startswith("a#sort-stay-in-job")
    said = _announced(page)
    assert "Dækning af de tre veje i Region Hovedstaden" in said
    assert "Sorteret efter Flere til at blive i jobbet, faldende." in said


def test_it_leaves_focus_and_scrolling_alone_when_a_swap_does_not_touch_the_focused_element(
        page, live_server, editor_a, some_interventions):
    log_in(page, live_server.url, "hr-a")
    page.goto(f"{live_server.url}/municipalities/165/interventions/")
    wait_until_complete(page)
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 600); }")
    # What a save elsewhere on the page sets off: the panel and the list refresh themselves.
    page.evaluate("document.body.dispatchEvent(new CustomEvent('coverage-changed'))")
    page.wait_for_function("() => document.getElementById('live-status').textContent.includes('Dækningen')")
    page.wait_for_timeout(300)  # past a11y.js's check after the swap
    assert page.evaluate("document.activeElement === document.body")
    assert page.evaluate("window.scrollY") == 600
