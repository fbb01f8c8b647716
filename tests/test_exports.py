"""Every CSV and XLSX download keeps text as text: nothing a user typed can run as a spreadsheet formula.

This file: the one helper (recruitment/exports.py) every download goes through; test_export_downloads.py: each
download that uses it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from recruitment import exports
from tests.spreadsheet_cells import HYPERLINK, TRIGGERS, is_number

pytestmark = pytest.mark.django_db


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
    dangerous = [cell for cell in _cells_read_back(text) if cell.startswith(TRIGGERS) and not is_number(cell)]
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

