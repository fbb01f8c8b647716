"""How the projection's numbers are shown: children as whole people, shares with one decimal, a point on every
year of both charts, and the brief's axis from 0 as on the web. Albertslund as in test_projection_pages."""

from __future__ import annotations

import re

import pytest
from django.http import QueryDict

from recruitment.models import Municipality
from tests.conftest import ALBERTSLUND
from tests.projection_samples import add_projection, add_stat

pytestmark = pytest.mark.django_db


def _page():
    from indicators.projection import pages as projection_pages

    return projection_pages.municipality_projection(Municipality.objects.get(code=ALBERTSLUND), QueryDict())


def test_the_table_shows_children_as_whole_people(projection_import):
    """Children (0–2, 3–5) 2025 (30, 60), 2026 (33, 60), 2027 (36, 66): whole numbers ("30", not "30,0"),
    while the model's pedagogues keep one decimal (2027: P = 86,891667 → 86,9)."""
    add_stat(projection_import)
    add_projection(projection_import)
    rows = _page().chart.table.rows
    assert [row[:3] for row in rows] == [["2025", 30, 60], ["2026", 33, 60], ["2027", 36, 66]]
    assert all(type(value) is int for row in rows for value in row[1:3])
    assert str(rows[2][4]) == "86.9"


def test_a_national_share_shows_one_decimal(chef_client, projection_import):
    """Without the count under 37 hours the page takes the national share 19.490 / 30.159 = 64,624… %:
    shown as "64,6 %" (one decimal, as every share), not "64,62 %"."""
    add_stat(projection_import, paedagoger_under_37_timer=None)
    add_projection(projection_import)
    page = chef_client.get(f"/municipalities/{ALBERTSLUND}/projection/").content.decode()
    assert "= 64,6 % (" in page
    assert "64,62" not in page


def test_every_year_of_the_supply_has_a_point_on_both_charts(projection_import):
    """The last year has its tick and point: supply lines are drawn with markers on the page and in the sums."""
    from indicators.projection import pages as projection_pages

    add_stat(projection_import)
    add_projection(projection_import)
    region = projection_pages.sum_page(Municipality.objects.get(code=ALBERTSLUND).region)
    charts = ((_page().chart, "Udbud uden håndtag (årsværk), fremskrevet"), (region.chart, "Udbud (årsværk)"))
    for chart, name in charts:
        assert chart is not None
        supply = next(trace for trace in chart.figure["data"] if trace["name"] == name)
        assert supply["mode"] == "lines+markers"
        assert supply["x"][-1] == 2027


def test_the_briefs_chart_starts_its_axis_at_0():
    """Supply 91 → 79,07, demand 91 → 104,65 (test_projection_pages): the axis runs from 0 to the round step
    above 104,65 · 1,05 = 109,9, which is 120, so its five labels are 0, 30, 60, 90, 120, from the bottom up."""
    from indicators.charts.svg import projection_svg
    from indicators.projection import BaseYear, Defaults, project

    defaults = Defaults(seniors_share=5700 / 30159, part_time_share=19490 / 30159,
                        other_leaver_rate=1 - 0.5 ** (1 / 10))
    base = BaseYear(2025, 100, seniors=20, part_time=60, leavers=12, hires=5, other_staff=100)
    projection = project(base, {2025: (30, 60), 2026: (33, 60), 2027: (36, 66)}, defaults)
    assert projection is not None
    svg = str(projection_svg(projection))
    labels = re.findall(r'text-anchor="end"[^>]*>([^<]+)</text>', svg)
    assert labels == ["0", "30", "60", "90", "120"]


@pytest.mark.parametrize(("value", "top"), [
    (159.6, 160),  # a quarter of 39.9 rounds up to 40: 0, 40, 80, 120, 160 (not 0–200, a fifth of it empty)
    (100, 100),  # 25 a quarter
    (101, 120),  # 25.25 → 30
    (2900, 3200),  # 725 → 800
    (0, 1),
])
def test_the_briefs_axis_ends_at_four_round_steps(value, top):
    from indicators.charts.svg import nice_ceiling

    assert nice_ceiling(value) == top
