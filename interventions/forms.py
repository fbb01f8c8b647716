"""The HR consultant's intervention form: the catalogue picker, the rules in Danish, the version."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.models import Pathway, TargetGroup

from .catalogue import TypeOption, grouped
from .models import Intervention, InterventionType

NOT_NEGATIVE = {"min_value": _("Tallet kan ikke være negativt."), "invalid": _("Skriv et helt tal.")}


def rule_errors(status: str | None, start: date | None, end: date | None,
                participants_actual: int | None) -> dict[str, str]:
    """The rules between fields, as Danish messages keyed by the field they belong next to."""
    errors: dict[str, str] = {}
    if start and end and end < start:
        errors["end_date"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if status == Intervention.Status.RUNNING and start is None:
        errors["start_date"] = _("En indsats, der er i gang, skal have en startdato.")
    if participants_actual is not None and status == Intervention.Status.PLANNED:
        errors["participants_actual"] = _(
            "Faktiske deltagere kan kun angives for indsatser, der er i gang eller afsluttet."
        )
    return errors


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        # The browser's date picker sends and expects ISO dates, whatever the language.
        super().__init__(format="%Y-%m-%d")


class InterventionForm(forms.ModelForm):
    # The version the user started from; a save from an older one is refused (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # The target group the last type pick proposed, so picking another type swaps it for the new one.
    proposed_target_group = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Intervention
        fields = ["title", "intervention_type", "target_groups", "status", "start_date", "end_date", "partners",
                  "participants_planned", "participants_actual", "budget_dkk", "description", "results"]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "target_groups": forms.CheckboxSelectMultiple,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "participants_planned": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "participants_actual": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "budget_dkk": forms.NumberInput(attrs={"min": 0, "step": 1000, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"intervention_type": _("Indsatstype fra EVA's katalog")}
        help_texts = {
            "intervention_type": _("Andelen er, hvor mange kommuner der har indsatsen ifølge EVA (2024)."),
            "participants_actual": _("Kun for indsatser, der er i gang eller afsluttet."),
        }
        error_messages = {
            "title": {"required": _("Skriv en titel på indsatsen.")},
            "target_groups": {"required": _("Vælg mindst én målgruppe.")},
            "intervention_type": {"invalid_choice": _("Vælg en indsatstype fra listen.")},
            "participants_planned": NOT_NEGATIVE,
            "participants_actual": NOT_NEGATIVE,
            "budget_dkk": {**NOT_NEGATIVE, "min_value": _("Budgettet kan ikke være negativt.")},
            "start_date": {"invalid": _("Skriv en gyldig dato.")},
            "end_date": {"invalid": _("Skriv en gyldig dato.")},
        }

    def __init__(self, *args, options: list[TypeOption], target_groups: Iterable[TargetGroup],
                 picker_url: str = "", **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.type_options = options
        self.options_by_pk = {option.pk: option for option in options}
        self.all_target_groups = list(target_groups)
        type_field = self.fields["intervention_type"]
        type_field.empty_label = None
        # The picker groups the types by pathway and target group; validation still uses the queryset.
        type_field.widget.choices = [("", _("Anden indsats (ikke i kataloget) – vælg målgrupper selv"))] + [
            (f"{pathway.pathway.name}: {group.target_group.name}",
             [(option.pk, option.option_label) for option in group.options])
            for pathway in grouped(options) for group in pathway.groups
        ]
        if picker_url:
            # Picking a type fetches its EVA share and proposes its target group (htmx; without
            # JavaScript the user ticks the target groups and sees the share in the option text).
            type_field.widget.attrs.update({"hx-get": picker_url, "hx-trigger": "change", "hx-target": "#type-fields",
                                            "hx-swap": "outerHTML", "hx-include": "#type-fields",
                                            "aria-controls": "type-fields"})
        if self.instance.pk:
            # Editing needs the version the user started from; without it no conflict could be seen.
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "Formularen mangler sin version. Åbn indsatsen igen og gentag ændringen.")
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def clean(self) -> dict:
        cleaned = super().clean()
        for field, message in rule_errors(cleaned.get("status"), cleaned.get("start_date"),
                                          cleaned.get("end_date"), cleaned.get("participants_actual")).items():
            # A field that already failed (say, an unreadable date) keeps only its own message.
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    # --- What the template shows, read from the submitted data or the initial values ---------------

    def _value(self, name: str):
        return self[name].value()

    def selected_type_option(self) -> TypeOption | None:
        value = self._value("intervention_type")
        if isinstance(value, InterventionType):
            value = value.pk
        try:
            return self.options_by_pk.get(int(value)) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def selected_target_group_ids(self) -> set[int]:
        values = self._value("target_groups") or []
        selected = set()
        for value in values:
            try:
                selected.add(int(getattr(value, "pk", value)))
            except (TypeError, ValueError):
                continue
        return selected

    def target_group_choices(self) -> list[tuple[Pathway, list[tuple[TargetGroup, bool]]]]:
        """The target groups by pathway, each with whether it is ticked, for the checkbox fieldsets."""
        selected = self.selected_target_group_ids()
        by_pathway: dict[int, tuple[Pathway, list[tuple[TargetGroup, bool]]]] = {}
        for group in self.all_target_groups:
            entry = by_pathway.setdefault(group.pathway_id, (group.pathway, []))
            entry[1].append((group, group.pk in selected))
        return list(by_pathway.values())


def propose_target_groups(selected: set[int], previously_proposed: int | None,
                          option: TypeOption | None) -> tuple[set[int], int | None]:
    """Picking a type ticks its target group, in place of the one the previous pick ticked."""
    if previously_proposed is not None:
        selected = selected - {previously_proposed}
    if option is None:
        return selected, None
    proposed = option.type.target_group_id
    return selected | {proposed}, proposed
