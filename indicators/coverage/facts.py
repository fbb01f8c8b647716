"""Facts aggregated in the database: which types each municipality runs or plans, who reports, whom an
intervention reaches. One row per municipality and type at most, cached by the data version.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, Max, OuterRef, QuerySet, Value, When

from interventions.models import Intervention, NoneRunConfirmation
from recruitment.data_version import cached
from recruitment.models import Municipality

from .catalogue_benchmarks import Catalogue


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


def partner_fact_rows() -> QuerySet:
    """The same rows for the partner municipalities: an intervention counts for each partner's coverage too."""
    Partner = Intervention.partner_municipalities.through  # noqa: N806 (a model)
    return (Partner.objects.filter(
        intervention__status__in=Intervention.counted_statuses(include_planned=True),
        intervention__intervention_type__isnull=False)
        .order_by().values_list("municipality_id", "intervention__intervention_type_id")
        .annotate(running=_flag_of("intervention__status", Intervention.Status.RUNNING),
                  planned=_flag_of("intervention__status", Intervention.Status.PLANNED)))


def _flag_of(field: str, status: str) -> Max:
    return Max(Case(When(**{field: status}, then=Value(1)), default=Value(0), output_field=IntegerField()))


def type_facts(catalogue: Catalogue) -> TypeFacts:
    def compute() -> TypeFacts:
        running: dict[int, set[int]] = defaultdict(set)
        planned: dict[int, set[int]] = defaultdict(set)
        # One query: the partners' rows and the owners' (a municipality is never partner to its own intervention).
        # The partners' query goes first: a union led by Intervention's query trips over its Meta.ordering.
        for municipality_id, type_id, is_running, is_planned in partner_fact_rows().union(type_fact_rows(),
                                                                                          all=True):
            if is_running:
                running[municipality_id].add(type_id)
            if is_planned:
                planned[municipality_id].add(type_id)
        return TypeFacts({m: frozenset(t) for m, t in running.items()}, {m: frozenset(t) for m, t in planned.items()})

    return cached(catalogue.version, "types", compute)


def reporting_municipalities() -> QuerySet[Municipality]:
    """The municipalities that report for the coverage figures: at least one registered intervention (any
    status; deleted ones are gone; its own or one it runs as a partner) or a confirmation that they run none of
    the types. One query."""
    return Municipality.objects.filter(
        Exists(Intervention.objects.filter(municipality=OuterRef("pk")))
        | Exists(Intervention.partner_municipalities.through.objects.filter(municipality=OuterRef("pk")))
        | Exists(NoneRunConfirmation.objects.filter(municipality=OuterRef("pk"), ended_on__isnull=True)))


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
    """One aggregate query: an intervention reaches the groups it names (interventions.models: reaches_group)."""
    def compute() -> ReachFacts:
        groups = [group for pathway in catalogue.pathways for group in catalogue.groups_by_pathway.get(pathway.pk, [])]
        by_group, by_pathway = (Intervention.objects.counting_for(municipality)
                                .active(include_planned).count_reaching(groups, catalogue.pathways))
        return ReachFacts(by_group, by_pathway)

    return cached(catalogue.version, f"reach:{municipality.pk}:{int(include_planned)}", compute)


def reach_facts_for_all(include_planned: bool, catalogue: Catalogue) -> dict[int, ReachFacts]:
    """`reach_facts` of every municipality with an active intervention, in one query (the API's coverage of all)."""
    def compute() -> dict[int, ReachFacts]:
        groups = [group for pathway in catalogue.pathways for group in catalogue.groups_by_pathway.get(pathway.pk, [])]
        active = Intervention.objects.active(include_planned)
        facts: dict[int, ReachFacts] = {}
        # Owners, then partners (never the same municipality: partners.py refuses the owner as its own partner).
        for field in ("municipality_id", "partner_municipalities"):
            counts = active.count_reaching_per_municipality(groups, catalogue.pathways, field)
            for municipality_id, (by_group, by_pathway) in counts.items():
                if municipality_id is None:
                    continue  # interventions without partners, in the partners' grouping
                known = facts.get(municipality_id, ReachFacts({}, {}))
                facts[municipality_id] = ReachFacts(_add(known.groups, by_group), _add(known.pathways, by_pathway))
        return facts

    return cached(catalogue.version, f"reach-all:{int(include_planned)}", compute)


def _add(first: dict[int, int], second: dict[int, int]) -> dict[int, int]:
    return {key: first.get(key, 0) + second.get(key, 0) for key in first.keys() | second.keys()}
