"""Charts for print (the committee brief's PDF): drawn from the same figures as the page's plotly charts, in
black, white and grey with patterns, so a black-and-white printer keeps every state apart. The projection is
vector SVG; a pathway's types are bars the brief's template draws in HTML (`pathway_type_bars`).

Hand-built rather than exported from plotly: exporting needs a browser on the server (kaleido), and a
printed chart needs only bars, lines and words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.coverage import PathwayCoverage

from .coverage import state_word

if TYPE_CHECKING:  # the projection's page package imports charts.base: annotations only, no dependency
    from indicators.projection import Projection

WIDTH = 640
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
INK = "#000000"
GRID = "#bbbbbb"


def danish_number(value: float, decimals: int = 0) -> str:
    """Danish decimal comma and thousands dot, as on the page."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _text(x: float, y: float, content: str, size: int = 10, anchor: str = "start", weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{INK}">{escape(content)}</text>')


def _svg(height: float, body: list[str], title: str) -> SafeString:
    return mark_safe(  # noqa: S308 – every text in `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-label="{escape(title)}">{"".join(body)}</svg>')


def nice_ceiling(value: float) -> float:
    """The axis's top for values up to `value`: four times a round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
    power of ten), so that its five grid lines read at a glance (0, 40, 80, 120, 160) without leaving much of the
    chart empty."""
    if value <= 0:
        return 1.0
    quarter = value / 4
    power = 10 ** math.floor(math.log10(quarter))
    return 4 * next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= quarter)


@dataclass(frozen=True)
class PrintBar:
    """One type's bar in the brief's pathway chart, drawn in HTML by indicators/brief.html (WeasyPrint lays SVG
    text out letter by letter: the pathways' labels as SVG took a third of a brief's rendering)."""
    label: str
    width: float  # the share, as a percentage of the bar's track
    state: str  # running, planned, none: black, hatched, white
    text: str  # the share and the state in words, beside the bar


def pathway_type_bars(coverage: PathwayCoverage) -> list[PrintBar]:
    """The types with an EVA share, the most widespread first: a bar for the share, filled black when the
    municipality runs the type, hatched when it is only planned, white when it does not; the share and
    the state in words beside the bar."""
    statuses = sorted(coverage.benchmarked, key=lambda status: -(status.share or Decimal(0)))
    return [PrintBar(status.intervention_type.label + (f" ({_('foreløbig')})" if status.is_provisional else ""),
                     float(status.share or 0), status.state,
                     f"{danish_number(float(status.share or 0))} % · {state_word(status.state)}")
            for status in statuses]


def projection_svg(projection: Projection) -> SafeString:
    """Supply (solid line, circles) against demand (dashed line, squares) in full-time equivalents."""
    left, right, top, height = 60, WIDTH - 20, 24, 200
    years = [row.year for row in projection.rows]
    supply = [row.supply_fte for row in projection.rows]
    demand = [row.demand_fte for row in projection.rows]
    # From 0, as on the web: an axis starting near the lines makes any gap look large.
    low, high = 0.0, nice_ceiling(max(supply + demand) * 1.05)

    def at(index: int, value: float) -> tuple[float, float]:
        x = left + (right - left) * index / max(len(years) - 1, 1)
        return x, top + height - (value - low) / (high - low) * height

    body: list[str] = []
    for step in range(5):
        value = low + (high - low) * step / 4
        _x, gy = at(0, value)
        body.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{right}" y2="{gy:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        body.append(_text(left - 6, gy + 3, danish_number(value), 9, "end"))
    for index, year in enumerate(years):
        x, _y = at(index, low)
        body.append(_text(x, top + height + 14, str(year), 9, "middle"))
    for values, dash, marker in ((supply, "", "circle"), (demand, ' stroke-dasharray="6 4"', "square")):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v) for i, v in enumerate(values)))
        body.append(f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="1.8"{dash}/>')
        for i, v in enumerate(values):
            x, y = at(i, v)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{INK}"/>' if marker == "circle" else
                        f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#ffffff" stroke="{INK}"/>')
    body.append('<line x1="0" y1="8" x2="24" y2="8" stroke="#000000" stroke-width="1.8"/>'
                '<circle cx="12" cy="8" r="3" fill="#000000"/>')
    body.append(_text(30, 12, _("Udbud af pædagoger (årsværk)")))
    body.append('<line x1="230" y1="8" x2="254" y2="8" stroke="#000000" stroke-width="1.8" stroke-dasharray="6 4"/>'
                '<rect x="239" y="5" width="6" height="6" fill="#ffffff" stroke="#000000"/>')
    body.append(_text(260, 12, _("Behov (årsværk)")))
    return _svg(top + height + 22, body, _("Udbud og behov"))
