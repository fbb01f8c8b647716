"""The simulated users of `make loadtest` (run by tests/load/run.py; locust, headless).

Heads of daycare read the dashboards and the comparison; HR consultants open their municipality's list,
open an intervention's form and save a change the way the page does (an htmx POST, then the coverage
panel refreshes). Each consultant edits only their own municipality, as in real life, so saves do not
collide. Users are created by run.py: load-chef-<n> and load-editor-<municipality code>.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

# Session keys by username: run.py signs every simulated user in beforehand (see run.signed_in).
SESSIONS = json.loads(Path(os.environ["LOADTEST_SESSIONS"]).read_text())
CODES = [int(code) for code in os.environ.get("LOADTEST_CODES", "165").split(",")]
THINK = [float(value) for value in os.environ.get("LOADTEST_THINK", "0.5,1.5").split(",")]
PATHWAYS = ["into-education", "through-internship", "stay-in-job"]
# With several app servers (run.py, LOADTEST_SERVERS): each user's requests go round-robin over them, as a load
# balancer sends them; the session cookie is for 127.0.0.1, so every server receives it.
HOSTS = [host for host in os.environ.get("LOADTEST_HOSTS", "").split(",") if host]
_chefs = itertools.count(1)
_editors = itertools.count(0)


@events.test_start.add_listener
def _loopback_only(environment, **kwargs) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"The load test only runs against this machine (127.0.0.1), not {host!r}.")


class _Form(HTMLParser):
    """The fields of the intervention form as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            if a.get("type") not in {"submit", "button"}:
                self.data.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, "".join(self._text).strip()))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


class _SignedIn(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    username = ""

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSIONS[self.username])
        self._hosts = itertools.islice(itertools.cycle(HOSTS), random.randrange(len(HOSTS)), None) if HOSTS else None

    def url(self, path: str) -> str:
        """The path on the next server, or on the one host locust was given."""
        return next(self._hosts) + path if self._hosts is not None else path

    def get(self, path: str, name: str, **kwargs):
        """A page as this user sees it; a failure if it is not there (or the session is not, and the server
        sends the login page instead)."""
        with self.client.get(self.url(path), name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{path} answered {response.status_code} at {response.url}")
            return response


class HeadOfDaycare(_SignedIn):
    weight = 3

    def on_start(self) -> None:
        self.username = f"load-chef-{next(_chefs)}"
        super().on_start()

    @task(1)
    def home(self) -> None:
        self.get("/", name="home (national summary)")

    @task(4)
    def dashboard(self) -> None:
        self.get(f"/municipalities/{random.choice(CODES)}/", name="municipality dashboard")

    @task(1)
    def dashboard_with_plans(self) -> None:
        self.get(f"/municipalities/{random.choice(CODES)}/?planned=1", name="municipality dashboard, plans")

    @task(2)
    def pathway(self) -> None:
        self.get(f"/municipalities/{random.choice(CODES)}/pathways/{random.choice(PATHWAYS)}/",
                        name="pathway page")

    @task(2)
    def compare_region(self) -> None:
        self.get("/compare/", name="compare (own region)")

    @task(1)
    def compare_all(self) -> None:
        self.get("/compare/?sammenlign=alle", name="compare (all 98)")


class HrConsultant(_SignedIn):
    weight = 2

    def on_start(self) -> None:
        self.code = CODES[next(_editors) % len(CODES)]
        self.username = f"load-editor-{self.code}"
        super().on_start()

    @task(2)
    def intervention_list(self) -> None:
        self.get(f"/municipalities/{self.code}/interventions/", name="intervention list")

    @task(3)
    def edit_intervention(self) -> None:
        listing = self.get(f"/municipalities/{self.code}/interventions/", name="intervention list")
        ids = re.findall(r'href="/interventions/(\d+)/edit/"', listing.text)
        if not ids:
            return
        url = f"/interventions/{random.choice(ids)}/edit/"
        form_page = self.get(url, name="intervention edit form")
        parser = _Form()
        parser.feed(form_page.text.split('id="intervention-form"', 1)[-1].split("</form>", 1)[0])
        data = [(name, value) for name, value in parser.data if name != "participants_planned"]
        data.append(("participants_planned", str(random.randrange(5, 60))))
        headers = {"HX-Request": "true", "HX-Current-URL": self.host + url,
                   "X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(self.url(url), data, headers=headers, name="save intervention (htmx)",
                              catch_response=True) as response:
            if response.status_code != 200 or "Ændringerne er gemt" not in response.text:
                response.failure(f"not saved ({response.status_code})")
                return
        # The page then refreshes its coverage panel (coverage-changed).
        self.get(f"/municipalities/{self.code}/coverage/panel/", headers={"HX-Request": "true"},
                        name="coverage panel (after save)")
