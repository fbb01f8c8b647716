"""What a municipality shares with the others: an intervention's partner municipalities and the municipality's
contact for knowledge sharing. Only the owner's editors and the admins change either (recruitment.models.can_edit),
checked here for every request; the regional page (indicators.regions) shows both to every signed-in user."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from recruitment.models import Municipality, can_edit

from .knowledge_contact import KnowledgeContactForm
from .models import Intervention
from .partners import PartnerForm, StaleVersionError, partners_of


@require_http_methods(["GET", "POST"])
def intervention_partners(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_object_or_404(Intervention.objects.select_related("municipality__region"), pk=pk)
    if not can_edit(request.user, intervention.municipality):
        raise PermissionDenied  # a partner's editors too: the owner's editors change it
    form = PartnerForm(request.POST if request.method == "POST" else None, intervention=intervention)
    if form.is_bound and form.is_valid():
        try:
            form.save()
        except StaleVersionError:
            intervention.refresh_from_db()
            names = ", ".join(m.name for m in partners_of(intervention)) or _("ingen")
            form.add_error(None, _("Indsatsen er ændret af en anden, siden du åbnede den; dine partnere er ikke "
                                   "gemt. Partnerkommuner nu: %(names)s. Gem igen for at gemme dit valg.") % {
                "names": names})
            data = request.POST.copy()
            data["version"] = str(intervention.version)  # saving again is a choice made with the news
            form.data = data
        else:
            messages.success(request, _("Partnerkommunerne er gemt."))
            return redirect(intervention)
    return render(request, "interventions/intervention_partners.html", {
        "form": form, "intervention": intervention, "municipality": intervention.municipality})


@require_http_methods(["GET", "POST"])
def knowledge_contact(request: HttpRequest, code: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    if not can_edit(request.user, municipality):
        raise PermissionDenied
    form = KnowledgeContactForm(request.POST if request.method == "POST" else None, municipality=municipality)
    if form.is_bound and form.is_valid():
        had_one = form.instance.pk is not None
        if form.save_for(request.user) is None:
            messages.success(request, _("Kontaktpersonen er fjernet.") if had_one else _(
                "Kommunen har ingen kontaktperson for videndeling; intet er ændret."))
        else:
            messages.success(request, _("Kontaktpersonen for videndeling er gemt."))
        return redirect("intervention-list", code=municipality.code)
    return render(request, "interventions/knowledge_contact.html", {"form": form, "municipality": municipality})
