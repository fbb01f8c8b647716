"""The heatmap of catalogue types × municipalities, and the list a phone shows in its place."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.coverage import Catalogue, CatalogueEntry, SetCoverage
from recruitment.models import Municipality

from . import base as charts
from .base import Cell, Chart, Table, confidence_text, figure, layout, make_chart, pct, wrap
from .coverage import sourced, state_word

# A municipality that has registered nothing is unknown, not "does not run": its own colour and a "?".
HEAT_VALUE = {"unreported": 0, "none": 1, "planned": 2, "running": 3}
HEAT_SYMBOL = {"unreported": "?", "none": "", "planned": "P", "running": "✓"}
UNREPORTED = "#ffffff"
HEAT_LABEL_WIDTH = 62  # characters per line of a row label: at most two lines for the catalogue's longest types


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
    states = [[coverage.state(m, entry) for m in coverage.municipalities] for entry in entries]
    words = {state: state_word(state) for state in HEAT_VALUE}  # thousands of cells: translate once
    fig = _heat_figure(entries, coverage.municipalities, states, words, highlight_id)
    description = _("Hver række er en indsatstype, hver søjle en kommune: ✓ i gang, P planlagt, tom kører ikke, "
                    "? kommunen har ikke registreret sine indsatser endnu (%(reporting)s af %(total)s har).") % {
        "reporting": len(coverage.reporting), "total": len(coverage.municipalities)}
    table = _heat_table(coverage, entries, states, words, highlight_id)
    return sourced(make_chart(chart_id, title, fig, table, description))


def _heat_figure(entries: list[CatalogueEntry], municipalities: list[Municipality], states: list[list[str]],
                 words: dict[str, str], highlight_id: int | None) -> dict:
    """The grid with its symbols, the key as legend entries (colour and symbol together), the user's column framed."""
    names = [("► " if m.pk == highlight_id else "") + m.name for m in municipalities]
    labels = [_row_label(e) for e in entries]
    traces = [dict(
        type="heatmap", z=[[HEAT_VALUE[s] for s in row] for row in states], x=names, y=labels,
        text=[[HEAT_SYMBOL[s] for s in row] for row in states], texttemplate="%{text}",
        textfont={"size": 11 if len(municipalities) <= 40 else 8},  # colour: plotly picks a contrasting one
        customdata=[[words[s] for s in row] for row in states],
        hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
        # xgap/ygap and no colour scale: otherwise plotly.js sets style attributes that the CSP refuses.
        zmin=0, zmax=3, xgap=1, ygap=1, showscale=False,
        colorscale=[[0, UNREPORTED], [0.16, UNREPORTED], [0.17, charts.NOT_RUN], [0.49, charts.NOT_RUN],
                    [0.5, charts.PLANNED], [0.83, charts.PLANNED], [0.84, charts.RUNNING], [1, charts.RUNNING]],
    )]
    # The key, as legend entries: colour and symbol together.
    for name, colour in [(_("✓ i gang"), charts.RUNNING), (_("P planlagt"), charts.PLANNED),
                         (_("tom: kører ikke"), charts.NOT_RUN), (_("?: har ikke registreret endnu"), UNREPORTED)]:
        traces.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                           marker={"symbol": "square", "size": 14, "color": colour,
                                   "line": {"color": charts.INK, "width": 1}}))
    shapes = []
    if highlight_id is not None:
        index = next((i for i, m in enumerate(municipalities) if m.pk == highlight_id), None)
        if index is not None:
            shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": index - 0.5, "x1": index + 0.5,
                           "y0": 0, "y1": 1, "line": {"color": charts.INK, "width": 3}})
    # plotly spaces the rows evenly and does not keep a label within its row: every row gets the height the label
    # on the most lines needs (13 px a line at 11 px type), or the labels print on top of each other.
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return figure(traces, layout(
        height=200 + max(20, 13 * lines + 6) * len(entries), shapes=shapes, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top"},
        xaxis={"side": "top", "tickangle": -60, "automargin": True, "tickfont": {"size": 11}},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 11}},
    ))


def _row_label(entry: CatalogueEntry) -> str:
    """A type's row label on lines of HEAT_LABEL_WIDTH characters: the grid is wide, so the labels take wider
    lines than a bar chart's and fewer of them, which keeps the rows low."""
    return wrap(entry.intervention_type.label + (f" ({entry.certainty_word})" if entry.certainty_word else ""),
                HEAT_LABEL_WIDTH)


def _heat_table(coverage: SetCoverage, entries: list[CatalogueEntry], states: list[list[str]], words: dict[str, str],
                highlight_id: int | None) -> Table:
    adoption = coverage.adoption_by_type()
    columns = [_("Indsatstype"), _("Målgruppe"), _("EVA-andel (%)"), _("Sikkerhed"), _("Antal kommuner i gang"),
               _("Antal kun planlagt"), _("Kommuner med indsatsen i gang")]
    municipalities = coverage.municipalities
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
    return Table(columns, rows)
