"""{% load dates %}: {{ value|when }} ("26. nov. 2026 kl. 13.10") and {{ value|day }} ("26. nov. 2026")."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from recruitment.dates import danish_date, danish_datetime

register = template.Library()


@register.filter
def when(value: datetime | None) -> str:
    return "" if value is None else danish_datetime(value)


@register.filter
def day(value: date | datetime | None) -> str:
    return "" if value is None else danish_date(value)
