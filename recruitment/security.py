"""Who is asking: the client's address as the login throttling (django-axes) counts it."""

from __future__ import annotations

from django.conf import settings
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


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """The page a locked-out login gets, in Danish (django-axes' AXES_LOCKOUT_CALLABLE), as 429 Too Many Requests."""
    cooloff = settings.AXES_COOLOFF_TIME
    ctx = {"failure_limit": settings.AXES_FAILURE_LIMIT,
           "cooloff_minutes": round(cooloff.total_seconds() / 60) if cooloff else None}
    return render(request, "registration/lockout.html", ctx, status=429)
