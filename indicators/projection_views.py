"""The workforce projection's pages: a municipality's scenario page and its CSV, the region's and the country's."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from recruitment import exports
from recruitment.models import Region

from . import charts, projection_pages
from .views import _municipality, _render


@require_GET
def municipality_projection(request: HttpRequest, code: int) -> HttpResponse:
    """The scenario is the query string, so htmx pushes it to the address bar and a link reproduces it."""
    municipality = _municipality(code)
    page = projection_pages.municipality_projection(municipality, request.GET)
    charts.link_csv(page.charts, request.path, page.scenario.params())
    if (download := charts.csv_download(request, page.charts, f"fremskrivning-{code}")) is not None:
        return download
    ctx = {"page": page, "municipality": municipality}
    return _render(request, "indicators/projection.html", "projection-results", ctx)


@require_GET
def projection_csv(request: HttpRequest, code: int) -> HttpResponse:
    """The machine-readable contract: one row per year B … B+10, the central scenario or the query's."""
    municipality = _municipality(code)
    page = projection_pages.municipality_projection(municipality, request.GET)
    if page.projection is None:
        raise Http404(page.missing)
    return exports.csv_response(projection_pages.CSV_COLUMNS, projection_pages.csv_rows(page),
                                f"projection-{code}.csv", attachment=False)


@require_GET
def region_projection(request: HttpRequest, code: int) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    return _sum_page(request, projection_pages.sum_page(region), f"fremskrivning-kkr-{code}")


@require_GET
def national_projection(request: HttpRequest) -> HttpResponse:
    return _sum_page(request, projection_pages.sum_page(None), "fremskrivning-hele-landet")


def _sum_page(request: HttpRequest, page: projection_pages.SumPage, prefix: str) -> HttpResponse:
    charts.link_csv(page.charts, request.path)
    if (download := charts.csv_download(request, page.charts, prefix)) is not None:
        return download
    return _render(request, "indicators/projection_sum.html", "sum-body", {"page": page})
