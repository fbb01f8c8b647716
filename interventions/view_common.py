"""What the intervention pages' views share: who may write (checked on the server for every write), whether a form
is shown inside another page, and the answer to a write that changed coverage."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django_htmx.http import trigger_client_event

from recruitment.models import Municipality
from recruitment.rendering import wants_fragment
from recruitment.request_types import SignedInRequest
from recruitment.versioning import require_editor

from .models import Intervention

# The event a write that may move coverage fires: the coverage panel and the lists on the page refresh on it.
COVERAGE_CHANGED = "coverage-changed"


def municipality_for_editor(request: SignedInRequest, code: int) -> Municipality:
    return require_editor(request.user, get_object_or_404(Municipality.objects.select_related("region"), code=code))


def intervention_for_editor(request: SignedInRequest, pk: int) -> Intervention:
    intervention = get_object_or_404(Intervention.objects.select_related("municipality__region"), pk=pk)
    require_editor(request.user, intervention.municipality)
    return intervention


def in_place(request: SignedInRequest, own_url: str) -> bool:
    """Whether a form is shown inside another page (the list, the detail page) rather than on its own."""
    if not wants_fragment(request):
        return False
    current = request.htmx.current_url_abs_path or ""
    return urlsplit(current).path != own_url


def done(request: SignedInRequest, template: str, ctx: dict) -> HttpResponse:
    return trigger_client_event(render(request, template, ctx), COVERAGE_CHANGED)


def whole_number(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None
