"""The chart machinery: valid plotly figures, Danish numbers, colours never alone, tables and CSV."""

from decimal import Decimal

import plotly.graph_objects as go
import pytest
from django.http import Http404
from django.test import RequestFactory

from indicators.charts import base as charts
from indicators.charts import downloads
from indicators.charts.coverage import adoption_chart
from indicators.coverage import load_catalogue, national_coverage
from indicators.dashboards.compare import compare_page
from indicators.dashboards.municipality import municipality_dashboard
from indicators.dashboards.national import national_summary
from indicators.dashboards.pathway import pathway_page
from recruitment import exports
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


def _all_charts(include_planned: bool) -> list[charts.Chart]:
    albertslund = Municipality.objects.select_related("region").get(code=165)
    pathway = load_catalogue().pathways[0]
    return [
        *municipality_dashboard(albertslund, include_planned).charts,
        pathway_page(albertslund, pathway, include_planned).chart,
        *compare_page({"region": "all", "planned": "1" if include_planned else ""}, albertslund).charts,
        *national_summary().charts,
    ]


@pytest.mark.parametrize("include_planned", [False, True])
def test_it_builds_figures_that_plotly_accepts(albertslund_known, include_planned):
    built = _all_charts(include_planned)
    assert len(built) == 3 + 1 + 2 + 3
    for chart in built:
        go.Figure(chart.figure)  # raises on any property plotly does not know
        assert chart.figure["layout"]["separators"] == ",.", chart.id  # decimal comma, thousands dot
        assert "template" not in chart.figure["layout"]


def test_it_never_lets_colour_alone_tell_a_state(albertslund_known):
    built = {chart.id: chart for chart in _all_charts(include_planned=True)}
    traces = built["chart-through-internship"].figure["data"]
    bars = [t for t in traces if t["type"] == "bar"]
    assert len({t["marker"]["pattern"]["shape"] for t in bars}) == len(bars) == 3  # a pattern per state
    words = next(t for t in traces if t.get("mode") == "text")  # and the share and state in words
    assert words["texttemplate"] == "%{customdata:.0f} % · %{text}"
    assert set(words["text"]) == {"I gang", "Planlagt", "Kører ikke"} and len(words["text"]) == 6
    heatmap = built["heatmap"].figure["data"][0]
    assert {symbol for row in heatmap["text"] for symbol in row} <= {"✓", "P", "", "?"}  # ?: not registered
    assert heatmap["texttemplate"] == "%{text}"
    eva, registered = built["adoption"].figure["data"]
    assert eva["marker"]["symbol"] != registered["marker"]["symbol"]


def test_it_formats_table_cells_the_danish_way_and_csv_with_a_decimal_point():
    table = charts.Table(["Navn", "Andel (%)", "Antal"], [["a", Decimal("1234.5"), 30159], ["b", None, 0]], {1})
    displayed = [(mine, [(c.text, c.numeric) for c in row]) for mine, row in table.display_rows()]
    assert displayed == [(False, [("a", False), ("1.234,5", True), ("30.159", True)]),
                         (True, [("b", False), ("–", False), ("0", True)])]
    assert exports.csv_text(table.columns, table.rows) == '"Navn","Andel (%)","Antal"\n"a",1234.5,30159\n"b",,0\n'


def test_it_turns_any_plotly_figure_into_a_chart_with_a_csv_link():
    fig = go.Figure(go.Bar(x=[1.5], y=["a"]))
    fig.update_layout(**charts.layout(template="none"))
    chart = charts.make_chart("extra", "Titel", fig, charts.Table(["a"], [[Decimal("1.5")]]))
    assert chart.figure["data"][0]["type"] == "bar" and chart.figure["layout"]["separators"] == ",."
    assert chart.data_id == "extra-data"
    downloads.link_csv([chart], "/municipalities/165/", {"planned": "1"})
    assert chart.csv_url == "/municipalities/165/?planned=1&csv=extra"
    assert chart.xlsx_url == "/municipalities/165/?planned=1&xlsx=extra"


def test_it_answers_a_csv_request_only_for_a_chart_on_the_page():
    chart = charts.make_chart("one", "Titel", charts.figure([], charts.layout()), charts.Table(["a"], [["x"]]))
    factory = RequestFactory()
    assert downloads.csv_download(factory.get("/"), [chart], "p") is None
    answer = downloads.csv_download(factory.get("/", {"csv": "one"}), [chart], "p")
    assert answer.content == b'\xef\xbb\xbf"a"\r\n"x"\r\n'
    workbook = downloads.csv_download(factory.get("/", {"xlsx": "one"}), [chart], "p")
    assert workbook["Content-Disposition"] == 'attachment; filename="p-one.xlsx"'
    for fmt in ("csv", "xlsx"):
        with pytest.raises(Http404):
            downloads.csv_download(factory.get("/", {fmt: "two"}), [chart], "p")


def test_it_labels_provisional_types_in_the_chart_itself():
    everyone = national_coverage()
    chart = adoption_chart("x", "t", everyone.adoption(), "alle")
    labels = [label.replace("<br>", " ") for label in chart.figure["data"][0]["y"]]  # wrapped onto lines
    assert "Tilbud om merituddannelse med jobgaranti (foreløbig)" in labels
    assert "Opkvalificering af praktikvejledere" in labels


def test_it_wraps_long_type_names_onto_lines_and_never_cuts_them():
    # Two types that begin alike stay apart: nothing is cut with "…".
    first = "Samarbejde med professionshøjskolen om praktikpladser til studerende"
    second = "Samarbejde med professionshøjskolen om efteruddannelse af vejledere"
    wrapped = [charts.wrap(first), charts.wrap(second)]
    assert wrapped[0] == "Samarbejde med professionshøjskolen om<br>praktikpladser til studerende"
    assert all(len(line) <= charts.LABEL_WIDTH for label in wrapped for line in label.split("<br>"))
    assert [label.replace("<br>", " ") for label in wrapped] == [first, second]
    assert "…" not in "".join(wrapped)
    assert charts.type_label("Kort navn", "foreløbig") == "Kort navn (foreløbig)"
    assert charts.type_label("Kort navn", "") == "Kort navn"


def test_a_chart_gives_labels_on_several_lines_the_height_they_need():
    # 34 px a row, but a label on three lines needs 17 × 3 + 6 = 57 px, and plotly gives every row the same.
    assert charts.rows_height(["a", "b<br>c<br>d"], 34) == 2 * 57
    assert charts.rows_height(["a", "b"], 34) == 2 * 34


def test_a_tables_years_are_shown_without_a_thousands_dot():
    """Years are names, amounts are grouped: 2024 in a year column, 2.024 pedagogues beside it."""
    from decimal import Decimal

    from indicators.charts.base import Table

    table = Table(["År", "Pædagoger", "Målår", "Nødvendig ændring pr. år"], [[2024, 2024, 2030, Decimal("1.5")]])
    assert [cell.text for cell in table.display_rows()[0][1]] == ["2024", "2.024", "2030", "1,5"]
