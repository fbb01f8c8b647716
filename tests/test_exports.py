"""Every CSV and XLSX download keeps text as text: nothing a user typed can run as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from interventions.models import InterventionType
from recruitment import exports
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _rows(response) -> list[list[str]]:
    """The cells of a CSV download: for Danish Excel (BOM, `;`) or the comma convention (coverage.csv)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    danish = response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if danish else ","))


def _is_number(cell: str) -> bool:
    """A number as either CSV dialect writes it: -13.7 or, for Danish Excel, -13,7."""
    try:
        float(cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell)
    except ValueError:
        return False
    return True


def _formula_like(rows: list[list[str]]) -> list[str]:
    """Text cells a spreadsheet would read as a formula; numbers such as -13.7 are numbers, not formulas."""
    return [cell for row in rows for cell in row if cell.startswith(TRIGGERS) and not _is_number(cell)]


@pytest.fixture
def hostile_intervention(make_intervention, editor_a):
    return make_intervention(
        editor_a, type_slug="supervisor-training", status="running", start_date=date(2025, 1, 6),
        title=HYPERLINK, partners="+45 11 22 33 44", description="@SUM(1+1)*cmd|' /C calc'!A0",
        results="-2+3", participants_planned=12, budget_dkk=150000)


# --- The helper -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written"), [
    (HYPERLINK, "'" + HYPERLINK),
    ("+45 11 22 33 44", "'+45 11 22 33 44"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t'=1+1"),  # split at the tab, the rest is a cell of its own
    ("\r=1+1", "'\r'=1+1"),
    ("Makkerordning;=1+2;", "Makkerordning;'=1+2;"),
    ("Mentor, +45 11 22 33 44", "Mentor, '+45 11 22 33 44"),
    ("a;\t@SUM(A1)", "a;\t'@SUM(A1)"),
    ("Linje 1\n-2+3", "Linje 1\n'-2+3"),
    ("2024-2025; 3 hold", "2024-2025; 3 hold"),
    ("＝1+1", "'＝1+1"),
    ("Mentorordning = god idé", "Mentorordning = god idé"),
    ("", ""),
])
def test_it_neutralises_text_that_starts_like_a_formula(text, written):
    assert exports.neutralise(text) == written


def test_it_keeps_numbers_as_numbers_and_neutralises_only_text():
    from decimal import Decimal

    text = exports.csv_text(["a", "b", "c", "d", "e"], [[Decimal("-13.7"), -4, "-13.7", None, date(2025, 3, 1)]])
    assert text == '"a","b","c","d","e"\n-13.7,-4,"\'-13.7",,2025-03-01\n'


SEMICOLON_TITLE = "Makkerordning;=1+2;"


def _cells_read_back(text: str) -> list[str]:
    """Every cell a reader could make of the file: the csv module with `,` and with `;`, and a naive split on
    either (a reader that ignores quotes), with the quotes and blanks around a cell stripped."""
    cells = []
    for delimiter in (",", ";"):
        cells += [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        cells += [part.strip().strip('"').strip() for line in text.splitlines() for part in line.split(delimiter)]
    return cells


@pytest.mark.parametrize("write", [
    lambda columns, rows: exports.csv_text(columns, rows),
    lambda columns, rows: exports.danish_csv_bytes(columns, rows).decode("utf-8-sig"),
], ids=["comma", "danish"])
def test_it_keeps_a_formula_after_a_separator_from_running_whichever_separator_reads_the_file(write):
    text = write(["Titel", "Tal"], [[SEMICOLON_TITLE, Decimal("-13.7")], ["Ja, =1+1", 5], [HYPERLINK, None]])
    dangerous = [cell for cell in _cells_read_back(text) if cell.startswith(TRIGGERS) and not _is_number(cell)]
    assert dangerous == []
    assert "Makkerordning;'=1+2;" in text


def test_it_quotes_every_text_cell_and_leaves_numbers_bare():
    text = exports.csv_text(["Titel", "Tal"], [["Makkerordning", Decimal("12.5")]])
    assert text == '"Titel","Tal"\n"Makkerordning",12.5\n'


def test_it_writes_csv_for_danish_excel_with_semicolons_decimal_commas_and_a_bom():
    content = exports.danish_csv_bytes(["Kommune", "Dækning (%)", "Antal", "Dato", "Tom"],
                                       [["Ishøj", Decimal("33.3"), 1234, date(2025, 1, 6), None],
                                        ["Næstved", Decimal("-13.7"), 0, None, None]])
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig") == ('"Kommune";"Dækning (%)";"Antal";"Dato";"Tom"\r\n'
                                           '"Ishøj";33,3;1234;2025-01-06;\r\n'
                                           '"Næstved";-13,7;0;;\r\n')


