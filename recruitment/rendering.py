"""Fragment or whole page: the one rule for every view that htmx updates in place.

An htmx request gets the page's `{% partialdef %}` fragment; anything else, and htmx restoring a page the
browser's history lost, gets the whole page. Both answers come from one URL, so each carries
`Vary: HX-Request`: a browser (or proxy) must not show a cached fragment when the user goes Back or
reloads, and must not swap a whole page into a fragment's place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from .request_types import HtmxRequest


def wants_fragment(request: HttpRequest) -> bool:
    # Going back in the browser after a miss in its history cache, htmx asks for the whole page again.
    htmx = cast(HtmxRequest, request).htmx  # django-htmx's middleware sets it on every request
    return bool(htmx) and not htmx.history_restore_request


def render_page(request: HttpRequest, template: str, fragment: str, ctx: Mapping[str, object],
                status: int = 200) -> HttpResponse:
    """`template#fragment` for htmx swaps, `template` otherwise; always `Vary: HX-Request`."""
    response = render(request, f"{template}#{fragment}" if wants_fragment(request) else template, ctx,
                      status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def page_path(request: HttpRequest) -> str:
    """This page's address as the app writes it: `/municipalities/751/` also when the request came by
    `/municipalities/0751/`. A cached body is keyed by the object, not by the address typed, so it links with this
    and never with `request.path`."""
    match = request.resolver_match
    assert match is not None, "only a view's request has a page"
    return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
