"""Coverage charts: a municipality's types against their EVA shares, adoption in a set of municipalities
against EVA (indicators/coverage/ computes what they draw; heatmap.py draws types × municipalities)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.coverage import Adoption, PathwayCoverage, SetCoverage, TypeStatus
from indicators.numbers import round1

from .base import (
    DEFAULT_SOURCE,
    EVA,
    INK,
    LABEL_COLUMN,
    NOT_RUN,
    PLANNED,
    REGION,
    RUNNING,
    Cell,
    Chart,
    Table,
    confidence_text,
    figure,
    layout,
    make_chart,
    pct,
    rows_height,
    type_label,
)

# --- A municipality's types against their EVA shares ---------------------------------------------

def sourced(chart: Chart) -> Chart:
    """Every coverage chart names its source on the page, not only in its XLSX download."""
    chart.source = str(DEFAULT_SOURCE)
    return chart


def _eva_share(item: TypeStatus | Adoption) -> Decimal:
    """EVA's share of a type in a list of benchmarked types (only those with a share)."""
    assert item.share is not None, "only benchmarked types are listed"
    return item.share


def _float(value: Decimal | None) -> float | None:
    """A share for plotly, rounded as everywhere; None (no point drawn) when no municipality reports."""
    rounded = round1(value)
    return None if rounded is None else float(rounded)


STATE_STYLE = {
    # state: (legend name, colour, pattern); the bar's text also says the state in words.
    "running": (gettext_lazy("I gang i kommunen"), RUNNING, ""),
    "planned": (gettext_lazy("Kun planlagt"), PLANNED, "/"),
    "none": (gettext_lazy("Kører ikke"), NOT_RUN, "."),
}


def state_word(state: str) -> str:
    return {"running": _("I gang"), "planned": _("Planlagt"), "none": _("Kører ikke"),
            "unreported": _("Ikke registreret endnu")}[state]


def pathway_types_chart(chart_id: str, coverage: PathwayCoverage, region: SetCoverage | None = None,
                        region_name: str = "") -> Chart:
    """Bars: the EVA share of each benchmarked type, filled by whether the municipality runs it;
    with `region`, a marker for the share of the region's municipalities that run it."""
    statuses = sorted(coverage.benchmarked, key=_eva_share)  # plotly draws bottom-up
    labels = [type_label(status.intervention_type.label, status.entry.certainty_word) for status in statuses]
    adoption = region.adoption_by_type() if region is not None else {}
    traces: list[dict[str, Any]] = []
    for state, (name, colour, pattern) in STATE_STYLE.items():
        chosen = [i for i, status in enumerate(statuses) if status.state == state]
        if not chosen:
            continue
        traces.append(dict(
            type="bar", x=[float(_eva_share(statuses[i])) for i in chosen], y=[labels[i] for i in chosen],
            orientation="h",
            name=str(name), marker={"color": colour, "line": {"color": INK, "width": 1},
                                    "pattern": {"shape": pattern, "fgcolor": "#6e7781", "size": 7, "solidity": 0.3}},
            hovertemplate="%{y}<br>" + _("EVA-andel") + ": %{x:.1f} %<extra>" + state_word(state) + "</extra>",
        ))
    # The share and the state in words in a column right of the bars, so no colour has to be read
    # and no marker (the region's) covers the words.
    traces.append(dict(
        type="scatter", mode="text", x=[LABEL_COLUMN] * len(statuses), y=labels, showlegend=False,
        customdata=[float(_eva_share(status)) for status in statuses], text=[state_word(s.state) for s in statuses],
        texttemplate="%{customdata:.0f} % · %{text}", textposition="middle right", cliponaxis=False,
        textfont={"color": INK, "size": 12}, hoverinfo="skip",
    ))
    if region is not None:
        traces.append(dict(
            type="scatter", x=[_float(adoption[s.intervention_type.pk].adoption_pct) for s in statuses],
            y=labels, mode="markers", name=_("Andel i %(region)s") % {"region": region_name},
            marker={"symbol": "line-ns", "size": 22, "color": REGION, "line": {"color": REGION, "width": 4}},
            hovertemplate="%{y}<br>" + region_name + ": %{x:.1f} %<extra></extra>",
        ))
    fig = figure(traces, layout(
        barmode="stack", height=110 + rows_height(labels, 34), bargap=0.25,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        # Room right of 100 % for the text column.
        xaxis={"title": {"text": _("Andel af kommunerne, der har indsatsen (EVA 2024), %")}, "range": [0, 125],
               "tickvals": [0, 20, 40, 60, 80, 100],
               "ticktext": ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"], "gridcolor": "#e6e9ed", "zeroline": False},
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True},
    ))
    unbenchmarked = len(coverage.types) - len(statuses)
    notes = [_("%(count)s indsatstyper uden EVA-andel står kun i tabellen.") % {"count": unbenchmarked}] \
        if unbenchmarked else []
    description = _("%(running)s af %(total)s indsatstyper med EVA-andel er i gang i kommunen.") % {
        "running": coverage.active_types, "total": coverage.catalogue_types}
    return sourced(make_chart(chart_id, coverage.pathway.name, fig, types_table(coverage, region), description, notes))


