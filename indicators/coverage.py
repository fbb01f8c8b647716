"""Coverage: the central computation (DESIGN.md, "Coverage: the central computation").

For a municipality M and pathway P with catalogue types T(P) and EVA shares s(t):
- catalogue coverage = |types of T(P) M runs| / |T(P)|, over the types that have an EVA share,
- EVA expected coverage = mean of s(t) over the same types,
- target-group reach = the target groups of P that at least one active intervention reaches,
- gaps = types of T(P) that M does not run, the most widespread (highest s(t)) first,
- for a set of municipalities, adoption of t = the share of the set that runs t.

An intervention is active when it is running, or also planned where the user asks for plans.

A municipality *reports* when it has registered at least one intervention (any status) or an editor has
confirmed that it runs none of the types (`reporting_ids`, the one home of the rule). Averages and adoption
shares of a set are taken over its reporting municipalities only: one that has registered nothing yet is
unknown, not 0 %, and must not pull an average down as if it ran nothing.

Cost follows the catalogue, not the number of interventions: the database aggregates (one row per
municipality and type at most, and one row of counts per municipality), and what it returns is cached
by the data version (recruitment.data_version), which every write that changes coverage bumps in its
own transaction. A page therefore reads the version (one query) and, until the next such write,
computes nothing else here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Exists, IntegerField, Max, OuterRef, Prefetch, QuerySet, Value, When

from interventions.models import Intervention, InterventionType, NoneRunConfirmation
from recruitment import data_version
from recruitment.data_version import cached
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

    @property
    def is_uncertain(self) -> bool:
        """Provisional or inferred: every page marks it, with the reason in plain Danish (benchmark.note)."""
        return bool(self.benchmark and self.benchmark.is_uncertain)

    @property
    def certainty_word(self) -> str:
        return self.benchmark.certainty_word if self.benchmark else ""


@dataclass
class Catalogue:
    """Pathways, their target groups and catalogue types with their current benchmark."""

    pathways: list[Pathway]
    groups_by_pathway: dict[int, list[TargetGroup]]
    entries_by_pathway: dict[int, list[CatalogueEntry]]
    version: str = ""  # the data version it was read at: what is computed with it is cached under it
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


def load_catalogue() -> Catalogue:
    """The catalogue at the current data version: one query, four more when the version is new."""
    version = data_version.current()
    return cached(version, "catalogue", lambda: _read_catalogue(version))


def _read_catalogue(version: str) -> Catalogue:
    """Four queries: pathways, target groups, types, their benchmarks (InterventionType.current_benchmark speaks)."""
    pathways = list(Pathway.objects.order_by("position"))
    groups_by_pathway: dict[int, list[TargetGroup]] = defaultdict(list)
    for group in TargetGroup.objects.order_by("position"):
        groups_by_pathway[group.pathway_id].append(group)
    types = (InterventionType.objects.select_related("target_group").order_by("position")
             .prefetch_related(Prefetch("benchmarks", Benchmark.objects.select_related("source", "quote_source"))))
    entries_by_pathway: dict[int, list[CatalogueEntry]] = defaultdict(list)
    for intervention_type in types:
        entries_by_pathway[intervention_type.target_group.pathway_id].append(
            CatalogueEntry(intervention_type, intervention_type.current_benchmark())
        )
    return Catalogue(pathways, dict(groups_by_pathway), dict(entries_by_pathway), version)


# --- Facts aggregated in the database -------------------------------------------------------------

@dataclass(frozen=True)
class TypeFacts:
    """Per municipality, the catalogue types it has a running and a planned intervention of."""

    running: dict[int, frozenset[int]]
    planned: dict[int, frozenset[int]]

    def active(self, municipality_id: int, include_planned: bool) -> frozenset[int]:
        running = self.running.get(municipality_id, frozenset())
        return running | self.planned.get(municipality_id, frozenset()) if include_planned else running


def _flag(status: str) -> Max:
    return Max(Case(When(status=status, then=Value(1)), default=Value(0), output_field=IntegerField()))


def type_fact_rows() -> QuerySet:
    """(municipality, type, has running, has planned): one row per pair at most, grouped in the database
    with the index intervention_coverage. `.order_by()` keeps Intervention.Meta.ordering (a join and two
    columns) out of the grouping, which would otherwise return a row per intervention."""
    return (Intervention.objects.filter(status__in=Intervention.counted_statuses(include_planned=True),
                                        intervention_type__isnull=False)
            .order_by().values_list("municipality_id", "intervention_type_id")
            .annotate(running=_flag(Intervention.Status.RUNNING), planned=_flag(Intervention.Status.PLANNED)))


def type_facts(catalogue: Catalogue) -> TypeFacts:
    def compute() -> TypeFacts:
        running: dict[int, set[int]] = defaultdict(set)
        planned: dict[int, set[int]] = defaultdict(set)
        for municipality_id, type_id, is_running, is_planned in type_fact_rows():
            if is_running:
                running[municipality_id].add(type_id)
            if is_planned:
                planned[municipality_id].add(type_id)
        return TypeFacts({m: frozenset(t) for m, t in running.items()}, {m: frozenset(t) for m, t in planned.items()})

    return cached(catalogue.version, "types", compute)


def reporting_municipalities() -> QuerySet[Municipality]:
    """The municipalities that report for the coverage figures: at least one registered intervention (any
    status; deleted ones are gone) or a confirmation that they run none of the types. One query."""
    return Municipality.objects.filter(
        Exists(Intervention.objects.filter(municipality=OuterRef("pk")))
        | Exists(NoneRunConfirmation.objects.filter(municipality=OuterRef("pk"))))


def reporting_ids(catalogue: Catalogue) -> frozenset[int]:
    """The ids of the reporting municipalities, cached by the data version (a confirmation bumps it)."""
    return cached(catalogue.version, "reporting",
                  lambda: frozenset(reporting_municipalities().values_list("pk", flat=True)))


@dataclass(frozen=True)
class ReachFacts:
    """One municipality's active interventions per target group and per pathway they reach."""

    groups: dict[int, int]
    pathways: dict[int, int]


