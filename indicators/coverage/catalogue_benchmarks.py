"""The catalogue: pathways, their target groups and catalogue types, each with the benchmark that speaks for it.

Read in four queries and cached by the data version (recruitment.data_version); what is computed with it
is cached under the version it was read at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from interventions.models import InterventionType
from recruitment import data_version
from recruitment.data_version import cached
from recruitment.models import Pathway, TargetGroup

from ..models import Benchmark


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
