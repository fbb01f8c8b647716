"""/compare/: coverage per pathway for each municipality of a region (or all), sortable, and the heatmap."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from indicators import comparison
from indicators.charts import coverage as coverage_charts
from indicators.charts.base import Chart, Table
from indicators.coverage import (
    average_coverage_pct,
    load_catalogue,
    national_coverage,
)
from indicators.models import GroupMembership
from indicators.numbers import mean, round1
from recruitment.models import Municipality, Pathway, Region

ALL = "all"
GROUP_PREFIX = "gruppe-"


@dataclass(frozen=True)
class GroupChoice:
    """A group of a comparison grouping, offered as a set to compare."""

    pk: int
    name: str
    grouping: str
    grouping_slug: str
    municipality_ids: frozenset[int]

    @property
    def value(self) -> str:
        return f"{GROUP_PREFIX}{self.pk}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.grouping})"


def comparison_groups() -> list[GroupChoice]:
    """Every group with members, by grouping; one query."""
    rows = (GroupMembership.objects.order_by("grouping__name", "group__position", "group__name")
            .values_list("group_id", "group__name", "grouping__name", "grouping__slug", "municipality_id"))
    groups: dict[int, tuple[str, str, str, set[int]]] = {}
    for group_id, name, grouping, slug, member in rows:
        groups.setdefault(group_id, (name, grouping, slug, set()))[3].add(member)
    return [GroupChoice(pk, name, grouping, slug, frozenset(members))
            for pk, (name, grouping, slug, members) in groups.items()]


@dataclass
class CompareFilters:
    region: Region | None  # None: all municipalities (or the group's)
    include_planned: bool
    sort: str  # "name", "region" or a pathway slug
    descending: bool
    error: str = ""
    group: GroupChoice | None = None  # a comparison group instead of a region

    @property
    def region_value(self) -> str:
        if self.group is not None:
            return self.group.value
        return ALL if self.region is None else str(self.region.code)

    @property
    def comparison_value(self) -> str:
        """The choice as the user's remembered comparison (indicators.comparison): "alle", "region" or a
        grouping's slug."""
        if self.group is not None:
            return self.group.grouping_slug
        return comparison.ALL if self.region is None else comparison.REGION

    def params(self, **changes: object) -> dict[str, str]:
        """The filters as URL parameters, for links that keep them (htmx pushes them to the address bar)."""
        values: dict[str, object] = {"region": self.region_value, "planned": "1" if self.include_planned else None,
                                     "sort": self.sort, "dir": "desc" if self.descending else "asc"}
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value is not None}


def _remembered_set(value: str | None, default_region: Region | None, home: Municipality | None,
                    groups: list[GroupChoice]) -> tuple[Region | None, GroupChoice | None]:
    """A comparison given as ?sammenlign= or remembered for the user ("alle", "region" or a grouping's slug),
    for the user's own municipality: its region, its group in that grouping, or all."""
    if value == comparison.ALL:
        return None, None
    group = next((g for g in groups if home and g.grouping_slug == value and home.pk in g.municipality_ids), None)
    return (None, group) if group else (default_region, None)


def compare_filters(query: QueryDict, regions: list[Region], default_region: Region | None,
                    pathway_slugs: list[str], groups: list[GroupChoice] | None = None,
                    home: Municipality | None = None, remembered: str | None = None) -> CompareFilters:
    """Reads the filters; an unknown value falls back to the default and says so, losing the rest."""
    errors = []
    groups = groups or []
    region, group = _remembered_set(query.get(comparison.PARAM) or remembered, default_region, home, groups)
    value = query.get("region")
    if value == ALL:
        region, group = None, None
    elif value and value.startswith(GROUP_PREFIX):
        group = next((g for g in groups if g.value == value), None)
        region = None
        if group is None:
            region = default_region
            errors.append(_("Kommunegruppen “%(value)s” findes ikke; viser i stedet %(shown)s.") % {
                "value": value[:40], "shown": default_region.name if default_region else _("alle kommuner")})
    elif value:
        group = None
        region = next((r for r in regions if str(r.code) == value), None)
        if region is None:
            region = default_region
            errors.append(_("Regionen “%(value)s” findes ikke; viser i stedet %(shown)s.") % {
                "value": value[:40], "shown": default_region.name if default_region else _("alle kommuner")})
    sort = query.get("sort", "name")
    if sort not in {"name", "region", *pathway_slugs}:
        errors.append(_("Kan ikke sortere efter “%(value)s”; sorterer efter kommune.") % {"value": sort[:40]})
        sort = "name"
    return CompareFilters(region, query.get("planned") == "1", sort, query.get("dir") == "desc", " ".join(errors),
                          group)


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
    heat_list: list[coverage_charts.HeatListItem] = field(default_factory=list)  # the heatmap on a phone
    table_csv_url: str = ""
    table_xlsx_url: str = ""

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
    heatmap = coverage_charts.heatmap_chart("heatmap", _("Indsatstyper i %(set)s") % {"set": set_name}, selected,
                                            catalogue, home_id)
    adoption = coverage_charts.adoption_chart("adoption", _("Indsatstyper i %(set)s mod EVA") % {"set": set_name},
                                              selected.adoption(), set_name)
    return ComparePage(
        filters, regions, groups, catalogue.pathways, rows,
        averages=[average_coverage_pct(national, selected.municipalities, p) for p in catalogue.pathways],
        expected=[mean(e.share for e in catalogue.benchmarked(p)) for p in catalogue.pathways],
        sort_links=sort_links, home=home, set_name=set_name, reporting=len(selected.reporting),
        charts=[heatmap, adoption],
        heat_list=coverage_charts.heat_list(selected, catalogue, home_id),
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
