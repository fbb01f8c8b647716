"""What the three kinds of file share: forgiving header and value matching, and problems with their place.

Every check works on a column's distinct values (see reading.Table) and reports each bad cell with its
row number, the column's header as the file writes it, and a Danish explanation. All problems are
collected, not only the first, so an admin can fix a file in one go.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.models import Municipality

from .reading import Table

MIN_YEAR = 2000
# A broken file can have a problem in every cell; past this many, the list says how many more there are.
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = []
        if self.row is not None:
            place.append(_("række %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("kolonne %(column)s") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}" if place else self.message

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Problems:
    """All problems found, keeping the first MAX_PROBLEMS in full and counting the rest."""

    items: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(row, column, message))

    def room(self) -> int:
        return max(0, MAX_PROBLEMS - len(self.items))

    def add_rows(self, rows: np.ndarray, column: str, messages: str | list[str]) -> None:
        """One problem per row (a message for all, or one per row for the first `room()` rows)."""
        kept = rows[: self.room()]
        for index, row in enumerate(kept):
            self.items.append(Problem(int(row), column, messages if isinstance(messages, str) else messages[index]))
        self.total += len(rows)

    def __bool__(self) -> bool:
        return self.total > 0

    def sorted(self) -> list[Problem]:
        # By row; within a row in the order found (columns left to right as checked).
        return sorted(self.items, key=lambda problem: problem.row or 0)


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


def match_columns(table: Table, aliases: dict[str, Iterable[str]], problems: Problems) -> Columns:
    """Finds each field's column by any of its aliases (compared after normalize_label)."""
    lookup: dict[str, str] = {}
    for name, names in aliases.items():
        for alias in [name, *names]:
            lookup[compact(alias)] = name
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for position, header in enumerate(table.headers):
        name = lookup.get(compact(header))
        if name is None:
            if header:
                unknown.append(header)
            continue
        if name in positions:
            problems.add(_("Kolonnen står to gange (også som kolonne %(first)d: “%(header)s”).")
                         % {"first": positions[name] + 1, "header": table.headers[positions[name]]}, 1, header)
            continue
        positions[name] = position
    return Columns(positions, table.headers, unknown)


@dataclass
class Checked:
    """A checked column: each row's code into `lookup`, the converted value of each distinct cell (None where
    blank or bad), and which rows are bad."""

    codes: np.ndarray
    lookup: list[object]
    bad: np.ndarray

    def blank(self) -> np.ndarray:
        none = np.array([value is None for value in self.lookup], dtype=bool)
        return none[self.codes] & ~self.bad if len(self.lookup) else np.zeros(len(self.codes), dtype=bool)

    def as_int(self) -> np.ndarray:
        """The values as integers (blank: -1), for columns whose converter returns integers."""
        table = np.array([-1 if value is None else int(value) for value in self.lookup], dtype=np.int64)
        return table[self.codes] if len(table) else np.full(len(self.codes), -1, dtype=np.int64)

    def values(self) -> list[object]:
        return [self.lookup[code] for code in self.codes.tolist()]


def check_column(table: Table, columns: Columns, name: str, convert: Callable[[str], object],
                 problems: Problems) -> Checked:
    """Converts a column's distinct values once, reporting every row that holds a bad one.

    `convert` gets a stripped, non-empty cell text and returns the value, or raises ValueError whose
    message is the Danish explanation. Blank cells become None; whether blank is allowed is the
    caller's decision (see require_values).
    """
    codes, texts = table.column(columns.positions[name])
    converted: list[object] = []
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
    bad_codes = [code for code, message in enumerate(messages) if message is not None]
    bad = np.isin(codes, bad_codes) if bad_codes else np.zeros(len(codes), dtype=bool)
    if bad_codes:
        indexes = np.flatnonzero(bad)
        problems.add_rows(table.row_numbers[indexes], columns.header(name),
                          [messages[code] for code in codes[indexes[: problems.room()]]])
    return Checked(codes, converted, bad)


def require_values(table: Table, columns: Columns, name: str, checked: Checked, problems: Problems,
                   message: str | None = None) -> None:
    """Reports rows where a required column is blank."""
    blank = checked.blank()
    if blank.any():
        problems.add_rows(table.row_numbers[blank], columns.header(name),
                          message or _("Feltet er tomt, men skal udfyldes."))


# --- Converters: each takes a stripped, non-empty cell and returns its value or raises ValueError ------------


def to_year(text: str) -> int:
    cleaned = text.replace(" ", "")
    if re.fullmatch(r"\d{4}([.,]0+)?", cleaned):
        year = int(cleaned[:4])
    else:
        raise ValueError(_("“%(value)s” er ikke et årstal.") % {"value": text})
    last = timezone.localdate().year
    if not MIN_YEAR <= year <= last:
        raise ValueError(_("Årstallet %(year)d ligger uden for %(first)d–%(last)d.")
                         % {"year": year, "first": MIN_YEAR, "last": last})
    return year


def to_whole_number(text: str) -> int:
    """A count >= 0: '1234', '1.234' (Danish thousands), '1 234', '12,0' and '12.0' are whole numbers."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    digits = cleaned.lstrip("+-")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d+[.,]0+", digits):
        digits = re.split(r"[.,]", digits)[0]
    if not re.fullmatch(r"\d+", digits):
        if re.fullmatch(r"\d+[.,]\d+", digits):
            raise ValueError(_("“%(value)s” er ikke et helt tal.") % {"value": text})
        raise ValueError(_("“%(value)s” er ikke et tal.") % {"value": text})
    if negative and int(digits) != 0:
        raise ValueError(_("%(value)s er negativ; antal skal være 0 eller mere.") % {"value": text})
    return int(digits)


def choice_converter(choices: dict[str, object], allowed: str) -> Callable[[str], object]:
    """A converter that accepts any alias in `choices` (compared after compact) and explains the
    allowed answers otherwise."""
    lookup = {compact(alias): value for alias, value in choices.items()}

    def convert(text: str) -> object:
        try:
            return lookup[compact(text)]
        except KeyError:
            raise ValueError(_("“%(value)s” er ikke et gyldigt svar (mulige: %(allowed)s).")
                             % {"value": text, "allowed": allowed}) from None

    return convert


class MunicipalityLookup:
    """Municipalities by code (leading zeros allowed) and by name (any case, Danish letters or ae/oe/aa)."""

    def __init__(self) -> None:
        municipalities = list(Municipality.objects.values_list("id", "code", "name"))
        self.by_code = {code: pk for pk, code, _ in municipalities}
        self.by_name = {compact(name): pk for pk, _, name in municipalities}
        self.names = {pk: name for pk, _, name in municipalities}
        self.codes = {pk: code for pk, code, _ in municipalities}

    def from_code(self, text: str) -> int:
        cleaned = text.replace(" ", "")
        if re.fullmatch(r"\d+([.,]0+)?", cleaned):
            code = int(re.split(r"[.,]", cleaned)[0])
            if code in self.by_code:
                return self.by_code[code]
            raise ValueError(_("Ukendt kommunekode %(code)s.") % {"code": text})
        raise ValueError(_("“%(value)s” er ikke en kommunekode (tre cifre, fx 165).") % {"value": text})

    def from_name(self, text: str) -> int:
        try:
            return self.by_name[compact(text.removesuffix(" Kommune").removesuffix(" kommune"))]
        except KeyError:
            raise ValueError(_("Ukendt kommune “%(value)s”.") % {"value": text}) from None


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
