"""Optimistic locking for rows that people edit in forms (interventions, targets): every saved change raises
the row's version by one, and a save that started from an older version is refused, so two people never
silently overwrite each other. The forms keep the version the user started from in a hidden field."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


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
