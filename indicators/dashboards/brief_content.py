"""What the committee brief's four pages say beyond the dashboard's figures: the caveats as numbered notes (each
said once), the projected gap with its range, the standing against EVA and the region, the targets in a table
narrow enough for A4, and the next steps (EVA's recommendations the municipality lacks).

Kept apart from brief.py (sections, caching, rendering) so that each stays small."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.models import DataImport, Target
from indicators.numbers import round1
from indicators.reference.demo_imports import DEMO_PREFIX
from interventions.models import Intervention
from recruitment.models import Municipality

from ..projection import pages as projection_pages
from .common import Suggestion
from .municipality import MunicipalityDashboard

# The range of the projected gap: the children's low and high projection, with fewer and more leavers.
RANGE_SCENARIOS = ("boern=lav&afgang=lav", "boern=hoej&afgang=hoej")
# EVA's recommendations told in full (words and a case) on the last page; the rest are named in one line.
NEXT_STEPS_IN_FULL = 3


@dataclass(frozen=True)
class Note:
    number: int
    text: str


@dataclass
class Notes:
    """Caveats numbered in the order the brief's sections introduce them; each is printed once, under the
    section that first refers to it, and later references carry the same number."""

    numbers: dict[str, int] = field(default_factory=dict)
    by_section: dict[str, list[Note]] = field(default_factory=dict)

    def add(self, section: str, key: str, text: str) -> int:
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.by_section.setdefault(section, []).append(Note(self.numbers[key], text))
        return self.numbers[key]


def is_demo() -> bool:
    """Whether the figures are (partly) the demo's synthetic data: demo interventions or a demo import."""
    return (Intervention.objects.filter(is_demo=True).exists()
            or DataImport.objects.filter(file_name__startswith=DEMO_PREFIX,
                                         status=DataImport.Status.SUCCEEDED).exists())


def fte(value: float) -> str:
    """A number of full-time equivalents, whole, with the unit bound to it (a no-break space)."""
    return number_format(round(abs(value)), force_grouping=True) + "\u00a0" + _("årsværk")


@dataclass(frozen=True)
class GapAt:
    subject: str  # the municipality's name
    year: int
    gap: float  # supply minus demand: negative is a shortage
    low: float | None  # the range over RANGE_SCENARIOS (the smaller and the larger gap)
    high: float | None

    @property
    def words(self) -> str:
        """"I 2030 mangler Albertslund 34 årsværk (spænd: fra 20 årsværk for få til 51 årsværk for få)"."""
        values = {"year": self.year, "name": self.subject, "n": fte(self.gap)}
        if self.gap <= -0.5:
            text = _("I %(year)s mangler %(name)s %(n)s") % values
        elif self.gap >= 0.5:
            text = _("I %(year)s har %(name)s %(n)s mere end behovet") % values
        else:
            text = _("I %(year)s svarer udbud og behov omtrent til hinanden i %(name)s") % values
        if self.range:
            text += " (" + _("spænd %(range)s") % {"range": self.range} + ")"
        return text

    @property
    def range(self) -> str:
        """"16–53 årsværk for få"; across balance: "fra 10 årsværk for få til 5 årsværk for mange". The numbers are
        joined to the dash (a word joiner) so that a line never breaks between them."""
        if self.low is None or self.high is None:
            return ""
        low, high = sorted((abs(self.low), abs(self.high)))
        span = {"low": number_format(round(low), force_grouping=True) + "\u2060",
                "high": "\u2060" + number_format(round(high), force_grouping=True) + "\u00a0" + _("årsværk")}
        if self.high <= -0.5:
            return _("%(low)s–%(high)s for få") % span
        if self.low >= 0.5:
            return _("%(low)s–%(high)s for mange") % span
        return _("fra %(short)s for få til %(long)s for mange") % {"short": fte(self.low), "long": fte(self.high)}


def gaps_with_range(municipality: Municipality, page: projection_pages.ProjectionPage) -> list[GapAt]:
    """The projected gap at the milestones (2030, 2035), with the range the low and high scenarios give."""
    if page.projection is None:
        return []
    others = [projection_pages.municipality_projection(municipality, QueryDict(query)).projection
              for query in RANGE_SCENARIOS]
    result = []
    for year in projection_pages.milestones(page.projection):
        gap = page.projection.gap(year)
        if gap is None:
            continue
        values = [value for other in others if other is not None and (value := other.gap(year)) is not None]
        result.append(GapAt(municipality.name, year, gap, min(values) if values else None,
                            max(values) if values else None))
    return result


@dataclass(frozen=True)
class Standing:
    """One pathway's row on the page "Hvor står vi?"."""
    name: str
    active: int
    total: int
    coverage_pct: Decimal
    typical: int | None
    expected_pct: Decimal | None
    region_pct: Decimal | None
    missing: int | None
    unreached: list[str]  # the target groups no intervention reaches


def standing(dashboard: MunicipalityDashboard) -> list[Standing]:
    rows = []
    for pathway, verdict in zip(dashboard.coverage.pathways, dashboard.verdicts, strict=True):
        rows.append(Standing(pathway.pathway.name, pathway.active_types, pathway.catalogue_types,
                             round1(pathway.coverage_pct), verdict.typical_types, round1(pathway.expected_pct),
                             round1(pathway.region_average_pct), verdict.missing_recommendations,
                             [reach.target_group.name for reach in pathway.groups if not reach.reached]))
    return rows


@dataclass(frozen=True)
class TargetRow:
    label: str
    baseline: str
    goal: str
    latest: str
    status: str
    source: str


def unit_value(target: Target, value: Decimal | float | None, year: int | None) -> str:
    """A target's value with its unit and year, e.g. "16,7 % (2023)", "12,0 årsværk (2025)" (Target.unit)."""
    if value is None:
        return _("ingen måling endnu")
    number = number_format(round1(value if isinstance(value, Decimal) else Decimal(str(value))), 1)
    unit = f"\u00a0{target.unit}" if target.unit else ""
    return f"{number}{unit}" + (f" ({year})" if year else "")


def target_rows(items: list) -> list[TargetRow]:
    """The targets page's items (indicators.targets.observed.TargetProgress) as five columns that fit A4."""
    return [TargetRow(item.target.label, unit_value(item.target, item.target.baseline_value, item.target.baseline_year),
                      unit_value(item.target, item.target.target_value, item.target.target_year),
                      unit_value(item.target, item.progress.latest_value, item.progress.latest_year),
                      str(item.progress.label), item.target.source)
            for item in items]


@dataclass(frozen=True)
class NextSteps:
    in_full: list[Suggestion]  # EVA's words and a case each
    named: list[str]  # the other recommendations the municipality lacks, by name


def next_steps(dashboard: MunicipalityDashboard) -> NextSteps:
    """EVA's recommendations the municipality lacks: the most widespread of each pathway told in full (EVA's words,
    a case), the others named, so that none is left out and the page still holds them."""
    recommended = sorted((s for s in dashboard.suggestions if s.recommended),
                         key=lambda s: -(s.status.share or Decimal(-1)))
    in_full: list[Suggestion] = []
    for suggestion in recommended:
        if len(in_full) < NEXT_STEPS_IN_FULL and all(s.pathway.pk != suggestion.pathway.pk for s in in_full):
            in_full.append(suggestion)
    told = {s.status.intervention_type.pk for s in in_full}
    named = [status.intervention_type.label
             for pathway in (dashboard.coverage.pathways if dashboard.coverage.reporting else [])
             for status in pathway.missing_recommendations if status.intervention_type.pk not in told]
    return NextSteps(in_full, named)
