"""What each dashboard page shows, assembled from the coverage computation.

Views call one function per page and render what it returns; every function runs a fixed number of
queries, whatever the number of municipalities or interventions (tests/test_dashboard_queries.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from interventions.models import InspirationCase, Intervention
from recruitment.models import Municipality, Pathway, Region, TargetGroup

from . import charts, imported_sections
from .charts import Chart, Table
from .coverage import (
    Adoption,
    Catalogue,
    GroupReach,
    MunicipalityCoverage,
    PathwayCoverage,
    SetCoverage,
    TypeStatus,
    load_catalogue,
    mean,
    municipality_coverage,
    national_coverage,
    region_of,
    round1,
    with_region_averages,
)
from .imported_sections import ImportedSections
from .models import KeyFact

SUGGESTIONS_PER_PATHWAY = 3
# The pathway page lists this many of a target group's interventions and links to the list for all of them,
# so the page stays the same size however many a municipality registers.
INTERVENTIONS_PER_GROUP = 10


# --- Shared pieces -------------------------------------------------------------------------------

def cases_by_type() -> dict[int, list[InspirationCase]]:
    """Inspiration cases (cases.csv) by the catalogue types they show; two queries."""
    cases = InspirationCase.objects.select_related("municipality").prefetch_related("intervention_types")
    by_type: dict[int, list[InspirationCase]] = defaultdict(list)
    for case in cases:
        for intervention_type in case.intervention_types.all():
            by_type[intervention_type.pk].append(case)
    return by_type


@dataclass
class GroupFacts:
    target_group: TargetGroup
    facts: list[KeyFact]


@dataclass
class PathwayFacts:
    pathway: Pathway
    facts: list[KeyFact]  # about the pathway as a whole
    groups: list[GroupFacts]


@dataclass
class KeyFacts:
    national: list[KeyFact]  # about daycare as a whole
    pathways: list[PathwayFacts]

    def for_group(self, target_group: TargetGroup) -> list[KeyFact]:
        return next((g.facts for p in self.pathways for g in p.groups if g.target_group.pk == target_group.pk), [])


def key_facts(catalogue: Catalogue) -> KeyFacts:
    """National key figures by pathway and target group, in the catalogue's order; one query."""
    by_pathway: dict[int | None, list[KeyFact]] = defaultdict(list)
    by_group: dict[int, list[KeyFact]] = defaultdict(list)
    for fact in KeyFact.objects.order_by("position"):
        if fact.target_group_id is not None:
            by_group[fact.target_group_id].append(fact)
        else:
            by_pathway[fact.pathway_id].append(fact)
    pathways = [
        PathwayFacts(pathway, by_pathway.get(pathway.pk, []),
                     [GroupFacts(group, by_group.get(group.pk, [])) for group in catalogue.groups_by_pathway.get(
                         pathway.pk, [])])
        for pathway in catalogue.pathways
    ]
    return KeyFacts(by_pathway.get(None, []), pathways)


@dataclass
class Suggestion:
    """A widespread type the municipality does not run: what most municipalities already do."""

    status: TypeStatus
    pathway: Pathway
    region_adoption: Adoption
    cases: list[InspirationCase]


def worth_considering(coverage: MunicipalityCoverage, region: SetCoverage,
                      cases: dict[int, list[InspirationCase]],
                      per_pathway: int = SUGGESTIONS_PER_PATHWAY) -> list[Suggestion]:
    """The largest gaps of each pathway (highest EVA share first), so every pathway gets its ideas."""
    adoption = region.adoption_by_type()
    suggestions = []
    for pathway_coverage in coverage.pathways:
        gaps = [gap for gap in pathway_coverage.gaps if gap.share is not None][:per_pathway]
        suggestions += [Suggestion(gap, pathway_coverage.pathway, adoption[gap.intervention_type.pk],
                                   _others(cases.get(gap.intervention_type.pk, []), coverage.municipality))
                        for gap in gaps]
    return suggestions


def _others(cases: list[InspirationCase], municipality: Municipality) -> list[InspirationCase]:
    """A municipality's own case (from its strategy) is no inspiration to itself."""
    return [case for case in cases if case.municipality_id != municipality.id]


# --- /municipalities/<code>/ ---------------------------------------------------------------------

@dataclass
class MunicipalityDashboard:
    municipality: Municipality
    include_planned: bool
    coverage: MunicipalityCoverage
    region: SetCoverage
    charts: list[Chart]
    suggestions: list[Suggestion]
    facts: KeyFacts
    imported: ImportedSections  # practicum evaluations, workforce, mapping survey: shown when imported

    @property
    def all_charts(self) -> list[Chart]:
        """Every chart on the page, for the CSV downloads: the pathways' and those on imported data."""
        return [*self.charts, *self.imported.charts]

    @property
    def has_interventions(self) -> bool:
        return any(p.interventions for p in self.coverage.pathways)

    def pathway_charts(self) -> list[tuple[PathwayCoverage, Chart]]:
        return list(zip(self.coverage.pathways, self.charts, strict=True))


