"""Every intervention's spell (the rule of when one ran is interventions.spells, which the intervention list's and
the API's year filters use too), read for the whole country at once, and whether a municipality had reported by the
end of a period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from interventions.models import Intervention, NoneRunConfirmation
from interventions.spells import RAN, UNDATED, ran_between, spell_dates, status_dates
from recruitment.data_version import cached

from ..coverage import Catalogue
from .periods import Period

__all__ = ["RAN", "Spell", "Spells", "own_spells", "read_spells", "reported_by", "spells"]


@dataclass(frozen=True)
class Spell:
    intervention_id: int
    municipality_id: int
    type_id: int | None
    status: str
    start: date | None  # None: it never started (planned), or cannot be placed
    end: date | None  # None: still running
    registered: date  # from when it counts as "registered" for reporting (see reported_by)

    def ran_during(self, period: Period) -> bool:
        return ran_between(self.start, self.end, period.start, period.end)


@dataclass(frozen=True)
class Spells:
    by_municipality: dict[int, list[Spell]]
    confirmed_none: dict[int, date]  # municipality id -> the day an editor confirmed it runs none of the types

    def of(self, municipality_id: int) -> list[Spell]:
        return self.by_municipality.get(municipality_id, [])

    def first_year(self) -> int | None:
        starts = [s.start.year for spells in self.by_municipality.values() for s in spells if s.start]
        return min(starts, default=None)


def read_spells() -> Spells:
    """Every intervention's spell (for its owner and each partner) and the confirmations of none: three queries,
    whatever the number of interventions or periods."""
    # One row per intervention and partner (None: no partner), so the partners come in the same query.
    with_partners = list(Intervention.objects.order_by("pk").values_list(
        "pk", "municipality_id", "intervention_type_id", "status", "start_date", "end_date", "created_at",
        "partner_municipalities"))
    partners: dict[int, list[int]] = defaultdict(list)
    rows: list[tuple[int, int, int | None, str, date | None, date | None, datetime]] = []
    for row in with_partners:
        if not rows or rows[-1][0] != row[0]:  # by pk: an intervention's rows come together
            rows.append(row[:7])
        if row[7] is not None:
            partners[row[0]].append(row[7])
    undated = Intervention.objects.filter(UNDATED).values("pk")
    history = status_dates(undated) if any(_undated(row) for row in rows) else {}
    by_municipality: dict[int, list[Spell]] = defaultdict(list)
    for pk, municipality_id, type_id, status, start, end, created_at in rows:
        first_running, became_ended = history.get(pk, (None, None))
        registered = timezone.localdate(created_at)
        started = start or first_running if status in RAN else start
        if started is not None:
            registered = min(registered, started)  # a backdated entry was registered from its start
        start, end = spell_dates(status, start, end, first_running, became_ended)
        by_municipality[municipality_id].append(Spell(pk, municipality_id, type_id, status, start, end,
                                                      registered))
    # A partner ran the intervention as its owner did (InterventionQuerySet.counting_for): the same spell, its own.
    owned = {spell.intervention_id: spell for spells in list(by_municipality.values()) for spell in spells}
    for intervention_id, partner_ids in partners.items():
        spell = owned[intervention_id]
        for partner_id in partner_ids:
            by_municipality[partner_id].append(Spell(spell.intervention_id, partner_id, spell.type_id, spell.status,
                                                     spell.start, spell.end, spell.registered))
    confirmed = dict(NoneRunConfirmation.objects.values_list("municipality_id", "confirmed_on"))
    return Spells(dict(by_municipality), confirmed)


def _undated(row: tuple) -> bool:
    _pk, _m, _t, status, start, end, _created = row
    return status in RAN and (start is None or (status == Intervention.Status.ENDED and end is None))


def own_spells(catalogue: Catalogue, municipality_id: int) -> list[Spell]:
    """One municipality's spells, cached apart under the same version: its trend marks are drawn again after each
    save of its own, and reading the country's spells from the cache (a quarter of a million at ×100) to pick
    its own took half a second."""
    return cached(catalogue.version, f"spells:{municipality_id}", lambda: spells(catalogue).of(municipality_id))


def spells(catalogue: Catalogue) -> Spells:
    """Cached by the national data version, like today's coverage: only what the national figures read (not the
    titles, which a save may change without changing that version)."""
    return cached(catalogue.version, "spells", read_spells)


def reported_by(municipality_spells: Iterable[Spell], period: Period, confirmed_none: date | None = None) -> bool:
    """Whether a municipality had reported by the end of a period: the counterpart in time of today's rule
    (indicators.coverage.reporting_municipalities). It had at least one registered intervention (any status)
    by then, a backdated one counting from its start date, or an editor had confirmed by then that it runs
    none (a withdrawn confirmation is gone, and so is the period it covered)."""
    return (any(spell.registered <= period.end for spell in municipality_spells)
            or (confirmed_none is not None and confirmed_none <= period.end))
