"""The regional page (/regions/<slug>/) and its table's downloads (?csv=table, ?xlsx=table)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from indicators.charts.downloads import download, requested_download
from indicators.coverage import load_catalogue
from recruitment import data_version
from recruitment.data_version import lazy_cached
from recruitment.models import Region, region_by_slug
from recruitment.rendering import page_path, render_page

from .page import DEFAULT_SORT, RegionPage, region_page, sort_choice

SOURCE = gettext_lazy("Kommunernes registrerede indsatser i Pædagoger nok; EVA's kortlægning (2024); kommunernes "
           "fremskrivninger (personalestatistik og befolkningsfremskrivning, importeret); kommunernes egne mål; "
           "praktikevalueringer (SPU, importeret)")


def region_or_404(slug: str) -> Region:
    region = region_by_slug(slug)
    if region is None:
        raise Http404(_("Ukendt region."))
    return region


@require_GET
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404(slug)
    asked = request.GET.get("sort", DEFAULT_SORT)
    sort = sort_choice(asked, load_catalogue().pathways)
    # An unknown column is named back outside the cached body, which never holds what a user typed.
    error = "" if sort else _("Tabellen kan ikke sorteres efter “%(value)s”; den er sorteret efter kommune.") % {
        "value": asked[:40]}
    sort = sort or DEFAULT_SORT
    descending = request.GET.get("dir") == "desc"
    version = data_version.current()
    page, page_key = lazy_cached(f"region:{region.pk}:{sort}:{int(descending)}",
                                 lambda: region_page(region, sort, descending), version)
    if asked_download := requested_download(request):
        if asked_download[1] != "table":
            raise Http404(_("Ukendt tabel."))
        return _table_download(request, asked_download[0], page)
    ctx = {"page": page, "page_key": page_key, "region": region, "error": error, "page_path": page_path(request)}
    return render_page(request, "indicators/region.html", "region-body", ctx)


def _table_download(request: HttpRequest, fmt: str, page: RegionPage) -> HttpResponse:
    return download(request, fmt, page.table, f"kkr-{page.region.slug}",
                    _("Kommunerne i %(name)s") % {"name": page.name}, source=str(SOURCE))
