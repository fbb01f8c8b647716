"""Where a form returns after a save when it was opened from another page ("Start denne indsats" on the
dashboard): the page the user came from, named by `?next=` on the form's address and carried in a hidden field.
Only a path on this site is followed; anything else is ignored and the form's usual ending applies."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

PARAM = "next"


def return_url(request: HttpRequest) -> str:
    """The page to return to, or "" when none was given or it leads off the site."""
    url = (request.POST.get(PARAM) or request.GET.get(PARAM) or "").strip()
    safe = url.startswith("/") and not url.startswith("//") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if safe else ""


def go_back(request: HttpRequest, url: str, message: str) -> HttpResponse:
    """Back to `url` with the saved message shown there: a redirect, or for htmx a full-page redirect (HX-Redirect),
    since the page to return to is not the one the form sits on."""
    messages.success(request, message)
    if request.headers.get("HX-Request"):
        response = HttpResponse()
        response["HX-Redirect"] = url
        return response
    return redirect(url)
