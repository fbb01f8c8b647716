"""The workforce picture from imported statistics: shares of the staff and target-group sizes, and the
reach of a municipality's interventions (participants / target-group size).

Shares carry their base and are suppressed below 5 like every share (see shares.py); an unknown
figure (blank in the file) makes the figures built on it unknown rather than zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention
from recruitment.models import Municipality, TargetGroup

from .models import WorkforceStat
from .shares import Share, share

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _sum(*values: int | None) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if len(known) == len(values) else None


def _minus(value: int | None, *others: int | None) -> int | None:
    known = [other for other in others if other is not None]
    if value is None or len(known) < len(others):
        return None
    return max(value - sum(known), 0)


# How big each target group is in a municipality, from its workforce figures; None where no figure
# measures it. The texts say how, next to the numbers.
TARGET_GROUP_SIZES: dict[str, tuple[Callable[[WorkforceStat], int | None], StrOrPromise]] = {
    "assistants": (lambda s: _minus(_sum(s.paedagogiske_assistenter, s.paedagogmedhjaelpere), s.medhjaelpere_under_25),
                   _("pædagogiske assistenter + pædagogmedhjælpere − medhjælpere under 25")),
    "sabbatical-youth": (lambda s: s.medhjaelpere_under_25, _("medhjælpere under 25 år")),
    "students": (lambda s: s.studerende_i_praktik, _("pædagogstuderende i praktik")),
    "new-graduates": (lambda s: s.nyuddannede_ansat, _("nyuddannede pædagoger ansat")),
    "experienced": (lambda s: _minus(s.paedagoger, s.paedagoger_over_55, s.nyuddannede_ansat),
                    _("pædagoger − over 55 år − nyuddannede")),
    "seniors": (lambda s: s.paedagoger_over_55, _("pædagoger over 55 år")),
}


def target_group_size(slug: str, stat: WorkforceStat) -> int | None:
    size = TARGET_GROUP_SIZES.get(slug)
    return size[0](stat) if size else None


class _Yearly(Protocol):
    @property
    def year(self) -> int: ...


def newest_known[Y: _Yearly, V](items: Sequence[Y], get: Callable[[Y], V | None]) -> tuple[V | None, int | None]:
    """A figure and its year, from the newest year that has it: the one rule for workforce figures. A year's
    file that lacks a column (or leaves it blank) makes that figure unknown for the year; the pages then keep
    the previous year's figure and name its year beside it, rather than showing it as unknown."""
    for item in sorted(items, key=lambda item: item.year, reverse=True):
        if (value := get(item)) is not None:
            return value, item.year
    return None, None


def _having(name: str) -> Callable[[WorkforceStat], WorkforceStat | None]:
    """A year's statistics where it has the figure `name`, else None (for newest_known)."""
    return lambda stat: stat if getattr(stat, name) is not None else None


def with_earlier_figures(stats: Sequence[WorkforceStat], base: WorkforceStat | None = None,
                         ) -> tuple[WorkforceStat, dict[str, WorkforceStat]] | None:
    """A base year's statistics (given, or else the newest year with a pedagogue count) with each unknown figure
    taken from the newest earlier year that has it (newest_known), and which year's statistics each taken figure
    came from (to name its year and file); None without a base year. The stored rows are not changed."""
    if base is None:
        base = max((stat for stat in stats if stat.paedagoger is not None), key=lambda stat: stat.year, default=None)
    if base is None:
        return None
    earlier_years = [stat for stat in stats if stat.year < base.year]
    filled = copy(base)
    taken: dict[str, WorkforceStat] = {}
    for name in WorkforceStat.FIGURES:
        if getattr(base, name) is not None:
            continue
        source, _year = newest_known(earlier_years, _having(name))
        if source is not None:
            setattr(filled, name, getattr(source, name))
            taken[name] = source
    return filled, taken


