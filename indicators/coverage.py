"""Coverage: the central computation (DESIGN.md, "Coverage: the central computation").

For a municipality M and pathway P with catalogue types T(P) and EVA shares s(t):
- catalogue coverage = |types of T(P) M runs| / |T(P)|, over the types that have an EVA share,
- EVA expected coverage = mean of s(t) over the same types,
- target-group reach = the target groups of P that at least one active intervention reaches,
- gaps = types of T(P) that M does not run, the most widespread (highest s(t)) first,
- for a set of municipalities, adoption of t = the share of the set that runs t.

An intervention is active when it is running, or also planned where the user asks for plans.
Everything is computed from a handful of queries whose number does not grow with the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway, TargetGroup

from .models import Benchmark
from .numbers import mean, percent

# --- The catalogue --------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogueEntry:
    intervention_type: InterventionType
    benchmark: Benchmark | None

    @property
    def share(self) -> Decimal | None:
        return self.benchmark.share_pct if self.benchmark else None

    @property
    def is_provisional(self) -> bool:
        return bool(self.benchmark and self.benchmark.is_provisional)


@dataclass
class Catalogue:
    """Pathways, their target groups and catalogue types with their current benchmark."""

    pathways: list[Pathway]
    groups_by_pathway: dict[int, list[TargetGroup]]
    entries_by_pathway: dict[int, list[CatalogueEntry]]
    _benchmarked_ids: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)

    def entries(self, pathway: Pathway) -> list[CatalogueEntry]:
        return self.entries_by_pathway.get(pathway.pk, [])

    def benchmarked(self, pathway: Pathway) -> list[CatalogueEntry]:
        return [entry for entry in self.entries(pathway) if entry.share is not None]

    def benchmarked_ids(self, pathway: Pathway) -> frozenset[int]:
        """The ids of the pathway's types with a share; memoised, as sets of 98 municipalities ask often."""
        if pathway.id not in self._benchmarked_ids:
            self._benchmarked_ids[pathway.id] = frozenset(e.intervention_type.id for e in self.benchmarked(pathway))
        return self._benchmarked_ids[pathway.id]

    def all_entries(self) -> list[CatalogueEntry]:
        return [entry for pathway in self.pathways for entry in self.entries(pathway)]

    def pathway_of_group(self) -> dict[int, int]:
        return {group.pk: pathway_id for pathway_id, groups in self.groups_by_pathway.items() for group in groups}


def load_catalogue() -> Catalogue:
    """Four queries: pathways, target groups, types, their benchmarks (InterventionType.current_benchmark speaks)."""
    pathways = list(Pathway.objects.order_by("position"))
    groups_by_pathway: dict[int, list[TargetGroup]] = defaultdict(list)
    for group in TargetGroup.objects.order_by("position"):
        groups_by_pathway[group.pathway_id].append(group)
    types = (InterventionType.objects.select_related("target_group").order_by("position")
             .prefetch_related(Prefetch("benchmarks", Benchmark.objects.select_related("source"))))
    entries_by_pathway: dict[int, list[CatalogueEntry]] = defaultdict(list)
    for intervention_type in types:
        entries_by_pathway[intervention_type.target_group.pathway_id].append(
            CatalogueEntry(intervention_type, intervention_type.current_benchmark())
        )
    return Catalogue(pathways, dict(groups_by_pathway), dict(entries_by_pathway))


# --- One municipality --------------------------------------------------------------------------

@dataclass(frozen=True)
class TypeStatus:
    entry: CatalogueEntry
    active: bool  # counts for coverage: running, or planned where plans are included
    running: bool = False  # at least one running intervention, whatever the toggle says
    planned: bool = False  # at least one planned intervention (shown even when plans do not count)

    @property
    def intervention_type(self) -> InterventionType:
        return self.entry.intervention_type

    @property
    def share(self) -> Decimal | None:
        return self.entry.share

    @property
    def is_provisional(self) -> bool:
        return self.entry.is_provisional

    @property
    def state(self) -> str:
        """'running', 'planned' (only planned) or 'none'; what a page says about the type."""
        if self.running:
            return "running"
        return "planned" if self.planned else "none"


@dataclass(frozen=True)
class GroupReach:
    target_group: TargetGroup
    interventions: int

    @property
    def reached(self) -> bool:
        return self.interventions > 0


