"""/municipalities/<code>/coverage/history/: each pathway's coverage over the years (or the last two years' quarters)
for the municipality, its region and the country, with the municipality's interventions marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.charts.base import Chart
from indicators.charts.timeline import coverage_history_chart
from indicators.coverage import load_catalogue
from indicators.targets.observed import targets_with_progress
from indicators.timeline import coverage_history, marks
from recruitment.models import Municipality

from ..targets.page import draw_on_coverage_history

GRANULARITIES = ("year", "quarter")


@dataclass
class CoverageHistoryPage:
    municipality: Municipality
    granularity: str
    charts: list[Chart]
    today: date

    @property
    def by_quarter(self) -> bool:
        return self.granularity == "quarter"


def coverage_history_page(municipality: Municipality, granularity: str,
                          today: date | None = None) -> CoverageHistoryPage:
    """A fixed number of queries, however many interventions, municipalities or periods (tests count them)."""
    today = today or timezone.localdate()
    catalogue = load_catalogue()
    everyone = list(Municipality.objects.only("id", "region_id", "name"))
    histories = coverage_history(municipality, everyone, granularity, today, catalogue)
    names = [municipality.name, municipality.region.name, _("hele landet")]
    every_mark = marks(municipality, [p.slug for p in catalogue.pathways], catalogue, today)
    charts = [coverage_history_chart(f"history-{h.pathway.slug}", h, names,
                                     [mark for mark in every_mark if h.pathway.name in mark.pathways])
              for h in histories]
    if granularity == "year":
        # Targets run over years (baseline year to target year): drawn on the yearly view, where they fit the axis.
        draw_on_coverage_history(charts, targets_with_progress(municipality, today))
    return CoverageHistoryPage(municipality, granularity, charts, today)
