"""The EVA catalogue of intervention types and the interventions each municipality runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.models import Municipality, Pathway, TargetGroup


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

    class Meta:
        ordering = ["target_group__pathway__position", "target_group__position", "position"]
        verbose_name = _("indsatstype")
        verbose_name_plural = _("indsatstyper (katalog)")

    def __str__(self) -> str:
        return self.label

    @property
    def pathway(self) -> Pathway:
        return self.target_group.pathway


class InterventionQuerySet(models.QuerySet):
    def active(self, include_planned: bool = False) -> InterventionQuerySet:
        """Running interventions count for coverage; planned ones only where the user asks."""
        statuses = [Intervention.Status.RUNNING]
        if include_planned:
            statuses.append(Intervention.Status.PLANNED)
        return self.filter(status__in=statuses)


class Intervention(models.Model):
    """What one municipality does: registered by its HR consultant."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        RUNNING = "running", _("I gang")
        ENDED = "ended", _("Afsluttet")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="interventions",
                                     verbose_name=_("kommune"))
    title = models.CharField(_("titel"), max_length=200)
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, null=True, blank=True, related_name="interventions",
        verbose_name=_("indsatstype"), help_text=_("Tom for en anden indsats end katalogets."),
    )
    target_groups = models.ManyToManyField(TargetGroup, related_name="interventions", verbose_name=_("målgrupper"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    partners = models.CharField(_("samarbejdspartnere"), max_length=300, blank=True)
    participants_planned = models.PositiveIntegerField(_("planlagte deltagere"), null=True, blank=True)
    participants_actual = models.PositiveIntegerField(_("faktiske deltagere"), null=True, blank=True)
    budget_dkk = models.PositiveIntegerField(_("budget (kr.)"), null=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    results = models.TextField(_("resultater"), blank=True)
    # Marks rows made by `seed_demo`, so pages can say that demo data is loaded.
    is_demo = models.BooleanField(_("demodata"), default=False, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "title"]
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        indexes = [models.Index(fields=["municipality", "status"], name="intervention_muni_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="intervention_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


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
    source = models.CharField(_("kilde"), max_length=200)

    class Meta:
        ordering = ["municipality__name", "title"]
        verbose_name = _("inspirationscase")
        verbose_name_plural = _("inspirationscases")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"
