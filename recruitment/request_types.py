"""What a view's request carries beyond Django's HttpRequest, for the type checker.

django-htmx's middleware sets `request.htmx` on every request, and LoginRequiredMiddleware lets a view without
`login_not_required` run only for a signed-in user; HttpRequest's type knows neither. A view annotates its request
with one of these instead (no runtime effect: the request is the same object).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class SignedInRequest(HtmxRequest):
    """A request to a view behind the login (every view not marked `login_not_required`)."""

    user: User
