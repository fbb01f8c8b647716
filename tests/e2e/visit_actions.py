"""What a visit of the walk (tests/e2e/site.py) does on its page – a wrong password, a search, a form opened in
place, a lever moved – and what it breaks on the server to reach the error pages."""

from __future__ import annotations

from django.db import OperationalError
from playwright.sync_api import Page, expect


def raise_error(*args, **kwargs):
    raise RuntimeError("a bug")


def lose_database(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def wrong_password(page: Page) -> None:
    page.get_by_label("Brugernavn").fill("chef-test")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Indtast venligst korrekt brugernavn")


def locked_out(page: Page) -> None:
    # Someone guessing at a user name nobody has: the real test users are not locked.
    for _ in range(5):
        page.get_by_label("Brugernavn").fill("gaetter")
        page.get_by_label("Adgangskode").fill("forkert")
        page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("For mange forsøg på at logge ind")


def form_past_its_token(page: Page) -> None:
    # The CSRF cookie is gone (a logout in another tab, an expired session): the form is refused.
    page.context.clear_cookies()
    page.get_by_label("Brugernavn").fill("chef-test")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formularen kunne ikke sendes")


def upload_nothing(page: Page) -> None:
    page.get_by_role("button", name="Upload og kontrollér").click()
    expect(page.locator(".errorlist, .field-error, .form-errors").first).to_be_visible()


def search(page: Page) -> None:
    page.get_by_label("Søg efter kommune").press_sequentially("Albert", delay=30)
    expect(page.locator("#municipality-list")).to_contain_text("1 kommune")


def count_planned(page: Page) -> None:
    page.get_by_role("link", name="I gang og planlagte").click()
    expect(page.locator("#toggle-planned")).to_have_attribute("aria-current", "true")


def all_municipalities(page: Page) -> None:
    page.get_by_label("Kommuner", exact=True).select_option(label="Alle kommuner")
    expect(page.locator(".compare-table tbody tr")).to_have_count(98, timeout=30_000)  # 98 rows: slow when busy


def compare_a_group(page: Page) -> None:
    page.get_by_label("Kommuner", exact=True).select_option(label="Storbykommuner")
    expect(page.locator(".compare-table tbody tr")).to_have_count(3)


def open_new_form_in_place(page: Page) -> None:
    page.get_by_role("link", name="Ny indsats").click()
    expect(page.locator("#intervention-editor form")).to_be_visible()


def submit_empty(page: Page) -> None:
    page.get_by_label("Titel").fill("")
    page.get_by_role("button", name="Opret indsats").click()
    expect(page.locator(".form-errors")).to_be_visible()


def save_in_place(page: Page) -> None:
    page.get_by_role("link", name="Rediger Praktikvejledere").click()
    page.locator("#intervention-editor").get_by_label("Faktiske deltagere").fill("11")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("#intervention-editor")).to_contain_text("Ændringerne er gemt.")


def make_token(page: Page) -> None:
    page.get_by_label("Navn").fill("Power BI")
    page.get_by_role("button", name="Opret nøgle").click()
    expect(page.locator(".token-secret")).to_contain_text("pn_")


def move_a_lever(page: Page) -> None:
    before = page.locator("#projection-sentence").inner_text()
    page.get_by_label("Flere nyuddannede ansat om året").fill("5")
    page.get_by_label("Flere nyuddannede ansat om året").press("Tab")
    expect(page.locator("#projection-sentence")).not_to_have_text(before)


def sort_by_gap(page: Page) -> None:
    page.locator("#sort-gab-2030").click()
    expect(page.locator("#sort-gab-2030").locator("xpath=..")).to_have_attribute("aria-sort", "ascending")


def submit_empty_target(page: Page) -> None:
    page.get_by_role("button", name="Opret mål").click()
    expect(page.locator(".form-errors")).to_be_visible()


def half_a_contact(page: Page) -> None:
    page.get_by_label("Rolle").fill("")
    page.get_by_role("button", name="Gem kontaktperson").click()
    expect(page.locator(".form-errors")).to_be_visible()
