"""What the sections on imported data have in common: shares (suppressed below 5 answers) in tables, charts and
hover texts, and the sources (the import files) the figures come from."""

from __future__ import annotations

from django.utils.translation import gettext as _

from indicators.models import DataImport
from indicators.shares import LEFT_OUT, SUPPRESSED, Share
from recruitment.dates import danish_date

from .base import Cell, pct


def share_cell(share: Share | None) -> Cell:
    """A share for a table or CSV: one decimal, or the words when it is suppressed."""
    if share is None:
        return None
    return str(SUPPRESSED) if share.suppressed else pct(share.percent)


def share_value(share: Share | None) -> float | None:
    return None if share is None or share.percent is None else float(share.percent)  # None: suppressed


def share_text(share: Share | None) -> str:
    if share is None:
        return "–"
    if share.suppressed:
        return str(share)
    if share.left_out:
        return f"{share} (n = {share.n}, {LEFT_OUT})"
    return f"{share} (n = {share.n})"


def sources(imports: list[DataImport]) -> str:
    """Where the figures come from: the import files and when they were imported."""
    return "; ".join(_("%(file)s, importeret %(date)s") % {
        "file": record.file_name, "date": danish_date(record.finished_at or record.created_at)}
        for record in imports)
