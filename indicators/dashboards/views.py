"""The head of daycare's dashboards: the home page with the national summary, a municipality, one pathway in
depth, the comparison, the coverage panel and the CSV exports."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indicators.charts.downloads import chart_download, csv_download, download, link_csv, requested_download
from indicators.comparison import PARAM as COMPARISON_PARAM
from indicators.comparison import Comparison
from indicators.comparison import choose as choose_comparison
from indicators.comparison import remember as remember_comparison
from indicators.comparison import remembered as remembered_comparison
from indicators.comparison import upgraded_query as upgraded_compare_query
from indicators.filters import PageFilters
from indicators.projection import pages as projection
from indicators.view_helpers import csv_links, municipality_or_404
from recruitment import data_version, exports
from recruitment.data_version import cached, page_cached
from recruitment.models import Municipality, Pathway, can_edit, home_municipality, search_municipalities
from recruitment.rendering import page_path, render_page, wants_fragment

from . import brief as briefs
from . import compare as comparison
from . import coverage_history as history  # a module attribute, so the fault tests can make the page fail
from . import similar
from .compare_filters import CompareFilters
from .municipality import COVERAGE_CSV_COLUMNS, coverage_csv_rows, panel_coverage
from .municipality import municipality_dashboard as build_dashboard
from .national import NationalSummary, national_summary
from .pathway import pathway_page


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The municipality search (htmx swaps its results) and the national summary."""
    query = request.GET.get("q", "")[:100]
    version = data_version.current()
    results, results_key = page_cached(_search, query, version=version)
    ctx: dict[str, object] = {"query": query, "results": results, "results_key": results_key}
    if not wants_fragment(request):
        ctx["summary"], ctx["summary_key"] = page_cached(_national_summary, version=version)
    return render_page(request, "indicators/home.html", "municipality-list", ctx)


def _search(query: str) -> dict[str, object]:
    """The municipalities matching the search, by region."""
    municipalities = list(search_municipalities(query))
    regions = [(region, list(items)) for region, items in groupby(municipalities, key=lambda m: m.region)]
    return {"regions": regions, "match_count": len(municipalities)}


def _national_summary() -> NationalSummary:
    summary = national_summary()
    link_csv(summary.charts, reverse("national-chart-csv"))
    return summary


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    """Where a login lands (settings.LOGIN_REDIRECT_URL): the user's own municipality, where the work is;
    the national overview for a user without one. The overview stays one click away in the menu."""
    own = home_municipality(request.user)
    return redirect("municipality-detail", own.code) if own else redirect("home")


@require_GET
def coverage_panel(request: HttpRequest, code: int) -> HttpResponse:
    """The pathway panels alone: what the interventions pages load, and swap in when an intervention changes."""
    municipality, include_planned = municipality_or_404(code), PageFilters(request.GET).include_planned
    # The fragment shows nothing of the user's and only counts (no titles, participants…): rendered once per
    # national data version, so a consultant's save of a title or participants does not render it anew.
    version = data_version.current()
    coverage, key = page_cached(panel_coverage, municipality, include_planned, version=version)
    return HttpResponse(cached(version, f"{key}:html", lambda: render_to_string("indicators/coverage_panel.html", {
        "municipality": municipality, "include_planned": include_planned, "coverage": coverage}, request)))


def _comparison(request: HttpRequest, municipality: Municipality, version: str) -> Comparison:
    """Region, a group the municipality is in, or all (?sammenlign=, else the user's last choice)."""
    return choose_comparison(request.GET, request.user, municipality, version)


@require_GET
def municipality_dashboard(request: HttpRequest, code: int) -> HttpResponse:
    municipality, filters = municipality_or_404(code), PageFilters(request.GET)
    include_planned = filters.include_planned
    national, version = data_version.versions(municipality.pk)
    comparison = _comparison(request, municipality, version)
    # Built and rendered once per version of the municipality's data (recruitment.data_version): every write
    # that changes it bumps it.
    page, page_key = page_cached(build_dashboard, municipality, include_planned, comparison.chosen, version=version,
                                 then=csv_links("all_charts", page_path(request), filters.planned_params()))
    if asked := requested_download(request):
        return chart_download(request, asked, page.all_charts, f"kommune-{code}")
    panel, _key = page_cached(projection.panel, municipality, version=national)
    ctx = {"page": page, "page_key": page_key, "municipality": municipality, "include_planned": include_planned,
           "can_edit": can_edit(request.user, municipality), "projection_panel": panel, "comparison": comparison,
           "brief_sections": briefs.SECTIONS, "brief_param": briefs.PARAM, "page_path": page_path(request)}
    return render_page(request, "indicators/dashboard.html", "dashboard-body", ctx)


