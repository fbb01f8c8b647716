"""The dashboard sections built on imported data, drawn with the shared chart machinery (charts.py).

    practicum evaluations   pedagogue students' positive shares over the years and for every question,
                            against the region and all municipalities, with n; supervisors' training
    workforce               the shares of the staff over the years, target-group sizes and the reach of
                            the municipality's running interventions (participants / size)
    mapping survey          what the municipality reported in the intervention mapping survey, beside
                            what it has registered – a separate source, shown as such

A section appears only when its data exists. Every share goes through shares.Share, so a share built on
fewer than 5 answers reads "for få svar" in the chart, the table and the CSV alike. Each section runs a
fixed number of queries, whatever the number of years, municipalities or rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway

from . import charts
from .charts import Cell, Chart, Table
from .models import (
    DataImport,
    InterventionSurveyAnswer,
    PracticumEvaluationCount,
    PracticumQuestion,
    SupervisorTrainingCount,
)
from .practicum import latest_question_shares, question_series, supervisor_training
from .shares import SUPPRESSED, Share
from .workforce import Reach, WorkforcePicture, pictures, reach

EVERYONE = "#57606a"
SERIES_STYLE = [
    # (colour, marker symbol, line dash, bar pattern) for the municipality, its region and all municipalities:
    # never colour alone.
    (charts.RUNNING, "circle", "solid", ""),
    (charts.REGION, "square", "dash", "/"),
    (EVERYONE, "diamond", "dot", "."),
]


def bar_marker(colour: str, pattern: str) -> dict[str, object]:
    # The colour is the pattern's background; plotly would otherwise paint a patterned bar white.
    fill = {"shape": pattern, "bgcolor": colour, "fgcolor": "#ffffff", "size": 7, "solidity": 0.3} if pattern else {}
    return {"color": colour, "line": {"color": charts.INK, "width": 1}, "pattern": fill}
RETURN_QUESTION = PracticumQuestion.RETURN
# Pathways whose target groups the practicum and workforce figures describe.
INTERNSHIP = "through-internship"
WORKFORCE_PATHWAYS = {"into-education", "stay-in-job"}


def figure_chart(chart_id: str, title: str, data: list[dict], layout: dict, table: Table, description: str = "",
                 notes: list[str] | tuple[str, ...] = ()) -> Chart:
    """A Chart from plain plotly.js data and layout. These figures are built on every dashboard view, and
    plotly's Python object model (go.Figure and its validation) costs some 20 ms a figure; the JSON that
    static/js/charts.js draws is the same. tests/test_imported_sections.py validates every figure with
    go.Figure, so a wrong key still fails a test."""
    # plotly.js has no default template: plotly's "none" template is simply no template in the JSON.
    layout = {key: value for key, value in layout.items() if not (key == "template" and value == "none")}
    return Chart(chart_id, title, {"data": data, "layout": layout}, table, description, list(notes))


def share_cell(share: Share | None) -> Cell:
    """A share for a table or CSV: one decimal, or the words when it is suppressed."""
    if share is None:
        return None
    return str(SUPPRESSED) if share.suppressed else charts.pct(share.percent)


def share_value(share: Share | None) -> float | None:
    return None if share is None or share.suppressed else float(share.percent)


def share_text(share: Share | None) -> str:
    if share is None:
        return "–"
    return str(share) if share.suppressed else f"{share} (n = {share.n})"


def sources(imports: list[DataImport]) -> str:
    """Where the figures come from: the import files and when they were imported."""
    return "; ".join(_("%(file)s, importeret %(date)s") % {
        "file": record.file_name, "date": date_format(record.finished_at or record.created_at, "j.n.Y")}
        for record in imports)


# --- Practicum evaluations -------------------------------------------------------------------------

@dataclass
class PracticumSection:
    charts: list[Chart]
    latest_year: int | None
    source: str

    def __post_init__(self) -> None:
        for chart in self.charts:
            chart.source = self.source  # named in each chart's XLSX download


def practicum_section(municipality: Municipality, chart_prefix: str = "practicum") -> PracticumSection | None:
    """Pedagogue students' evaluations and supervisors' training; None when the municipality has none."""
    imports = list(DataImport.objects.filter(
        Q(pk__in=PracticumEvaluationCount.objects.filter(municipality=municipality).values("data_import"))
        | Q(pk__in=SupervisorTrainingCount.objects.filter(municipality=municipality).values("data_import")),
    ).order_by("finished_at", "pk"))
    if not imports:
        return None
    region_name = municipality.region.name
    names = [municipality.name, region_name, _("alle kommuner")]
    section_charts = []
    series = question_series(municipality, RETURN_QUESTION)
    if any(item.municipality.n for item in series):
        section_charts.append(_return_chart(f"{chart_prefix}-return", series, names))
    year, rows = latest_question_shares(municipality)
    if rows:
        section_charts.append(_questions_chart(f"{chart_prefix}-questions", year, rows, names))
    training = [supervisor_training(municipality), supervisor_training(None, region_id=municipality.region_id),
                supervisor_training(None)]
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
    notes = [_("“Ved ikke” tæller ikke med. Andele bygget på færre end 5 svar vises ikke (“for få svar”).")]
    return figure_chart(chart_id, _("Vil gerne vende tilbage til praktikstedet som ansat"), data, layout,
                        Table(columns, rows), description, notes)


def _questions_chart(chart_id: str, year: int, rows: list[tuple], names: list[str]) -> Chart:
    labels = [charts.short(str(question.label), 55) for question, *_shares in rows]
    data: list[dict] = []
    for index, (name, (colour, _symbol, _dash, pattern)) in enumerate(zip(names, SERIES_STYLE, strict=True)):
        shares = [row[index + 1] for row in rows]
        data.append(dict(
            type="bar", x=[share_value(share) or 0 for share in shares], y=labels, orientation="h", name=name,
            marker=bar_marker(colour, pattern),
            text=[str(share) for share in shares], textposition="outside", cliponaxis=False,
            textfont={"color": charts.INK, "size": 11},
            customdata=[share_text(share) for share in shares],
            hovertemplate="%{y}<br>%{customdata}<extra>" + name + "</extra>",
        ))
    layout = charts.layout(
        barmode="group", height=140 + 78 * len(rows), bargap=0.3,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"title": {"text": _("Andel enige, %")}, "range": [0, 118], "tickvals": [0, 20, 40, 60, 80, 100],
               "ticktext": ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"], "gridcolor": "#e6e9ed"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    columns = [_("Spørgsmål")]
    for name in names:
        columns += [_("%(name)s: andel enige (%%)") % {"name": name}, _("%(name)s: antal svar") % {"name": name}]
    table_rows: list[list[Cell]] = [
        [str(question.label), *[cell for share in shares for cell in (share_cell(share), share.n)]]
        for question, *shares in rows
    ]
    description = _("Pædagogstuderendes evalueringer af praktikken i %(year)s: andelen, der er helt eller delvist "
                    "enige i hvert udsagn.") % {"year": year}
    return figure_chart(chart_id, _("Praktikevalueringerne %(year)s, alle udsagn") % {"year": year}, data, layout,
                        Table(columns, table_rows), description)


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
    rows.sort(key=lambda row: (row[0], names.index(row[1])))
    description = _("Pædagogiske praktikvejlederes uddannelse i vejledning i %(year)s. En vejleder kan have både "
                    "en formel uddannelse og et internt kursus.") % {"year": latest}
    return figure_chart(chart_id, _("Praktikvejledernes uddannelse i vejledning"), data, layout, Table(columns, rows),
                        description, [_("Andele bygget på færre end 5 svar vises ikke (“for få svar”).")])


# --- Workforce and reach ---------------------------------------------------------------------------

@dataclass
class WorkforceSection:
    charts: list[Chart]
    latest: WorkforcePicture | None
    reach: list[Reach]
    source: str

    def __post_init__(self) -> None:
        for chart in self.charts:
            chart.source = self.source  # named in each chart's XLSX download


WORKFORCE_SHARES = [
    ("pedagogue_share", "Andel af personalet med pædagoguddannelse"),
    ("seniors_share", "Andel af pædagogerne over 55 år"),
    ("part_time_share", "Andel af pædagogerne på under 37 timer"),
    ("leavers_share", "Andel af pædagogerne, der er fratrådt"),
]


def workforce_section(municipality: Municipality, pathway: Pathway | None = None,
                      chart_prefix: str = "workforce") -> WorkforceSection | None:
    """The workforce picture and the reach of interventions; None without workforce statistics."""
    years = pictures(municipality)
    if not years:
        return None
    latest = years[-1]
    reaches = reach(municipality, latest.stat)
    if pathway is not None:
        reaches = [item for item in reaches if item.target_group.pathway_id == pathway.pk]
    section_charts = []
    if pathway is None or pathway.slug in WORKFORCE_PATHWAYS:
        section_charts.append(_workforce_chart(f"{chart_prefix}-shares", municipality, years))
    if reaches:
        section_charts.append(_reach_chart(f"{chart_prefix}-reach", latest.year, reaches))
    records = list(dict.fromkeys(picture.stat.data_import for picture in years))
    return WorkforceSection(section_charts, latest, reaches, sources(records))


def _workforce_chart(chart_id: str, municipality: Municipality, years: list[WorkforcePicture]) -> Chart:
    x = [picture.year for picture in years]
    data: list[dict] = []
    styles = SERIES_STYLE + [("#009e73", "triangle-up", "dashdot", "x")]
    for (attribute, label), (colour, symbol, dash, _pattern) in zip(WORKFORCE_SHARES, styles, strict=True):
        shares = [getattr(picture, attribute) for picture in years]
        data.append(dict(
            type="scatter", x=x, y=[share_value(share) for share in shares], name=_(label), mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 2.5}, marker={"symbol": symbol, "size": 10, "color": colour},
            customdata=[share_text(share) for share in shares], connectgaps=False,
            hovertemplate="%{x}: %{customdata}<extra>" + _(label) + "</extra>",
        ))
    layout = charts.layout(
        height=380, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        xaxis={"title": {"text": _("År")}, "tickmode": "array", "tickvals": x, "gridcolor": "#e6e9ed"},
        yaxis={"title": {"text": _("Andel, %")}, "range": [0, 100], "ticksuffix": " %", "gridcolor": "#e6e9ed",
               "zeroline": False, "automargin": True},
    )
    columns = [_("År"), _("Pædagoger"), _("Personale i alt"), *[_(label) + " (%)" for _a, label in WORKFORCE_SHARES],
               _("Børn 0–2 år"), _("Børn 3–5 år")]
    rows: list[list[Cell]] = [
        [picture.year, picture.stat.paedagoger, picture.staff,
         *[share_cell(getattr(picture, attribute)) for attribute, _label in WORKFORCE_SHARES],
         picture.stat.boern_0_2, picture.stat.boern_3_5]
        for picture in years
    ]
    description = _("Personalet i dagtilbud i %(name)s år for år: pædagogernes andel af personalet, og hvor mange af "
                    "pædagogerne der er over 55, arbejder under 37 timer eller er fratrådt.") % {
        "name": municipality.name}
    notes = [_("Personale i alt = pædagoger + pædagogiske assistenter + pædagogmedhjælpere. Tomme felter i "
               "importen er ukendte tal.")]
    return figure_chart(chart_id, _("Personalet i dagtilbud"), data, layout, Table(columns, rows), description, notes)


def _reach_chart(chart_id: str, year: int, reaches: list[Reach]) -> Chart:
    labels = [charts.short(item.target_group.name, 50) for item in reaches]
    texts = []
    for item in reaches:
        if item.size is None:
            texts.append(_("ingen størrelse i statistikken"))
        elif item.participants is None:
            texts.append(_("ingen deltagere registreret"))
        else:
            texts.append(_("%(share)s · %(participants)s af %(size)s") % {
                "share": item.share, "participants": item.participants, "size": item.size})
    data = [dict(
        type="bar", x=[share_value(item.share) or 0 for item in reaches], y=labels, orientation="h",
        name=_("Rækkevidde"),
        marker={"color": charts.RUNNING, "line": {"color": charts.INK, "width": 1}},
        text=texts, textposition="outside", cliponaxis=False, textfont={"color": charts.INK, "size": 12},
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    )]
    top = max([share_value(item.share) or 0 for item in reaches] + [100])
    layout = charts.layout(
        height=110 + 48 * len(reaches), showlegend=False,
        xaxis={"title": {"text": _("Deltagere i forhold til målgruppens størrelse, %")}, "range": [0, top * 1.45],
               "ticksuffix": " %", "gridcolor": "#e6e9ed", "zeroline": False},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    columns = [_("Målgruppe"), _("Størrelse"), _("Beregnet som"), _("Aktive indsatser"), _("Deltagere"),
               _("Rækkevidde (%)")]
    rows: list[list[Cell]] = [
        [item.target_group.name, item.size, item.size_basis or _("ingen tal i statistikken"), item.interventions,
         item.participants, share_cell(item.share)]
        for item in reaches
    ]
    description = _("Deltagere i kommunens igangværende indsatser i forhold til målgruppens størrelse i "
                    "personalestatistikken for %(year)s.") % {"year": year}
    notes = [_("Deltagere er de faktiske deltagere, som kommunens igangværende indsatser har registreret. En indsats "
               "rettet mod flere målgrupper tæller sine deltagere med for hver af dem, og den samme person kan deltage "
               "i flere indsatser – derfor kan rækkevidden blive over 100 %.")]
    return figure_chart(chart_id, _("Målgruppernes størrelse og indsatsernes rækkevidde"), data, layout,
                        Table(columns, rows), description, notes)


# --- The mapping survey ----------------------------------------------------------------------------

@dataclass
class SurveyRow:
    intervention_type: InterventionType
    reported: bool
    registered: bool  # running now, as HR has registered it


@dataclass
class SurveySection:
    year: int
    rows: list[SurveyRow]
    source: str
    table: Table = field(init=False)

    def __post_init__(self) -> None:
        self.table = Table([_("Indsatstype"), _("Målgruppe"), _("Svar i kortlægningen %(year)s") % {"year": self.year},
                            _("Registreret i gang nu")],
                           [[row.intervention_type.label, row.intervention_type.target_group.name,
                             _("ja") if row.reported else _("nej"), _("ja") if row.registered else _("nej")]
                            for row in self.rows])

    @property
    def reported_count(self) -> int:
        return sum(row.reported for row in self.rows)


def survey_section(municipality: Municipality, pathway: Pathway | None = None) -> SurveySection | None:
    """The municipality's latest answer in the mapping survey, beside its registered running interventions."""
    answers = InterventionSurveyAnswer.objects.filter(municipality=municipality)
    year = answers.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None
    latest = (answers.filter(year=year).select_related("intervention_type__target_group", "data_import")
              .order_by("intervention_type__target_group__pathway__position",
                        "intervention_type__target_group__position", "intervention_type__position"))
    if pathway is not None:
        latest = latest.filter(intervention_type__target_group__pathway=pathway)
    latest = list(latest)
    running = set(Intervention.objects.active().filter(municipality=municipality, intervention_type__isnull=False)
                  .values_list("intervention_type_id", flat=True))
    rows = [SurveyRow(answer.intervention_type, answer.runs, answer.intervention_type_id in running)
            for answer in latest]
    records = list(dict.fromkeys(answer.data_import for answer in latest))
    return SurveySection(year, rows, sources(records)) if rows else None


# --- Pages ----------------------------------------------------------------------------------------

@dataclass
class ImportedSections:
    practicum: PracticumSection | None
    workforce: WorkforceSection | None
    survey: SurveySection | None

    @property
    def charts(self) -> list[Chart]:
        return [*(self.practicum.charts if self.practicum else []), *(self.workforce.charts if self.workforce else [])]

    def __bool__(self) -> bool:
        return any((self.practicum, self.workforce, self.survey))


def for_municipality(municipality: Municipality) -> ImportedSections:
    return ImportedSections(practicum_section(municipality), workforce_section(municipality),
                            survey_section(municipality))


def for_pathway(municipality: Municipality, pathway: Pathway) -> ImportedSections:
    """The pathway page: practicum figures belong to the internship pathway; the workforce picture and the
    reach of each target group to every pathway; the survey answers to the pathway's types."""
    practicum = practicum_section(municipality) if pathway.slug == INTERNSHIP else None
    return ImportedSections(practicum, workforce_section(municipality, pathway), survey_section(municipality, pathway))

