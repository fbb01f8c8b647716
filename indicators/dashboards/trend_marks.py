"""What a municipality did and what it aims for, drawn on its time-series charts: where its
interventions in the matching pathway started and ended, and its targets for the charted indicators."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from indicators.charts.base import Chart
from indicators.charts.timeline import add_marks, year_spans
from indicators.coverage import load_catalogue
from indicators.targets.observed import targets_with_progress
from indicators.timeline import marks
from recruitment.models import Municipality

from ..targets.page import draw_on_trend_charts

# The imported trend charts (by the end of their id) and the pathways whose interventions they are marked with:
# the practicum evaluations belong to the internship; the workforce shares (pedagogue share, leavers, seniors)
# to getting more into the education and keeping them in the job.
TREND_PATHWAYS = {"-return": ("through-internship",), "-shares": ("into-education", "stay-in-job")}


def on_trend_charts(municipality: Municipality, charts: list[Chart], today: date | None = None) -> None:
    """Marks and targets on the imported trend charts among `charts` (others are left alone). A fixed number of
    queries: the spells (cached), which pathways the interventions work, the targets and their sources."""
    trends = [(chart, slugs) for chart in charts for end, slugs in TREND_PATHWAYS.items() if chart.id.endswith(end)]
    if not trends:
        return
    today = today or timezone.localdate()
    catalogue = load_catalogue()
    every_mark = marks(municipality, [s for _c, slugs in trends for s in slugs], catalogue, today)
    pathway_names = {p.slug: p.name for p in catalogue.pathways}
    for chart, slugs in trends:
        names = {pathway_names[slug] for slug in slugs if slug in pathway_names}
        wanted = [mark for mark in every_mark if names.intersection(mark.pathways)]
        years = [row[0] for row in chart.table.rows if isinstance(row[0], int)]
        if len(years) == len(chart.table.rows):
            add_marks(chart, wanted, year_spans(years), top=100)
    draw_on_trend_charts([chart for chart, _slugs in trends], targets_with_progress(municipality, today))

