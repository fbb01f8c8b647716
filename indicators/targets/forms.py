"""The editor's form for a target: the rules are the model's (Target.clean); this keeps the version the user
started from (optimistic locking, recruitment.versioning) and, when someone else saved meanwhile, refuses with
their values shown beside the user's input, which stays in the form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from indicators.models import Target
from indicators.models.targets import fits, too_many_digits
from indicators.numbers import danish_decimal

FIELDS = ["indicator", "custom_label", "custom_unit", "manual_values", "baseline_value", "baseline_year",
          "target_value", "target_year", "direction", "source"]


class DanishNumberField(forms.Field):
    """A value as Danes write it ("2.000", "16,7"): a text field, not type=number, refused in Danish when it is no
    number or has more digits than a target keeps."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, **kwargs) -> None:
        super().__init__(localize=True, **kwargs)

    def to_python(self, value: object) -> Decimal | None:
        if value in self.empty_values:
            return None
        number = danish_decimal(str(value))
        if number is None:
            raise ValidationError(_("Skriv et tal, fx 2.000 eller 16,7."), code="invalid")
        if not fits(number):
            raise ValidationError(too_many_digits(), code="max_digits")
        return number


def _value_field(name: str) -> DanishNumberField:
    return DanishNumberField(label=capfirst(Target._meta.get_field(name).verbose_name))


class TargetForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    baseline_value = _value_field("baseline_value")
    target_value = _value_field("target_value")

    class Meta:
        model = Target
        fields = FIELDS
        widgets = {"manual_values": forms.Textarea(attrs={"rows": 4}),
                   "direction": forms.RadioSelect}

    # Set when the save was refused because someone else saved first: (label, their value) of the fields that
    # differ from the user's input.
    conflict: list[tuple[str, str]] | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "Formularen mangler sin version. Åbn målet igen og gentag ændringen.")
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def full_clean(self) -> None:
        super().full_clean()
        if self.conflict is None and self.is_bound and self.instance.pk and not self._errors:
            current = Target.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current is not None and self.cleaned_data.get("version") != current:
                self.refuse_stale()

    def refuse_stale(self) -> None:
        """Someone else saved: show what they saved where it differs from the user's input; the user's input stays,
        and the form now carries the current version, so saving again is a deliberate choice."""
        theirs = Target.objects.get(pk=self.instance.pk)
        self.conflict = []
        for name in FIELDS:
            mine, saved = self.cleaned_data.get(name), getattr(theirs, name)
            if mine != saved:
                display = getattr(theirs, f"get_{name}_display")() if name in ("indicator", "direction") else saved
                self.conflict.append((str(self.fields[name].label), str(display) if display not in ("", None)
                                      else "–"))
        data = self.data.copy()
        data["version"] = str(theirs.version)
        self.data = data
        self.add_error(None, _("En anden har gemt ændringer i målet, mens du redigerede det. Dine ændringer er ikke "
                               "gemt, men står stadig i formularen. Se den andens værdier herunder, og gem igen, hvis "
                               "dine skal gælde."))
