"""Forms of the indicators app: the admin's upload of an import file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from indicators.models import DataImport

from .importers.reading import megabytes


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hvilken slags fil?"), choices=DataImport.Kind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Fil (CSV eller XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv"}),
        error_messages={"empty": _("Filen er tom."), "required": _("Vælg en fil.")},
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("Filen fylder %(size)s MB; grænsen er %(limit)s MB."),
                                        params={"size": megabytes(upload.size), "limit": megabytes(limit)})
        return upload
