from django import template
from django.urls import reverse

from indicators.charts.base import link_csv
from indicators.dashboards.national import national_summary as build_national_summary

register = template.Library()


@register.inclusion_tag("indicators/national_summary.html")
def national_summary() -> dict[str, object]:
    """The home page's national summary; a tag, so the recruitment app never imports indicators."""
    summary = build_national_summary()
    link_csv(summary.charts, reverse("national-chart-csv"))
    return {"summary": summary}
