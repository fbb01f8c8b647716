"""How the API answers when something goes wrong: always JSON, always in Danish, never the site's HTML page.

DRF answers its own exceptions (400, 401, 404, 429 …) as JSON already; its throttle message, though, ends in
untranslated English, and anything else (a bug) would reach Django's HTML error page. A program that reads the
API must be able to parse every answer.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

# Django's own logger for failed requests, so a 500 of the API is logged (and alerted on) as any other.
logger = logging.getLogger("django.request")


def exception_handler(exc: Exception, context: dict) -> Response:
    if isinstance(exc, exceptions.Throttled):
        exc = _danish_throttled(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    request = context.get("request")
    logger.error("Internal Server Error: %s", getattr(request, "path", "?"), exc_info=exc,
                 extra={"status_code": 500, "request": getattr(request, "_request", None)})
    set_rollback()
    return Response({"detail": _("Der skete en fejl på serveren. Prøv igen senere.")},
                    status=status.HTTP_500_INTERNAL_SERVER_ERROR)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 handler (recruitment/urls.py): an address under /api/ that no endpoint has answers JSON, as the
    endpoints do; every other address gets the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Ikke fundet.")}, status=404)
    return defaults.page_not_found(request, exception)


def _danish_throttled(exc: exceptions.Throttled) -> exceptions.Throttled:
    """DRF appends "Expected available in N seconds." in English whatever the language; say it all in Danish."""
    wait = exc.wait  # type: ignore[attr-defined]  # set by DRF's __init__; its stubs do not declare it
    if wait is None:
        detail = _("For mange forespørgsler. Prøv igen senere.")
    else:
        detail = ngettext("For mange forespørgsler. Prøv igen om %(seconds)d sekund.",
                          "For mange forespørgsler. Prøv igen om %(seconds)d sekunder.", wait) % {"seconds": wait}
    danish = exceptions.Throttled(detail=detail)
    danish.wait = wait  # type: ignore[attr-defined]  # DRF's handler sends it as Retry-After (undeclared in stubs)
    return danish
