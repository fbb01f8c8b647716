"""The sets the compare page may show besides the municipality's own comparison (indicators.comparison): a
region ("region.<code>"), a group of any grouping ("gruppe.<id>") or a municipality and the ten most like it
("som.<code>"); which one ?sammenlign= names, and the old ?region= links upgraded. Importable from
indicators.comparison."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from recruitment.models import Municipality, Region

from .models import GroupMembership
from .models.groupings import ALL_CHOICE, REGION_CHOICE
from .similarity import nearest

PARAM = "sammenlign"  # the URL's parameter, on the municipality's pages and the compare page
REGION = REGION_CHOICE
ALL = ALL_CHOICE

REGION_PREFIX = "region."
GROUP_PREFIX = "gruppe."
SIMILAR_PREFIX = "som."
LEGACY_PARAM = "region"  # the compare page's old parameter


@dataclass(frozen=True)
class GroupChoice:
    """A group of a comparison grouping, offered as a set to compare."""

    pk: int
    name: str
    grouping: str
    grouping_slug: str
    municipality_ids: frozenset[int]
    choice: str = ""  # the URL's value of a set that is no stored group ("som.<code>"); blank for a group

    @property
    def value(self) -> str:
        return self.choice or f"{GROUP_PREFIX}{self.pk}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.grouping})"


def comparison_groups() -> list[GroupChoice]:
    """Every group with members, by grouping; one query."""
    rows = (GroupMembership.objects.order_by("grouping__name", "group__position", "group__name")
            .values_list("group_id", "group__name", "grouping__name", "grouping__slug", "municipality_id"))
    groups: dict[int, tuple[str, str, str, set[int]]] = {}
    for group_id, name, grouping, slug, member in rows:
        groups.setdefault(group_id, (name, grouping, slug, set()))[3].add(member)
    return [GroupChoice(pk, name, grouping, slug, frozenset(members))
            for pk, (name, grouping, slug, members) in groups.items()]


def region_value(region: Region) -> str:
    return f"{REGION_PREFIX}{region.code}"


@dataclass(frozen=True)
class ChosenSet:
    region: Region | None  # None: all municipalities (or the group's)
    group: GroupChoice | None = None
    error: str = ""


def choose_set(asked: str | None, remembered_value: str | None, regions: list[Region], groups: list[GroupChoice],
               default_region: Region | None, home: Municipality | None) -> ChosenSet:
    """The set ?sammenlign= names (`asked`), else the user's remembered choice, else the default region (None, all
    municipalities, for a user without one). "region", "alle" and a grouping's slug are the user's municipality's
    region, all, and its group in that grouping, as on the municipality's pages. An unknown value in the URL falls
    back to the default and says so; a remembered one that no longer fits falls back silently."""
    value = asked or remembered_value
    if not value:
        return ChosenSet(default_region)
    if value == ALL:
        return ChosenSet(None)
    if value == REGION:
        return ChosenSet(default_region)
    if value.startswith(REGION_PREFIX):
        region = next((r for r in regions if region_value(r) == value), None)
        if region is not None:
            return ChosenSet(region)
    elif value.startswith(GROUP_PREFIX):
        group = next((g for g in groups if g.value == value), None)
        if group is not None:
            return ChosenSet(None, group)
    elif value.startswith(SIMILAR_PREFIX):
        group = similar_set(value.removeprefix(SIMILAR_PREFIX))
        if group is not None:
            return ChosenSet(None, group)
    else:
        group = next((g for g in groups if home and g.grouping_slug == value and home.pk in g.municipality_ids), None)
        if group is not None:
            return ChosenSet(None, group)
    if not asked:
        return ChosenSet(default_region)
    shown = default_region.name if default_region else _("alle kommuner")
    return ChosenSet(default_region, None, _("Kan ikke sammenligne med “%(value)s”; viser i stedet %(shown)s.") % {
        "value": asked[:40], "shown": shown})


def similar_value(municipality: Municipality) -> str:
    return f"{SIMILAR_PREFIX}{municipality.code}"


def similar_set(code: str) -> GroupChoice | None:
    """"som.<code>": the municipality and the municipalities most like it (indicators.similarity), as a set to
    compare; None for an unknown code or a municipality without workforce statistics (nothing to be like)."""
    municipality = Municipality.objects.filter(code=int(code)).first() if code.isdigit() and len(code) < 6 else None
    found = nearest(municipality) if municipality is not None else None
    if municipality is None or found is None or not found.similar:
        return None
    ids = frozenset({municipality.pk, *(item.figures.municipality.pk for item in found.similar)})
    value = similar_value(municipality)
    return GroupChoice(0, _("%(name)s og de %(count)s mest lignende") % {"name": municipality.name,
                                                                        "count": len(found.similar)},
                       _("Kommuner som din"), value, ids, choice=value)


def upgraded_query(query: QueryDict) -> QueryDict | None:
    """An old compare link's query (?region=<code>, all or gruppe-<id>) with ?sammenlign= instead, the other
    parameters kept; None for a query without the old parameter."""
    if LEGACY_PARAM not in query:
        return None
    upgraded = query.copy()
    old = upgraded.pop(LEGACY_PARAM)[-1]
    if old == "all":
        new = ALL
    elif old.startswith("gruppe-"):
        new = GROUP_PREFIX + old.removeprefix("gruppe-")
    else:
        new = REGION_PREFIX + old
    upgraded.setlist(PARAM, [new])
    return upgraded
