"""Coverage charts: a municipality's types against their EVA shares, adoption in a set of municipalities
against EVA, and the heatmap of types × municipalities (indicators/coverage.py computes what they draw)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.coverage import Adoption, Catalogue, CatalogueEntry, PathwayCoverage, SetCoverage
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

def _sourced(chart: Chart) -> Chart:
    """Every coverage chart names its source on the page, not only in its XLSX download."""
    chart.source = str(DEFAULT_SOURCE)
    return chart


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
    statuses = sorted(coverage.benchmarked, key=lambda status: status.share)  # plotly draws bottom-up
    labels = [type_label(status.intervention_type.label, status.entry.certainty_word) for status in statuses]
    adoption = region.adoption_by_type() if region is not None else {}
    traces = []
    for state, (name, colour, pattern) in STATE_STYLE.items():
        chosen = [i for i, status in enumerate(statuses) if status.state == state]
        if not chosen:
            continue
        traces.append(dict(
            type="bar", x=[float(statuses[i].share) for i in chosen], y=[labels[i] for i in chosen], orientation="h",
            name=str(name), marker={"color": colour, "line": {"color": INK, "width": 1},
                                    "pattern": {"shape": pattern, "fgcolor": "#6e7781", "size": 7, "solidity": 0.3}},
            hovertemplate="%{y}<br>" + _("EVA-andel") + ": %{x:.1f} %<extra>" + state_word(state) + "</extra>",
        ))
    # The share and the state in words in a column right of the bars, so no colour has to be read
    # and no marker (the region's) covers the words.
    traces.append(dict(
        type="scatter", mode="text", x=[LABEL_COLUMN] * len(statuses), y=labels, showlegend=False,
        customdata=[float(status.share) for status in statuses], text=[state_word(s.state) for s in statuses],
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
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Status i kommunen")]
    if region is not None:
        columns.append(_("Andel i regionen (%)"))
    rows: list[list[Cell]] = []
    for status in sorted(coverage.types, key=lambda s: -(s.share if s.share is not None else Decimal(-1))):
        benchmark = status.entry.benchmark
        note = benchmark.note if benchmark else ""
        row: list[Cell] = [status.intervention_type.label, status.intervention_type.target_group.name,
                           pct(status.share), confidence_text(status.entry.certainty_word, note),
                           state_word(status.state)]
        if region is not None:
            row.append(pct(adoption[status.intervention_type.pk].adoption_pct))
        rows.append(row)
    unbenchmarked = len(coverage.types) - len(statuses)
    notes = [_("%(count)s indsatstyper uden EVA-andel står kun i tabellen.") % {"count": unbenchmarked}] \
        if unbenchmarked else []
    description = _("%(running)s af %(total)s indsatstyper med EVA-andel er i gang i kommunen.") % {
        "running": coverage.active_types, "total": coverage.catalogue_types}
    return _sourced(make_chart(chart_id, coverage.pathway.name, fig, Table(columns, rows), description, notes))


# --- Adoption in a set of municipalities against EVA ----------------------------------------------

def adoption_chart(chart_id: str, title: str, adoptions: list[Adoption], set_name: str) -> Chart:
    """Dots: EVA's share beside the share of the set's municipalities that registered the type."""
    benchmarked = sorted((a for a in adoptions if a.share is not None), key=lambda a: a.share)
    labels = [type_label(a.entry.intervention_type.label, a.entry.certainty_word) for a in benchmarked]
    traces = [
        dict(type="scatter", x=[float(a.share) for a in benchmarked], y=labels, mode="markers", cliponaxis=False,
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
    return _sourced(make_chart(chart_id, title, fig, Table(columns, rows), description, notes))


# --- Heatmap: catalogue types × municipalities ----------------------------------------------------

# A municipality that has registered nothing is unknown, not "does not run": its own colour and a "?".
HEAT_VALUE = {"unreported": 0, "none": 1, "planned": 2, "running": 3}
HEAT_SYMBOL = {"unreported": "?", "none": "", "planned": "P", "running": "✓"}
UNREPORTED = "#ffffff"


@dataclass(frozen=True)
class HeatListItem:
    """One type in the heatmap's stand-in on a phone: which municipalities of the set run it."""

    entry: CatalogueEntry
    running: list[str]  # the names of the municipalities with the type running
    planned: int  # how many have it only planned
    of: int  # the size of the set
    mine: str  # the user's municipality's state in words, "" without one


