"""The sentences the projection pages lead with: what is missing, and the gap at the milestones in words.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import DataImport
from ..projection import Inputs, Projection

MILESTONES = (2030, 2035)
WORKFORCE_KIND = DataImport.Kind.WORKFORCE.label
PROJECTION_KIND = DataImport.Kind.POPULATION_PROJECTION.label


def whole(value: float) -> str:
    return number_format(round(abs(value)), force_grouping=True)


def missing_sentence(inputs: Inputs) -> str:
    """Which import is missing, in words; blank when the projection can be made."""
    name = inputs.municipality.name
    parts = []
    if inputs.stat is None:
        parts.append(_("Der er ingen personalestatistik med antal pædagoger for %(name)s. Importér "
                       "“%(kind)s” for kommunen, så kan fremskrivningen regnes.") % {"name": name,
                                                                                      "kind": WORKFORCE_KIND})
    if not inputs.children:
        parts.append(_("Der er ingen befolkningsfremskrivning for %(name)s. Importér “%(kind)s” (fx fra Danmarks "
                       "Statistik) med børn 0–2 og 3–5 år.") % {"name": name, "kind": PROJECTION_KIND})
    elif inputs.stat is not None and inputs.stat.year not in inputs.children and inputs.base_children is None:
        parts.append(_("Befolkningsfremskrivningen %(vintage)s har ikke året %(year)d, og personalestatistikken for "
                       "%(year)d har ikke antal børn. Importér en fremskrivning, der begynder senest i %(year)d, "
                       "eller børnetal i personalestatistikken.") % {"vintage": inputs.vintage,
                                                                     "year": inputs.stat.year})
    return " ".join(parts)


def gap_sentence(subject: str, years: list[int], gaps: list[float], lead: str) -> str:
    """E.g. "I det centrale scenarie mangler Albertslund ca. 34 pædagoger (årsværk) i 2030 og 51 i 2035"."""
    values = {"lead": lead, "subject": subject, "n": whole(gaps[0]), "year": years[0]}
    if len(years) == 2 and all(gap <= -0.5 for gap in gaps):
        return _("%(lead)s mangler %(subject)s ca. %(n)s pædagoger (årsværk) i %(year)d og %(second)s i "
                 "%(year2)d.") % {**values, "second": whole(gaps[1]), "year2": years[1]}
    if gaps[0] <= -0.5:
        sentence = _("%(lead)s mangler %(subject)s ca. %(n)s pædagoger (årsværk) i %(year)d") % values
    elif gaps[0] >= 0.5:
        sentence = _("%(lead)s har %(subject)s ca. %(n)s pædagoger (årsværk) mere end behovet i %(year)d") % values
    else:
        sentence = _("%(lead)s svarer udbud og behov omtrent til hinanden for %(subject)s i %(year)d") % values
    for gap, year in zip(gaps[1:], years[1:], strict=True):
        later = {"n": whole(gap), "year": year}
        if gap <= -0.5:
            sentence += _(", og i %(year)d mangler der ca. %(n)s") % later
        elif gap >= 0.5:
            sentence += _(", og i %(year)d er der ca. %(n)s mere end behovet") % later
        else:
            sentence += _(", og i %(year)d svarer de omtrent til hinanden") % later
    return sentence + "."


def milestones(projection: Projection) -> list[int]:
    years = [year for year in MILESTONES if projection.row(year) is not None]
    return years or [projection.last_year]


def milestone_gaps(projection: Projection) -> list[tuple[int, float]]:
    """(year, gap in FTE) at each of the projection's milestones."""
    return [(row.year, row.gap_fte) for row in map(projection.row, milestones(projection)) if row is not None]


def projection_sentence(name: str, projection: Projection, lead: str | None = None) -> str:
    gaps = milestone_gaps(projection)
    return gap_sentence(name, [year for year, _gap in gaps], [gap for _year, gap in gaps],
                        lead or _("I det centrale scenarie"))
