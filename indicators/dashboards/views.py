"""The head of daycare's dashboards: the home page with the national summary, a municipality, one pathway in
depth, the comparison, the coverage panel and the CSV exports."""

from __future__ import annotations

import hashlib
from itertools import groupby
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indicators.charts.downloads import chart_download, csv_download, download, link_csv, requested_download
from indicators.comparison import PARAM as COMPARISON_PARAM
from indicators.comparison import Comparison
from indicators.comparison import choose as choose_comparison
from indicators.comparison import remember as remember_comparison
from indicators.comparison import remembered as remembered_comparison
from indicators.comparison import upgraded_query as upgraded_compare_query
from indicators.projection import pages as projection
from indicators.view_helpers import municipality_or_404, with_csv_links
from recruitment import data_version, exports
from recruitment.data_version import cached, cached_now, lazy_cached
from recruitment.models import Municipality, Pathway, can_edit, home_municipality, search_municipalities
from recruitment.rendering import page_path, render_page, wants_fragment

from . import brief as briefs
from . import compare as comparison
from . import coverage_history as history  # a module attribute, so the fault tests can make the page fail
from . import similar
from .municipality import COVERAGE_CSV_COLUMNS, coverage_csv_rows, panel_coverage
from .municipality import municipality_dashboard as build_dashboard
from .national import NationalSummary, national_summary
from .pathway import pathway_page


def _include_planned(request: HttpRequest) -> bool:
    return request.GET.get("planned") == "1"


