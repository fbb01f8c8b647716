import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError, connection, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    # One trivial query: proves the database answers without loading anything.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: public, as the web accessibility act wants it reachable by anyone."""
    return render(request, "recruitment/accessibility.html", {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form refused by the CSRF check (usually a page left open past a login or a
    logout in another tab) gets a Danish page in the site's layout, with a way back to where it came from."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a lost or refused database connection gets its own Danish 503 page.

    Django calls this while handling the exception, wherever it was raised (a view, or a middleware
    reading the session), so the exception is at hand. Neither page touches the database. A broken
    connection is closed here, so the next request on this thread opens a new one (gunicorn's workers
    also close it when the request finishes; this covers the test client and any other caller).
    """
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        for conn in connections.all(initialized_only=True):
            if conn.connection is not None and not conn.is_usable():
                conn.close()
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
