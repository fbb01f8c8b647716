"""The filters the dashboards, their CSVs and the API read from the URL, parsed in one place: `PageFilters`.

?planned=1 counts planned interventions too (any other value: not); ?period=quarter shows coverage over time by
quarter (anything else: by year); ?year, ?municipality and ?region are whole numbers within their spans, refused in
Danish otherwise (the API answers 400 with the message; the pages that take no number ignore them).
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from recruitment.dates import FIRST_YEAR, LAST_YEAR

# The largest whole number every database stores in an integer column (PostgreSQL's and SQLite's both hold it).
LARGEST_CODE = 2**31 - 1
QUARTER, YEAR = "quarter", "year"


class FlagField(forms.Field):
    """On when the URL says 1, off otherwise (a missing or odd value is simply off, as a link without it)."""

    def to_python(self, value: object) -> bool:
        return value == "1"


class PeriodField(forms.Field):
    def to_python(self, value: object) -> str:
        return QUARTER if value == QUARTER else YEAR


class WholeNumberField(forms.Field):
    """A whole number between `minimum` and `maximum`, or None when missing; anything else is refused in Danish,
    so that no value reaches a date or the database that either cannot hold."""

    def __init__(self, minimum: int = 0, maximum: int = LARGEST_CODE, out_of_range: str = "", **kwargs) -> None:
        super().__init__(required=False, **kwargs)
        self.minimum, self.maximum, self.out_of_range = minimum, maximum, out_of_range

    def to_python(self, value: object) -> int | None:
        if value in (None, ""):
            return None
        try:
            number = int(str(value))
        except ValueError:  # also digits beyond int()'s limit
            raise ValidationError(_("Skal være et helt tal, ikke “%(value)s”.") % {"value": str(value)[:40]}
                                  ) from None
        if not self.minimum <= number <= self.maximum:
            raise ValidationError(self.out_of_range or _("Skal være et helt tal mellem %(min)d og %(max)d.")
                                  % {"min": self.minimum, "max": self.maximum})
        return number


class PageFilters(forms.Form):
    planned = FlagField(required=False)
    period = PeriodField(required=False)
    year = WholeNumberField(FIRST_YEAR, LAST_YEAR)
    municipality = WholeNumberField()
    region = WholeNumberField()

    def __init__(self, query: Mapping[str, str]) -> None:
        super().__init__(query)
        # The out-of-range text names the span, in the request's language.
        year = self.fields["year"]
        assert isinstance(year, WholeNumberField)
        year.out_of_range = _("Skal være et år mellem %(first)d og %(last)d.") % {
            "first": FIRST_YEAR, "last": LAST_YEAR}
        self.is_valid()

    @property
    def include_planned(self) -> bool:
        return bool(self.cleaned_data.get("planned"))

    @property
    def granularity(self) -> str:
        return self.cleaned_data.get("period") or YEAR

    def planned_params(self) -> dict[str, str]:
        """?planned=1 for links that keep counting plans, else nothing."""
        return {"planned": "1"} if self.include_planned else {}

    def period_params(self) -> dict[str, str]:
        return {"period": QUARTER} if self.granularity == QUARTER else {}

    def numbers(self, *names: str) -> dict[str, int | None]:
        """The named whole numbers; a ValidationError (Danish messages by field) if any of them is refused."""
        refused = {name: self.errors[name] for name in names if name in self.errors}
        if refused:
            raise ValidationError(refused)
        return {name: self.cleaned_data.get(name) for name in names}
