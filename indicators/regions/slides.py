"""The KKR meeting's deck (slides.pptx) for a region or one municipality, from the regional page's rows: a title
slide with the data status, then one slide per question – completeness, coverage by pathway, the projected gap,
targets, practicum – each with a native, editable PowerPoint chart carrying its data (python-pptx) and its source.

Numbers on a slide are the page's table's numbers (indicators.regions.table): a chart's series are that table's
columns, so what the meeting edits is what the page shows. Number formats are Danish (decimal comma, thousands
dot) in the text; in the charts they are format codes that PowerPoint shows in the reader's language, with the
charts' language set to Danish.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from recruitment.models import Pathway

from ..numbers import round1
from ..targets.status import LABELS
from .completeness import Completeness
from .deck_parts import HIGH, MANY, PERCENT, WHOLE, WIDE, native_chart, nothing, text
from .table import STATUS_ORDER, RegionRow

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MISSING = {"reporting": _lazy("indberetning af indsatser"), "workforce": _lazy("personalestatistik"),
           "projection": _lazy("befolkningsfremskrivning")}


@dataclass(frozen=True)
class DeckSubject:
    """What the deck is about: the rows it shows (the municipalities, then the region's and the country's)."""

    title: str  # "KKR Hovedstaden" or "Albertslund"
    rows: list[RegionRow]
    pathways: list[Pathway]
    milestones: Sequence[int]
    completeness: Completeness
    practicum_year: int | None
    vintage: str
    synthetic: bool  # demo data loaded: every slide says the figures are synthetic


def deck(subject: DeckSubject, today: date) -> bytes:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDE, HIGH
    _title_slide(presentation, subject, today)
    _completeness_slide(presentation, subject)
    _coverage_slide(presentation, subject)
    _gap_slide(presentation, subject)
    _targets_slide(presentation, subject)
    _practicum_slide(presentation, subject)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


# --- Slides ---------------------------------------------------------------------------------------------------

def _blank(presentation, title: str, source: str, subject: DeckSubject):
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only
    slide.shapes.title.text = title
    slide.shapes.title.left, slide.shapes.title.top = Inches(0.5), Inches(0.3)
    slide.shapes.title.width, slide.shapes.title.height = WIDE - Inches(1), Inches(1)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
    words = _("Kilde: %(source)s") % {"source": source}
    if subject.synthetic:
        words += " " + _("Demodata: tallene er syntetiske og kun til afprøvning.")
    text(slide, words, Inches(0.5), HIGH - Inches(0.8), WIDE - Inches(1), Inches(0.6), 11)
    return slide








def _title_slide(presentation, subject: DeckSubject, today: date) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    slide.shapes.title.text = _("Pædagoger nok? %(name)s") % {"name": subject.title}
    status = subject.completeness
    lines = [_("Til KKR-mødet, %(day)s") % {"day": today.strftime("%d.%m.%Y")},
             _("Datastatus: %(n)d af %(total)d kommuner har indberettet deres indsatser; %(w)d har "
               "personalestatistik og %(p)d en befolkningsfremskrivning.") % {
                 "n": status.reporting, "total": status.total, "w": status.with_workforce,
                 "p": status.with_projection}]
    if status.total == 1:
        missing = status.rows[0].missing
        lines[1] = _("Datastatus: alt er indberettet og importeret.") if not missing else _(
            "Datastatus: mangler %(what)s.") % {"what": ", ".join(str(MISSING[key]) for key in missing)}
    if subject.vintage:
        lines.append(_("Fremskrivningen bruger børnetal fra befolkningsfremskrivningerne (%(vintage)s).") % {
            "vintage": subject.vintage})
    if subject.practicum_year:
        lines.append(_("Praktikevalueringer fra %(year)d.") % {"year": subject.practicum_year})
    if subject.synthetic:
        lines.append(_("Demodata: tallene er syntetiske og kun til afprøvning."))
    body = slide.placeholders[1]
    body.left, body.top, body.width, body.height = Inches(1), Inches(3.2), WIDE - Inches(2), Inches(3.5)
    slide.shapes.title.left, slide.shapes.title.top = Inches(1), Inches(1.2)
    slide.shapes.title.width, slide.shapes.title.height = WIDE - Inches(2), Inches(1.6)
    frame = body.text_frame
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(18)


def _completeness_slide(presentation, subject: DeckSubject) -> None:
    slide = _blank(presentation, _("Hvor komplet er billedet?"),
                   _("kommunernes indberetninger i Pædagoger nok; importeret personalestatistik og "
                     "befolkningsfremskrivning."), subject)
    status = subject.completeness
    data = CategoryChartData(number_format=WHOLE)
    data.categories = [_("Indberettet indsatser"), _("Personalestatistik"), _("Befolkningsfremskrivning")]
    has = [status.reporting, status.with_workforce, status.with_projection]
    data.add_series(_("Har"), has)
    data.add_series(_("Mangler"), [status.total - value for value in has])
    chart = native_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, WHOLE, height=Inches(3.6))
    # The bars end at all the municipalities, not at a round number; whole municipalities on the axis.
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, status.total
    chart.value_axis.major_unit = max(1, round(status.total / 5))
    missing = [row.municipality.name for row in status.rows if not row.reports]
    if missing:
        text(slide, _("Har ikke indberettet: %(names)s.") % {"names": ", ".join(missing)},
              Inches(0.5), Inches(5.1), WIDE - Inches(1), Inches(1.4), 12)


def _coverage_slide(presentation, subject: DeckSubject) -> None:
    slide = _blank(presentation, _("Hvor godt dækker kommunerne de tre veje?"),
                   _("kommunernes registrerede indsatser i Pædagoger nok; EVA's kortlægning (2024). Dækning: "
                     "andelen af vejens indsatstyper med et EVA-tal, som kommunen har i gang."), subject)
    rows = [row for row in subject.rows if row.pathways[0].pct is not None]
    if len(rows) <= MANY:
        data = CategoryChartData(number_format=PERCENT)
        data.categories = [row.label for row in rows]
        for index, pathway in enumerate(subject.pathways):
            data.add_series(pathway.name, [_round1(row.pathways[index].pct) for row in rows])
        native_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, PERCENT)
        return
    # A region's municipalities: a chart per pathway side by side, each a bar per municipality.
    width = (WIDE - Inches(1)) // len(subject.pathways)
    for index, pathway in enumerate(subject.pathways):
        data = CategoryChartData(number_format=PERCENT)
        data.categories = [row.label for row in rows]
        data.add_series(pathway.name, [_round1(row.pathways[index].pct) for row in rows])
        chart = native_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, PERCENT, legend=False,
                       left=Inches(0.5) + index * width, width=width)
        chart.has_title = True
        chart.chart_title.text_frame.text = pathway.name
        chart.chart_title.text_frame.paragraphs[0].font.size = Pt(12)


def _gap_slide(presentation, subject: DeckSubject) -> None:
    slide = _blank(presentation, _("Hvor mange pædagoger mangler i %(years)s?") % {
        "years": _(" og ").join(str(year) for year in subject.milestones)},
        _("kommunernes fremskrivninger i Pædagoger nok (personalestatistik og befolkningsfremskrivningerne: "
          "%(vintage)s, importeret), det centrale scenarie. Negativ: så mange årsværk mangler.") % {
            "vintage": subject.vintage}, subject)
    rows = [row for row in subject.rows if row.gaps and row.gaps[0] is not None]
    if not rows:
        text(slide, _("Ingen af kommunerne har både personalestatistik og en befolkningsfremskrivning."),
              Inches(0.5), Inches(2), WIDE - Inches(1), Inches(1), 20)
        return
    data = CategoryChartData(number_format=WHOLE)
    data.categories = [row.label for row in rows]
    for index, year in enumerate(subject.milestones):
        data.add_series(str(year), [_number(row.gaps[index]) for row in rows])
    native_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, WHOLE)


def _targets_slide(presentation, subject: DeckSubject) -> None:
    slide = _blank(presentation, _("Når kommunerne deres mål?"),
                   _("kommunernes egne mål i Pædagoger nok; status efter Open SDG's regel (den årlige ændring siden "
                     "udgangsåret mod den, der skal til)."), subject)
    rows = [row for row in subject.rows if row.targets]
    if not rows:
        nothing(slide, _("Ingen af kommunerne har sat mål i Pædagoger nok endnu."))
        return
    data = CategoryChartData(number_format=WHOLE)
    data.categories = [row.targets_label for row in rows]
    for status in STATUS_ORDER:
        data.add_series(str(LABELS[status]), [row.targets[status] for row in rows])
    native_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, WHOLE)


def _practicum_slide(presentation, subject: DeckSubject) -> None:
    slide = _blank(presentation, _("Vil de studerende vende tilbage?"),
                   (_("SPU's praktikevaluering %(year)d (importeret): pædagogstuderende, der er helt eller delvist "
                      "enige i “Jeg vil gerne vende tilbage i fremtidig ansættelse”. Under 5 svar vises ikke.") % {
                       "year": subject.practicum_year} if subject.practicum_year else _(
                       "SPU's praktikevaluering (importeret).")), subject)
    rows = [row for row in subject.rows if row.practicum_pct is not None]
    if not rows:
        nothing(slide, _("Der er ikke importeret praktikevalueringer for kommunerne endnu."))
        return
    data = CategoryChartData(number_format=PERCENT)
    data.categories = [row.label for row in rows]
    data.add_series(_("Vil gerne vende tilbage (%)"), [_number(row.practicum_pct) for row in rows])
    native_chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, PERCENT, legend=False)




def _round1(value: Decimal | None) -> float | None:
    return _number(round1(value))


def _number(value: Decimal | int | None) -> float | None:
    return None if value is None else float(value)
