"""What an editor posts, and the traffic (readers and editors on both servers) a server is killed under, for
tests/test_two_servers.py."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from tests.two_servers.browser import Browser
from tests.two_servers.cluster import CODE, Cluster


def intervention_form(cluster: Cluster, title: str, **changed: str) -> dict[str, str]:
    """What the HR form posts for a running intervention of the first catalogue type."""
    return {"title": title, "intervention_type": str(cluster.data["kind"]),
            "target_groups": str(cluster.data["kind_group"]), "status": "running", "start_date": "2025-01-01",
            "end_date": "", "partners": "", "participants_planned": "", "participants_actual": "", "budget_dkk": "",
            "description": "", "results": "", **changed}



@dataclass
class Load:
    """Readers on both servers and an editor creating interventions on each, until stopped."""

    cluster: Cluster
    stop: threading.Event = field(default_factory=threading.Event)
    answers: dict[str, list[tuple[float, str, object]]] = field(default_factory=lambda: {"a": [], "b": []})
    created: dict[str, list[tuple[float, str]]] = field(default_factory=lambda: {"a": [], "b": []})
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _record(self, name: str, path: str, outcome: object) -> None:
        with self.lock:
            self.answers[name].append((time.monotonic(), path, outcome))

    def read(self, name: str) -> None:
        chef = Browser(self.cluster.data["sessions"]["chef"])
        paths = [f"/municipalities/{CODE}/", f"/municipalities/{CODE}/interventions/", "/compare/", "/healthz"]
        n = 0
        while not self.stop.is_set():
            path = paths[n % len(paths)]
            n += 1
            try:
                self._record(name, path, chef.get(self.cluster.servers[name], path).status)
            except OSError as error:  # refused, reset: a server that is gone
                self._record(name, path, repr(error))

    def write(self, name: str) -> None:
        editor = Browser(self.cluster.data["sessions"]["editor"])
        n = 0
        while not self.stop.is_set():
            n += 1
            title = f"Under last {name.upper()}-{n}"
            path = f"/municipalities/{CODE}/interventions/new/"
            try:
                answer = editor.post(self.cluster.servers[name], path, intervention_form(self.cluster, title))
            except OSError as error:
                self._record(name, path, repr(error))
                continue
            self._record(name, path, answer.status)
            if answer.status == 302:
                with self.lock:
                    self.created[name].append((time.monotonic(), title))

    def succeeded(self, name: str, since: float = 0) -> int:
        with self.lock:
            return sum(1 for at, _, outcome in self.answers[name] if at >= since and outcome in (200, 302))

    def saved(self, name: str, since: float = 0) -> int:
        with self.lock:
            return sum(1 for at, _ in self.created[name] if at >= since)