def types_table(coverage: PathwayCoverage, region: SetCoverage | None = None, with_notes: bool = True) -> Table:
    """Every type of the pathway, the most widespread first: its EVA share and how sure it is, its state in the
    municipality and, with `region`, the share of the region's municipalities that run it. Without `with_notes`
    an uncertain share says only its word (foreløbig, udledt af teksten), not why: the printed brief, where the
    same long note would fill pages."""
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Status i kommunen")]
    adoption = region.adoption_by_type() if region is not None else {}
    if region is not None:
        columns.append(_("Andel i regionen (%)"))
    rows: list[list[Cell]] = []
    for status in sorted(coverage.types, key=lambda s: -(s.share if s.share is not None else Decimal(-1))):
        benchmark = status.entry.benchmark
        note = benchmark.note if benchmark and with_notes else ""
        row: list[Cell] = [status.intervention_type.label, status.intervention_type.target_group.name,
                           pct(status.share), confidence_text(status.entry.certainty_word, note),
                           state_word(status.state)]
        if region is not None:
            row.append(pct(adoption[status.intervention_type.pk].adoption_pct))
        rows.append(row)
    return Table(columns, rows)


# --- Adoption in a set of municipalities against EVA ----------------------------------------------

def adoption_chart(chart_id: str, title: str, adoptions: list[Adoption], set_name: str) -> Chart:
    """Dots: EVA's share beside the share of the set's municipalities that registered the type."""
    benchmarked = sorted((a for a in adoptions if a.share is not None), key=_eva_share)
    labels = [type_label(a.entry.intervention_type.label, a.entry.certainty_word) for a in benchmarked]
    traces = [
        dict(type="scatter", x=[float(_eva_share(a)) for a in benchmarked], y=labels, mode="markers", cliponaxis=False,
             name=_("EVA 2024 (alle kommuner)"), marker={"symbol": "diamond", "size": 11, "color": EVA},
             hovertemplate="%{y}<br>EVA: %{x:.1f} %<extra></extra>"),
        dict(type="scatter", x=[_float(a.adoption_pct) for a in benchmarked], y=labels, mode="markers",
             cliponaxis=False, name=_("Registreret i %(set)s") % {"set": set_name},
             marker={"symbol": "circle-open", "size": 11, "color": RUNNING, "line": {"width": 2.5}},
             hovertemplate="%{y}<br>" + set_name + ": %{x:.1f} %<extra></extra>"),
    ]
    fig = figure(traces, layout(
        height=110 + rows_height(labels, 26),
        xaxis={"title": {"text": _("Andel af kommunerne, %")}, "range": [0, 102], "ticksuffix": " %",
               "gridcolor": "#e6e9ed", "zeroline": False},
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True, "gridcolor": "#f0f2f4"},
    ))
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Antal kommuner"),
               _("Andel af kommunerne (%)")]
    rows: list[list[Cell]] = [
        [a.entry.intervention_type.label, a.entry.intervention_type.target_group.name, pct(a.share),
         confidence_text(a.entry.certainty_word, a.entry.benchmark.note if a.entry.benchmark else ""),
         a.municipalities, pct(a.adoption_pct)]
        for a in sorted(adoptions, key=lambda a: -(a.share if a.share is not None else Decimal(-1)))
    ]
    unbenchmarked = len(adoptions) - len(benchmarked)
    notes = [_("%(count)s indsatstyper uden EVA-andel står kun i tabellen.") % {"count": unbenchmarked}] \
        if unbenchmarked else []
    reporting = adoptions[0].of if adoptions else 0
    description = _("EVA's andel og andelen af kommunerne i %(set)s, der har hver indsatstype i gang – taget over "
                    "de %(reporting)s kommuner, der har registreret deres indsatser.") % {
        "set": set_name, "reporting": reporting}
    return sourced(make_chart(chart_id, title, fig, Table(columns, rows), description, notes))
