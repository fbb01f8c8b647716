"""What the municipality's IT sees in Chromium: a head of daycare makes an API token for Power BI on the profile
page, the token reads the API and stops working when revoked; the API documentation; the login page with a
single sign-on button per municipality and the page a failed SSO login shows – at 1366 px and 390 px."""

from __future__ import annotations

import io

import pytest
import requests
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

WIDTHS = {"wide": 1366, "phone": 390}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _shots(page, screenshot, name: str) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(f"{name}-{label}")
        _no_sideways_scroll(page)


def test_it_lets_a_user_make_use_and_revoke_an_api_token(page, live_server, login, screenshot, chef):
    login("chef-test")
    page.locator(".site-header a.who").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din profil")
    page.get_by_label("Navn").fill("Power BI")
    page.get_by_label("Gyldig i").select_option(label="1 år")
    page.get_by_role("button", name="Opret nøgle").click()
    secret = page.locator("code.secret").inner_text()
    assert secret.startswith("pn_")
    _shots(page, screenshot, "it-profile-new-token")

    url = f"{live_server.url}/api/v1/municipalities/165/coverage/"
    answer = requests.get(url, headers={"Authorization": f"Bearer {secret}"}, timeout=10)
    assert answer.status_code == 200 and [row["pathway"] for row in answer.json()] == [
        "into-education", "through-internship", "stay-in-job"]

    page.goto(f"{live_server.url}/profil/")
    expect(page.locator("code.secret")).to_have_count(0)  # shown once
    page.get_by_role("button", name="Tilbagekald Power BI").click()
    expect(page.locator("table")).to_contain_text("Tilbagekaldt")
    assert requests.get(url, headers={"Authorization": f"Bearer {secret}"}, timeout=10).status_code == 401


def test_it_documents_the_api_on_a_page(page, live_server, login, screenshot, chef):
    login("chef-test")
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_role("heading", name="GET /api/v1/municipalities/{code}/coverage/")).to_be_visible()
    _shots(page, screenshot, "it-api-docs")


@pytest.fixture
def two_providers(settings):
    """Two configured providers; the pages below never contact them."""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [
        {"provider_id": name, "name": label, "client_id": f"paedagoger-{name}", "secret": "s",
         "settings": {"server_url": "http://127.0.0.1:9", "email_domains": [f"{name}.dk"]}}
        for name, label in [("albertslund", "Albertslund Kommune"), ("ishoej", "Ishøj Kommune")]]}}


def test_it_offers_single_sign_on_beside_the_password_and_explains_a_failed_one(page, live_server, screenshot,
                                                                                 two_providers):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="Log ind med Albertslund Kommune")).to_be_visible()
    expect(page.get_by_role("button", name="Log ind med Ishøj Kommune")).to_be_visible()
    expect(page.get_by_label("Adgangskode")).to_be_visible()
    _shots(page, screenshot, "it-login-sso")
    # Coming back from the provider without a valid state (e.g. an old tab): a Danish page, not logged in.
    response = page.goto(f"{live_server.url}/accounts/oidc/albertslund/login/callback/?code=x&state=y")
    assert response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Login via din kommunes identitetsudbyder lykkedes ikke")
    _shots(page, screenshot, "it-sso-failed")


def test_it_downloads_a_charts_numbers_as_xlsx_and_as_csv_for_danish_excel(page, live_server, login, chef,
                                                                           albertslund_known):
    from openpyxl import load_workbook

    login("chef-test")
    page.goto(f"{live_server.url}/municipalities/165/")
    page.locator("#details-chart-through-internship > summary").click()  # the type charts are one click away
    figure = page.locator("figure#chart-through-internship")
    with page.expect_download() as xlsx:
        figure.get_by_role("link", name="Excel (.xlsx)").click()
    assert xlsx.value.suggested_filename == "kommune-165-chart-through-internship.xlsx"
    workbook = load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
    assert workbook.sheetnames[1] == "Om tallene"
    assert workbook.worksheets[0]["C2"].value == 78  # EVA's share as a number, shown "78,0 %"
    with page.expect_download() as danish:
        figure.get_by_role("link", name="CSV til dansk Excel").click()
    content = danish.value.path().read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and b";78,0;" in content
    page.set_viewport_size({"width": 390, "height": 900})
    page.reload()  # drawn afresh at phone width
    page.locator("#details-chart-through-internship > summary").click()
    figure.locator(".chart-download").scroll_into_view_if_needed()
    _no_sideways_scroll(page)
    figure.screenshot(path=str(ARTIFACTS / "screenshots" / "it-chart-downloads-phone.png"))
