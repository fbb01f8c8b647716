"""Every chart's and table's downloads: its page with ?csv=<id> or ?xlsx=<id>, answered as CSV for Danish Excel or
as XLSX with a sheet saying what it is, whence and when (recruitment.exports)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment import exports

from .base import DEFAULT_SOURCE, Chart, Table


def link_csv(charts: Iterable[Chart], path: str, params: dict[str, str] | None = None) -> None:
    """Each chart's downloads are its page with the page's filters and ?csv=<chart id> or ?xlsx=<chart id>."""
    for chart in charts:
        chart.csv_url = f"{path}?{urlencode({**(params or {}), 'csv': chart.id})}"
        chart.xlsx_url = f"{path}?{urlencode({**(params or {}), 'xlsx': chart.id})}"


FORMATS = ("csv", "xlsx")


def requested_download(request: HttpRequest) -> tuple[str, str] | None:
    """(format, table id) from ?csv=<id> or ?xlsx=<id>; None when the page itself is asked for."""
    return next(((fmt, request.GET[fmt]) for fmt in FORMATS if fmt in request.GET), None)


def download(request: HttpRequest, fmt: str, table: Table, name: str, title: str, source: str = "",
             notes: Iterable[str] = ()) -> HttpResponse:
    """A table as CSV for Excel set to Danish, or as XLSX with a sheet saying what it is, whence and when."""
    if fmt == "xlsx":
        about = [(_("Tabel"), title), *[(_("Note"), note) for note in notes if note],
                 (_("Kilde"), source or DEFAULT_SOURCE), (_("Hentet"), timezone.now()),
                 (_("Side"), request.build_absolute_uri())]
        return exports.xlsx_response(table.columns, table.rows, f"{name}.xlsx", title, about)
    return exports.danish_csv_response(table.columns, table.rows, f"{name}.csv")


def csv_download(request: HttpRequest, charts: Iterable[Chart], prefix: str) -> HttpResponse | None:
    """The CSV or XLSX of the chart named by ?csv= or ?xlsx=, None when the page itself is asked for."""
    asked = requested_download(request)
    return None if asked is None else chart_download(request, asked, charts, prefix)


def chart_download(request: HttpRequest, asked: tuple[str, str], charts: Iterable[Chart], prefix: str) -> HttpResponse:
    """The CSV or XLSX of the chart `requested_download` named (a page whose charts are built only when asked for
    checks that first, then calls this)."""
    fmt, chart_id = asked
    chart = next((chart for chart in charts if chart.id == chart_id), None)
    if chart is None:
        raise Http404(_("Ukendt diagram."))
    return download(request, fmt, chart.table, f"{prefix}-{chart.id}", chart.title, chart.source,
                    [chart.description, *chart.notes])
