"""The compare page's filters, read from the URL: which set (a region, a comparison group, or all), whether plans
count, and the sort; an unknown value falls back to the default and says so."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from indicators import comparison
from indicators.filters import PageFilters
from indicators.models import GroupMembership
from recruitment.models import Municipality, Region

ALL = "all"
GROUP_PREFIX = "gruppe-"


@dataclass(frozen=True)
class GroupChoice:
    """A group of a comparison grouping, offered as a set to compare."""

    pk: int
    name: str
    grouping: str
    grouping_slug: str
    municipality_ids: frozenset[int]

    @property
    def value(self) -> str:
        return f"{GROUP_PREFIX}{self.pk}"

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


@dataclass
class CompareFilters:
    region: Region | None  # None: all municipalities (or the group's)
    include_planned: bool
    sort: str  # "name", "region" or a pathway slug
    descending: bool
    error: str = ""
    group: GroupChoice | None = None  # a comparison group instead of a region

    @property
    def region_value(self) -> str:
        if self.group is not None:
            return self.group.value
        return ALL if self.region is None else str(self.region.code)

    @property
    def comparison_value(self) -> str:
        """The choice as the user's remembered comparison (indicators.comparison): "alle", "region" or a
        grouping's slug."""
        if self.group is not None:
            return self.group.grouping_slug
        return comparison.ALL if self.region is None else comparison.REGION

    def params(self, **changes: object) -> dict[str, str]:
        """The filters as URL parameters, for links that keep them (htmx pushes them to the address bar)."""
        values: dict[str, object] = {"region": self.region_value, "planned": "1" if self.include_planned else None,
                                     "sort": self.sort, "dir": "desc" if self.descending else "asc"}
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value is not None}


def _remembered_set(value: str | None, default_region: Region | None, home: Municipality | None,
                    groups: list[GroupChoice]) -> tuple[Region | None, GroupChoice | None]:
    """A comparison given as ?sammenlign= or remembered for the user ("alle", "region" or a grouping's slug),
    for the user's own municipality: its region, its group in that grouping, or all."""
    if value == comparison.ALL:
        return None, None
    group = next((g for g in groups if home and g.grouping_slug == value and home.pk in g.municipality_ids), None)
    return (None, group) if group else (default_region, None)


def compare_filters(query: QueryDict, regions: list[Region], default_region: Region | None,
                    pathway_slugs: list[str], groups: list[GroupChoice] | None = None,
                    home: Municipality | None = None, remembered: str | None = None) -> CompareFilters:
    """Reads the filters; an unknown value falls back to the default and says so, losing the rest."""
    errors = []
    groups = groups or []
    region, group = _remembered_set(query.get(comparison.PARAM) or remembered, default_region, home, groups)
    value = query.get("region")
    if value == ALL:
        region, group = None, None
    elif value and value.startswith(GROUP_PREFIX):
        group = next((g for g in groups if g.value == value), None)
        region = None
        if group is None:
            region = default_region
            errors.append(_("Kommunegruppen “%(value)s” findes ikke; viser i stedet %(shown)s.") % {
                "value": value[:40], "shown": default_region.name if default_region else _("alle kommuner")})
    elif value:
        group = None
        region = next((r for r in regions if str(r.code) == value), None)
        if region is None:
            region = default_region
            errors.append(_("Regionen “%(value)s” findes ikke; viser i stedet %(shown)s.") % {
                "value": value[:40], "shown": default_region.name if default_region else _("alle kommuner")})
    sort = query.get("sort", "name")
    if sort not in {"name", "region", *pathway_slugs}:
        errors.append(_("Kan ikke sortere efter “%(value)s”; sorterer efter kommune.") % {"value": sort[:40]})
        sort = "name"
    return CompareFilters(region, PageFilters(query).include_planned, sort, query.get("dir") == "desc",
                          " ".join(errors), group)
