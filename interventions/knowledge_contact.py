"""A municipality's contact for knowledge sharing: whom other municipalities may ask about its interventions.

Set by the municipality's editors (and the admins), shown only to signed-in users (the regional page's "who to learn
from"), empty until someone names one; emptying every field removes it again.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recruitment.models import Municipality

from .models import KnowledgeContact


class KnowledgeContactForm(forms.ModelForm):
    class Meta:
        model = KnowledgeContact
        fields = ["name", "role", "email"]

    def __init__(self, *args, municipality: Municipality, **kwargs) -> None:
        kwargs.setdefault("instance", KnowledgeContact.objects.filter(municipality=municipality).first()
                          or KnowledgeContact(municipality=municipality))
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # all empty: remove the contact (checked in clean)
        self.fields["email"].help_text = _("Arbejdsmail, ikke en privat adresse: den vises for alle brugere, der er "
                                           "logget ind.")

    @property
    def removes(self) -> bool:
        """All fields empty: the municipality names no contact."""
        return self.is_bound and not any(str(self.data.get(name, "")).strip() for name in self.fields)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not self.removes:
            for name in self.fields:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Udfyld feltet – eller tøm alle tre felter for at fjerne kontaktpersonen."))
        return cleaned

    def save_for(self, user) -> KnowledgeContact | None:
        """Saves the contact (or removes it when every field is empty); returns it, or None when removed."""
        contact = self.instance
        if self.removes:
            if contact.pk is not None:
                contact.delete()
            return None
        contact.updated_by = user
        return self.save()
