"""How complete a region's picture is: which municipalities report (the reporting rule), when each last changed
its interventions, which have confirmed that they run none, which lack workforce statistics or a population
projection. What a secretariat chases, municipality by municipality; four queries whatever the region's size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max

from interventions.models import Intervention, NoneRunConfirmation
from recruitment.models import Municipality

from ..models import PopulationProjection, WorkforceStat


@dataclass(frozen=True)
class MunicipalityStatus:
    municipality: Municipality
    reports: bool  # indicators.coverage.reporting_ids: an intervention of any status, or "we run none"
    confirmed_none: date | None  # the day an editor confirmed that it runs none of the types
    last_change: datetime | None  # the newest change to its interventions (created, edited, deleted)
    has_workforce: bool  # imported workforce statistics
    has_projection: bool  # an imported population projection

    @property
    def missing(self) -> list[str]:
        """What to chase, as keys the template words: 'reporting', 'workforce', 'projection'."""
        return [key for key, present in (("reporting", self.reports), ("workforce", self.has_workforce),
                                         ("projection", self.has_projection)) if not present]


@dataclass(frozen=True)
class Completeness:
    rows: list[MunicipalityStatus]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def reporting(self) -> int:
        return sum(row.reports for row in self.rows)

    @property
    def confirmed_none(self) -> int:
        return sum(row.confirmed_none is not None for row in self.rows)

    @property
    def with_workforce(self) -> int:
        return sum(row.has_workforce for row in self.rows)

    @property
    def with_projection(self) -> int:
        return sum(row.has_projection for row in self.rows)

    @property
    def complete(self) -> int:
        return sum(not row.missing for row in self.rows)


def completeness(municipalities: Sequence[Municipality], reporting: frozenset[int]) -> Completeness:
    """`reporting`: the ids of the reporting municipalities (indicators.coverage.reporting_ids)."""
    ids = [municipality.pk for municipality in municipalities]
    confirmed = dict(NoneRunConfirmation.objects.filter(municipality_id__in=ids)
                     .values_list("municipality_id", "confirmed_on"))
    # The history holds deletions too: a deleted intervention is a change the secretariat should see.
    changed = dict(Intervention.history.filter(municipality_id__in=ids).order_by()
                   .values_list("municipality_id").annotate(latest=Max("history_date")))
    workforce = set(WorkforceStat.objects.filter(municipality_id__in=ids, paedagoger__isnull=False)
                    .values_list("municipality_id", flat=True).distinct())
    projected = set(PopulationProjection.objects.filter(municipality_id__in=ids)
                    .values_list("municipality_id", flat=True).distinct())
    return Completeness([MunicipalityStatus(m, m.pk in reporting, confirmed.get(m.pk), changed.get(m.pk),
                                            m.pk in workforce, m.pk in projected) for m in municipalities])
