"""Time-series charts of what the municipality did: coverage over time beside the region and the country, and
the marks every time-series chart of a municipality gets where its interventions started and ended
(indicators/timeline/ computes both)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from indicators.timeline import Mark, PathwayHistory, Period, decimal_year

from .base import SERIES_STYLE, Cell, Chart, Table, figure, layout, make_chart, pct

EARLIER_LISTED = 3  # marks not drawn are named in a note up to this many; more are counted, and listed one click away
# However many interventions a municipality registers, a chart stays a chart and its page stays light: the starts (or
# ends) of one month are drawn as one line, a table's cell names a period's first few, and the list of those not
# drawn names the first OUTSIDE_LISTED (the intervention list has them all).
NAMED = 3
OUTSIDE_LISTED = 20
MARK_COLOUR = "#009e73"  # bluish green (Okabe-Ito): apart from the three series' colours
TIMING_NOT_CAUSE = gettext_lazy("Lodrette linjer viser, hvornår kommunens indsatser startede (hel linje) og sluttede "
                     "(stiplet). De viser tidsmæssigt sammenfald, ikke at en indsats er årsag til udviklingen.")


def period_label(period: Period) -> str:
    return _("%(label)s (til dato)") % {"label": period.label} if period.partial else period.label


def coverage_history_chart(chart_id: str, history: PathwayHistory, names: Sequence[str],
                           pathway_marks: list[Mark] | None = None) -> Chart:
    """Lines: the municipality's catalogue coverage per period, and the averages of its region and the country
    over the municipalities that had reported by then."""
    points = history.points
    x = [point.period.position for point in points]
    series = [
        [point.municipality for point in points],
        [point.region.pct for point in points],
        [point.national.pct for point in points],
    ]
    reporting = [
        ["" for _point in points],
        [_("%(n)s af %(of)s kommuner havde indberettet") % {"n": p.region.reporting, "of": p.region.of}
         for p in points],
        [_("%(n)s af %(of)s kommuner havde indberettet") % {"n": p.national.reporting, "of": p.national.of}
         for p in points],
    ]
    data: list[dict] = []
    for name, values, words, (colour, symbol, dash, _pattern) in zip(names, series, reporting, SERIES_STYLE,
                                                                      strict=True):
        data.append(dict(
            type="scatter", x=x, y=[None if v is None else float(pct(v)) for v in values], name=name,
            mode="lines+markers", line={"color": colour, "dash": dash, "width": 2.5},
            marker={"symbol": symbol, "size": 10, "color": colour}, connectgaps=False,
            customdata=[[period_label(p.period), w] for p, w in zip(points, words, strict=True)],
            hovertemplate="%{customdata[0]}: %{y:.1f} %<br>%{customdata[1]}<extra>" + name + "</extra>",
        ))
    fig = figure(data, layout(
        height=360,
        xaxis={"title": {"text": _("Periode")}, "tickmode": "array", "tickvals": x,
               "ticktext": [p.period.label for p in points], "gridcolor": "#e6e9ed"},
        yaxis={"title": {"text": _("Dækning, %")}, "range": [0, 100], "ticksuffix": " %", "gridcolor": "#e6e9ed",
               "zeroline": False, "automargin": True},
    ))
    columns = [_("Periode"), _("%(name)s: dækning (%%)") % {"name": names[0]},
               _("%(name)s: dækning (%%)") % {"name": names[1]}, _("%(name)s: kommuner med indberetning") % {
                   "name": names[1]},
               _("%(name)s: dækning (%%)") % {"name": names[2]}, _("%(name)s: kommuner med indberetning") % {
                   "name": names[2]}]
    rows: list[list[Cell]] = [
        [period_label(p.period), pct(p.municipality), pct(p.region.pct), f"{p.region.reporting} / {p.region.of}",
         pct(p.national.pct), f"{p.national.reporting} / {p.national.of}"]
        for p in points
    ]
    description = _("Andelen af vejens indsatstyper med EVA-andel, som %(name)s havde i gang i hver periode, "
                    "ved siden af gennemsnittet i regionen og i hele landet.") % {"name": names[0]}
    notes = [_("En indsats tæller i en periode, når den var startet inden periodens slutning og ikke sluttet før "
               "dens begyndelse; datoerne gælder, også når indsatsen er registreret senere. Planlagte indsatser "
               "tæller ikke. Gennemsnittene er over de kommuner, der havde registreret mindst én indsats på det "
               "tidspunkt; “–” betyder, at kommunen ikke havde registreret nogen endnu.")]
    chart = make_chart(chart_id, history.pathway.name, fig, Table(columns, rows), description, notes)
    if pathway_marks is not None:
        add_marks(chart, pathway_marks, [(p.period.start, p.period.end) for p in points], top=100,
                  period_years=points[0].period.years if points else 1.0)
    return chart


@dataclass(frozen=True)
class DrawnMark:
    """One line on a chart: an intervention's start or end, or those of several in one month."""
    day: date  # the earliest
    kind: str
    words: str
    pathways: tuple[str, ...]


def _named(titles: Sequence[str]) -> str:
    more = len(titles) - NAMED
    return ", ".join(titles[:NAMED]) + (_(" og %(n)s flere") % {"n": more} if more > 0 else "")


