"""The pieces the KKR deck's slides are built of (python-pptx): the slide's size, Danish number formats, a text box, a
native chart (horizontal bars without labels for a region's many municipalities) in Danish, and the words where a
chart has nothing to show."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

WIDE, HIGH = Inches(13.333), Inches(7.5)  # 16:9
# [$-406]: the Danish locale's code (LCID 0x406), so "33,3 %" and "1.383" in PowerPoint and LibreOffice whatever
# the reader's own language.
PERCENT = '[$-406]0.0" %"'
WHOLE = "[$-406]#,##0"
WHOLE_BUT_ZERO = '[$-406]#,##0;-#,##0;""'  # a stacked bar's empty part gets no "0" on its end
MANY = 10  # more categories than this: horizontal bars, first on top, the values in the chart's data only
CHART_TOP, CHART_HEIGHT, MARGIN = Inches(1.4), Inches(5.2), Inches(0.5)


def text(slide, words: str | list[str], left: int, top: int, width: int, height: int, size: int) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for index, line in enumerate([words] if isinstance(words, str) else words):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)


def native_chart(slide, kind: XL_CHART_TYPE, data: CategoryChartData, number_format: str, *, legend: bool = True,
                 top: int = CHART_TOP, height: int = CHART_HEIGHT, left: int = MARGIN, width: int | None = None):
    """A native chart; with many categories (a region's municipalities) as horizontal bars without data labels,
    which would cover each other (the values stay in the chart's data, editable)."""
    many = len(data.categories) > MANY
    if many and kind == XL_CHART_TYPE.COLUMN_CLUSTERED:
        kind = XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, left, top, width or WIDE - Inches(1), height, data)
    chart = frame.chart
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.font.size = Pt(7 if many else 11)
    plot = chart.plots[0]
    if not many:
        plot.has_data_labels = True
        stacked_counts = kind == XL_CHART_TYPE.BAR_STACKED and number_format == WHOLE
        plot.data_labels.number_format = WHOLE_BUT_ZERO if stacked_counts else number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(10)
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    if number_format == PERCENT:
        chart.value_axis.minimum_scale = 0  # a share's bars start at 0 %: from 67 % a small difference looks large
    # Negative gaps: the names stay at the low end, not across the bars.
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if kind in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.BAR_STACKED):
        chart.category_axis.reverse_order = True  # the first row on top, as in the table
    if many:  # every municipality's name, not every other one
        axis = chart.category_axis._element
        skip = axis.find(qn("c:tickLblSkip"))
        if skip is None:
            skip = axis.makeelement(qn("c:tickLblSkip"), {})
            after = axis.find(qn("c:noMultiLvlLbl"))  # the schema's order: tickLblSkip comes before it
            if after is not None:
                after.addprevious(skip)
            else:
                axis.append(skip)
        skip.set("val", "1")
    danish_chart(chart)
    return chart


def danish_chart(chart) -> None:
    """The chart's language: Danish, so that its numbers read "33,3 %" where the reader's language leaves it."""
    space = chart._chartSpace
    lang = space.find(qn("c:lang"))
    if lang is None:
        lang = space.makeelement(qn("c:lang"), {})
        space.insert(1, lang)
    lang.set("val", "da-DK")


def nothing(slide, words: str) -> None:
    """Where a slide's chart would be: why there is none."""
    text(slide, words, Inches(0.5), Inches(2), WIDE - Inches(1), Inches(1), 20)
