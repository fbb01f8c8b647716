"""/municipalities/<code>/: the municipality dashboard, and its coverage.csv (a contract other tools read)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.charts import coverage as coverage_charts
from indicators.charts import sections
from indicators.charts.base import Cell, Chart
from indicators.charts.sections import ImportedSections
from indicators.comparison import ComparisonOption, comparison_peers
from indicators.coverage import (
    MunicipalityCoverage,
    PathwayCoverage,
    SetCoverage,
    load_catalogue,
    municipality_coverage,
    with_region_averages,
)
from indicators.numbers import round1
from interventions.models import Intervention
from recruitment.models import Municipality, Pathway

from . import trend_marks
from .common import KeyFacts, Suggestion, cases_by_type, compared_coverage, key_facts, worth_considering


@dataclass(frozen=True)
class Verdict:
    """One pathway at a glance, counts first: "Flere godt igennem praktikken: 3 af 6 typer – som
    gennemsnitskommunen". The average municipality runs EVA's mean share of the pathway's types, a
    fraction of a type (2,8 of 6); the municipality is level with it when its count equals that figure
    rounded to a whole type, as a person compares counts."""

    pathway: Pathway
    active_types: int
    catalogue_types: int
    average_types: Decimal | None  # EVA's expected coverage × the pathway's types; None without shares
    # How many of EVA's recommendations for the pathway the municipality lacks; None where not said (a
    # municipality that has registered nothing yet lacks nothing we know of).
    missing_recommendations: int | None = None

    @property
    def comparison(self) -> str:
        """'level', 'above', 'below', or 'unknown' when no type of the pathway has an EVA share."""
        if self.average_types is None:
            return "unknown"
        rounded = int(self.average_types.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if self.active_types == rounded:
            return "level"
        return "above" if self.active_types > rounded else "below"

    @property
    def counts_text(self) -> str:
        """The counts and the comparison; the optional clause on recommendations is shown beside it."""
        counts = _("%(pathway)s: %(active)s af %(total)s typer") % {
            "pathway": self.pathway.name, "active": self.active_types, "total": self.catalogue_types}
        average = number_format(round1(self.average_types), 1) if self.average_types is not None else ""
        comparison = {
            "level": _("som gennemsnitskommunen"),
            "above": _("flere end gennemsnitskommunen (%(average)s)") % {"average": average},
            "below": _("færre end gennemsnitskommunen (%(average)s)") % {"average": average},
        }.get(self.comparison)
        return f"{counts} – {comparison}" if comparison else counts


def verdicts(coverage: MunicipalityCoverage) -> list[Verdict]:
    """One verdict per pathway, in the catalogue's order, from the same figures as the coverage panels. The
    recommendations a pathway lacks are said only once the municipality reports (before, we know of none)."""
    result = []
    for pathway in coverage.pathways:
        expected = pathway.expected_pct
        average = None if expected is None else expected * pathway.catalogue_types / 100
        missing = len(pathway.missing_recommendations) if coverage.reporting else None
        result.append(Verdict(pathway.pathway, pathway.active_types, pathway.catalogue_types, average, missing))
    return result


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
    verdicts: list[Verdict]
    planned: dict[int, int] = field(default_factory=dict)  # type id -> a planned intervention of that type

    @property
    def suggestion_rows(self) -> list[tuple[Suggestion, int | None]]:
        """Each suggestion with the planned intervention of its type, if any: the page links to it
        ("Planlagt – se indsatsen") instead of inviting a second one."""
        return [(s, self.planned.get(s.status.intervention_type.pk)) for s in self.suggestions]

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
    catalogue, coverage, region = compared_coverage(municipality, include_planned, comparison)
    pathway_charts = [coverage_charts.pathway_types_chart(f"chart-{p.pathway.slug}", p) for p in coverage.pathways]
    imported = sections.for_municipality(municipality, comparison_peers(comparison))
    trend_marks.on_trend_charts(municipality, imported.charts)  # interventions and targets on the trend charts
    return MunicipalityDashboard(municipality, include_planned, coverage, region, pathway_charts,
                                 worth_considering(coverage, region, cases_by_type()), key_facts(catalogue),
                                 imported, verdicts(coverage),
                                 planned_by_type(municipality))


def planned_by_type(municipality: Municipality) -> dict[int, int]:
    """A planned intervention (the first made) for each catalogue type the municipality has planned; one query."""
    rows = (Intervention.objects.filter(municipality=municipality, status=Intervention.Status.PLANNED,
                                        intervention_type__isnull=False)
            .order_by("-pk").values_list("intervention_type_id", "pk"))
    return dict(rows)  # ordered newest first, so the oldest of a type is the one kept


# --- /municipalities/<code>/coverage.csv: the machine-readable contract -----------------------------

# New columns go at the end: tools that read the file by position keep working.
COVERAGE_CSV_COLUMNS = ["pathway", "catalogue_types", "running_types", "catalogue_coverage_pct", "eva_expected_pct",
                        "difference_pts", "target_groups_total", "target_groups_reached",
                        "region_average_pct", "region_reporting", "region_total"]


def coverage_csv_rows(coverage: MunicipalityCoverage) -> list[list[Cell]]:
    """One row per pathway, from `panel_coverage` (with the region's average). Coverage counts plans only when
    the coverage was computed with them; running_types never does (other tools rely on this). The region's
    average is over its reporting municipalities (empty when none reports), with their number and the region's.
    Numbers, not text: one decimal, no "-0.0"."""
    return [[p.pathway.slug, p.catalogue_types, p.running_types, round1(p.coverage_pct),
             round1(p.expected_pct), round1(p.difference_pts), len(p.groups), len(p.groups_reached),
             round1(p.region_average_pct), p.region_reporting, p.region_total]
            for p in coverage.pathways]
