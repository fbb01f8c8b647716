"""A target's progress status, computed the way Open SDG does it (after UN ESCAP's method): the yearly change
observed since the baseline against the yearly change needed to reach the target in its year.

    needed   = (target value − baseline value) / (target year − baseline year)
    observed = (latest value − baseline value) / (latest year − baseline year)
    ratio    = observed / needed

    ratio ≥ 0,95 (or the target already reached)   på vej
    0,5 ≤ ratio < 0,95                              skal accelerere
    0 ≤ ratio < 0,5                                  langt fra
    ratio < 0 (moved away from the target)          går den forkerte vej
    no value after the baseline year                for få data

Open SDG uses compound growth rates; this uses the yearly change in the figure's own unit (percentage points),
because many figures here start at 0 % (a municipality's coverage before its first intervention), where a
growth rate is not defined. A target to keep a value ("fastholdes"; target = baseline) is on track while the
latest value is at least as good as the baseline, and goes the wrong way otherwise. The page states these
thresholds (THRESHOLDS) in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK_RATIO = Decimal("0.95")
ACCELERATE_RATIO = Decimal("0.5")

ON_TRACK = "on-track"
ACCELERATE = "accelerate"
FAR = "far"
WRONG_WAY = "wrong-way"
TOO_FEW = "too-few-data"

LABELS = {
    ON_TRACK: _("på vej"),
    ACCELERATE: _("skal accelerere"),
    FAR: _("langt fra"),
    WRONG_WAY: _("går den forkerte vej"),
    TOO_FEW: _("for få data"),
}
THRESHOLDS = [
    (ON_TRACK, _("den årlige ændring siden udgangsåret er mindst 95 % af den, der skal til for at nå målet i "
                 "målåret – eller målet er allerede nået")),
    (ACCELERATE, _("den årlige ændring er mellem 50 % og 95 % af den, der skal til")),
    (FAR, _("den årlige ændring er under 50 % af den, der skal til, men i den rigtige retning (eller ingen ændring)")),
    (WRONG_WAY, _("tallet har bevæget sig væk fra målet siden udgangsåret")),
    (TOO_FEW, _("der er endnu ingen måling efter udgangsåret")),
]


@dataclass(frozen=True)
class Progress:
    status: str
    needed_per_year: Decimal | None
    observed_per_year: Decimal | None
    latest_year: int | None
    latest_value: Decimal | None

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def ratio(self) -> Decimal | None:
        if self.needed_per_year in (None, 0) or self.observed_per_year is None:
            return None
        return self.observed_per_year / self.needed_per_year


def progress(baseline_year: int, baseline_value: Decimal, target_year: int, target_value: Decimal,
             higher_is_better: bool, observed: Mapping[int, Decimal]) -> Progress:
    """The status from the baseline and the latest observation after the baseline year (`observed`: year →
    value; values of the baseline year and before are not progress)."""
    needed = (target_value - baseline_value) / Decimal(target_year - baseline_year)
    later = sorted(year for year in observed if year > baseline_year)
    if not later:
        return Progress(TOO_FEW, needed, None, None, None)
    latest_year = later[-1]
    latest = Decimal(observed[latest_year])
    change = (latest - baseline_value) / Decimal(latest_year - baseline_year)
    sign = 1 if higher_is_better else -1
    # The target reached (or, for a target to keep a value, kept) counts as on track.
    if sign * (latest - target_value) >= 0:
        status = ON_TRACK
    elif needed == 0 or sign * change < 0:
        status = WRONG_WAY
    else:
        ratio = change / needed
        status = ON_TRACK if ratio >= ON_TRACK_RATIO else ACCELERATE if ratio >= ACCELERATE_RATIO else FAR
    return Progress(status, needed, change, latest_year, latest)