def _count(kind: str, n: int) -> str:
    return (ngettext("%(n)s start", "%(n)s starter", n) if kind == "start" else
            ngettext("%(n)s slutning", "%(n)s slutninger", n)) % {"n": n}


def by_month(chart_marks: Sequence[Mark]) -> list[DrawnMark]:
    """The marks, those of one kind in one month as one: "3 starter i marts 2024: A, B, C"."""
    drawn = []
    for (kind, _year, _month), group in groupby(sorted(chart_marks, key=lambda m: (m.kind, m.day.year, m.day.month,
                                                                                     m.day, m.title)),
                                                 key=lambda m: (m.kind, m.day.year, m.day.month)):
        marks = list(group)
        if len(marks) == 1:
            drawn.append(DrawnMark(marks[0].day, kind, marks[0].words, marks[0].pathways))
            continue
        pathways = tuple(dict.fromkeys(name for mark in marks for name in mark.pathways))
        words = _("%(what)s i %(month)s: %(names)s") % {
            "what": _count(kind, len(marks)), "month": date_format(marks[0].day, "F Y"),
            "names": _named([mark.title for mark in marks])}
        drawn.append(DrawnMark(marks[0].day, kind, words, pathways))
    return sorted(drawn, key=lambda mark: (mark.day, mark.kind != "start"))


def _period_words(marks: Sequence[Mark]) -> str | None:
    """A table cell: the period's marks, named up to NAMED; more are counted by kind."""
    if len(marks) <= NAMED:
        return "; ".join(mark.words for mark in marks) or None
    starts = sum(mark.kind == "start" for mark in marks)
    counts = [_count(kind, n) for kind, n in (("start", starts), ("end", len(marks) - starts)) if n]
    return f"{', '.join(counts)}: {_named([mark.title for mark in marks])}"


def add_marks(chart: Chart, chart_marks: list[Mark], spans: list[tuple[date, date]], top: float,
              period_years: float = 1.0) -> None:
    """Draws where interventions started and ended on a time-series chart whose x axis counts years, and lists
    them in its table: a column naming the marks in each row's period (`spans`, one per table row), and a note
    listing those not drawn (outside the charted years). `top` is the y value at which the hover markers sit.

    A period's point (a year at x = 2024) stands for the whole period, so the period is drawn as reaching half a
    period either side of its point: a start on 1 March 2024 sits a little left of the 2024 point, and the marks
    stay among the points rather than stretching the axis past the last one."""
    def x(day: date) -> float:
        return decimal_year(day) - period_years / 2

    if not spans:
        return
    first, last = spans[0][0], spans[-1][1]
    in_periods = [mark for mark in chart_marks if first <= mark.day <= last]
    # Drawn only between the first and the last point: a mark in the first half of the first period (or the last
    # half of the last) would sit off the charted years, beside no year; it is listed instead.
    low, high = x(first) + period_years / 2, x(last) - period_years / 2
    shown = by_month([mark for mark in in_periods if low <= x(mark.day) <= high])
    earlier = [mark for mark in chart_marks if not low <= x(mark.day) <= high]
    shapes = list(chart.figure["layout"].get("shapes", []))
    for mark in shown:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": x(mark.day), "x1": x(mark.day),
                       "y0": 0, "y1": 1, "layer": "below",
                       "line": {"color": MARK_COLOUR, "width": 2, "dash": "solid" if mark.kind == "start" else "dot"}})
    chart.figure["layout"]["shapes"] = shapes
    if shown:
        # Shapes cannot be hovered: a marker at the top of each line carries its words.
        chart.figure["data"].append(dict(
            type="scatter", mode="markers", name=_("Indsatser: start og slut"), cliponaxis=False,
            x=[x(mark.day) for mark in shown], y=[top] * len(shown),
            marker={"symbol": ["triangle-down" if mark.kind == "start" else "x-thin-open" for mark in shown],
                    "size": 12, "color": MARK_COLOUR, "line": {"color": MARK_COLOUR, "width": 2}},
            customdata=[f"{mark.words} · {', '.join(mark.pathways)}" for mark in shown],
            hovertemplate="%{customdata}<extra></extra>",
        ))
    chart.table.columns = [*chart.table.columns, _("Indsatser startet eller sluttet i perioden")]
    for row, (start, end) in zip(chart.table.rows, spans, strict=True):
        row.append(_period_words([mark for mark in in_periods if start <= mark.day <= end]))
    if len(earlier) > EARLIER_LISTED:
        chart.notes.append(_("%(count)s starter og slutninger af indsatser ligger uden for diagrammets år og er ikke "
                             "tegnet; de står i listen under diagrammet.") % {"count": len(earlier)})
        chart.outside = [mark.words for mark in earlier[:OUTSIDE_LISTED]]
        if len(earlier) > OUTSIDE_LISTED:
            chart.outside.append(_("… og %(n)s flere; alle står i kommunens liste over indsatser.") % {
                "n": len(earlier) - OUTSIDE_LISTED})
    elif earlier:
        chart.notes.append(_("Uden for diagrammets år (ikke tegnet): %(marks)s.") % {
            "marks": "; ".join(mark.words for mark in earlier)})
    if chart_marks:
        chart.notes.append(str(TIMING_NOT_CAUSE))


def year_spans(years: Sequence[int]) -> list[tuple[date, date]]:
    return [(date(year, 1, 1), date(year, 12, 31)) for year in years]

