"""Optimistic locking for rows that people edit in forms (interventions, targets): every saved change raises
the row's version by one, and a save that started from an older version is refused, so two people never
silently overwrite each other. The forms (VersionedModelForm) keep the version the user started from in a hidden
field; the views check the editor (require_editor) and save through save_unless_stale."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .models import Municipality, can_edit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class StaleVersionError(Exception):
    """Someone else saved the row after this copy of it was read: saving would overwrite them."""

    def __init__(self, pk: int, expected_version: int, model_name: str = "Intervention") -> None:
        super().__init__(f"{model_name} {pk} is no longer at version {expected_version}")
        self.pk = pk
        self.expected_version = expected_version


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Saves only if the row is still at `self.version`, and moves it to the next version.

        The conditional UPDATE is the lock: on PostgreSQL a concurrent save waits for the row and
        then finds the version moved on; on SQLite writers are serialised anyway.
        """
        if self._state.adding or kwargs.get("force_insert"):
            super().save(*args, **kwargs)
            return
        expected = self.version
        with transaction.atomic(using=kwargs.get("using")):
            claimed = (type(self)._base_manager.using(kwargs.get("using"))
                       .filter(pk=self.pk, version=expected).update(version=expected + 1))
            if not claimed:
                raise StaleVersionError(self.pk, expected, type(self).__name__)
            self.version = expected + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version = expected
                raise


class VersionedModelForm(forms.ModelForm):
    """A form that edits a VersionedModel: it carries the version the user started from in a hidden field and,
    when the row has moved on since, refuses before saving (`refuse_stale`, which each form fills in with what
    it shows of the other person's save). The model's save checks again, in the UPDATE that writes, for a
    save that races this check (`save_unless_stale`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # What an edit that lost its version is told (it names the kind of row).
    missing_version_message: StrOrPromise = _("Formularen mangler sin version. Åbn siden igen og gentag ændringen.")
    # Set when the save was refused because someone else saved first: what the form shows of their save.
    conflict: object | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing needs the version the user started from; without it no conflict could be seen.
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = self.missing_version_message
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def full_clean(self) -> None:
        super().full_clean()
        if self.conflict is None and self.is_bound and self.instance.pk and not self.errors:
            # Checked before saving, so the admin (which saves after validation) refuses like the pages do.
            started_from = self.cleaned_data.get("version")
            current = (self._meta.model._base_manager.filter(pk=self.instance.pk)
                       .values_list("version", flat=True).first())
            if current is not None and started_from is not None and started_from != current:
                self.refuse_stale(started_from)

    def refuse_stale(self, started_from: int) -> None:
        """Turns the form into the refused save: what the other person saved, the user's input kept, the current
        version in the hidden field (so saving again is a deliberate choice) and an error that says so."""
        raise NotImplementedError


def require_editor(user, municipality: Municipality) -> Municipality:
    """The municipality, if the user may edit its rows (recruitment.models.can_edit); else a 403."""
    if not can_edit(user, municipality):
        raise PermissionDenied
    return municipality


def save_unless_stale(form: VersionedModelForm, save: Callable[[], object]) -> bool:
    """Saves a valid form's instance from the version the user started from (not the one just read: that is
    what the save checks). A save that slipped in after the form's check turns the form into the refused
    save; False then, and the view shows the form again."""
    form.instance.version = form.cleaned_data["version"]
    try:
        save()
    except StaleVersionError as stale:
        form.refuse_stale(stale.expected_version)
        return False
    return True
