"""The workforce picture from imported statistics: shares of the staff and target-group sizes, and the
reach of a municipality's interventions (participants / target-group size).

Shares carry their base and are suppressed below 5 like every share (see shares.py); an unknown
figure (blank in the file) makes the figures built on it unknown rather than zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def reach(municipality: Municipality, stat: WorkforceStat | None) -> list[Reach]:
    """Per target group: its size, the running interventions reaching it and their participants.

    An intervention aimed at two groups counts its participants for both: the registration does not
    say how they divide.
    """
    running = (Intervention.objects.active().filter(municipality=municipality)
               .values("target_groups")
               .annotate(interventions=Count("id"), recorded=Count("participants_actual"),
                         participants=Sum("participants_actual")))
    by_group = {row["target_groups"]: row for row in running}
    result = []
    for group in TargetGroup.objects.select_related("pathway"):
        row = by_group.get(group.pk, {})
        size = target_group_size(group.slug, stat) if stat else None
        participants = row.get("participants") if row.get("recorded") else None
        result.append(Reach(
            target_group=group, size=size,
            size_basis=str(TARGET_GROUP_SIZES[group.slug][1]) if group.slug in TARGET_GROUP_SIZES else "",
            interventions=row.get("interventions", 0), participants=participants,
            share=share(participants, size) if size else None,
        ))
    return result
