"""Login throttling (django-axes): who is asking, how many wrong passwords are allowed, and the lockout page."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost proxy saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the entry that
    many places from the right is the client's; anything further left was sent by the client itself
    and could be forged to dodge the throttling.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class AxesHandler(AxesDatabaseHandler):
    """Two limits: AXES_FAILURE_LIMIT wrong passwords for one username from one address (guessing one
    account), and AXES_ADDRESS_FAILURE_LIMIT from one address over all usernames (password spraying: one
    password tried on many accounts). The address-wide limit is higher, so an office behind one address
    is not locked out by its people's ordinary typing errors.

    Axes compares one count with one limit; the address-wide count is scaled to the per-username limit,
    so either count reaching its own limit locks. AXES_LOCKOUT_PARAMETERS lists the pair first, then the address.
    """

    def failure_counts(self, request, credentials: dict | None = None) -> tuple[int, int]:
        pair, address = (attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
                         for attempts in self.get_user_attempts(request, credentials))
        return pair, address

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair, address = self.failure_counts(request, credentials)
        return max(pair, address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The page a locked-out login gets, in Danish (django-axes' AXES_LOCKOUT_CALLABLE), as 429 Too Many Requests."""
    cooloff = settings.AXES_COOLOFF_TIME
    _, address = AxesHandler().failure_counts(request, credentials)
    ctx = {"failure_limit": settings.AXES_FAILURE_LIMIT,
           "address_wide": address >= settings.AXES_ADDRESS_FAILURE_LIMIT,
           "cooloff_minutes": round(cooloff.total_seconds() / 60) if cooloff else None}
    return render(request, "registration/lockout.html", ctx, status=429)
