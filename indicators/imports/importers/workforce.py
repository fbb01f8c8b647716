"""Workforce statistics: one row per municipality and year with whole-number figures (>= 0).

Columns: år, kommunekode (or kommune), and any of the figures in WorkforceStat.FIGURES. A blank cell is
an unknown figure. Re-importing a (year, municipality) replaces the figures the file has columns for
and keeps the others, so a file with only some figures cannot blank out the rest.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, WorkforceStat

from .keyed import rows_by_key
from .kind import Importer, Key, Parsed, Progress
from .reading import Table
from .validation import (
    KEY_ALIASES,
    Columns,
    MunicipalityLookup,
    Problems,
    to_whole_number,
)

FIGURE_ALIASES: dict[str, tuple[str, ...]] = {
    "paedagoger": ("pædagoger", "antal pædagoger", "uddannede pædagoger"),
    "paedagogiske_assistenter": ("pædagogiske assistenter", "PAU'er", "antal pædagogiske assistenter"),
    "paedagogmedhjaelpere": ("pædagogmedhjælpere", "medhjælpere", "antal pædagogmedhjælpere"),
    "medhjaelpere_under_25": ("medhjælpere under 25", "medhjælpere under 25 år", "pædagogmedhjælpere under 25"),
    "paedagoger_over_55": ("pædagoger over 55", "pædagoger over 55 år", "pædagoger 55+", "seniorpædagoger"),
    "paedagoger_under_37_timer": ("pædagoger under 37 timer", "pædagoger på deltid", "deltidsansatte pædagoger"),
    "nyuddannede_ansat": ("nyuddannede ansat", "nyuddannede", "nyansatte nyuddannede"),
    "fratraadte": ("fratrådte", "fratrådte pædagoger", "afgang"),
    "studerende_i_praktik": ("studerende i praktik", "pædagogstuderende i praktik", "praktikanter"),
    "boern_0_2": ("børn 0-2", "børn 0-2 år", "børn 0–2 år", "0-2 årige"),
    "boern_3_5": ("børn 3-5", "børn 3-5 år", "børn 3–5 år", "3-5 årige"),
}


@dataclass
class WorkforceData(Parsed):
    figures: list[str]  # the figures the file has columns for
    rows: dict[Key, tuple[int | None, ...]]  # one value per figure

    def content_by_key(self) -> dict[Key, Hashable]:
        return dict(self.rows)

    def rows_by_key(self) -> dict[Key, int]:
        return dict.fromkeys(self.rows, 1)

    def details(self) -> dict[str, Any]:
        return {"figures": [str(_field(name).verbose_name) for name in self.figures]}


def _field(name: str) -> models.Field:
    field = WorkforceStat._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is a figure: a field of WorkforceStat's own"
    return field


class WorkforceImporter(Importer):
    kind = DataImport.Kind.WORKFORCE
    label = gettext_lazy("Personalestatistik")

    def aliases(self) -> dict[str, tuple[str, ...]]:
        return {**KEY_ALIASES, **FIGURE_ALIASES}

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> WorkforceData | None:
        figures = [name for name in WorkforceStat.FIGURES if name in columns]
        if not figures:
            problems.add(_("Filen har ingen kolonner med tal (fx “paedagoger” eller “paedagoger_over_55”)."), 1)
            return None
        rows = rows_by_key(table, columns, figures, to_whole_number, problems, municipalities)
        return None if rows is None else WorkforceData(figures=figures, rows=rows)

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        assert isinstance(parsed, WorkforceData)
        keys = set(keys)
        stored = WorkforceStat.objects.filter(year__in={year for year, _ in keys},
                                              municipality_id__in={municipality for _, municipality in keys})
        return {(year, municipality): tuple(rest)
                for year, municipality, *rest in stored.values_list("year", "municipality_id", *parsed.figures)
                if (year, municipality) in keys}

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, WorkforceData)
        existing = {(stat.year, stat.municipality_id): stat for stat in WorkforceStat.objects.filter(
            year__in={year for year, _ in keys}, municipality_id__in={municipality for _, municipality in keys})}
        changed: list[WorkforceStat] = []
        added: list[WorkforceStat] = []
        for key in sorted(keys):
            stat = existing.get(key) or WorkforceStat(year=key[0], municipality_id=key[1])
            for name, value in zip(parsed.figures, parsed.rows[key], strict=True):
                setattr(stat, name, value)
            stat.data_import = data_import
            (changed if stat.pk else added).append(stat)
        WorkforceStat.objects.bulk_update(changed, [*parsed.figures, "data_import"], batch_size=500)
        WorkforceStat.objects.bulk_create(added, batch_size=500)
        progress(_("Gemt"), 99)
        return len(changed) + len(added)

