"""Charts: plotly figures built in Python, handed to the page as JSON and drawn by static/js/charts.js.

The machinery is general, so any dashboard section can add a chart:

    fig = go.Figure(...)                      # or a dict from figure(); layout() gives Danish numbers
    chart = make_chart("my-chart", _("Titel"), fig, Table(columns, rows))
    link_csv([chart], request.path, params)   # its downloads: the page URL with ?csv=my-chart or ?xlsx=my-chart
    {% include "indicators/chart.html" with chart=chart %}

and the page view answers `?csv=<id>` and `?xlsx=<id>` with `csv_download(request, charts)`. Every chart
carries its numbers as a `Table`, shown in a <details> under the chart and served as CSV for Danish Excel
and as XLSX (recruitment.exports), so nothing is only in the picture. Colours never carry meaning alone:
each state also has a pattern, a symbol or a word.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

import plotly.graph_objects as go
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import numberformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment import exports

from .coverage import Adoption, Catalogue, PathwayCoverage, SetCoverage, round1

# Colour-blind safe (Okabe-Ito based) and matched with app.css; always paired with a pattern or symbol.
INK = "#1b1f24"
RUNNING = "#0b5cad"
PLANNED = "#e69f00"
NOT_RUN = "#c9d1d9"
EVA = "#1b1f24"
REGION = "#d55e00"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LABEL_LENGTH = 60
LABEL_COLUMN = 102  # x of the text column right of 100 %


# --- Tables: the numbers behind every chart -----------------------------------------------------

Cell = str | int | Decimal | None


@dataclass(frozen=True)
class DisplayCell:
    text: str
    numeric: bool


@dataclass
class Table:
    columns: Sequence[str]
    rows: list[list[Cell]]
    highlight: set[int] = field(default_factory=set)  # indexes of rows to highlight (the user's municipality)

    def display_rows(self) -> list[tuple[bool, list[DisplayCell]]]:
        """Rows for HTML: Danish number format (decimal comma, thousands dot), '–' for no value."""
        separators = get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")  # once, not per cell
        return [(index in self.highlight, [_display(cell, *separators) for cell in row])
                for index, row in enumerate(self.rows)]

    def to_csv(self) -> str:
        """Comma-separated, decimal point, header first: the same convention as coverage.csv. Text cells
        go through recruitment.exports, so a label typed by a user cannot become a spreadsheet formula."""
        return exports.csv_text(self.columns, self.rows)


def _display(cell: Cell, decimal: str, thousands: str) -> DisplayCell:
    if cell is None:
        return DisplayCell("–", False)
    if isinstance(cell, bool | str):
        return DisplayCell(str(cell), False)
    # Decimals arrive rounded (see `pct`); with decimal_pos, numberformat would truncate rather than round.
    return DisplayCell(numberformat.format(cell, decimal, grouping=3, thousand_sep=thousands, force_grouping=True),
                       True)


def pct(value: Decimal | None) -> Decimal | None:
    """A percentage for a table or CSV: one decimal, rounded half up."""
    return round1(value)


# --- Charts ----------------------------------------------------------------------------------

@dataclass
class Chart:
    id: str
    title: str
    figure: dict
    table: Table
    description: str = ""  # one sentence for screen readers: what the chart shows
    notes: list[str] = field(default_factory=list)
    csv_url: str = ""
    xlsx_url: str = ""
    source: str = ""  # where the numbers come from, for the XLSX's sheet about them; DEFAULT_SOURCE when empty

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def figure_data(fig: go.Figure | dict) -> dict:
    """A figure as plain JSON data for `json_script` (a JSON string would be encoded twice)."""
    return json.loads(fig.to_json()) if isinstance(fig, go.Figure) else fig


def figure(data: list[dict], layout: dict) -> dict:
    """A plotly figure as the dict `go.Figure(...).to_plotly_json()` would give.

    The dashboards' own figures are written this way because building a `go.Figure` validates every
    property in Python, ~30 ms per figure, more than a whole page may take; tests/test_charts.py
    passes each of them through `go.Figure` so plotly still checks them against its schema."""
    return {"data": data, "layout": layout}


def make_chart(chart_id: str, title: str, fig: go.Figure | dict, table: Table, description: str = "",
               notes: Iterable[str] = ()) -> Chart:
    return Chart(chart_id, title, figure_data(fig), table, description, list(notes))


def link_csv(charts: Iterable[Chart], path: str, params: dict[str, str] | None = None) -> None:
    """Each chart's downloads are its page with the page's filters and ?csv=<chart id> or ?xlsx=<chart id>."""
    for chart in charts:
        chart.csv_url = f"{path}?{urlencode({**(params or {}), 'csv': chart.id})}"
        chart.xlsx_url = f"{path}?{urlencode({**(params or {}), 'xlsx': chart.id})}"


DEFAULT_SOURCE = gettext_lazy("Kommunernes registrerede indsatser i Pædagoger nok; andele af kommunerne fra EVA, "
                              "Flere pædagoger til daginstitutioner (2024)")
FORMATS = ("csv", "xlsx")


def requested_download(request: HttpRequest) -> tuple[str, str] | None:
    """(format, table id) from ?csv=<id> or ?xlsx=<id>; None when the page itself is asked for."""
    return next(((fmt, request.GET[fmt]) for fmt in FORMATS if fmt in request.GET), None)


def download(request: HttpRequest, fmt: str, table: Table, name: str, title: str, source: str = "",
             notes: Iterable[str] = ()) -> HttpResponse:
    """A table as CSV for Excel set to Danish, or as XLSX with a sheet saying what it is, whence and when."""
    if fmt == "xlsx":
        about = [(_("Tabel"), title), *[(_("Note"), note) for note in notes if note],
                 (_("Kilde"), source or DEFAULT_SOURCE), (_("Hentet"), timezone.now()),
                 (_("Side"), request.build_absolute_uri())]
        return exports.xlsx_response(table.columns, table.rows, f"{name}.xlsx", title, about)
    return exports.danish_csv_response(table.columns, table.rows, f"{name}.csv")


def csv_download(request: HttpRequest, charts: Iterable[Chart], prefix: str) -> HttpResponse | None:
    """The CSV or XLSX of the chart named by ?csv= or ?xlsx=, None when the page itself is asked for."""
    asked = requested_download(request)
    if asked is None:
        return None
    fmt, chart_id = asked
    chart = next((chart for chart in charts if chart.id == chart_id), None)
    if chart is None:
        raise Http404(_("Ukendt diagram."))
    return download(request, fmt, chart.table, f"{prefix}-{chart.id}", chart.title, chart.source,
                    [chart.description, *chart.notes])


def layout(**overrides: object) -> dict[str, object]:
    """The shared look: Danish separators (decimal comma, thousands dot), readable fonts, white ground.

    With a `go.Figure`, use `fig.update_layout(**layout(template="none", ...))`: the "none" template keeps
    plotly's default template (several kB) out of the page."""
    base: dict[str, object] = {
        "separators": ",.",
        "font": {"family": FONT, "size": 13, "color": INK},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "hoverlabel": {"font": {"family": FONT}},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    base.update(overrides)
    return base


def short(label: str, length: int = LABEL_LENGTH) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def type_label(entry_label: str, provisional: bool) -> str:
    """An axis label; provisional shares say so in the label itself, not only in a colour."""
    return short(entry_label) + (" " + _("(foreløbig)") if provisional else "")


def confidence_text(provisional: bool, note: str) -> str:
    return f"{_('foreløbig')}: {note}" if provisional and note else (_("foreløbig") if provisional else "")


# --- A municipality's types against their EVA shares ---------------------------------------------

STATE_STYLE = {
    # state: (legend name, colour, pattern); the bar's text also says the state in words.
    "running": (gettext_lazy("I gang i kommunen"), RUNNING, ""),
    "planned": (gettext_lazy("Kun planlagt"), PLANNED, "/"),
    "none": (gettext_lazy("Kører ikke"), NOT_RUN, "."),
}


def state_word(state: str) -> str:
    return {"running": _("I gang"), "planned": _("Planlagt"), "none": _("Kører ikke")}[state]


def pathway_types_chart(chart_id: str, coverage: PathwayCoverage, region: SetCoverage | None = None,
                        region_name: str = "") -> Chart:
    """Bars: the EVA share of each benchmarked type, filled by whether the municipality runs it;
    with `region`, a marker for the share of the region's municipalities that run it."""
    statuses = sorted(coverage.benchmarked, key=lambda status: status.share)  # plotly draws bottom-up
    labels = [type_label(status.intervention_type.label, status.is_provisional) for status in statuses]
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
            type="scatter", x=[float(round1(adoption[s.intervention_type.pk].adoption_pct) or 0) for s in statuses],
            y=labels, mode="markers", name=_("Andel i %(region)s") % {"region": region_name},
            marker={"symbol": "line-ns", "size": 22, "color": REGION, "line": {"color": REGION, "width": 4}},
            hovertemplate="%{y}<br>" + region_name + ": %{x:.1f} %<extra></extra>",
        ))
    fig = figure(traces, layout(
        barmode="stack", height=110 + 34 * max(len(statuses), 1), bargap=0.25,
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
                           pct(status.share), confidence_text(status.is_provisional, note), state_word(status.state)]
        if region is not None:
            row.append(pct(adoption[status.intervention_type.pk].adoption_pct))
        rows.append(row)
    unbenchmarked = len(coverage.types) - len(statuses)
    notes = [_("%(count)s indsatstyper uden EVA-andel står kun i tabellen.") % {"count": unbenchmarked}] \
        if unbenchmarked else []
    description = _("%(running)s af %(total)s indsatstyper med EVA-andel er i gang i kommunen.") % {
        "running": coverage.active_types, "total": coverage.catalogue_types}
    return make_chart(chart_id, coverage.pathway.name, fig, Table(columns, rows), description, notes)


# --- Adoption in a set of municipalities against EVA ----------------------------------------------

def adoption_chart(chart_id: str, title: str, adoptions: list[Adoption], set_name: str) -> Chart:
    """Dots: EVA's share beside the share of the set's municipalities that registered the type."""
    benchmarked = sorted((a for a in adoptions if a.share is not None), key=lambda a: a.share)
    labels = [type_label(a.entry.intervention_type.label, a.entry.is_provisional) for a in benchmarked]
    traces = [
        dict(type="scatter", x=[float(a.share) for a in benchmarked], y=labels, mode="markers", cliponaxis=False,
             name=_("EVA 2024 (alle kommuner)"), marker={"symbol": "diamond", "size": 11, "color": EVA},
             hovertemplate="%{y}<br>EVA: %{x:.1f} %<extra></extra>"),
        dict(type="scatter", x=[float(round1(a.adoption_pct) or 0) for a in benchmarked], y=labels, mode="markers",
             cliponaxis=False, name=_("Registreret i %(set)s") % {"set": set_name},
             marker={"symbol": "circle-open", "size": 11, "color": RUNNING, "line": {"width": 2.5}},
             hovertemplate="%{y}<br>" + set_name + ": %{x:.1f} %<extra></extra>"),
    ]
    fig = figure(traces, layout(
        height=110 + 26 * max(len(benchmarked), 1),
        xaxis={"title": {"text": _("Andel af kommunerne, %")}, "range": [0, 102], "ticksuffix": " %",
               "gridcolor": "#e6e9ed", "zeroline": False},
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True, "gridcolor": "#f0f2f4"},
    ))
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Antal kommuner"),
               _("Andel af kommunerne (%)")]
    rows: list[list[Cell]] = [
        [a.entry.intervention_type.label, a.entry.intervention_type.target_group.name, pct(a.share),
         confidence_text(a.entry.is_provisional, a.entry.benchmark.note if a.entry.benchmark else ""),
         a.municipalities, pct(a.adoption_pct)]
        for a in sorted(adoptions, key=lambda a: -(a.share if a.share is not None else Decimal(-1)))
    ]
    unbenchmarked = len(adoptions) - len(benchmarked)
    notes = [_("%(count)s indsatstyper uden EVA-andel står kun i tabellen.") % {"count": unbenchmarked}] \
        if unbenchmarked else []
    description = _("EVA's andel og andelen af kommunerne i %(set)s, der har registreret hver indsatstype.") % {
        "set": set_name}
    return make_chart(chart_id, title, fig, Table(columns, rows), description, notes)


