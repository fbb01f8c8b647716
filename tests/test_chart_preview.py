"""The still picture of a line chart (indicators/charts/preview.py), drawn on the server from the plotly figure the
page draws: the same lines, areas, markers and legend at the same values, an axis from 0 in four round steps."""

from __future__ import annotations

import re

import pytest

from indicators.charts.preview import NARROW, line_preview

# Supply 100 → 120 and demand 120 → 140 over 2025–2027, the area between them shaded (as the projection draws them).
FIGURE = {
    "data": [
        {"type": "scatter", "mode": "lines+markers", "name": "Udbud", "x": [2025, 2026, 2027], "y": [100, 110, 120],
         "line": {"color": "#0b5cad", "width": 3}},
        {"type": "scatter", "mode": "lines+markers", "name": "Behov <årsværk>", "x": [2025, 2026, 2027],
         "y": [120, 130, 140], "fill": "tonexty", "fillcolor": "rgba(213, 94, 0, 0.15)",
         "line": {"color": "#d55e00", "width": 3, "dash": "dash"}, "marker": {"symbol": "diamond"}},
    ],
    "layout": {"xaxis": {"tickvals": [2025, 2026, 2027], "ticktext": ["2025", "2026", "2027"],
                         "range": [2024.7, 2027.3]},
               "yaxis": {"title": {"text": "Årsværk"}}},
}


def _numbers(points: str) -> list[float]:
    """An SVG points list ("85.0,100.4 195.2,85.4") as x, y, x, y, …"""
    return [float(number) for pair in points.split() for number in pair.split(",")]


def _points(svg: str, colour: str) -> list[float]:
    found = re.search(rf'<polyline points="([^"]+)" fill="none" stroke="{re.escape(colour)}"', svg)
    assert found, colour
    return _numbers(found.group(1))


def test_the_narrow_picture_puts_each_value_where_the_axis_says():
    """The top value 140 · 1.05 = 147 → a quarter of 36.75, rounded up to 40: the axis 0, 40, 80, 120, 160. On the
    narrow picture (360 × 280, type 12): the plot spans x from (1.8 + 0.62 · 3) · 12 + 8 = 51.92 (room for the title
    and "160") to 360 − 1.8 · 12 = 338.4 and y from 10 down to 280 − 2.4 · 12 = 251.2; the years from 2024.7 to
    2027.3. So 2025 sits at 51.92 + 0.3 / 2.6 · 286.48 = 84.98, 2026 at 195.16, 2027 at 305.34; 100 at
    251.2 − 100 / 160 · 241.2 = 100.45, 110 at 85.38, 120 at 70.30."""
    svg = str(line_preview(FIGURE, "c").narrow)
    assert re.findall(r'text-anchor="end" fill="#1b1f24">([^<]+)</text>', svg) == ["0", "40", "80", "120", "160"]
    supply = _points(svg, "#0b5cad")
    assert supply == pytest.approx([84.98, 100.45, 195.16, 85.38, 305.34, 70.30], abs=0.06)
    assert NARROW.width == 360 and NARROW.height == 280


def test_the_shaded_gap_runs_along_demand_and_back_along_supply():
    svg = str(line_preview(FIGURE, "c").narrow)
    polygon = re.search(r'<polygon points="([^"]+)" fill="rgba\(213, 94, 0, 0.15\)"', svg)
    assert polygon
    supply, demand = _points(svg, "#0b5cad"), _points(svg, "#d55e00")
    back = [number for index in range(len(supply) - 2, -1, -2) for number in supply[index:index + 2]]
    assert _numbers(polygon.group(1)) == pytest.approx(demand + back, abs=0.06)


def test_markers_legend_and_ticks():
    preview = line_preview(FIGURE, "c")
    narrow, wide = str(preview.narrow), str(preview.wide)
    assert narrow.count("<circle") == 3  # supply's points
    assert narrow.count("rotate(45") == 3  # demand's diamonds
    assert 'stroke-dasharray="8 5"' in narrow  # demand dashed, as plotly's "dash"
    # A phone's picture labels every other year; the wide one each.
    years = r'text-anchor="middle" fill="#1b1f24">(\d{4})</text>'
    assert re.findall(years, narrow) == ["2025", "2027"]
    assert re.findall(years, wide) == ["2025", "2026", "2027"]
    assert [item.name for item in preview.legend] == ["Udbud", "Behov <årsværk>"]
    assert "<rect" in str(preview.legend[1].swatch) and "<rect" not in str(preview.legend[0].swatch)


def test_a_missing_value_breaks_the_line():
    figure = {**FIGURE, "data": [{**FIGURE["data"][0], "y": [100, None, 120, 125], "x": [2025, 2026, 2027, 2028]}]}
    svg = str(line_preview(figure, "c").narrow)
    assert svg.count("<polyline") == 1  # 2027–2028; 2025 alone is a point, not a line
    assert svg.count("<circle") == 3


def test_the_words_are_escaped():
    figure = {**FIGURE, "layout": {**FIGURE["layout"], "yaxis": {"title": {"text": "<b>Årsværk</b>"}}}}
    svg = str(line_preview(figure, "c").wide)
    assert "&lt;b&gt;Årsværk&lt;/b&gt;" in svg and "<b>" not in svg


def test_the_projection_page_shows_the_picture_until_the_reader_reaches_for_the_chart(chef_client,
                                                                                       albertslund_projected):
    html = chef_client.get("/municipalities/165/projection/").content.decode()
    canvas = re.search(r'<div class="chart-canvas" data-chart="projection-data" data-chart-on-demand', html)
    assert canvas, "the projection's chart is drawn on demand"
    assert html.count('<div class="chart-preview" role="img"') == 1
    assert "Vis som interaktivt diagram" in html


def test_a_pathways_patterned_area_keeps_its_pattern_in_the_picture_and_the_legend():
    """The projection stacks each pathway's contribution as an area with plotly's fill pattern ("/" for the
    education): the picture draws it with an SVG pattern of its own id, per drawing, so the wide and the narrow
    one on the same page do not share ids."""
    figure = {**FIGURE, "data": [FIGURE["data"][0], {**FIGURE["data"][1], "fillcolor": "#009e73",
                                                     "fillpattern": {"shape": "/", "fgcolor": "#1b1f24"}}]}
    preview = line_preview(figure, "c")
    narrow, wide = str(preview.narrow), str(preview.wide)
    assert '<pattern id="c-narrow-1"' in narrow and 'fill="url(#c-narrow-1)"' in narrow
    assert '<pattern id="c-wide-1"' in wide and 'fill="url(#c-wide-1)"' in wide
    assert 'fill="url(#c-legend-1-0)"' in str(preview.legend[1].swatch)
