"""The municipality dashboard's projection panel: the central scenario's gap in 2030 and 2035.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from recruitment.models import Municipality

from ..projection import Scenario, assumptions, defaults, inputs_for, project
from .sentences import milestone_gaps, missing_sentence, projection_sentence


@dataclass
class Panel:
    municipality: Municipality
    missing: str
    sentence: str = ""
    gaps: list[tuple[int, float]] = field(default_factory=list)  # (year, gap) at the milestones

    @property
    def url(self) -> str:
        return reverse("municipality-projection", args=[self.municipality.code])


def panel(municipality: Municipality) -> Panel:
    """The central scenario's gap in 2030 and 2035, for the municipality dashboard; five queries."""
    values = assumptions()
    inputs = inputs_for(municipality, Scenario())
    result = Panel(municipality, missing_sentence(inputs))
    if result.missing or inputs.base is None:
        return result
    projection = project(inputs.base, inputs.children, defaults(values), base_children=inputs.base_children)
    if projection is None:
        result.missing = _("Fremskrivningen kan ikke regnes: der er ingen børn i basisåret.")
        return result
    result.sentence = projection_sentence(municipality.name, projection)
    result.gaps = milestone_gaps(projection)
    return result