@dataclass
class PathwayCoverage:
    pathway: Pathway
    types: list[TypeStatus]
    groups: list[GroupReach]
    interventions: int  # active interventions aimed at the pathway
    region_average_pct: Decimal | None = None
    national_average_pct: Decimal | None = None

    @property
    def benchmarked(self) -> list[TypeStatus]:
        return [status for status in self.types if status.share is not None]

    @property
    def catalogue_types(self) -> int:
        return len(self.benchmarked)

    @property
    def active_types(self) -> int:
        return sum(status.active for status in self.benchmarked)

    @property
    def running_types(self) -> int:
        """Benchmarked types with a running intervention; plans never count here (coverage.csv)."""
        return sum(status.running for status in self.benchmarked)

    @property
    def provisional_types(self) -> int:
        """How many of the shares behind the expected coverage are provisional."""
        return sum(status.is_provisional for status in self.benchmarked)

    @property
    def coverage_pct(self) -> Decimal:
        return percent(self.active_types, self.catalogue_types) or Decimal(0)

    @property
    def expected_pct(self) -> Decimal | None:
        return mean(status.share for status in self.benchmarked)

    @property
    def difference_pts(self) -> Decimal | None:
        expected = self.expected_pct
        return None if expected is None else self.coverage_pct - expected

    @property
    def groups_reached(self) -> list[GroupReach]:
        return [reach for reach in self.groups if reach.reached]

    @property
    def groups_not_reached(self) -> list[GroupReach]:
        return [reach for reach in self.groups if not reach.reached]

    @property
    def gaps(self) -> list[TypeStatus]:
        """Types not run, the most widespread first; types with no EVA share last, in catalogue order."""
        missing = [status for status in self.types if not status.active]
        return sorted(missing, key=lambda status: -(status.share if status.share is not None else Decimal(-1)))


@dataclass
class MunicipalityCoverage:
    municipality: Municipality
    include_planned: bool
    pathways: list[PathwayCoverage] = field(default_factory=list)

    def pathway(self, slug: str) -> PathwayCoverage:
        return next(coverage for coverage in self.pathways if coverage.pathway.slug == slug)


def _active_rows(municipality: Municipality, include_planned: bool):
    # Planned interventions are always read, so a page can tell "planned" from "not run" even
    # when plans do not count for coverage; they are filtered out of the reach below.
    statuses = Intervention.counted_statuses(include_planned=True)
    interventions = Intervention.objects.filter(municipality=municipality, status__in=statuses)
    links = Intervention.target_groups.through.objects.filter(
        intervention__municipality=municipality,
        intervention__status__in=Intervention.counted_statuses(include_planned))
    return (interventions.values_list("pk", "intervention_type_id", "status"),
            links.values_list("intervention_id", "targetgroup_id"))


def municipality_coverage(municipality: Municipality, include_planned: bool = False,
                          catalogue: Catalogue | None = None) -> MunicipalityCoverage:
    catalogue = catalogue or load_catalogue()
    rows, links = _active_rows(municipality, include_planned)
    counted = set(Intervention.counted_statuses(include_planned))
    type_of: dict[int, int | None] = {}
    types_by_status: dict[str, set[int]] = defaultdict(set)
    for intervention_id, type_id, status in rows:
        if status in counted:
            type_of[intervention_id] = type_id
        if type_id is not None:
            types_by_status[status].add(type_id)
    groups_of: dict[int, set[int]] = defaultdict(set)
    for intervention_id, group_id in links:
        groups_of[intervention_id].add(group_id)
    group_of_type = {entry.intervention_type.pk: entry.intervention_type.target_group_id
                     for entry in catalogue.all_entries()}
    # An intervention reaches the groups it names and, having a catalogue type, that type's group.
    for intervention_id, type_id in type_of.items():
        if type_id is not None:
            groups_of[intervention_id].add(group_of_type[type_id])
    active_types = {type_id for type_id in type_of.values() if type_id is not None}
    running, planned = types_by_status[Intervention.Status.RUNNING], types_by_status[Intervention.Status.PLANNED]
    pathway_of_group = catalogue.pathway_of_group()

    result = MunicipalityCoverage(municipality, include_planned)
    for pathway in catalogue.pathways:
        groups = catalogue.groups_by_pathway.get(pathway.pk, [])
        reach = [GroupReach(group, sum(group.pk in g for g in groups_of.values())) for group in groups]
        in_pathway = sum(any(pathway_of_group.get(g) == pathway.pk for g in gs) for gs in groups_of.values())
        types = [TypeStatus(entry, (type_id := entry.intervention_type.pk) in active_types,
                            running=type_id in running, planned=type_id in planned)
                 for entry in catalogue.entries(pathway)]
        result.pathways.append(PathwayCoverage(pathway, types, reach, in_pathway))
    return result


# --- Sets of municipalities ---------------------------------------------------------------------