def reach_facts(municipality: Municipality, include_planned: bool, catalogue: Catalogue) -> ReachFacts:
    """One aggregate query: an intervention reaches the groups it names and its catalogue type's group."""
    def compute() -> ReachFacts:
        groups = [group for pathway in catalogue.pathways for group in catalogue.groups_by_pathway.get(pathway.pk, [])]
        by_group, by_pathway = (Intervention.objects.filter(municipality=municipality)
                                .active(include_planned).count_reaching(groups, catalogue.pathways))
        return ReachFacts(by_group, by_pathway)

    return cached(catalogue.version, f"reach:{municipality.pk}:{int(include_planned)}", compute)


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
    def is_uncertain(self) -> bool:
        return self.entry.is_uncertain

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
    region_average_pct: Decimal | None = None  # over the region's reporting municipalities; None: none reports
    national_average_pct: Decimal | None = None
    region_reporting: int = 0  # how many of the region's municipalities report
    region_total: int = 0
    national_reporting: int = 0
    national_total: int = 0
    comparison_average_pct: Decimal | None = None  # over the set the user chose (indicators.comparison)
    comparison_reporting: int = 0  # how many of that set report
    comparison_total: int = 0
    comparison_where: str = ""  # the group's name for "x af y kommuner i …"; empty for all municipalities

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
    def uncertain_types(self) -> int:
        """How many of the shares behind the expected coverage are uncertain (provisional or inferred)."""
        return sum(status.is_uncertain for status in self.benchmarked)

    @property
    def coverage_pct(self) -> Decimal:
        return percent(self.active_types, self.catalogue_types) or Decimal(0)

    @property
    def expected_pct(self) -> Decimal | None:
        return mean(status.share for status in self.benchmarked)

    @property
    def expected_types(self) -> Decimal | None:
        """How many of the types the average municipality in EVA's survey runs (the mean share times the count):
        the figure the page leads with, before the percentage."""
        expected = self.expected_pct
        return None if expected is None else expected * self.catalogue_types / 100

    @property
    def difference_types(self) -> Decimal | None:
        expected = self.expected_types
        return None if expected is None else self.active_types - expected

    @property
    def points_per_type(self) -> Decimal | None:
        """How many percentage points one type moves the pathway: no difference is more precise than this."""
        return percent(1, self.catalogue_types)

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
    def missing_recommendations(self) -> list[TypeStatus]:
        """The types EVA's booklet recommends (InterventionType.eva_recommends) that the municipality does not
        run, in catalogue order: what "Værd at overveje" and a pathway's verdict offer beside popularity."""
        return [status for status in self.types if status.intervention_type.eva_recommends and not status.active]

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
    reporting: bool = True  # False: nothing registered and nothing confirmed, so its coverage is unknown
    comparison_label: str = ""  # the chosen comparison set other than the region, when there is one

    def pathway(self, slug: str) -> PathwayCoverage:
        return next(coverage for coverage in self.pathways if coverage.pathway.slug == slug)


def municipality_coverage(municipality: Municipality, include_planned: bool = False,
                          catalogue: Catalogue | None = None) -> MunicipalityCoverage:
    catalogue = catalogue or load_catalogue()
    facts = type_facts(catalogue)
    reach = reach_facts(municipality, include_planned, catalogue)
    active_types = facts.active(municipality.pk, include_planned)
    running = facts.running.get(municipality.pk, frozenset())
    planned = facts.planned.get(municipality.pk, frozenset())
    result = MunicipalityCoverage(municipality, include_planned,
                                  reporting=municipality.pk in reporting_ids(catalogue))
    for pathway in catalogue.pathways:
        groups = [GroupReach(group, reach.groups.get(group.pk, 0))
                  for group in catalogue.groups_by_pathway.get(pathway.pk, [])]
        types = [TypeStatus(entry, (type_id := entry.intervention_type.pk) in active_types,
                            running=type_id in running, planned=type_id in planned)
                 for entry in catalogue.entries(pathway)]
        result.pathways.append(PathwayCoverage(pathway, types, groups, reach.pathways.get(pathway.pk, 0)))
    return result


