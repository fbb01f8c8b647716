"""/municipalities/<code>/similar/: "Kommuner som din", the ten municipalities most like one on its imported
workforce figures (indicators.similarity), each with its figures, the method in words, a table and its CSV."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.charts.base import Table
from indicators.models import WorkforceStat
from indicators.numbers import round1
from indicators.similarity import COUNT, MIN_SHARED, Figures, Similar, figures, most_similar
from indicators.workforce import with_earlier_figures
from recruitment.models import Municipality


@dataclass
class SimilarPage:
    municipality: Municipality
    year: int | None  # the workforce statistics' year compared; None when the municipality has none
    own: Figures | None
    similar: list[Similar]
    compared: int  # municipalities with figures that year
    count: int = COUNT
    min_shared: int = MIN_SHARED
    # Per municipality: the figures its statistics for the year lack, taken from an earlier year (by field).
    earlier: dict[int, dict[str, WorkforceStat]] = field(default_factory=dict)

    @property
    def earlier_figures(self) -> list[str]:
        """The shown municipalities' figures from an earlier year, each with its year: "Albertslund: pædagoger
        over 55 år fra 2024"."""
        shown = ([self.own] if self.own else []) + [item.figures for item in self.similar]
        return [_("%(name)s: %(figure)s fra %(year)d") % {
            "name": item.municipality.name, "figure": WorkforceStat.figure_label(name),
            "year": stat.year}
            for item in shown for name, stat in self.earlier.get(item.municipality.id, {}).items()]

    @property
    def missing(self) -> list[str]:
        """The figures the municipality itself lacks, by name (they are left out of its comparisons)."""
        if self.own is None:
            return []
        return [str(label) for label, value in zip(figure_labels(), self.own.values(), strict=True) if value is None]

    @property
    def table(self) -> Table:
        columns = [_("Nr."), _("Kommune"), _("Kommunekode"), _("Afstand"), _("Tal sammenlignet"),
                   *[str(label) for label in figure_labels()]]
        rows: list[list] = []
        if self.own is not None:
            rows.append(["", self.own.municipality.name, self.own.municipality.code, None, None,
                         *_cells(self.own)])
        for rank, item in enumerate(self.similar, start=1):
            rows.append([rank, item.figures.municipality.name, item.figures.municipality.code,
                         _two_decimals(item.distance), item.shared, *_cells(item.figures)])
        return Table(columns, rows, highlight={0} if self.own is not None else set())


def figure_labels() -> list[str]:
    return [_("Børn 0–5 år"), _("Pædagoger"), _("Pædagogandel (%)"), _("Fratrådte pr. 100 pædagoger"),
            _("Pædagoger over 55 år (%)")]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else round1(Decimal(str(value)))


def _two_decimals(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _cells(item: Figures) -> list:
    return [None if item.children is None else int(item.children),
            None if item.pedagogues is None else int(item.pedagogues),
            _decimal(item.pedagogue_share), _decimal(item.leavers_per_100), _decimal(item.seniors_share)]


def similar_page(municipality: Municipality) -> SimilarPage:
    """Two queries: the municipality's latest year of workforce statistics, and every municipality's up to that
    year. Those with statistics for the year are compared; a figure a municipality's year lacks comes from its
    newest earlier year that has it (workforce.with_earlier_figures), and the page names that year."""
    year = (WorkforceStat.objects.filter(municipality=municipality).order_by("-year")
            .values_list("year", flat=True).first())
    if year is None:
        return SimilarPage(municipality, None, None, [], 0)
    by_municipality: dict[int, list[WorkforceStat]] = defaultdict(list)
    for stat in WorkforceStat.objects.filter(year__lte=year).select_related("municipality").order_by("year"):
        by_municipality[stat.municipality_id].append(stat)
    everyone, earlier = [], {}
    for found in by_municipality.values():
        if found[-1].year != year:
            continue
        filled = with_earlier_figures(found, base=found[-1])
        assert filled is not None  # a base year is given
        everyone.append(figures(filled[0]))
        earlier[found[-1].municipality_id] = filled[1]
    own = next(item for item in everyone if item.municipality.id == municipality.id)
    return SimilarPage(municipality, year, own, most_similar(municipality.id, everyone), len(everyone),
                       earlier=earlier)
