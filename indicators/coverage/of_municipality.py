"""One municipality's coverage: per pathway, its catalogue types' status, the target groups it reaches, and
the figures the pages show (coverage, EVA's expected coverage, the difference, gaps).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from interventions.models import InterventionType
from recruitment.models import Municipality, Pathway, TargetGroup

from ..numbers import mean, percent
from .catalogue_benchmarks import Catalogue, CatalogueEntry, load_catalogue
from .facts import ReachFacts, reach_facts, reporting_ids, type_facts


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
    def uncertain_types(self) -> int:
        """How many of the shares behind the expected coverage are uncertain (provisional or inferred)."""
        return sum(status.is_uncertain for status in self.benchmarked)

    @property
    def coverage_pct(self) -> Decimal:
        return percent(self.active_types, self.catalogue_types) or Decimal(0)

    @property
    def expected_pct(self) -> Decimal | None:
        return mean(status.share for status in self.benchmarked if status.share is not None)

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
                          catalogue: Catalogue | None = None, reach: ReachFacts | None = None) -> MunicipalityCoverage:
    """`reach`: the municipality's reach when the caller read everyone's at once (facts.reach_facts_for_all)."""
    catalogue = catalogue or load_catalogue()
    facts = type_facts(catalogue)
    reach = reach or reach_facts(municipality, include_planned, catalogue)
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

