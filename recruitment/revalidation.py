"""Repeat loads of a page cost a few hundred bytes: the browser keeps the page and asks whether it changed.

Every page goes out with `Cache-Control: private, no-cache` and an ETag: the browser keeps it (never a shared
proxy) and asks again with `If-None-Match` on each visit; when the page would be the same, the answer is
`304 Not Modified` without a body. A dashboard is 20–40 KB compressed; the answer is under 1 KB.

"The same" is judged on the rendered page, not on its inputs, so nothing it depends on can be forgotten
(the user, the data version, a message, a new release). Two parts change on every request without changing
the page: the CSP nonce and the masked CSRF token. They are left out of the tag, and two things keep the
kept page working:
- the tag includes the user's CSRF secret, of which every masked token is a valid form: a page kept from
  before a new secret (a new login) is never confirmed;
- a 304 carries no Content-Security-Policy header, so the browser keeps the policy it stored with the page,
  whose nonce is the one in the page it shows (a new nonce in the 304 would replace it and block the page's
  styles).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csp import get_nonce
from django.utils.cache import patch_cache_control

# The masked CSRF token (64 letters and digits), as the base template and the forms write it.
_CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value="|"x-csrftoken": ")[A-Za-z0-9]{64}')


def page_tag(request: HttpRequest, content: bytes) -> str:
    """The page's ETag: its content without the request's CSP nonce and CSRF token, and the user's CSRF secret."""
    if nonce := get_nonce(request):
        content = content.replace(str(nonce).encode(), b"")
    content = _CSRF_TOKEN.sub(rb"\1", content)
    digest = hashlib.sha256(request.META.get("CSRF_COOKIE", "").encode() + b"\0" + content).hexdigest()
    return f'"{digest[:32]}"'


def _asked_tags(request: HttpRequest) -> set[str]:
    # GZipMiddleware weakens the tag it sends (W/"…"); a browser sends it back as it got it.
    return {tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")}


class RevalidatedPagesMiddleware:
    """Place after ContentSecurityPolicyMiddleware, so that it sees the 304 without a policy to add."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (request.method != "GET" or response.status_code != 200 or response.streaming
                or not response.get("Content-Type", "").startswith("text/html")):
            return response
        tag = page_tag(request, response.content)
        if tag in _asked_tags(request):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = tag
            for header in ("Cache-Control", "Vary"):
                if header in response:
                    not_modified[header] = response[header]
            not_modified.cookies = response.cookies
            # Keep the stored policy (see above). Django's CSP middleware reads these private attributes, which
            # django-stubs does not declare.
            not_modified._csp_config = not_modified._csp_ro_config = {}  # type: ignore[attr-defined]
            patch_cache_control(not_modified, private=True, no_cache=True)
            return not_modified
        response["ETag"] = tag
        patch_cache_control(response, private=True, no_cache=True)
        return response
