"""One municipality's inputs to the projection from the database (its base year, its earlier pedagogue counts
and children per year), and every municipality's for the sums.

Which population projection (vintage) a municipality uses is one rule, the same on its page, in the sums, the
brief, the CSV and the API: the vintage chosen in the URL where the municipality has it; else its newest
imported vintage that covers B … B+10; else its newest (`choose_vintage`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from recruitment.models import Municipality

from ..models import PopulationProjection, WorkforceStat
from ..numbers import round1
from ..workforce import with_earlier_figures
from .model import HORIZON, TREND_YEARS, BaseYear
from .scenario import VARIANTS, Scenario


@dataclass
class Inputs:
    """What the projection of one municipality needs from the database, and where it came from."""

    municipality: Municipality
    stat: WorkforceStat | None  # the base year's statistics (None: no pedagogue count imported)
    vintage: str  # the projection used ("" when there is none)
    variant: str
    vintages: list[str]  # every vintage imported for the municipality, newest import first
    variants: list[str]  # the variants the used vintage has
    children: dict[int, tuple[float, float]]
    source_import: str = ""  # the projection's import file
    history: list[tuple[int, int, int | None]] = field(default_factory=list)  # (year, pedagogues, under 37 hours)
    # before the base year, oldest first
    # The base year's unknown figures taken from an earlier year (workforce.with_earlier_figures): each with the
    # statistics it came from, whose year and file the page names beside it.
    earlier: dict[str, WorkforceStat] = field(default_factory=dict)

    @property
    def base(self) -> BaseYear | None:
        stat = self.stat
        if stat is None or stat.paedagoger is None:  # the stats read are those with pedagogues counted
            return None
        other = None
        if stat.paedagogiske_assistenter is not None and stat.paedagogmedhjaelpere is not None:
            other = stat.paedagogiske_assistenter + stat.paedagogmedhjaelpere
        earlier = next(((year, float(count)) for year, count, _part in self.history
                        if stat.year - TREND_YEARS <= year < stat.year), None)
        return BaseYear(stat.year, stat.paedagoger, stat.paedagoger_over_55, stat.paedagoger_under_37_timer,
                        stat.fratraadte, stat.nyuddannede_ansat, other, hires=stat.nyansatte,
                        unfilled=stat.ubesatte_stillinger, earlier=earlier)

    @property
    def base_children(self) -> tuple[float, float] | None:
        stat = self.stat
        if stat is None or stat.boern_0_2 is None or stat.boern_3_5 is None:
            return None
        return (stat.boern_0_2, stat.boern_3_5)


@dataclass
class _Statistics:
    base: WorkforceStat  # the latest year with a pedagogue count, its unknown figures from earlier years
    earlier: dict[str, WorkforceStat]  # which earlier year's statistics each taken figure came from
    history: list[tuple[int, int, int | None]]  # (year, pedagogues, under 37 hours) before the base year


def _statistics(municipalities: list[int] | None, with_source: bool = True) -> dict[int, _Statistics]:
    """Per municipality (None: every municipality) with a pedagogue count: its base year (workforce.
    with_earlier_figures) and its earlier counts, oldest first; one query."""
    stats = WorkforceStat.objects.order_by("municipality_id", "year")
    if municipalities is not None:
        stats = stats.filter(municipality_id__in=municipalities)
    if with_source:
        # The import's file name and date name the source; its preview (summary, problems) is large and unused.
        stats = stats.select_related("data_import").defer("data_import__summary", "data_import__problems")
    by_municipality: dict[int, list[WorkforceStat]] = defaultdict(list)
    for stat in stats:
        by_municipality[stat.municipality_id].append(stat)
    result = {}
    for municipality, found in by_municipality.items():
        if (filled := with_earlier_figures(found)) is None:
            continue
        base, earlier = filled
        history = [(stat.year, stat.paedagoger, stat.paedagoger_under_37_timer) for stat in found
                   if stat.paedagoger is not None and stat.year < base.year]
        result[municipality] = _Statistics(base, earlier, history)
    return result


def latest_stats(municipalities: list[int] | None, with_source: bool = True) -> dict[int, WorkforceStat]:
    """Each municipality's base year: the latest year with a pedagogue count, its unknown figures taken from the
    newest earlier year that has each; one query."""
    return {municipality: statistics.base for municipality, statistics in _statistics(municipalities,
                                                                                        with_source).items()}


PROJECTION_FIELDS = ("vintage", "variant", "year", "municipality_id", "children_0_2", "children_3_5",
                     "data_import_id")


def inputs_for(municipality: Municipality, scenario: Scenario) -> Inputs:
    """One municipality's inputs; two queries."""
    statistics = _statistics([municipality.pk]).get(municipality.pk)
    rows = list(PopulationProjection.objects.filter(municipality=municipality).values_list(*PROJECTION_FIELDS))
    return _inputs(municipality, statistics, rows, scenario, _order_vintages(rows))


