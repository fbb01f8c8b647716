"""What a municipality is compared with: its region, a group it belongs to in one of the comparison groupings
(Danmarks Statistik's municipality groups, …), or all municipalities.

The choice is the URL parameter ?sammenlign= ("region", "alle" or a grouping's slug: the municipality's
own group in that grouping), remembered per user (ComparisonPreference): a page without the parameter
uses the user's last choice, and a choice in the URL becomes the user's new one. Averages over the chosen
set come from coverage.average_coverage_pct, the one averaging function.

The compare page takes the same parameter and the same remembered choice, and may also name any set of its own:
"region.<code>" (a region), "gruppe.<id>" (a group of any grouping) or "som.<code>" (a municipality and the ten
most like it, as "Kommuner som din" finds them: indicators.similarity). A dot is in no grouping's slug, so these
values never meet a grouping's. Its old parameter ?region=<code>|all|gruppe-<id> is redirected to ?sammenlign=
(`upgraded_query`). Those sets live in compare_sets.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.http import QueryDict
from django.utils.translation import gettext as _

from recruitment.data_version import cached
from recruitment.models import Municipality

from .compare_sets import (
    ALL,
    GROUP_PREFIX,
    LEGACY_PARAM,
    PARAM,
    REGION,
    REGION_PREFIX,
    SIMILAR_PREFIX,
    ChosenSet,
    GroupChoice,
    choose_set,
    comparison_groups,
    region_value,
    similar_set,
    similar_value,
    upgraded_query,
)
from .coverage import MunicipalityCoverage, SetCoverage, average_coverage_pct
from .models import ComparisonPreference, GroupMembership
from .models.groupings import RESERVED_SLUGS

# The compare page's sets (compare_sets.py) are importable from here as every caller always has.
__all__ = ["ALL", "GROUP_PREFIX", "LEGACY_PARAM", "PARAM", "REGION", "REGION_PREFIX", "SIMILAR_PREFIX", "ChosenSet",
           "Comparison", "ComparisonOption", "GroupChoice", "choose", "choose_set", "comparison_groups",
           "comparison_peers", "options_for", "region_value", "remember", "remembered", "similar_set",
           "similar_value", "upgraded_query", "with_comparison_averages"]


@dataclass(frozen=True)
class ComparisonOption:
    value: str  # the URL's value
    label: str  # what the page calls the set: "Region Hovedstaden", "Hovedstadskommuner", "alle kommuner"
    kind: str  # "region", "group" or "all"
    municipality_ids: frozenset[int] = frozenset()  # a group's members
    grouping: str = ""  # the grouping's name, for a group
    region_id: int | None = None  # the region's, for "region"

    @property
    def cache_part(self) -> str:
        """What a cached page built for this set is keyed by (recruitment.data_version.page_cached)."""
        return self.value

    @property
    def long_label(self) -> str:
        return f"{self.label} ({self.grouping})" if self.grouping else self.label

    def members(self, everyone: list[Municipality]) -> list[Municipality]:
        """The set, taken from all municipalities."""
        if self.kind == "all":
            return list(everyone)
        if self.kind == "region":
            return [m for m in everyone if m.region_id == self.region_id]
        return [m for m in everyone if m.id in self.municipality_ids]


@dataclass(frozen=True)
class Comparison:
    options: list[ComparisonOption]
    chosen: ComparisonOption
    error: str = ""

    @property
    def value(self) -> str:
        return self.chosen.value

    def params(self) -> dict[str, str]:
        return {PARAM: self.chosen.value}


def options_for(municipality: Municipality) -> list[ComparisonOption]:
    """Region, each group the municipality is in (one query), all."""
    region = ComparisonOption(REGION, municipality.region.name, "region", region_id=municipality.region_id)
    groups: dict[int, dict] = {}
    # A grouping stored with a reserved slug (from before the admin and the imports refused them) is left out:
    # it would take the region's or everyone's place in the choice.
    rows = (GroupMembership.objects.filter(group__memberships__municipality=municipality)
            .exclude(grouping__slug__in=RESERVED_SLUGS)
            .values_list("group_id", "group__name", "grouping__name", "grouping__slug", "municipality_id")
            .order_by("grouping__name", "group_id"))
    for group_id, name, grouping, slug, member in rows:
        group = groups.setdefault(group_id, {"name": name, "grouping": grouping, "slug": slug, "members": set()})
        group["members"].add(member)
    options = [region]
    options += [ComparisonOption(g["slug"], g["name"], "group", frozenset(g["members"]), g["grouping"])
                for g in groups.values()]
    options.append(ComparisonOption(ALL, _("alle kommuner"), "all"))
    return options


def remembered(user: User | AnonymousUser) -> str | None:
    if not user.is_authenticated:
        return None
    return ComparisonPreference.objects.filter(user=user).values_list("choice", flat=True).first()


def remember(user: User | AnonymousUser, value: str, current: str | None) -> None:
    """Stores the user's choice when it differs from the one stored (`current`): one write, only on a change."""
    if user.is_authenticated and value != current:
        ComparisonPreference.objects.update_or_create(user=user, defaults={"choice": value})


def choose(query: QueryDict, user: User | AnonymousUser, municipality: Municipality,
           version: str) -> Comparison:
    """The comparison the URL asks for, else the user's last one, else the region. An unknown value (or a
    grouping the municipality is not in) falls back to the region and says so; a valid one is remembered. The
    options are cached by the data `version` of the page asking (groupings bump the national one)."""
    options = cached(version, f"comparison-options:{municipality.pk}", lambda: options_for(municipality))
    by_value = {option.value: option for option in options}
    stored = remembered(user)
    asked = query.get(PARAM)
    if asked:
        if asked in by_value:
            remember(user, asked, stored)
            return Comparison(options, by_value[asked])
        error = _("Kan ikke sammenligne med “%(value)s”; %(name)s er ikke med i den inddeling. Viser regionen i "
                  "stedet.") % {"value": asked[:40], "name": municipality.name}
        return Comparison(options, options[0], error)
    return Comparison(options, by_value.get(stored or REGION, options[0]))


def with_comparison_averages(coverage: MunicipalityCoverage, national: SetCoverage,
                             option: ComparisonOption) -> MunicipalityCoverage:
    """Adds the chosen set's average to each pathway; the region's is there already (with_region_averages)."""
    if option.kind == "region":
        return coverage
    coverage.comparison_label = option.long_label
    members = list(option.members(national.municipalities))
    reporting = len(national.subset(members).reporting)
    for pathway_coverage in coverage.pathways:
        pathway_coverage.comparison_average_pct = average_coverage_pct(national, members, pathway_coverage.pathway)
        pathway_coverage.comparison_reporting, pathway_coverage.comparison_total = reporting, len(members)
        pathway_coverage.comparison_where = option.long_label if option.kind == "group" else ""
    return coverage


def comparison_peers(option: ComparisonOption | None) -> tuple[str, frozenset[int]] | None:
    """The chosen group for the trend charts' comparison line (they keep the region's unless a group is chosen)."""
    return (option.long_label, option.municipality_ids) if option is not None and option.kind == "group" else None
