"""Partner municipalities of an intervention: run together with the owner, as the seeds' cases are.

The rule: an intervention counts for each partner's coverage as for its owner's (InterventionQuerySet.counting_for,
indicators.coverage.facts), but only the owner's editors (and the admins) change it or its partners – a partner's
editors read it like everyone else. The owner is never its own partner. A change of the partners is a change of the
intervention: it moves its version, so a save from an older copy is refused like any other edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from recruitment.forms import ModelMultipleChoiceField
from recruitment.models import Municipality
from recruitment.versioning import StaleVersionError

from .models import Intervention


class PartnerForm(forms.Form):
    """The partners of one intervention, and the version the editor started from."""

    partner_municipalities = ModelMultipleChoiceField(
        queryset=Municipality.objects.none(), required=False, label=_("Partnerkommuner"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        error_messages={"invalid_choice": _("Vælg partnerkommuner fra listen; en kommune kan ikke være partner i sin "
                                            "egen indsats."),
                        "invalid_pk_value": _("Vælg partnerkommuner fra listen.")},
        help_text=_("Kommuner, der driver indsatsen sammen med jer. Indsatsen tæller med i deres dækning, men kun "
                    "jeres redaktører kan ændre den. Hold Ctrl (⌘ på Mac) nede for at vælge flere."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, error_messages={
        "required": _("Formularen mangler sin version. Åbn indsatsen igen og gentag ændringen.")})

    def __init__(self, *args, intervention: Intervention, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.intervention = intervention
        field = self.fields["partner_municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Municipality.objects.exclude(pk=intervention.municipality_id).order_by("name")
        if not self.is_bound:
            self.initial = {"partner_municipalities": [m.pk for m in partners_of(intervention)],
                            "version": intervention.version}

    def save(self) -> None:
        """Sets the partners; raises StaleVersionError when the intervention changed since the form was shown."""
        set_partners(self.intervention, self.cleaned_data["partner_municipalities"], self.cleaned_data["version"])


def partners_of(intervention: Intervention) -> list[Municipality]:
    return sorted(intervention.partner_municipalities.all(), key=lambda m: m.name)


def partner_in(municipality: Municipality) -> list[Intervention]:
    """The other municipalities' interventions the municipality runs as a partner, running first."""
    return list(Intervention.objects.filter(partner_municipalities=municipality).select_related("municipality")
                .running_first())


def set_partners(intervention: Intervention, municipalities: Iterable[Municipality], expected_version: int) -> None:
    """The partners become `municipalities` (the owner left out), and the intervention moves to its next version –
    unless it is no longer at `expected_version` (StaleVersionError, nothing changed). The change of links bumps
    the data version (recruitment.data_version.bump_on_owned_change), so every page's coverage follows."""
    chosen = [m for m in municipalities if m.pk != intervention.municipality_id]
    with transaction.atomic():
        intervention.version = expected_version
        # Only the bookkeeping is saved here: the history records the fields people edit, which did not change.
        intervention.skip_history_when_saving = True
        try:
            intervention.save(update_fields=["updated_at"])
        finally:
            del intervention.skip_history_when_saving
        intervention.partner_municipalities.set(chosen)


__all__ = ["PartnerForm", "StaleVersionError", "partner_in", "partners_of", "set_partners"]
