"""The backcast: the model run from an earlier year of the workforce statistics, its pedagogue counts set beside
the counts the statistics observed in the years after. A model whose bookkeeping loses people (every job change
counted as a pedagogue lost, nobody hired from elsewhere) shows here as a falling line against a rising one.

Only the supply is run: P and S do not depend on the children, so the children are held constant (the demand
the model would compute alongside is not used).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.formats import number_format

from recruitment.models import Municipality

from ..models import WorkforceStat
from .inputs import Inputs
from .model import HORIZON, BaseYear, Defaults, project

# Any children will do (see above); constant, so the projection runs every year it is asked for.
_FLAT_CHILDREN = (1.0, 1.0)


def modelled_pedagogues(base: BaseYear, last_year: int, defaults: Defaults) -> dict[int, float]:
    """P_t by the model for t = B … last_year (at most B + HORIZON), from the base year's figures alone."""
    years = range(base.year, min(last_year, base.year + HORIZON) + 1)
    projection = project(base, dict.fromkeys(years, _FLAT_CHILDREN), defaults)
    return {} if projection is None else {row.year: row.pedagogues for row in projection.rows}


@dataclass(frozen=True)
class BackcastYear:
    year: int
    modelled: float  # Σ P_t by the model run from the first year
    observed: int  # Σ P_t as the statistics count it
    municipalities: int

    @property
    def modelled_whole(self) -> str:
        return number_format(round(self.modelled), force_grouping=True)

    @property
    def observed_whole(self) -> str:
        return number_format(self.observed, force_grouping=True)


def national_backcast(defaults: Defaults, from_year: int | None = None) -> list[BackcastYear]:
    """The model run from `from_year` (None: the statistics' first year) for every municipality with a pedagogue
    count that year, summed, beside the statistics' observed sums of the same municipalities in each later year
    they all have a count (at most HORIZON years on); two queries, one when there are no statistics.

    Each municipality's base year is built as for the projection (Inputs.base): its own hires that year, else the
    trend from a count up to five years before, else holding the level."""
    stats = list(WorkforceStat.objects.filter(paedagoger__isnull=False).order_by("year"))
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for stat in stats:
        if stat.paedagoger is not None:  # filtered above; the field itself may be empty
            counts[stat.municipality_id][stat.year] = stat.paedagoger
    first = from_year if from_year is not None else (stats[0].year if stats else None)
    starts = [stat for stat in stats if stat.year == first]
    if first is None or not starts:
        return []
    municipalities = Municipality.objects.in_bulk([stat.municipality_id for stat in starts])
    later = sorted({year for stat in starts for year in counts[stat.municipality_id] if year > first})
    # Only the years every municipality in the sum has a count for, so both sums cover the same municipalities.
    years = [first] + [year for year in later
                           if all(year in counts[stat.municipality_id] for stat in starts)]
    modelled: dict[int, float] = defaultdict(float)
    for stat in starts:
        history: list[tuple[int, int, int | None]] = [
            (year, count, None) for year, count in sorted(counts[stat.municipality_id].items()) if year < first]
        inputs = Inputs(municipalities[stat.municipality_id], stat, "", "", [], [], {}, history=history)
        base = inputs.base
        assert base is not None  # the statistics have the pedagogue count (filtered above)
        for year, value in modelled_pedagogues(base, years[-1], defaults).items():
            modelled[year] += value
    return [BackcastYear(year, modelled[year], sum(counts[stat.municipality_id][year] for stat in starts),
                         len(starts)) for year in years if year in modelled]
