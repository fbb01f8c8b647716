"""One municipality's inputs to the projection from the database (its base year and children per year), and
every municipality's for the sums.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from recruitment.models import Municipality

from ..models import PopulationProjection, WorkforceStat
from ..numbers import round1
from ..workforce import with_earlier_figures
from .model import BaseYear
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
        return BaseYear(stat.year, stat.paedagoger, stat.paedagoger_over_55, stat.paedagoger_under_37_timer,
                        stat.fratraadte, stat.nyuddannede_ansat, other)

    @property
    def base_children(self) -> tuple[float, float] | None:
        stat = self.stat
        if stat is None or stat.boern_0_2 is None or stat.boern_3_5 is None:
            return None
        return (stat.boern_0_2, stat.boern_3_5)


def _latest_stats(municipalities: list[int] | None,
                  with_source: bool = True) -> dict[int, tuple[WorkforceStat, dict[str, WorkforceStat]]]:
    """The latest year with a pedagogue count per municipality (None: every municipality), its unknown figures
    from the newest earlier year that has each (workforce.with_earlier_figures); one query."""
    stats = WorkforceStat.objects.order_by("municipality_id", "year")
    if municipalities is not None:
        stats = stats.filter(municipality_id__in=municipalities)
    if with_source:
        # The import's file name and date name the source; its preview (summary, problems) is large and unused.
        stats = stats.select_related("data_import").defer("data_import__summary", "data_import__problems")
    by_municipality: dict[int, list[WorkforceStat]] = defaultdict(list)
    for stat in stats:
        by_municipality[stat.municipality_id].append(stat)
    return {municipality: filled for municipality, found in by_municipality.items()
            if (filled := with_earlier_figures(found)) is not None}


PROJECTION_FIELDS = ("vintage", "variant", "year", "municipality_id", "children_0_2", "children_3_5",
                     "data_import_id")


def inputs_for(municipality: Municipality, scenario: Scenario) -> Inputs:
    """One municipality's inputs; three queries."""
    stat, earlier = _latest_stats([municipality.pk]).get(municipality.pk, (None, {}))
    rows = list(PopulationProjection.objects.filter(municipality=municipality).values_list(*PROJECTION_FIELDS))
    return _inputs(municipality, stat, rows, scenario, _order_vintages(rows), earlier)


def _order_vintages(rows: list[tuple]) -> list[str]:
    newest: dict[str, int] = {}
    for row in rows:
        newest[row[0]] = max(newest.get(row[0], 0), row[-1])
    return sorted(newest, key=lambda vintage: (-newest[vintage], vintage))


def _inputs(municipality: Municipality, stat: WorkforceStat | None, rows: list[tuple], scenario: Scenario,
            vintages: list[str], earlier: dict[str, WorkforceStat] | None = None) -> Inputs:
    vintage = scenario.vintage if scenario.vintage in vintages else (vintages[0] if vintages else "")
    in_vintage = [row for row in rows if row[0] == vintage]
    variants = sorted({row[1] for row in in_vintage}, key=list(VARIANTS.values()).index)
    variant = VARIANTS[scenario.children]
    if variant not in variants:
        variant = PopulationProjection.Variant.CENTRAL if PopulationProjection.Variant.CENTRAL in variants else (
            variants[0] if variants else variant)
    children = {row[2]: (float(row[4]), float(row[5])) for row in in_vintage if row[1] == variant}
    return Inputs(municipality, stat, vintage, str(variant), vintages, [str(v) for v in variants], children,
                  earlier=earlier or {})


def inputs_for_all(scenario: Scenario, municipalities: list[Municipality], everyone: bool = False) -> list[Inputs]:
    """Every given municipality's inputs (`everyone`: they are all municipalities), with one vintage for all
    (the wanted one or the newest imported); three queries, reading only that vintage's rows of the chosen
    variant and the main projection."""
    ids = None if everyone else [municipality.pk for municipality in municipalities]
    in_set = {} if everyone else {"municipality_id__in": ids}
    stats = _latest_stats(ids, with_source=False)
    newest = (PopulationProjection.objects.filter(**in_set).values_list("vintage")
              .annotate(latest=Max("data_import_id")))
    vintages = [vintage for vintage, _latest in sorted(newest, key=lambda item: (-item[1], item[0]))]
    chosen = scenario.vintage if scenario.vintage in vintages else (vintages[0] if vintages else "")
    variants = {VARIANTS[scenario.children], PopulationProjection.Variant.CENTRAL}
    rows = PopulationProjection.objects.filter(**in_set, vintage=chosen, variant__in=variants)
    by_municipality: dict[int, list[tuple]] = defaultdict(list)
    for row in rows.values_list(*PROJECTION_FIELDS):
        by_municipality[row[3]].append(row)
    result = []
    for municipality in municipalities:
        stat, earlier = stats.get(municipality.pk, (None, {}))
        rows_of = by_municipality.get(municipality.pk, [])
        result.append(_inputs(municipality, stat, rows_of, scenario, [chosen] if rows_of else [], earlier))
    return result


def one_decimal(value: float) -> Decimal:
    """A model number (a float) for a table or the CSV: one decimal by numbers.round1, the one rule."""
    return round1(Decimal(repr(value)))
