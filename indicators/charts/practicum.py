"""The practicum-evaluation section of the dashboards: pedagogue students' positive shares over the years and
for every question, against the region and all municipalities, with n; supervisors' training
(indicators/practicum.py computes the shares)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from indicators.models import DataImport, PracticumEvaluationCount, PracticumQuestion, SupervisorTrainingCount
from indicators.practicum import is_negative, latest_question_shares, question_series, supervisor_training
from indicators.shares import SUPPRESSED
from recruitment.models import Municipality

from . import base as charts
from .base import SERIES_STYLE, Cell, Chart, Table, bar_marker, figure, make_chart
from .imported import share_cell, share_text, share_value, sources

RETURN_QUESTION = PracticumQuestion.RETURN


def pooled_note() -> str:
    """Why a region's or everyone's n can be smaller than its municipalities' together (shares.pooled)."""
    return _("Regionen, sammenligningsgruppen og alle kommuner er opgjort uden kommuner med under 5 svar, så en "
             "andel, der ikke vises, heller ikke kan regnes ud af forskellen.")


# --- Practicum evaluations -------------------------------------------------------------------------

@dataclass
class PracticumSection:
    charts: list[Chart]
    latest_year: int | None
    source: str

    def __post_init__(self) -> None:
        for chart in self.charts:
            chart.source = self.source  # named in each chart's XLSX download


def practicum_section(municipality: Municipality, chart_prefix: str = "practicum",
                      peers: tuple[str, Collection[int]] | None = None) -> PracticumSection | None:
    """Pedagogue students' evaluations and supervisors' training; None when the municipality has none.
    The comparison line is the region's, or `peers` (a name and the municipalities of a comparison group)."""
    imports = list(DataImport.objects.filter(
        Q(pk__in=PracticumEvaluationCount.objects.filter(municipality=municipality).values("data_import"))
        | Q(pk__in=SupervisorTrainingCount.objects.filter(municipality=municipality).values("data_import")),
    ).order_by("finished_at", "pk"))
    if not imports:
        return None
    region_name, ids = peers if peers is not None else (municipality.region.name, None)
    names = [municipality.name, region_name, _("alle kommuner")]
    section_charts = []
    series = question_series(municipality, RETURN_QUESTION, peers=ids)
    if any(item.municipality.n for item in series):
        section_charts.append(_return_chart(f"{chart_prefix}-return", series, names))
    year, rows = latest_question_shares(municipality, peers=ids)
    if rows and year is not None:
        section_charts.append(_questions_chart(f"{chart_prefix}-questions", year, rows, names))
    training = [supervisor_training(municipality),
                supervisor_training(None, region_id=municipality.region_id, peers=ids), supervisor_training(None)]
    if training[0]:
        section_charts.append(_training_chart(f"{chart_prefix}-training", training, names))
    return PracticumSection(section_charts, year, sources(imports))


def _return_chart(chart_id: str, series: list, names: list[str]) -> Chart:
    years = [item.year for item in series]
    data: list[dict] = []
    for name, attribute, (colour, symbol, dash, _pattern) in zip(
            names, ["municipality", "region", "everyone"], SERIES_STYLE, strict=True):
        shares = [getattr(item, attribute) for item in series]
        data.append(dict(
            type="scatter", x=years, y=[share_value(share) for share in shares], name=name, mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 2.5}, marker={"symbol": symbol, "size": 10, "color": colour},
            customdata=[share_text(share) for share in shares], connectgaps=False,
            hovertemplate="%{x}: %{customdata}<extra>" + name + "</extra>",
        ))
    suppressed = [item.year for item in series if item.municipality.suppressed]
    layout = charts.layout(
        height=340,
        annotations=[{"x": year, "y": 4, "text": str(SUPPRESSED), "showarrow": False, "yanchor": "bottom",
                      "font": {"size": 11, "color": charts.INK}} for year in suppressed],
        xaxis={"title": {"text": _("År")}, "tickmode": "array", "tickvals": years, "gridcolor": "#e6e9ed"},
        yaxis={"title": {"text": _("Andel enige, %")}, "range": [0, 100], "ticksuffix": " %",
               "gridcolor": "#e6e9ed", "zeroline": False, "automargin": True},
    )
    columns = [_("År")]
    for name in names:
        columns += [_("%(name)s: andel enige (%%)") % {"name": name}, _("%(name)s: antal svar") % {"name": name}]
    rows: list[list[Cell]] = [
        [item.year, *[cell for share in (item.municipality, item.region, item.everyone)
                      for cell in (share_cell(share), share.n)]]
        for item in series
    ]
    description = _("Pædagogstuderendes svar på “%(question)s”: andelen, der er helt eller delvist enige, af dem der "
                    "har taget stilling, år for år.") % {"question": RETURN_QUESTION.label}
    notes = [_("“Ved ikke” tæller ikke med. Andele bygget på færre end 5 svar vises ikke (“for få svar”)."),
             pooled_note()]
    return make_chart(chart_id, _("Vil gerne vende tilbage til praktikstedet som ansat"), figure(data, layout),
                      Table(columns, rows), description, notes)


