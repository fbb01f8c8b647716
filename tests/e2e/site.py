"""Every page type of the app, as the user who sees it: the walk the accessibility and CSP tests share.

A visit opens a URL (or acts on the page, e.g. opens a form in place with htmx) as one user and waits
until the page is complete: htmx settled and every chart drawn. Add a visit for every new page type. What a
visit does on its page is in visit_actions.py, the data the pages need in site_data.py, what the tests check on
every page in page_checks.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from playwright.sync_api import Page, Response

from indicators.dashboards import compare
from tests.e2e import site_data
from tests.e2e import visit_actions as do
from tests.e2e.page_checks import provenance_problems, scrolled_tables, sideways_overflow

ANONYMOUS = None

# What the tests check on every page (page_checks.py) is importable from here as it always was.
__all__ = ["ANONYMOUS", "DESKTOP", "PHONE", "WALK_PARTS", "Visit", "build_visits", "provenance_problems",
           "scrolled_tables", "sideways_overflow", "wait_until_complete", "walk", "walk_part"]


@dataclass
class Visit:
    name: str
    user: str | None  # username, or None for a visitor who is not logged in
    path: str
    status: int = 200
    action: Callable[[Page], None] | None = None  # what the user then does on the page
    breaks: Callable[..., object] | None = None  # replaces compare.compare_page to make the server fail


# charts.js draws a chart as it comes into view (one in a closed <details> when it is opened; one the page's CSS
# hides, as the heatmap on a phone, never): open the details that hold charts and bring each chart into view. A
# chart shown as a still picture until the reader reaches for it (data-chart-waiting) is complete as it is.
BRING_CHARTS_INTO_VIEW = """async () => {
  const charts = [...document.querySelectorAll('[data-chart]:not([data-chart-waiting])')];
  charts.forEach(e => { const details = e.closest('details'); if (details) details.open = true; });
  for (const e of charts.filter(e => e.getClientRects().length)) {
    e.scrollIntoView({block: 'center'});
    // Stay until it is drawn (up to 10 s): on a busy machine the observer may not have seen it in a fixed pause,
    // and once scrolled away it would wait for a reader who never comes back.
    for (const start = Date.now(); !e.querySelector('svg.main-svg') && Date.now() - start < 10000;) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
  window.scrollTo(0, 0);
}"""


def wait_until_complete(page: Page) -> None:
    """htmx idle (its "saving" indicators faded out) and every chart the page shows drawn by plotly (or, for one
    shown as a still picture until the reader reaches for it, that picture)."""
    page.wait_for_load_state("networkidle")
    page.evaluate(BRING_CHARTS_INTO_VIEW)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request')"
        " && [...document.querySelectorAll('.htmx-indicator')].every(e => getComputedStyle(e).visibility === 'hidden')"
        " && [...document.querySelectorAll('[data-chart]:not([data-chart-waiting])')]"
        ".filter(e => e.getClientRects().length).every(e => e.querySelector('svg.main-svg[role=img]'))")


def _what_the_page_shows(page: Page, name: str) -> str:
    """Where a visit that failed had got to, for the failure's message: its address, title and the start of
    its text, with its screenshot and HTML kept under test-artifacts/failures/ (a timeout alone does not say
    what the browser showed, and CI keeps only what the run printed)."""
    from tests.conftest import ARTIFACTS

    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True, caret="initial")
    (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")
    text = " ".join(page.locator("body").inner_text(timeout=1000).split())
    return f"the browser was on {page.url} ({page.title()!r}), showing {text[:400]!r}; see {folder}/{name}.png"


def build_visits(make_intervention, editor_a, admin_user) -> list[Visit]:
    """The data the pages need (demo data must be loaded) and the visits, grouped by user."""
    imports = site_data.imports(admin_user)
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 6), title="Praktikvejledere", participants_planned=12)
    running.partners = "Københavns Professionshøjskole"
    running.save_with_target_groups(running.target_groups.all(), editor_a)  # a history of two entries
    site_data.share_with_ishoej(running, editor_a)
    gone = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
    gone_pk = gone.pk
    gone.delete_checked(editor_a, gone.version)
    target = site_data.target(editor_a)
    return [
        Visit("login", ANONYMOUS, "/accounts/login/"),
        Visit("login-wrong-password", ANONYMOUS, "/accounts/login/", action=do.wrong_password),
        Visit("accessibility-statement", ANONYMOUS, "/tilgaengelighed/"),
        Visit("error-403-csrf", ANONYMOUS, "/accounts/login/", action=do.form_past_its_token),
        Visit("login-locked-out", ANONYMOUS, "/accounts/login/", action=do.locked_out),
        Visit("home", "chef-test", "/"),
        Visit("home-search", "chef-test", "/", action=do.search),
        Visit("dashboard", "chef-test", "/municipalities/165/"),
        Visit("dashboard-planned", "chef-test", "/municipalities/165/", action=do.count_planned),
        Visit("pathway", "chef-test", "/municipalities/165/pathways/through-internship/"),
        Visit("compare-region", "chef-test", "/compare/"),
        Visit("coverage-history", "chef-test", "/municipalities/165/coverage/history/"),
        Visit("coverage-history-quarters", "chef-test", "/municipalities/165/coverage/history/?period=quarter"),
        Visit("targets", "chef-test", "/municipalities/165/targets/"),
        Visit("projection", "chef-test", "/municipalities/165/projection/"),
        Visit("projection-lever-moved", "chef-test", "/municipalities/165/projection/", action=do.move_a_lever),
        Visit("projection-bad-setting", "chef-test", "/municipalities/165/projection/?fuldtid=300"),
        Visit("projection-region", "chef-test", "/regions/1084/projection/"),
        Visit("projection-national", "chef-test", "/projection/"),
        Visit("region", "chef-test", "/regions/hovedstaden/"),
        Visit("region-sorted", "chef-test", "/regions/hovedstaden/", action=do.sort_by_gap),
        Visit("compare-all", "chef-test", "/compare/", action=do.all_municipalities),
        Visit("intervention-list-reader", "chef-test", "/municipalities/165/interventions/"),
        Visit("intervention-detail", "chef-test", f"/interventions/{running.pk}/"),
        Visit("profile", "chef-test", "/profil/"),
        Visit("profile-new-token", "chef-test", "/profil/", action=do.make_token),
        Visit("api-docs", "chef-test", "/api/v1/docs/"),
        Visit("error-403", "chef-test", f"/interventions/{running.pk}/edit/", status=403),
        Visit("error-404", "chef-test", "/municipalities/999/", status=404),
        Visit("error-500", "chef-test", "/compare/", status=500, breaks=do.raise_error),
        Visit("error-503-database", "chef-test", "/compare/", status=503, breaks=do.lose_database),
        # Comparison groups (Danmarks Statistik's, from the demo data) and "Kommuner som din".
        Visit("dashboard-compared-with-group", "chef-test",
              "/municipalities/165/?sammenlign=danmarks-statistiks-kommunegrupper"),
        Visit("compare-group", "chef-test", "/compare/", action=do.compare_a_group),
        Visit("similar-municipalities", "chef-test", "/municipalities/165/similar/"),
        Visit("intervention-list-editor", "hr-a", "/municipalities/165/interventions/"),
        Visit("intervention-form-in-place", "hr-a", "/municipalities/165/interventions/",
              action=do.open_new_form_in_place),
        Visit("intervention-saved-in-place", "hr-a", "/municipalities/165/interventions/", action=do.save_in_place),
        Visit("intervention-create", "hr-a", "/municipalities/165/interventions/new/"),
        Visit("intervention-create-errors", "hr-a", "/municipalities/165/interventions/new/", action=do.submit_empty),
        Visit("intervention-edit", "hr-a", f"/interventions/{running.pk}/edit/"),
        Visit("intervention-partners", "hr-a", f"/interventions/{running.pk}/partners/"),
        Visit("knowledge-contact", "hr-a", "/municipalities/165/knowledge-contact/"),
        Visit("knowledge-contact-errors", "hr-a", "/municipalities/165/knowledge-contact/", action=do.half_a_contact),
        Visit("target-create-errors", "hr-a", "/municipalities/165/targets/new/", action=do.submit_empty_target),
        Visit("target-edit", "hr-a", f"/municipalities/165/targets/{target.pk}/edit/"),
        Visit("intervention-delete", "hr-a", f"/interventions/{running.pk}/delete/"),
        Visit("intervention-deleted-admin", "admin-test", f"/interventions/{gone_pk}/"),
        Visit("intervention-list-admin", "admin-test", "/municipalities/165/interventions/"),
        Visit("imports", "admin-test", "/imports/"),
        Visit("import-format", "admin-test", "/imports/formater/practicum-evaluations/"),
        Visit("import-preview", "admin-test", f"/imports/{imports['preview']}/"),
        Visit("import-rejected", "admin-test", f"/imports/{imports['rejected']}/"),
        Visit("import-stopped", "admin-test", f"/imports/{imports['stopped']}/"),
        Visit("import-upload-errors", "admin-test", "/imports/", action=do.upload_nothing),
    ]


def walk_part(visits: list[Visit], part: str) -> list[Visit]:
    """One of WALK_PARTS: the walk split so that the browser tests spread over the cores. Each part keeps its
    visits' order; the reader's second part starts with a fresh login at "compare-all"."""
    reader = [visit for visit in visits if visit.user == "chef-test"]
    second = [visit.name for visit in reader].index("compare-all")
    parts = {
        "visitors-and-admin": [visit for visit in visits if visit.user in (ANONYMOUS, "admin-test")],
        "reader-pages": reader[:second],
        "reader-actions": reader[second:],
        "editor": [visit for visit in visits if visit.user == "hr-a"],
    }
    assert sum(len(chosen) for chosen in parts.values()) == len(visits), "a visit belongs to no part of the walk"
    return parts[part]


WALK_PARTS = ["visitors-and-admin", "reader-pages", "reader-actions", "editor"]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}  # an iPhone 12–15's CSS pixels


def walk(browser, base_url: str, visits: list[Visit], monkeypatch, on_page: Callable[[Page, Visit, Response], None],
         prepare: Callable[[Page], None] | None = None, viewport: dict[str, int] = DESKTOP, **context_args) -> None:
    """Each user's visits in one browser context of their own (logged in once), calling on_page after each
    with the page's HTTP response; prepare(page) runs on each new page before it loads anything. The
    viewport is a desktop's unless a test walks as a phone (PHONE)."""
    by_user: dict[str | None, list[Visit]] = {}
    for visit in visits:
        by_user.setdefault(visit.user, []).append(visit)
    for user, user_visits in by_user.items():
        with browser.new_context(locale="da-DK", viewport=viewport, **context_args) as context:
            _walk_as(context.new_page(), base_url, user, user_visits, monkeypatch, on_page, prepare)


def _walk_as(page: Page, base_url: str, user: str | None, visits: list[Visit], monkeypatch,
             on_page: Callable[[Page, Visit, Response], None], prepare: Callable[[Page], None] | None) -> None:
    from tests.conftest import log_in

    if prepare is not None:
        prepare(page)
    if user is not None:
        log_in(page, base_url, user)
    for visit in visits:
        with monkeypatch.context() as patch:
            if visit.breaks is not None:
                patch.setattr(compare, "compare_page", visit.breaks)
                cache.clear()  # the page is built anew, not taken from the cache (recruitment.data_version)
            response = page.goto(base_url + visit.path)
            assert response is not None and response.status == visit.status, f"{visit.name}: {response.status}"
            try:
                wait_until_complete(page)
                if visit.action is not None:
                    visit.action(page)
                    wait_until_complete(page)
            except Exception as error:
                raise AssertionError(f"{visit.name}: {_what_the_page_shows(page, visit.name)}") from error
        on_page(page, visit, response)
