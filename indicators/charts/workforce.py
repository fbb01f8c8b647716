"""The workforce section of the dashboards: the shares of the staff over the years, target-group sizes and
the reach of the municipality's running interventions (indicators/workforce.py computes them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.workforce import KeyFigures, Reach, WorkforcePicture, key_figures, pictures, reach
from recruitment.models import Municipality, Pathway

from . import base as charts
from .base import SERIES_STYLE, Cell, Chart, Table, figure, make_chart
from .imported import share_cell, share_text, share_value, sources

# Pathways whose target groups the workforce figures describe.
WORKFORCE_PATHWAYS = {"into-education", "stay-in-job"}


@dataclass
class WorkforceSection:
    charts: list[Chart]
    key_figures: KeyFigures  # each from the newest year that has it
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
    reaches = reach(municipality, [picture.stat for picture in years])
    if pathway is not None:
        reaches = [item for item in reaches if item.target_group.pathway_id == pathway.pk]
    section_charts = []
    if pathway is None or pathway.slug in WORKFORCE_PATHWAYS:
        section_charts.append(_workforce_chart(f"{chart_prefix}-shares", municipality, years))
    if reaches:
        section_charts.append(_reach_chart(f"{chart_prefix}-reach", reaches))
    records = list(dict.fromkeys(picture.stat.data_import for picture in years))
    return WorkforceSection(section_charts, key_figures(years), reaches, sources(records))


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
    return make_chart(chart_id, _("Personalet i dagtilbud"), figure(data, layout),
                      Table(columns, rows), description, notes)


def _reach_chart(chart_id: str, reaches: list[Reach]) -> Chart:
    texts = []
    for item in reaches:
        if item.size is None:
            texts.append(_("ingen størrelse i statistikken"))
        elif item.participants is None:
            texts.append(_("ingen deltagere registreret"))
        elif item.participants > item.size:
            # Above 100 % says only that people were counted more than once: said in words, in the label.
            texts.append(_("flere end målgruppen (%(participants)s deltagere, målgruppen %(size)s)") % {
                "participants": item.participants, "size": item.size})
        else:
            texts.append(_("%(share)s · %(participants)s deltagere af %(size)s (%(year)s)") % {
                "share": item.share, "participants": item.participants, "size": item.size, "year": item.size_year})
    over = [item.participants is not None and item.size is not None and item.participants > item.size
            for item in reaches]
    # The words stand in the row's label, under the group's name, where no width can cut them (a bar's own text
    # is cut or shrunk on a phone); the bar stops at 100 %.
    labels = [f"{charts.wrap(item.target_group.name)}<br>{charts.wrap(words)}" for item, words in zip(
        reaches, texts, strict=True)]
    data = [dict(
        type="bar",
        x=[100 if beyond else share_value(item.share) or 0 for item, beyond in zip(reaches, over, strict=True)],
        y=labels, orientation="h", name=_("Rækkevidde"),
        marker={"color": charts.RUNNING, "line": {"color": charts.INK, "width": 1}},
        hovertemplate="%{y}<extra></extra>",
    )]
    layout = charts.layout(
        height=110 + charts.rows_height(labels, 48), showlegend=False,
        xaxis={"title": {"text": _("Deltagere i forhold til målgruppens størrelse, % (højst 100 vist)")},
               "range": [0, 101],  # a hair past 100, so that the 100 % tick shows
               "ticksuffix": " %", "gridcolor": "#e6e9ed", "zeroline": False},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    columns = [_("Målgruppe"), _("Størrelse"), _("Beregnet som"), _("Aktive indsatser"), _("Deltagere"),
               _("Rækkevidde (%)"), _("Størrelsen er fra år")]
    rows: list[list[Cell]] = [
        [item.target_group.name, item.size, item.size_basis or _("ingen tal i statistikken"), item.interventions,
         item.participants, share_cell(item.share), item.size_year]
        for item in reaches
    ]
    description = _("Deltagere i kommunens igangværende indsatser i forhold til målgruppens størrelse i "
                    "personalestatistikken, %(years)s.") % {"years": _size_years(reaches)}
    notes = [_("Deltagere er de faktiske deltagere, som kommunens igangværende indsatser har registreret. En indsats "
               "rettet mod flere målgrupper tæller sine deltagere med for hver af dem, og den samme person kan deltage "
               "i flere indsatser – derfor kan rækkevidden blive over 100 %.")]
    return make_chart(chart_id, _("Målgruppernes størrelse og indsatsernes rækkevidde"), figure(data, layout),
                      Table(columns, rows), description, notes)


def _size_years(reaches: list[Reach]) -> str:
    """Which year the sizes are from, in words: one year for all, or each group's where they differ (a newer
    year's file lacked a figure, and the group keeps the newest year that has it)."""
    years = {item.size_year for item in reaches if item.size_year is not None}
    if len(years) <= 1:
        return _("for %(year)s") % {"year": next(iter(years), "–")}
    return _("hver fra det nyeste år, der har tallet: %(groups)s") % {"groups": "; ".join(
        f"{item.target_group.name} {item.size_year}" for item in reaches if item.size_year is not None)}
