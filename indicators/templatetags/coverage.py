from django import template

from indicators.coverage import load_catalogue, municipality_coverage, with_region_averages
from recruitment.models import Municipality

register = template.Library()


@register.inclusion_tag("indicators/coverage_panel.html")
def coverage_panel(municipality: Municipality, include_planned: bool = False) -> dict[str, object]:
    """The three pathway panels of a municipality; any page may show them (they refresh on `coverage-changed`)."""
    catalogue = load_catalogue()
    coverage = with_region_averages(municipality_coverage(municipality, include_planned, catalogue), catalogue)
    return {"coverage": coverage, "municipality": municipality, "include_planned": include_planned}
