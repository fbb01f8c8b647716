"""How numbers are computed and rounded for people: percentages, means and one decimal.

Every percentage on a page, in a chart, a table or a CSV is rounded by `round1`, so a figure reads the
same wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import overload

ONE_DECIMAL = Decimal("0.1")

# Digits as Danes type them: "2.000" (a thousands separator between groups of three), "16,7" (a decimal comma).
# No exponent, NaN or Infinity: "1e999999" is not something a person types as a number.
DANISH_NUMBER = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


@overload
def round1(value: Decimal) -> Decimal: ...
@overload
def round1(value: None) -> None: ...
@overload
def round1(value: Decimal | None) -> Decimal | None: ...
def round1(value: Decimal | None) -> Decimal | None:
    """One decimal, rounded half up as people round by hand; never "-0.0" (a difference of -0.04 points is 0.0)."""
    if value is None:
        return None
    rounded = value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def danish_decimal(text: str) -> Decimal | None:
    """A number typed the Danish way ("2.000" is two thousand, "16,7" is 16.7), or None when it is not one."""
    text = text.strip().replace("\N{NO-BREAK SPACE}", "").replace(" ", "")
    if not DANISH_NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


def percent(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part * 100) / Decimal(whole)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    return None if not values else sum(values, Decimal(0)) / len(values)
