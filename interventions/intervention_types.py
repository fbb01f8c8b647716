"""EVA's catalogue of intervention types: each kind of intervention, aimed at one target group."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from recruitment.models import Pathway, TargetGroup


class InterventionType(models.Model):
    """One kind of intervention in EVA's catalogue, aimed at one target group."""

    class Theme(models.TextChoices):
        NONE = "", _("(intet tema)")
        WORKING_ENVIRONMENT = "working-environment", _("Arbejdsmiljø")
        COMPETENCE_DEVELOPMENT = "competence-development", _("Kompetenceudvikling")

    slug = models.SlugField(max_length=60, unique=True)
    label = models.CharField(_("betegnelse"), max_length=300)
    target_group = models.ForeignKey(TargetGroup, on_delete=models.PROTECT, related_name="intervention_types",
                                     verbose_name=_("målgruppe"))
    theme = models.CharField(_("tema"), max_length=30, choices=Theme.choices, blank=True, default="")
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # EVA's own advice (the booklet recommends the type), with the booklet's words: "Værd at overveje" shows
    # these beside the widespread types, so the suggestions follow the advice and not only popularity.
    eva_recommends = models.BooleanField(_("EVA anbefaler"), default=False)
    recommendation_quote = models.TextField(_("EVA's anbefaling (citat)"), blank=True)

    class Meta:
        ordering = ["target_group__pathway__position", "target_group__position", "position"]
        verbose_name = _("indsatstype")
        verbose_name_plural = _("indsatstyper (katalog)")

    def __str__(self) -> str:
        return self.label

    @property
    def pathway(self) -> Pathway:
        return self.target_group.pathway

    def current_benchmark(self):
        """The benchmark that speaks for the type: the newest source's; of two sources of one year, the one
        added last. Reads `benchmarks` (prefetch `benchmarks__source`), so nothing here imports upward."""
        return max(self.benchmarks.all(), key=lambda b: (b.source.year, b.source_id), default=None)
