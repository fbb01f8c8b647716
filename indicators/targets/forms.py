"""The editor's form for a target: the rules are the model's (Target.clean); this keeps the version the user
started from (optimistic locking, recruitment.versioning) and, when someone else saved meanwhile, refuses with
their values shown beside the user's input, which stays in the form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from indicators.models import Target
from indicators.models.targets import fits, too_many_digits
from indicators.numbers import danish_decimal
from recruitment.versioning import VersionedModelForm

FIELDS = ["indicator", "custom_label", "manual_values", "baseline_value", "baseline_year", "target_value",
          "target_year", "direction", "source"]


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
    field = Target._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is a field of Target's own"
    return DanishNumberField(label=capfirst(field.verbose_name))


class TargetForm(VersionedModelForm):
    baseline_value = _value_field("baseline_value")
    target_value = _value_field("target_value")
    missing_version_message = _("Formularen mangler sin version. Åbn målet igen og gentag ændringen.")

    class Meta:
        model = Target
        fields = FIELDS
        widgets = {"manual_values": forms.Textarea(attrs={"rows": 4}),
                   "direction": forms.RadioSelect}

    # Set when the save was refused because someone else saved first: (label, their value) of the fields that
    # differ from the user's input.
    conflict: list[tuple[str, str]] | None = None

    def refuse_stale(self, started_from: int) -> None:
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
        # A bound form's data is a QueryDict (a dict in some tests); the stubs type it as any Mapping.
        data = self.data.copy() if isinstance(self.data, QueryDict | dict) else dict(self.data)
        data["version"] = str(theirs.version)
        self.data = data
        self.add_error(None, _("En anden har gemt ændringer i målet, mens du redigerede det. Dine ændringer er ikke "
                               "gemt, men står stadig i formularen. Se den andens værdier herunder, og gem igen, hvis "
                               "dine skal gælde."))
