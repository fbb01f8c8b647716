"""Coverage over time: per pathway and period, a municipality's coverage beside the average of its region and
the country, over the municipalities that had reported by then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from recruitment.models import Municipality, Pathway

from ..coverage import Catalogue, load_catalogue
from ..numbers import mean, percent
from .intervention_spells import Spell, Spells, reported_by, spells
from .periods import MAX_YEARS, MIN_YEARS, Period, quarters, years


def coverage_in(municipality_spells: Iterable[Spell], pathway_types: frozenset[int], period: Period) -> Decimal:
    """Catalogue coverage in a period: the share of the pathway's types (those with an EVA share) that at
    least one of the municipality's interventions ran during it."""
    ran = {s.type_id for s in municipality_spells if s.type_id in pathway_types and s.ran_during(period)}
    return percent(len(ran), len(pathway_types)) or Decimal(0)


@dataclass(frozen=True)
class AveragePoint:
    pct: Decimal | None  # mean over the municipalities that had reported; None when none had
    reporting: int
    of: int


@dataclass(frozen=True)
class CoveragePoint:
    period: Period
    municipality: Decimal | None  # None: the municipality had not reported yet
    region: AveragePoint
    national: AveragePoint


@dataclass
class PathwayHistory:
    pathway: Pathway
    points: list[CoveragePoint]


def average_in(members: list[Municipality], all_spells: Spells, types: frozenset[int], period: Period) -> AveragePoint:
    reporting = [all_spells.of(m.id) for m in members
                 if reported_by(all_spells.of(m.id), period, all_spells.confirmed_none.get(m.id))]
    return AveragePoint(mean(coverage_in(s, types, period) for s in reporting), len(reporting), len(members))


def periods_for(granularity: str, today: date, all_spells: Spells) -> list[Period]:
    if granularity == "quarter":
        return quarters(today)
    earliest = all_spells.first_year() or today.year
    first = min(max(earliest, today.year - MAX_YEARS + 1), today.year - MIN_YEARS + 1)
    return years(first, today)


def coverage_history(municipality: Municipality, everyone: list[Municipality], granularity: str = "year",
                     today: date | None = None, catalogue: Catalogue | None = None) -> list[PathwayHistory]:
    """Each pathway's coverage per period for the municipality, its region and all municipalities."""
    catalogue = catalogue or load_catalogue()
    today = today or timezone.localdate()
    all_spells = spells(catalogue)
    periods = periods_for(granularity, today, all_spells)
    region = [m for m in everyone if m.region_id == municipality.region_id]
    own = all_spells.of(municipality.pk)
    confirmed = all_spells.confirmed_none.get(municipality.pk)
    result = []
    for pathway in catalogue.pathways:
        types = catalogue.benchmarked_ids(pathway)
        points = [CoveragePoint(period,
                                coverage_in(own, types, period) if reported_by(own, period, confirmed) else None,
                                average_in(region, all_spells, types, period),
                                average_in(everyone, all_spells, types, period))
                  for period in periods]
        result.append(PathwayHistory(pathway, points))
    return result
