"""The admin finds a kind's format from the upload form, fills in its template, imports it and reads the effects."""

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import DataImport, WorkforceStat
from tests.conftest import csv_bytes

pytestmark = pytest.mark.e2e
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_admin_fills_in_the_template_and_reads_the_effects_before_confirming(
        page, live_server, admin_user, login, screenshot, settings, import_file, tmp_path):
    """Albertslund has 2024's figures (young helpers 60). The template, filled in for 2025 without the young
    helpers and with 4512 pedagogues, previews: base year 2024 → 2025, the young helpers unknown for 2025 (the
    pages keep 2024's), 1 of 98 municipalities, and the row as read (4512). Confirmed, 2025 is stored."""
    settings.TASKS = DATABASE_QUEUE
    earlier = import_file("workforce", csv_bytes([["år", "kommunekode", "pædagoger", "medhjælpere under 25"],
                                                  ["2024", "165", "4400", "60"]]))
    assert earlier.status == DataImport.Status.SUCCEEDED
    login("admin-test")
    page.goto(f"{live_server.url}/imports/")
    page.get_by_role("link", name="Filformat: Personalestatistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Filformat: Personalestatistik")
    expect(page.locator("#kolonne-medhjaelpere_under_25")).to_contain_text("medhjælpere under 25 år")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("import-format-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("import-format-390")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent skabelon (XLSX)").click()
    assert download.value.suggested_filename == "workforce-skabelon.xlsx"
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = dict.fromkeys(headers)
    row.update({"år": 2025, "kommunekode": 165, "paedagoger": 4512, "paedagoger_over_55": 700})
    sheet.append(list(row.values()))
    filled = tmp_path / "personale-2025.xlsx"
    book.save(filled)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/imports/")
    page.get_by_label("Personalestatistik").check()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(filled))
    page.get_by_role("button", name="Upload og kontrollér").click()
    status = page.locator("#import-status")
    expect(status).to_contain_text("Venter på kontrol")
    _run_worker()
    expect(status).to_contain_text("Klar til import")
    effects = status.locator(".import-effects")
    expect(effects).to_contain_text("Personalestatistikkens nyeste år skifter fra 2024 til 2025 for Albertslund")
    expect(effects).to_contain_text("“medhjælpere under 25 år” bliver ukendt for det nye år for Albertslund")
    expect(effects).to_contain_text("Tallene ændres for 1 af 98 kommuner")
    expect(effects.get_by_role("table")).to_contain_text("4512")
    screenshot("import-effects-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("import-effects-390")
    page.set_viewport_size({"width": 1366, "height": 900})

    status.get_by_role("button", name="Bekræft import").click()
    _run_worker()
    expect(status).to_contain_text("Importeret")
    stored = WorkforceStat.objects.get(year=2025, municipality__code=165)
    assert (stored.paedagoger, stored.paedagoger_over_55, stored.medhjaelpere_under_25) == (4512, 700, None)