def _direction(question: PracticumQuestion) -> str:
    return _("højere er værre") if is_negative(question) else _("højere er bedre")


def _questions_chart(chart_id: str, year: int, rows: list[tuple], names: list[str]) -> Chart:
    # The positive statements first, then those where agreeing is bad news, apart and marked in the label.
    rows = [row for row in rows if not is_negative(row[0])] + [row for row in rows if is_negative(row[0])]
    labels = [charts.wrap(str(question.label) + (f" ({_direction(question)})" if is_negative(question) else ""))
              for question, *_shares in rows]
    data: list[dict] = []
    for index, (name, (colour, _symbol, _dash, pattern)) in enumerate(zip(names, SERIES_STYLE, strict=True)):
        shares = [row[index + 1] for row in rows]
        data.append(dict(
            type="bar", x=[share_value(share) or 0 for share in shares], y=labels, orientation="h", name=name,
            marker=bar_marker(colour, pattern),
            text=[share_text(share) for share in shares], textposition="outside", cliponaxis=False,
            textfont={"color": charts.INK, "size": 11},
            customdata=[share_text(share) for share in shares],
            hovertemplate="%{y}<br>%{customdata}<extra>" + name + "</extra>",
        ))
    layout = charts.layout(
        barmode="group", height=140 + 78 * len(rows), bargap=0.3,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"title": {"text": _("Andel enige, % (n = antal svar)")}, "range": [0, 135],
               "tickvals": [0, 20, 40, 60, 80, 100],
               "ticktext": ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"], "gridcolor": "#e6e9ed"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    columns = [_("Spørgsmål"), _("Retning")]
    for name in names:
        columns += [_("%(name)s: andel enige (%%)") % {"name": name}, _("%(name)s: antal svar") % {"name": name}]
    table_rows: list[list[Cell]] = [
        [str(question.label), _direction(question),
         *[cell for share in shares for cell in (share_cell(share), share.n)]]
        for question, *shares in rows
    ]
    description = _("Pædagogstuderendes evalueringer af praktikken i %(year)s: andelen, der er helt eller delvist "
                    "enige i hvert udsagn, med antallet af svar (n).") % {"year": year}
    notes = [_("For de fleste udsagn er en højere andel bedre. Udsagn, hvor det at være enig er dårligt nyt (fx “Jeg "
               "manglede arbejdsopgaver”), står nederst og er markeret “højere er værre”."), pooled_note()]
    return make_chart(chart_id, _("Praktikevalueringerne %(year)s, alle udsagn") % {"year": year}, figure(data, layout),
                      Table(columns, table_rows), description, notes)


TRAINING_KINDS = [("formal", "Formel uddannelse i vejledning"), ("internal_course", "Internt kursus"),
                  ("no_training", "Ingen uddannelse i vejledning")]


def _training_chart(chart_id: str, training: list[list], names: list[str]) -> Chart:
    mine = training[0]
    latest = mine[-1].year
    labels = [_(label) for _field, label in TRAINING_KINDS]
    data: list[dict] = []
    for name, per_year, (colour, _symbol, _dash, pattern) in zip(names, training, SERIES_STYLE, strict=True):
        year = next((item for item in per_year if item.year == latest), None)
        shares = [getattr(year, kind) if year else None for kind, _label in TRAINING_KINDS]
        data.append(dict(
            type="bar", x=labels, y=[share_value(share) or 0 for share in shares], name=name,
            marker=bar_marker(colour, pattern),
            text=[str(share) if share else "–" for share in shares], textposition="outside", cliponaxis=False,
            textfont={"color": charts.INK, "size": 11}, customdata=[share_text(share) for share in shares],
            hovertemplate="%{x}<br>%{customdata}<extra>" + name + "</extra>",
        ))
    layout = charts.layout(
        barmode="group", height=360,
        yaxis={"title": {"text": _("Andel af vejlederne, %")}, "range": [0, 110], "ticksuffix": " %",
               "gridcolor": "#e6e9ed", "zeroline": False, "automargin": True},
    )
    columns = [_("År"), _("Kommuner"), *[_(label) + " (%)" for _field, label in TRAINING_KINDS],
               _("Vejledere der har svaret")]
    rows: list[list[Cell]] = []
    for name, per_year in zip(names, training, strict=True):
        for item in per_year:
            rows.append([item.year, name, *[share_cell(getattr(item, kind)) for kind, _label in TRAINING_KINDS],
                         item.formal.n])
    rows.sort(key=lambda row: (row[0], names.index(str(row[1]))))
    description = _("Pædagogiske praktikvejlederes uddannelse i vejledning i %(year)s. En vejleder kan have både "
                    "en formel uddannelse og et internt kursus.") % {"year": latest}
    return make_chart(chart_id, _("Praktikvejledernes uddannelse i vejledning"), figure(data, layout),
                      Table(columns, rows), description,
                      [_("Andele bygget på færre end 5 svar vises ikke (“for få svar”)."), pooled_note()])
