"""Will there be enough pedagogues? The workforce projection of one municipality, as a pure function.

No database here: `project()` takes the base year's figures, the children per year and the assumptions,
and returns one row per year B … B+10. The page, the CSV, the region and national sums and the tests
all call it (model_assumptions.py, scenario.py and inputs.py beside it read the inputs from the database).

The model (the page's "Sådan regner vi" says the same in Danish), from the base year B's figures:
P pedagogues, S over 55, T under 37 hours, L leavers, H hired, U unfilled posts (FTE),
s = P / (P + other staff):

    R_t = S_t / retirement_years                  retirements (the over-55s leave over ten years)
    A_t = (P_t − S_t) / ageing_years              ageing into 55+
    O_t = q · (P_t − S_t)                         other leavers; q = max(L − S/10, 0) / (P − S),
                                                  at most 1 − 1/ageing_years, so no count turns negative
    P_{t+1} = P_t − R_t − O_t + H                 S_{t+1} = S_t − R_t + A_t
    F_t = P_t · (1 − (T/P) · (1 − f))             supply in full-time equivalents (f: a part-timer's share)
    W_t = children 0–2 / 3 + children 3–5 / 6     staffing need under the minimum norms
    D_t = (F_B + U) · W_t / W_B · (s* / s)        demand; s* = s in the central scenario
    G_t = F_t − D_t                               the gap (negative: pedagogues lacking); G_B = −U

H, the same every year, is whoever the municipality hires – new graduates and experienced pedagogues alike,
since L counts everyone who leaves, job changes to the next municipality included. Three rules, the first
that applies (`HiresRule`): the statistics' own count of hires in year B; else the hires that continue the
observed mean yearly change since the earliest count in B−5 … B−1, H = (P_B − P_{B−k}) / k + R_B + O_B;
else H = R_B + O_B, the count holding at today's level. Never below 0. U unknown counts as 0.

Missing figures take the national defaults (`Defaults`, from the reference data). The levers (the three
pathways) act on the flows from year B on, so the base year stays what was measured: extra students
join P `education_years` after they start, less the dropouts; extra new graduates are hired each year;
the other-leaver rate is lowered; part-timers move to full time (from B+1); seniors retire over more
years; and the target pedagogue share s* scales demand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .base_year import TREND_YEARS, BaseYear, Defaults, HiresRule, Preset, Resolved, resolve

# What the model starts from (base_year.py) is importable from here too.
__all__ = ["HORIZON", "TREND_YEARS", "BaseYear", "Defaults", "HiresRule", "Levers", "Preset", "Projection", "Resolved",
           "YearRow", "fte", "need", "project", "resolve"]

HORIZON = 10  # years after the base year


@dataclass(frozen=True)
class Levers:
    """A scenario: the three pathways' levers and the target pedagogue share. The default is the central one."""

    extra_students: float = 0.0  # into the education: more starting each year …
    students_from: int | None = None  # … from this year (None: B + 1)
    extra_graduates: float = 0.0  # through the internship: more new graduates hired each year (added to H)
    leaver_reduction: float = 0.0  # staying: the other-leaver rate lowered by this share (0–1)
    to_full_time: float = 0.0  # staying: this share of the part-timers move to full time (0–1)
    retirement_years: float | None = None  # staying: retirement spread over this many years (None: default)
    target_share: float | None = None  # s*; None keeps today's share
    leaver_preset: Preset = Preset.CENTRAL

    def only(self, *names: str) -> Levers:
        """These levers alone (the rest central), keeping the preset and the target share."""
        central = Levers(target_share=self.target_share, leaver_preset=self.leaver_preset)
        return replace(central, **{name: getattr(self, name) for name in names})