def heat_list(coverage: SetCoverage, catalogue: Catalogue, highlight_id: int | None = None) -> list[HeatListItem]:
    """The heatmap as a list a phone can show (98 columns cannot be read at 390 px): the types, those run
    by most municipalities first, each with the municipalities that run it. The same figures as the
    heatmap's table."""
    mine = next((m for m in coverage.municipalities if m.pk == highlight_id), None)
    items = []
    for entry in catalogue.all_entries():
        states = [(m, coverage.state(m, entry)) for m in coverage.municipalities]
        items.append(HeatListItem(entry, [m.name for m, state in states if state == "running"],
                                  sum(state == "planned" for _m, state in states), len(states),
                                  state_word(coverage.state(mine, entry)) if mine else ""))
    return sorted(items, key=lambda item: -len(item.running))  # stable: the catalogue's order among equals


def heatmap_chart(chart_id: str, title: str, coverage: SetCoverage, catalogue: Catalogue,
                  highlight_id: int | None = None) -> Chart:
    """Which municipality runs which type; the user's municipality is marked by an arrow and a frame."""
    entries = catalogue.all_entries()
    municipalities = coverage.municipalities
    names = [("► " if m.pk == highlight_id else "") + m.name for m in municipalities]
    states = [[coverage.state(m, entry) for m in municipalities] for entry in entries]
    labels = [type_label(e.intervention_type.label, e.certainty_word) for e in entries]
    words = {state: state_word(state) for state in HEAT_VALUE}  # thousands of cells: translate once
    traces = [dict(
        type="heatmap", z=[[HEAT_VALUE[s] for s in row] for row in states], x=names, y=labels,
        text=[[HEAT_SYMBOL[s] for s in row] for row in states], texttemplate="%{text}",
        textfont={"size": 11 if len(municipalities) <= 40 else 8},  # colour: plotly picks a contrasting one
        customdata=[[words[s] for s in row] for row in states],
        hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
        # xgap/ygap and no colour scale: otherwise plotly.js sets style attributes that the CSP refuses.
        zmin=0, zmax=3, xgap=1, ygap=1, showscale=False,
        colorscale=[[0, UNREPORTED], [0.16, UNREPORTED], [0.17, NOT_RUN], [0.49, NOT_RUN], [0.5, PLANNED],
                    [0.83, PLANNED], [0.84, RUNNING], [1, RUNNING]],
    )]
    # The key, as legend entries: colour and symbol together.
    for name, colour in [(_("✓ i gang"), RUNNING), (_("P planlagt"), PLANNED), (_("tom: kører ikke"), NOT_RUN),
                         (_("?: har ikke registreret endnu"), UNREPORTED)]:
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                           marker={"symbol": "square", "size": 14, "color": colour,
                                   "line": {"color": INK, "width": 1}}))
    shapes = []
    if highlight_id is not None:
        index = next((i for i, m in enumerate(municipalities) if m.pk == highlight_id), None)
        if index is not None:
            shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": index - 0.5, "x1": index + 0.5,
                           "y0": 0, "y1": 1, "line": {"color": INK, "width": 3}})
    fig = figure(traces, layout(
        height=200 + 20 * len(entries), shapes=shapes, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top"},
        xaxis={"side": "top", "tickangle": -60, "automargin": True, "tickfont": {"size": 11}},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
    ))
    adoption = coverage.adoption_by_type()
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Antal kommuner i gang"),
               _("Antal kun planlagt"), _("Kommuner med indsatsen i gang")]
    mine = next((m for m in municipalities if m.pk == highlight_id), None)
    if mine is not None:
        columns.append(_("Din kommune (%(name)s)") % {"name": mine.name})
    rows: list[list[Cell]] = []
    for entry, row in zip(entries, states, strict=True):
        running = [m.name for m, state in zip(municipalities, row, strict=True) if state == "running"]
        cells: list[Cell] = [
            entry.intervention_type.label, entry.intervention_type.target_group.name, pct(entry.share),
            confidence_text(entry.certainty_word, entry.benchmark.note if entry.benchmark else ""),
            len(running), adoption[entry.intervention_type.pk].municipalities - len(running), ", ".join(running)]
        if mine is not None:
            cells.append(words[coverage.state(mine, entry)])
        rows.append(cells)
    description = _("Hver række er en indsatstype, hver søjle en kommune: ✓ i gang, P planlagt, tom kører ikke, "
                    "? kommunen har ikke registreret sine indsatser endnu (%(reporting)s af %(total)s har).") % {
        "reporting": len(coverage.reporting), "total": len(municipalities)}
    return _sourced(make_chart(chart_id, title, fig, Table(columns, rows), description))
