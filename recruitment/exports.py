"""Spreadsheet downloads: every CSV and XLSX the app serves is written here, so none can carry a formula.

A text cell that starts with `=`, `+`, `-` or `@` (or with a tab or carriage return, which spreadsheets
skip before reading the rest) is taken for a formula when the file is opened in Excel or LibreOffice.
Intervention titles, partners and notes are typed by editors in every municipality, so a title like
`=HYPERLINK("http://…","x")` would otherwise run on the machine of whoever opens the download.

- CSV: such a text cell gets a leading apostrophe, the convention spreadsheets read as "this is text"
  (OWASP's advice on CSV injection). The csv module quotes cells that need it.
- XLSX: such a cell is stored as a string with Excel's "quote prefix" style, so the text is shown
  exactly as typed and stays text even when someone edits the cell.

Only text is neutralised. Numbers must be given as numbers (int, Decimal, float), never as formatted
strings: -13.7 in a number column stays the number -13.7.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

Cell = str | int | float | Decimal | date | Promise | None

# The full-width forms are included: some spreadsheet imports fold them into the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """A text cell for CSV: what a spreadsheet would read as a formula gets an apostrophe in front."""
    return "'" + text if is_formula_like(text) else text


def _plain(value: Cell) -> str | int | float | Decimal | date | None:
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    if isinstance(value, bool):  # a bool is an int to Python, not a number to a reader
        return str(value)
    return value


def _csv_cell(value: Cell) -> object:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value  # a number, written as Python prints it: decimal point, minus sign kept


def csv_text(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> str:
    """Comma-separated, header first, "\\n" line ends; text cells neutralised, numbers as they are."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(column) for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _disposition(filename: str, attachment: bool) -> str:
    return f'{"attachment" if attachment else "inline"}; filename="{filename}"'


def csv_response(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], filename: str, *,
                 attachment: bool = True) -> HttpResponse:
    response = HttpResponse(csv_text(columns, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, attachment)
    return response


def _xlsx_cell(sheet, value: Cell, bold: bool = False) -> WriteOnlyCell:
    value = _plain(value)
    if isinstance(value, str):
        # openpyxl refuses control characters a spreadsheet cannot hold; a pasted one must not break the download.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl turns any string starting with "=" into a formula; text is text.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_bytes(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], sheet_title: str) -> bytes:
    """One sheet: a bold header row, then the rows; text cells neutralised, numbers and dates typed."""
    workbook = Workbook(write_only=True)
    # Excel allows 31 characters and no []:*?/\ in a sheet's name.
    sheet = workbook.create_sheet(title="".join(c for c in sheet_title if c not in "[]:*?/\\")[:31] or "Data")
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, column, bold=True) for column in columns])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], filename: str,
                  sheet_title: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(columns, rows, sheet_title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, True)
    return response
