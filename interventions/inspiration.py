"""Inspiration cases: municipalities' interventions described in the source documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.models import Municipality, TargetGroup

from .intervention_types import InterventionType


class InspirationCase(models.Model):
    """A municipality's intervention described in the source documents, offered as inspiration."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="cases",
                                     verbose_name=_("kommune"))
    title = models.CharField(_("titel"), max_length=300, unique=True)
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="cases",
                                     verbose_name=_("målgruppe"))
    intervention_types = models.ManyToManyField(InterventionType, related_name="cases", verbose_name=_("indsatstyper"))
    description = models.TextField(_("beskrivelse"))
    partner = models.CharField(_("samarbejdspartner"), max_length=200, blank=True)
    source = models.CharField(_("kilde"), max_length=400)
    # A case can run in several municipalities (VIA's course in Silkeborg, Ikast-Brande and Viborg).
    other_municipalities = models.ManyToManyField(Municipality, blank=True, related_name="shared_cases",
                                                  verbose_name=_("også i"))
    status = models.CharField(_("status"), max_length=10, choices=[("running", _("I gang")),
                                                                  ("planned", _("Under etablering"))],
                              default="running")
    quote = models.TextField(_("citat fra kilden"), blank=True)

    class Meta:
        ordering = ["municipality__name", "title"]
        verbose_name = _("inspirationscase")
        verbose_name_plural = _("inspirationscases")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    def municipalities(self) -> list[Municipality]:
        """The lead municipality first, then the others (prefetch `other_municipalities`)."""
        return [self.municipality, *sorted(self.other_municipalities.all(), key=lambda m: m.name)]

    def runs_in(self, municipality: Municipality) -> bool:
        return any(m.id == municipality.id for m in self.municipalities())

    def municipality_names(self) -> str:
        """"Silkeborg, Ikast-Brande og Viborg"."""
        names = [m.name for m in self.municipalities()]
        return names[0] if len(names) == 1 else _("%(first)s og %(last)s") % {"first": ", ".join(names[:-1]),
                                                                            "last": names[-1]}
