"""The workforce projection's model (indicators/projection/model.py), against numbers worked out by hand.

The small municipality of every test: in base year 2025 it has P = 100 pedagogues, S = 20 over 55,
T = 60 under 37 hours, L = 12 leavers, N = 5 new graduates hired and 100 other staff (so s = 0,5);
children (0–2, 3–5): 2025 (30, 60), 2026 (33, 60), 2027 (36, 66). Assumptions: f = 0,85, retirement over
10 years, ageing over 30 years.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.projection import BaseYear, Defaults, Levers, Preset, contributions, project

DEFAULTS = Defaults(seniors_share=5700 / 30159, part_time_share=19490 / 30159,
                    other_leaver_rate=1 - 0.5 ** (1 / 10), new_graduates_rate=1000 / 30159)
BASE = BaseYear(2025, pedagogues=100, seniors=20, part_time=60, leavers=12, new_graduates=5, other_staff=100)
CHILDREN = {2025: (30, 60), 2026: (33, 60), 2027: (36, 66)}


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-9)


def test_it_projects_a_small_municipality_over_three_years() -> None:
    """Worked out by hand.

    q = max(L − S/10, 0) / (P − S) = (12 − 2) / 80 = 0,125;  F = P · (1 − 0,6 · 0,15) = 0,91 · P.
    W: 2025 30/3 + 60/6 = 20;  2026 11 + 10 = 21;  2027 12 + 11 = 23.

    2025: P = 100, S = 20, R = 2, A = 80/30 = 2,6667, O = 0,125 · 80 = 10
          F = 91, D = F_B = 91, G = 0
    2026: P = 100 − 2 − 10 + 5 = 93, S = 20 − 2 + 2,6667 = 20,6667
          R = 2,06667, A = 72,3333/30 = 2,41111, O = 0,125 · 72,3333 = 9,041667
          F = 93 · 0,91 = 84,63, D = 91 · 21/20 = 95,55, G = −10,92
    2027: P = 93 − 2,06667 − 9,041667 + 5 = 86,891667, S = 20,6667 − 2,06667 + 2,41111 = 21,01111
          F = 86,891667 · 0,91 = 79,071417, D = 91 · 23/20 = 104,65, G = −25,578583
    """
    result = project(BASE, CHILDREN, DEFAULTS)
    assert [row.year for row in result.rows] == [2025, 2026, 2027]
    first, second, third = result.rows
    assert result.resolved.other_leaver_rate == approx(0.125)
    assert (first.need, second.need, third.need) == (approx(20), approx(21), approx(23))
    assert (first.retirements, first.ageing, first.other_leavers) == (approx(2), approx(80 / 30), approx(10))
    assert (first.supply_fte, first.demand_fte, first.gap_fte) == (approx(91), approx(91), approx(0))
    assert (second.pedagogues, second.seniors) == (approx(93), approx(20 + 2 / 3))
    assert second.other_leavers == approx(0.125 * (93 - 62 / 3))
    assert (second.supply_fte, second.demand_fte, second.gap_fte) == (approx(84.63), approx(95.55), approx(-10.92))
    assert third.pedagogues == approx(93 - 62 / 30 - 0.125 * (93 - 62 / 3) + 5)
    assert third.pedagogues == pytest.approx(86.891667, abs=1e-6)
    assert third.seniors == pytest.approx(21.01111, abs=1e-5)
    assert (third.demand_fte, third.gap_fte) == (approx(104.65), pytest.approx(-25.578583, abs=1e-6))


def test_it_stops_at_ten_years_after_the_base_year() -> None:
    children = {year: (30, 60) for year in range(2025, 2045)}
    assert project(BASE, children, DEFAULTS).last_year == 2035


def test_it_stops_where_the_childrens_projection_ends() -> None:
    assert project(BASE, {2025: (30, 60), 2026: (30, 60), 2028: (30, 60)}, DEFAULTS).last_year == 2026


def test_it_takes_the_base_years_children_from_the_workforce_statistics_when_the_projection_lacks_it() -> None:
    result = project(BASE, {2026: (33, 60)}, DEFAULTS, base_children=(30, 60))
    assert result.resolved.children_from_workforce
    assert result.rows[1].demand_fte == approx(95.55)


def test_it_has_no_projection_without_the_base_years_children() -> None:
    assert project(BASE, {2026: (33, 60)}, DEFAULTS) is None


def test_it_uses_the_national_defaults_for_missing_figures() -> None:
    """P = 30.159 with nothing else known: S = 5.700, T/P = 19.490/30.159, N = 1.000, q = 1 − 0,5^(1/10);
    F = 30.159 − 19.490 · 0,15 = 27.235,5; next year's P = 30.159 − 570 − q · 24.459 + 1.000."""
    result = project(BaseYear(2025, pedagogues=30159), {2025: (30, 60), 2026: (30, 60)}, DEFAULTS)
    resolved = result.resolved
    assert resolved.seniors_default and resolved.part_time_default and resolved.leaver_rate_default
    assert resolved.new_graduates_default and resolved.pedagogue_share is None
    assert resolved.seniors == approx(5700)
    assert resolved.new_graduates == approx(1000)
    assert result.rows[0].supply_fte == approx(27235.5)
    q = 1 - 0.5 ** 0.1
    assert result.rows[1].pedagogues == approx(30159 - 570 - q * 24459 + 1000)


