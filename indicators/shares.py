"""Shares with their base, and the privacy rule: a share built on fewer than 5 answers is not shown.

Public statistics suppress small numbers so that no one's answer can be read out of a figure; every
page, chart and export that shows a share goes through Share, so "for få svar" appears everywhere
the same way.

An aggregate (a region, a comparison group, the country) shown beside its units would undo that: the
aggregate minus the units shown leaves the hidden one. So an aggregate is `pooled` from its units with the
suppressed units left out, and says so (LEFT_OUT); then any aggregate minus the units it shows reveals
nothing, at every level (a region beside the country too, as both hold only units that are shown).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MIN_ANSWERS = 5
SUPPRESSED = _("for få svar")
LEFT_OUT = _("uden kommuner med under 5 svar")


@dataclass(frozen=True)
class Share:
    """`part` of `base` (e.g. positive answers of those who answered), suppressed when the base is small."""

    part: int
    base: int
    # In an aggregate: how many units (municipalities) were left out because their own share is suppressed.
    left_out: int = 0

    @property
    def suppressed(self) -> bool:
        return self.base < MIN_ANSWERS

    @property
    def pct(self) -> float | None:
        """The share in percent, or None when suppressed (never a number that could reveal an answer)."""
        if self.suppressed:
            return None
        return 100 * self.part / self.base

    @property
    def percent(self) -> Decimal | None:
        """The exact share in percent for tables and CSV (rounded there), or None when suppressed."""
        if self.suppressed:
            return None
        return Decimal(100 * self.part) / Decimal(self.base)

    @property
    def n(self) -> int:
        return self.base

    @property
    def rounded(self) -> int | None:
        """Whole percent, half up as statistics round (62.5 -> 63), or None when suppressed."""
        if self.suppressed:
            return None
        return int((Decimal(100 * self.part) / Decimal(self.base)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def __str__(self) -> str:
        if self.suppressed:
            return str(SUPPRESSED)
        return f"{self.rounded} %"


def share(part: int | None, base: int | None) -> Share | None:
    """A Share, or None when either number is unknown."""
    if part is None or base is None:
        return None
    return Share(int(part), int(base))


def pooled(units: Iterable[tuple[int, int]]) -> Share:
    """The share of an aggregate over its units' (part, base), leaving out every unit whose own share is
    suppressed, so that subtracting the units shown from the aggregate reveals no hidden answer."""
    part = base = left_out = 0
    for unit_part, unit_base in units:
        if not unit_base:
            continue  # no answers: nothing to hide, nothing to add
        if Share(unit_part, unit_base).suppressed:
            left_out += 1
            continue
        part += unit_part
        base += unit_base
    return Share(part, base, left_out)
