"""What ran when: each intervention's spell (from its dates, with its history where the dates are missing),
coverage over time for a municipality beside its region and the country, and the marks the trend charts draw
where a municipality's interventions started and ended.

Decisions (issue 13, part 2):

- An intervention ran during a period when it started by the period's last day and had not ended before its
  first day – the rule of `InterventionQuerySet.active_in_year`, applied in Python here so that every period
  of every municipality comes from the same two queries.
- Dates rule: a backdated entry (registered in 2025 with a start date in 2022) counts from its start date,
  not from the day it was typed in.
- Only interventions that actually started count: status running or ended. A planned intervention has not
  started, whatever its start date says. Deleted interventions do not count: deleting is how a wrong entry is
  taken back (the history keeps them, for a restore).
- The history speaks only where the dates are silent: a running or ended intervention without a start date
  started when it was first saved as running; an ended intervention without an end date ended when it was
  last saved as ended. One created straight as "ended" without dates cannot be placed and is left out.
- The catalogue and EVA's shares are today's for every period, so the periods compare like for like.
- Averages are over the municipalities that reported by then (see `reported_by`), as today's averages are
  over the reporting municipalities.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from interventions.models import Intervention, NoneRunConfirmation
from recruitment.data_version import cached
from recruitment.models import Municipality, Pathway

from .coverage import Catalogue, load_catalogue
from .numbers import mean, percent

RAN = (Intervention.Status.RUNNING, Intervention.Status.ENDED)
MAX_YEARS = 10  # the yearly series goes back at most this many years …
MIN_YEARS = 5  # … and shows at least this many, so a young series still has a frame
QUARTERS = 8  # the quarterly series: the last two years


# --- Periods ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    key: str  # "2023" or "2025-Q1": the CSV's and the URL's name for it
    label: str  # what a person reads: "2023", "1. kvt. 2025"
    start: date
    end: date  # the last day, or today for the period that is still running
    position: float  # where a chart puts it on a time axis in years (2025.0, 2025.25, …)
    partial: bool = False  # still running: "to date"
    years: float = 1.0  # its length on the time axis: 1 for a year, 0.25 for a quarter


def decimal_year(day: date) -> float:
    """A date on a chart's time axis counted in years: 1 July 2023 is about 2023.5."""
    days = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


def years(first: int, today: date) -> list[Period]:
    return [Period(str(year), str(year), date(year, 1, 1), min(date(year, 12, 31), today), float(year),
                   partial=year == today.year)
            for year in range(first, today.year + 1)]


def quarters(today: date, count: int = QUARTERS) -> list[Period]:
    """The last `count` quarters up to and including today's."""
    index = today.year * 4 + (today.month - 1) // 3  # quarters since year 0
    periods = []
    for i in range(index - count + 1, index + 1):
        year, quarter = divmod(i, 4)
        start = date(year, quarter * 3 + 1, 1)
        last = date(year, quarter * 3 + 3, calendar.monthrange(year, quarter * 3 + 3)[1])
        periods.append(Period(f"{year}-Q{quarter + 1}", _("%(q)s. kvt. %(year)s") % {"q": quarter + 1, "year": year},
                              start, min(last, today), year + quarter / 4, partial=last > today, years=0.25))
    return periods


# --- Spells: when each intervention ran ------------------------------------------------------------

@dataclass(frozen=True)
class Spell:
    intervention_id: int
    municipality_id: int
    type_id: int | None
    title: str
    status: str
    start: date | None  # None: it never started (planned), or cannot be placed
    end: date | None  # None: still running
    registered: date  # from when it counts as "registered" for reporting (see reported_by)

    def ran_during(self, period: Period) -> bool:
        return (self.start is not None and self.start <= period.end
                and (self.end is None or self.end >= period.start))


@dataclass(frozen=True)
class Spells:
    by_municipality: dict[int, list[Spell]]
    confirmed_none: dict[int, date]  # municipality id -> the day an editor confirmed it runs none of the types

    def of(self, municipality_id: int) -> list[Spell]:
        return self.by_municipality.get(municipality_id, [])

    def first_year(self) -> int | None:
        starts = [s.start.year for spells in self.by_municipality.values() for s in spells if s.start]
        return min(starts, default=None)


