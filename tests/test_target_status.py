"""Targets: the status computed the Open SDG way on constructed series (hand-computed) and the rules of a
target (manual values read with a Danish decimal comma, refused in Danish when unreadable)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.models.targets import parse_manual_values
from indicators.targets.status import ACCELERATE, FAR, ON_TRACK, TOO_FEW, WRONG_WAY, progress

D = Decimal


# --- The status (Open SDG's rule) on constructed series -------------------------------------------------

def test_it_is_on_track_when_the_yearly_change_is_at_least_95_percent_of_the_needed():
    # Needed: (50 − 20) / (2027 − 2023) = 7,5 a year. Observed: (35 − 20) / (2025 − 2023) = 7,5 → ratio 1.
    result = progress(2023, D(20), 2027, D(50), True, {2022: D(5), 2023: D(20), 2024: D(26), 2025: D(35)})
    assert (result.status, result.needed_per_year, result.observed_per_year) == (ON_TRACK, D("7.5"), D("7.5"))
    assert (result.latest_year, result.latest_value) == (2025, D(35))
    # 7,2 / 7,5 = 0,96 ≥ 0,95: still on track.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("34.4")}).status == ON_TRACK


def test_it_needs_acceleration_between_half_and_95_percent():
    # Observed (30 − 20) / 2 = 5; 5 / 7,5 = 0,67.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(30)}).status == ACCELERATE
    # 7,1 / 7,5 = 0,947 < 0,95.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("34.2")}).status == ACCELERATE
    # Exactly half: 3,75 / 7,5 = 0,5.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("27.5")}).status == ACCELERATE


def test_it_is_far_from_the_target_below_half_or_without_change():
    # (22 − 20) / 2 = 1; 1 / 7,5 = 0,13.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(22)}).status == FAR
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(20)}).status == FAR


def test_it_goes_the_wrong_way_when_the_figure_moves_away():
    result = progress(2023, D(20), 2027, D(50), True, {2024: D(15)})
    assert (result.status, result.observed_per_year) == (WRONG_WAY, D(-5))


def test_it_reads_lower_is_better():
    # Leavers from 12 % (2022) to 8 % in 2026: needed −1 a year. Observed (10,5 − 12) / 2 = −0,75 → 0,75.
    assert progress(2022, D(12), 2026, D(8), False, {2024: D("10.5")}).status == ACCELERATE
    assert progress(2022, D(12), 2026, D(8), False, {2024: D(10)}).status == ON_TRACK
    assert progress(2022, D(12), 2026, D(8), False, {2024: D(13)}).status == WRONG_WAY


def test_it_counts_a_reached_target_as_on_track():
    assert progress(2023, D(20), 2027, D(50), True, {2024: D(55)}).status == ON_TRACK


def test_it_keeps_a_value_while_it_does_not_fall():
    # Albertslund: the pedagogue share "fastholdes eller højnes" — target = baseline.
    assert progress(2023, D(60), 2027, D(60), True, {2025: D(60)}).status == ON_TRACK
    assert progress(2023, D(60), 2027, D(60), True, {2025: D(59)}).status == WRONG_WAY


def test_it_has_too_few_data_without_a_value_after_the_baseline_year():
    result = progress(2023, D(20), 2027, D(50), True, {2021: D(10), 2023: D(20)})
    assert (result.status, result.observed_per_year, result.label) == (TOO_FEW, None, "for få data")


# --- The rules of a target ----------------------------------------------------------------------------------

def test_it_reads_manual_values_with_a_danish_decimal_comma():
    assert parse_manual_values("2023; 40\n\n2024;45,5\n") == {2023: D(40), 2024: D("45.5")}


@pytest.mark.parametrize(("text", "message"), [
    ("2024 45", "Linje 1: skriv år og værdi adskilt af semikolon"),
    ("2024; fyrre", "Linje 1: “2024; fyrre” er ikke et år og et tal."),
    ("2024; 4\n2024; 5", "Linje 2: året 2024 står der allerede."),
    ("1800; 4", "Linje 1: året skal ligge mellem 2000 og 2100."),
])
def test_it_refuses_unreadable_manual_values_in_danish(text, message):
    with pytest.raises(ValidationError) as error:
        parse_manual_values(text)
    assert error.value.messages[0].startswith(message)
