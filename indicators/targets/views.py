"""The targets pages: every signed-in user reads a municipality's targets (and their CSV); its editors and the
admins create and change them (recruitment.models.can_edit), checked on the server for every write."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from indicators.charts.downloads import csv_download, download, link_csv, requested_download
from indicators.models import Target
from indicators.view_helpers import municipality_or_404
from recruitment.models import Municipality, can_edit
from recruitment.rendering import render_page
from recruitment.versioning import require_editor, save_unless_stale

from .forms import TargetForm
from .page import targets_page


@require_GET
def target_list(request: HttpRequest, code: int) -> HttpResponse:
    municipality = municipality_or_404(code)
    page = targets_page(municipality)
    link_csv(page.charts, request.path)
    if (asked := requested_download(request)) and asked[1] == "targets":
        return download(request, asked[0], page.table, f"maal-{code}", _("Mål for %(name)s") % {
            "name": municipality.name}, _("Kommunens egne mål, registreret i Pædagoger nok"))
    if (answer := csv_download(request, page.charts, f"maal-{code}")) is not None:
        return answer
    ctx = {"page": page, "municipality": municipality, "can_edit": can_edit(request.user, municipality),
           "csv_url": f"{request.path}?csv=targets", "xlsx_url": f"{request.path}?xlsx=targets"}
    return render_page(request, "indicators/targets.html", "targets-body", ctx)


@require_http_methods(["GET", "POST"])
def target_create(request: HttpRequest, code: int) -> HttpResponse:
    municipality = require_editor(request.user, municipality_or_404(code))
    form = TargetForm(request.POST if request.method == "POST" else None, instance=Target(municipality=municipality))
    if request.method == "POST" and form.is_valid():
        target = form.save(commit=False)
        target.created_by = request.user
        target.save()
        messages.success(request, _("Målet “%(label)s” er oprettet.") % {"label": target.label})
        return redirect("target-list", code=code)
    return _form_page(request, form, municipality, None)


@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, code: int, pk: int) -> HttpResponse:
    municipality = require_editor(request.user, municipality_or_404(code))
    target = get_object_or_404(Target, pk=pk, municipality=municipality)
    form = TargetForm(request.POST if request.method == "POST" else None, instance=target)
    if request.method == "POST" and form.is_valid() and save_unless_stale(form, target.save):
        messages.success(request, _("Ændringerne i målet er gemt."))
        return redirect("target-list", code=code)
    return _form_page(request, form, municipality, target)


def _form_page(request: HttpRequest, form: TargetForm, municipality: Municipality, target: Target | None):
    url = (reverse("target-edit", kwargs={"code": municipality.code, "pk": target.pk}) if target
           else reverse("target-create", kwargs={"code": municipality.code}))
    ctx = {"form": form, "municipality": municipality, "target": target, "form_url": url,
           "history": list(target.history.select_related("history_user").order_by("-history_date")[:20])
           if target else []}
    return render_page(request, "indicators/target_form.html", "target-form", ctx)
