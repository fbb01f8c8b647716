"""What each pathway's levers add to the supply: the scenario's extra supply split by pathway, so the three
stack to exactly the scenario's supply minus the central supply."""

from __future__ import annotations

from collections.abc import Mapping

from .model import BaseYear, Defaults, Levers, project

# The levers of each pathway, in the order their contributions stack (see contributions()).
PATHWAY_LEVERS: dict[str, tuple[str, ...]] = {
    "into-education": ("extra_students", "students_from"),
    "through-internship": ("extra_graduates",),
    "stay-in-job": ("leaver_reduction", "to_full_time", "retirement_years"),
}


def contributions(base: BaseYear, children: Mapping[int, tuple[float, float]], defaults: Defaults,
                  levers: Levers, base_children: tuple[float, float] | None = None) -> dict[str, list[float]]:
    """Per pathway, the extra supply (FTE) its levers add each year, added one pathway after the other in
    PATHWAY_LEVERS' order, so the three stack to exactly the scenario's supply minus the central supply."""
    result: dict[str, list[float]] = {}
    names: tuple[str, ...] = ()
    previous = project(base, children, defaults, levers.only(), base_children)
    if previous is None:
        return result
    for pathway, pathway_names in PATHWAY_LEVERS.items():
        names += pathway_names
        current = project(base, children, defaults, levers.only(*names), base_children)
        assert current is not None
        result[pathway] = [now.supply_fte - before.supply_fte
                           for now, before in zip(current.rows, previous.rows, strict=True)]
        previous = current
    return result
