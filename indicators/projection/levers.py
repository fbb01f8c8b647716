"""The scenario's levers on a municipality's page: their rows in the form, what each adds, and which count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..projection import LEVER_FIELDS, PATHWAY_LEVERS, Assumption, LeverField, Levers, Projection, Scenario
from .sentences import milestones


@dataclass
class LeverRow:
    field: LeverField
    label: str
    help: str
    value: float
    pathway: str


LEVER_PATHWAY = {name: slug for slug, names in PATHWAY_LEVERS.items() for name in names}


def lever_rows(scenario: Scenario, projection: Projection | None, values: dict[str, Assumption]) -> list[LeverRow]:
    rows = []
    for lever in LEVER_FIELDS:
        value = scenario.lever_value(lever)
        if value is None:
            if lever.attribute == "students_from":
                value = projection.base_year + 1 if projection else lever.minimum
            elif lever.attribute == "retirement_years":
                value = values["retirement-years"].value
            elif lever.attribute == "target_share":
                share = projection.resolved.pedagogue_share if projection else None
                value = round(share * 100) if share is not None else lever.minimum
            else:
                value = 0
        rows.append(LeverRow(lever, str(lever.label), str(lever.help), value,
                             LEVER_PATHWAY.get(lever.attribute, "target")))
    return rows


def lever_sentences(projection: Projection, without_levers: Projection, central: Projection,
                     parts: dict[str, list[float]], names: dict[str, str]) -> list[str]:
    year = milestones(projection)[0]
    index = [row.year for row in projection.rows].index(year)
    sentences = []
    for slug, values in parts.items():
        if abs(values[index]) >= 0.05:
            sentences.append(_("%(pathway)s: lukker ca. %(n)s årsværk af manglen i %(year)d.")
                             % {"pathway": names[slug], "n": number_format(round(values[index], 1)), "year": year})
    preset_change = without_levers.rows[index].supply_fte - central.rows[index].supply_fte
    if abs(preset_change) >= 0.05:
        sentences.append(_("Forløbet for afgang ændrer udbuddet med ca. %(n)s årsværk i %(year)d.")
                         % {"n": number_format(round(preset_change, 1)), "year": year})
    demand_change = projection.rows[index].demand_fte - central.rows[index].demand_fte
    if abs(demand_change) >= 0.05:
        sentences.append(_("Målet for pædagogandel ændrer behovet med ca. %(n)s årsværk i %(year)d.")
                         % {"n": number_format(round(demand_change, 1)), "year": year})
    return sentences


def without_defaults(levers: Levers, base_year: int, retirement_years: float) -> Levers:
    """A lever set to its default is no lever: the form sends every field, the URL keeps only real changes."""
    changes: dict[str, Any] = {}  # Levers' attribute -> value
    if levers.retirement_years == retirement_years:
        changes["retirement_years"] = None
    if levers.students_from == base_year + 1 or not levers.extra_students:
        changes["students_from"] = None
    return replace(levers, **changes)
