"""The workforce projection's pages: a municipality's (its scenario in the query string) and its CSV, a region's
(the KKR's view) and the country's sums."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from indicators.charts.downloads import chart_download, csv_download, link_csv, requested_download
from recruitment import exports
from recruitment.data_version import lazy_cached
from recruitment.models import Region
from recruitment.rendering import page_path, render_page

from ..view_helpers import municipality_or_404, with_csv_links
from . import pages as projection


@require_GET
def municipality_projection(request: HttpRequest, code: int) -> HttpResponse:
    """The scenario is the query string, so htmx pushes it to the address bar and a link reproduces it."""
    municipality = municipality_or_404(code)
    page = projection.municipality_projection(municipality, request.GET)
    link_csv(page.charts, request.path, page.scenario.params())
    if (answer := csv_download(request, page.charts, f"fremskrivning-{code}")) is not None:
        return answer
    ctx = {"page": page, "municipality": municipality}
    return render_page(request, "indicators/projection.html", "projection-results", ctx)


@require_GET
def projection_csv(request: HttpRequest, code: int) -> HttpResponse:
    """The machine-readable contract: one row per year B … B+10, the central scenario or the query's."""
    page = projection.municipality_projection(municipality_or_404(code), request.GET)
    if page.projection is None:
        raise Http404(page.missing)
    return exports.csv_response(projection.CSV_COLUMNS, projection.csv_rows(page), f"projection-{code}.csv",
                                attachment=False)


@require_GET
def region_projection(request: HttpRequest, code: int) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    return _sum_page(request, region, f"fremskrivning-kkr-{code}")


@require_GET
def national_projection(request: HttpRequest) -> HttpResponse:
    return _sum_page(request, None, "fremskrivning-hele-landet")


def _sum_page(request: HttpRequest, region: Region | None, prefix: str) -> HttpResponse:
    """The central scenario summed: computed and rendered once per data version (the admin's assumptions, the
    imports and the municipalities bump it)."""
    build = (lambda: projection.sum_page(region)) if region else projection.national_page
    page, page_key = lazy_cached(f"projection-sum:{region.code if region else 'all'}",
                                 with_csv_links(build, "charts", page_path(request), {}))
    if asked := requested_download(request):
        return chart_download(request, asked, page.charts, prefix)
    ctx = {"page": page, "page_key": page_key, "name": projection.area_name(region)}
    return render_page(request, "indicators/projection_sum.html", "sum-body", ctx)
