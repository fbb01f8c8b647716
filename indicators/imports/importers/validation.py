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
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.models import Municipality

from .reading import Table

MIN_YEAR = 2000
# A broken file can have a problem in every cell. The preview keeps this many in full, at most
# MAX_PER_KIND of one kind (one column, one message whatever the cell said), and counts the rest.
MAX_PROBLEMS = 1000
MAX_PER_KIND = 50
# How much of a cell a message quotes: enough to find it in the file, never a whole 45 KB cell.
EXCERPT_CHARS = 40
QUOTED = re.compile(r"“([^”]*)”")


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rstrip() + "…"


def problem_kind(message: str) -> str:
    """The message without what varies from cell to cell (quoted text, numbers): problems of one kind."""
    return re.sub(r"\d+", "#", QUOTED.sub("“”", message))


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    more: int = 0  # for a summary line: how many more problems of this kind were found and not kept

    def __str__(self) -> str:
        place = []
        if self.row is not None:
            place.append(_("række %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("kolonne %(column)s") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}" if place else self.message

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"row": self.row, "column": self.column, "message": self.message}
        if self.more:
            data["more"] = self.more
        return data


@dataclass
class Problems:
    """All problems found: the first ones of each kind kept (see MAX_PROBLEMS), the rest counted by kind.

    `cell_text` off (respondent-level files) keeps every cell's text out of the messages: the file is
    deleted after the import, and its answers must not live on in the problem list.
    """

    items: list[Problem] = field(default_factory=list)
    total: int = 0
    cell_text: bool = True
    kept: dict[tuple[str | None, str], int] = field(default_factory=dict)
    more: dict[tuple[str | None, str], int] = field(default_factory=dict)

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.add_rows(np.array([row]), column, message, rows_given=row is not None)

    def room(self) -> int:
        return max(0, MAX_PROBLEMS - len(self.items))

    def add_rows(self, rows: np.ndarray, column: str | None, messages: str | list[str], kind: str | None = None,
                 rows_given: bool = True) -> None:
        """One problem per row, all of one kind: a message for all, or one per row for the first rows (at
        least as many as room() allows). The first are kept as room allows, the rest counted."""
        first = messages if isinstance(messages, str) else messages[0] if messages else ""
        key = (column, kind or problem_kind(first))
        keep = max(0, min(len(rows), self.room(), MAX_PER_KIND - self.kept.get(key, 0)))
        for index in range(keep):
            row = int(rows[index]) if rows_given else None
            self.items.append(Problem(row, column, messages if isinstance(messages, str) else messages[index]))
        self.kept[key] = self.kept.get(key, 0) + keep
        if len(rows) > keep:
            self.more[key] = self.more.get(key, 0) + len(rows) - keep
        self.total += len(rows)

    def cell_message(self, message: str) -> str:
        """A converter's message about a cell, quoting an excerpt of it, or nothing of it (cell_text off)."""
        if not self.cell_text:
            return QUOTED.sub("“" + _("tekst udeladt") + "”", message)
        return QUOTED.sub(lambda match: "“" + excerpt(match.group(1)) + "”", message)

    def __bool__(self) -> bool:
        return self.total > 0

    def sorted(self) -> list[Problem]:
        """The kept problems by row (within a row in the order found), then one line per kind with more."""
        kept = sorted(self.items, key=lambda problem: problem.row or 0)
        summaries = [Problem(None, column, _("… og %(count)s flere af samme slags (som ovenfor).")
                             % {"count": f"{count:,}".replace(",", ".")}, count)
                     for (column, _kind), count in self.more.items()]
        return kept + summaries


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
    by_kind: dict[str, list[int]] = {}
    for code in bad_codes:
        by_kind.setdefault(problem_kind(messages[code]), []).append(code)
    for kind, kind_codes in by_kind.items():
        indexes = np.flatnonzero(np.isin(codes, kind_codes))
        shown = indexes[: min(problems.room(), MAX_PER_KIND)]
        problems.add_rows(table.row_numbers[indexes], columns.header(name),
                          [problems.cell_message(messages[code]) for code in codes[shown]], kind)
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


# The largest count the database holds (a PositiveIntegerField, 32 bits on PostgreSQL): a larger figure is
# refused in the preview, with its row and column, rather than failing the import with "out of range".
MAX_COUNT = BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1]
# More digits than this cannot be a count the database holds; Python's own limit (4,300 digits) would
# otherwise answer in English.
MAX_DIGITS = len(str(MAX_COUNT))


def to_whole_number(text: str) -> int:
    """A count >= 0 and <= MAX_COUNT: '1234', '1.234' (Danish thousands), '1 234', '12,0' and '12.0'."""
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
    digits = digits.lstrip("0") or "0"
    if len(digits) > MAX_DIGITS or int(digits) > MAX_COUNT:
        raise ValueError(_("“%(value)s” er for stort; tallet kan højst være %(max)s.")
                         % {"value": text, "max": f"{MAX_COUNT:,}".replace(",", ".")})
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
        if re.fullmatch(r"0*[0-9]{1,4}([.,]0+)?", cleaned):
            code = int(re.split(r"[.,]", cleaned)[0].lstrip("0") or "0")
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
