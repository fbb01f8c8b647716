"""The regional page (/regions/<slug>/) and its table's downloads (?csv=table, ?xlsx=table)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from indicators.charts.downloads import download, requested_download
from indicators.coverage import load_catalogue
from interventions.models import Intervention
from recruitment import data_version
from recruitment.data_version import cached_now, lazy_cached
from recruitment.models import Municipality, Region, region_by_slug
from recruitment.rendering import page_path, render_page

from .completeness import Completeness
from .page import DEFAULT_SORT, RegionPage, region_page, sort_choice
from .slides import CONTENT_TYPE, DeckSubject, deck

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


def _default_page(region: Region) -> RegionPage:
    """The page as it first shows: by municipality, the same cache entry as the page's."""
    return cached_now(f"region:{region.pk}:{DEFAULT_SORT}:0", lambda: region_page(region))


def _slides(subject: DeckSubject, name: str) -> HttpResponse:
    response = HttpResponse(deck(subject, timezone.localdate()), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.pptx"'
    return response


@require_GET
def region_slides(request: HttpRequest, slug: str) -> HttpResponse:
    """The KKR meeting's deck: the region's municipalities, the region's and the country's rows."""
    page = _default_page(region_or_404(slug))
    return _slides(DeckSubject(page.name, page.all_rows, page.pathways, page.milestones, page.completeness,
                               page.practicum_year, page.vintage, _synthetic()), f"kkr-{slug}")


@require_GET
def municipality_slides(request: HttpRequest, code: int) -> HttpResponse:
    """The same deck for one municipality: its row beside its region's and the country's."""
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    page = _default_page(municipality.region)
    own = [row for row in page.rows if row.municipality is not None and row.municipality.pk == municipality.pk]
    status = Completeness([row for row in page.completeness.rows if row.municipality.pk == municipality.pk])
    return _slides(DeckSubject(municipality.name, [*own, page.region_row, page.country_row], page.pathways,
                               page.milestones, status, page.practicum_year, page.vintage, _synthetic()),
                   f"kommune-{code}")


def _synthetic() -> bool:
    return Intervention.objects.filter(is_demo=True).exists()
