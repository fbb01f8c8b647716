"""The periods coverage over time is shown for: years (at most ten, at least five) and the last eight quarters,
the running one marked as partial.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

MAX_YEARS = 10  # the yearly series goes back at most this many years …
MIN_YEARS = 5  # … and shows at least this many, so a young series still has a frame
QUARTERS = 8  # the quarterly series: the last two years

@dataclass(frozen=True)
class Period:
    key: str  # "2023" or "2025-Q1": the CSV's and the URL's name for it
    label: str  # what a person reads: "2023", "1. kvt. 2025"
    start: date
    end: date  # the last day, or today for the period that is still running
    position: float  # where a chart puts it on a time axis in years (2025.0, 2025.25, …)
    partial: bool = False  # still running: "to date"
    years: float = 1.0  # its length on the time axis: 1 for a year, 0.25 for a quarter


def decimal_year(day: date) -> float:
    """A date on a chart's time axis counted in years: 1 July 2023 is about 2023.5."""
    days = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


def years(first: int, today: date) -> list[Period]:
    return [Period(str(year), str(year), date(year, 1, 1), min(date(year, 12, 31), today), float(year),
                   partial=year == today.year)
            for year in range(first, today.year + 1)]


def quarters(today: date, count: int = QUARTERS) -> list[Period]:
    """The last `count` quarters up to and including today's."""
    index = today.year * 4 + (today.month - 1) // 3  # quarters since year 0
    periods = []
    for i in range(index - count + 1, index + 1):
        year, quarter = divmod(i, 4)
        start = date(year, quarter * 3 + 1, 1)
        last = date(year, quarter * 3 + 3, calendar.monthrange(year, quarter * 3 + 3)[1])
        periods.append(Period(f"{year}-Q{quarter + 1}", _("%(q)s. kvt. %(year)s") % {"q": quarter + 1, "year": year},
                              start, min(last, today), year + quarter / 4, partial=last > today, years=0.25))
    return periods
