"""Targets on charts: the target (a point at its year) and the path from the baseline, drawn on every chart of a
targeted indicator, and the targets page's own chart per target (indicators/targets/ computes the status)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from indicators.charts.base import INK, RUNNING, Cell, Chart, Table, figure, layout, make_chart, pct
from indicators.models import Target
from indicators.targets.observed import TargetProgress

TARGET_COLOUR = "#cc79a7"  # reddish purple (Okabe-Ito): apart from the series and the intervention marks


def number(value) -> str:
    """A target's value as people write it: "50", "16,7" (stored with two decimals, shown with what it needs)."""
    return number_format(value, decimal_pos=0 if value == int(value) else 1, use_l10n=True)


def target_words(target: Target) -> str:
    return _("Mål: fra %(baseline)s (%(baseline_year)s) til %(target)s i %(target_year)s. Kilde: %(source)s") % {
        "baseline": number(target.baseline_value), "baseline_year": target.baseline_year,
        "target": number(target.target_value), "target_year": target.target_year, "source": target.source}


def add_target(chart: Chart, target: Target, status_label: str = "", name: str = "") -> None:
    """The path from the baseline to the target (dashed) and the target (a star), with the year ticks they need."""
    label = name or target.label
    hover = f"{label}<br>{target_words(target)}" + (f"<br>{_('Status')}: {status_label}" if status_label else "")
    chart.figure["data"].append(dict(
        type="scatter", mode="lines+markers", name=_("Mål: %(label)s") % {"label": label},
        x=[target.baseline_year, target.target_year], y=[float(target.baseline_value), float(target.target_value)],
        line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
        marker={"symbol": ["circle-open", "star"], "size": [9, 16], "color": TARGET_COLOUR,
                "line": {"color": TARGET_COLOUR, "width": 2}},
        hovertemplate=hover + "<extra></extra>", cliponaxis=False,
    ))
    xaxis = chart.figure["layout"].setdefault("xaxis", {})
    if isinstance(xaxis.get("tickvals"), list):
        ticks = dict(zip(xaxis["tickvals"], xaxis.get("ticktext") or [str(v) for v in xaxis["tickvals"]],
                         strict=True))
        for year in (target.baseline_year, target.target_year):
            ticks.setdefault(year, str(year))
        xaxis["tickvals"] = sorted(ticks)
        xaxis["ticktext"] = [ticks[v] for v in xaxis["tickvals"]]
    chart.notes.append(f"{target.label}: {target_words(target)}."
                       + (" " + _("Status: %(status)s.") % {"status": status_label} if status_label else ""))


def target_chart(chart_id: str, item: TargetProgress) -> Chart:
    """The observed values year by year, the path from the baseline and the target."""
    target, years = item.target, sorted(item.observed)
    data = [dict(type="scatter", mode="lines+markers", name=_("Målt"), x=years,
                 y=[float(item.observed[year]) for year in years],
                 line={"color": RUNNING, "width": 2.5}, marker={"symbol": "circle", "size": 9, "color": RUNNING},
                 hovertemplate="%{x}: %{y:.1f}<extra>" + _("Målt") + "</extra>")]
    ticks = sorted({*years, target.baseline_year, target.target_year})
    chart = make_chart(chart_id, target.label, figure(data, layout(
        height=300, xaxis={"title": {"text": _("År")}, "tickmode": "array", "tickvals": ticks, "gridcolor": "#e6e9ed"},
        yaxis={"title": {"text": _("Værdi")}, "gridcolor": "#e6e9ed", "zeroline": False, "automargin": True,
               "rangemode": "tozero"},
        font={"color": INK},
    )), Table([_("År"), _("Målt værdi")], [[year, pct(item.observed[year])] for year in years]),
        _("Målte værdier år for år, stien fra udgangsværdien og målet."))
    add_target(chart, target, item.progress.label, _("sti fra udgangsværdien"))
    return chart


def targets_table(items: list[TargetProgress]) -> Table:
    columns = [_("Hvad måles"), _("Udgangsværdi"), _("Udgangsår"), _("Målværdi"), _("Målår"), _("Retning"),
               _("Seneste måling"), _("Seneste år"), _("Nødvendig ændring pr. år"), _("Faktisk ændring pr. år"),
               _("Status"), _("Kilde")]
    rows: list[list[Cell]] = [
        [i.target.label, pct(i.target.baseline_value), i.target.baseline_year, pct(i.target.target_value),
         i.target.target_year, str(i.target.get_direction_display()), pct(i.progress.latest_value),
         i.progress.latest_year, pct(i.progress.needed_per_year), pct(i.progress.observed_per_year),
         i.progress.label, i.target.source]
        for i in items
    ]
    return Table(columns, rows)
