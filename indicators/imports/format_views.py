"""The format pages: what a file of each kind must look like, its example CSV and its XLSX template."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indicators.models import DataImport
from recruitment.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

from .formats import KindFormat, example_csv, kind_format, template_xlsx
from .formats.columns import header_note
from .views import require_admin


def _format(request: HttpRequest, kind: str) -> KindFormat:
    require_admin(request)
    if kind not in DataImport.Kind.values:
        raise Http404
    return kind_format(kind)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def import_format(request: HttpRequest, kind: str) -> HttpResponse:
    described = _format(request, kind)
    columns = described.template_columns()
    ctx = {"format": described, "header_note": header_note(), "template_columns": columns,
           "example": list(zip(columns, described.example_row(), strict=True)),
           "kinds": [{"kind": value, "label": label} for value, label in DataImport.Kind.choices]}
    return render(request, "indicators/imports/format.html", ctx)


@require_GET
def import_format_csv(request: HttpRequest, kind: str) -> HttpResponse:
    return _attachment(example_csv(_format(request, kind)), CSV_CONTENT_TYPE, f"{kind}-eksempel.csv")


@require_GET
def import_format_xlsx(request: HttpRequest, kind: str) -> HttpResponse:
    return _attachment(template_xlsx(_format(request, kind)), XLSX_CONTENT_TYPE, f"{kind}-skabelon.xlsx")