@dataclass(frozen=True)
class YearRow:
    year: int
    children_0_2: float
    children_3_5: float
    need: float  # W_t
    pedagogues: float  # P_t, persons
    seniors: float  # S_t
    supply_fte: float  # F_t
    demand_fte: float  # D_t
    retirements: float  # R_t
    ageing: float  # A_t
    other_leavers: float  # O_t
    hired: float  # those joining between t and t+1: H + extra graduates + students finishing

    @property
    def gap_fte(self) -> float:
        return self.supply_fte - self.demand_fte


@dataclass(frozen=True)
class Projection:
    base_year: int
    rows: list[YearRow]
    resolved: Resolved
    levers: Levers

    def row(self, year: int) -> YearRow | None:
        return next((row for row in self.rows if row.year == year), None)

    def gap(self, year: int) -> float | None:
        row = self.row(year)
        return None if row is None else row.gap_fte

    @property
    def last_year(self) -> int:
        return self.rows[-1].year


def need(children_0_2: float, children_3_5: float, defaults: Defaults) -> float:
    """W: adults the minimum staffing norms ask for."""
    return children_0_2 / defaults.children_per_adult_0_2 + children_3_5 / defaults.children_per_adult_3_5


def fte(pedagogues: float, part_time_share: float, defaults: Defaults) -> float:
    return pedagogues * (1 - part_time_share * (1 - defaults.part_time_fraction))


def project(base: BaseYear, children: Mapping[int, tuple[float, float]], defaults: Defaults,
            levers: Levers = Levers(), base_children: tuple[float, float] | None = None) -> Projection | None:
    """Years B … B+10 while the children are known; None when year B's children are unknown or zero.

    `children` maps a year to (0–2, 3–5) from the projection; `base_children` stands in for year B when the
    projection lacks it (the workforce statistics' own count)."""
    resolved = resolve(base, defaults)
    first = children.get(base.year)
    if first is None and base_children is not None:
        first, resolved = base_children, replace(resolved, children_from_workforce=True)
    if first is None or need(*first, defaults) <= 0:
        return None
    series = {**children, base.year: first}
    base_need = need(*first, defaults)
    base_demand = fte(resolved.pedagogues, resolved.part_time_share, defaults) + resolved.unfilled
    share_ratio = 1.0
    if levers.target_share is not None and resolved.pedagogue_share:
        share_ratio = levers.target_share / resolved.pedagogue_share
    # At most everyone under 55 who does not turn 55 can leave in a year: with more (leavers in the file
    # exceeding the pedagogues, or a high preset on a high rate) the counts would turn negative.
    q = min(resolved.other_leaver_rate * defaults.leaver_factors[levers.leaver_preset] * (1 - levers.leaver_reduction),
            1 - 1 / defaults.ageing_years)
    retirement_years = levers.retirement_years or defaults.retirement_years
    students_from = levers.students_from if levers.students_from is not None else base.year + 1
    students_join = levers.extra_students * (1 - defaults.dropout)
    part_time_later = resolved.part_time_share * (1 - levers.to_full_time)

    rows: list[YearRow] = []
    pedagogues, seniors = resolved.pedagogues, resolved.seniors
    for year in range(base.year, base.year + HORIZON + 1):
        if year not in series:
            break
        young_to_0_2, young_3_5 = series[year]
        retirements = seniors / retirement_years
        ageing = (pedagogues - seniors) / defaults.ageing_years
        other = q * (pedagogues - seniors)
        # Students who started education_years before next year join then (from students_from on).
        finishing = students_join if year + 1 - defaults.education_years >= students_from else 0.0
        hired = resolved.hires + levers.extra_graduates + finishing
        supply = fte(pedagogues, resolved.part_time_share if year == base.year else part_time_later, defaults)
        demand = base_demand * need(young_to_0_2, young_3_5, defaults) / base_need * share_ratio
        rows.append(YearRow(year, young_to_0_2, young_3_5, need(young_to_0_2, young_3_5, defaults), pedagogues,
                            seniors, supply, demand, retirements, ageing, other, hired))
        pedagogues, seniors = pedagogues - retirements - other + hired, seniors - retirements + ageing
    return Projection(base.year, rows, resolved, levers)