def municipality_dashboard(municipality: Municipality, include_planned: bool) -> MunicipalityDashboard:
    catalogue = load_catalogue()
    coverage = municipality_coverage(municipality, include_planned, catalogue)
    national = national_coverage(include_planned, catalogue)
    with_region_averages(coverage, catalogue, national)
    region = region_of(national, municipality)
    pathway_charts = [charts.pathway_types_chart(f"chart-{p.pathway.slug}", p) for p in coverage.pathways]
    return MunicipalityDashboard(municipality, include_planned, coverage, region, pathway_charts,
                                 worth_considering(coverage, region, cases_by_type()), key_facts(catalogue),
                                 imported_sections.for_municipality(municipality))


# --- /municipalities/<code>/pathways/<slug>/ -------------------------------------------------------

@dataclass
class TypeRow:
    status: TypeStatus
    region_adoption: Adoption
    cases: list[InspirationCase]


@dataclass
class GroupDetail:
    reach: GroupReach
    interventions: list[Intervention]  # the first INTERVENTIONS_PER_GROUP
    types: list[TypeRow]
    facts: list[KeyFact]
    interventions_total: int = 0

    @property
    def target_group(self) -> TargetGroup:
        return self.reach.target_group


@dataclass
class PathwayPage:
    municipality: Municipality
    include_planned: bool
    coverage: PathwayCoverage
    pathways: list[Pathway]
    groups: list[GroupDetail]
    chart: Chart
    imported: ImportedSections

    @property
    def charts(self) -> list[Chart]:
        return [self.chart, *self.imported.charts]


STATUS_ORDER = {Intervention.Status.RUNNING: 0, Intervention.Status.PLANNED: 1, Intervention.Status.ENDED: 2}


def interventions_by_group(municipality: Municipality) -> dict[int, list[Intervention]]:
    """All of a municipality's interventions (any status) under each target group they reach:
    the groups they name and their catalogue type's group. Two queries."""
    interventions = (Intervention.objects.filter(municipality=municipality)
                     .select_related("intervention_type").prefetch_related("target_groups"))
    by_group: dict[int, list[Intervention]] = defaultdict(list)
    for intervention in sorted(interventions, key=lambda i: (STATUS_ORDER.get(i.status, 9), i.title.lower())):
        groups = {group.pk for group in intervention.target_groups.all()}
        if intervention.intervention_type is not None:
            groups.add(intervention.intervention_type.target_group_id)
        for group_id in groups:
            by_group[group_id].append(intervention)
    return by_group


def pathway_page(municipality: Municipality, pathway: Pathway, include_planned: bool) -> PathwayPage:
    catalogue = load_catalogue()
    coverage = municipality_coverage(municipality, include_planned, catalogue)
    national = national_coverage(include_planned, catalogue)
    with_region_averages(coverage, catalogue, national)
    region = region_of(national, municipality)
    adoption = region.adoption_by_type()
    cases = cases_by_type()
    facts = key_facts(catalogue)
    interventions = interventions_by_group(municipality)
    pathway_coverage = coverage.pathway(pathway.slug)
    groups = [
        GroupDetail(reach, (listed := interventions.get(reach.target_group.pk, []))[:INTERVENTIONS_PER_GROUP],
                    [TypeRow(status, adoption[status.intervention_type.pk],
                             _others(cases.get(status.intervention_type.pk, []), municipality))
                     for status in pathway_coverage.types
                     if status.intervention_type.target_group_id == reach.target_group.pk],
                    facts.for_group(reach.target_group), len(listed))
        for reach in pathway_coverage.groups
    ]
    chart = charts.pathway_types_chart(f"chart-{pathway.slug}", pathway_coverage, region,
                                       municipality.region.name)
    chart.title = _("Indsatstyperne mod EVA og %(region)s") % {"region": municipality.region.name}
    return PathwayPage(municipality, include_planned, pathway_coverage, catalogue.pathways, groups, chart,
                       imported_sections.for_pathway(municipality, pathway))


# --- /compare/ -----------------------------------------------------------------------------------

ALL = "all"


@dataclass
class CompareFilters:
    region: Region | None  # None: all municipalities
    include_planned: bool
    sort: str  # "name", "region" or a pathway slug
    descending: bool
    error: str = ""

    @property
    def region_value(self) -> str:
        return ALL if self.region is None else str(self.region.code)

    def params(self, **changes: object) -> dict[str, str]:
        """The filters as URL parameters, for links that keep them (htmx pushes them to the address bar)."""
        values: dict[str, object] = {"region": self.region_value, "planned": "1" if self.include_planned else None,
                                     "sort": self.sort, "dir": "desc" if self.descending else "asc"}
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value is not None}


def compare_filters(query: QueryDict, regions: list[Region], default_region: Region | None,
                    pathway_slugs: list[str]) -> CompareFilters:
    """Reads the filters; an unknown value falls back to the default and says so, losing the rest."""
    errors = []
    region = default_region
    value = query.get("region")
    if value == ALL:
        region = None
    elif value:
        region = next((r for r in regions if str(r.code) == value), None)
        if region is None:
            region = default_region
            errors.append(_("Regionen “%(value)s” findes ikke; viser i stedet %(shown)s.") % {
                "value": value[:40], "shown": default_region.name if default_region else _("alle kommuner")})
    sort = query.get("sort", "name")
    if sort not in {"name", "region", *pathway_slugs}:
        errors.append(_("Kan ikke sortere efter “%(value)s”; sorterer efter kommune.") % {"value": sort[:40]})
        sort = "name"
    return CompareFilters(region, query.get("planned") == "1", sort, query.get("dir") == "desc", " ".join(errors))


