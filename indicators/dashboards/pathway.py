"""/municipalities/<code>/pathways/<slug>/: one pathway in depth, per target group."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from indicators.charts import coverage as coverage_charts
from indicators.charts import sections
from indicators.charts.base import Chart
from indicators.charts.sections import ImportedSections
from indicators.comparison import ComparisonOption, comparison_peers
from indicators.coverage import (
    Adoption,
    GroupReach,
    PathwayCoverage,
    TypeStatus,
)
from indicators.models import KeyFact
from interventions.models import InspirationCase, Intervention
from recruitment.models import Municipality, Pathway, TargetGroup

from . import trend_marks
from .common import cases_by_type, compared_coverage, key_facts, others

# The page lists this many of a target group's interventions and links to the list for all of them, so the
# page stays the same size however many a municipality registers.
INTERVENTIONS_PER_GROUP = 10


@dataclass
class TypeRow:
    status: TypeStatus
    region_adoption: Adoption
    cases: list[InspirationCase]


@dataclass
class GroupDetail:
    reach: GroupReach
    interventions: list[Intervention]  # the first INTERVENTIONS_PER_GROUP
    interventions_total: int
    types: list[TypeRow]
    facts: list[KeyFact]

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
    reporting: bool = True  # False: the municipality has registered nothing yet (coverage unknown, not 0 %)
    comparison_label: str = ""  # the chosen comparison set other than the region

    @property
    def charts(self) -> list[Chart]:
        return [self.chart, *self.imported.charts]


def first_interventions(municipality: Municipality, group: TargetGroup) -> tuple[list[Intervention], int]:
    """The first INTERVENTIONS_PER_GROUP of the municipality's interventions (any status, running first) that reach
    the target group, by naming it or by their catalogue type's group, and how many there are in all. Two
    queries, however many interventions the municipality has."""
    reaching = Intervention.objects.filter(
        pk__in=Intervention.objects.filter(Q(target_groups=group) | Q(intervention_type__target_group=group),
                                           municipality=municipality).values("pk"))
    first = reaching.select_related("intervention_type").running_first()[:INTERVENTIONS_PER_GROUP]
    return list(first), reaching.count()


def pathway_page(municipality: Municipality, pathway: Pathway, include_planned: bool,
                 comparison: ComparisonOption | None = None) -> PathwayPage:
    catalogue, coverage, region = compared_coverage(municipality, include_planned, comparison)
    adoption = region.adoption_by_type()
    cases = cases_by_type()
    facts = key_facts(catalogue)
    pathway_coverage = coverage.pathway(pathway.slug)
    groups = [
        GroupDetail(reach, *first_interventions(municipality, reach.target_group),
                    [TypeRow(status, adoption[status.intervention_type.pk],
                             others(cases.get(status.intervention_type.pk, []), municipality))
                     for status in pathway_coverage.types
                     if status.intervention_type.target_group_id == reach.target_group.pk],
                    facts.for_group(reach.target_group))
        for reach in pathway_coverage.groups
    ]
    chart = coverage_charts.pathway_types_chart(f"chart-{pathway.slug}", pathway_coverage, region,
                                       municipality.region.name)
    chart.title = _("Indsatstyperne mod EVA og %(region)s") % {"region": municipality.region.name}
    imported = sections.for_pathway(municipality, pathway, comparison_peers(comparison))
    trend_marks.on_trend_charts(municipality, imported.charts)  # interventions and targets on the trend charts
    return PathwayPage(municipality, include_planned, pathway_coverage, catalogue.pathways, groups, chart,
                       imported, coverage.reporting, coverage.comparison_label)