def _status_dates(intervention_ids_query) -> dict[int, tuple[date | None, date | None]]:
    """From the history: (first saved as running, last became ended) per intervention; one query."""
    records = (Intervention.history.filter(id__in=intervention_ids_query)
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


def read_spells() -> Spells:
    """Every intervention's spell and the confirmations of none: three queries, whatever the number of
    interventions or periods."""
    rows = list(Intervention.objects.order_by().values_list(
        "pk", "municipality_id", "intervention_type_id", "title", "status", "start_date", "end_date", "created_at"))
    undated = Intervention.objects.filter(
        Q(status__in=RAN, start_date__isnull=True) | Q(status=Intervention.Status.ENDED, end_date__isnull=True)
    ).values("pk")
    history = _status_dates(undated) if any(_undated(row) for row in rows) else {}
    by_municipality: dict[int, list[Spell]] = defaultdict(list)
    for pk, municipality_id, type_id, title, status, start, end, created_at in rows:
        first_running, became_ended = history.get(pk, (None, None))
        if status in RAN:
            start = start or first_running
            if status == Intervention.Status.ENDED:
                end = end or became_ended
        registered = timezone.localdate(created_at)
        if start is not None:
            registered = min(registered, start)  # a backdated entry was registered from its start
        if status not in RAN or start is None:
            start = end = None  # planned: not started, whatever the dates say
        by_municipality[municipality_id].append(Spell(pk, municipality_id, type_id, title, status, start, end,
                                                      registered))
    confirmed = dict(NoneRunConfirmation.objects.values_list("municipality_id", "confirmed_on"))
    return Spells(dict(by_municipality), confirmed)


def _undated(row: tuple) -> bool:
    _pk, _m, _t, _title, status, start, end, _created = row
    return status in RAN and (start is None or (status == Intervention.Status.ENDED and end is None))


def spells(catalogue: Catalogue) -> Spells:
    """Cached by the data version, like today's coverage."""
    return cached(catalogue.version, "spells", read_spells)


# --- Reporting then --------------------------------------------------------------------------------

def reported_by(municipality_spells: Iterable[Spell], period: Period, confirmed_none: date | None = None) -> bool:
    """Whether a municipality had reported by the end of a period: the counterpart in time of today's rule
    (indicators.coverage.reporting_municipalities). It had at least one registered intervention (any status)
    by then, a backdated one counting from its start date, or an editor had confirmed by then that it runs
    none (a withdrawn confirmation is gone, and so is the period it covered)."""
    return (any(spell.registered <= period.end for spell in municipality_spells)
            or (confirmed_none is not None and confirmed_none <= period.end))


# --- Coverage over time -----------------------------------------------------------------------------

def coverage_in(municipality_spells: Iterable[Spell], pathway_types: frozenset[int], period: Period) -> Decimal:
    """Catalogue coverage in a period: the share of the pathway's types (those with an EVA share) that at
    least one of the municipality's interventions ran during it."""
    ran = {s.type_id for s in municipality_spells if s.type_id in pathway_types and s.ran_during(period)}
    return percent(len(ran), len(pathway_types)) or Decimal(0)


@dataclass(frozen=True)
class AveragePoint:
    pct: Decimal | None  # mean over the municipalities that had reported; None when none had
    reporting: int
    of: int


@dataclass(frozen=True)
class CoveragePoint:
    period: Period
    municipality: Decimal | None  # None: the municipality had not reported yet
    region: AveragePoint
    national: AveragePoint


@dataclass
class PathwayHistory:
    pathway: Pathway
    points: list[CoveragePoint]


def _average(members: list[Municipality], all_spells: Spells, types: frozenset[int], period: Period) -> AveragePoint:
    reporting = [all_spells.of(m.id) for m in members
                 if reported_by(all_spells.of(m.id), period, all_spells.confirmed_none.get(m.id))]
    return AveragePoint(mean(coverage_in(s, types, period) for s in reporting), len(reporting), len(members))


def periods_for(granularity: str, today: date, all_spells: Spells) -> list[Period]:
    if granularity == "quarter":
        return quarters(today)
    earliest = all_spells.first_year() or today.year
    first = min(max(earliest, today.year - MAX_YEARS + 1), today.year - MIN_YEARS + 1)
    return years(first, today)


def coverage_history(municipality: Municipality, everyone: list[Municipality], granularity: str = "year",
                     today: date | None = None, catalogue: Catalogue | None = None) -> list[PathwayHistory]:
    """Each pathway's coverage per period for the municipality, its region and all municipalities."""
    catalogue = catalogue or load_catalogue()
    today = today or timezone.localdate()
    all_spells = spells(catalogue)
    periods = periods_for(granularity, today, all_spells)
    region = [m for m in everyone if m.region_id == municipality.region_id]
    own = all_spells.of(municipality.pk)
    confirmed = all_spells.confirmed_none.get(municipality.pk)
    result = []
    for pathway in catalogue.pathways:
        types = catalogue.benchmarked_ids(pathway)
        points = [CoveragePoint(period,
                                coverage_in(own, types, period) if reported_by(own, period, confirmed) else None,
                                _average(region, all_spells, types, period),
                                _average(everyone, all_spells, types, period))
                  for period in periods]
        result.append(PathwayHistory(pathway, points))
    return result


# --- Marks for the trend charts --------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """An intervention's start or end, to draw on a time-series chart."""

    day: date
    kind: str  # "start" or "end"
    title: str
    pathways: tuple[str, ...]  # the names of the pathways it works

    @property
    def words(self) -> str:
        what = _("Start") if self.kind == "start" else _("Slut")
        return f"{what}: {self.title} ({self.day.day}.{self.day.month}.{self.day.year})"


def marks(municipality: Municipality, pathway_slugs: Iterable[str], catalogue: Catalogue | None = None,
          today: date | None = None) -> list[Mark]:
    """Where the municipality's interventions in the given pathways started and ended (ends in the future are
    not drawn), in date order; two queries: the spells (cached) and which pathways each intervention works."""
    catalogue = catalogue or load_catalogue()
    today = today or timezone.localdate()
    wanted = {p.pk: p for p in catalogue.pathways if p.slug in set(pathway_slugs)}
    own = [s for s in spells(catalogue).of(municipality.pk) if s.start is not None]
    if not own or not wanted:
        return []
    works: dict[int, set[int]] = defaultdict(set)
    for pk, by_group, by_type in (Intervention.objects.filter(pk__in=[s.intervention_id for s in own])
                                  .order_by().values_list("pk", "target_groups__pathway_id",
                                                          "intervention_type__target_group__pathway_id")):
        works[pk].update(p for p in (by_group, by_type) if p is not None)
    found = []
    for spell in own:
        names = tuple(wanted[p].name for p in sorted(works[spell.intervention_id] & wanted.keys(),
                                                    key=lambda p: wanted[p].position))
        if not names:
            continue
        found.append(Mark(spell.start, "start", spell.title, names))
        if spell.end is not None and spell.end <= today:
            found.append(Mark(spell.end, "end", spell.title, names))
    return sorted(found, key=lambda mark: (mark.day, mark.kind != "start", mark.title))
