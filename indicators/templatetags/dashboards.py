from django import template
from django.urls import reverse

from indicators import charts
from indicators.dashboards import national_summary as build_national_summary
from recruitment.data_version import cached_now

register = template.Library()


@register.inclusion_tag("indicators/national_summary.html")
def national_summary() -> dict[str, object]:
    """The home page's national summary; a tag, so the recruitment app never imports indicators."""
    summary = cached_now("national-summary", build_national_summary)
    charts.link_csv(summary.charts, reverse("national-chart-csv"))
    return {"summary": summary}
