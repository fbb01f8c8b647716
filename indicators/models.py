"""Benchmarks (EVA's shares of municipalities running each intervention type), national key facts, and the
imported practicum evaluations, workforce statistics and mapping-survey answers with their import records."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions.models import InterventionType
from recruitment.models import Municipality, Pathway, TargetGroup


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


# --- Imported data: practicum evaluations, workforce statistics, the intervention mapping survey ------------


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
    # A running import's record changes with every progress report (jobs.RecordProgress); this long a
    # silence means its worker is gone.
    STALLED_AFTER = timedelta(minutes=10)
    FINISHED = (Status.REJECTED, Status.CANCELLED, Status.SUCCEEDED, Status.FAILED)

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

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


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


class Education(models.TextChoices):
    PAEDAGOG = "paedagog", _("Pædagog")
    LAERER = "laerer", _("Lærer")
    SYGEPLEJERSKE = "sygeplejerske", _("Sygeplejerske")
    SOCIALRAADGIVER = "socialraadgiver", _("Socialrådgiver")
    SOSU_ASSISTENT = "sosu-assistent", _("Social- og sundhedsassistent")
    SOSU_HJAELPER = "sosu-hjaelper", _("Social- og sundhedshjælper")
    PAU = "pau", _("Pædagogisk assistent (PAU)")


class PracticumRole(models.TextChoices):
    STUDENT = "studerende", _("Studerende")
    APPRENTICE = "elev", _("Elev")
    SUPERVISOR = "vejleder", _("Vejleder")


class PracticumQuestion(models.TextChoices):
    """The evaluation's statements, answered on the agreement scale; the label is the question text."""

    RETURN = "vende_tilbage", _("Jeg vil gerne vende tilbage i fremtidig ansættelse")
    RECOMMEND = "anbefale", _("Jeg vil anbefale praktikstedet til andre")
    UNDERSTANDING = "forstaaelse", _("Praktikstedet har øget min forståelse for fagområdet")
    CHALLENGING_TASKS = "udfordrende_opgaver", _("Fagligt udfordrende opgaver kendetegnede mit praktikforløb")
    LACKED_TASKS = "manglede_opgaver", _("Jeg manglede arbejdsopgaver i mit praktikforløb")
    USE_LEARNING = "bruge_det_laerte", _("Jeg kunne bruge det lærte på uddannelsesinstitutionen i praktikken")
    SUPPORT_TO_APPLY = "stoette_til_at_anvende", _("Jeg fik støtte til at anvende det lærte")
    SHARED_TASK = "faelles_om_praktik", _("Praktikforløb er noget, man er fælles om på arbejdspladsen")
    SUPERVISOR_KNOWLEDGE = "vejleder_kendskab", _("Jeg havde tilstrækkeligt kendskab til uddannelsesforløbene")


class PracticumEvaluationCount(models.Model):
    """How many respondents gave each answer to one question, per year, municipality, education and role.

    Only these counts are kept, never a respondent's row. "Ved ikke" is counted but is not part of the
    base of a share (see indicators.practicum).
    """

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="practicum_counts",
                                     verbose_name=_("kommune"))
    education = models.CharField(_("uddannelse"), max_length=20, choices=Education.choices)
    role = models.CharField(_("rolle"), max_length=12, choices=PracticumRole.choices)
    question = models.CharField(_("spørgsmål"), max_length=30, choices=PracticumQuestion.choices)
    helt_enig = models.PositiveIntegerField(_("helt enig"), default=0)
    delvist_enig = models.PositiveIntegerField(_("delvist enig"), default=0)
    hverken_eller = models.PositiveIntegerField(_("hverken enig eller uenig"), default=0)
    delvist_uenig = models.PositiveIntegerField(_("delvist uenig"), default=0)
    helt_uenig = models.PositiveIntegerField(_("helt uenig"), default=0)
    ved_ikke = models.PositiveIntegerField(_("ved ikke"), default=0)
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="practicum_counts",
                                    verbose_name=_("dataimport"))

    ANSWER_FIELDS = ("helt_enig", "delvist_enig", "hverken_eller", "delvist_uenig", "helt_uenig", "ved_ikke")

    class Meta:
        verbose_name = _("praktikevaluering (antal svar)")
        verbose_name_plural = _("praktikevalueringer (antal svar)")
        indexes = [models.Index(fields=["question", "year"], name="practicum_question_year")]
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality", "education", "role", "question"],
                                    name="practicum_count_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.municipality_id} {self.education} {self.role} {self.question}"


