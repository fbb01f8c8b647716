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

A CSV may be opened with another separator than it was written with (Danish Excel splits on `;`, a comma file
then falls apart at every `;` in a title), so a formula is also neutralised where it follows any separator
inside a text cell (`Makkerordning;=1+2` becomes `Makkerordning;'=1+2`), and every text cell is quoted.

Two CSV dialects:
- `csv_text` / `csv_response`: comma, decimal point, UTF-8 – the machine convention (coverage.csv, tools).
- `danish_csv_bytes` / `danish_csv_response`: semicolon, decimal comma, UTF-8 with BOM, CRLF – what Excel
  set to Danish opens as columns with numbers as numbers.
XLSX (`xlsx_bytes` / `xlsx_response`): numbers and dates typed, a column whose header says "(%)" formatted
as a percentage with one decimal (the value stays as on the page: 33.3 is shown "33,3 %"), and a second
sheet "Om tallene" with what the table is, its source and when it was downloaded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font

Cell = str | int | float | Decimal | date | Promise | None

# The full-width forms are included: some spreadsheet imports fold them into the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A formula trigger after a separator (and any blanks): where a cell starts when the file is split there.
_AFTER_SEPARATOR = re.compile(r"([,;\t\r\n]\s*)(?=[=+\-@＝＋－＠])")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """A text cell for CSV: what a spreadsheet would read as a formula gets an apostrophe in front, at the
    start and after every separator character inside the text."""
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if is_formula_like(text) else text


def _plain(value: Cell) -> str | int | float | Decimal | date | None:
    if isinstance(value, Promise):  # a lazily translated label
        return str(value)
    if isinstance(value, bool):  # a bool is an int to Python, not a number to a reader
        return str(value)
    return value


class _Bare:
    """A number or date already written out: not text, so the csv module leaves it unquoted."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _number(value: int | float | Decimal, decimal_comma: bool) -> _Bare:
    text = format(value, "f") if isinstance(value, Decimal) else repr(value) if isinstance(value, float) else str(value)
    return _Bare(text.replace(".", ",") if decimal_comma else text)


def _csv_cell(value: Cell, decimal_comma: bool = False) -> object:
    value = _plain(value)
    if value is None or value == "":
        return None  # an empty cell, unquoted: no text to protect
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date | datetime):
        return _Bare(value.isoformat())
    return _number(value, decimal_comma)  # minus sign kept: -13.7 is a number, not a formula


def _write_csv(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, delimiter: str, decimal_comma: bool,
               quote_text: bool, lineterminator: str) -> str:
    buffer = io.StringIO()
    # QUOTE_STRINGS: every text cell in quotes, numbers, dates and blanks bare.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator,
                        quoting=csv.QUOTE_STRINGS if quote_text else csv.QUOTE_MINIMAL)
    writer.writerow([_csv_cell(column) for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(cell, decimal_comma) for cell in row])
    return buffer.getvalue()


def csv_text(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, quote_text: bool = True) -> str:
    """Comma-separated, decimal point, header first, "\\n" line ends; text cells quoted and neutralised.

    `quote_text=False` is only for coverage.csv, whose documented format predates the quoting and whose
    text cells are the pathways' slugs (still neutralised)."""
    return _write_csv(columns, rows, delimiter=",", decimal_comma=False, quote_text=quote_text, lineterminator="\n")


def danish_csv_bytes(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> bytes:
    """For Excel set to Danish: semicolons, decimal commas, CRLF, UTF-8 with a BOM (else Excel guesses
    Windows-1252 and garbles æ, ø, å); text cells quoted and neutralised."""
    text = _write_csv(columns, rows, delimiter=";", decimal_comma=True, quote_text=True, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def _disposition(filename: str, attachment: bool) -> str:
    return f'{"attachment" if attachment else "inline"}; filename="{filename}"'


def csv_response(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], filename: str, *,
                 attachment: bool = True, quote_text: bool = True) -> HttpResponse:
    response = HttpResponse(csv_text(columns, rows, quote_text=quote_text), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, attachment)
    return response


def danish_csv_response(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], filename: str) -> HttpResponse:
    response = HttpResponse(danish_csv_bytes(columns, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, True)
    return response


PERCENT_FORMAT = '0.0" %"'


def is_percent_column(header: Cell) -> bool:
    return "(%)" in str(header)


def _xlsx_cell(sheet, value: Cell, bold: bool = False, number_format: str | None = None) -> SheetCell:
    value = _plain(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: local time, as on pages
    if isinstance(value, str):
        # openpyxl refuses control characters a spreadsheet cannot hold; a pasted one must not break the download.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet)
    cell.value = value
    if isinstance(value, str):
        # openpyxl turns any string starting with "=" into a formula; text is text.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif value is not None and number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet_title(title: str, default: str) -> str:
    # Excel allows 31 characters and no []:*?/\ in a sheet's name.
    return "".join(c for c in title if c not in "[]:*?/\\")[:31] or default


def xlsx_bytes(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], sheet_title: str,
               about: Sequence[tuple[Cell, Cell]] = ()) -> bytes:
    """A sheet with a bold header row, then the rows: text neutralised, numbers and dates typed, "(%)" columns
    formatted as percentages; and with `about`, a second sheet "Om tallene" of (what, value) lines."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(str(_plain(sheet_title)), "Data"))
    sheet.freeze_panes = "A2"
    formats = [PERCENT_FORMAT if is_percent_column(column) else None for column in columns]
    sheet.append([_xlsx_cell(sheet, column, bold=True) for column in columns])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, cell, number_format=fmt) for cell, fmt in zip(row, formats, strict=False)])
    if about:
        info = workbook.create_sheet(title="Om tallene")
        for label, value in about:
            info.append([_xlsx_cell(info, label, bold=True), _xlsx_cell(info, value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(columns: Sequence[Cell], rows: Iterable[Sequence[Cell]], filename: str,
                  sheet_title: str, about: Sequence[tuple[Cell, Cell]] = ()) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(columns, rows, sheet_title, about), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename, True)
    return response
