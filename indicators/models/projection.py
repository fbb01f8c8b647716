"""The workforce projection's data: children from population projections (an import kind) and the model's
assumptions, which the admin sets (indicators/projection/ computes and reads)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.models import Municipality

from .imports import DataImport


class PopulationProjection(models.Model):
    """Children 0–2 and 3–5 in a municipality and year, from one vintage (and variant) of a projection."""

    class Variant(models.TextChoices):
        CENTRAL = "central", _("Hovedfremskrivning")
        LOW = "low", _("Lav")
        HIGH = "high", _("Høj")

    vintage = models.CharField(_("fremskrivning"), max_length=100, help_text=_("fx “DST 2025”"))
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices, default=Variant.CENTRAL)
    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="population_projections",
                                     verbose_name=_("kommune"))
    children_0_2 = models.PositiveIntegerField(_("børn 0–2 år"))
    children_3_5 = models.PositiveIntegerField(_("børn 3–5 år"))
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="population_projections",
                                    verbose_name=_("dataimport"))

    class Meta:
        ordering = ["municipality", "vintage", "variant", "year"]
        verbose_name = _("befolkningsfremskrivning")
        verbose_name_plural = _("befolkningsfremskrivninger")
        constraints = [
            models.UniqueConstraint(fields=["vintage", "variant", "year", "municipality"],
                                    name="population_projection_unique_key"),
        ]
        indexes = [models.Index(fields=["municipality", "vintage"], name="projection_municipality")]

    def __str__(self) -> str:
        return f"{self.vintage} {self.variant} {self.municipality_id} {self.year}"


class ProjectionAssumption(models.Model):
    """An assumption of the workforce projection that is not a national figure (those are KeyFacts): its
    default value, which the admin sets, the range a user may try for the session, and its source – blank
    when it is the project's own assumption ("antagelse")."""

    slug = models.SlugField(max_length=80, unique=True)
    value = models.DecimalField(_("standardværdi"), max_digits=10, decimal_places=4)
    minimum = models.DecimalField(_("mindst"), max_digits=10, decimal_places=4)
    maximum = models.DecimalField(_("højst"), max_digits=10, decimal_places=4)
    label = models.CharField(_("betegnelse"), max_length=300)
    source = models.CharField(_("kilde"), max_length=200, blank=True, help_text=_("Tom: en antagelse."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("antagelse i fremskrivningen")
        verbose_name_plural = _("antagelser i fremskrivningen")
        constraints = [
            models.CheckConstraint(condition=Q(minimum__lte=models.F("value")) & Q(value__lte=models.F("maximum")),
                                   name="projection_assumption_within_range"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_assumption(self) -> bool:
        return not self.source