@dataclass
class CompareRow:
    municipality: Municipality
    coverage: list[Decimal]  # one per pathway, in the catalogue's order
    mine: bool


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
    pathways: list[Pathway]
    rows: list[CompareRow]
    averages: list[Decimal | None]
    expected: list[Decimal | None]
    sort_links: list[SortLink]
    home: Municipality | None
    set_name: str
    charts: list[Chart] = field(default_factory=list)
    table_csv_url: str = ""

    @property
    def coverage_table(self) -> Table:
        """The table's numbers as CSV, in the table's order."""
        columns = [_("Kommune"), _("Kommunekode"), _("Region")] + [
            _("%(pathway)s: dækning (%%)") % {"pathway": p.name} for p in self.pathways]
        rows = [[row.municipality.name, row.municipality.code, row.municipality.region.name,
                 *[charts.pct(value) for value in row.coverage]] for row in self.rows]
        return Table(columns, rows)


def compare_page(query: QueryDict, home: Municipality | None) -> ComparePage:
    """The region defaults to the user's own (all municipalities for users without one)."""
    catalogue = load_catalogue()
    regions = list(Region.objects.order_by("name"))
    default_region = next((r for r in regions if home and r.pk == home.region_id), None)
    filters = compare_filters(query, regions, default_region, [p.slug for p in catalogue.pathways])
    national = national_coverage(filters.include_planned, catalogue)
    in_set = [m for m in national.municipalities if filters.region is None or m.region_id == filters.region.pk]
    selected = national.subset(sorted(in_set, key=lambda m: danish_order(m.name)))
    set_name = _("alle kommuner") if filters.region is None else filters.region.name
    home_id = home.pk if home else None
    rows = [CompareRow(m, [selected.coverage_pct(m, p) for p in catalogue.pathways], m.pk == home_id)
            for m in selected.municipalities]
    rows = _sorted_rows(rows, filters, [p.slug for p in catalogue.pathways])
    sort_links = _sort_links(filters, catalogue.pathways)
    heatmap = charts.heatmap_chart("heatmap", _("Indsatstyper i %(set)s") % {"set": set_name}, selected, catalogue,
                                   home_id)
    adoption = charts.adoption_chart("adoption", _("Indsatstyper i %(set)s mod EVA") % {"set": set_name},
                                     selected.adoption(), set_name)
    return ComparePage(
        filters, regions, catalogue.pathways, rows,
        averages=[selected.average_coverage_pct(p) for p in catalogue.pathways],
        expected=[mean(e.share for e in catalogue.benchmarked(p)) for p in catalogue.pathways],
        sort_links=sort_links, home=home, set_name=set_name, charts=[heatmap, adoption],
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
    # Rows arrive in Danish alphabetical order and the sort is stable: ties stay alphabetical.
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


# --- The home page's national summary ------------------------------------------------------------

@dataclass
class NationalSummary:
    charts: list[Chart]
    municipalities: int
    with_interventions: int


def national_summary() -> NationalSummary:
    """Adoption of each type in all 98 municipalities beside EVA's share, one chart per pathway."""
    catalogue = load_catalogue()
    national = national_coverage(False, catalogue)
    adoption = national.adoption_by_type()
    pathway_charts = [
        charts.adoption_chart(f"national-{pathway.slug}", pathway.name,
                              [adoption[e.intervention_type.pk] for e in catalogue.entries(pathway)],
                              _("alle %(count)s kommuner") % {"count": len(national.municipalities)})
        for pathway in catalogue.pathways
    ]
    return NationalSummary(pathway_charts, len(national.municipalities), len(national.running))


# --- /municipalities/<code>/coverage.csv: the machine-readable contract -----------------------------

COVERAGE_CSV_COLUMNS = ["pathway", "catalogue_types", "running_types", "catalogue_coverage_pct", "eva_expected_pct",
                        "difference_pts", "target_groups_total", "target_groups_reached"]


def _csv_number(value: Decimal | None) -> Decimal | None:
    """One decimal, rounded half up; no "-0.0". A number, not text, so the export keeps its sign as is."""
    rounded = round1(value)
    if rounded is None:
        return None
    return abs(rounded) if rounded == 0 else rounded


def coverage_csv_rows(coverage: MunicipalityCoverage) -> list[list[object]]:
    """One row per pathway. Coverage counts plans only when the coverage was computed with them;
    running_types never does (other tools rely on this, see the issue's contract)."""
    return [[p.pathway.slug, p.catalogue_types, p.running_types, _csv_number(p.coverage_pct),
             _csv_number(p.expected_pct), _csv_number(p.difference_pts), len(p.groups), len(p.groups_reached)]
            for p in coverage.pathways]