# --- Heatmap: catalogue types × municipalities ----------------------------------------------------

HEAT_VALUE = {"none": 0, "planned": 1, "running": 2}
HEAT_SYMBOL = {"none": "", "planned": "P", "running": "✓"}


def heatmap_chart(chart_id: str, title: str, coverage: SetCoverage, catalogue: Catalogue,
                  highlight_id: int | None = None) -> Chart:
    """Which municipality runs which type; the user's municipality is marked by an arrow and a frame."""
    entries = catalogue.all_entries()
    municipalities = coverage.municipalities
    names = [("► " if m.pk == highlight_id else "") + m.name for m in municipalities]
    states = [[coverage.state(m, entry) for m in municipalities] for entry in entries]
    labels = [type_label(e.intervention_type.label, e.is_provisional) for e in entries]
    words = {state: state_word(state) for state in HEAT_VALUE}  # thousands of cells: translate once
    traces = [dict(
        type="heatmap", z=[[HEAT_VALUE[s] for s in row] for row in states], x=names, y=labels,
        text=[[HEAT_SYMBOL[s] for s in row] for row in states], texttemplate="%{text}",
        textfont={"size": 11 if len(municipalities) <= 40 else 8},  # colour: plotly picks a contrasting one
        customdata=[[words[s] for s in row] for row in states],
        hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
        # xgap/ygap and no colour scale: otherwise plotly.js sets style attributes that the CSP refuses.
        zmin=0, zmax=2, xgap=1, ygap=1, showscale=False,
        colorscale=[[0, NOT_RUN], [0.33, NOT_RUN], [0.34, PLANNED], [0.66, PLANNED], [0.67, RUNNING], [1, RUNNING]],
    )]
    # The key, as legend entries: colour and symbol together.
    for name, colour in [(_("✓ i gang"), RUNNING), (_("P planlagt"), PLANNED), (_("tom: kører ikke"), NOT_RUN)]:
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
            confidence_text(entry.is_provisional, entry.benchmark.note if entry.benchmark else ""),
            len(running), adoption[entry.intervention_type.pk].municipalities - len(running), ", ".join(running)]
        if mine is not None:
            cells.append(words[coverage.state(mine, entry)])
        rows.append(cells)
    description = _("Hver række er en indsatstype, hver søjle en kommune: ✓ i gang, P planlagt, tom kører ikke.")
    return make_chart(chart_id, title, fig, Table(columns, rows), description)
