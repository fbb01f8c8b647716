from django import template

from indicators.coverage import MunicipalityCoverage, load_catalogue, municipality_coverage, with_region_averages
from recruitment.data_version import cached_now
from recruitment.models import Municipality

register = template.Library()


@register.inclusion_tag("indicators/coverage_panel.html")
def coverage_panel(municipality: Municipality, include_planned: bool = False,
                   coverage: MunicipalityCoverage | None = None) -> dict[str, object]:
    """The three pathway panels of a municipality; any page may show them (they refresh on `coverage-changed`).

    A page that has computed the coverage (with region averages) passes it as `coverage=` to save the queries."""
    if coverage is None:
        def compute() -> MunicipalityCoverage:
            catalogue = load_catalogue()
            return with_region_averages(municipality_coverage(municipality, include_planned, catalogue), catalogue)

        coverage = cached_now(f"panel:{municipality.pk}:{int(include_planned)}", compute)
    return {"coverage": coverage, "municipality": municipality, "include_planned": include_planned}
