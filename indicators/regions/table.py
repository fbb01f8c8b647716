"""The regional table: one row per municipality – coverage of each pathway (types run and %), the projected gap
at the milestones (the central scenario), its targets' statuses, the latest practicum share – and the region's
and the country's rows last. The same rows feed the page, its downloads, the slides and the API."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from recruitment.models import Municipality, Pathway

from ..charts.base import Table
from ..coverage import SetCoverage
from ..numbers import mean, round1
from ..shares import Share
from ..targets.status import LABELS

STATUS_ORDER = list(LABELS)  # on-track first … too few data last


@dataclass(frozen=True)
class PathwayCell:
    active: int | None  # types of the pathway run; None for an average row or a municipality that does not report
    total: int  # the pathway's types with an EVA share
    pct: Decimal | None  # the coverage, or the average over the reporting municipalities


@dataclass
class RegionRow:
    label: str
    municipality: Municipality | None  # None: the region's or the country's row
    reports: bool
    pathways: list[PathwayCell]
    gaps: list[Decimal | None]  # supply minus demand in FTE at the milestones, central scenario; None: no projection
    targets: Counter[str] = field(default_factory=Counter)  # status -> how many of its targets
    practicum: Share | None = None  # students who would like to return, the latest year; None: not imported
    gaps_from: int = 0  # average rows: over how many municipalities with a projection
    is_average: bool = False
    set_name: str = ""  # average rows: the set's name ("KKR Hovedstaden"), for what is counted, not averaged

    @property
    def targets_label(self) -> str:
        """The row's name where its targets are shown: a set's targets are counted together, not averaged."""
        return _("Alle mål i %(name)s") % {"name": self.set_name} if self.is_average else self.label

    @property
    def target_statuses(self) -> list[tuple[str, str, int]]:
        """(status, its words, how many) in the status order, only those present."""
        return [(status, str(LABELS[status]), self.targets[status]) for status in STATUS_ORDER if self.targets[status]]

    @property
    def targets_text(self) -> str:
        return ", ".join(f"{count} {words}" for _status, words, count in self.target_statuses)

    @property
    def practicum_pct(self) -> Decimal | None:
        return None if self.practicum is None or self.practicum.suppressed else self.practicum.percent


def whole(value: float | None) -> Decimal | None:
    """A gap in whole FTE, as the projection's pages show it."""
    return None if value is None else Decimal(round(value))


def municipality_row(municipality: Municipality, pathways: Sequence[Pathway], region: SetCoverage,
                     gaps: Sequence[float | None], targets: Counter[str], practicum: Share | None) -> RegionRow:
    reports = region.reports(municipality)
    cells = []
    for pathway in pathways:
        total = len(region.catalogue.benchmarked_ids(pathway))
        active = len(region.catalogue.benchmarked_ids(pathway) & region.runs.get(municipality.pk, set()))
        cells.append(PathwayCell(active if reports else None, total,
                                 region.coverage_pct(municipality, pathway) if reports else None))
    return RegionRow(municipality.name, municipality, reports, cells, [whole(gap) for gap in gaps], targets,
                     practicum if practicum is not None and practicum.base else None)


def average_row(label: str, pathways: Sequence[Pathway], members: SetCoverage,
                gaps: Sequence[Sequence[float | None]], targets: Counter[str], practicum: Share | None,
                set_name: str = "") -> RegionRow:
    """The set's row: average coverage over its reporting municipalities (indicators.coverage.sets), the mean gap
    per municipality with a projection, the targets counted together, the practicum share pooled."""
    cells = [PathwayCell(None, len(members.catalogue.benchmarked_ids(p)), members.average_coverage_pct(p))
             for p in pathways]
    with_data = [row for row in gaps if row and row[0] is not None]
    means = [mean(Decimal(repr(row[index])) for row in with_data if row[index] is not None)
             for index in range(len(gaps[0]) if gaps else 0)]
    return RegionRow(label, None, bool(members.reporting), cells, [round1(value) for value in means], targets,
                     practicum if practicum is not None and practicum.base else None, len(with_data), True, set_name)


# --- Sorting: ?sort=<key>, descending with a leading "-" ------------------------------------------------------

def sort_keys(pathways: Sequence[Pathway], milestones: Sequence[int]) -> dict[str, Callable[[RegionRow], object]]:
    keys: dict[str, Callable[[RegionRow], object]] = {"kommune": lambda row: row.label.lower()}
    for index, pathway in enumerate(pathways):
        keys[pathway.slug] = _pathway_key(index)
    for index, year in enumerate(milestones):
        keys[f"gab-{year}"] = _gap_key(index)
    keys["praktik"] = lambda row: row.practicum_pct
    return keys


def _pathway_key(index: int) -> Callable[[RegionRow], object]:
    return lambda row: row.pathways[index].pct


def _gap_key(index: int) -> Callable[[RegionRow], object]:
    return lambda row: row.gaps[index]


def sorted_rows(rows: list[RegionRow], key: Callable[[RegionRow], object], descending: bool) -> list[RegionRow]:
    """Rows without a value last in either direction; ties by name."""
    known = sorted((row for row in rows if key(row) is not None), key=lambda row: row.label.lower())
    known.sort(key=key, reverse=descending)  # type: ignore[arg-type]
    return known + [row for row in rows if key(row) is None]


# --- The table behind the downloads, the slides and the API ---------------------------------------------------

def columns(pathways: Sequence[Pathway], milestones: Sequence[int]) -> list[str]:
    names = [_("Kommune"), _("Kommunekode"), _("Indberetter")]
    for pathway in pathways:
        names += [_("%(pathway)s: typer i gang") % {"pathway": pathway.name},
                  _("%(pathway)s: typer i kataloget") % {"pathway": pathway.name},
                  _("%(pathway)s: dækning (%%)") % {"pathway": pathway.name}]
    names += [_("Forskel %(year)d, centralt scenarie (årsværk)") % {"year": year} for year in milestones]
    names += [_("Mål: status"), _("Studerende der gerne vil vende tilbage (%)"), _("Svar bag andelen")]
    return names


def table(rows: Sequence[RegionRow], pathways: Sequence[Pathway], milestones: Sequence[int]) -> Table:
    body: list[list] = []
    for row in rows:
        cells: list = [row.label, row.municipality.code if row.municipality else None,
                       (_("ja") if row.reports else _("nej")) if row.municipality else None]
        for cell in row.pathways:
            cells += [cell.active, cell.total, round1(cell.pct)]
        cells += list(row.gaps)
        # A set's targets are counted together, not averaged: said in the cell, as on the page.
        targets = (_("i alt: %(statuses)s") % {"statuses": row.targets_text} if row.is_average else
                   row.targets_text) if row.targets_text else None
        cells += [targets, row.practicum_pct, row.practicum.n if row.practicum else None]
        body.append(cells)
    return Table(columns(pathways, milestones), body)
