"""The browser tests' server answers requests that arrive together, as htmx sends them (a save refreshes the
coverage panel and the list at once): on SQLite too, where an in-memory test database shared one connection
between the server's threads and some of these requests failed with "database table is locked"."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import PASSWORD


def _logged_in(url: str) -> urllib.request.OpenerDirector:
    """A client with its own session: a login writes a session row, the write that collided."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{url}/accounts/login/").read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    data = urllib.parse.urlencode({"username": "hr-a", "password": PASSWORD, "csrfmiddlewaretoken": token})
    with opener.open(urllib.request.Request(f"{url}/accounts/login/", data=data.encode(),
                                            headers={"Referer": f"{url}/accounts/login/"})) as answer:
        assert "/accounts/login/" not in answer.url, "the login was refused"
    return opener


@pytest.mark.django_db(transaction=True)
def test_the_live_server_answers_requests_that_arrive_together(live_server, editor_a):
    url = live_server.url

    def visit(path: str) -> str:
        try:
            with _logged_in(url).open(url + path) as answer:
                return f"{answer.status} {answer.url.removeprefix(url)}"
        except urllib.error.HTTPError as error:
            return f"{error.code} {path}"

    paths = ["/municipalities/165/coverage/panel/", "/municipalities/165/interventions/"] * 40
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(visit, paths))
    assert answers == [f"200 {path}" for path in paths]