@dataclass(frozen=True)
class WorkforcePicture:
    year: int
    stat: WorkforceStat
    staff: int | None  # pedagogues, pedagogical assistants and helpers
    pedagogue_share: Share | None  # of the staff, with a pedagogue education
    seniors_share: Share | None  # of the pedagogues, over 55
    part_time_share: Share | None  # of the pedagogues, under 37 hours
    leavers_share: Share | None  # of the pedagogues, left during the year


def picture(stat: WorkforceStat) -> WorkforcePicture:
    staff = _sum(stat.paedagoger, stat.paedagogiske_assistenter, stat.paedagogmedhjaelpere)
    return WorkforcePicture(
        year=stat.year, stat=stat, staff=staff,
        pedagogue_share=share(stat.paedagoger, staff),
        seniors_share=share(stat.paedagoger_over_55, stat.paedagoger),
        part_time_share=share(stat.paedagoger_under_37_timer, stat.paedagoger),
        leavers_share=share(stat.fratraadte, stat.paedagoger),
    )


@dataclass(frozen=True)
class Dated:
    value: int | Share | None
    year: int | None  # the newest year that has the figure; None where no year has it


@dataclass(frozen=True)
class KeyFigures:
    """The workforce section's key figures, each from the newest year that has it (newest_known)."""

    pedagogues: Dated
    pedagogue_share: Dated
    seniors_share: Dated
    part_time_share: Dated
    leavers_share: Dated


def key_figures(years: Sequence[WorkforcePicture]) -> KeyFigures:
    def dated(get: Callable[[WorkforcePicture], int | Share | None]) -> Dated:
        value: int | Share | None
        value, year = newest_known(years, get)
        return Dated(value, year)

    return KeyFigures(pedagogues=dated(lambda picture: picture.stat.paedagoger),
                      pedagogue_share=dated(lambda picture: picture.pedagogue_share),
                      seniors_share=dated(lambda picture: picture.seniors_share),
                      part_time_share=dated(lambda picture: picture.part_time_share),
                      leavers_share=dated(lambda picture: picture.leavers_share))


def pictures(municipality: Municipality) -> list[WorkforcePicture]:
    """The municipality's workforce picture per year, oldest first."""
    stats = WorkforceStat.objects.filter(municipality=municipality).select_related("data_import").order_by("year")
    return [picture(stat) for stat in stats]


@dataclass(frozen=True)
class Reach:
    target_group: TargetGroup
    size: int | None  # from the workforce statistics; None where no figure measures the group
    size_basis: str
    interventions: int  # running interventions that reach the group
    participants: int | None  # their recorded participants; None where none records any
    share: Share | None  # participants / size
    size_year: int | None = None  # the year the size is from: the newest with the figures it is built on


def newest_size(slug: str, stats: Sequence[WorkforceStat]) -> tuple[int | None, int | None]:
    """A target group's size and its year: from the newest year whose figures give it (newest_known)."""
    return newest_known(stats, lambda stat: target_group_size(slug, stat))


def reach(municipality: Municipality, stats: WorkforceStat | Sequence[WorkforceStat] | None) -> list[Reach]:
    """Per target group: its size (from the newest year that has it, see newest_size), the running interventions
    reaching it (those naming it: interventions.models.reaches_group) and their participants.

    An intervention aimed at two groups counts its participants for both: the registration does not
    say how they divide.
    """
    stats = [stats] if isinstance(stats, WorkforceStat) else list(stats or [])
    running = (Intervention.objects.active().filter(municipality=municipality)
               .values("target_groups")
               .annotate(interventions=Count("id"), recorded=Count("participants_actual"),
                         participants=Sum("participants_actual")))
    by_group = {row["target_groups"]: row for row in running}
    result = []
    for group in TargetGroup.objects.select_related("pathway"):
        row = by_group.get(group.pk, {})
        size, size_year = newest_size(group.slug, stats)
        participants = row.get("participants") if row.get("recorded") else None
        result.append(Reach(
            target_group=group, size=size,
            size_basis=str(TARGET_GROUP_SIZES[group.slug][1]) if group.slug in TARGET_GROUP_SIZES else "",
            interventions=row.get("interventions", 0), participants=participants,
            share=share(participants, size) if size else None, size_year=size_year,
        ))
    return result
