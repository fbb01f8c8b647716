"""/compare/: coverage per pathway for each municipality of a region (or all), sortable, and the heatmap."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from indicators.charts import coverage as coverage_charts
from indicators.charts import heatmap as heatmap_charts
from indicators.charts.base import Chart, Table
from indicators.comparison import GroupChoice, comparison_groups, region_value
from indicators.coverage import average_coverage_pct, load_catalogue, national_coverage
from indicators.numbers import mean, round1
from recruitment.models import Municipality, Pathway, Region

from .compare_filters import CompareFilters, compare_filters


@dataclass
class CompareRow:
    municipality: Municipality
    coverage: list[Decimal | None]  # one per pathway, in the catalogue's order; None: has not registered yet
    mine: bool

    @property
    def reports(self) -> bool:
        return all(value is not None for value in self.coverage)


@dataclass
class SortLink:
    key: str
    label: str
    params: dict[str, str]
    aria_sort: str  # "ascending", "descending" or "none"

    @property
    def query(self) -> str:
        return urlencode(self.params)


@dataclass
class ComparePage:
    filters: CompareFilters
    regions: list[Region]
    groups: list[GroupChoice]
    pathways: list[Pathway]
    rows: list[CompareRow]
    averages: list[Decimal | None]
    expected: list[Decimal | None]
    sort_links: list[SortLink]
    home: Municipality | None
    set_name: str
    reporting: int = 0  # how many of the set report: what the averages are taken over
    charts: list[Chart] = field(default_factory=list)
    heat_list: list[heatmap_charts.HeatListItem] = field(default_factory=list)  # the heatmap on a phone
    table_csv_url: str = ""
    table_xlsx_url: str = ""

    @property
    def region_options(self) -> list[tuple[str, Region]]:
        """Each region with its value of ?sammenlign=."""
        return [(region_value(region), region) for region in self.regions]

    @property
    def coverage_table(self) -> Table:
        """The table's numbers as CSV, in the table's order."""
        columns = [_("Kommune"), _("Kommunekode"), _("Region")] + [
            _("%(pathway)s: dækning (%%)") % {"pathway": p.name} for p in self.pathways]
        rows = [[row.municipality.name, row.municipality.code, row.municipality.region.name,
                 *[round1(value) for value in row.coverage]] for row in self.rows]
        return Table(columns, rows)


def compare_page(query: QueryDict, home: Municipality | None, remembered: str | None = None) -> ComparePage:
    """The set defaults to the user's remembered comparison, else the user's region (all municipalities for
    users without one)."""
    catalogue = load_catalogue()
    regions = list(Region.objects.order_by("name"))
    groups = comparison_groups()
    default_region = next((r for r in regions if home and r.pk == home.region_id), None)
    filters = compare_filters(query, regions, default_region, [p.slug for p in catalogue.pathways], groups, home,
                              remembered)
    national = national_coverage(filters.include_planned, catalogue)
    if filters.group is not None:
        in_set = [m for m in national.municipalities if m.id in filters.group.municipality_ids]
        set_name = filters.group.label
    else:
        in_set = [m for m in national.municipalities if filters.region is None or m.region_id == filters.region.pk]
        set_name = _("alle kommuner") if filters.region is None else filters.region.name
    selected = national.subset(sorted(in_set, key=lambda m: danish_order(m.name)))
    home_id = home.pk if home else None
    rows = [CompareRow(m, [selected.reported_coverage_pct(m, p) for p in catalogue.pathways], m.pk == home_id)
            for m in selected.municipalities]
    rows = _sorted_rows(rows, filters, [p.slug for p in catalogue.pathways])
    sort_links = _sort_links(filters, catalogue.pathways)
    heatmap = heatmap_charts.heatmap_chart("heatmap", _("Indsatstyper i %(set)s") % {"set": set_name}, selected,
                                           catalogue, home_id)
    adoption = coverage_charts.adoption_chart("adoption", _("Indsatstyper i %(set)s mod EVA") % {"set": set_name},
                                              selected.adoption(), set_name)
    return ComparePage(
        filters, regions, groups, catalogue.pathways, rows,
        averages=[average_coverage_pct(national, selected.municipalities, p) for p in catalogue.pathways],
        expected=[mean(e.share for e in catalogue.benchmarked(p) if e.share is not None) for p in catalogue.pathways],
        sort_links=sort_links, home=home, set_name=set_name, reporting=len(selected.reporting),
        charts=[heatmap, adoption],
        heat_list=heatmap_charts.heat_list(selected, catalogue, home_id),
    )


# Danish alphabetical order: æ, ø, å after z, and "aa" as å (Aabenraa, Aalborg and Aarhus come last).
_DANISH_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def danish_order(name: str) -> str:
    return name.lower().replace("aa", "å").translate(_DANISH_LETTERS)


def _sort_key(sort: str, slugs: list[str]):
    if sort == "region":
        return lambda row: danish_order(row.municipality.region.name)
    if sort in slugs:
        index = slugs.index(sort)
        return lambda row: row.coverage[index]
    return lambda row: danish_order(row.municipality.name)


def _sorted_rows(rows: list[CompareRow], filters: CompareFilters, slugs: list[str]) -> list[CompareRow]:
    # Rows arrive in Danish alphabetical order and the sort is stable: ties stay alphabetical. Sorted by a
    # pathway, municipalities that have not registered (no coverage) come last in either direction.
    if filters.sort in slugs:
        unknown = [row for row in rows if not row.reports]
        known = [row for row in rows if row.reports]
        return sorted(known, key=_sort_key(filters.sort, slugs), reverse=filters.descending) + unknown
    return sorted(rows, key=_sort_key(filters.sort, slugs), reverse=filters.descending)


def _sort_links(filters: CompareFilters, pathways: list[Pathway]) -> list[SortLink]:
    columns = [("name", _("Kommune")), ("region", _("Region"))] + [(p.slug, p.name) for p in pathways]
    links = []
    for key, label in columns:
        current = filters.sort == key
        # Names sort A–Z first; coverage highest first, as the question is usually "who does most".
        descending = (not filters.descending) if current else key not in {"name", "region"}
        aria = ("descending" if filters.descending else "ascending") if current else "none"
        links.append(SortLink(key, label, filters.params(sort=key, dir="desc" if descending else "asc"), aria))
    return links
