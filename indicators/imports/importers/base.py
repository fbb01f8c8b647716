"""The steps every kind of import goes through, and the rules they keep.

    analyse: read the file, check every row, and compare with the database: what will be added,
             replaced or stay unchanged, per (year, municipality). Changes nothing.
    apply:   in one transaction, replace exactly the (year, municipality) keys whose content differs.

A file with any problem is never applied (all or nothing). Applying compares again inside the
transaction and writes only changed keys, so the same file twice leaves the same data, down to which
import each row came from (idempotent). A failure midway rolls the whole transaction back.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from recruitment import data_version
from recruitment.models import Municipality

from .kind import Importer, Key, Parsed, Progress, no_progress
from .reading import FileProblem, Table, read_table
from .validation import MunicipalityLookup, Problems, match_columns

if TYPE_CHECKING:
    from indicators.models import DataImport


@dataclass
class Analysis:
    kind: str
    rows_read: int = 0
    description: str = ""
    problems: Problems = field(default_factory=Problems)
    parsed: Parsed | None = None
    columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    actions: dict[Key, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and self.parsed is not None

    @property
    def changed_keys(self) -> set[Key]:
        return {key for key, action in self.actions.items() if action != "unchanged"}

    def summary(self, municipalities: dict[int, Municipality] | None = None) -> dict[str, Any]:
        """The preview as JSON: counts and, per (year, municipality), its rows and what will happen."""
        if municipalities is None:
            ids = {municipality for _, municipality in self.actions}
            municipalities = Municipality.objects.in_bulk(ids)
        rows = self.parsed.rows_by_key() if self.parsed else {}
        keys = [
            {"year": year, "code": municipalities[pk].code, "name": municipalities[pk].name,
             "rows": rows.get((year, pk), 0), "action": action}
            for (year, pk), action in self.actions.items()
        ]
        keys.sort(key=lambda item: (item["year"], item["name"]))
        counts = {action: sum(1 for item in keys if item["action"] == action)
                  for action in ("added", "replaced", "unchanged", "removed")}
        return {"format": self.description, "rows_read": self.rows_read, "columns": self.columns,
                "ignored_columns": self.ignored_columns, "keys": keys, **counts,
                "years": sorted({year for year, _ in self.actions}),
                "details": self.parsed.details() if self.parsed else {}}


def analyse(importer: Importer, content: bytes, file_name: str, progress: Progress = no_progress) -> Analysis:
    """Reads and checks the file and compares it with the database; changes nothing."""
    analysis = Analysis(kind=importer.kind)
    analysis.problems.cell_text = importer.quotes_cells
    progress(_("Læser filen"), 5)
    try:
        table = read_table(content, file_name, lambda percent: progress(_("Læser filen"), 5 + percent * 35 // 100))
    except FileProblem as problem:
        analysis.problems.add(problem.message, problem.row, problem.column)
        return analysis
    analysis.rows_read = len(table)
    analysis.description = table.description
    progress(_("Kontrollerer %(rows)s rækker") % {"rows": f"{len(table):,}".replace(",", ".")}, 40)
    problems = analysis.problems
    columns = match_columns(table, importer.aliases(), problems)
    labels = importer.column_labels()
    analysis.columns = [column_text(table.headers[position], labels.get(name))
                        for name, position in sorted(columns.positions.items(), key=lambda item: item[1])]
    analysis.ignored_columns = columns.unknown
    missing = importer.missing_columns(columns)
    for column in missing:
        problems.add(_("Filen mangler kolonnen “%(column)s”.") % {"column": column}, 1, column)
    parsed = None if missing else importer.parse(table, columns, problems, MunicipalityLookup())
    if problems and not importer.signature() & set(columns.positions):
        hint = guess_other_kind(importer, table)
        if hint:
            problems.add(_("Filen ligner en fil med %(kind)s. Har du valgt den rigtige type?") % {"kind": hint}, 1)
    if problems or parsed is None:
        return analysis
    analysis.parsed = parsed
    progress(_("Sammenligner med de data, der allerede findes"), 70)
    analysis.actions = compare(importer, parsed)
    return analysis


def compare(importer: Importer, parsed: Parsed) -> dict[Key, str]:
    new = parsed.content_by_key()
    old = importer.stored_content(new.keys(), parsed)
    actions = {}
    for key in new:  # a key's new content is looked at only if the database holds the key
        if key not in old:
            actions[key] = "added"
        elif old[key] == new[key]:
            actions[key] = "unchanged"
        else:
            actions[key] = "replaced"
    actions.update(dict.fromkeys(importer.removed_keys(parsed, new.keys()), "removed"))
    return actions


def apply(importer: Importer, analysis: Analysis, data_import: DataImport,
          progress: Progress = no_progress, on_success: Callable[[Analysis, int], None] | None = None) -> int:
    """Writes a checked file in one transaction; returns the number of database rows written.

    `on_success` runs inside the same transaction, so a record of the import's success is committed
    together with its data or not at all.
    """
    parsed = analysis.parsed
    if not analysis.ok or parsed is None:
        raise ValueError("Only a file without problems can be applied.")
    with transaction.atomic():
        _one_at_a_time(importer.kind)
        # Compare again: another import may have changed the data since the preview.
        analysis.actions = compare(importer, parsed)
        keys = analysis.changed_keys
        progress(_("Gemmer %(keys)d år og kommuner i databasen") % {"keys": len(keys)}, 80)
        written = importer.write(parsed, keys, data_import, progress) if keys else 0
        if written:
            data_version.bump()  # last, so the version row is locked only for the end of the transaction
        if on_success is not None:
            on_success(analysis, written)
    return written


# The first key of PostgreSQL's two-key advisory locks this app takes (the second is the kind's).
IMPORT_LOCK_NAMESPACE = 0x1A6


def _one_at_a_time(kind: str) -> None:
    """Imports of one kind are written one at a time: a second one waits here, inside its transaction,
    until the first has committed, and then compares with what the first wrote. Without it, two imports
    of the same years would both compare with the old data and both replace it, each other's rows
    interleaved or one failing on the unique constraints.

    PostgreSQL: a transaction-level advisory lock per kind, released at commit or rollback (also when
    the worker dies with its connection). SQLite has one writer at a time, and the settings begin
    every transaction with its write lock (transaction_mode IMMEDIATE), so the wait happens at BEGIN.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)",
                           [IMPORT_LOCK_NAMESPACE, zlib.crc32(kind.encode()) & 0x7FFFFFFF])


def column_text(header: str, label: str | None) -> str:
    """A column as the preview names it: its human name with the header it has in the file."""
    return f"{label} ({header})" if label and label != header else header


def guess_other_kind(importer: Importer, table: Table) -> str | None:
    """The label of another kind whose columns the file has more of, for a wrong-kind hint."""
    from . import IMPORTERS  # the registry imports this module

    def matches(candidate: Importer) -> int:
        found = match_columns(table, candidate.aliases(), Problems())
        return len(candidate.signature() & set(found.positions))

    own = matches(importer)
    best = max((other for other in IMPORTERS.values() if other.kind != importer.kind), key=matches)
    return str(best.label).lower() if matches(best) > own else None
