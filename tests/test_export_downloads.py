"""Every CSV and XLSX download goes through recruitment/exports.py and keeps text as text: an intervention, a
catalogue label and a municipality's name that look like formulas are written so that none can run."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from interventions.models import InterventionType
from recruitment import exports
from recruitment.models import Municipality
from tests.spreadsheet_cells import HYPERLINK, csv_rows, formula_like, is_number

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def hostile_intervention(make_intervention, editor_a):
    return make_intervention(
        editor_a, type_slug="supervisor-training", status="running", start_date=date(2025, 1, 6),
        title=HYPERLINK, partners="+45 11 22 33 44", description="@SUM(1+1)*cmd|' /C calc'!A0",
        results="-2+3", participants_planned=12, budget_dkk=150000)



# --- Every download -------------------------------------------------------------------------------

def test_it_exports_the_intervention_list_as_csv_with_the_title_as_text(chef_client, hostile_intervention):
    rows = csv_rows(chef_client.get("/municipalities/165/interventions/?export=csv"))
    header, row = rows[0], rows[1]
    assert len(rows) == 2
    assert header[:4] == ["Titel", "Indsatstype (EVA's katalog)", "Målgrupper", "Status"]
    record = dict(zip(header, row, strict=True))
    assert record["Titel"] == "'" + HYPERLINK
    assert record["Samarbejdspartnere"] == "'+45 11 22 33 44"
    assert record["Beskrivelse"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert record["Resultater"] == "'-2+3"
    assert record["Budget (kr.)"] == "150000" and record["Planlagte deltagere"] == "12"
    assert record["Startdato"] == "2025-01-06" and record["Slutdato"] == ""
    assert record["Kommunekode"] == "165"
    assert formula_like(rows) == []


def test_it_exports_the_intervention_list_as_xlsx_with_the_title_as_text(chef_client, hostile_intervention):
    response = chef_client.get("/municipalities/165/interventions/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert re.fullmatch(r'attachment; filename="indsatser-165-\d{4}-\d\d-\d\d\.xlsx"', response["Content-Disposition"])
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    record = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert record["Titel"].value == HYPERLINK
    assert record["Titel"].data_type == "s" and record["Titel"].quotePrefix
    assert record["Resultater"].value == "-2+3" and record["Resultater"].data_type == "s"
    assert record["Budget (kr.)"].value == 150000 and record["Budget (kr.)"].data_type == "n"
    assert record["Startdato"].value.date() == date(2025, 1, 6)
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml").decode()


def test_it_applies_the_lists_filters_to_the_export(chef_client, make_intervention, editor_a):
    make_intervention(editor_a, type_slug="supervisor-training", status="running", start_date=date(2025, 1, 6),
                      title="Kører")
    make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Planlagt")
    rows = csv_rows(chef_client.get("/municipalities/165/interventions/?status=planned&export=csv"))
    assert [row[0] for row in rows[1:]] == ["Planlagt"]


def test_it_refuses_an_unknown_export_format(chef_client):
    assert chef_client.get("/municipalities/165/interventions/?export=pdf").status_code == 404


def test_it_links_both_downloads_from_the_list_with_its_filters(chef_client):
    html = chef_client.get("/municipalities/165/interventions/?status=running").content.decode()
    assert 'href="?status=running&amp;export=xlsx"' in html
    assert 'href="?status=running&amp;export=csv"' in html


@pytest.fixture
def hostile_reference_data(hostile_intervention):
    """What admins can type into the catalogue and the reference data, formula-like on every export's text."""
    InterventionType.objects.filter(slug="supervisor-training").update(label="=1+1 Opkvalificering")
    Municipality.objects.filter(code=165).update(name="@Albertslund")
    return hostile_intervention


CHART_DOWNLOADS = [
    "/municipalities/165/?csv=chart-through-internship",
    "/municipalities/165/pathways/through-internship/?csv=chart-through-internship",
    "/compare/?sammenlign=alle&csv=table",
    "/compare/?sammenlign=alle&csv=heatmap",
    "/compare/?sammenlign=alle&csv=adoption",
    "/national/charts.csv?csv=national-through-internship",
    "/municipalities/165/coverage.csv",
    "/municipalities/165/interventions/?export=csv",
]


@pytest.mark.parametrize("url", CHART_DOWNLOADS)
def test_it_neutralises_formula_like_text_in_every_csv_download(chef_client, hostile_reference_data, url):
    rows = csv_rows(chef_client.get(url))
    assert formula_like(rows) == []
    cells = {cell for row in rows for cell in row}
    if "coverage.csv" not in url:  # the contract has no free text, only slugs and numbers
        assert cells & {"'=1+1 Opkvalificering", "'@Albertslund", "'" + HYPERLINK}, "the planted text is missing"


def test_it_keeps_negative_numbers_in_coverage_csv_as_numbers(chef_client):
    rows = csv_rows(chef_client.get("/municipalities/165/coverage.csv"))
    differences = [row[5] for row in rows[1:]]
    assert all(is_number(value) and value.startswith("-") for value in differences), differences


def test_it_writes_every_download_through_the_one_helper():
    """No module but recruitment/exports.py writes CSV or XLSX, so a new export cannot skip the neutralising."""
    writers = re.compile(r"csv\.writer|csv\.DictWriter|Workbook\(|content_type=\S{0,3}text/csv|spreadsheetml")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("recruitment", "interventions", "indicators")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and path != ROOT / "recruitment" / "exports.py"
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("chart", ["practicum-return", "practicum-questions"])
def test_it_neutralises_the_charts_on_imported_data_too(chef_client, import_file, hostile_reference_data, chart):
    from tests.conftest import SAMPLES

    record = import_file("practicum-evaluations", (SAMPLES / "practicum-evaluations.csv").read_bytes(), "praktik.csv")
    assert record.status == "succeeded"
    rows = csv_rows(chef_client.get(f"/municipalities/165/?csv={chart}"))
    assert len(rows) > 1
    assert formula_like(rows) == []


def test_it_writes_the_intervention_list_csv_for_danish_excel(chef_client, hostile_intervention):
    content = chef_client.get("/municipalities/165/interventions/?export=csv").content
    assert content.startswith(b"\xef\xbb\xbf")
    header, row = content.decode("utf-8-sig").split("\r\n")[:2]
    assert header.startswith('"Titel";"Indsatstype (EVA\'s katalog)";')
    assert ";12;" in row and ";150000;" in row  # numbers bare, for Excel to read as numbers


def test_it_says_where_the_intervention_list_comes_from_in_the_xlsx(chef_client, hostile_intervention):
    content = chef_client.get("/municipalities/165/interventions/?export=xlsx").content
    about = {row[0].value: row[1].value for row in load_workbook(io.BytesIO(content))["Om tallene"].iter_rows()}
    assert about["Kilde"] == "Kommunens egne registreringer i Pædagoger nok"
    assert about["Tabel"] == "Indsatser i Albertslund"
    assert about["Hentet"].date() == timezone.localdate()
    assert about["Side"].endswith("/municipalities/165/interventions/?export=xlsx")
