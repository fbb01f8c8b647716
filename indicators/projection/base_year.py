"""What the projection starts from: the base year's figures (BaseYear), the national defaults that stand in for
missing ones (Defaults, with the leaver presets), and the figures the model used (Resolved), with the yearly hires
H and the rule that set them (HiresRule; the rule itself is told in model.py's docstring). Pure, no database;
importable from indicators.projection and indicators.projection.model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

TREND_YEARS = 5  # how far back an earlier pedagogue count may lie for the hires rule "trend"


class HiresRule(StrEnum):
    """Which rule set the yearly hires H (see model.py's docstring)."""

    STATISTICS = "statistics"  # the statistics' count of hires in year B
    TREND = "trend"  # continuing the observed mean yearly change
    HOLD = "hold"  # no history: the count holds at today's level


class Preset(StrEnum):
    LOW = "low"
    CENTRAL = "central"
    HIGH = "high"


@dataclass(frozen=True)
class Defaults:
    """National defaults for missing figures and the model's assumptions (see model_assumptions.defaults)."""

    seniors_share: float  # S/P
    part_time_share: float  # T/P
    other_leaver_rate: float  # q
    part_time_fraction: float = 0.85  # f
    retirement_years: float = 10.0
    ageing_years: float = 30.0
    education_years: int = 4
    dropout: float = 0.25
    children_per_adult_0_2: float = 3.0
    children_per_adult_3_5: float = 6.0
    leaver_factors: Mapping[Preset, float] = field(
        default_factory=lambda: {Preset.LOW: 0.8, Preset.CENTRAL: 1.0, Preset.HIGH: 1.2})


@dataclass(frozen=True)
class BaseYear:
    """The municipality's workforce statistics of the base year; None where the figure is unknown."""

    year: int
    pedagogues: float
    seniors: float | None = None
    part_time: float | None = None
    leavers: float | None = None
    new_graduates: float | None = None  # shown as "heraf nyuddannede"; the model uses the hires
    other_staff: float | None = None  # pedagogical assistants + assistants (for the pedagogue share)
    hires: float | None = None  # everyone hired in year B (new graduates and experienced)
    unfilled: float | None = None  # unfilled pedagogue posts in year B, FTE
    earlier: tuple[int, float] | None = None  # (year B−k, pedagogues then): the earliest count in B−5 … B−1


@dataclass(frozen=True)
class Resolved:
    """The base-year figures the projection used, each marked when a national default stood in."""

    pedagogues: float
    seniors: float
    seniors_default: bool
    part_time_share: float
    part_time_default: bool
    other_leaver_rate: float
    leaver_rate_default: bool
    new_graduates: float | None  # N where the statistics have it ("heraf nyuddannede")
    pedagogue_share: float | None  # s; None when the other staff is unknown
    children_from_workforce: bool  # W_B from the workforce statistics (the projection lacks year B)
    hires: float = 0.0  # H a year
    hires_rule: HiresRule = HiresRule.HOLD
    unfilled: float = 0.0  # U (0 when unknown)
    unfilled_known: bool = False
    trend_from: int | None = None  # the rule "trend": the earlier year B−k …
    trend_per_year: float | None = None  # … and the mean yearly change in pedagogues since then


def resolve(base: BaseYear, defaults: Defaults) -> Resolved:
    """The base-year figures, with a national default for each one the statistics lack."""
    pedagogues = base.pedagogues
    seniors = base.seniors if base.seniors is not None else pedagogues * defaults.seniors_share
    part_time = base.part_time / pedagogues if base.part_time is not None and pedagogues else None
    rate = None
    if base.leavers is not None and pedagogues > seniors:
        # Leavers include the retiring seniors; what is left are the other leavers.
        rate = max(base.leavers - seniors / defaults.retirement_years, 0.0) / (pedagogues - seniors)
    share = None
    if base.other_staff is not None and pedagogues + base.other_staff > 0:
        share = pedagogues / (pedagogues + base.other_staff)
    leaver_rate = rate if rate is not None else defaults.other_leaver_rate
    # The hires that keep P where it is: this year's retirements and other leavers (the capped rate, as project()).
    replacing = seniors / defaults.retirement_years + min(leaver_rate, 1 - 1 / defaults.ageing_years) * max(
        pedagogues - seniors, 0.0)
    trend = None
    if base.hires is not None:
        hires, rule = base.hires, HiresRule.STATISTICS
    elif base.earlier is not None and 0 < base.year - base.earlier[0] <= TREND_YEARS:
        years = base.year - base.earlier[0]
        trend = (pedagogues - base.earlier[1]) / years
        hires, rule = trend + replacing, HiresRule.TREND
    else:
        hires, rule = replacing, HiresRule.HOLD
    return Resolved(
        pedagogues=pedagogues, seniors=seniors, seniors_default=base.seniors is None,
        part_time_share=part_time if part_time is not None else defaults.part_time_share,
        part_time_default=part_time is None,
        other_leaver_rate=leaver_rate, leaver_rate_default=rate is None,
        new_graduates=base.new_graduates, pedagogue_share=share, children_from_workforce=False,
        hires=max(hires, 0.0), hires_rule=rule, unfilled=base.unfilled or 0.0, unfilled_known=base.unfilled is not None,
        trend_from=base.earlier[0] if trend is not None and base.earlier else None, trend_per_year=trend,
    )
