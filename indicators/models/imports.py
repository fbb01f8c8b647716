"""The record of each file an admin imports, and its uploaded bytes while the import runs."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataImport(models.Model):
    """One file an admin brought in (or tried to): who, when, which file, and what came of it.

    The record also carries the progress of the background work and the preview shown before the admin
    confirms, so the page can follow a long import and the list of past imports tells the whole story.
    """

    class Kind(models.TextChoices):
        PRACTICUM_EVALUATIONS = "practicum-evaluations", _("Praktikevalueringer")
        WORKFORCE = "workforce", _("Personalestatistik")
        INTERVENTION_SURVEY = "intervention-survey", _("Kortlægning af indsatser")
        POPULATION_PROJECTION = "population-projection", _("Befolkningsfremskrivning")
        MUNICIPALITY_GROUPS = "municipality-groups", _("Kommunegrupper")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Venter på kontrol")
        CHECKING = "checking", _("Kontrolleres")
        READY = "ready", _("Klar til import")
        REJECTED = "rejected", _("Afvist – fejl i filen")
        CANCELLED = "cancelled", _("Annulleret")
        QUEUED = "queued", _("Venter på import")
        IMPORTING = "importing", _("Importeres")
        SUCCEEDED = "succeeded", _("Importeret")
        FAILED = "failed", _("Fejlede – intet ændret")

    class Source(models.TextChoices):
        WEB = "web", _("Upload")
        COMMAND = "command", _("Kommandolinje")

    ACTIVE = (Status.UPLOADED, Status.CHECKING, Status.QUEUED, Status.IMPORTING)
    # A running import's record changes with every progress report and heartbeat
    # (imports/run_progress.py: Reporter); this long a silence means its worker is gone.
    STALLED_AFTER = timedelta(minutes=10)

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices, default=Source.WEB)
    file_name = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size_bytes = models.PositiveBigIntegerField(_("størrelse (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="data_imports", verbose_name=_("uploadet af"))
    created_at = models.DateTimeField(_("uploadet"), auto_now_add=True)
    # Touched by every progress report: an active import whose record stops changing has lost its worker.
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    stage = models.CharField(_("trin"), max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(_("fremskridt (%)"), default=0)
    rows_read = models.PositiveIntegerField(_("rækker læst"), null=True, blank=True)
    summary = models.JSONField(_("opsummering"), default=dict, blank=True)
    problems = models.JSONField(_("problemer"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("antal problemer"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    task_id = models.CharField(_("baggrundsopgave"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("dataimport")
        verbose_name_plural = _("dataimporter")
        indexes = [models.Index(fields=["kind", "sha256"], name="dataimport_kind_sha256")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="dataimport_progress_is_percentage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_stalled(self) -> bool:
        """Active, but its record has not changed for STALLED_AFTER: the worker running it has stopped
        (killed, restarted), and its transaction with it. The page offers to run it again or cancel it."""
        return self.is_active and self.updated_at < timezone.now() - self.STALLED_AFTER

    @property
    def status_label(self) -> str:
        return str(_("Stoppet undervejs – intet ændret")) if self.is_stalled else self.get_status_display()

    @property
    def status_class(self) -> str:
        return "failed" if self.is_stalled else self.status


class ImportUpload(models.Model):
    """The uploaded bytes, kept only between upload and the end of the import.

    A practicum file holds one row per respondent; only counts may stay, so the file is deleted as
    soon as its import has finished, been rejected or cancelled. Kept apart from DataImport so lists
    of imports never load the file.
    """

    data_import = models.OneToOneField(DataImport, on_delete=models.CASCADE, primary_key=True,
                                       related_name="upload", verbose_name=_("dataimport"))
    content = models.BinaryField(_("indhold"))

    class Meta:
        verbose_name = _("uploadet fil")
        verbose_name_plural = _("uploadede filer")

    def __str__(self) -> str:
        return str(self.data_import)
