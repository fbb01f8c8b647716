"""What ran when: each intervention's spell (from its dates, with its history where the dates are missing),
coverage over time for a municipality beside its region and the country, and the marks the trend charts draw
where a municipality's interventions started and ended.

Decisions:

- An intervention ran during a period when it started by the period's last day and had not ended before its
  first day – the rule of `interventions.spells` (the intervention list's and the API's year filters use it too),
  applied here so that every period of every municipality comes from the same two queries.
- Dates rule: a backdated entry (registered in 2025 with a start date in 2022) counts from its start date,
  not from the day it was typed in.
- Only interventions that actually started count: status running or ended. A planned intervention has not
  started, whatever its start date says. Deleted interventions do not count: deleting is how a wrong entry is
  taken back (the history keeps them, for a restore).
- The history speaks only where the dates are silent: a running or ended intervention without a start date
  started when it was first saved as running; an ended intervention without an end date ended when it was
  last saved as ended. One created straight as "ended" without dates cannot be placed and is left out.
- The catalogue and EVA's shares are today's for every period, so the periods compare like for like.
- Averages are over the municipalities that reported by then (see `reported_by`), as today's averages are
  over the reporting municipalities.

The package: periods.py (years and quarters), intervention_spells.py (when each intervention ran; who had
reported by then), coverage_over_time.py (coverage over time), chart_marks.py (the start and end marks of trend charts).
Module names differ from the functions they hold (spells, marks), which the package re-exports.
"""

from .chart_marks import Mark, marks
from .coverage_over_time import (
    AveragePoint,
    CoveragePoint,
    PathwayHistory,
    average_in,
    coverage_history,
    coverage_in,
    periods_for,
)
from .intervention_spells import RAN, Spell, Spells, read_spells, reported_by, spells
from .periods import MAX_YEARS, MIN_YEARS, QUARTERS, Period, decimal_year, quarters, years

__all__ = [
    "AveragePoint", "CoveragePoint", "MAX_YEARS", "MIN_YEARS", "Mark", "PathwayHistory", "Period", "QUARTERS",
    "RAN", "Spell", "Spells", "average_in", "coverage_history", "coverage_in", "decimal_year", "marks", "periods_for",
    "quarters", "read_spells", "reported_by", "spells", "years",
]
