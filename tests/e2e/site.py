"""Every page type of the app, as the user who sees it: the walk the accessibility and CSP tests share.

A visit opens a URL (or acts on the page, e.g. opens a form in place with htmx) as one user and waits
until the page is complete: htmx settled and every chart drawn. Add a visit for every new page type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import OperationalError
from playwright.sync_api import Page, Response, expect

from indicators.dashboards import compare

ANONYMOUS = None


@dataclass
class Visit:
    name: str
    user: str | None  # username, or None for a visitor who is not logged in
    path: str
    status: int = 200
    action: Callable[[Page], None] | None = None  # what the user then does on the page
    breaks: Callable[..., object] | None = None  # replaces compare.compare_page to make the server fail


# charts.js draws a chart as it comes into view (one in a closed <details> when it is opened; one the page's CSS
# hides, as the heatmap on a phone, never): open the details that hold charts and bring each chart into view.
BRING_CHARTS_INTO_VIEW = """async () => {
  const charts = [...document.querySelectorAll('[data-chart]')];
  charts.forEach(e => { const details = e.closest('details'); if (details) details.open = true; });
  for (const e of charts.filter(e => e.getClientRects().length)) {
    e.scrollIntoView({block: 'center'});
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  window.scrollTo(0, 0);
}"""


def wait_until_complete(page: Page) -> None:
    """htmx idle (its "saving" indicators faded out) and every chart the page shows drawn by plotly."""
    page.wait_for_load_state("networkidle")
    page.evaluate(BRING_CHARTS_INTO_VIEW)
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request')"
        " && [...document.querySelectorAll('.htmx-indicator')].every(e => getComputedStyle(e).visibility === 'hidden')"
        " && [...document.querySelectorAll('[data-chart]')].filter(e => e.getClientRects().length)"
        ".every(e => e.querySelector('svg.main-svg[role=img]'))")


# Every figure a reader can defend. On every page of the walk, with every <details> open: no text meant for
# developers, no bare source code ("EVA 2024a") in place of the source's title, and no figure without a source line
# (a key figure, a suggestion's share, a coverage chart).
DEVELOPER_NOTE = (r"layoutet|betegnelse efterfulgt|\(\d\d eller \d\d\)|mulige værdier|label-then-figure|candidates"
                  r"|extraction order")
BARE_SOURCE_CODE = r"\bEVA,? ?20\d\d[a-d]\b"
PROVENANCE_JS = """([developer, bare]) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const problems = [];
  const body = document.body.innerText;
  const note = body.match(new RegExp(developer));
  if (note) problems.push('developer note: ' + note[0]);
  const code = body.match(new RegExp(bare));
  if (code) problems.push('bare source code: ' + code[0]);
  document.querySelectorAll('li.fact').forEach(fact => {
    const source = fact.querySelector('.fact-source');
    if (!source || !source.innerText.includes('Kilde')) problems.push('key figure without a source: ' +
      fact.innerText.slice(0, 60));
  });
  document.querySelectorAll('li.suggestion').forEach(item => {
    if (!/EVA's kortlægning \\(2024\\)|EVA har intet tal/.test(item.innerText)) problems.push(
      'suggestion without the source of its share: ' + item.innerText.slice(0, 60));
  });
  document.querySelectorAll('figure.chart').forEach(chart => {
    const coverage = /^(chart-|national-|heatmap|adoption)/.test(chart.id);
    if (coverage && !chart.querySelector('.chart-source')) problems.push('chart without a source line: ' + chart.id);
  });
  return problems;
}"""


def provenance_problems(page: Page) -> list[str]:
    """What on the page a reader could not defend before a committee (see PROVENANCE_JS)."""
    return page.evaluate(PROVENANCE_JS, [DEVELOPER_NOTE, BARE_SOURCE_CODE])
def sideways_overflow(page: Page) -> list[str]:
    """What sticks out to the right of the viewport, when the document is wider than it (empty when not):
    the deepest elements whose right edge passes the viewport's, as 'tag#id.class (right edge px)'."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      const out = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        const outside = c => c.getBoundingClientRect().right > width + 1;
        return r.width > 0 && r.right > width + 1 && ![...e.children].some(outside);
      });
      return out.slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
        + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')
        .concat(['document ' + document.documentElement.scrollWidth + ' px wide']);
    }""")


def scrolled_tables(page: Page) -> list[str]:
    """The tables that do not fit their scroll box, so that part of a row (a problem's message) is out of sight
    until someone scrolls it sideways: 'caption or first header (table px > box px)'."""
    return page.evaluate("""() => [...document.querySelectorAll('.table-scroll')]
      .filter(box => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1)
      .map(box => {
        const table = box.querySelector('table');
        const name = table && (table.caption || table.querySelector('th'));
        return (name ? name.innerText.trim().slice(0, 40) : box.className) + ' (' + box.scrollWidth + ' px > '
          + box.clientWidth + ' px)';
      })""")


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


def _raise_error(*args, **kwargs):
    raise RuntimeError("a bug")


def _lose_database(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def _wrong_password(page: Page) -> None:
    page.get_by_label("Brugernavn").fill("chef-test")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Indtast venligst korrekt brugernavn")


def _locked_out(page: Page) -> None:
    # Someone guessing at a user name nobody has: the real test users are not locked.
    for _ in range(5):
        page.get_by_label("Brugernavn").fill("gaetter")
        page.get_by_label("Adgangskode").fill("forkert")
        page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("For mange forsøg på at logge ind")


def _form_past_its_token(page: Page) -> None:
    # The CSRF cookie is gone (a logout in another tab, an expired session): the form is refused.
    page.context.clear_cookies()
    page.get_by_label("Brugernavn").fill("chef-test")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formularen kunne ikke sendes")


def _upload_nothing(page: Page) -> None:
    page.get_by_role("button", name="Upload og kontrollér").click()
    expect(page.locator(".errorlist, .field-error, .form-errors").first).to_be_visible()


def _search(page: Page) -> None:
    page.get_by_label("Søg efter kommune").press_sequentially("Albert", delay=30)
    expect(page.locator("#municipality-list")).to_contain_text("1 kommune")


def _count_planned(page: Page) -> None:
    page.get_by_role("link", name="I gang og planlagte").click()
    expect(page.locator("#toggle-planned")).to_have_attribute("aria-current", "true")


def _all_municipalities(page: Page) -> None:
    page.get_by_label("Kommuner", exact=True).select_option(label="Alle kommuner")
    expect(page.locator(".compare-table tbody tr")).to_have_count(98, timeout=30_000)  # 98 rows: slow when busy


def _compare_a_group(page: Page) -> None:
    page.get_by_label("Kommuner", exact=True).select_option(label="Storbykommuner")
    expect(page.locator(".compare-table tbody tr")).to_have_count(3)


def _open_new_form_in_place(page: Page) -> None:
    page.get_by_role("link", name="Ny indsats").click()
    expect(page.locator("#intervention-editor form")).to_be_visible()


def _submit_empty(page: Page) -> None:
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Opret indsats").click()
    expect(page.locator(".form-errors")).to_be_visible()


def _save_in_place(page: Page) -> None:
    page.get_by_role("link", name="Rediger Praktikvejledere").click()
    page.locator("#intervention-editor").get_by_label("Faktiske deltagere").fill("11")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#intervention-editor")).to_contain_text("Ændringerne er gemt.")


def _make_token(page: Page) -> None:
    page.get_by_label("Navn").fill("Power BI")
    page.get_by_role("button", name="Opret nøgle").click()
    expect(page.locator(".token-secret")).to_contain_text("pn_")


def _move_a_lever(page: Page) -> None:
    before = page.locator("#projection-sentence").inner_text()
    page.get_by_label("Flere nyuddannede ansat om året").fill("5")
    page.get_by_label("Flere nyuddannede ansat om året").press("Tab")
    expect(page.locator("#projection-sentence")).not_to_have_text(before)


def _sort_by_gap(page: Page) -> None:
    page.locator("#sort-gab-2030").click()
    expect(page.locator("#sort-gab-2030").locator("xpath=..")).to_have_attribute("aria-sort", "ascending")


def _submit_empty_target(page: Page) -> None:
    page.get_by_role("button", name="Opret mål").click()
    expect(page.locator(".form-errors")).to_be_visible()


def _half_a_contact(page: Page) -> None:
    page.get_by_label("Rolle").fill("")
    page.get_by_role("button", name="Gem kontaktperson").click()
    expect(page.locator(".form-errors")).to_be_visible()


def _target(editor):
    """A target of Albertslund's with a history of two entries, for the targets pages."""
    from indicators.models import Target

    target = Target.objects.create(municipality=editor.memberships.get().municipality, created_by=editor,
                                   indicator=Target.Indicator.COVERAGE_INTERNSHIP, baseline_value=16.7,
                                   baseline_year=2023, target_value=66.7, target_year=2027,
                                   source="Rekrutteringsstrategi 2024–2027, s. 4")
    target.target_value = 60
    target.save()
    return target


def _imports(admin) -> dict[str, int]:
    """The sample files imported (so the dashboards show their sections), one waiting for confirmation
    with its preview, one rejected with its problems, one whose worker stopped."""
    from datetime import timedelta

    from django.utils import timezone

    from indicators.imports import jobs
    from indicators.models import DataImport
    from tests.conftest import SAMPLES

    for kind, name in [("practicum-evaluations", "practicum-evaluations.csv"), ("workforce", "workforce.xlsx"),
                       ("intervention-survey", "intervention-survey.csv")]:
        content = (SAMPLES / name).read_bytes()
        record = jobs.create(kind, name, content, admin)
        assert jobs.check(record, content).ok
        jobs.run(record, content)
    preview_content = (SAMPLES / "workforce.xlsx").read_bytes()
    preview = jobs.create("workforce", "personale-2025.xlsx", preview_content, admin)
    jobs.check(preview, preview_content)
    broken = "år;kommunekode;Rolle\n2024;9999;studerende\n20x4;0165;studerende\n".encode()
    rejected = jobs.create("practicum-evaluations", "praktik-med-fejl.csv", broken, admin)
    jobs.check(rejected, broken)
    stopped = jobs.create("intervention-survey", "kortlaegning.csv", b"x", admin)
    DataImport.objects.filter(pk=stopped.pk).update(status=DataImport.Status.IMPORTING, progress=80,
                                                    updated_at=timezone.now() - timedelta(minutes=30))
    return {"preview": preview.pk, "rejected": rejected.pk, "stopped": stopped.pk}


def _share_with_ishoej(intervention, editor) -> None:
    """Ishøj as the intervention's partner and Albertslund's contact for knowledge sharing, for the regional page."""
    from interventions.models import KnowledgeContact
    from interventions.partners import set_partners
    from recruitment.models import Municipality

    set_partners(intervention, [Municipality.objects.get(code=183)], intervention.version)
    intervention.refresh_from_db()
    KnowledgeContact.objects.create(municipality=intervention.municipality, name="Mette Madsen (syntetisk)",
                                    role="HR-konsulent", email="mette.madsen@example.org", updated_by=editor)


def build_visits(make_intervention, editor_a, admin_user) -> list[Visit]:
    """The data the pages need (demo data must be loaded) and the visits, grouped by user."""
    imports = _imports(admin_user)
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 6), title="Praktikvejledere", participants_planned=12)
    running.partners = "Københavns Professionshøjskole"
    running.save_with_target_groups(running.target_groups.all(), editor_a)  # a history of two entries
    _share_with_ishoej(running, editor_a)
    gone = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
    gone_pk = gone.pk
    gone.delete_checked(editor_a, gone.version)
    target = _target(editor_a)
    return [
        Visit("login", ANONYMOUS, "/accounts/login/"),
        Visit("login-wrong-password", ANONYMOUS, "/accounts/login/", action=_wrong_password),
        Visit("accessibility-statement", ANONYMOUS, "/tilgaengelighed/"),
        Visit("error-403-csrf", ANONYMOUS, "/accounts/login/", action=_form_past_its_token),
        Visit("login-locked-out", ANONYMOUS, "/accounts/login/", action=_locked_out),
        Visit("home", "chef-test", "/"),
        Visit("home-search", "chef-test", "/", action=_search),
        Visit("dashboard", "chef-test", "/municipalities/165/"),
        Visit("dashboard-planned", "chef-test", "/municipalities/165/", action=_count_planned),
        Visit("pathway", "chef-test", "/municipalities/165/pathways/through-internship/"),
        Visit("compare-region", "chef-test", "/compare/"),
        Visit("coverage-history", "chef-test", "/municipalities/165/coverage/history/"),
        Visit("coverage-history-quarters", "chef-test", "/municipalities/165/coverage/history/?period=quarter"),
        Visit("targets", "chef-test", "/municipalities/165/targets/"),
        Visit("projection", "chef-test", "/municipalities/165/projection/"),
        Visit("projection-lever-moved", "chef-test", "/municipalities/165/projection/", action=_move_a_lever),
        Visit("projection-bad-setting", "chef-test", "/municipalities/165/projection/?fuldtid=300"),
        Visit("projection-region", "chef-test", "/regions/1084/projection/"),
        Visit("projection-national", "chef-test", "/projection/"),
        Visit("region", "chef-test", "/regions/hovedstaden/"),
        Visit("region-sorted", "chef-test", "/regions/hovedstaden/", action=_sort_by_gap),
        Visit("compare-all", "chef-test", "/compare/", action=_all_municipalities),
        Visit("intervention-list-reader", "chef-test", "/municipalities/165/interventions/"),
        Visit("intervention-detail", "chef-test", f"/interventions/{running.pk}/"),
        Visit("profile", "chef-test", "/profil/"),
        Visit("profile-new-token", "chef-test", "/profil/", action=_make_token),
        Visit("api-docs", "chef-test", "/api/v1/docs/"),
        Visit("error-403", "chef-test", f"/interventions/{running.pk}/edit/", status=403),
        Visit("error-404", "chef-test", "/municipalities/999/", status=404),
        Visit("error-500", "chef-test", "/compare/", status=500, breaks=_raise_error),
        Visit("error-503-database", "chef-test", "/compare/", status=503, breaks=_lose_database),
        # Comparison groups (Danmarks Statistik's, from the demo data) and "Kommuner som din".
        Visit("dashboard-compared-with-group", "chef-test",
              "/municipalities/165/?sammenlign=danmarks-statistiks-kommunegrupper"),
        Visit("compare-group", "chef-test", "/compare/", action=_compare_a_group),
        Visit("similar-municipalities", "chef-test", "/municipalities/165/similar/"),
        Visit("intervention-list-editor", "hr-a", "/municipalities/165/interventions/"),
        Visit("intervention-form-in-place", "hr-a", "/municipalities/165/interventions/",
              action=_open_new_form_in_place),
        Visit("intervention-saved-in-place", "hr-a", "/municipalities/165/interventions/", action=_save_in_place),
        Visit("intervention-create", "hr-a", "/municipalities/165/interventions/new/"),
        Visit("intervention-create-errors", "hr-a", "/municipalities/165/interventions/new/", action=_submit_empty),
        Visit("intervention-edit", "hr-a", f"/interventions/{running.pk}/edit/"),
        Visit("intervention-partners", "hr-a", f"/interventions/{running.pk}/partners/"),
        Visit("knowledge-contact", "hr-a", "/municipalities/165/knowledge-contact/"),
        Visit("knowledge-contact-errors", "hr-a", "/municipalities/165/knowledge-contact/", action=_half_a_contact),
        Visit("target-create-errors", "hr-a", "/municipalities/165/targets/new/", action=_submit_empty_target),
        Visit("target-edit", "hr-a", f"/municipalities/165/targets/{target.pk}/edit/"),
        Visit("intervention-delete", "hr-a", f"/interventions/{running.pk}/delete/"),
        Visit("intervention-deleted-admin", "admin-test", f"/interventions/{gone_pk}/"),
        Visit("intervention-list-admin", "admin-test", "/municipalities/165/interventions/"),
        Visit("imports", "admin-test", "/imports/"),
        Visit("import-format", "admin-test", "/imports/formater/practicum-evaluations/"),
        Visit("import-preview", "admin-test", f"/imports/{imports['preview']}/"),
        Visit("import-rejected", "admin-test", f"/imports/{imports['rejected']}/"),
        Visit("import-stopped", "admin-test", f"/imports/{imports['stopped']}/"),
        Visit("import-upload-errors", "admin-test", "/imports/", action=_upload_nothing),
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
