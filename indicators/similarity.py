"""Kommuner som din: the municipalities most like one municipality on its imported workforce figures.

The method, stated on the page in Danish (dashboards/similar.py):
- five figures per municipality from one year's workforce statistics: children 0–5, pedagogues, the
  pedagogue share of the staff, leavers per 100 pedagogues and the share of pedagogues over 55;
- each figure standardised over the municipalities that have it: z = (value − mean) / standard deviation
  (the population's, over all of them), so a figure counted in thousands weighs no more than a share;
- the distance between two municipalities is the root of the mean squared difference of their z-scores,
  over the figures both have (Euclidean distance, divided by the number of figures compared, so a
  municipality with a missing figure is not closer for it); at least MIN_SHARED figures must be shared,
  otherwise a municipality is not ranked;
- a figure that is the same everywhere makes them equal on it (z = 0);
- the nearest first; equal distances by name.

Pure computation, no database: `most_similar` works on a list of Figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from recruitment.models import Municipality

from .models import WorkforceStat
from .numbers import percent

MIN_SHARED = 3
COUNT = 10
FIGURES = ("children", "pedagogues", "pedagogue_share", "leavers_per_100", "seniors_share")


@dataclass(frozen=True)
class Figures:
    municipality: Municipality
    year: int
    children: float | None  # 0–5 years
    pedagogues: float | None
    pedagogue_share: float | None  # % of pedagogues, assistants and helpers
    leavers_per_100: float | None  # leavers per 100 pedagogues
    seniors_share: float | None  # % of pedagogues over 55

    def values(self) -> list[float | None]:
        return [getattr(self, name) for name in FIGURES]


@dataclass(frozen=True)
class Similar:
    figures: Figures
    distance: float
    shared: int  # how many figures the distance compares


def _float(value) -> float | None:
    return None if value is None else float(value)


def figures(stat: WorkforceStat) -> Figures:
    """A municipality's five figures from its workforce statistics; unknown where a figure behind it is blank."""
    children = None if stat.boern_0_2 is None or stat.boern_3_5 is None else stat.boern_0_2 + stat.boern_3_5
    staff_parts = (stat.paedagoger, stat.paedagogiske_assistenter, stat.paedagogmedhjaelpere)
    known_parts = [part for part in staff_parts if part is not None]
    staff = sum(known_parts) if len(known_parts) == len(staff_parts) else None
    pedagogues = stat.paedagoger

    def share(part: int | None, whole: int | None) -> float | None:
        return None if part is None or not whole else _float(percent(part, whole))

    return Figures(stat.municipality, stat.year, _float(children), _float(pedagogues), share(pedagogues, staff),
                   share(stat.fratraadte, pedagogues), share(stat.paedagoger_over_55, pedagogues))


def _standardised(everyone: list[Figures]) -> dict[int, list[float | None]]:
    """Each municipality's z-scores, figure by figure (None where the figure is missing)."""
    columns = list(zip(*(f.values() for f in everyone), strict=True)) if everyone else []
    scales: list[tuple[float, float] | None] = []  # (mean, standard deviation) per figure
    for column in columns:
        known = [value for value in column if value is not None]
        if len(known) < 2:
            scales.append(None)
            continue
        mean = sum(known) / len(known)
        sd = math.sqrt(sum((value - mean) ** 2 for value in known) / len(known))
        scales.append((mean, sd))
    # A figure every municipality has the same of makes them equal on it: z = 0, not "unknown".
    return {f.municipality.id: [None if value is None or scale is None else
                                (value - scale[0]) / scale[1] if scale[1] > 0 else 0.0
                                for value, scale in zip(f.values(), scales, strict=True)]
            for f in everyone}


def most_similar(municipality_id: int, everyone: list[Figures], count: int = COUNT) -> list[Similar]:
    """The `count` municipalities nearest to one, by the method above; [] when it has too few figures."""
    z = _standardised(everyone)
    own = z.get(municipality_id)
    if own is None:
        return []
    ranked = []
    for other in everyone:
        if other.municipality.id == municipality_id:
            continue
        pairs = [(a, b) for a, b in zip(own, z[other.municipality.id], strict=True) if a is not None and b is not None]
        if len(pairs) < MIN_SHARED:
            continue
        distance = math.sqrt(sum((a - b) ** 2 for a, b in pairs) / len(pairs))
        ranked.append(Similar(other, distance, len(pairs)))
    ranked.sort(key=lambda s: (s.distance, s.figures.municipality.name))
    return ranked[:count]
