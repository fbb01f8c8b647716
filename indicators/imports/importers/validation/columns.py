"""Finding the fields among a file's columns (headers in any spelling), and checking a column's distinct values
once, reporting every row that holds a bad one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import SupportsInt, cast

import numpy as np
from django.utils.translation import gettext as _

from ..reading import Table
from .problems import MAX_PER_KIND, Problems, problem_kind


def normalize_label(text: object) -> str:
    """A header or value in a comparable form: 'Kommune Kode ', 'kommune_kode' and 'KOMMUNEKODE' agree
    after spaces, case and punctuation are dropped, and 'Lærer' matches 'laerer' (Danish letters spelled
    ae/oe/aa, other accents removed)."""
    text = str(text).strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def compact(text: str) -> str:
    return normalize_label(text).replace("_", "")


@dataclass
class Columns:
    """Which of the file's columns hold which field (by position), and which headers were not understood."""

    positions: dict[str, int]
    headers: list[str]
    unknown: list[str]

    def header(self, name: str) -> str:
        return self.headers[self.positions[name]] or name

    def __contains__(self, name: str) -> bool:
        return name in self.positions


def match_columns(table: Table, aliases: Mapping[str, Iterable[str]], problems: Problems) -> Columns:
    """Finds each field's column by any of its aliases (compared after normalize_label)."""
    lookup: dict[str, str] = {}
    for name, names in aliases.items():
        for alias in [name, *names]:
            lookup[compact(alias)] = name
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for position, header in enumerate(table.headers):
        field = lookup.get(compact(header))
        if field is None:
            if header:
                unknown.append(header)
            continue
        if field in positions:
            problems.add(_("Kolonnen står to gange (også som kolonne %(first)d: “%(header)s”).")
                         % {"first": positions[field] + 1, "header": table.headers[positions[field]]}, 1, header)
            continue
        positions[field] = position
    return Columns(positions, table.headers, unknown)


@dataclass
class Checked[T]:
    """A checked column: each row's code into `lookup`, the converted value of each distinct cell (None where
    blank or bad), and which rows are bad."""

    codes: np.ndarray
    lookup: list[T | None]
    bad: np.ndarray

    def blank(self) -> np.ndarray:
        none = np.array([value is None for value in self.lookup], dtype=bool)
        return none[self.codes] & ~self.bad if len(self.lookup) else np.zeros(len(self.codes), dtype=bool)

    def as_int(self) -> np.ndarray:
        """The values as integers (blank: -1), for columns whose converter returns integers."""
        table = np.array([-1 if value is None else int(cast(SupportsInt, value)) for value in self.lookup],
                         dtype=np.int64)
        return table[self.codes] if len(table) else np.full(len(self.codes), -1, dtype=np.int64)

    def values(self) -> list[T | None]:
        return [self.lookup[code] for code in self.codes.tolist()]

    def required_values(self) -> list[T]:
        """The values of a column with neither a blank nor a bad cell: one that check_column and require_values
        reported no problem in (the caller stops on their problems before it asks)."""
        assert not (self.blank() | self.bad).any(), "a blank or bad cell: stop on the column's problems first"
        return cast(list[T], self.values())


def check_column[T](table: Table, columns: Columns, name: str, convert: Callable[[str], T],
                   problems: Problems) -> Checked[T]:
    """Converts a column's distinct values once, reporting every row that holds a bad one.

    `convert` gets a stripped, non-empty cell text and returns the value, or raises ValueError whose
    message is the Danish explanation. Blank cells become None; whether blank is allowed is the
    caller's decision (see require_values).
    """
    codes, texts = table.column(columns.positions[name])
    converted: list[T | None] = []
    messages: list[str | None] = []
    for text in texts:
        if text == "":
            converted.append(None)
            messages.append(None)
            continue
        try:
            converted.append(convert(text))
            messages.append(None)
        except ValueError as error:
            converted.append(None)
            messages.append(str(error))
    bad_messages = {code: message for code, message in enumerate(messages) if message is not None}
    bad_codes = list(bad_messages)
    bad = np.isin(codes, bad_codes) if bad_codes else np.zeros(len(codes), dtype=bool)
    by_kind: dict[str, list[int]] = {}
    for code, message in bad_messages.items():
        by_kind.setdefault(problem_kind(message), []).append(code)
    for kind, kind_codes in by_kind.items():
        indexes = np.flatnonzero(np.isin(codes, kind_codes))
        shown = indexes[: min(problems.room(), MAX_PER_KIND)]
        problems.add_rows(table.row_numbers[indexes], columns.header(name),
                          [problems.cell_message(bad_messages[code]) for code in codes[shown]], kind)
    return Checked(codes, converted, bad)


def require_values(table: Table, columns: Columns, name: str, checked: Checked, problems: Problems,
                   message: str | None = None) -> None:
    """Reports rows where a required column is blank."""
    blank = checked.blank()
    if blank.any():
        problems.add_rows(table.row_numbers[blank], columns.header(name),
                          message or _("Feltet er tomt, men skal udfyldes."))

# --- Columns shared by every kind ------------------------------------------------------------------------

KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "aar": ("år", "year", "årstal", "aarstal"),
    "kommunekode": ("kommune_kode", "kommunenr", "kommunenummer", "kommune_nr", "komkode"),
    "kommune": ("kommunenavn", "kommune_navn"),
}


def missing_key_columns(columns: Columns) -> list[str]:
    missing = [] if "aar" in columns else ["år"]
    if "kommunekode" not in columns and "kommune" not in columns:
        missing.append("kommunekode")
    return missing
