"""The scenario a user chose in the URL: levers, presets and changed assumptions from the query string (every
setting is in the URL, so a scenario can be linked and printed), with Danish messages for bad values.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import PopulationProjection
from .model import Levers, Preset
from .model_assumptions import Assumption

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class LeverField:
    """One lever's URL parameter, its range, and its label and hint on the page."""

    key: str
    attribute: str  # on Levers
    minimum: float
    maximum: float
    step: float
    label: StrOrPromise
    help: StrOrPromise
    percent: bool = False  # entered in percent, stored as a share


LEVER_FIELDS = (
    LeverField("studerende", "extra_students", 0, 100, 1, gettext_lazy("Flere studerende om året"),
               gettext_lazy("fx meritstuderende blandt kommunens egne assistenter; de bliver pædagoger efter "
                            "uddannelsen, minus dem der falder fra")),
    LeverField("studerende_fra", "students_from", 2020, 2040, 1, gettext_lazy("– fra år"),
               gettext_lazy("året de første ekstra studerende begynder")),
    LeverField("nyuddannede", "extra_graduates", 0, 100, 1, gettext_lazy("Flere nyuddannede ansat om året"),
               gettext_lazy("studerende med en god praktik kommer tilbage")),
    LeverField("faerre_fratraedelser", "leaver_reduction", 0, 50, 1, gettext_lazy("Færre andre fratrædelser (%)"),
               gettext_lazy("afgangen blandt pædagoger under 55 sænkes med denne andel"), percent=True),
    LeverField("fuldtid", "to_full_time", 0, 100, 5, gettext_lazy("Deltidsansatte der går op på fuld tid (%)"),
               gettext_lazy("andel af pædagogerne på under 37 timer"), percent=True),
    LeverField("pension_over_aar", "retirement_years", 5, 25, 1, gettext_lazy("Seniorer går på pension over (år)"),
               gettext_lazy("flere år: seniorerne bliver længere")),
    LeverField("maal_paedagogandel", "target_share", 20, 100, 1, gettext_lazy("Mål for pædagogandel (%)"),
               gettext_lazy("tom: dagens andel"), percent=True),
)
PRESETS = {"lav": Preset.LOW, "central": Preset.CENTRAL, "hoej": Preset.HIGH}
VARIANTS = {"lav": PopulationProjection.Variant.LOW, "central": PopulationProjection.Variant.CENTRAL,
            "hoej": PopulationProjection.Variant.HIGH}


@dataclass
class Scenario:
    levers: Levers = field(default_factory=Levers)
    children: str = "central"  # the projection's variant (a VARIANTS key)
    leavers: str = "central"  # the leaver-rate preset (a PRESETS key)
    vintage: str = ""  # blank: the newest imported
    overrides: dict[str, float] = field(default_factory=dict)  # assumption key -> the user's value
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict, values: dict[str, Assumption]) -> Scenario:
        """Reads every setting; a bad value is dropped with a Danish message, keeping the rest."""
        scenario = cls()
        changes: dict[str, Any] = {}  # Levers' attribute -> value; LEVER_FIELDS names the attributes
        for lever in LEVER_FIELDS:
            number = scenario._number(query, lever.key, lever.minimum, lever.maximum, str(lever.label))
            if number is not None:
                changes[lever.attribute] = round(number) if lever.attribute == "students_from" else (
                    number / 100 if lever.percent else number)
        for key, chosen, options in (("boern", "children", VARIANTS), ("afgang", "leavers", PRESETS)):
            value = query.get(key)
            if value in options:
                setattr(scenario, chosen, value)
            elif value:
                scenario.errors.append(_("“%(value)s” er ikke et forløb; viser det centrale.") % {"value": value[:40]})
        scenario.vintage = query.get("fremskrivning", "")[:100]
        for key, assumption in values.items():
            scale = 100 if assumption.percent else 1
            number = scenario._number(query, key, assumption.minimum * scale, assumption.maximum * scale,
                                      assumption.label)
            if number is not None and abs(number / scale - assumption.default) > 1e-9:
                scenario.overrides[key] = number / scale
        scenario.levers = replace(Levers(**changes), leaver_preset=PRESETS[scenario.leavers])
        return scenario

    def _number(self, query: QueryDict, key: str, minimum: float, maximum: float, label: str) -> float | None:
        text = query.get(key, "").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            self.errors.append(_("%(label)s: “%(value)s” er ikke et tal og er ikke brugt.")
                               % {"value": text[:40], "label": label})
            return None
        if not minimum <= number <= maximum:
            self.errors.append(_("%(label)s skal ligge mellem %(min)s og %(max)s; %(value)s er ikke brugt.")
                               % {"label": label, "min": _number_text(minimum), "max": _number_text(maximum),
                                  "value": _number_text(number)})
            return None
        return number

    def with_overrides(self, values: dict[str, Assumption]) -> dict[str, Assumption]:
        return {key: replace(item, value=self.overrides.get(key, item.value)) for key, item in values.items()}

    def params(self) -> dict[str, str]:
        """The settings that differ from the central scenario, as URL parameters."""
        params: dict[str, str] = {}
        for lever in LEVER_FIELDS:
            value = getattr(self.levers, lever.attribute)
            if value not in (None, 0, 0.0):
                params[lever.key] = f"{value * 100 if lever.percent else value:g}"
        if self.children != "central":
            params["boern"] = self.children
        if self.leavers != "central":
            params["afgang"] = self.leavers
        if self.vintage:
            params["fremskrivning"] = self.vintage
        for key, value in self.overrides.items():
            params[key] = f"{value:g}"
        return params

    def lever_value(self, lever: LeverField) -> float | None:
        value = getattr(self.levers, lever.attribute)
        if value is None:
            return None
        return value * 100 if lever.percent else value


def _number_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")
