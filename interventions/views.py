"""The HR consultant's pages: the list, delete, restore and the history of an intervention (create and edit:
edit_views.py).

Anyone logged in reads every municipality's interventions; only that municipality's editors and the
admins change them, checked here on the server for every write. Saves answered to htmx fire the
`coverage-changed` event, on which the coverage panel and the lists on the page refresh themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recruitment import data_version
from recruitment.models import Municipality, can_edit
from recruitment.rendering import render_page, wants_fragment
from recruitment.request_types import SignedInRequest

from . import export, history
from .filters import InterventionFilterForm
from .models import Intervention, NoneRunConfirmation, StaleVersionError
from .partners import partner_in, partners_of
from .view_common import done, in_place, intervention_for_editor, municipality_for_editor, whole_number

PER_PAGE = 50


# --- Reading ----------------------------------------------------------------------------------

@require_GET
def intervention_list(request: SignedInRequest, code: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    national, own = data_version.tokens(municipality.pk)
    filters = InterventionFilterForm(request.GET, municipality=municipality, version=national)
    if fmt := request.GET.get("export"):
        return export.download(fmt, filters.interventions(), municipality, request.build_absolute_uri())
    editable = can_edit(request.user, municipality)
    # Read only when the list's rendered body is not yet stored for this data version, address and right to edit.
    page = SimpleLazyObject(lambda: Paginator(filters.interventions(), PER_PAGE).get_page(request.GET.get("page")))
    # A row changes only with its intervention (its version) or the catalogue: kept rendered across saves of
    # the others, so the list after a save renders one row anew. So do the filters (row_key: the national version).
    ctx = {"municipality": municipality, "filters": filters, "page": page, "can_edit": editable, "row_key": national}
    if wants_fragment(request) and request.htmx.trigger == "show-more":
        # "Vis flere": the next page's rows, appended under those shown (the pager follows out of band).
        return render(request, "interventions/intervention_list.html#more-rows", ctx)
    ctx.update(counts=SimpleLazyObject(filters.pathway_counts),
               list_key=f"{national}.{own}:{request.get_full_path()}:{int(editable)}",
               deleted=history.deleted_interventions(municipality) if editable else [],
               confirmation=NoneRunConfirmation.objects.select_related("confirmed_by")
               .filter(municipality=municipality, ended_on__isnull=True).first(),
               has_interventions=Intervention.objects.filter(municipality=municipality).exists(),
               as_partner=SimpleLazyObject(lambda: partner_in(municipality)))
    return render_page(request, "interventions/intervention_list.html", "intervention-list", ctx)


@require_GET
def intervention_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    intervention = (Intervention.objects.select_related("municipality__region", "intervention_type", "created_by")
                    .prefetch_related("target_groups__pathway").filter(pk=pk).first())
    deletion = None
    if intervention is None:
        # A deleted intervention keeps its page: its history, and for an admin the way back.
        deletion = history.deletion_record(pk)
        state = history.last_state(pk) if deletion is not None else None
        if state is None:
            raise Http404
        intervention, target_groups = state
    else:
        target_groups = list(intervention.target_groups.all())
    ctx = {
        "intervention": intervention,
        "municipality": intervention.municipality,
        "target_groups": target_groups,
        "partners": [] if deletion is not None else partners_of(intervention),
        "deletion": deletion,
        "can_edit": deletion is None and can_edit(request.user, intervention.municipality),
        "can_restore": deletion is not None and request.user.is_staff,
        "entries": history.change_log(pk),
    }
    return render_page(request, "interventions/intervention_detail.html", "intervention-detail", ctx)


@require_POST
def none_run_confirmation(request: SignedInRequest, code: int) -> HttpResponse:
    """An editor confirms that the municipality runs none of the catalogue's types, or withdraws it (the
    history keeps both). Saving or deleting bumps the data version, so the averages follow at once."""
    municipality = municipality_for_editor(request, code)
    action = request.POST.get("action")
    if action == "confirm":
        NoneRunConfirmation.objects.update_or_create(
            municipality=municipality, defaults={"confirmed_on": timezone.localdate(), "confirmed_by": request.user,
                                                 "ended_on": None})
        messages.success(request, _("Bekræftet: %(name)s har ingen af katalogets indsatser.") % {
            "name": municipality.name})
    elif action == "withdraw":
        for confirmation in NoneRunConfirmation.objects.filter(municipality=municipality):
            confirmation.delete()  # one by one, so the history records the withdrawal
        messages.success(request, _("Bekræftelsen er trukket tilbage."))
    else:
        messages.error(request, _("Ukendt handling; intet er ændret."))
    return redirect("intervention-list", code=municipality.code)


# --- Delete and restore -----------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def intervention_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_editor(request, pk)
    conflict, version_missing = None, False
    if request.method == "POST":
        expected = whole_number(request.POST.get("version"))
        if expected is None or expected < 1:
            # Like an edit: without the version the confirmation was shown at, no change since can be seen.
            version_missing = True
        else:
            try:
                intervention.delete_checked(request.user, expected)
            except StaleVersionError:
                conflict = history.changes_since(pk, expected)
                intervention.refresh_from_db()
        if not (version_missing or conflict is not None):
            message = _("Indsatsen “%(title)s” er slettet. En administrator kan gendanne den.") % {
                "title": intervention}
            if request.htmx:
                return done(request, "interventions/intervention_confirm_delete.html#deleted",
                             {"message": message, "municipality": intervention.municipality})
            messages.success(request, message)
            return redirect("intervention-list", code=intervention.municipality.code)
    ctx = {"intervention": intervention, "municipality": intervention.municipality, "conflict": conflict,
           "version_missing": version_missing,
           "in_place": in_place(request, reverse("intervention-delete", kwargs={"pk": pk}))}
    return render_page(request, "interventions/intervention_confirm_delete.html", "confirm", ctx)


@require_POST
def intervention_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    try:
        intervention = history.restore(pk, request.user)
        message = _("Indsatsen “%(title)s” er gendannet.")
    except history.AlreadyRestored:
        intervention = get_object_or_404(Intervention, pk=pk)
        message = _("Indsatsen “%(title)s” er allerede gendannet.")
    if intervention is None:
        raise Http404  # nothing deleted to restore under this id
    message %= {"title": intervention}
    if request.htmx:
        return done(request, "interventions/intervention_detail.html#restored", {"message": message,
                                                                                   "intervention": intervention})
    messages.success(request, message)
    return redirect(intervention)