def test_it_never_takes_a_negative_leaver_rate() -> None:
    """L = 1 is less than the S/10 = 2 retiring: no other leavers."""
    result = project(BaseYear(2025, 100, seniors=20, leavers=1), CHILDREN, DEFAULTS)
    assert result.resolved.other_leaver_rate == 0
    assert not result.resolved.leaver_rate_default


def test_it_caps_the_leaver_rate_so_no_count_turns_negative() -> None:
    """11 leavers of 10 pedagogues: q would be (11 − 0,189)/8,11 = 1,33; capped at 1 − 1/30, so P_2026 =
    10 − 0,189 − (1 − 1/30) · 8,11 + 0,33 ≥ 0 (found by the property test below)."""
    result = project(BaseYear(2025, pedagogues=10, leavers=11), CHILDREN, DEFAULTS)
    seniors = 10 * 5700 / 30159
    expected = 10 - seniors / 10 - (29 / 30) * (10 - seniors) + 10 * 1000 / 30159
    assert result.rows[1].pedagogues == approx(expected)
    assert all(row.pedagogues >= 0 and row.seniors >= 0 for row in result.rows)


# --- The levers, each against its hand-computed effect ----------------------------------------------------


def central() -> object:
    return project(BASE, CHILDREN, DEFAULTS)


def test_it_adds_extra_new_graduates_every_year() -> None:
    """+2 hired a year: P_2026 = 93 + 2 = 95, F = 95 · 0,91 = 86,45; 2027 also carries the first two's
    leaving: P = 95 − 2,06667 − 0,125 · (95 − 20,6667) + 7."""
    result = project(BASE, CHILDREN, DEFAULTS, Levers(extra_graduates=2))
    assert result.rows[0].supply_fte == approx(91)
    assert result.rows[1].supply_fte == approx(86.45)
    assert result.rows[2].pedagogues == approx(95 - 62 / 30 - 0.125 * (95 - 62 / 3) + 7)


def test_it_lowers_the_other_leaver_rate() -> None:
    """Lowered by 20 %: q = 0,1, O_2025 = 8, P_2026 = 100 − 2 − 8 + 5 = 95."""
    result = project(BASE, CHILDREN, DEFAULTS, Levers(leaver_reduction=0.2))
    assert result.rows[0].other_leavers == approx(8)
    assert result.rows[1].pedagogues == approx(95)


def test_it_moves_part_timers_to_full_time_from_the_year_after_the_base_year() -> None:
    """Half the part-timers to full time: T/P = 0,3 from 2026, F_2026 = 93 · (1 − 0,3 · 0,15) = 88,815;
    2025 and demand stay as measured (F_B = 91)."""
    result = project(BASE, CHILDREN, DEFAULTS, Levers(to_full_time=0.5))
    assert result.rows[0].supply_fte == approx(91)
    assert result.rows[1].supply_fte == approx(88.815)
    assert result.rows[1].demand_fte == approx(95.55)


def test_it_spreads_retirement_over_more_years() -> None:
    """Over 20 years instead of 10: R_2025 = 1, P_2026 = 100 − 1 − 10 + 5 = 94, S_2026 = 20 − 1 + 2,6667."""
    result = project(BASE, CHILDREN, DEFAULTS, Levers(retirement_years=20))
    assert result.rows[1].pedagogues == approx(94)
    assert result.rows[1].seniors == approx(21 + 2 / 3)


def test_it_lets_extra_students_join_four_years_after_they_start_less_the_dropouts() -> None:
    """10 more start each year from 2026: 7,5 join in 2030 (started 2026), none before."""
    children = {year: (30, 60) for year in range(2025, 2036)}
    base, extra = project(BASE, children, DEFAULTS), project(BASE, children, DEFAULTS, Levers(extra_students=10))
    difference = [a.pedagogues - b.pedagogues for a, b in zip(extra.rows, base.rows, strict=True)]
    assert difference[:5] == [approx(0)] * 5
    assert difference[5] == approx(7.5)
    assert extra.rows[5].supply_fte - base.rows[5].supply_fte == approx(7.5 * 0.91)


