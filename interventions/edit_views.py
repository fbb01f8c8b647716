"""The HR consultant's create and edit pages for an intervention: the form with its catalogue picker (the fields
that follow a picked type, by htmx), a refused stale save, and the answer to a save."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import trigger_client_event

from recruitment import data_version
from recruitment.models import Municipality, TargetGroup
from recruitment.rendering import render_page
from recruitment.request_types import SignedInRequest
from recruitment.versioning import save_unless_stale

from .catalogue import type_options
from .forms import InterventionForm, propose_target_groups
from .models import Intervention, InterventionType
from .view_common import (
    COVERAGE_CHANGED,
    done,
    in_place,
    intervention_for_editor,
    municipality_for_editor,
    whole_number,
)


def _form_ctx(request: SignedInRequest, form: InterventionForm, municipality: Municipality,
              intervention: Intervention | None, form_url: str, **extra) -> dict:
    shown_in_place = in_place(request, form_url)
    if shown_in_place and not form.errors:
        # Opened inside another page: the keyboard user lands in the form (htmx honours autofocus).
        form.fields["title"].widget.attrs["autofocus"] = True
    return {"form": form, "municipality": municipality, "intervention": intervention, "form_url": form_url,
            "in_place": shown_in_place, **extra}


def _type_fields(request: SignedInRequest, form_kwargs: dict, form_url: str,
                 municipality: Municipality) -> HttpResponse:
    """The part of the form that follows the type picked: its EVA share and the proposed target group."""
    picked_pk = whole_number(request.GET.get("intervention_type"))
    picked = next((option for option in form_kwargs["options"] if option.pk == picked_pk), None)
    selected = {pk for pk in map(whole_number, request.GET.getlist("target_groups")) if pk is not None}
    previously = whole_number(request.GET.get("proposed_target_group"))
    selected, proposed = propose_target_groups(selected, previously, picked)
    form = InterventionForm(initial={"intervention_type": picked.pk if picked else None,
                                     "target_groups": sorted(selected), "proposed_target_group": proposed},
                            **form_kwargs)
    return render(request, "interventions/intervention_form.html#type-fields",
                  _form_ctx(request, form, municipality, None, form_url))



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


def _form_start(request: SignedInRequest, form_url: str, municipality: Municipality,
                instance: Intervention) -> _FormStart:
    catalogue = _catalogue_kwargs(form_url)
    if request.method == "GET" and request.htmx and request.htmx.trigger_name == "intervention_type":
        return _FormStart(form_url, catalogue, type_fields=_type_fields(request, catalogue, form_url, municipality))
    if request.method == "POST":
        return _FormStart(form_url, catalogue, posted=InterventionForm(request.POST, instance=instance, **catalogue))
    return _FormStart(form_url, catalogue)


@require_http_methods(["GET", "POST"])
def intervention_create(request: SignedInRequest, code: int) -> HttpResponse:
    municipality = municipality_for_editor(request, code)
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
def intervention_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    intervention = intervention_for_editor(request, pk)
    start = _form_start(request, reverse("intervention-edit", kwargs={"pk": pk}), intervention.municipality,
                        intervention)
    if start.type_fields is not None:
        return start.type_fields
    form = start.posted
    if form is not None and form.is_valid():
        posted = form
        if save_unless_stale(posted, lambda: intervention.save_with_target_groups(
                posted.cleaned_data["target_groups"], request.user)):
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


def _saved(request: SignedInRequest, intervention: Intervention, message: str) -> HttpResponse:
    if request.htmx:
        return done(request, "interventions/intervention_form.html#saved",
                     {"intervention": intervention, "message": message, "municipality": intervention.municipality})
    messages.success(request, message)
    return redirect(intervention)
