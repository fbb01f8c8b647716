"""The marks a trend chart draws where a municipality's interventions started and ended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from interventions.models import Intervention
from recruitment.models import Municipality

from ..coverage import Catalogue, load_catalogue
from .intervention_spells import own_spells


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
    own = [s for s in own_spells(catalogue, municipality.pk) if s.start is not None]
    if not own or not wanted:
        return []
    works: dict[int, set[int]] = defaultdict(set)
    titles: dict[int, str] = {}
    # By municipality, not by the spells' ids: a list of thousands of ids costs more to send than the rows it
    # saves (at ×100, 2,300 of them).
    for pk, title, by_group, by_type in (Intervention.objects.filter(municipality=municipality)
                                         .order_by().values_list("pk", "title", "target_groups__pathway_id",
                                                                 "intervention_type__target_group__pathway_id")):
        titles[pk] = title
        works[pk].update(p for p in (by_group, by_type) if p is not None)
    found = []
    for spell in own:
        names = tuple(wanted[p].name for p in sorted(works[spell.intervention_id] & wanted.keys(),
                                                    key=lambda p: wanted[p].position))
        if not names or spell.start is None:  # (`own` holds only spells that started)
            continue
        title = titles[spell.intervention_id]
        found.append(Mark(spell.start, "start", title, names))
        if spell.end is not None and spell.end <= today:
            found.append(Mark(spell.end, "end", title, names))
    return sorted(found, key=lambda mark: (mark.day, mark.kind != "start", mark.title))
