"""One date format for people throughout: "26. nov. 2026" and "26. nov. 2026 kl. 13.10" (Danish style:
abbreviated months with a full stop, "maj" whole, a full stop between hours and minutes), in local time."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

# The years the app's dates and targets lie in: a typo like 0001 or 9999 is refused where it is typed, and
# anything stored before is held to them where years are listed.
FIRST_YEAR, LAST_YEAR = 2000, 2100

MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


def danish_date(value: date | datetime) -> str:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def danish_datetime(value: datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{danish_date(local)} kl. {local.hour:02d}.{local.minute:02d}"
