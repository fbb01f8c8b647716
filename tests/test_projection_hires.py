"""The projection's hires H (three rules) and today's unfilled posts U, against numbers worked out by hand.

The municipality of test_projection_model: base year 2025, P = 100, S = 20, T = 60, L = 12 (so q = 0,125,
R_B = 2, O_B = 10), 100 other staff; children (0–2, 3–5) 2025 (30, 60), 2026 (33, 60), 2027 (36, 66), so
W = 20, 21, 23 and F = 0,91 · P.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.projection import BaseYear, Defaults, HiresRule, Levers, project

DEFAULTS = Defaults(seniors_share=5700 / 30159, part_time_share=19490 / 30159, other_leaver_rate=1 - 0.5 ** (1 / 10))
FIGURES = {"pedagogues": 100, "seniors": 20, "part_time": 60, "leavers": 12, "other_staff": 100}
CHILDREN = {2025: (30, 60), 2026: (33, 60), 2027: (36, 66)}


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-9)


def test_it_takes_the_hires_from_the_statistics_first() -> None:
    """Rule 1: the statistics say 15 were hired in 2025 (an earlier count is there too, but the own count
    wins): P_2026 = 100 − 2 − 10 + 15 = 103."""
    result = project(BaseYear(2025, **FIGURES, hires=15, earlier=(2021, 80)), CHILDREN, DEFAULTS)
    assert (result.resolved.hires, result.resolved.hires_rule) == (15, HiresRule.STATISTICS)
    assert result.rows[1].pedagogues == approx(103)


def test_it_continues_the_observed_trend_without_a_count_of_hires() -> None:
    """Rule 2: 92 pedagogues in 2021, 100 in 2025: +8 over k = 4 years, 2 a year. H = 2 + R_B + O_B =
    2 + 2 + 10 = 14; P_2026 = 100 − 2 − 10 + 14 = 102. 2027: S_2026 = 20 − 2 + 80/30 = 20,6667,
    R = 2,06667, O = 0,125 · (102 − 20,6667) = 10,16667, P_2027 = 102 − 2,06667 − 10,16667 + 14 = 103,76667."""
    result = project(BaseYear(2025, **FIGURES, earlier=(2021, 92)), CHILDREN, DEFAULTS)
    resolved = result.resolved
    assert (resolved.hires, resolved.hires_rule) == (approx(14), HiresRule.TREND)
    assert (resolved.trend_from, resolved.trend_per_year) == (2021, approx(2))
    assert result.rows[1].pedagogues == approx(102)
    assert result.rows[2].pedagogues == pytest.approx(103.76667, abs=1e-5)


def test_it_holds_the_count_without_hires_or_history() -> None:
    """Rule 3: H = R_B + O_B = 2 + 10 = 12, so P_2026 = 100; an earlier count six years back is too old."""
    result = project(BaseYear(2025, **FIGURES, earlier=(2019, 50)), CHILDREN, DEFAULTS)
    assert (result.resolved.hires, result.resolved.hires_rule) == (approx(12), HiresRule.HOLD)
    assert result.rows[1].pedagogues == approx(100)


def test_it_never_hires_fewer_than_none() -> None:
    """A steep fall, 200 in 2024 to 100 in 2025: −100 + 12 = −88 hires would be impossible; H = 0, so
    P_2026 = 100 − 2 − 10 = 88."""
    result = project(BaseYear(2025, **FIGURES, earlier=(2024, 200)), CHILDREN, DEFAULTS)
    assert result.resolved.hires == 0
    assert result.rows[1].pedagogues == approx(88)


def test_it_adds_the_extra_new_graduates_to_the_hires() -> None:
    """Rule 3 (H = 12) and the lever +3 a year: P_2026 = 100 − 12 + 12 + 3 = 103."""
    result = project(BaseYear(2025, **FIGURES), CHILDREN, DEFAULTS, Levers(extra_graduates=3))
    assert result.rows[1].pedagogues == approx(103)


def test_it_counts_todays_unfilled_posts_in_demand() -> None:
    """U = 9: D_2025 = (91 + 9) · 20/20 = 100, G_2025 = −9; D_2026 = 100 · 21/20 = 105 (H = 12, P_2026 = 100,
    F = 91, G = −14); D_2027 = 100 · 23/20 = 115."""
    result = project(BaseYear(2025, **FIGURES, unfilled=9), CHILDREN, DEFAULTS)
    assert result.resolved.unfilled_known and result.resolved.unfilled == 9
    assert (result.rows[0].demand_fte, result.rows[0].gap_fte) == (approx(100), approx(-9))
    assert (result.rows[1].demand_fte, result.rows[1].gap_fte) == (approx(105), approx(-14))
    assert result.rows[2].demand_fte == approx(115)


def test_it_takes_unknown_unfilled_posts_as_none() -> None:
    result = project(BaseYear(2025, **FIGURES), CHILDREN, DEFAULTS)
    assert not result.resolved.unfilled_known and result.resolved.unfilled == 0
    assert result.rows[0].gap_fte == approx(0)


@settings(max_examples=200, deadline=None)
@given(pedagogues=st.floats(10, 5000), earlier=st.floats(10, 5000), years=st.integers(1, 5),
       seniors=st.none() | st.floats(0, 9), leavers=st.none() | st.floats(0, 500),
       unfilled=st.none() | st.floats(0, 100))
def test_it_continues_the_observed_mean_change_in_the_first_projected_year(
        pedagogues: float, earlier: float, years: int, seniors: float | None, leavers: float | None,
        unfilled: float | None) -> None:
    """With H from rule 2, P_{B+1} − P_B = (P_B − P_{B−k}) / k, unless that would need fewer than no hires."""
    base = BaseYear(2025, pedagogues, seniors=seniors, leavers=leavers, unfilled=unfilled,
                    earlier=(2025 - years, earlier))
    result = project(base, {2025: (30, 60), 2026: (30, 60)}, DEFAULTS)
    first, second = result.rows
    assert result.resolved.hires_rule == HiresRule.TREND
    trend = (pedagogues - earlier) / years
    if result.resolved.hires > 0:
        assert second.pedagogues - first.pedagogues == pytest.approx(trend, rel=1e-9, abs=1e-6)
    else:
        assert second.pedagogues - first.pedagogues >= trend - 1e-6
    assert first.gap_fte == pytest.approx(-(unfilled or 0), abs=1e-6)
