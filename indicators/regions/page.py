"""/regions/<slug>/: a region's (KKR's) municipalities side by side. The builder returns what the page shows:
completeness, the table with the region's and the country's rows, who to learn from and the practicum figures.

Queries are fixed whatever the number of municipalities, except one set per municipality that has targets
(its targets' observed values: indicators.targets.observed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from recruitment.models import Municipality, Pathway, Region

from ..charts.base import Table
from ..coverage import load_catalogue, national_coverage
from ..models import Target
from ..practicum import SetShares, latest_questions_for_set, latest_set_shares
from ..projection import pages as projection
from ..targets.observed import targets_with_progress
from .completeness import Completeness, completeness
from .learning import Learning, who_to_learn_from
from .table import RegionRow, average_row, municipality_row, sort_keys, sorted_rows, table

DEFAULT_SORT = "kommune"


@dataclass
class RegionPage:
    region: Region
    name: str  # "KKR Hovedstaden"
    pathways: list[Pathway]
    milestones: tuple[int, ...]
    completeness: Completeness
    rows: list[RegionRow]  # the municipalities, sorted as asked
    region_row: RegionRow
    country_row: RegionRow
    learning: Learning
    practicum_year: int | None
    practicum_questions: list[tuple]  # (question, the region pooled, the country pooled)
    vintage: str  # the population projections the gaps use, e.g. "96 kommuner: DST 2025; 2 kommuner: DST 2026"
    sort: str = DEFAULT_SORT
    descending: bool = False

    @property
    def all_rows(self) -> list[RegionRow]:
        return [*self.rows, self.region_row, self.country_row]

    @property
    def table(self) -> Table:
        return table(self.all_rows, self.pathways, self.milestones)

    def sort_links(self) -> list[SortLink]:
        """A link per sortable column: the current column again reverses its order."""
        headers = [(DEFAULT_SORT, _("Kommune"))] + [(p.slug, p.name) for p in self.pathways] + [
            (f"gab-{year}", _("Forskel %(year)d") % {"year": year}) for year in self.milestones] + [
            ("praktik", _("Vil vende tilbage"))]
        links = []
        for key, words in headers:
            current = key == self.sort
            descending = current and not self.descending
            aria = ("descending" if self.descending else "ascending") if current else "none"
            links.append(SortLink(key, words, urlencode({"sort": key, **({"dir": "desc"} if descending else {})}),
                                  aria))
        return links


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    query: str
    aria_sort: str


def sort_choice(value: str, pathways: list[Pathway]) -> str | None:
    """The ?sort= value when it names a column, else None."""
    return value if value in sort_keys(pathways, projection.MILESTONES) else None


def region_page(region: Region, sort: str = DEFAULT_SORT, descending: bool = False,
                today: date | None = None) -> RegionPage:
    catalogue = load_catalogue()
    national = national_coverage(False, catalogue)
    members = sorted((m for m in national.municipalities if m.region_id == region.pk), key=lambda m: m.name)
    ids = {m.pk for m in members}
    ours = national.subset(members)
    sums, country_sums = projection.sum_page(region), projection.sum_page(None)
    gaps = {item.municipality.pk: item.gaps for item in sums.municipalities}
    targets = _target_statuses(members, today)
    practicum: SetShares = latest_set_shares(ids)
    rows = [municipality_row(m, catalogue.pathways, ours, gaps.get(m.pk, [None] * len(projection.MILESTONES)),
                             targets.get(m.pk, Counter()), practicum.by_municipality.get(m.pk)) for m in members]
    region_row = average_row(_("Gennemsnit, %(name)s") % {"name": sums.name}, catalogue.pathways, ours,
                             [gaps.get(m.pk) or [] for m in members], sum(targets.values(), Counter()),
                             practicum.pooled, sums.name)
    country_row = average_row(_("Gennemsnit, hele landet"), catalogue.pathways, national,
                              [item.gaps for item in country_sums.municipalities], Counter(), practicum.everyone)
    key = sort_keys(catalogue.pathways, projection.MILESTONES)[sort]
    year, questions = latest_questions_for_set(ids)
    return RegionPage(region, sums.name, catalogue.pathways, projection.MILESTONES,
                      completeness(members, national.reporting_ids), sorted_rows(rows, key, descending),
                      region_row, country_row, who_to_learn_from(members, catalogue), year, questions, sums.vintages,
                      sort, descending)


def _target_statuses(members: list[Municipality], today: date | None) -> dict[int, Counter[str]]:
    """Per municipality with targets, how many of them have each status (indicators.targets.status)."""
    with_targets = set(Target.objects.filter(municipality__in=members).values_list("municipality_id", flat=True))
    return {m.pk: Counter(item.progress.status for item in targets_with_progress(m, today))
            for m in members if m.pk in with_targets}
