"""When an intervention ran (its spell), the one rule behind the intervention list's and the API's year filter
and coverage over time (indicators.timeline):

- it ran during a span of days when it started by the span's last day and had not ended before its first day;
- only interventions that actually started count: status running or ended (a planned one has not started,
  whatever its start date says);
- the dates rule, and the history speaks only where they are silent: a running or ended intervention without a
  start date started when it was first saved as running; an ended one without an end date ended when it was last
  saved as ended. One created straight as "ended" without a start date cannot be placed and never ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.utils import timezone

from .models import Intervention, InterventionQuerySet

RAN = (Intervention.Status.RUNNING, Intervention.Status.ENDED)
# Where the dates are silent and the history is read.
UNDATED = Q(status__in=RAN, start_date__isnull=True) | Q(status=Intervention.Status.ENDED, end_date__isnull=True)


def ran_between(start: date | None, end: date | None, first: date, last: date) -> bool:
    """Whether a spell (start None: never started; end None: still running) overlaps the days first..last."""
    return start is not None and start <= last and (end is None or end >= first)


def spell_dates(status: str, start: date | None, end: date | None, first_running: date | None = None,
                became_ended: date | None = None) -> tuple[date | None, date | None]:
    """(start, end) of an intervention's spell from its status, its dates and, where they are silent, its history
    (first saved as running, last became ended); (None, None) when it never ran or cannot be placed."""
    if status not in RAN:
        return None, None
    start = start or first_running
    if status == Intervention.Status.ENDED:
        end = end or became_ended
    return (start, end) if start is not None else (None, None)


def status_dates(intervention_ids: Iterable[int] | object) -> dict[int, tuple[date | None, date | None]]:
    """From the history: (first saved as running, last became ended) per intervention; one query. Takes ids or a
    query of ids."""
    records = (Intervention.history.filter(id__in=intervention_ids)
               .order_by("id", "history_date", "history_id").values_list("id", "status", "history_date"))
    found: dict[int, tuple[date | None, date | None]] = {}
    previous: dict[int, str] = {}
    for pk, status, when in records:
        first_running, ended = found.get(pk, (None, None))
        day = timezone.localdate(when)
        if status == Intervention.Status.RUNNING and first_running is None:
            first_running = day
        if status == Intervention.Status.ENDED and previous.get(pk) != Intervention.Status.ENDED:
            ended = day  # the latest change to "ended"
        found[pk] = (first_running, ended)
        previous[pk] = status
    return found


def ran_within(interventions: InterventionQuerySet, first: date, last: date) -> InterventionQuerySet:
    """Those of `interventions` whose spell overlaps first..last: the dated ones in SQL (ran_between's rule), the
    few whose dates are silent through their history; two queries before the filtered one."""
    dated = (Q(status__in=RAN, start_date__lte=last)
             & (Q(end_date__gte=first) | Q(status=Intervention.Status.RUNNING, end_date__isnull=True)))
    undated = list(interventions.filter(UNDATED).values_list("pk", "status", "start_date", "end_date"))
    history = status_dates([row[0] for row in undated]) if undated else {}
    placed = [pk for pk, status, start, end in undated
              if ran_between(*spell_dates(status, start, end, *history.get(pk, (None, None))), first, last)]
    return interventions.filter(dated | Q(pk__in=placed))


def ran_in_year(interventions: InterventionQuerySet, year: int) -> InterventionQuerySet:
    return ran_within(interventions, date(year, 1, 1), date(year, 12, 31))
