"""Benchmarks (EVA's shares of municipalities running each intervention type) and national key facts."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions.models import InterventionType
from recruitment.models import Pathway, TargetGroup


class BenchmarkSource(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    publisher = models.CharField(_("udgiver"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("benchmarkkilde")
        verbose_name_plural = _("benchmarkkilder")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Benchmark(models.Model):
    """The share of municipalities that run an intervention type, as a source reports it."""

    class Confidence(models.TextChoices):
        HIGH = "high", _("Sikker")
        INFERRED = "inferred", _("Udledt")
        PROVISIONAL = "provisional", _("Foreløbig")
        NONE = "none", _("Ingen andel")

    source = models.ForeignKey(BenchmarkSource, on_delete=models.PROTECT, related_name="benchmarks",
                               verbose_name=_("kilde"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.CASCADE, related_name="benchmarks",
                                          verbose_name=_("indsatstype"))
    share_pct = models.DecimalField(
        _("andel af kommuner (%)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    confidence = models.CharField(_("sikkerhed"), max_length=12, choices=Confidence.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["intervention_type"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        constraints = [
            models.UniqueConstraint(fields=["source", "intervention_type"], name="benchmark_unique_source_type"),
            # A share is given exactly when the confidence says there is one.
            models.CheckConstraint(
                condition=(Q(confidence="none") & Q(share_pct__isnull=True))
                | (~Q(confidence="none") & Q(share_pct__isnull=False)),
                name="benchmark_share_matches_confidence",
            ),
            models.CheckConstraint(
                condition=Q(share_pct__isnull=True) | (Q(share_pct__gte=0) & Q(share_pct__lte=100)),
                name="benchmark_share_is_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention_type}: {self.share_pct} %"

    @property
    def is_provisional(self) -> bool:
        return self.confidence == self.Confidence.PROVISIONAL


class KeyFact(models.Model):
    """A national figure about a pathway or target group, with its source and year."""

    class Unit(models.TextChoices):
        PCT = "pct", _("procent")
        COUNT = "count", _("antal")
        COUNT_PER_YEAR = "count_per_year", _("antal om året")

    slug = models.SlugField(max_length=80, unique=True)
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, null=True, blank=True, related_name="key_facts",
                                verbose_name=_("vej"))
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="key_facts", verbose_name=_("målgruppe"))
    value = models.DecimalField(_("værdi"), max_digits=12, decimal_places=1)
    unit = models.CharField(_("enhed"), max_length=20, choices=Unit.choices)
    label = models.CharField(_("betegnelse"), max_length=300)
    source = models.CharField(_("kilde"), max_length=200)
    year = models.PositiveSmallIntegerField(_("år"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")

    def __str__(self) -> str:
        return self.label

    @property
    def display_value(self) -> str:
        """The value as a Danish reader expects it: 5.700, 86 %, 4.000 om året (whole numbers without ,0)."""
        value = self.value.to_integral_value() if self.value == self.value.to_integral_value() else self.value
        number = number_format(value, force_grouping=True)
        if self.unit == self.Unit.PCT:
            return f"{number} %"
        if self.unit == self.Unit.COUNT_PER_YEAR:
            return gettext("%(number)s om året") % {"number": number}
        return number
