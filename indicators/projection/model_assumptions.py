"""What the projection model takes for granted, each with its source or marked as an assumption: the admin's
assumptions (ProjectionAssumption) and the national defaults for missing figures (KeyFact).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import KeyFact, ProjectionAssumption
from ..numbers import round1
from .model import Defaults, Preset


@dataclass(frozen=True)
class Assumption:
    key: str  # the URL parameter that changes it for the session
    label: str
    value: float  # in force (the default, or the user's)
    default: float  # the admin's (or the reference data's)
    minimum: float
    maximum: float
    source: str  # blank: an assumption ("antagelse")
    note: str = ""
    percent: bool = False  # shown and entered as a percentage

    @property
    def changed(self) -> bool:
        return abs(self.value - self.default) > 1e-12

    @property
    def is_assumption(self) -> bool:
        return not self.source

    def display(self, value: float | None = None) -> str:
        value = self.value if value is None else value
        if self.percent:
            # Shares with one decimal, as everywhere (numbers.round1).
            return f"{number_format(round1(Decimal(repr(value * 100))), decimal_pos=1, force_grouping=True)} %"
        return number_format(round(value, 4), force_grouping=True)

    @property
    def default_display(self) -> str:
        return self.display(self.default)

    @property
    def default_field_value(self) -> str:
        return self.field_value(self.default)

    def field_value(self, value: float | None = None) -> str:
        """The value as the form's number field holds it (percent for shares)."""
        value = self.value if value is None else value
        shown = round(value * 100, 2) if self.percent else round(value, 4)
        return f"{shown:g}"


# The national defaults for missing figures, from the key facts: (key, label, numerator, denominator).
KEY_FACT_SLUGS = ("pedagogues-in-daycare", "pedagogues-over-55", "pedagogues-part-time",
                  "graduates-leave-within-10-years", "students-dropout")


def _fact_source(*facts: KeyFact) -> str:
    first = facts[0]
    # A source without a year says nothing about the year (never "(None)").
    return f"{first.source} ({first.year})" if first.year else str(first.source)


def assumptions() -> dict[str, Assumption]:
    """Every assumption and national default, in the order the page lists them; two queries.

    The admin sets the assumptions (ProjectionAssumption) and the national figures (KeyFact) in the admin;
    the reference data in fixtures/reference/ gives their first values and sources."""
    facts = {fact.slug: fact for fact in KeyFact.objects.filter(slug__in=KEY_FACT_SLUGS)}
    rows = {row.slug: row for row in ProjectionAssumption.objects.all()}
    pedagogues = float(facts["pedagogues-in-daycare"].value)
    result: dict[str, Assumption] = {}

    def fact_share(key: str, label: str, slug: str, note: str) -> None:
        value = float(facts[slug].value) / pedagogues
        result[key] = Assumption(key, label, value, value, 0.0, 1.0, _fact_source(facts[slug]), note, percent=True)

    fact_share("seniors-share", _("Andel af pædagogerne over 55 år, hvor kommunen ikke har tallet"),
               "pedagogues-over-55", _("%(part)s af %(all)s pædagoger i dagtilbud") % {
                   "part": number_format(facts["pedagogues-over-55"].value.normalize(), force_grouping=True),
                   "all": number_format(facts["pedagogues-in-daycare"].value.normalize(), force_grouping=True)})
    fact_share("part-time-share", _("Andel af pædagogerne på under 37 timer, hvor kommunen ikke har tallet"),
               "pedagogues-part-time", _("%(part)s af %(all)s pædagoger i dagtilbud") % {
                   "part": number_format(facts["pedagogues-part-time"].value.normalize(), force_grouping=True),
                   "all": number_format(facts["pedagogues-in-daycare"].value.normalize(), force_grouping=True)})
    leave = facts["graduates-leave-within-10-years"]
    rate = 1 - (1 - float(leave.value) / 100) ** (1 / 10)
    result["leaver-rate"] = Assumption(
        "leaver-rate", _("Andre fratrædelser om året (andel af pædagogerne under 55), hvor kommunen ikke har "
                         "tallet"), rate, rate, 0.0, 0.5, _fact_source(leave),
        _("%(pct)s %% af de nyuddannede har forladt dagtilbud inden for ti år, dvs. ca. %(year)s %% om året")
        % {"pct": number_format(leave.value.normalize()), "year": number_format(round(rate * 100, 1))}, percent=True)
    dropout = facts["students-dropout"]
    result["dropout"] = Assumption("dropout", _("Studerende der falder fra uddannelsen"), float(dropout.value) / 100,
                                   float(dropout.value) / 100, 0.0, 0.9, _fact_source(dropout), dropout.label,
                                   percent=True)
    for slug, row in rows.items():
        if slug == "new-graduates-in-daycare":
            continue  # a national figure the demo's sums are checked against; the model takes hires, not N
        result[slug] = Assumption(slug, row.label, float(row.value), float(row.value), float(row.minimum),
                                  float(row.maximum), row.source, row.note)
    return result


def defaults(values: dict[str, Assumption]) -> Defaults:
    def value(key: str) -> float:
        return values[key].value

    return Defaults(
        seniors_share=value("seniors-share"), part_time_share=value("part-time-share"),
        other_leaver_rate=value("leaver-rate"),
        part_time_fraction=value("part-time-fraction"), retirement_years=value("retirement-years"),
        ageing_years=value("ageing-years"), education_years=round(value("education-years")),
        dropout=value("dropout"), children_per_adult_0_2=value("children-per-adult-0-2"),
        children_per_adult_3_5=value("children-per-adult-3-5"),
        leaver_factors={Preset.LOW: value("leaver-factor-low"), Preset.CENTRAL: 1.0,
                        Preset.HIGH: value("leaver-factor-high")},
    )
