"""Who to learn from: per catalogue type, the region's interventions of it – running first – each with its
municipality, its partner municipalities and its page, and whom to ask (the owner's contact for knowledge sharing);
EVA's recommendation marked. The interventions the region's municipalities run together (shared: a partner named)
are listed apart too. Three queries (interventions, their partners, the contacts), whatever their number."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from interventions.models import Intervention, KnowledgeContact
from recruitment.models import Municipality

from ..coverage import Catalogue, CatalogueEntry


@dataclass(frozen=True)
class Runner:
    intervention: Intervention
    partners: list[Municipality]  # by name; any region's (a partner may lie across the border)
    contact: KnowledgeContact | None  # the owner's contact for knowledge sharing

    @property
    def municipality_ids(self) -> set[int]:
        return {self.intervention.municipality_id, *(m.pk for m in self.partners)}


@dataclass(frozen=True)
class TypeRunners:
    entry: CatalogueEntry
    runners: list[Runner]  # running, planned, ended; by title within each (running_first)
    region_ids: frozenset[int]

    @property
    def interventions(self) -> list[Intervention]:
        return [runner.intervention for runner in self.runners]

    @property
    def running(self) -> int:
        return sum(item.status == Intervention.Status.RUNNING for item in self.interventions)

    @property
    def municipalities(self) -> int:
        """The region's municipalities that have one of the type: owners and partners."""
        return len(set().union(*(runner.municipality_ids for runner in self.runners)) & self.region_ids)


@dataclass(frozen=True)
class Learning:
    types: list[TypeRunners]  # types someone in the region has an intervention of, by catalogue order
    nobody: list[CatalogueEntry]  # types nobody in the region has: where to look beyond it
    shared: list[Runner]  # interventions with partners, a region's municipality owner or partner; running first
    contacts: list[KnowledgeContact]  # the region's named contacts, by municipality


def who_to_learn_from(municipalities: Sequence[Municipality], catalogue: Catalogue) -> Learning:
    members = list(municipalities)
    region_ids = frozenset(m.pk for m in members)
    ours = Q(municipality__in=members) | Q(partner_municipalities__in=members)
    interventions = list(Intervention.objects.filter(ours).distinct().select_related("municipality").running_first())
    partners: dict[int, list[Municipality]] = defaultdict(list)
    through = Intervention.partner_municipalities.through
    for link in (through.objects.filter(intervention__in=[item.pk for item in interventions])
                 .select_related("municipality").order_by("municipality__name")):
        partners[link.intervention_id].append(link.municipality)
    contacts = {contact.municipality_id: contact for contact in KnowledgeContact.objects.filter(
        municipality__in={item.municipality_id for item in interventions} | region_ids).select_related("municipality")}
    runners = [Runner(item, partners.get(item.pk, []), contacts.get(item.municipality_id)) for item in interventions]
    by_type: dict[int, list[Runner]] = defaultdict(list)
    for runner in runners:
        if runner.intervention.intervention_type_id is not None:
            by_type[runner.intervention.intervention_type_id].append(runner)
    types, nobody = [], []
    for entry in catalogue.all_entries():
        found = by_type.get(entry.intervention_type.pk)
        if found:
            types.append(TypeRunners(entry, found, region_ids))
        else:
            nobody.append(entry)
    return Learning(types, nobody, [runner for runner in runners if runner.partners],
                    sorted((c for c in contacts.values() if c.municipality_id in region_ids),
                           key=lambda c: c.municipality.name))
