"""The HR consultant's journey in Chromium: create a running intervention of a type Albertslund lacked,
watch the pathway coverage rise without a reload, edit it, read both steps in the history; then the
Ishøj editor finds no edit controls on it, and a forged POST is refused."""

from datetime import date

import pytest
from playwright.sync_api import expect

from interventions.models import Intervention

pytestmark = pytest.mark.e2e

INTERNSHIP = "article[aria-labelledby=pathway-through-internship] [data-figure=coverage]"


def test_it_lets_the_albertslund_hr_editor_register_and_edit_an_intervention(
        page, live_server, login, screenshot, editor_a, editor_b, make_intervention):
    # Albertslund trains its supervisors already: 1 of the 6 benchmarked internship types.
    make_intervention(editor_a, type_slug="supervisor-training", status="running", start_date=date(2024, 8, 1),
                      title="Uddannelse af praktikvejledere")
    login("hr-a")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Indsatser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indsatser i Albertslund")
    expect(page.locator(INTERNSHIP)).to_have_text("16,7 %")
    page.evaluate("window.stillTheSamePage = true")

    # Create in place: the form opens on the list page.
    page.get_by_role("link", name="Ny indsats").click()
    form = page.locator("#intervention-editor form")
    expect(form.get_by_role("heading", name="Ny indsats")).to_be_visible()
    form.get_by_label("Titel").fill("Introforløb for praktikanter")
    form.get_by_label("Indsatstype fra EVA's katalog").select_option(
        label="Onboarding i form af introduktionsforløb for studerende i praktik – EVA: 66 %")
    # Picking the type shows its EVA share and proposes its target group.
    expect(form.locator(".type-info")).to_contain_text("66 % af kommunerne har denne indsats.")
    expect(form.get_by_label("Pædagogstuderende i praktik")).to_be_checked()
    form.get_by_label("Status").select_option(label="I gang")
    form.get_by_label("Startdato").fill("2025-08-01")
    form.get_by_label("Planlagte deltagere").fill("24")
    screenshot("interventions-create-form")
    form.get_by_role("button", name="Opret indsats").click()

    editor = page.locator("#intervention-editor")
    expect(editor).to_contain_text("Indsatsen “Introforløb for praktikanter” er oprettet.")
    # The coverage panel and the list refresh themselves: 2 of 6 types, on the same page.
    expect(page.locator(INTERNSHIP)).to_have_text("33,3 %")
    expect(page.locator("#intervention-list")).to_contain_text("Introforløb for praktikanter")
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("interventions-list-after-create")

    # Edit in place from the list.
    page.get_by_role("link", name="Rediger Introforløb for praktikanter").click()
    form = page.locator("#intervention-editor form")
    expect(form.get_by_label("Titel")).to_have_value("Introforløb for praktikanter")
    # The keyboard user lands in the form (htmx applies autofocus as the swap settles); typing before that would
    # have the focus move to the title mid-word.
    expect(form.get_by_label("Titel")).to_be_focused()
    form.get_by_label("Faktiske deltagere").fill("21")
    form.get_by_label("Samarbejdspartnere").fill("Københavns Professionshøjskole")
    form.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#intervention-editor")).to_contain_text("Ændringerne er gemt.")
    assert page.evaluate("window.stillTheSamePage") is True

    # The history shows both steps, field by field.
    page.get_by_role("link", name="Se indsatsen og dens historik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introforløb for praktikanter")
    entries = page.locator(".history-entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Ændret af hr-a")
    expect(entries.nth(0)).to_contain_text("Faktiske deltagere")
    expect(entries.nth(0)).to_contain_text("Københavns Professionshøjskole")
    expect(entries.nth(1)).to_contain_text("Oprettet af hr-a")
    expect(entries.nth(1)).to_contain_text("Onboarding i form af introduktionsforløb for studerende i praktik")
    screenshot("interventions-detail-history")
    detail_url = page.url

    # The Ishøj editor may read Albertslund's intervention but not change it.
    page.get_by_role("button", name="Log ud").click()
    login("hr-b")
    page.goto(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Introforløb for praktikanter")
    expect(page.get_by_role("link", name="Rediger")).to_have_count(0)
    expect(page.get_by_role("link", name="Slet")).to_have_count(0)
    screenshot("interventions-detail-other-municipality")

    intervention = Intervention.objects.get(title="Introforløb for praktikanter")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(f"{detail_url}edit/", headers={"X-CSRFToken": token, "Referer": detail_url},
                               form={"title": "Overtaget af Ishøj", "status": "ended", "target_groups": "4",
                                     "version": str(intervention.version)})
    assert forged.status == 403
    forged_delete = page.request.post(f"{detail_url}delete/", headers={"X-CSRFToken": token, "Referer": detail_url},
                                      form={"version": str(intervention.version)})
    assert forged_delete.status == 403
    intervention.refresh_from_db()
    assert intervention.title == "Introforløb for praktikanter" and intervention.status == "running"
    assert intervention.history.count() == 2


def test_it_keeps_a_colleagues_save_and_the_users_input_when_both_edit_at_once(
        browser, page, live_server, login, screenshot, editor_a, make_intervention):
    from django.contrib.auth import get_user_model

    from recruitment.models import Membership, Municipality

    colleague = get_user_model().objects.create_user("hr-a2", password="test-password-1234", first_name="Karin",
                                                     last_name="Kollega")
    Membership.objects.create(user=colleague, municipality=Municipality.objects.get(code=165),
                              role=Membership.Role.EDITOR)
    intervention = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
    edit_url = f"{live_server.url}/interventions/{intervention.pk}/edit/"

    login("hr-a")
    page.goto(edit_url)
    # A rule broken in place: the message stands next to the field, and nothing is lost.
    page.get_by_label("Faktiske deltagere").fill("5")
    page.get_by_label("Titel").fill("Mentorordning for nyuddannede")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#id_participants_actual_error")).to_have_text(
        "Faktiske deltagere kan kun angives for indsatser, der er i gang eller afsluttet.")
    expect(page.get_by_label("Titel")).to_have_value("Mentorordning for nyuddannede")
    # The "saving" indicator fades out once the answer has settled.
    expect(page.locator("#intervention-form .htmx-indicator")).to_have_css("opacity", "0")
    screenshot("interventions-form-validation")
    page.get_by_label("Faktiske deltagere").fill("")

    # Meanwhile the colleague, in another browser, saves first.
    other_context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("Brugernavn").fill("hr-a2")
    other.get_by_label("Adgangskode").fill("test-password-1234")
    other.get_by_role("button", name="Log ind").click()
    other.goto(edit_url)
    other.get_by_label("Status").select_option(label="I gang")
    other.get_by_label("Startdato").fill("2025-09-01")
    other.get_by_role("button", name="Gem ændringer").click()
    expect(other.locator("#intervention-editor")).to_contain_text("Ændringerne er gemt.")
    other_context.close()

    page.get_by_role("button", name="Gem ændringer").click()
    conflict = page.locator(".conflict")
    expect(page.locator(".form-errors")).to_contain_text("En anden har gemt ændringer i indsatsen")
    expect(conflict).to_contain_text("Ændret af Karin Kollega")
    expect(conflict.get_by_role("row", name="Status")).to_contain_text("Planlagt")
    expect(conflict.get_by_role("row", name="Status")).to_contain_text("I gang")
    # The user's own change is kept; what they left alone shows the colleague's save.
    expect(page.get_by_label("Titel")).to_have_value("Mentorordning for nyuddannede")
    expect(page.get_by_label("Status")).to_have_value("running")
    expect(page.locator("#intervention-form .htmx-indicator")).to_have_css("opacity", "0")
    screenshot("interventions-form-conflict")
    intervention.refresh_from_db()
    assert intervention.title == "Mentorordning" and intervention.status == "running"

    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#intervention-editor")).to_contain_text("Ændringerne er gemt.")
    intervention.refresh_from_db()
    assert intervention.title == "Mentorordning for nyuddannede" and intervention.status == "running"
    assert intervention.version == 3