@require_GET
def municipality_brief(request: HttpRequest, code: int) -> HttpResponse:
    """The committee brief as an A4 PDF, with the sections (and the projection's scenario) the URL names; made once
    per data version of the municipality (recruitment.data_version), one at a time (briefs.cached_pdf)."""
    municipality = municipality_or_404(code)
    version = data_version.for_municipality(municipality.pk)
    try:
        brief = briefs.cached_pdf(version, briefs.cache_name(code, request.GET),
                                  lambda: _render_brief(request, municipality, version))
    except briefs.Busy:
        response = render(request, "indicators/brief_busy.html", status=503)
        response["Retry-After"] = str(briefs.RETRY_AFTER_SECONDS)
        return response
    response = HttpResponse(brief.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{brief.filename}"'
    return response


def _render_brief(request: HttpRequest, municipality: Municipality, version: str) -> briefs.RenderedBrief:
    from weasyprint import HTML  # imported here: it loads pango, which only the brief needs

    include_planned = PageFilters(request.GET).include_planned
    page, _key = page_cached(build_dashboard, municipality, include_planned, version=version)
    brief = briefs.build_brief(municipality, page, request.GET)
    html = render_to_string("indicators/brief.html", {"brief": brief}, request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return briefs.RenderedBrief(pdf, f"udvalgsnotat-{municipality.code}-{brief.generated:%Y-%m-%d}.pdf")


@require_GET
def pathway_detail(request: HttpRequest, code: int, pathway: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    pathway_obj = get_object_or_404(Pathway, slug=pathway)
    filters = PageFilters(request.GET)
    include_planned = filters.include_planned
    version = data_version.for_municipality(municipality.pk)
    comparison = _comparison(request, municipality, version)
    page, page_key = page_cached(pathway_page, municipality, pathway_obj, include_planned, comparison.chosen,
                                 version=version,
                                 then=csv_links("charts", page_path(request), filters.planned_params()))
    if asked := requested_download(request):
        return chart_download(request, asked, page.charts, f"kommune-{code}-{pathway}")
    ctx = {"page": page, "page_key": page_key, "municipality": municipality, "pathway": pathway_obj,
           "include_planned": include_planned, "comparison": comparison, "page_path": page_path(request)}
    return render_page(request, "indicators/pathway.html", "pathway-body", ctx)


@require_GET
def similar_municipalities(request: HttpRequest, code: int) -> HttpResponse:
    """Kommuner som din: the table, and its CSV or XLSX (?csv=table, ?xlsx=table)."""
    municipality = municipality_or_404(code)
    page, _key = page_cached(similar.similar_page, municipality)
    if (asked := requested_download(request)) and asked[1] == "table":
        return download(request, asked[0], page.table, f"kommuner-som-{code}",
                        _("Kommuner som %(name)s") % {"name": municipality.name},
                        source=_("Personalestatistik (importeret)"))
    return render(request, "indicators/similar.html", {"page": page, "municipality": municipality})


@require_GET
def coverage_csv(request: HttpRequest, code: int) -> HttpResponse:
    """The machine-readable contract: one row per pathway (see municipality.coverage_csv_rows)."""
    municipality, include_planned = municipality_or_404(code), PageFilters(request.GET).include_planned
    coverage, _key = page_cached(panel_coverage, municipality, include_planned)
    return exports.csv_response(COVERAGE_CSV_COLUMNS, coverage_csv_rows(coverage),
                                f"coverage-{code}.csv", attachment=False, quote_text=False)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    if (upgraded := upgraded_compare_query(request.GET)) is not None:  # an old link: ?region=
        return redirect(f"{reverse('compare')}?{upgraded.urlencode()}", permanent=True)
    home = home_municipality(request.user)
    stored = remembered_comparison(request.user)
    # The page depends on the filters, the user's own municipality (the default region, "mine") and the
    # comparison the user chose last.
    version = data_version.current()
    page, page_key = page_cached(_compare_page, page_path(request), request.GET.urlencode(), home, stored,
                                 version=version)
    # The filters alone (small) decide what to remember, so a stored page body is not fetched for it.
    filters, _key = page_cached(_compare_filters, page_path(request), request.GET.urlencode(), home, stored,
                                version, version=version)
    if COMPARISON_PARAM in request.GET and not filters.error:
        remember_comparison(request.user, filters.comparison_value, stored)
    if asked := requested_download(request):
        name = f"sammenligning-{filters.region_value}"
        if asked[1] == "table":
            return download(request, asked[0], page.coverage_table, name, _("Dækning per kommune"))
        return chart_download(request, asked, page.charts, name)
    ctx = {"page": page, "filters": filters, "page_key": page_key}
    return render_page(request, "indicators/compare.html", "compare-results", ctx)


def _compare_page(path: str, query: str, home: Municipality | None, stored: str | None) -> comparison.ComparePage:
    """The page for these filters (`query`, the URL's), with its downloads linked to this address and them."""
    page = comparison.compare_page(QueryDict(query), home, stored)
    params = page.filters.params()
    link_csv(page.charts, path, params)
    page.table_csv_url = f"{path}?{urlencode({**params, 'csv': 'table'})}"
    page.table_xlsx_url = f"{path}?{urlencode({**params, 'xlsx': 'table'})}"
    return page


def _compare_filters(path: str, query: str, home: Municipality | None, stored: str | None,
                     version: str) -> CompareFilters:
    """The compare page's filters, taken from its cached page (built if need be) and cached apart."""
    return page_cached(_compare_page, path, query, home, stored, version=version)[0].filters


@require_GET
def national_chart_csv(request: HttpRequest) -> HttpResponse:
    """The CSV or XLSX of one of the home page's national charts (?csv=<chart id> or ?xlsx=<chart id>)."""
    summary, _key = page_cached(_national_summary)
    answer = csv_download(request, summary.charts, "landsoverblik")
    if answer is None:
        raise Http404
    return answer


# --- Progress over time ------------------------------------------------------------------------


@require_GET
def coverage_history(request: HttpRequest, code: int) -> HttpResponse:
    """Coverage over time; ?period=quarter for the last two years by quarter. Cached by the data version and day
    (the current period runs to today)."""
    municipality = municipality_or_404(code)
    filters = PageFilters(request.GET)
    page, page_key = page_cached(
        history.coverage_history_page, municipality, filters.granularity, timezone.localdate(),
        municipality_id=municipality.pk, then=csv_links("charts", page_path(request), filters.period_params()))
    if asked := requested_download(request):
        return chart_download(request, asked, page.charts, f"daekning-over-tid-{code}")
    ctx = {"page": page, "page_key": page_key, "municipality": municipality, "page_path": page_path(request)}
    return render_page(request, "indicators/coverage_history.html", "history-body", ctx)
