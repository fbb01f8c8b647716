"""Form fields every app's forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The widest integer key the databases hold (a BigAutoField): beyond it SQLite raises OverflowError
# rather than finding nothing, which would answer a forged form with a 500.
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing ids too large for the database as "not one of the choices"."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                try:
                    number = int(str(pk))
                except (TypeError, ValueError):
                    continue  # Django's own check explains it
                if abs(number) > LARGEST_ID:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)  # type: ignore[misc]  # private in Django; django-stubs omits it
