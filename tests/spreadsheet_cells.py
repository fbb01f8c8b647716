"""What the export tests read a spreadsheet download with: the text planted to look like a formula, the characters
that start one, and the cells of a CSV download with the numbers told apart from text."""

from __future__ import annotations

import csv
import io

HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(response) -> list[list[str]]:
    """The cells of a CSV download: for Danish Excel (BOM, `;`) or the comma convention (coverage.csv)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    danish = response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if danish else ","))


def is_number(cell: str) -> bool:
    """A number as either CSV dialect writes it: -13.7 or, for Danish Excel, -13,7."""
    try:
        float(cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell)
    except ValueError:
        return False
    return True


def formula_like(rows: list[list[str]]) -> list[str]:
    """Text cells a spreadsheet would read as a formula; numbers such as -13.7 are numbers, not formulas."""
    return [cell for row in rows for cell in row if cell.startswith(TRIGGERS) and not is_number(cell)]
