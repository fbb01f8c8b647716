"""What several dashboard pages share: a municipality's compared coverage, inspiration cases, national key facts,
"worth considering"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from indicators.comparison import ComparisonOption, with_comparison_averages
from indicators.coverage import (
    Adoption,
    Catalogue,
    MunicipalityCoverage,
    SetCoverage,
    TypeStatus,
    load_catalogue,
    municipality_coverage,
    national_coverage,
    region_of,
    with_region_averages,
)
from indicators.models import KeyFact
from interventions.models import InspirationCase
from recruitment.models import Municipality, Pathway, TargetGroup

SUGGESTIONS_PER_PATHWAY = 3


def cases_by_type() -> dict[int, list[InspirationCase]]:
    """Inspiration cases (cases.csv) by the catalogue types they show; three queries."""
    cases = InspirationCase.objects.select_related("municipality").prefetch_related("intervention_types",
                                                                                    "other_municipalities")
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
    for fact in KeyFact.objects.select_related("source_record", "quote_source").order_by("position"):
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
    """A type the municipality does not run, and why it is suggested: EVA recommends it, most municipalities
    already run it (among the pathway's most widespread it lacks), or both."""

    status: TypeStatus
    pathway: Pathway
    region_adoption: Adoption
    cases: list[InspirationCase]
    widespread: bool = False

    @property
    def recommended(self) -> bool:
        return self.status.intervention_type.eva_recommends


def worth_considering(coverage: MunicipalityCoverage, region: SetCoverage,
                      cases: dict[int, list[InspirationCase]],
                      per_pathway: int = SUGGESTIONS_PER_PATHWAY) -> list[Suggestion]:
    """Per pathway, a mix: the most widespread types it lacks (highest EVA share first) and the types EVA
    recommends that it lacks (often less common ones, e.g. evaluating internship places), each once."""
    adoption = region.adoption_by_type()
    suggestions = []
    for pathway_coverage in coverage.pathways:
        widespread = [gap for gap in pathway_coverage.gaps if gap.share is not None][:per_pathway]
        widespread_ids = {gap.intervention_type.pk for gap in widespread}
        recommended = [gap for gap in pathway_coverage.missing_recommendations
                       if gap.intervention_type.pk not in widespread_ids][:per_pathway]
        suggestions += [Suggestion(gap, pathway_coverage.pathway, adoption[gap.intervention_type.pk],
                                   others(cases.get(gap.intervention_type.pk, []), coverage.municipality),
                                   widespread=gap.intervention_type.pk in widespread_ids)
                        for gap in [*widespread, *recommended]]
    return suggestions


def others(cases: list[InspirationCase], municipality: Municipality) -> list[InspirationCase]:
    """A municipality's own case (from its strategy, or one it runs with others) is no inspiration to itself."""
    return [case for case in cases if not case.runs_in(municipality)]


def compared_coverage(municipality: Municipality, include_planned: bool, comparison: ComparisonOption | None
                      ) -> tuple[Catalogue, MunicipalityCoverage, SetCoverage]:
    """What a municipality's dashboard and its pathway pages start from: the catalogue, the municipality's coverage
    with its region's, the country's and the chosen comparison's averages, and its region's figures."""
    catalogue = load_catalogue()
    coverage = municipality_coverage(municipality, include_planned, catalogue)
    national = national_coverage(include_planned, catalogue)
    with_region_averages(coverage, catalogue, national)
    if comparison is not None:
        with_comparison_averages(coverage, national, comparison)
    return catalogue, coverage, region_of(national, municipality)
