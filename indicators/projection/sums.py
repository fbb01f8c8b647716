"""A region's (KKR) and the country's sums of the central scenario, municipality by municipality.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.models import Municipality, Region

from ..charts.base import Cell, Chart, Table
from ..projection import Scenario, assumptions, defaults, inputs_for_all, one_decimal, project
from .charts import sum_chart
from .sentences import MILESTONES, gap_sentence, missing_sentence


@dataclass
class MunicipalityGap:
    municipality: Municipality
    base_year: int | None
    gaps: list[float | None]  # at MILESTONES
    missing: str

    @property
    def gap_texts(self) -> list[str]:
        """Whole numbers in Danish format ("–" beyond the projection): 98 rows, formatted once here."""
        return ["–" if gap is None else number_format(round(gap), force_grouping=True) for gap in self.gaps]


@dataclass
class SumPage:
    name: str  # "KKR Hovedstaden" or "hele landet"
    region: Region | None
    total: int  # municipalities in the set
    with_data: int
    vintage: str
    rows: list[tuple[int, float, float, int]]  # (year, supply, demand, municipalities included)
    municipalities: list[MunicipalityGap]
    sentence: str
    chart: Chart | None
    regions: list[Region] = field(default_factory=list)  # for the links between the sum pages

    @property
    def charts(self) -> list[Chart]:
        return [self.chart] if self.chart else []

    @property
    def milestones(self) -> tuple[int, ...]:
        return MILESTONES


def sum_page(region: Region | None) -> SumPage:
    """The central scenario summed over the municipalities with data; five queries whatever their number."""
    municipalities = list(Municipality.objects.select_related("region").order_by("name")
                          .filter(**({"region": region} if region else {})))
    model_defaults = defaults(assumptions())
    by_year: dict[int, tuple[float, float, int]] = {}  # year -> (supply, demand, municipalities included)
    table: list[MunicipalityGap] = []
    all_inputs = inputs_for_all(Scenario(), municipalities, everyone=region is None)
    for inputs in all_inputs:
        missing = missing_sentence(inputs)
        projection = None
        if not missing and inputs.base is not None:
            projection = project(inputs.base, inputs.children, model_defaults, base_children=inputs.base_children)
        if projection is None:
            table.append(MunicipalityGap(inputs.municipality, None, [None] * len(MILESTONES),
                                         missing or _("Ingen børn i basisåret.")))
            continue
        for row in projection.rows:
            supply, demand, count = by_year.get(row.year, (0.0, 0.0, 0))
            by_year[row.year] = (supply + row.supply_fte, demand + row.demand_fte, count + 1)
        table.append(MunicipalityGap(inputs.municipality, projection.base_year,
                                     [projection.gap(year) for year in MILESTONES], ""))
    with_data = sum(1 for item in table if item.base_year is not None)
    name = area_name(region)
    rows = [(year, supply, demand, count) for year, (supply, demand, count) in sorted(by_year.items())]
    vintage = next((inputs.vintage for inputs in all_inputs if inputs.vintage), "")
    chart = None
    sentence = _("Ingen af kommunerne i %(name)s har både personalestatistik og en befolkningsfremskrivning.") % {
        "name": name}
    if rows:
        sentence = _sum_sentence(name, rows, with_data, len(municipalities))
        columns = [_("År"), _("Udbud (årsværk)"), _("Behov (årsværk)"), _("Forskel (årsværk)"), _("Kommuner med")]
        table_rows: list[list[Cell]] = [
            [str(year), one_decimal(supply), one_decimal(demand), one_decimal(supply - demand), count]
            for year, supply, demand, count in rows]
        chart = sum_chart("projection-sum", _("Udbud og behov, %(name)s") % {"name": name}, [r[0] for r in rows],
                          [r[1] for r in rows], [r[2] for r in rows], Table(columns, table_rows),
                          _("Summen af kommunernes udbud og behov i årsværk, centralt scenarie."))
    return SumPage(name, region, len(municipalities), with_data, vintage, rows, table, sentence, chart,
                   list(Region.objects.order_by("name")))


def area_name(region: Region | None) -> str:
    """"KKR Hovedstaden", or "hele landet" for the country."""
    return _("KKR %(region)s") % {"region": region.name.removeprefix("Region ")} if region else _("hele landet")


def _sum_sentence(name: str, rows: list[tuple[int, float, float, int]], with_data: int, total: int) -> str:
    by_year = {year: supply - demand for year, supply, demand, _count in rows}
    years = [year for year in MILESTONES if year in by_year] or [rows[-1][0]]
    subject = _("de %(n)d af %(total)d kommuner i %(name)s med data tilsammen") % {"n": with_data, "total": total,
                                                                                  "name": name}
    return gap_sentence(subject, years, [by_year[year] for year in years], _("I det centrale scenarie"))
