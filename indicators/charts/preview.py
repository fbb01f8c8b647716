"""A still picture of a line chart, drawn on the server from the same plotly figure the page draws. A chart in a
page's first screen shows at once as this picture, without the second of script plotly.js costs a phone; charts.js
swaps in the interactive chart when the reader reaches for it (a pointer over it, a tap, or its button).

Two sizes, because an SVG scaled down to a phone shrinks its words: a wide one for a page's column and a narrow
one with fewer ticks for a phone; the page's stylesheet shows the one that fits the chart's width. The legend is
HTML under the picture, so its names wrap like the text around them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .svg import danish_number, nice_ceiling

DASHES = {"dot": "2 4", "dash": "8 5", "solid": ""}
PATTERNS = {  # plotly's fill patterns as SVG tiles of 8 × 8
    "/": '<path d="M0 8L8 0" stroke-width="1.2"/>',
    "x": '<path d="M0 8L8 0M0 0L8 8" stroke-width="1"/>',
    ".": '<circle cx="4" cy="4" r="1.3"/>',
}
GRID = "#e6e9ed"
TEXT = "#1b1f24"


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int
    font: int
    tick_every: int  # every n-th year labelled


WIDE = Size("wide", 880, 340, 14, 1)
NARROW = Size("narrow", 360, 280, 12, 2)


@dataclass(frozen=True)
class LegendItem:
    name: str
    swatch: SafeString


@dataclass(frozen=True)
class Preview:
    wide: SafeString
    narrow: SafeString
    legend: list[LegendItem]


@dataclass(frozen=True)
class _Line:
    name: str
    x: list[float]
    y: list[float | None]
    colour: str
    width: float
    dash: str
    markers: bool
    diamond: bool
    fill: str | None  # the colour between this line and the one before it
    pattern: str | None


def _lines(figure: dict) -> list[_Line]:
    lines = []
    for trace in figure["data"]:
        line, pattern = trace.get("line", {}), trace.get("fillpattern", {}).get("shape")
        lines.append(_Line(
            trace.get("name", ""), [float(x) for x in trace["x"]], trace["y"], line.get("color", TEXT),
            float(line.get("width", 2)), DASHES.get(line.get("dash", "solid"), ""), "markers" in trace.get("mode", ""),
            trace.get("marker", {}).get("symbol") == "diamond",
            trace.get("fillcolor") if trace.get("fill") == "tonexty" else None,
            pattern if pattern in PATTERNS else None))
    return lines


def line_preview(figure: dict, chart_id: str) -> Preview:
    """The still pictures and legend of a figure of line traces over numeric x (years), its y axis from 0."""
    lines = _lines(figure)
    return Preview(_draw(figure, lines, chart_id, WIDE), _draw(figure, lines, chart_id, NARROW),
                   [LegendItem(line.name, _swatch(line, f"{chart_id}-legend-{index}"))
                    for index, line in enumerate(lines)])


def _pattern_defs(lines: Sequence[_Line], prefix: str) -> str:
    return "".join(
        f'<pattern id="{prefix}-{index}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{line.fill}" fill-opacity="0.45"/>'
        f'<g stroke="{TEXT}" fill="{TEXT}" opacity="0.55">{PATTERNS[line.pattern]}</g></pattern>'
        for index, line in enumerate(lines) if line.fill and line.pattern)


def _fill(line: _Line, index: int, prefix: str) -> str:
    return f"url(#{prefix}-{index})" if line.pattern else str(line.fill)


def _draw(figure: dict, lines: list[_Line], chart_id: str, size: Size) -> SafeString:
    xaxis, yaxis = figure["layout"].get("xaxis", {}), figure["layout"].get("yaxis", {})
    xs = [x for line in lines for x in line.x]
    x_low, x_high = xaxis.get("range") or (min(xs) - 0.3, max(xs) + 0.3)
    top_value = nice_ceiling(1.05 * max((y for line in lines for y in line.y if y is not None), default=1.0))
    widest = max(len(danish_number(top_value * step / 4)) for step in range(5))
    # Room for the axis title, then for the widest number (digits are about 0.6 of the font size wide).
    left, right = (1.8 + 0.62 * widest) * size.font + 8, size.width - 1.8 * size.font
    top, bottom = 10, size.height - 2.4 * size.font
    prefix = f"{chart_id}-{size.name}"

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - x_low) / (x_high - x_low) * (right - left), bottom - y / top_value * (bottom - top)

    def text(x: float, y: float, words: str, anchor: str, extra: str = "") -> str:
        return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size.font}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
                f"{escape(words)}</text>")

    body = [f"<defs>{_pattern_defs(lines, prefix)}</defs>"]
    for step in range(5):
        value = top_value * step / 4
        y = bottom - (bottom - top) * step / 4
        body.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(text(left - 6, y + size.font / 3, danish_number(value), "end"))
    title = yaxis.get("title", {}).get("text", "")
    if title:
        middle = (top + bottom) / 2
        body.append(text(size.font, middle, title, "middle", f' transform="rotate(-90 {size.font} {middle:.1f})"'))
    ticks = xaxis.get("tickvals") or sorted(set(xs))
    labels = xaxis.get("ticktext") or [str(int(x)) for x in ticks]
    for index, (x, label) in enumerate(zip(ticks, labels, strict=True)):
        if index % size.tick_every == 0:
            body.append(text(at(x, 0)[0], bottom + 1.3 * size.font, label, "middle"))
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else None
        if line.fill and before is not None and before.x == line.x and None not in line.y + before.y:
            outline = [at(x, y) for x, y in zip(line.x, line.y, strict=True) if y is not None]
            outline += [at(x, y) for x, y in reversed(list(zip(before.x, before.y, strict=True))) if y is not None]
            body.append(f'<polygon points="{_points(outline)}" fill="{_fill(line, index, prefix)}" stroke="none"/>')
    for line in lines:
        body.extend(_polyline(line, at))
    return mark_safe(  # noqa: S308 – every word in `body` went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size.width} {size.height}" width="100%" '
        f'aria-hidden="true" focusable="false" font-family="system-ui, sans-serif">{"".join(body)}</svg>')


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _polyline(line: _Line, at: Callable[[float, float], tuple[float, float]]) -> list[str]:
    """The line in runs between missing values, and its markers."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(line.x, line.y, strict=True):
        if y is None:
            runs.append([])
        else:
            runs[-1].append(at(x, y))
    dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
    drawn = [f'<polyline points="{_points(run)}" fill="none" stroke="{line.colour}" stroke-width="{line.width}"'
             f'{dash}/>' for run in runs if len(run) > 1]
    if line.markers:
        for cx, cy in (point for run in runs for point in run):
            drawn.append(f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" fill="{line.colour}" '
                         f'transform="rotate(45 {cx:.1f} {cy:.1f})"/>' if line.diamond else
                         f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{line.colour}"/>')
    return drawn


def _swatch(line: _Line, prefix: str) -> SafeString:
    """A legend's small picture of the line (or of the filled area, for a line that fills down to the one before)."""
    if line.fill:
        shape = (f'<defs>{_pattern_defs([line], prefix)}</defs>'
                 f'<rect x="1" y="3" width="26" height="10" fill="{_fill(line, 0, prefix)}"/>')
    else:
        shape = ""
    dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
    return mark_safe(  # noqa: S308 – colours and numbers from our own figure
        f'<svg viewBox="0 0 28 16" width="28" height="16" aria-hidden="true" focusable="false">{shape}'
        f'<line x1="1" x2="27" y1="8" y2="8" stroke="{line.colour}" stroke-width="{min(line.width, 3)}"{dash}/></svg>')
