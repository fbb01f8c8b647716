"""Charts: plotly figures built in Python, handed to the page as JSON and drawn by static/js/charts.js.

The machinery is general, so any dashboard section can add a chart:

    fig = go.Figure(...)                      # or a dict from figure(); layout() gives Danish numbers
    chart = make_chart("my-chart", _("Titel"), fig, Table(columns, rows))
    link_csv([chart], request.path, params)   # downloads.py: the page URL with ?csv=my-chart or ?xlsx=my-chart
    {% include "indicators/chart.html" with chart=chart %}

Topic modules (coverage, practicum, workforce, survey) build their charts and dashboard sections on it.

A page builder gives its charts their download links with `link_csv` (downloads.py), and the page view answers
`?csv=<id>` and `?xlsx=<id>` with `csv_download(request, charts, prefix)` – or, when the charts come from a lazily
cached page, `chart_download` after `requested_download` has said a table is asked for. Every chart
carries its numbers as a `Table`, shown in a <details> under the chart and served as CSV for Danish Excel
and as XLSX (recruitment.exports), so nothing is only in the picture. Colours never carry meaning alone:
each state also has a pattern, a symbol or a word."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy

from indicators.numbers import round1

if TYPE_CHECKING:  # preview.py draws from this module's figures: annotations only
    from .preview import Preview

# Colour-blind safe (Okabe-Ito based) and matched with app.css; always paired with a pattern or symbol.
INK = "#1b1f24"
RUNNING = "#0b5cad"
PLANNED = "#e69f00"
NOT_RUN = "#c9d1d9"
EVA = "#1b1f24"
REGION = "#d55e00"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LABEL_WIDTH = 40  # characters per line of an axis label; longer labels wrap (a phone rewraps: charts.js)
LABEL_COLUMN = 102  # x of the text column right of 100 %
EVERYONE = "#57606a"
SERIES_STYLE = [
    # (colour, marker symbol, line dash, bar pattern) for the municipality, its region and all municipalities:
    # never colour alone.
    (RUNNING, "circle", "solid", ""),
    (REGION, "square", "dash", "/"),
    (EVERYONE, "diamond", "dot", "."),
]

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
        # A year is a name, not an amount: "2024", never "2.024" (columns "År", "Målår", "Seneste år", …).
        years = {index for index, column in enumerate(self.columns) if str(column).lower().endswith("år")}
        return [(index in self.highlight,
                 [DisplayCell(str(cell), True) if position in years and type(cell) is int
                  else _display(cell, *separators) for position, cell in enumerate(row)])
                for index, row in enumerate(self.rows)]


def _display(cell: Cell, decimal: str, thousands: str) -> DisplayCell:
    if cell is None:
        return DisplayCell("–", False)
    if isinstance(cell, bool | str):
        return DisplayCell(str(cell), False)
    # Decimals arrive rounded (see `pct`); with decimal_pos, numberformat would truncate rather than round.
    return DisplayCell(numberformat.format(cell, decimal, grouping=3, thousand_sep=thousands, force_grouping=True),
                       True)


# A percentage for a table or CSV: one decimal, rounded half up (numbers.round1, typed as it is).
pct = round1


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
    # Events the chart cannot draw (outside its years), listed under it one click away when they are many
    outside: list[str] = field(default_factory=list)
    # A still picture shown until the reader reaches for the chart, for a chart in a page's first screen (preview.py)
    preview: Preview | None = None

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


DEFAULT_SOURCE = gettext_lazy("Kommunernes registrerede indsatser i Pædagoger nok; andele af kommunerne fra EVA's "
                              "inspirationshæfte til kommunerne fra undersøgelsen Flere pædagoger til "
                              "daginstitutioner (Danmarks Evalueringsinstitut, 2024; tallene er fra 2024)")


def figure_data(fig: go.Figure | dict) -> dict:
    """A figure as plain JSON data for `json_script` (a JSON string would be encoded twice)."""
    return json.loads(fig.to_json()) if isinstance(fig, go.Figure) else fig


def figure(data: list[dict], layout: dict) -> dict:
    """A plotly figure as the dict `go.Figure(...).to_plotly_json()` would give.

    The dashboards' own figures are written this way because building a `go.Figure` validates every
    property in Python, ~30 ms per figure, more than a whole page may take; tests/test_charts.py and
    tests/test_imported_sections.py pass each of them through `go.Figure` so plotly still checks them
    against its schema."""
    return {"data": data, "layout": layout}


def make_chart(chart_id: str, title: str, fig: go.Figure | dict, table: Table, description: str = "",
               notes: Iterable[str] = ()) -> Chart:
    return Chart(chart_id, title, figure_data(fig), table, description, list(notes))



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


def wrap(label: str, width: int = LABEL_WIDTH) -> str:
    """An axis label on lines of at most `width` characters (plotly breaks at <br>), never cut: two types
    whose names begin alike must not look alike, and a phone has no room for a 60-character line. A
    word longer than the width stands on a line of its own."""
    lines = textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [label]
    return "<br>".join(lines)


def rows_height(labels: Sequence[str], minimum: int) -> int:
    """The height a horizontal chart's categories need: plotly spaces them evenly, so every row gets what the
    label on the most lines needs (17 px a line), at least `minimum` px."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return max(minimum, 17 * lines + 6) * max(len(labels), 1)


def type_label(entry_label: str, certainty_word: str) -> str:
    """An axis label; an uncertain share (foreløbig, udledt af teksten) says so in the label itself, not only
    in a colour."""
    return wrap(entry_label + (f" ({certainty_word})" if certainty_word else ""))


def confidence_text(certainty_word: str, note: str) -> str:
    """The table's and CSV's "Sikkerhed" cell: empty for a certain share, else the word and why."""
    return f"{certainty_word}: {note}" if certainty_word and note else certainty_word


def bar_marker(colour: str, pattern: str) -> dict[str, object]:
    # The colour is the pattern's background; plotly would otherwise paint a patterned bar white.
    fill = {"shape": pattern, "bgcolor": colour, "fgcolor": "#ffffff", "size": 7, "solidity": 0.3} if pattern else {}
    return {"color": colour, "line": {"color": INK, "width": 1}, "pattern": fill}