@dataclass(frozen=True)
class Adoption:
    entry: CatalogueEntry
    municipalities: int  # how many in the set run the type
    of: int  # the size of the set

    @property
    def adoption_pct(self) -> Decimal | None:
        return percent(self.municipalities, self.of)

    @property
    def share(self) -> Decimal | None:
        return self.entry.share


@dataclass
class SetCoverage:
    """Adoption per type and coverage per pathway for each municipality of a set."""

    municipalities: list[Municipality]
    catalogue: Catalogue
    runs: dict[int, set[int]]  # municipality id -> active catalogue type ids
    running: dict[int, set[int]] = field(default_factory=dict)  # municipality id -> running type ids

    def subset(self, municipalities: Iterable[Municipality]) -> SetCoverage:
        """The same figures for part of the set (a region of the country), without a query."""
        municipalities = list(municipalities)
        return SetCoverage(municipalities, self.catalogue,
                           {m.pk: self.runs[m.pk] for m in municipalities if m.pk in self.runs},
                           {m.pk: self.running[m.pk] for m in municipalities if m.pk in self.running})

    def state(self, municipality: Municipality, entry: CatalogueEntry) -> str:
        """'running', 'planned' (active only through a plan) or 'none', for one cell of the heatmap."""
        type_id = entry.intervention_type.id  # .id, not .pk: thousands of cells, and .pk is a property
        if type_id in self.running.get(municipality.id, ()):
            return "running"
        return "planned" if type_id in self.runs.get(municipality.id, ()) else "none"

    def adoption_by_type(self) -> dict[int, Adoption]:
        return {adoption.entry.intervention_type.pk: adoption for adoption in self.adoption()}

    def adoption(self) -> list[Adoption]:
        counts: dict[int, int] = defaultdict(int)
        for type_ids in self.runs.values():
            for type_id in type_ids:
                counts[type_id] += 1
        return [Adoption(entry, counts.get(entry.intervention_type.pk, 0), len(self.municipalities))
                for entry in self.catalogue.all_entries()]

    def coverage_pct(self, municipality: Municipality, pathway: Pathway) -> Decimal:
        benchmarked = self.catalogue.benchmarked_ids(pathway)
        active = len(benchmarked & self.runs.get(municipality.id, set()))
        return percent(active, len(benchmarked)) or Decimal(0)

    def average_coverage_pct(self, pathway: Pathway) -> Decimal | None:
        return mean(self.coverage_pct(municipality, pathway) for municipality in self.municipalities)


def set_coverage(municipalities: Iterable[Municipality], include_planned: bool = False,
                 catalogue: Catalogue | None = None, whole_country: bool = False) -> SetCoverage:
    """`whole_country` skips the id filter, so the national query stays small for 98 municipalities."""
    catalogue = catalogue or load_catalogue()
    municipalities = list(municipalities)
    ids = None if whole_country else [m.pk for m in municipalities]
    interventions = Intervention.objects.filter(status__in=Intervention.counted_statuses(include_planned),
                                                intervention_type__isnull=False)
    if ids is not None:
        interventions = interventions.filter(municipality_id__in=ids)
    runs: dict[int, set[int]] = defaultdict(set)
    running: dict[int, set[int]] = defaultdict(set)
    rows = interventions.values_list("municipality_id", "intervention_type_id", "status").distinct()
    for municipality_id, type_id, status in rows:
        runs[municipality_id].add(type_id)
        if status == Intervention.Status.RUNNING:
            running[municipality_id].add(type_id)
    return SetCoverage(municipalities, catalogue, dict(runs), dict(running))


def national_coverage(include_planned: bool = False, catalogue: Catalogue | None = None) -> SetCoverage:
    """All 98 municipalities (two queries); regions are taken from it with `subset`."""
    everyone = list(Municipality.objects.select_related("region"))
    return set_coverage(everyone, include_planned, catalogue, whole_country=True)


def region_of(national: SetCoverage, municipality: Municipality) -> SetCoverage:
    return national.subset(m for m in national.municipalities if m.region_id == municipality.region_id)


def with_region_averages(coverage: MunicipalityCoverage, catalogue: Catalogue,
                         national: SetCoverage | None = None) -> MunicipalityCoverage:
    """Adds the region's and the country's average coverage to each pathway of a municipality.

    Pass `national` when the caller has it already (computed with the same include_planned)."""
    national = national or national_coverage(coverage.include_planned, catalogue)
    region = region_of(national, coverage.municipality)
    for pathway_coverage in coverage.pathways:
        pathway_coverage.region_average_pct = region.average_coverage_pct(pathway_coverage.pathway)
        pathway_coverage.national_average_pct = national.average_coverage_pct(pathway_coverage.pathway)
    return coverage
