"""/municipalities/<code>/similar/: "Kommuner som din", the ten municipalities most like one on its imported
workforce figures (indicators.similarity), each with its coverage of the three pathways (what a head of daycare came
for: how are the others doing?) and the figures that make them alike, the method in words, a table and its CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.charts.base import Table
from indicators.coverage import load_catalogue, set_coverage
from indicators.models import WorkforceStat
from indicators.numbers import round1
from indicators.similarity import COUNT, MIN_SHARED, Figures, Similar, nearest
from recruitment.models import Municipality, Pathway


@dataclass
class SimilarPage:
    municipality: Municipality
    year: int | None  # the workforce statistics' year compared; None when the municipality has none
    own: Figures | None
    similar: list[Similar]
    compared: int  # municipalities with figures that year
    count: int = COUNT
    min_shared: int = MIN_SHARED
    pathways: list[Pathway] = field(default_factory=list)
    # Each municipality's coverage of each pathway (%, the compare page's figure), by municipality id; None for
    # a municipality that has not registered its interventions (unknown, not 0 %).
    coverage: dict[int, list[Decimal | None]] = field(default_factory=dict)
    # Per municipality: the figures its statistics for the year lack, taken from an earlier year (by field).
    earlier: dict[int, dict[str, WorkforceStat]] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[int | None, Similar | None, Figures, list[Decimal | None]]]:
        """(rank, the similar municipality or None for the chosen one, its figures, its coverage), chosen first."""
        if self.own is None:
            return []
        own = [(None, None, self.own, self.coverage.get(self.own.municipality.id, []))]
        return own + [(rank, item, item.figures, self.coverage.get(item.figures.municipality.id, []))
                      for rank, item in enumerate(self.similar, start=1)]

    @property
    def codes(self) -> list[int]:
        """The similar municipalities' codes, in rank order: the comparison set they make."""
        return [item.figures.municipality.code for item in self.similar]

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
                   *[_("%(pathway)s: dækning (%%)") % {"pathway": p.name} for p in self.pathways],
                   *[str(label) for label in figure_labels()]]
        rows: list[list] = []
        for rank, item, figures_, coverage in self.rows:
            rows.append(["" if rank is None else rank, figures_.municipality.name, figures_.municipality.code,
                         None if item is None else _two_decimals(item.distance), None if item is None else item.shared,
                         *[round1(value) for value in coverage], *_cells(figures_)])
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
    year (a figure a year lacks comes from its newest earlier year, named on the page: similarity.nearest); the
    coverage comes from the cached facts of all municipalities (indicators.coverage.set_coverage), running
    interventions counted as on the compare page by default."""
    found = nearest(municipality)
    if found is None:
        return SimilarPage(municipality, None, None, [], 0)
    own, similar = found.own, found.similar
    catalogue = load_catalogue()
    shown = [own.municipality, *[item.figures.municipality for item in similar]]
    coverage = set_coverage(shown, catalogue=catalogue)
    by_id = {m.id: [coverage.reported_coverage_pct(m, p) for p in catalogue.pathways] for m in shown}
    return SimilarPage(municipality, own.year, own, similar, found.compared, pathways=list(catalogue.pathways),
                       coverage=by_id, earlier=found.earlier)
