"""The head of daycare's dashboards: a municipality, one pathway in depth, the comparison, CSV exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from recruitment import exports
from recruitment.models import Municipality, Pathway, can_edit, home_municipality

from . import charts, dashboards, projection_pages
from .coverage import municipality_coverage


def _municipality(code: int) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), code=code)


def _include_planned(request: HttpRequest) -> bool:
    return request.GET.get("planned") == "1"


def _planned_params(include_planned: bool) -> dict[str, str]:
    return {"planned": "1"} if include_planned else {}


def _render(request: HttpRequest, template: str, fragment: str, ctx: dict[str, object]) -> HttpResponse:
    """The fragment for htmx swaps; the whole page otherwise (also when htmx restores history)."""
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{template}#{fragment}", ctx)
    return render(request, template, ctx)


@require_GET
def coverage_panel(request: HttpRequest, code: int) -> HttpResponse:
    """The pathway panels alone: what htmx swaps in when an intervention changes."""
    ctx = {"municipality": _municipality(code), "include_planned": _include_planned(request)}
    return render(request, "indicators/coverage_panel_page.html", ctx)


@require_GET
def municipality_dashboard(request: HttpRequest, code: int) -> HttpResponse:
    municipality = _municipality(code)
    include_planned = _include_planned(request)
    page = dashboards.municipality_dashboard(municipality, include_planned)
    charts.link_csv(page.all_charts, request.path, _planned_params(include_planned))
    if (download := charts.csv_download(request, page.all_charts, f"kommune-{code}")) is not None:
        return download
    ctx = {"page": page, "municipality": municipality, "include_planned": include_planned,
           "can_edit": can_edit(request.user, municipality), "projection_panel": projection_pages.panel(municipality)}
    return _render(request, "indicators/dashboard.html", "dashboard-body", ctx)


@require_GET
def pathway_detail(request: HttpRequest, code: int, pathway: str) -> HttpResponse:
    municipality = _municipality(code)
    pathway_obj = get_object_or_404(Pathway, slug=pathway)
    include_planned = _include_planned(request)
    page = dashboards.pathway_page(municipality, pathway_obj, include_planned)
    charts.link_csv(page.charts, request.path, _planned_params(include_planned))
    if (download := charts.csv_download(request, page.charts, f"kommune-{code}-{pathway}")) is not None:
        return download
    ctx = {"page": page, "municipality": municipality, "pathway": pathway_obj, "include_planned": include_planned,
           "can_edit": can_edit(request.user, municipality)}
    return _render(request, "indicators/pathway.html", "pathway-body", ctx)


@require_GET
def coverage_csv(request: HttpRequest, code: int) -> HttpResponse:
    """The machine-readable contract: one row per pathway (see dashboards.coverage_csv_rows)."""
    coverage = municipality_coverage(_municipality(code), _include_planned(request))
    return exports.csv_response(dashboards.COVERAGE_CSV_COLUMNS, dashboards.coverage_csv_rows(coverage),
                                f"coverage-{code}.csv", attachment=False)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    page = dashboards.compare_page(request.GET, home_municipality(request.user))
    params = page.filters.params()
    charts.link_csv(page.charts, request.path, params)
    page.table_csv_url = f"{request.path}?{urlencode({**params, 'csv': 'table'})}"
    if request.GET.get("csv") == "table":
        return charts.csv_response(page.coverage_table, f"sammenligning-{page.filters.region_value}.csv")
    if (download := charts.csv_download(request, page.charts, f"sammenligning-{page.filters.region_value}")):
        return download
    return _render(request, "indicators/compare.html", "compare-results", {"page": page, "filters": page.filters})


@require_GET
def national_chart_csv(request: HttpRequest) -> HttpResponse:
    """The CSV of one of the home page's national charts (?csv=<chart id>)."""
    summary = dashboards.national_summary()
    charts.link_csv(summary.charts, reverse("national-chart-csv"))
    download = charts.csv_download(request, summary.charts, "landsoverblik")
    if download is None:
        raise Http404
    return download