def _planned_params(include_planned: bool) -> dict[str, str]:
    return {"planned": "1"} if include_planned else {}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The municipality search (htmx swaps its results) and the national summary."""
    query = request.GET.get("q", "")[:100]
    version = data_version.current()
    search = hashlib.sha256(query.encode()).hexdigest()
    results, results_key = lazy_cached(f"municipality-search:{search}", lambda: _search(query), version)
    ctx: dict[str, object] = {"query": query, "results": results, "results_key": results_key}
    if not wants_fragment(request):
        ctx["summary"], ctx["summary_key"] = lazy_cached("national-summary", _national_summary, version)
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
    municipality, include_planned = municipality_or_404(code), _include_planned(request)
    # The fragment shows nothing of the user's and only counts (no titles, participants…): rendered once per
    # national data version, so a consultant's save of a title or participants does not render it anew.
    name, version = f"panel:{code}:{int(include_planned)}", data_version.current()
    return HttpResponse(cached(version, f"{name}:html", lambda: render_to_string("indicators/coverage_panel.html", {
        "municipality": municipality, "include_planned": include_planned,
        "coverage": cached(version, name, lambda: panel_coverage(municipality, include_planned))}, request)))


def _comparison(request: HttpRequest, municipality: Municipality, version: str) -> Comparison:
    """Region, a group the municipality is in, or all (?sammenlign=, else the user's last choice)."""
    return choose_comparison(request.GET, request.user, municipality, version)


@require_GET
def municipality_dashboard(request: HttpRequest, code: int) -> HttpResponse:
    municipality = municipality_or_404(code)
    include_planned = _include_planned(request)
    version = data_version.for_municipality(municipality.pk)
    comparison = _comparison(request, municipality, version)
    # Built and rendered once per version of the municipality's data (recruitment.data_version): every write
    # that changes it bumps it.
    page, page_key = lazy_cached(f"dashboard:{code}:{int(include_planned)}:{comparison.value}", with_csv_links(
        lambda: build_dashboard(municipality, include_planned, comparison.chosen), "all_charts",
        page_path(request), _planned_params(include_planned)), version)
    if asked := requested_download(request):
        return chart_download(request, asked, page.all_charts, f"kommune-{code}")
    panel = SimpleLazyObject(lambda: cached_now(f"projection-panel:{code}", lambda: projection.panel(municipality)))
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

    include_planned = _include_planned(request)
    page = cached(version, f"dashboard:{municipality.code}:{int(include_planned)}",
                  lambda: build_dashboard(municipality, include_planned))
    brief = briefs.build_brief(municipality, page, request.GET)
    html = render_to_string("indicators/brief.html", {"brief": brief}, request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return briefs.RenderedBrief(pdf, f"udvalgsnotat-{municipality.code}-{brief.generated:%Y-%m-%d}.pdf")


@require_GET
def pathway_detail(request: HttpRequest, code: int, pathway: str) -> HttpResponse:
    municipality = municipality_or_404(code)
    pathway_obj = get_object_or_404(Pathway, slug=pathway)
    include_planned = _include_planned(request)
    version = data_version.for_municipality(municipality.pk)
    comparison = _comparison(request, municipality, version)
    name = f"pathway:{code}:{pathway_obj.slug}:{int(include_planned)}:{comparison.value}"
    page, page_key = lazy_cached(name, with_csv_links(
        lambda: pathway_page(municipality, pathway_obj, include_planned, comparison.chosen), "charts",
        page_path(request), _planned_params(include_planned)), version)
    if asked := requested_download(request):
        return chart_download(request, asked, page.charts, f"kommune-{code}-{pathway}")
    ctx = {"page": page, "page_key": page_key, "municipality": municipality, "pathway": pathway_obj,
           "include_planned": include_planned, "comparison": comparison, "page_path": page_path(request)}
    return render_page(request, "indicators/pathway.html", "pathway-body", ctx)


@require_GET
def similar_municipalities(request: HttpRequest, code: int) -> HttpResponse:
    """Kommuner som din: the table, and its CSV or XLSX (?csv=table, ?xlsx=table)."""
    municipality = municipality_or_404(code)
    page = cached_now(f"similar:{code}", lambda: similar.similar_page(municipality))
    if (asked := requested_download(request)) and asked[1] == "table":
        return download(request, asked[0], page.table, f"kommuner-som-{code}",
                        _("Kommuner som %(name)s") % {"name": municipality.name},
                        source=_("Personalestatistik (importeret)"))
    return render(request, "indicators/similar.html", {"page": page, "municipality": municipality})


@require_GET
def coverage_csv(request: HttpRequest, code: int) -> HttpResponse:
    """The machine-readable contract: one row per pathway (see municipality.coverage_csv_rows)."""
    municipality, include_planned = municipality_or_404(code), _include_planned(request)
    coverage = cached_now(f"panel:{code}:{int(include_planned)}", lambda: panel_coverage(municipality, include_planned))
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
    key = hashlib.sha256(f"{home.pk if home else ''}:{stored}?{request.GET.urlencode()}".encode()).hexdigest()
    version = data_version.current()
    page, page_key = lazy_cached(f"compare:{key}", lambda: _compare_page(request, home, stored), version)
    # The filters alone (small) decide what to remember, so a stored page body is not fetched for it.
    filters, _key = lazy_cached(f"compare-filters:{key}", lambda: page.filters, version)
    if COMPARISON_PARAM in request.GET and not filters.error:
        remember_comparison(request.user, filters.comparison_value, stored)
    if asked := requested_download(request):
        name = f"sammenligning-{filters.region_value}"
        if asked[1] == "table":
            return download(request, asked[0], page.coverage_table, name, _("Dækning per kommune"))
        return chart_download(request, asked, page.charts, name)
    ctx = {"page": page, "filters": filters, "page_key": page_key}
    return render_page(request, "indicators/compare.html", "compare-results", ctx)


def _compare_page(request: HttpRequest, home: Municipality | None, stored: str | None) -> comparison.ComparePage:
    """The page with its downloads linked to this address and its filters."""
    page = comparison.compare_page(request.GET, home, stored)
    params = page.filters.params()
    path = page_path(request)
    link_csv(page.charts, path, params)
    page.table_csv_url = f"{path}?{urlencode({**params, 'csv': 'table'})}"
    page.table_xlsx_url = f"{path}?{urlencode({**params, 'xlsx': 'table'})}"
    return page


@require_GET
def national_chart_csv(request: HttpRequest) -> HttpResponse:
    """The CSV or XLSX of one of the home page's national charts (?csv=<chart id> or ?xlsx=<chart id>)."""
    summary = cached_now("national-summary", _national_summary)
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
    granularity = history.granularity_from(request.GET)
    page, page_key = lazy_cached(
        f"coverage-history:{code}:{granularity}:{timezone.localdate().isoformat()}",
        with_csv_links(lambda: history.coverage_history_page(municipality, granularity), "charts", page_path(request),
                       {"period": "quarter"} if granularity == "quarter" else {}),
        data_version.for_municipality(municipality.pk))
    if asked := requested_download(request):
        return chart_download(request, asked, page.charts, f"daekning-over-tid-{code}")
    ctx = {"page": page, "page_key": page_key, "municipality": municipality, "page_path": page_path(request)}
    return render_page(request, "indicators/coverage_history.html", "history-body", ctx)
