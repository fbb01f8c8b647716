"""A problem in an import file: where (row, column), what (a Danish explanation), how much of the cell it quotes,
and how many of a kind are kept; all are collected, not only the first, so an admin can fix a file in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

# A broken file can have a problem in every cell. The preview keeps this many in full, at most
# MAX_PER_KIND of one kind (one column, one message whatever the cell said), and counts the rest.
MAX_PROBLEMS = 1000
MAX_PER_KIND = 50
# How much of a cell a message quotes: enough to find it in the file, never a whole 45 KB cell.
EXCERPT_CHARS = 40
QUOTED = re.compile(r"“([^”]*)”")
# In a respondent-level file: the columns whose cells are always quoted, and the longest other cell quoted.
KEY_COLUMNS = frozenset({"aar", "kommunekode", "kommune"})
QUOTABLE_CHARS = 20


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

    def cell_message(self, message: str, column: str | None = None, cell: str | None = None) -> str:
        """A converter's message about a cell in the column named `column` (the importer's name), quoting an
        excerpt of it. With cell_text off (respondents' rows) only cells that cannot hold a respondent's own words
        are quoted: the key columns (year, municipality) and cells of at most QUOTABLE_CHARS (a scale word such as
        "Meget enig"); a longer cell is withheld, saying only how long it is. The length is the whole `cell`'s
        where given: a message may quote a short part of a long cell."""
        def quote(match: re.Match[str]) -> str:
            text = match.group(1)
            chars = len(cell if cell is not None else text)
            if self.cell_text or column in KEY_COLUMNS or chars <= QUOTABLE_CHARS:
                return "“" + excerpt(text) + "”"
            return _("“…” (indholdet vises ikke: %(chars)d tegn)") % {"chars": chars}

        return QUOTED.sub(quote, message)

    def __bool__(self) -> bool:
        return self.total > 0

    def sorted(self) -> list[Problem]:
        """The kept problems by row (within a row in the order found), then one line per kind with more."""
        kept = sorted(self.items, key=lambda problem: problem.row or 0)
        summaries = [Problem(None, column, _("… og %(count)s flere af samme slags (som ovenfor).")
                             % {"count": f"{count:,}".replace(",", ".")}, count)
                     for (column, _kind), count in self.more.items()]
        return kept + summaries
