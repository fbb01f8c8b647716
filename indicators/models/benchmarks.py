"""Benchmarks (EVA's shares of municipalities running each intervention type) and national key facts."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions import certainty
from interventions.models import InterventionType
from recruitment.models import Pathway, TargetGroup


class BenchmarkSource(models.Model):
    """A source document as a record (fixtures/reference/sources.csv): what pages name instead of a code such as
    "EVA 2024a". `name` is its full title; `year` its publication year (blank when the document does not say),
    which is not the year a figure from it describes (Benchmark.data_year, KeyFact.year)."""

    slug = models.SlugField(_("nøgle"), max_length=60, unique=True, null=True, blank=True)
    name = models.CharField(_("titel"), max_length=300, unique=True)
    publisher = models.CharField(_("udgiver"), max_length=200)
    year = models.PositiveSmallIntegerField(_("udgivelsesår"), null=True, blank=True)
    url = models.URLField(_("adresse"), blank=True)
    note = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("benchmarkkilde")
        verbose_name_plural = _("benchmarkkilder")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})" if self.year else self.name

    @property
    def citation(self) -> str:
        """How a page names the source: title, publisher and publication year."""
        return ", ".join(str(part) for part in [self.name, self.publisher, self.year] if part)


class Benchmark(models.Model):
    """The share of municipalities that run an intervention type, as a source reports it."""

    Confidence = certainty.Confidence

    source = models.ForeignKey(BenchmarkSource, on_delete=models.PROTECT, related_name="benchmarks",
                               verbose_name=_("kilde"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.CASCADE, related_name="benchmarks",
                                          verbose_name=_("indsatstype"))
    share_pct = models.DecimalField(
        _("andel af kommuner (%)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    confidence = models.CharField(_("sikkerhed"), max_length=12, choices=Confidence.choices)
    # Shown to users when the share is uncertain: why, in plain Danish, and what else it could be.
    note = models.TextField(_("note"), blank=True)
    data_year = models.PositiveSmallIntegerField(_("dataår"), null=True, blank=True,
                                                 help_text=_("Det år, tallet beskriver (ikke kildens udgivelsesår)."))
    quote = models.TextField(_("citat fra kilden"), blank=True)
    quote_location = models.CharField(_("hvor i kilden"), max_length=300, blank=True)
    quote_source = models.ForeignKey(BenchmarkSource, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("citatets kilde"))

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

    @property
    def is_uncertain(self) -> bool:
        """Provisional or inferred (interventions.certainty.is_uncertain)."""
        return certainty.is_uncertain(self.confidence)

    @property
    def certainty_word(self) -> str:
        """What a page says beside an uncertain share (interventions.certainty.certainty_word)."""
        return certainty.certainty_word(self.confidence)


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
    source = models.CharField(_("kilde"), max_length=200, blank=True)  # the old free text; source_record speaks
    source_record = models.ForeignKey(BenchmarkSource, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="key_facts", verbose_name=_("kilde"))
    # The year the figure describes, not the source's publication year; blank when the source does not say.
    year = models.PositiveSmallIntegerField(_("dataår"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    geography = models.CharField(_("område"), max_length=200, blank=True)
    population = models.CharField(_("hvem tallet handler om"), max_length=300, blank=True)
    quote = models.TextField(_("citat fra kilden"), blank=True)
    quote_location = models.CharField(_("hvor i kilden"), max_length=300, blank=True)
    quote_source = models.ForeignKey(BenchmarkSource, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("citatets kilde"))
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
