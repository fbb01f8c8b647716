"""One municipality's inputs to the projection from the database (its base year and children per year), and
every municipality's for the sums.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, OuterRef, Subquery

from recruitment.models import Municipality

from ..models import PopulationProjection, WorkforceStat
from ..numbers import round1
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


def _latest_stats(municipalities: list[int] | None, with_source: bool = True) -> dict[int, WorkforceStat]:
    """The latest year with a pedagogue count, per municipality (None: every municipality); one query."""
    counted = WorkforceStat.objects.filter(paedagoger__isnull=False)
    latest = counted.filter(municipality=OuterRef("municipality")).order_by("-year").values("year")[:1]
    stats = counted.filter(year=Subquery(latest))
    if municipalities is not None:
        stats = stats.filter(municipality_id__in=municipalities)
    if with_source:
        # The import's file name and date name the source; its preview (summary, problems) is large and unused.
        stats = stats.select_related("data_import").defer("data_import__summary", "data_import__problems")
    return {stat.municipality_id: stat for stat in stats}


PROJECTION_FIELDS = ("vintage", "variant", "year", "municipality_id", "children_0_2", "children_3_5",
                     "data_import_id")


def inputs_for(municipality: Municipality, scenario: Scenario) -> Inputs:
    """One municipality's inputs; three queries."""
    stat = _latest_stats([municipality.pk]).get(municipality.pk)
    rows = list(PopulationProjection.objects.filter(municipality=municipality).values_list(*PROJECTION_FIELDS))
    return _inputs(municipality, stat, rows, scenario, _order_vintages(rows))


def _order_vintages(rows: list[tuple]) -> list[str]:
    newest: dict[str, int] = {}
    for row in rows:
        newest[row[0]] = max(newest.get(row[0], 0), row[-1])
    return sorted(newest, key=lambda vintage: (-newest[vintage], vintage))


def _inputs(municipality: Municipality, stat: WorkforceStat | None, rows: list[tuple], scenario: Scenario,
            vintages: list[str]) -> Inputs:
    vintage = scenario.vintage if scenario.vintage in vintages else (vintages[0] if vintages else "")
    in_vintage = [row for row in rows if row[0] == vintage]
    variants = sorted({row[1] for row in in_vintage}, key=list(VARIANTS.values()).index)
    variant = VARIANTS[scenario.children]
    if variant not in variants:
        variant = PopulationProjection.Variant.CENTRAL if PopulationProjection.Variant.CENTRAL in variants else (
            variants[0] if variants else variant)
    children = {row[2]: (float(row[4]), float(row[5])) for row in in_vintage if row[1] == variant}
    return Inputs(municipality, stat, vintage, str(variant), vintages, [str(v) for v in variants], children)


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
    return [_inputs(municipality, stats.get(municipality.pk), by_municipality.get(municipality.pk, []), scenario,
                    [chosen] if by_municipality.get(municipality.pk) else [])
            for municipality in municipalities]


def one_decimal(value: float) -> Decimal:
    """A model number (a float) for a table or the CSV: one decimal by numbers.round1, the one rule."""
    return round1(Decimal(repr(value)))
