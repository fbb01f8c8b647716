from django import template
from django.urls import reverse

from indicators.charts import base as charts
from indicators.dashboards.pages import national_summary as build_national_summary

register = template.Library()


@register.inclusion_tag("indicators/national_summary.html")
def national_summary() -> dict[str, object]:
    """The home page's national summary; a tag, so the recruitment app never imports indicators."""
    summary = build_national_summary()
    charts.link_csv(summary.charts, reverse("national-chart-csv"))
    return {"summary": summary}
