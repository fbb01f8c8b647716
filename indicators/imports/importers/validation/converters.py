"""Converters: each takes a stripped, non-empty cell and returns its value or raises ValueError with a Danish
explanation (years, whole numbers, answers from a list, municipalities by code or name).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.models import Municipality

from .columns import compact

MIN_YEAR = 2000


def to_year(text: str) -> int:
    cleaned = text.replace(" ", "")
    if re.fullmatch(r"\d{4}([.,]0+)?", cleaned):
        year = int(cleaned[:4])
    else:
        raise ValueError(_("“%(value)s” er ikke et årstal.") % {"value": text})
    last = timezone.localdate().year
    if not MIN_YEAR <= year <= last:
        raise ValueError(_("Årstallet %(year)d ligger uden for %(first)d–%(last)d.")
                         % {"year": year, "first": MIN_YEAR, "last": last})
    return year


# The largest count the database holds (a PositiveIntegerField, 32 bits on PostgreSQL): a larger figure is
# refused in the preview, with its row and column, rather than failing the import with "out of range".
MAX_COUNT = BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1]
# More digits than this cannot be a count the database holds; Python's own limit (4,300 digits) would
# otherwise answer in English.
MAX_DIGITS = len(str(MAX_COUNT))


def to_whole_number(text: str) -> int:
    """A count >= 0 and <= MAX_COUNT: '1234', '1.234' (Danish thousands), '1 234', '12,0' and '12.0'."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    digits = cleaned.lstrip("+-")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d+[.,]0+", digits):
        digits = re.split(r"[.,]", digits)[0]
    if not re.fullmatch(r"\d+", digits):
        if re.fullmatch(r"\d+[.,]\d+", digits):
            raise ValueError(_("“%(value)s” er ikke et helt tal.") % {"value": text})
        raise ValueError(_("“%(value)s” er ikke et tal.") % {"value": text})
    digits = digits.lstrip("0") or "0"
    if len(digits) > MAX_DIGITS or int(digits) > MAX_COUNT:
        raise ValueError(_("“%(value)s” er for stort; tallet kan højst være %(max)s.")
                         % {"value": text, "max": f"{MAX_COUNT:,}".replace(",", ".")})
    if negative and int(digits) != 0:
        raise ValueError(_("%(value)s er negativ; antal skal være 0 eller mere.") % {"value": text})
    return int(digits)


def choice_converter(choices: dict[str, object], allowed: str) -> Callable[[str], object]:
    """A converter that accepts any alias in `choices` (compared after compact) and explains the
    allowed answers otherwise."""
    lookup = {compact(alias): value for alias, value in choices.items()}

    def convert(text: str) -> object:
        try:
            return lookup[compact(text)]
        except KeyError:
            raise ValueError(_("“%(value)s” er ikke et gyldigt svar (mulige: %(allowed)s).")
                             % {"value": text, "allowed": allowed}) from None

    return convert


class MunicipalityLookup:
    """Municipalities by code (leading zeros allowed) and by name (any case, Danish letters or ae/oe/aa)."""

    def __init__(self) -> None:
        municipalities = list(Municipality.objects.values_list("id", "code", "name"))
        self.by_code = {code: pk for pk, code, _ in municipalities}
        self.by_name = {compact(name): pk for pk, _, name in municipalities}
        self.names = {pk: name for pk, _, name in municipalities}
        self.codes = {pk: code for pk, code, _ in municipalities}

    def from_code(self, text: str) -> int:
        cleaned = text.replace(" ", "")
        if re.fullmatch(r"0*[0-9]{1,4}([.,]0+)?", cleaned):
            code = int(re.split(r"[.,]", cleaned)[0].lstrip("0") or "0")
            if code in self.by_code:
                return self.by_code[code]
            raise ValueError(_("Ukendt kommunekode %(code)s.") % {"code": text})
        raise ValueError(_("“%(value)s” er ikke en kommunekode (tre cifre, fx 165).") % {"value": text})

    def from_name(self, text: str) -> int:
        try:
            return self.by_name[compact(text.removesuffix(" Kommune").removesuffix(" kommune"))]
        except KeyError:
            raise ValueError(_("Ukendt kommune “%(value)s”.") % {"value": text}) from None
