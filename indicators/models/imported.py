"""Imported data: practicum evaluations (counts only), workforce statistics, mapping-survey answers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interventions.models import InterventionType
from recruitment.models import Municipality

from .imports import DataImport


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
               "studerende_i_praktik", "boern_0_2", "boern_3_5", "nyansatte", "ubesatte_stillinger")

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
    # Everyone hired into the pedagogue posts in the year, new graduates and experienced alike: the projection's
    # hires, since `fratraadte` also counts those who only change employer.
    nyansatte = models.PositiveIntegerField(_("nyansatte pædagoger"), null=True, blank=True)
    ubesatte_stillinger = models.PositiveIntegerField(_("ubesatte pædagogstillinger (årsværk)"), null=True,
                                                      blank=True)
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

    @classmethod
    def figure_label(cls, name: str) -> str:
        """A figure's name for people, its field's verbose name: "pædagoger over 55 år"."""
        field = cls._meta.get_field(name)
        assert isinstance(field, models.Field), f"{name} is a figure: a field of WorkforceStat's own"
        return str(field.verbose_name)


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
