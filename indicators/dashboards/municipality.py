"""/municipalities/<code>/: the municipality dashboard, and its coverage.csv (a contract other tools read)."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.charts import coverage as coverage_charts
from indicators.charts import sections
from indicators.charts.base import Chart
from indicators.charts.sections import ImportedSections
from indicators.comparison import ComparisonOption, comparison_peers, with_comparison_averages
from indicators.coverage import (
    MunicipalityCoverage,
    PathwayCoverage,
    SetCoverage,
    load_catalogue,
    municipality_coverage,
    national_coverage,
    region_of,
    with_region_averages,
)
from indicators.numbers import round1
from recruitment.models import Municipality

from . import progress
from .common import KeyFacts, Suggestion, cases_by_type, key_facts, worth_considering


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


def panel_coverage(municipality: Municipality, include_planned: bool) -> MunicipalityCoverage:
    """The coverage panel's figures: the municipality's coverage with its region's and the country's averages."""
    catalogue = load_catalogue()
    return with_region_averages(municipality_coverage(municipality, include_planned, catalogue), catalogue)


def municipality_dashboard(municipality: Municipality, include_planned: bool,
                           comparison: ComparisonOption | None = None) -> MunicipalityDashboard:
    catalogue = load_catalogue()
    coverage = municipality_coverage(municipality, include_planned, catalogue)
    national = national_coverage(include_planned, catalogue)
    with_region_averages(coverage, catalogue, national)
    if comparison is not None:
        with_comparison_averages(coverage, national, comparison)
    region = region_of(national, municipality)
    pathway_charts = [coverage_charts.pathway_types_chart(f"chart-{p.pathway.slug}", p) for p in coverage.pathways]
    imported = sections.for_municipality(municipality, comparison_peers(comparison))
    progress.on_trend_charts(municipality, imported.charts)  # interventions and targets on the trend charts
    return MunicipalityDashboard(municipality, include_planned, coverage, region, pathway_charts,
                                 worth_considering(coverage, region, cases_by_type()), key_facts(catalogue),
                                 imported)


# --- /municipalities/<code>/coverage.csv: the machine-readable contract -----------------------------

# New columns go at the end: tools that read the file by position keep working.
COVERAGE_CSV_COLUMNS = ["pathway", "catalogue_types", "running_types", "catalogue_coverage_pct", "eva_expected_pct",
                        "difference_pts", "target_groups_total", "target_groups_reached",
                        "region_average_pct", "region_reporting", "region_total"]


def coverage_csv_rows(coverage: MunicipalityCoverage) -> list[list[object]]:
    """One row per pathway, from `panel_coverage` (with the region's average). Coverage counts plans only when
    the coverage was computed with them; running_types never does (other tools rely on this). The region's
    average is over its reporting municipalities (empty when none reports), with their number and the region's.
    Numbers, not text: one decimal, no "-0.0"."""
    return [[p.pathway.slug, p.catalogue_types, p.running_types, round1(p.coverage_pct),
             round1(p.expected_pct), round1(p.difference_pts), len(p.groups), len(p.groups_reached),
             round1(p.region_average_pct), p.region_reporting, p.region_total]
            for p in coverage.pathways]
