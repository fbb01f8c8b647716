"""What importing a population projection changes about which vintage each municipality uses (the one rule:
inputs.choose_vintage), said in words for the import's preview: who switches vintage, and who loses years
up to the base year + 10."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from recruitment.models import Municipality

from ..models import PopulationProjection
from .inputs import choose_vintage, latest_stats
from .model import HORIZON

SHOWN = 15  # names listed before "og N flere"


def _covered(years: set[int], base_year: int | None) -> int:
    if base_year is None:
        return 0
    return len(years & set(range(base_year, base_year + HORIZON + 1)))


def vintage_changes(file_years: dict[int, dict[str, set[int]]]) -> list[str]:
    """`file_years`: per municipality id, the file's vintages and their years. A re-imported vintage replaces
    that vintage wholly, so a municipality with it in the database but not in the file loses it. Three queries."""
    vintages_in_file = {vintage for by_vintage in file_years.values() for vintage in by_vintage}
    stored = PopulationProjection.objects.filter(municipality_id__in=file_years.keys()) | \
        PopulationProjection.objects.filter(vintage__in=vintages_in_file)
    years: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    newest: dict[int, dict[str, int]] = defaultdict(dict)
    for municipality, vintage, year, data_import in stored.values_list("municipality_id", "vintage", "year",
                                                                       "data_import_id").distinct():
        years[municipality][vintage].add(year)
        newest[municipality][vintage] = max(newest[municipality].get(vintage, 0), data_import)
    ids = set(file_years) | set(years)
    stats = latest_stats(list(ids), with_source=False)
    names = dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))
    switches, losses = [], []
    for municipality in sorted(ids, key=lambda pk: names.get(pk, "")):
        stat = stats.get(municipality)
        base_year = stat.year if stat else None
        has_children = stat is not None and stat.boern_0_2 is not None and stat.boern_3_5 is not None
        before_years = years[municipality]
        order = sorted(before_years, key=lambda vintage: (-newest[municipality][vintage], vintage))
        before = choose_vintage("", order, before_years, base_year, has_children)
        after_years = {vintage: set(found) for vintage, found in before_years.items()
                       if vintage not in vintages_in_file}
        after_years.update(file_years.get(municipality, {}))
        after_order = sorted(file_years.get(municipality, {})) + [v for v in order if v not in vintages_in_file]
        after = choose_vintage("", after_order, after_years, base_year, has_children)
        name = names.get(municipality, str(municipality))
        if before and before != after:
            switches.append(_("%(name)s (%(before)s → %(after)s)") % {
                "name": name, "before": before, "after": after or _("ingen")})
        if base_year is not None and before and _covered(after_years.get(after, set()), base_year) < _covered(
                before_years.get(before, set()), base_year):
            losses.append(name)
    lines = []
    if switches:
        lines.append(_("Skifter befolkningsfremskrivning: %(list)s.") % {"list": _listed(switches)})
    if losses:
        lines.append(_("Får færre år fra basisåret og ti år frem end i dag: %(list)s.") % {"list": _listed(losses)})
    return lines


def _listed(items: list[str]) -> str:
    if len(items) <= SHOWN:
        return ", ".join(items)
    return _("%(shown)s og %(more)d flere") % {"shown": ", ".join(items[:SHOWN]), "more": len(items) - SHOWN}
