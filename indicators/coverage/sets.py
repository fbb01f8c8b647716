"""Sets of municipalities (a region, a comparison group, the country): adoption per type and the average
coverage, taken over the set's reporting municipalities from the cached facts, without a query of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from recruitment.models import Municipality, Pathway

from ..numbers import mean, percent
from .catalogue_benchmarks import Catalogue, CatalogueEntry, load_catalogue
from .facts import ReachFacts, reach_facts_for_all, reporting_ids, type_facts
from .of_municipality import MunicipalityCoverage, municipality_coverage


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


def everyones_coverage(include_planned: bool = False, catalogue: Catalogue | None = None) -> list[MunicipalityCoverage]:
    """Every municipality's coverage with its region's and the country's averages, as `municipality_coverage` and
    `with_region_averages` give each: from the cached facts, one query for everyone's reach."""
    catalogue = catalogue or load_catalogue()
    national = national_coverage(include_planned, catalogue)
    reach = reach_facts_for_all(include_planned, catalogue)
    nothing = ReachFacts({}, {})
    return [with_region_averages(municipality_coverage(m, include_planned, catalogue, reach.get(m.pk, nothing)),
                                 catalogue, national) for m in national.municipalities]
