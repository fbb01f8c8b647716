"""The workforce projection's chart: supply against demand in full-time equivalents, the gap shaded and the
three pathways' contributions stacked on the central supply. Built as a plain figure dict (see charts.base.figure)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from ..charts.base import EVERYONE, INK, PLANNED, REGION, RUNNING, Chart, Table, figure, layout, make_chart
from ..charts.preview import line_preview
from ..projection import Projection

# Colour and pattern per pathway: the legend names them, the pattern tells them apart without colour.
PATHWAY_STYLE = {
    "into-education": ("#009e73", "/"),
    "through-internship": (PLANNED, "x"),
    "stay-in-job": ("#cc79a7", "."),
}
DEMAND = REGION
GAP = "rgba(213, 94, 0, 0.15)"


def projection_chart(chart_id: str, title: str, scenario: Projection, central: Projection,
                     contributions: dict[str, list[float]], pathway_names: dict[str, str], table: Table,
                     description: str, observed: Sequence[tuple[int, float, float]] = ()) -> Chart:
    """`observed`: the statistics' years before the base year (year, persons, FTE), drawn solid up to the base
    year, so the projection visibly continues them."""
    years = [row.year for row in scenario.rows]
    traces: list[dict] = []
    if observed:
        base = scenario.rows[0]
        past = [*observed, (base.year, base.pedagogues, base.supply_fte)]
        traces.append({"type": "scatter", "mode": "lines+markers", "name": _("Pædagoger, faktisk (personer)"),
                       "x": [item[0] for item in past], "y": [round(item[1], 1) for item in past],
                       "line": {"color": EVERYONE, "width": 2}, "marker": {"size": 5},
                       "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
        traces.append({"type": "scatter", "mode": "lines+markers", "name": _("Udbud, faktisk (årsværk)"),
                       "x": [item[0] for item in past], "y": [round(item[2], 1) for item in past],
                       "line": {"color": RUNNING, "width": 3}, "marker": {"size": 6},
                       "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
    first = past[0][0] if observed else years[0]
    stacked = [row.supply_fte for row in central.rows]
    traces.append({"type": "scatter", "mode": "lines+markers", "name": _("Udbud uden håndtag (årsværk), fremskrevet"),
                   "x": years, "y": [round(value, 1) for value in stacked],
                   "line": {"color": RUNNING, "width": 3, "dash": "dot" if observed else "solid"},
                   "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
    for slug, values in contributions.items():
        if not any(abs(value) > 1e-9 for value in values):
            continue
        colour, pattern = PATHWAY_STYLE[slug]
        stacked = [below + value for below, value in zip(stacked, values, strict=True)]
        traces.append({"type": "scatter", "mode": "lines", "x": years,
                       "name": _("%(pathway)s: det skraverede er vejens bidrag (årsværk)") % {
                           "pathway": pathway_names[slug]},
                       "y": [round(value, 1) for value in stacked], "fill": "tonexty", "fillcolor": colour,
                       "fillpattern": {"shape": pattern, "fgcolor": INK, "solidity": 0.2},
                       "line": {"color": colour, "width": 1},
                       "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
    if any(trace.get("fill") for trace in traces):
        traces.append({"type": "scatter", "mode": "lines", "name": _("Udbud i scenariet (årsværk)"), "x": years,
                       "y": [round(row.supply_fte, 1) for row in scenario.rows],
                       "line": {"color": INK, "width": 2, "dash": "dot"},
                       "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
    # Demand last, filled to the supply line before it: the shaded band is the gap.
    traces.append({"type": "scatter", "mode": "lines+markers", "name": _("Behov (årsværk); skraveret: forskellen"),
                   "x": years, "y": [round(row.demand_fte, 1) for row in scenario.rows], "fill": "tonexty",
                   "fillcolor": GAP, "line": {"color": DEMAND, "width": 3, "dash": "dash"},
                   "marker": {"symbol": "diamond", "size": 7},
                   "hovertemplate": "%{y:,.1f}<extra>%{fullData.name}</extra>"})
    fig = figure(traces, layout(
        height=380, margin={"l": 60, "r": 10, "t": 10, "b": 40},
        xaxis=_years_axis(first, years[-1]),
        yaxis={"title": {"text": _("Årsværk")}, "rangemode": "tozero", "tickformat": ",d", "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"},
        hovermode="x unified",
    ))
    return _with_preview(make_chart(chart_id, title, fig, table, description))


def sum_chart(chart_id: str, title: str, years: Sequence[int], supply: Sequence[float], demand: Sequence[float],
              table: Table, description: str) -> Chart:
    """A region's or the country's summed supply and demand (central scenario)."""
    traces = [
        {"type": "scatter", "mode": "lines+markers", "name": _("Udbud (årsværk)"), "x": list(years),
         "y": [round(value, 1) for value in supply], "line": {"color": RUNNING, "width": 3}},
        {"type": "scatter", "mode": "lines+markers", "name": _("Behov (årsværk); skraveret: forskellen"),
         "x": list(years), "y": [round(value, 1) for value in demand], "fill": "tonexty", "fillcolor": GAP,
         "line": {"color": DEMAND, "width": 3, "dash": "dash"}, "marker": {"symbol": "diamond", "size": 7}},
    ]
    fig = figure(traces, layout(
        height=340, margin={"l": 80, "r": 10, "t": 10, "b": 40},
        xaxis=_years_axis(years[0], years[-1]),
        yaxis={"title": {"text": _("Årsværk")}, "rangemode": "tozero", "tickformat": ",d", "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"}, hovermode="x unified",
    ))
    return _with_preview(make_chart(chart_id, title, fig, table, description))


def _with_preview(chart: Chart) -> Chart:
    """The projection's chart stands in the page's first screen: it shows at once as a still picture."""
    chart.preview = line_preview(chart.figure, chart.id)
    return chart


def _years_axis(first: int, last: int) -> dict[str, object]:
    """Every year its tick, the last one included (a phone's narrow axis would otherwise skip some)."""
    return {"tickmode": "array", "tickvals": list(range(first, last + 1)),
            "ticktext": [str(year) for year in range(first, last + 1)], "fixedrange": True,
            "range": [first - 0.3, last + 0.3]}
