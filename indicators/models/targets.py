"""A municipality's own targets (issue 13): what is measured, from where to where by when, and the source."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recruitment.models import Municipality
from recruitment.versioning import VersionedModel

FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Target(VersionedModel):
    """What a municipality aims for. The observed values come from the app's figures (indicators/targets.py),
    or, for an indicator of the municipality's own, from the values typed in `manual_values`."""

    class Indicator(models.TextChoices):
        COVERAGE_EDUCATION = "coverage-into-education", _("Dækning: Flere ind på pædagoguddannelsen")
        COVERAGE_INTERNSHIP = "coverage-through-internship", _("Dækning: Flere godt igennem praktikken")
        COVERAGE_STAY = "coverage-stay-in-job", _("Dækning: Flere til at blive i jobbet")
        PRACTICUM_RETURN = "practicum-return", _("Praktikevaluering: vil gerne vende tilbage som ansat (%)")
        PEDAGOGUE_SHARE = "pedagogue-share", _("Andel af personalet med pædagoguddannelse (%)")
        LEAVERS_SHARE = "leavers-share", _("Andel af pædagogerne, der er fratrådt (%)")
        SENIORS_SHARE = "seniors-share", _("Andel af pædagogerne over 55 år (%)")
        PART_TIME_SHARE = "part-time-share", _("Andel af pædagogerne på under 37 timer (%)")
        CUSTOM = "custom", _("Egen indikator med egne tal")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Højere er bedre")
        LOWER = "lower", _("Lavere er bedre")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="targets",
                                     verbose_name=_("kommune"))
    indicator = models.CharField(_("hvad måles"), max_length=40, choices=Indicator.choices)
    custom_label = models.CharField(_("egen indikator"), max_length=200, blank=True,
                                    help_text=_("Kun for en egen indikator, fx “Uddannede praktikvejledere (%)”."))
    manual_values = models.TextField(
        _("egne tal"), blank=True,
        help_text=_("Kun for en egen indikator: én måling pr. linje, år og værdi adskilt af semikolon, fx “2024; 45”."))
    baseline_value = models.DecimalField(_("udgangsværdi"), max_digits=12, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("udgangsår"), validators=YEAR_VALIDATORS)
    target_value = models.DecimalField(_("målværdi"), max_digits=12, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("målår"), validators=YEAR_VALIDATORS)
    direction = models.CharField(_("retning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField(_("kilde"), max_length=300,
                              help_text=_("Hvor målet er besluttet, fx “Rekrutteringsstrategi 2024–2027, s. 4”."))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)

    history = HistoricalRecords(verbose_name=_("historisk mål"), verbose_name_plural=_("historiske mål"))

    class Meta:
        ordering = ["municipality__name", "target_year", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.CheckConstraint(condition=Q(target_year__gt=models.F("baseline_year")),
                                   name="target_year_after_baseline"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.target_value} ({self.target_year})"

    @property
    def label(self) -> str:
        return self.custom_label if self.indicator == self.Indicator.CUSTOM else str(self.get_indicator_display())

    @property
    def is_custom(self) -> bool:
        return self.indicator == self.Indicator.CUSTOM

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.baseline_year and self.target_year and self.target_year <= self.baseline_year:
            errors["target_year"] = _("Målåret skal ligge efter udgangsåret.")
        if (self.baseline_value is not None and self.target_value is not None and self.direction
                and self.target_value != self.baseline_value
                and (self.target_value > self.baseline_value) != (self.direction == self.Direction.HIGHER)):
            errors["direction"] = _("Målværdien skal ligge i den retning, der er bedre, set fra udgangsværdien.")
        if self.is_custom:
            if not self.custom_label.strip():
                errors["custom_label"] = _("Skriv, hvad din egen indikator måler.")
            try:
                parse_manual_values(self.manual_values)
            except ValidationError as error:
                errors["manual_values"] = error.messages[0]
        elif self.manual_values.strip():
            errors["manual_values"] = _("Egne tal kan kun angives for en egen indikator; appen har tallene for de "
                                        "andre.")
        if errors:
            raise ValidationError(errors)

    def observed_manual(self) -> dict[int, Decimal]:
        return parse_manual_values(self.manual_values) if self.is_custom else {}


def parse_manual_values(text: str) -> dict[int, Decimal]:
    """'2024; 45' per line → {2024: 45}; a Danish decimal comma is read; a clear Danish error otherwise."""
    values: dict[int, Decimal] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 2:
            raise ValidationError(_("Linje %(line)s: skriv år og værdi adskilt af semikolon, fx “2024; 45”.")
                                  % {"line": number})
        year_text, value_text = parts
        try:
            year = int(year_text)
            value = Decimal(value_text.replace(".", "").replace(",", ".") if "," in value_text else value_text)
        except (ValueError, InvalidOperation):
            raise ValidationError(_("Linje %(line)s: “%(text)s” er ikke et år og et tal.")
                                  % {"line": number, "text": line.strip()[:40]}) from None
        if not FIRST_YEAR <= year <= LAST_YEAR or not value.is_finite():
            raise ValidationError(_("Linje %(line)s: året skal ligge mellem %(first)s og %(last)s.")
                                  % {"line": number, "first": FIRST_YEAR, "last": LAST_YEAR})
        if year in values:
            raise ValidationError(_("Linje %(line)s: året %(year)s står der allerede.")
                                  % {"line": number, "year": year})
        values[year] = value
    return values
