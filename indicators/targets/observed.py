"""The values a target is measured against, year by year, from the app's own figures (or the values typed in
for an indicator of the municipality's own), and each target's progress. Each source is read once for all of a
municipality's targets: a fixed number of queries, however many targets or years."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from django.utils import timezone

from indicators.coverage import load_catalogue
from indicators.models import PracticumQuestion, Target
from indicators.practicum import question_series
from indicators.timeline import coverage_history
from indicators.workforce import pictures
from recruitment.models import Municipality

from .status import Progress, progress

Series = dict[int, Decimal]
Kind = Target.Indicator

# The workforce picture's attribute behind each workforce indicator.
WORKFORCE: dict[str, str] = {Kind.PEDAGOGUE_SHARE: "pedagogue_share", Kind.LEAVERS_SHARE: "leavers_share",
             Kind.SENIORS_SHARE: "seniors_share", Kind.PART_TIME_SHARE: "part_time_share"}
COVERAGE: dict[str, str] = {Kind.COVERAGE_EDUCATION: "into-education", Kind.COVERAGE_INTERNSHIP: "through-internship",
            Kind.COVERAGE_STAY: "stay-in-job"}


def _coverage(municipality: Municipality, today: date) -> dict[str, Series]:
    everyone = list(Municipality.objects.only("id", "region_id"))
    return {history.pathway.slug: {int(p.period.key): p.municipality for p in history.points
                                   if p.municipality is not None}
            for history in coverage_history(municipality, everyone, "year", today, load_catalogue())}


def _workforce(municipality: Municipality) -> dict[str, Series]:
    series: dict[str, Series] = {attribute: {} for attribute in WORKFORCE.values()}
    for picture in pictures(municipality):
        for attribute in WORKFORCE.values():
            share = getattr(picture, attribute)
            if share is not None and share.percent is not None:
                series[attribute][picture.year] = share.percent
    return series


def _practicum_return(municipality: Municipality) -> Series:
    return {item.year: item.municipality.percent for item in question_series(municipality, PracticumQuestion.RETURN)
            if item.municipality.percent is not None}


@dataclass
class TargetProgress:
    target: Target
    observed: Series
    progress: Progress


class Observations:
    """The municipality's series, each read the first time a target asks for it."""

    def __init__(self, municipality: Municipality, today: date | None = None) -> None:
        self.municipality = municipality
        self.today = today or timezone.localdate()
        self._cache: dict[str, object] = {}

    def _once[T](self, name: str, read: Callable[[], T]) -> T:
        if name not in self._cache:
            self._cache[name] = read()
        return cast(T, self._cache[name])  # a name always holds what its one reader returns

    def series(self, target: Target) -> Series:
        indicator = target.indicator
        if indicator in COVERAGE:
            return self._once("coverage", lambda: _coverage(self.municipality, self.today))[COVERAGE[indicator]]
        if indicator in WORKFORCE:
            return self._once("workforce", lambda: _workforce(self.municipality))[WORKFORCE[indicator]]
        if indicator == Kind.PRACTICUM_RETURN:
            return self._once("practicum", lambda: _practicum_return(self.municipality))
        return target.observed_manual()

    def progress(self, target: Target) -> TargetProgress:
        observed = self.series(target)
        return TargetProgress(target, observed, progress(
            target.baseline_year, target.baseline_value, target.target_year, target.target_value,
            target.direction == Target.Direction.HIGHER, observed))


def targets_with_progress(municipality: Municipality, today: date | None = None) -> list[TargetProgress]:
    observations = Observations(municipality, today)
    return [observations.progress(target) for target in municipality.targets.order_by("target_year", "pk")]
