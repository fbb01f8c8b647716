"""The forms that edit an intervention: what the HR pages and the admin share (the rules in Danish, the
version and what a refused save shows), and the HR consultant's form with its catalogue picker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from recruitment.dates import FIRST_YEAR, LAST_YEAR
from recruitment.forms import ModelMultipleChoiceField
from recruitment.models import Pathway, TargetGroup
from recruitment.versioning import VersionedModelForm

from . import history
from .catalogue import TypeOption, grouped
from .models import Intervention, InterventionType

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_NEGATIVE = {"min_value": _("Tallet kan ikke være negativt."), "invalid": _("Skriv et helt tal.")}


def rule_errors(status: str | None, start: date | None, end: date | None,
                participants_actual: int | None) -> dict[str, StrOrPromise]:
    """The rules between fields, as Danish messages keyed by the field they belong next to."""
    errors: dict[str, StrOrPromise] = {}
    for field, day in (("start_date", start), ("end_date", end)):
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            errors[field] = _("Datoen skal ligge mellem år %(first)s og %(last)s.") % {
                "first": FIRST_YEAR, "last": LAST_YEAR}
    if start and end and end < start and not errors:  # a date outside the span has said enough
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
        # The browser's date picker sends and expects ISO dates, whatever the language; it offers only the years
        # the form accepts.
        super().__init__(format="%Y-%m-%d", attrs={"min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31"})


class InterventionRulesForm(VersionedModelForm):
    """What every form that edits an intervention keeps (the HR pages and the admin): the rules between
    fields, and the version the user started from (recruitment.versioning.VersionedModelForm), so that a save
    from an older version is refused with what the other person changed, the user's input kept and the other
    person's values in the fields the user left alone."""

    missing_version_message = _("Formularen mangler sin version. Åbn indsatsen igen og gentag ændringen.")

    class Meta:
        model = Intervention
        fields = list(Intervention.EDITED_FIELDS)
        field_classes = {"target_groups": ModelMultipleChoiceField}

    # Set when the form was refused because someone else saved first: their entries since the user's
    # version, and the labels of the fields both people changed (the user's input wins there on saving again).
    conflict: list[history.HistoryEntry] | None = None
    both_changed: list[str]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.both_changed = []

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for field, message in rule_errors(cleaned.get("status"), cleaned.get("start_date"),
                                          cleaned.get("end_date"), cleaned.get("participants_actual")).items():
            # A field that already failed (say, an unreadable date) keeps only its own message.
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def refuse_stale(self, started_from: int) -> None:
        """Turns the form into the refused save: the current version, the user's changes kept in it (see
        merged_data), what the other person changed, and an error that says so. Saving it again is a choice."""
        mine = dict(self.cleaned_data)
        self.instance = Intervention.objects.get(pk=self.instance.pk)
        self.data, self.both_changed = self.merged_data(mine, started_from)
        self.conflict = history.changes_since(self.instance.pk, started_from)
        super().full_clean()
        self.add_error(None, _("En anden har gemt ændringer i indsatsen, mens du redigerede den. Dine ændringer er "
                               "ikke gemt, men står stadig i formularen sammen med den andens. Se hvad der er "
                               "ændret, og gem igen."))

    def merged_data(self, mine: dict, started_from: int) -> tuple[QueryDict, list[str]]:
        """The submitted data against the current version: the fields the user changed keep the user's
        input, the fields the user left alone take what the other person saved.

        Returns the data and the labels of the fields both people changed. Where the version the user
        started from was never recorded, no field can be known to be left alone: every field where the
        user's input differs from the saved value keeps the input and is pointed out.
        """
        current = self.instance
        base = history.values_at(current.pk, started_from)
        now = history.values_at(current.pk, current.version) or history.current_values(current)
        theirs = type(self)(instance=current, **self.rebuild_kwargs())
        assert isinstance(self.data, QueryDict), "a bound form's data, as the browser sent it"
        data = self.data.copy()
        both_changed = []
        for name in Intervention.EDITED_FIELDS:
            if name not in self.fields:
                continue
            my_value = history.comparable(name, mine.get(name))
            if base is not None and my_value == base[name]:
                _put(data, name, theirs[name].value())
            elif my_value != now[name] and (base is None or now[name] != base[name]):
                both_changed.append(str(theirs[name].label))
        data["version"] = str(current.version)
        return data, both_changed

    def rebuild_kwargs(self) -> dict:
        """The keyword arguments (beyond data and instance) this form was made with."""
        return {}


def _put(data: QueryDict, name: str, value: Any) -> None:
    """Writes a model value into form data as a browser would have sent it."""
    if name == "target_groups":
        data.setlist(name, [str(getattr(item, "pk", item)) for item in value or []])
    elif value is None:
        data[name] = ""
    elif isinstance(value, date):
        data[name] = value.isoformat()
    else:
        data[name] = str(getattr(value, "pk", value))


class InterventionForm(InterventionRulesForm):
    # The target group the last type pick proposed, so picking another type swaps it for the new one.
    proposed_target_group = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(InterventionRulesForm.Meta):
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
            "target_groups": {"required": _("Vælg mindst én målgruppe."),
                              "invalid_choice": _("Vælg målgrupper fra listen."),
                              "invalid_pk_value": _("Vælg målgrupper fra listen.")},
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
        self.picker_url = picker_url
        self.options_by_pk = {option.pk: option for option in options}
        self.all_target_groups = list(target_groups)
        type_field = self.fields["intervention_type"]
        assert isinstance(type_field, forms.ModelChoiceField)
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

    def rebuild_kwargs(self) -> dict:
        return {"options": self.type_options, "target_groups": self.all_target_groups, "picker_url": self.picker_url}

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
