"""One person's browser for tests/test_two_servers.py (urllib, no redirects followed): cookies kept per host, and the
fields a page's form would send."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.two_servers.cluster import Server


@dataclass
class Answer:
    status: int
    body: str
    location: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One person's browser. Cookies are kept per host, not per port, so it sends the same session and CSRF cookie
    to either server, as a browser behind a load balancer does."""

    def __init__(self, session: str | None = None) -> None:
        self.opener = urllib.request.build_opener(_NoRedirects)
        # A CSRF secret of the browser's own until a server sets one (Django accepts the unmasked secret).
        self.cookies = {"csrftoken": secrets.token_hex(16)}
        if session:
            self.cookies["sessionid"] = session

    def _send(self, request: urllib.request.Request) -> Answer:
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=60) as response:
                answer = Answer(response.status, response.read().decode(errors="replace"),
                                response.headers.get("Location", ""))
                headers = response.headers
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.read().decode(errors="replace"), error.headers.get("Location", ""))
            headers = error.headers
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:  # how Django deletes a cookie
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, server: Server, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._send(urllib.request.Request(server.base + path, headers=headers or {}))

    def post(self, server: Server, path: str, data: dict | list[tuple[str, str]]) -> Answer:
        body = urlencode([*(data.items() if isinstance(data, dict) else data),
                          ("csrfmiddlewaretoken", self.cookies["csrftoken"])], doseq=True).encode()
        return self._send(urllib.request.Request(server.base + path, data=body, method="POST"))

    @property
    def session(self) -> str | None:
        return self.cookies.get("sessionid")


class FormFields(HTMLParser):
    """The fields a browser would send from the page's form with the given id (inputs, checked boxes, selected
    options, text areas)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type", "text") not in {"submit", "button", "file", "image"}:
            if a.get("type") not in {"checkbox", "radio"} or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    assert parser.fields, f"no form #{form_id} on the page"
    return parser.fields

