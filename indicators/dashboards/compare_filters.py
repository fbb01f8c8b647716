"""The compare page's filters, read from the URL: which set (?sammenlign=, read by indicators.comparison: a region,
a comparison group, or all), whether plans count, and the sort; an unknown value falls back to the default and
says so."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from indicators import comparison
from indicators.comparison import GroupChoice
from indicators.filters import PageFilters
from recruitment.models import Municipality, Region


@dataclass
class CompareFilters:
    region: Region | None  # None: all municipalities (or the group's)
    include_planned: bool
    sort: str  # "name", "region" or a pathway slug
    descending: bool
    error: str = ""
    group: GroupChoice | None = None  # a comparison group instead of a region

    @property
    def set_value(self) -> str:
        """The set as ?sammenlign= names it on this page."""
        if self.group is not None:
            return self.group.value
        return comparison.ALL if self.region is None else comparison.region_value(self.region)

    @property
    def region_value(self) -> str:
        """The set in a download's file name: a region's code, "all" or gruppe-<id>."""
        if self.group is not None:
            return f"gruppe-{self.group.pk}"
        return "all" if self.region is None else str(self.region.code)

    @property
    def comparison_value(self) -> str:
        """The choice as the user's remembered comparison (indicators.comparison): "alle", "region" or a
        grouping's slug."""
        if self.group is not None:
            return self.group.grouping_slug
        return comparison.ALL if self.region is None else comparison.REGION

    def params(self, **changes: object) -> dict[str, str]:
        """The filters as URL parameters, for links that keep them (htmx pushes them to the address bar)."""
        values: dict[str, object] = {comparison.PARAM: self.set_value,
                                     "planned": "1" if self.include_planned else None,
                                     "sort": self.sort, "dir": "desc" if self.descending else "asc"}
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value is not None}


def compare_filters(query: QueryDict, regions: list[Region], default_region: Region | None,
                    pathway_slugs: list[str], groups: list[GroupChoice] | None = None,
                    home: Municipality | None = None, remembered: str | None = None) -> CompareFilters:
    """Reads the filters; an unknown value falls back to the default and says so, losing the rest."""
    chosen = comparison.choose_set(query.get(comparison.PARAM), remembered, regions, groups or [], default_region,
                                   home)
    errors = [chosen.error] if chosen.error else []
    sort = query.get("sort", "name")
    if sort not in {"name", "region", *pathway_slugs}:
        errors.append(_("Kan ikke sortere efter “%(value)s”; sorterer efter kommune.") % {"value": sort[:40]})
        sort = "name"
    return CompareFilters(chosen.region, PageFilters(query).include_planned, sort, query.get("dir") == "desc",
                          " ".join(errors), chosen.group)