def test_it_starts_the_extra_students_in_the_chosen_year() -> None:
    """From 2028: the first 7,5 join in 2032."""
    children = {year: (30, 60) for year in range(2025, 2036)}
    base = project(BASE, children, DEFAULTS)
    extra = project(BASE, children, DEFAULTS, Levers(extra_students=10, students_from=2028))
    assert extra.rows[6].pedagogues == approx(base.rows[6].pedagogues)
    assert extra.rows[7].pedagogues - base.rows[7].pedagogues == approx(7.5)


def test_it_scales_demand_by_the_target_pedagogue_share() -> None:
    """s = 0,5, s* = 0,6: D_2025 = 91 · 1,2 = 109,2, G = −18,2; D_2026 = 95,55 · 1,2 = 114,66."""
    result = project(BASE, CHILDREN, DEFAULTS, Levers(target_share=0.6))
    assert result.rows[0].demand_fte == approx(109.2)
    assert result.rows[0].gap_fte == approx(-18.2)
    assert result.rows[1].demand_fte == approx(114.66)


def test_it_applies_the_leaver_presets() -> None:
    """High: q = 0,125 · 1,2 = 0,15, O = 12, P_2026 = 91; low: q = 0,1, P_2026 = 95."""
    high = project(BASE, CHILDREN, DEFAULTS, Levers(leaver_preset=Preset.HIGH))
    low = project(BASE, CHILDREN, DEFAULTS, Levers(leaver_preset=Preset.LOW))
    assert high.rows[1].pedagogues == approx(91)
    assert low.rows[1].pedagogues == approx(95)


def test_it_stacks_the_pathways_contributions_to_the_scenarios_extra_supply() -> None:
    """+2 graduates and 20 % fewer leavers: internship adds 2 · 0,91 = 1,82 FTE in 2026; staying then adds
    P 97 − 95 = 2 → 1,82 more; together they make the scenario's supply minus the central one."""
    levers = Levers(extra_graduates=2, leaver_reduction=0.2)
    parts = contributions(BASE, CHILDREN, DEFAULTS, levers)
    assert parts["into-education"] == [approx(0)] * 3
    assert parts["through-internship"][1] == approx(1.82)
    assert parts["stay-in-job"][1] == approx(1.82)
    scenario, base = project(BASE, CHILDREN, DEFAULTS, levers), central()
    for index in range(3):
        total = sum(part[index] for part in parts.values())
        assert total == approx(scenario.rows[index].supply_fte - base.rows[index].supply_fte)


# --- Properties ------------------------------------------------------------------------------------------

counts = st.floats(min_value=1, max_value=5000, allow_nan=False)
bases = st.builds(
    BaseYear, year=st.just(2025), pedagogues=st.floats(min_value=10, max_value=5000),
    seniors=st.none() | st.floats(min_value=0, max_value=9), part_time=st.none() | st.floats(min_value=0, max_value=10),
    leavers=st.none() | st.floats(min_value=0, max_value=500), new_graduates=st.none() | st.floats(0, 200),
    other_staff=st.none() | st.floats(min_value=0, max_value=5000),
)
series = st.lists(st.tuples(counts, counts), min_size=2, max_size=11).map(
    lambda values: {2025 + index: value for index, value in enumerate(values)})


@settings(max_examples=150, deadline=None)
@given(base=bases, children=series)
def test_it_has_no_gap_in_the_base_year_without_levers(base: BaseYear, children: dict) -> None:
    result = project(base, children, DEFAULTS, Levers(target_share=None))
    assert result.rows[0].gap_fte == pytest.approx(0, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(base=bases, children=series, year=st.integers(min_value=1, max_value=10), more=st.floats(1, 1000))
def test_it_asks_for_more_pedagogues_when_there_are_more_children(base: BaseYear, children: dict, year: int,
                                                                  more: float) -> None:
    year = 2025 + min(year, len(children) - 1)
    young, old = children[year]
    for changed in ({**children, year: (young + more, old)}, {**children, year: (young, old + more)}):
        before, after = project(base, children, DEFAULTS), project(base, changed, DEFAULTS)
        assert after.row(year).demand_fte > before.row(year).demand_fte
        assert after.row(year).supply_fte == before.row(year).supply_fte


@settings(max_examples=150, deadline=None)
@given(base=bases, children=series, graduates=st.floats(0, 50), reduction=st.floats(0, 1),
       full_time=st.floats(0, 1), retirement=st.floats(10, 20), students=st.floats(0, 50))
def test_it_never_lowers_supply_with_a_lever(base: BaseYear, children: dict, graduates: float, reduction: float,
                                            full_time: float, retirement: float, students: float) -> None:
    levers = Levers(extra_graduates=graduates, leaver_reduction=reduction, to_full_time=full_time,
                    retirement_years=retirement, extra_students=students)
    before, after = project(base, children, DEFAULTS), project(base, children, DEFAULTS, levers)
    for old, new in zip(before.rows, after.rows, strict=True):
        assert new.supply_fte >= old.supply_fte - 1e-9
        assert new.demand_fte == pytest.approx(old.demand_fte)
