"""/municipalities/<code>/targets/: the municipality's targets with their status (Open SDG's rule), a chart per
target and the list as CSV; and the targets drawn on the other charts of their indicators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indicators.charts.base import Chart, Table
from indicators.models import Target
from indicators.targets.observed import COVERAGE, TargetProgress, targets_with_progress
from indicators.targets.status import LABELS, THRESHOLDS
from recruitment.models import Municipality

from .charts import add_target, target_chart, targets_table


@dataclass
class TargetsPage:
    municipality: Municipality
    items: list[TargetProgress]
    charts: list[Chart]
    table: Table
    thresholds: list[tuple[str, str]]

    def rows(self) -> list[tuple[TargetProgress, Chart]]:
        return list(zip(self.items, self.charts, strict=True))


def targets_page(municipality: Municipality, today: date | None = None) -> TargetsPage:
    items = targets_with_progress(municipality, today)
    charts = [target_chart(f"target-{item.target.pk}", item) for item in items]
    thresholds = [(str(LABELS[status]), str(words)) for status, words in THRESHOLDS]
    return TargetsPage(municipality, items, charts, targets_table(items), thresholds)


def draw_on_coverage_history(charts: list[Chart], items: list[TargetProgress]) -> None:
    """The coverage-over-time charts (id history-<pathway slug>) get the targets of their pathway's coverage."""
    for item in items:
        slug = COVERAGE.get(item.target.indicator)
        for chart in charts:
            if slug and chart.id == f"history-{slug}":
                add_target(chart, item.target, item.progress.label)


def draw_on_trend_charts(charts: list[Chart], items: list[TargetProgress]) -> None:
    """The imported trend charts: practicum return (id ending -return) and the workforce shares (-shares)."""
    for chart in charts:
        for item in items:
            indicator = item.target.indicator
            if ((chart.id.endswith("-return") and indicator == Target.Indicator.PRACTICUM_RETURN)
                    or (chart.id.endswith("-shares") and indicator in WORKFORCE_INDICATORS)):
                add_target(chart, item.target, item.progress.label)


WORKFORCE_INDICATORS = {Target.Indicator.PEDAGOGUE_SHARE, Target.Indicator.LEAVERS_SHARE,
                        Target.Indicator.SENIORS_SHARE, Target.Indicator.PART_TIME_SHARE}
