"""The HR consultant's pages: the list, create, edit, delete, restore and the history of an intervention.

Anyone logged in reads every municipality's interventions; only that municipality's editors and the
admins change them, checked here on the server for every write. Saves answered to htmx fire the
`coverage-changed` event, on which the coverage panel and the lists on the page refresh themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from recruitment import data_version
from recruitment.models import Municipality, TargetGroup, can_edit
from recruitment.rendering import render_page, wants_fragment

from . import export, history
from .catalogue import type_options
from .filters import InterventionFilterForm
from .forms import InterventionForm, propose_target_groups
from .models import Intervention, InterventionType, NoneRunConfirmation, StaleVersionError
from .partners import partners_of

COVERAGE_CHANGED = "coverage-changed"
PER_PAGE = 50


# --- Access -----------------------------------------------------------------------------------

def _municipality_for_editor(request: HttpRequest, code: int) -> Municipality:
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    if not can_edit(request.user, municipality):
        raise PermissionDenied
    return municipality


def _intervention_for_editor(request: HttpRequest, pk: int) -> Intervention:
    intervention = get_object_or_404(Intervention.objects.select_related("municipality__region"), pk=pk)
    if not can_edit(request.user, intervention.municipality):
        raise PermissionDenied
    return intervention


def _in_place(request: HttpRequest, own_url: str) -> bool:
    """Whether a form is shown inside another page (the list, the detail page) rather than on its own."""
    if not wants_fragment(request):
        return False
    current = request.htmx.current_url_abs_path or ""
    return urlsplit(current).path != own_url


def _done(request: HttpRequest, template: str, ctx: dict) -> HttpResponse:
    return trigger_client_event(render(request, template, ctx), COVERAGE_CHANGED)


# --- Reading ----------------------------------------------------------------------------------

@require_GET
def intervention_list(request: HttpRequest, code: int) -> HttpResponse:
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
               .filter(municipality=municipality).first(),
               has_interventions=Intervention.objects.filter(municipality=municipality).exists())
    return render_page(request, "interventions/intervention_list.html", "intervention-list", ctx)


@require_GET
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
def none_run_confirmation(request: HttpRequest, code: int) -> HttpResponse:
    """An editor confirms that the municipality runs none of the catalogue's types, or withdraws it (the
    history keeps both). Saving or deleting bumps the data version, so the averages follow at once."""
    municipality = _municipality_for_editor(request, code)
    action = request.POST.get("action")
    if action == "confirm":
        NoneRunConfirmation.objects.update_or_create(
            municipality=municipality, defaults={"confirmed_on": timezone.localdate(), "confirmed_by": request.user})
        messages.success(request, _("Bekræftet: %(name)s har ingen af katalogets indsatser.") % {
            "name": municipality.name})
    elif action == "withdraw":
        for confirmation in NoneRunConfirmation.objects.filter(municipality=municipality):
            confirmation.delete()  # one by one, so the history records the withdrawal
        messages.success(request, _("Bekræftelsen er trukket tilbage."))
    else:
        messages.error(request, _("Ukendt handling; intet er ændret."))
    return redirect("intervention-list", code=municipality.code)


# --- Create and edit --------------------------------------------------------------------------

def _form_ctx(request: HttpRequest, form: InterventionForm, municipality: Municipality,
              intervention: Intervention | None, form_url: str, **extra) -> dict:
    in_place = _in_place(request, form_url)
    if in_place and not form.errors:
        # Opened inside another page: the keyboard user lands in the form (htmx honours autofocus).
        form.fields["title"].widget.attrs["autofocus"] = True
    return {"form": form, "municipality": municipality, "intervention": intervention, "form_url": form_url,
            "in_place": in_place, **extra}


def _type_fields(request: HttpRequest, form_kwargs: dict, form_url: str, municipality: Municipality) -> HttpResponse:
    """The part of the form that follows the type picked: its EVA share and the proposed target group."""
    picked_pk = _int(request.GET.get("intervention_type"))
    picked = next((option for option in form_kwargs["options"] if option.pk == picked_pk), None)
    selected = {pk for pk in map(_int, request.GET.getlist("target_groups")) if pk is not None}
    selected, proposed = propose_target_groups(selected, _int(request.GET.get("proposed_target_group")), picked)
    form = InterventionForm(initial={"intervention_type": picked.pk if picked else None,
                                     "target_groups": sorted(selected), "proposed_target_group": proposed},
                            **form_kwargs)
    return render(request, "interventions/intervention_form.html#type-fields",
                  _form_ctx(request, form, municipality, None, form_url))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _catalogue_kwargs(picker_url: str) -> dict:
    # The same for every form until the catalogue or a benchmark changes (they bump the data version).
    options, target_groups = data_version.cached_now("intervention-form-catalogue", lambda: (type_options(), list(
        TargetGroup.objects.select_related("pathway").order_by("pathway__position", "position"))))
    return {"options": options, "picker_url": picker_url, "target_groups": target_groups}


@dataclass
class _FormStart:
    """What the create and edit pages start with: the form's URL and the catalogue it offers, the posted form on a
    POST, and – when a picked type asks (htmx) for the fields that follow it – that answer instead of the page."""

    form_url: str
    catalogue: dict
    posted: InterventionForm | None = None
    type_fields: HttpResponse | None = None


def _form_start(request: HttpRequest, form_url: str, municipality: Municipality,
                instance: Intervention) -> _FormStart:
    catalogue = _catalogue_kwargs(form_url)
    if request.method == "GET" and request.htmx and request.htmx.trigger_name == "intervention_type":
        return _FormStart(form_url, catalogue, type_fields=_type_fields(request, catalogue, form_url, municipality))
    if request.method == "POST":
        return _FormStart(form_url, catalogue, posted=InterventionForm(request.POST, instance=instance, **catalogue))
    return _FormStart(form_url, catalogue)


@require_http_methods(["GET", "POST"])
def intervention_create(request: HttpRequest, code: int) -> HttpResponse:
    municipality = _municipality_for_editor(request, code)
    start = _form_start(request, reverse("intervention-create", kwargs={"code": code}), municipality,
                        Intervention(municipality=municipality))
    if start.type_fields is not None:
        return start.type_fields
    form = start.posted
    if form is not None and form.is_valid():
        intervention = form.save(commit=False)
        intervention.created_by = request.user
        intervention.save_with_target_groups(form.cleaned_data["target_groups"], request.user)
        return _saved(request, intervention, _("Indsatsen “%(title)s” er oprettet.") % {"title": intervention})
    if form is None:
        form = InterventionForm(initial=_preselected(request.GET.get("type", ""), request.GET.get("status", "")),
                                **start.catalogue)
    return render_page(request, "interventions/intervention_form.html", "form",
                       _form_ctx(request, form, municipality, None, start.form_url))


def _preselected(slug: str, status: str = "") -> dict:
    """`?type=<slug>` (from the dashboard's "Start denne indsats") fills in the type and its target group;
    `&status=running` opens it as running from today (what "start" means; a running intervention needs a
    start date), which the user may change to planned before saving. Anything else: the model's default."""
    initial: dict[str, object] = {}
    if status == Intervention.Status.RUNNING:
        initial = {"status": Intervention.Status.RUNNING, "start_date": timezone.localdate()}
    intervention_type = InterventionType.objects.filter(slug=slug).first() if slug else None
    if intervention_type is None:
        return initial
    return {**initial, "intervention_type": intervention_type.pk, "title": intervention_type.label,
            "target_groups": [intervention_type.target_group_id],
            "proposed_target_group": intervention_type.target_group_id}


@require_http_methods(["GET", "POST"])
def intervention_edit(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _intervention_for_editor(request, pk)
    start = _form_start(request, reverse("intervention-edit", kwargs={"pk": pk}), intervention.municipality,
                        intervention)
    if start.type_fields is not None:
        return start.type_fields
    form = start.posted
    if form is not None and form.is_valid():
        # The version the user started from, not the one just read: that is what is checked.
        intervention.version = form.cleaned_data["version"]
        try:
            intervention.save_with_target_groups(form.cleaned_data["target_groups"], request.user)
        except StaleVersionError as stale:
            form.refuse_stale(stale.expected_version)  # another save slipped in after the form's check
        else:
            return _saved(request, intervention, _("Ændringerne er gemt."))
    if form is None:
        form = InterventionForm(instance=intervention, **start.catalogue)
    ctx = _form_ctx(request, form, form.instance.municipality, form.instance, start.form_url, conflict=form.conflict,
                    both_changed=form.both_changed)
    response = render_page(request, "interventions/intervention_form.html", "form", ctx)
    if form.conflict is not None and request.htmx:
        # The other person's save may have moved the coverage; the panel catches up with it.
        trigger_client_event(response, COVERAGE_CHANGED)
    return response


def _saved(request: HttpRequest, intervention: Intervention, message: str) -> HttpResponse:
    if request.htmx:
        return _done(request, "interventions/intervention_form.html#saved",
                     {"intervention": intervention, "message": message, "municipality": intervention.municipality})
    messages.success(request, message)
    return redirect(intervention)


# --- Delete and restore -----------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def intervention_delete(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _intervention_for_editor(request, pk)
    conflict, version_missing = None, False
    if request.method == "POST":
        expected = _int(request.POST.get("version"))
        try:
            if expected is None or expected < 1:
                # Like an edit: without the version the confirmation was shown at, no change since can be seen.
                version_missing = True
            else:
                intervention.delete_checked(request.user, expected)
        except StaleVersionError:
            conflict = history.changes_since(pk, expected)
            intervention.refresh_from_db()
        if not (version_missing or conflict is not None):
            message = _("Indsatsen “%(title)s” er slettet. En administrator kan gendanne den.") % {
                "title": intervention}
            if request.htmx:
                return _done(request, "interventions/intervention_confirm_delete.html#deleted",
                             {"message": message, "municipality": intervention.municipality})
            messages.success(request, message)
            return redirect("intervention-list", code=intervention.municipality.code)
    ctx = {"intervention": intervention, "municipality": intervention.municipality, "conflict": conflict,
           "version_missing": version_missing,
           "in_place": _in_place(request, reverse("intervention-delete", kwargs={"pk": pk}))}
    return render_page(request, "interventions/intervention_confirm_delete.html", "confirm", ctx)


@require_POST
def intervention_restore(request: HttpRequest, pk: int) -> HttpResponse:
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
        return _done(request, "interventions/intervention_detail.html#restored", {"message": message,
                                                                                   "intervention": intervention})
    messages.success(request, message)
    return redirect(intervention)
