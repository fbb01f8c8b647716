"""A region's (KKR) and the country's sums of the central scenario, municipality by municipality.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recruitment.models import Municipality, Region

from ..charts.base import Cell, Chart, Table
from ..models import DataImport
from ..projection import Defaults, Scenario, assumptions, defaults, inputs_for_all, one_decimal, project
from .backcast import BackcastYear, national_backcast
from .charts import sum_chart
from .forecasts import published_forecasts
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
class ForecastRow:
    """One row of "Andre fremskrivninger": who, how many lacking in which year, what it counts, its source."""

    who: str
    shortage: str  # "ca. 5.000 mangler" (or a surplus, for ours)
    year: int
    covers: str
    source: str  # title, publisher, year; "gengivet efter …" where only a secondary report was found
    url: str = ""
    ours: bool = False


@dataclass
class SumPage:
    name: str  # "KKR Hovedstaden" or "hele landet"
    region: Region | None
    total: int  # municipalities in the set
    with_data: int
    vintages: str  # which population projections the sum combines, e.g. "96 kommuner: DST 2025; 2 kommuner: …"
    rows: list[tuple[int, float, float, int]]  # (year, supply, demand, municipalities included)
    municipalities: list[MunicipalityGap]
    sentence: str
    chart: Chart | None
    regions: list[Region] = field(default_factory=list)  # for the links between the sum pages
    forecasts: list[ForecastRow] = field(default_factory=list)  # the country's page: ours beside the published
    backcast: list[BackcastYear] = field(default_factory=list)  # the country's page: the model run from the
    # statistics' first year beside what they counted after
    backcast_sentence: str = ""

    @property
    def charts(self) -> list[Chart]:
        return [self.chart] if self.chart else []

    @property
    def milestones(self) -> tuple[int, ...]:
        return MILESTONES


def sum_page(region: Region | None) -> SumPage:
    """The central scenario summed over the municipalities with data (None: the country); five queries whatever
    their number."""
    return _summed(region)[0]


def national_page() -> SumPage:
    """The country's sums with what the national page sets beside them: the published forecasts and the model run
    back over the statistics' years (three queries more)."""
    page, model_defaults = _summed(None)
    synthetic = DataImport.synthetic_loaded()
    page.forecasts = forecast_rows(page.rows, page.vintages, page.with_data, synthetic)
    page.backcast = national_backcast(model_defaults)
    page.backcast_sentence = backcast_sentence(page.backcast, synthetic)
    return page


def _summed(region: Region | None) -> tuple[SumPage, Defaults]:
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
    vintages = vintages_text([inputs.vintage for inputs, item in zip(all_inputs, table, strict=True)
                              if item.base_year is not None])
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
    return SumPage(name, region, len(municipalities), with_data, vintages, rows, table, sentence, chart,
                   list(Region.objects.order_by("name"))), model_defaults


def _change(now: float, then: float) -> str:
    """The change in per cent with its sign: "+4,1 %"."""
    change = one_decimal((now / then - 1) * 100)
    return f"{'+' if change > 0 else ''}{number_format(change, decimal_pos=1)} %"


def backcast_sentence(rows: list[BackcastYear], synthetic: bool) -> str:
    """The model against the statistics' own later counts, in one sentence ("" without two years to compare)."""
    if len(rows) < 2 or not rows[0].observed:
        return ""
    first, last = rows[0], rows[-1]
    sentence = _("Regnet fra %(first)d med kommunernes egne tal det år giver modellen %(modelled)s pædagoger i "
                 "%(last)d (%(modelled_change)s); personalestatistikken talte %(observed)s (%(observed_change)s) "
                 "%(where)s.") % {
        "first": first.year, "last": last.year,
        "where": ngettext("i den samme kommune", "i de samme %(n)d kommuner", first.municipalities) % {
            "n": first.municipalities},
        "modelled": number_format(round(last.modelled), force_grouping=True),
        "observed": number_format(last.observed, force_grouping=True),
        "modelled_change": _change(last.modelled, first.modelled), "observed_change": _change(last.observed,
                                                                                              first.observed)}
    if synthetic:
        sentence += " " + _("Demo (syntetisk): bygger på syntetiske demodata, ikke rigtige tal.")
    return sentence


def _shortage(gap: float) -> str:
    if gap < 0:
        return _("ca. %(n)s mangler") % {"n": number_format(round(-gap), force_grouping=True)}
    return _("ca. %(n)s i overskud") % {"n": number_format(round(gap), force_grouping=True)}


def forecast_rows(rows: list[tuple[int, float, float, int]], vintages: str, with_data: int,
                  synthetic: bool) -> list[ForecastRow]:
    """Our central sums in 2030 and 2035 and the published forecasts, in the same words; one query."""
    result = []
    for year, supply, demand, _count in rows:
        if year in MILESTONES:
            covers = _("pædagoger i kommunernes dagtilbud (årsværk), ved dagens pædagogandel; dagens ubesatte "
                       "stillinger medregnet; %(n)d kommuner") % {"n": with_data}
            source = _("Denne side: summen af kommunernes fremskrivninger i det centrale scenarie (%(vintages)s)") % {
                "vintages": vintages}
            if synthetic:
                source += " – " + _("Demo (syntetisk): bygger på syntetiske demodata, ikke rigtige tal")
            result.append(ForecastRow(_("Pædagoger nok (denne fremskrivning)"), _shortage(supply - demand), year,
                                      covers, source, ours=True))
    for forecast in published_forecasts():
        source = forecast.source.citation if forecast.source else ""
        if forecast.via:
            source = _("gengivet efter %(via)s: %(source)s") % {"via": forecast.via, "source": source}
        result.append(ForecastRow(forecast.forecaster, _shortage(-forecast.shortage), forecast.year,
                                  forecast.covers, source, forecast.source.url if forecast.source else ""))
    return result


def vintages_text(vintages: list[str]) -> str:
    """"96 kommuner: DST 2025; 2 kommuner: DST 2026", the most used first."""
    counts = Counter(vintages)
    return "; ".join(ngettext("%(n)d kommune: %(vintage)s", "%(n)d kommuner: %(vintage)s", n) % {
        "n": n, "vintage": vintage} for vintage, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def area_name(region: Region | None) -> str:
    """"KKR Hovedstaden", or "hele landet" for the country."""
    return _("KKR %(region)s") % {"region": region.name.removeprefix("Region ")} if region else _("hele landet")


def _sum_sentence(name: str, rows: list[tuple[int, float, float, int]], with_data: int, total: int) -> str:
    by_year = {year: supply - demand for year, supply, demand, _count in rows}
    years = [year for year in MILESTONES if year in by_year] or [rows[-1][0]]
    subject = _("de %(n)d af %(total)d kommuner i %(name)s med data tilsammen") % {"n": with_data, "total": total,
                                                                                  "name": name}
    return gap_sentence(subject, years, [by_year[year] for year in years], _("I det centrale scenarie"))