class SupervisorTrainingCount(models.Model):
    """Supervisors' training in supervision, per year, municipality and education.

    A supervisor may have both a formal education and an internal course, so the three counts can sum to
    more than `answered`, the number of supervisors who answered (the base of each share).
    """

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="supervisor_training",
                                     verbose_name=_("kommune"))
    education = models.CharField(_("uddannelse"), max_length=20, choices=Education.choices)
    answered = models.PositiveIntegerField(_("vejledere der har svaret"))
    formal = models.PositiveIntegerField(_("formel uddannelse i vejledning"), default=0)
    internal_course = models.PositiveIntegerField(_("internt kursus"), default=0)
    no_training = models.PositiveIntegerField(_("ingen uddannelse i vejledning"), default=0)
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="supervisor_training",
                                    verbose_name=_("dataimport"))

    class Meta:
        verbose_name = _("vejlederuddannelse (antal)")
        verbose_name_plural = _("vejlederuddannelse (antal)")
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality", "education"],
                                    name="supervisor_training_unique_key"),
            models.CheckConstraint(
                condition=Q(formal__lte=models.F("answered")) & Q(internal_course__lte=models.F("answered"))
                & Q(no_training__lte=models.F("answered")),
                name="supervisor_training_within_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.municipality_id} {self.education}"


class WorkforceStat(models.Model):
    """A municipality's daycare workforce in one year; blank figures are unknown (null), not zero."""

    # The import file's column for each figure, in the order the file documents them.
    FIGURES = ("paedagoger", "paedagogiske_assistenter", "paedagogmedhjaelpere", "medhjaelpere_under_25",
               "paedagoger_over_55", "paedagoger_under_37_timer", "nyuddannede_ansat", "fratraadte",
               "studerende_i_praktik", "boern_0_2", "boern_3_5")

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="workforce_stats",
                                     verbose_name=_("kommune"))
    paedagoger = models.PositiveIntegerField(_("pædagoger"), null=True, blank=True)
    paedagogiske_assistenter = models.PositiveIntegerField(_("pædagogiske assistenter"), null=True, blank=True)
    paedagogmedhjaelpere = models.PositiveIntegerField(_("pædagogmedhjælpere"), null=True, blank=True)
    medhjaelpere_under_25 = models.PositiveIntegerField(_("medhjælpere under 25 år"), null=True, blank=True)
    paedagoger_over_55 = models.PositiveIntegerField(_("pædagoger over 55 år"), null=True, blank=True)
    paedagoger_under_37_timer = models.PositiveIntegerField(_("pædagoger på under 37 timer"), null=True, blank=True)
    nyuddannede_ansat = models.PositiveIntegerField(_("nyuddannede pædagoger ansat"), null=True, blank=True)
    fratraadte = models.PositiveIntegerField(_("fratrådte pædagoger"), null=True, blank=True)
    studerende_i_praktik = models.PositiveIntegerField(_("pædagogstuderende i praktik"), null=True, blank=True)
    boern_0_2 = models.PositiveIntegerField(_("børn 0–2 år"), null=True, blank=True)
    boern_3_5 = models.PositiveIntegerField(_("børn 3–5 år"), null=True, blank=True)
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="workforce_stats",
                                    verbose_name=_("dataimport"))

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("personalestatistik")
        verbose_name_plural = _("personalestatistik")
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality"], name="workforce_stat_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}"


class InterventionSurveyAnswer(models.Model):
    """A municipality's answer in the mapping survey (EVA's way): does it run this intervention type?

    A reported snapshot, kept apart from the interventions HR registers and shown as its own source.
    """

    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="survey_answers",
                                     verbose_name=_("kommune"))
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="survey_answers",
                                          verbose_name=_("indsatstype"))
    runs = models.BooleanField(_("har indsatsen"))
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="survey_answers",
                                    verbose_name=_("dataimport"))

    class Meta:
        ordering = ["municipality", "year", "intervention_type"]
        verbose_name = _("svar i kortlægningen")
        verbose_name_plural = _("svar i kortlægningen")
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality", "intervention_type"],
                                    name="survey_answer_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year} {self.intervention_type_id}: {self.runs}"


# --- The workforce projection: children from a population projection, and the model's assumptions ---------


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
