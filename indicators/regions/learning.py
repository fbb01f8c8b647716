"""Who to learn from: per catalogue type, the region's interventions of it – running first – each with its
municipality and its page; EVA's recommendation marked. One query for the interventions, whatever their number."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from interventions.models import Intervention
from recruitment.models import Municipality

from ..coverage import Catalogue, CatalogueEntry


@dataclass(frozen=True)
class TypeRunners:
    entry: CatalogueEntry
    interventions: list[Intervention]  # running, planned, ended; by title within each (running_first)

    @property
    def running(self) -> int:
        return sum(item.status == Intervention.Status.RUNNING for item in self.interventions)

    @property
    def municipalities(self) -> int:
        return len({item.municipality_id for item in self.interventions})


@dataclass(frozen=True)
class Learning:
    types: list[TypeRunners]  # types someone in the region has an intervention of, by catalogue order
    nobody: list[CatalogueEntry]  # types nobody in the region has: where to look beyond it


def who_to_learn_from(municipalities: Sequence[Municipality], catalogue: Catalogue) -> Learning:
    by_type: dict[int, list[Intervention]] = defaultdict(list)
    interventions = (Intervention.objects.filter(municipality__in=list(municipalities), intervention_type__isnull=False)
                     .select_related("municipality").running_first())
    for intervention in interventions:
        by_type[intervention.intervention_type_id].append(intervention)
    types, nobody = [], []
    for entry in catalogue.all_entries():
        found = by_type.get(entry.intervention_type.pk)
        if found:
            types.append(TypeRunners(entry, found))
        else:
            nobody.append(entry)
    return Learning(types, nobody)
