"""What an editor states about the municipality as a whole: that it runs none of the catalogue's intervention
types (NoneRunConfirmation) and whom others may ask about its interventions (KnowledgeContact). Importable from
interventions.models, as every caller always has."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recruitment.models import Municipality


class NoneRunConfirmation(models.Model):
    """An editor's dated statement that the municipality runs none of the catalogue's intervention types.

    With it a municipality that has registered nothing still *reports* (indicators.coverage.reporting_ids):
    its 0 % is a fact and counts in the averages, instead of being a blank that would pull them down.
    Withdrawing it deletes the row; the history keeps who confirmed and withdrew it, and when. It ends (ended_on)
    when the municipality registers its first intervention, of any status: the page would otherwise say it runs
    none beside the list of what it runs. The ended row stays, so the history and the timeline keep it."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="none_run_confirmation",
                                        verbose_name=_("kommune"))
    confirmed_on = models.DateField(_("bekræftet den"))
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("bekræftet af"))
    ended_on = models.DateField(_("ophørt den"), null=True, blank=True,
                                help_text=_("Den dag kommunen registrerede sin første indsats."))

    history = HistoricalRecords(verbose_name=_("historisk bekræftelse"),
                                verbose_name_plural=_("historiske bekræftelser"))

    class Meta:
        verbose_name = _("bekræftelse af ingen indsatser")
        verbose_name_plural = _("bekræftelser af ingen indsatser")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.confirmed_on:%d.%m.%Y}"

    @classmethod
    def end_for(cls, municipality_id: int, user) -> None:
        """Ends the municipality's standing confirmation, if any (see end)."""
        for confirmation in cls.objects.filter(municipality_id=municipality_id, ended_on__isnull=True):
            confirmation.end(user)

    def end(self, user) -> None:
        """Dated today, with the reason in its history (simple-history reads the user and reason set here)."""
        self.ended_on = timezone.localdate()
        self._history_user = user if user is not None and user.is_authenticated else None
        self._change_reason = str(_("Kommunen registrerede sin første indsats."))
        self.save(update_fields=["ended_on"])


class KnowledgeContact(models.Model):
    """Whom other municipalities may ask about the municipality's interventions: set by its editors, shown only to
    signed-in users (the regional page), empty until someone names one."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="knowledge_contact",
                                        verbose_name=_("kommune"))
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("arbejdsmail"))
    role = models.CharField(_("rolle"), max_length=200, help_text=_("fx “HR-konsulent, rekruttering”"))
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)

    history = HistoricalRecords(verbose_name=_("historisk kontaktperson"),
                                verbose_name_plural=_("historiske kontaktpersoner"))

    class Meta:
        verbose_name = _("kontaktperson for videndeling")
        verbose_name_plural = _("kontaktpersoner for videndeling")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.name}"