def test_it_formats_percent_columns_in_xlsx_and_adds_a_sheet_about_the_numbers():
    from datetime import datetime

    content = exports.xlsx_bytes(["Kommune", "Dækning (%)", "Antal"], [["Ishøj", Decimal("33.3"), 7]], "Dækning",
                                 about=[("Kilde", "EVA (2024)"), ("Hentet", datetime(2026, 11, 26, 14, 5))])
    workbook = load_workbook(io.BytesIO(content))
    data, about = workbook["Dækning"], workbook["Om tallene"]
    assert (data["B2"].value, data["B2"].data_type, data["B2"].number_format) == (33.3, "n", '0.0" %"')
    assert data["C2"].number_format == "General"
    assert [[cell.value for cell in row] for row in about.iter_rows()] == [
        ["Kilde", "EVA (2024)"], ["Hentet", datetime(2026, 11, 26, 14, 5)]]


def test_it_writes_formula_like_text_to_xlsx_as_quoted_strings_and_numbers_as_numbers():
    from decimal import Decimal

    content = exports.xlsx_bytes(["Titel", "Tal"], [[HYPERLINK, Decimal("-13.7")], ["Almindelig", 5]], "Ark")
    sheet = load_workbook(io.BytesIO(content)).active
    title, number = sheet["A2"], sheet["B2"]
    assert (title.value, title.data_type, title.quotePrefix) == (HYPERLINK, "s", True)
    assert (number.value, number.data_type) == (-13.7, "n")
    assert sheet["A3"].quotePrefix is False
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()


def test_it_drops_control_characters_that_a_spreadsheet_cannot_hold():
    content = exports.xlsx_bytes(["Titel"], [["Ind\x0bsats\x00"]], "Ark")
    assert load_workbook(io.BytesIO(content)).active["A2"].value == "Indsats"


# --- Every download -------------------------------------------------------------------------------

def test_it_exports_the_intervention_list_as_csv_with_the_title_as_text(chef_client, hostile_intervention):
    rows = _rows(chef_client.get("/municipalities/165/interventions/?export=csv"))
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
    assert _formula_like(rows) == []


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
    rows = _rows(chef_client.get("/municipalities/165/interventions/?status=planned&export=csv"))
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
    rows = _rows(chef_client.get(url))
    assert _formula_like(rows) == []
    cells = {cell for row in rows for cell in row}
    if "coverage.csv" not in url:  # the contract has no free text, only slugs and numbers
        assert cells & {"'=1+1 Opkvalificering", "'@Albertslund", "'" + HYPERLINK}, "the planted text is missing"


def test_it_keeps_negative_numbers_in_coverage_csv_as_numbers(chef_client):
    rows = _rows(chef_client.get("/municipalities/165/coverage.csv"))
    differences = [row[5] for row in rows[1:]]
    assert all(_is_number(value) and value.startswith("-") for value in differences), differences


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
    rows = _rows(chef_client.get(f"/municipalities/165/?csv={chart}"))
    assert len(rows) > 1
    assert _formula_like(rows) == []


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
