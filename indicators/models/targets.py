"""A municipality's own targets: what is measured, from where to where by when, and the source."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.numbers import danish_decimal
from recruitment.dates import FIRST_YEAR, LAST_YEAR
from recruitment.models import Municipality
from recruitment.versioning import VersionedModel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# The digits of every value of a target, typed in a field or a line of its own values: what the database keeps
# (baseline_value and target_value below) and what the pages can round and chart.
MAX_DIGITS, DECIMAL_PLACES = 12, 2
DIGITS = {"whole": MAX_DIGITS - DECIMAL_PLACES, "decimals": DECIMAL_PLACES}


def too_many_digits() -> str:
    return _("Værdien må have højst %(whole)s cifre før kommaet og %(decimals)s efter.") % DIGITS


def fits(value: Decimal) -> bool:
    """Whether a value has no more digits than a target keeps (10 before the comma, 2 after)."""
    return (value.is_finite() and abs(value) < Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
            and value == value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)))


class Target(VersionedModel):
    """What a municipality aims for. The observed values come from the app's figures (indicators/targets/observed.py),
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
    baseline_value = models.DecimalField(_("udgangsværdi"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    baseline_year = models.PositiveSmallIntegerField(_("udgangsår"), validators=YEAR_VALIDATORS)
    target_value = models.DecimalField(_("målværdi"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
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

    @property
    def is_percentage(self) -> bool:
        """The app's own indicators are all percentages; a municipality's own may count anything."""
        return bool(self.indicator) and not self.is_custom

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.baseline_year and self.target_year and self.target_year <= self.baseline_year:
            errors["target_year"] = _("Målåret skal ligge efter udgangsåret.")
        if (self.baseline_value is not None and self.target_value is not None and self.direction
                and self.target_value != self.baseline_value
                and (self.target_value > self.baseline_value) != (self.direction == self.Direction.HIGHER)):
            errors["direction"] = _("Målværdien skal ligge i den retning, der er bedre, set fra udgangsværdien.")
        if self.is_percentage:
            for name in ("baseline_value", "target_value"):
                value = getattr(self, name)
                if value is not None and not 0 <= value <= 100:
                    errors[name] = _("En andel skal ligge mellem 0 og 100 %.")
        if self.is_custom:
            if not self.custom_label.strip():
                errors["custom_label"] = _("Skriv, hvad din egen indikator måler.")
            span = (self.baseline_year, self.target_year) if self.baseline_year and self.target_year else None
            try:
                parse_manual_values(self.manual_values, span, timezone.localdate().year)
            except ValidationError as error:
                errors["manual_values"] = error.messages[0]
        elif self.manual_values.strip():
            errors["manual_values"] = _("Egne tal kan kun angives for en egen indikator; appen har tallene for de "
                                        "andre.")
        if errors:
            raise ValidationError(errors)

    def observed_manual(self) -> dict[int, Decimal]:
        """The values typed in, leaving out any line the form would refuse now: a value stored before the form
        had its limits must not break the pages that show it."""
        if not self.is_custom:
            return {}
        values: dict[int, Decimal] = {}
        for _number, read in _manual_lines(self.manual_values):
            if not isinstance(read, ValidationError):
                values.setdefault(*read)
        return values


def _manual_lines(text: str) -> Iterator[tuple[int, tuple[int, Decimal] | ValidationError]]:
    """Each non-empty line's number and its (year, value), or the Danish error that refuses it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 2:
            yield number, ValidationError(_("Linje %(line)s: skriv år og værdi adskilt af semikolon, fx “2024; 45”.")
                                          % {"line": number})
            continue
        year_text, value_text = parts
        value = danish_decimal(value_text)
        if not year_text.isdigit() or value is None:
            yield number, ValidationError(_("Linje %(line)s: “%(text)s” er ikke et år og et tal.")
                                          % {"line": number, "text": line.strip()[:40]})
            continue
        year = int(year_text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            yield number, ValidationError(_("Linje %(line)s: året skal ligge mellem %(first)s og %(last)s.")
                                          % {"line": number, "first": FIRST_YEAR, "last": LAST_YEAR})
        elif not fits(value):
            yield number, ValidationError(
                _("Linje %(line)s: værdien må have højst %(whole)s cifre før kommaet og %(decimals)s efter.")
                % {"line": number, **DIGITS})
        else:
            yield number, (year, value)


def parse_manual_values(text: str, span: tuple[int, int] | None = None,
                        this_year: int | None = None) -> dict[int, Decimal]:
    """'2024; 45' per line → {2024: 45}, numbers read as Danes write them ("2.000", "45,5"); a clear Danish error
    naming the line otherwise. With `span` (baseline year, target year) a year must lie within it, and with
    `this_year` not after it: a value is measured, not planned."""
    values: dict[int, Decimal] = {}
    for number, read in _manual_lines(text):
        if isinstance(read, ValidationError):
            raise read
        year, value = read
        if span is not None and not span[0] <= year <= span[1]:
            raise ValidationError(_("Linje %(line)s: året %(year)s ligger uden for målets periode %(first)s–%(last)s.")
                                  % {"line": number, "year": year, "first": span[0], "last": span[1]})
        if this_year is not None and year > this_year:
            raise ValidationError(_("Linje %(line)s: året %(year)s er ikke kommet endnu.")
                                  % {"line": number, "year": year})
        if year in values:
            raise ValidationError(_("Linje %(line)s: året %(year)s står der allerede.")
                                  % {"line": number, "year": year})
        values[year] = value
    return values