def _order_vintages(rows: list[tuple]) -> list[str]:
    newest: dict[str, int] = {}
    for row in rows:
        newest[row[0]] = max(newest.get(row[0], 0), row[-1])
    return sorted(newest, key=lambda vintage: (-newest[vintage], vintage))


def choose_vintage(wanted: str, vintages: list[str], years: dict[str, set[int]], base_year: int | None,
                   base_children: bool) -> str:
    """The vintage a municipality uses: the wanted one where it has it; else its newest (`vintages` is newest
    first) that covers B … B+10 (year B may come from the workforce statistics' children); else its newest."""
    if wanted in vintages:
        return wanted
    if base_year is not None:
        needed = set(range(base_year + 1, base_year + HORIZON + 1))
        for vintage in vintages:
            if needed <= years[vintage] and (base_year in years[vintage] or base_children):
                return vintage
    return vintages[0] if vintages else ""


def _inputs(municipality: Municipality, statistics: _Statistics | None, rows: list[tuple], scenario: Scenario,
            vintages: list[str]) -> Inputs:
    stat = statistics.base if statistics else None
    years: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        years[row[0]].add(row[2])
    has_children = stat is not None and stat.boern_0_2 is not None and stat.boern_3_5 is not None
    vintage = choose_vintage(scenario.vintage, vintages, years, stat.year if stat else None, has_children)
    in_vintage = [row for row in rows if row[0] == vintage]
    variants = sorted({row[1] for row in in_vintage}, key=list(VARIANTS.values()).index)
    variant = VARIANTS[scenario.children]
    if variant not in variants:
        variant = PopulationProjection.Variant.CENTRAL if PopulationProjection.Variant.CENTRAL in variants else (
            variants[0] if variants else variant)
    children = {row[2]: (float(row[4]), float(row[5])) for row in in_vintage if row[1] == variant}
    return Inputs(municipality, stat, vintage, str(variant), vintages, [str(v) for v in variants], children,
                  history=statistics.history if statistics else [], earlier=statistics.earlier if statistics else {})


def inputs_for_all(scenario: Scenario, municipalities: list[Municipality], everyone: bool = False) -> list[Inputs]:
    """Every given municipality's inputs (`everyone`: they are all municipalities), each with its own vintage by
    the one rule (choose_vintage); two queries, reading the chosen variant's and the main projection's rows."""
    ids = None if everyone else [municipality.pk for municipality in municipalities]
    in_set = {} if everyone else {"municipality_id__in": ids}
    statistics = _statistics(ids, with_source=False)
    variants = {VARIANTS[scenario.children], PopulationProjection.Variant.CENTRAL}
    rows = PopulationProjection.objects.filter(**in_set, variant__in=variants)
    by_municipality: dict[int, list[tuple]] = defaultdict(list)
    for row in rows.values_list(*PROJECTION_FIELDS):
        by_municipality[row[3]].append(row)
    result = []
    for municipality in municipalities:
        rows_of = by_municipality.get(municipality.pk, [])
        result.append(_inputs(municipality, statistics.get(municipality.pk), rows_of, scenario,
                              _order_vintages(rows_of)))
    return result


def one_decimal(value: float) -> Decimal:
    """A model number (a float) for a table or the CSV: one decimal by numbers.round1, the one rule."""
    return round1(Decimal(repr(value)))