def missing_recommendations(municipality: Municipality, include_planned: bool = False) -> dict[str, list[TypeStatus]]:
    """Per pathway (by slug), the types EVA recommends that the municipality does not run."""
    coverage = municipality_coverage(municipality, include_planned)
    return {p.pathway.slug: p.missing_recommendations for p in coverage.pathways}


# --- Sets of municipalities ---------------------------------------------------------------------

@dataclass(frozen=True)
class Adoption:
    entry: CatalogueEntry
    municipalities: int  # how many in the set run the type
    of: int  # how many of the set report (reporting_ids): the others are unknown, not "does not run"

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
    reporting_ids: frozenset[int] = frozenset()  # of all municipalities (reporting_ids), not only the set's

    def subset(self, municipalities: Iterable[Municipality]) -> SetCoverage:
        """The same figures for part of the set (a region of the country), without a query."""
        municipalities = list(municipalities)
        return SetCoverage(municipalities, self.catalogue,
                           {m.pk: self.runs[m.pk] for m in municipalities if m.pk in self.runs},
                           {m.pk: self.running[m.pk] for m in municipalities if m.pk in self.running},
                           self.reporting_ids)

    def reports(self, municipality: Municipality) -> bool:
        return municipality.id in self.reporting_ids

    @property
    def reporting(self) -> list[Municipality]:
        """The set's municipalities that report: what its averages and adoption shares are taken over."""
        return [m for m in self.municipalities if m.id in self.reporting_ids]

    def state(self, municipality: Municipality, entry: CatalogueEntry) -> str:
        """'running', 'planned' (active only through a plan), 'none' or 'unreported' (the municipality has
        registered nothing, so whether it runs the type is unknown), for one cell of the heatmap."""
        if municipality.id not in self.reporting_ids:
            return "unreported"
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
        reporting = len(self.reporting)
        return [Adoption(entry, counts.get(entry.intervention_type.pk, 0), reporting)
                for entry in self.catalogue.all_entries()]

    def coverage_pct(self, municipality: Municipality, pathway: Pathway) -> Decimal:
        benchmarked = self.catalogue.benchmarked_ids(pathway)
        active = len(benchmarked & self.runs.get(municipality.id, set()))
        return percent(active, len(benchmarked)) or Decimal(0)

    def reported_coverage_pct(self, municipality: Municipality, pathway: Pathway) -> Decimal | None:
        """The coverage, or None for a municipality that does not report (unknown, not 0 %)."""
        return self.coverage_pct(municipality, pathway) if self.reports(municipality) else None

    def average_coverage_pct(self, pathway: Pathway) -> Decimal | None:
        """The mean over the reporting municipalities; None when none of the set reports."""
        return mean(self.coverage_pct(municipality, pathway) for municipality in self.reporting)


def set_coverage(municipalities: Iterable[Municipality], include_planned: bool = False,
                 catalogue: Catalogue | None = None) -> SetCoverage:
    """Taken from the facts of all municipalities, which are cached: no query of its own."""
    catalogue = catalogue or load_catalogue()
    municipalities = list(municipalities)
    facts = type_facts(catalogue)
    runs = {m.pk: set(active) for m in municipalities if (active := facts.active(m.pk, include_planned))}
    running = {m.pk: set(facts.running[m.pk]) for m in municipalities if facts.running.get(m.pk)}
    return SetCoverage(municipalities, catalogue, runs, running, reporting_ids(catalogue))


def national_coverage(include_planned: bool = False, catalogue: Catalogue | None = None) -> SetCoverage:
    """All 98 municipalities (one query and the cached facts); regions are taken from it with `subset`."""
    everyone = list(Municipality.objects.select_related("region"))
    return set_coverage(everyone, include_planned, catalogue)


def region_of(national: SetCoverage, municipality: Municipality) -> SetCoverage:
    return national.subset(m for m in national.municipalities if m.region_id == municipality.region_id)


def average_coverage_pct(national: SetCoverage, municipalities: Iterable[Municipality],
                         pathway: Pathway) -> Decimal | None:
    """The average coverage of a pathway over a set of municipalities (a region, a comparison group, all):
    the one average every comparison shows, taken from the country's figures without a query."""
    return national.subset(municipalities).average_coverage_pct(pathway)


def with_region_averages(coverage: MunicipalityCoverage, catalogue: Catalogue,
                         national: SetCoverage | None = None) -> MunicipalityCoverage:
    """Adds the region's and the country's average coverage to each pathway of a municipality.

    Pass `national` when the caller has it already (computed with the same include_planned)."""
    national = national or national_coverage(coverage.include_planned, catalogue)
    region = region_of(national, coverage.municipality)
    region_reporting, national_reporting = len(region.reporting), len(national.reporting)
    for pathway_coverage in coverage.pathways:
        pathway_coverage.region_average_pct = region.average_coverage_pct(pathway_coverage.pathway)
        pathway_coverage.national_average_pct = national.average_coverage_pct(pathway_coverage.pathway)
        pathway_coverage.region_reporting, pathway_coverage.region_total = region_reporting, len(region.municipalities)
        pathway_coverage.national_reporting = national_reporting
        pathway_coverage.national_total = len(national.municipalities)
    return coverage
