"""The admin imports practicum evaluations in the browser: upload, preview, confirm, progress, result."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import DataImport, PracticumEvaluationCount
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.e2e
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def csp_violations(page):
    """Content-Security-Policy violations the pages cause (the import pages and the charts must cause none)."""
    seen: list[str] = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: '"
        " + e.violatedDirective + ' by ' + e.sourceFile + ':' + e.lineNumber + ' on ' + location.pathname))")
    page.on("console", lambda message: seen.append(message.text)
            if message.type == "error" and message.text.startswith("CSP violation") else None)
    return seen


def _run_worker() -> None:
    """What `manage.py db_worker` does beside the server: run every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_it_lets_the_admin_upload_preview_confirm_and_follow_the_import(page, live_server, admin_user, login,
                                                                        screenshot, settings, csp_violations):
    settings.TASKS = DATABASE_QUEUE
    login("admin-test")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import af data")
    page.get_by_label("Praktikevalueringer").check()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(SAMPLES / "practicum-evaluations.csv"))
    screenshot("import-upload-form")
    page.get_by_role("button", name="Upload og kontrollér").click()

    # The check waits on the queue; the page polls and shows its progress.
    status = page.locator("#import-status")
    expect(status).to_contain_text("Venter på kontrol")
    expect(status.locator("progress")).to_be_visible()
    screenshot("import-waiting-for-check")
    _run_worker()

    expect(status).to_contain_text("Klar til import")  # swapped in by polling, no reload
    expect(status).to_contain_text("CSV, semikolon, Windows-1252")
    expect(status).to_contain_text("1.088")
    expect(status).to_contain_text("År og kommuner: 28 tilføjes, 0 erstattes, 0 uændrede.")
    status.get_by_text("28 år og kommuner i filen").click()
    expect(status.get_by_role("row", name=re.compile(r"2025 Albertslund 165"))).to_contain_text("tilføjes")
    assert not PracticumEvaluationCount.objects.exists()
    screenshot("import-preview")

    status.get_by_role("button", name="Bekræft import").click()
    expect(status).to_contain_text("Venter på import")
    expect(status.locator("progress")).to_be_visible()
    _run_worker()
    expect(status).to_contain_text("Importeret")
    expect(status.locator("progress")).to_have_count(0)
    expect(status).to_contain_text("28 år og kommuner tilføjet, 0 erstattet og 0 uændrede")
    screenshot("import-done")
    assert PracticumEvaluationCount.objects.filter(municipality__code=165, year=2025).exists()

    page.get_by_role("link", name="Import af data").click()
    history = page.locator("#history")
    expect(history).to_contain_text("practicum-evaluations.csv")
    expect(history).to_contain_text(DataImport.objects.get().sha256)
    expect(history).to_contain_text("28 tilføjet, 0 erstattet")
    screenshot("import-history")

    # The municipality dashboard now charts the evaluations, against the region and all municipalities.
    page.goto(f"{live_server.url}/municipalities/165/")
    evaluations = page.locator("#practicum-return")
    evaluations.locator(".chart-canvas").first.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(evaluations.locator(".chart-canvas svg.main-svg").first).to_be_visible()
    expect(evaluations).to_contain_text("Vil gerne vende tilbage til praktikstedet som ansat")
    evaluations.get_by_text("Vis tallene i en tabel").click()
    table = evaluations.locator("details.chart-table table")
    expect(table.get_by_role("row")).to_have_count(5)  # header + 2022–2025
    expect(table).to_contain_text("Region Hovedstaden: antal svar")
    page.locator("#practicum-training .chart-canvas").first.scroll_into_view_if_needed()
    expect(page.locator("#practicum-training .chart-canvas svg.main-svg").first).to_be_visible()
    expect(page.locator("#practicum-heading ~ .fact-source")).to_contain_text("practicum-evaluations.csv")
    page.locator("#practicum-heading").scroll_into_view_if_needed()
    screenshot("import-dashboard-evaluations")
    assert csp_violations == []


def test_it_shows_every_problem_of_a_broken_file_and_imports_nothing(page, live_server, admin_user, login,
                                                                     screenshot, tmp_path):
    broken = tmp_path / "evalueringer-med-fejl.csv"
    broken.write_bytes(csv_bytes([
        ["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage"],
        ["2024", "0165", "pædagog", "studerende", "Helt enig"],
        ["2024", "999", "pædagog", "studerende", "Helt enig"],
        ["20x4", "183", "pædagog", "studerende", "Meget enig"],
    ]))
    login("admin-test")
    page.goto(f"{live_server.url}/imports/")
    page.get_by_label("Praktikevalueringer").check()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(broken))
    page.get_by_role("button", name="Upload og kontrollér").click()

    status = page.locator("#import-status")
    expect(status).to_contain_text("Afvist – fejl i filen")
    expect(status.get_by_role("alert")).to_contain_text("Filen har 3 problemer. Intet er importeret.")
    problems = status.get_by_role("table", name="Problemer i filen")
    expect(problems.get_by_role("row")).to_have_count(4)
    expect(problems.get_by_role("row").nth(1)).to_have_text(re.compile(r"3\s*kommunekode\s*Ukendt kommunekode 999."))
    # Key cells and short answer cells cannot hold a respondent's words: quoted, so the admin sees what is wrong.
    expect(problems.get_by_role("row").nth(2)).to_have_text(
        re.compile(r"4\s*år\s*“20x4” er ikke et årstal."))
    expect(problems.get_by_role("row").nth(3)).to_contain_text("“Meget enig” er ikke et gyldigt svar")
    expect(status.get_by_role("button", name="Bekræft import")).to_have_count(0)
    screenshot("import-rejected")
    assert not PracticumEvaluationCount.objects.exists()


def test_it_warns_in_the_preview_which_municipalities_switch_population_projection(
        page, live_server, admin_user, login, settings, tmp_path, screenshot, csp_violations):
    """With the demo's statistics and projection "Demo (syntetisk)" (2025–2035), a file "DST 2026" covering
    2025–2035 for Albertslund: the preview says Albertslund switches; nothing is changed before confirming."""
    from indicators.reference.demo_imports import seed_demo_imports

    settings.TASKS = DATABASE_QUEUE
    seed_demo_imports()
    path = tmp_path / "dst-2026.csv"
    path.write_bytes(csv_bytes([["år", "kommunekode", "børn 0-2", "børn 3-5", "fremskrivning"],
                                *[[str(year), "165", "800", "900", "DST 2026"] for year in range(2025, 2036)]]))
    login("admin-test")
    page.goto(f"{live_server.url}/imports/")
    page.get_by_label("Befolkningsfremskrivning").check()
    page.get_by_label("Fil (CSV eller XLSX)").set_input_files(str(path))
    page.get_by_role("button", name="Upload og kontrollér").click()
    _run_worker()
    status = page.locator("#import-status")
    expect(status).to_contain_text("Klar til import")
    expect(status.locator(".vintage-change")).to_have_text(
        "Skifter befolkningsfremskrivning: Albertslund (Demo (syntetisk) → DST 2026).")
    screenshot("import-preview-vintage-change")
    assert csp_violations == []
