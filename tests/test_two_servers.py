"""Scaling out (README, "Running in production"): two app servers on one Redis and one PostgreSQL, as a national
deployment runs them behind a load balancer, with two background workers.

Everything is real and separate: a redis-server started here (a unix socket, nothing saved), two gunicorn servers
started at once through deploy/start.sh on two ports (one worker process each), two workers (`task_worker`) through
deploy/worker.sh, all on a fresh database on the PostgreSQL server DATABASE_URL points at (dropped afterwards). A
person's browser keeps its cookies for 127.0.0.1 whichever port answers, as one behind a load balancer does.
What must hold across servers:

- a write through one server shows on the other's next page (interventions created, edited and deleted, an admin's
  change of the catalogue);
- a session made on one works on the other, and a logout on one ends it on the other;
- the API's rate limit is counted once for both (30 a minute lets 30 through, not 60);
- a lockout after wrong passwords on one holds on the other;
- 20 imports queued while both workers run are each run exactly once;
- a server killed (SIGKILL, all its processes) under load: the other answers every request, and nothing the killed
  one was writing remains half-written.

With the local-memory cache the throttle check fails (each process counts its own); with DiskCache (one server's
folder) the logout check fails too. recruitment/checks.py warns of both in `check --deploy`.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUITE_URL = os.environ.get("DATABASE_URL", "")
REDIS_SERVER = shutil.which("redis-server")

pytestmark = [
    pytest.mark.processes,
    pytest.mark.xdist_group("two-servers"),  # one cluster for the module's tests
    # CI installs it (.ci/run), and there a missing one is a failure, not a skip.
    pytest.mark.skipif(REDIS_SERVER is None and not os.environ.get("CI"),
                       reason="redis-server is not installed (apt-get install redis-server)"),
    pytest.mark.skipif(not SUITE_URL.startswith(("postgres://", "postgresql://")),
                       reason="needs DATABASE_URL pointing at a PostgreSQL server (CI sets it; see .ci/run)"),
]

PASSWORD = "two-servers-password-1234"
CODE = 165  # Albertslund
API_LIMIT = 30
FAILURE_LIMIT = 3
IMPORTS = 20
START_SECONDS = 120  # a loaded 2-core machine starts gunicorn slowly; the deadline only bounds a broken start


# --- The cluster -------------------------------------------------------------------------------------------------

SETUP = """
import importlib.util, json, os, sys
from datetime import timedelta
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

PASSWORD, CODE, IMPORTS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

# The servers start at the same time and migrate (deploy/start.sh): one at a time, under deploy/migrate.py's lock.
spec = importlib.util.spec_from_file_location("deploy_migrate", os.path.join("deploy", "migrate.py"))
deploy_migrate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(deploy_migrate)
deploy_migrate.migrate()
call_command("load_reference_data", verbosity=0)

from api.models import ApiToken
from indicators.imports import jobs, tasks
from interventions.models import InterventionType
from recruitment.models import Membership, Municipality

User = get_user_model()
# Wrong passwords are checked against a hash of few iterations: the lockout costs no seconds of PBKDF2 per try.
hasher = PBKDF2PasswordHasher()
quick = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
albertslund = Municipality.objects.get(code=CODE)


def user(name, role=None, **extra):
    made = User.objects.create(username=name, password=quick, **extra)
    if role:
        Membership.objects.create(user=made, municipality=albertslund, role=role)
    return made


def session(made):
    store = SessionStore()
    store.update({SESSION_KEY: str(made.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                  HASH_SESSION_KEY: made.get_session_auth_hash()})
    store.create()
    return store.session_key


user("hr-login", Membership.Role.EDITOR)
user("hr-locked", Membership.Role.EDITOR)
editor = user("hr-two", Membership.Role.EDITOR)
chef = user("chef-two", Membership.Role.VIEWER)
admin = user("admin-two", is_staff=True, is_superuser=True)
_, token = ApiToken.issue(chef, "two servers", days=1)

kind = InterventionType.objects.select_related("target_group").order_by("pk").first()
renamed = InterventionType.objects.select_related("target_group__pathway").order_by("-pk").first()

# One survey answer file per municipality, checked and confirmed, queued to run only when the test releases them
# (run_after), so that both workers are running when they become due.
slugs = list(InterventionType.objects.order_by("position", "pk").values_list("slug", flat=True))
codes = list(Municipality.objects.exclude(code=CODE).order_by("code").values_list("code", flat=True))[:IMPORTS]
imports = []
for n, municipality in enumerate(codes):
    text = ",".join(["år", "kommunekode", *slugs]) + "\\n" + ",".join(
        ["2024", f"{municipality:04d}", *["x" if (i + n) % 3 == 0 else "" for i in range(len(slugs))]]) + "\\n"
    record = jobs.create("intervention-survey", f"kortlaegning-{municipality}.csv", text.encode(), admin)
    assert jobs.check(record, text.encode()).ok
    assert jobs.confirm(record)
    result = tasks.run_import.using(run_after=timezone.now() + timedelta(days=1)).enqueue(record.pk)
    record.__class__.objects.filter(pk=record.pk).update(task_id=str(result.id)[:64])
    imports.append(record.pk)

print("SETUP " + json.dumps({
    "sessions": {"editor": session(editor), "chef": session(chef), "admin": session(admin)},
    "token": token, "kind": kind.pk, "kind_group": kind.target_group_id,
    "renamed": renamed.pk, "renamed_label": renamed.label, "renamed_pathway": renamed.target_group.pathway.slug,
    "imports": imports, "answers_per_import": len(slugs),
}))
"""


def _free_ports(count: int) -> list[int]:
    """Ports free now, distinct: the probes are held open together, so the kernel cannot give one twice."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


@dataclass
class Process:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            # A session of its own: the process and every child (gunicorn's workers) form one group to kill.
            self.popen = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                          start_new_session=True)

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        """SIGTERM to the whole group, then SIGKILL to whatever is left of it."""
        if self.popen is None:
            return
        self.kill(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=15)
        self.kill(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=15)


@dataclass
class Server(Process):
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self, timeout: float = START_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise AssertionError(f"server {self.name} stopped while starting:\n{_tail(self.log)}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server {self.name} did not answer /healthz within {timeout:.0f} s:\n{_tail(self.log)}")


@dataclass
class Cluster:
    url: str
    folder: Path
    data: dict
    servers: dict[str, Server] = field(default_factory=dict)
    workers: list[Process] = field(default_factory=list)

    def server(self, name: str) -> Server:
        """The server, started again if a test killed it (the kill test may run before the others)."""
        server = self.servers[name]
        if not server.running:
            server.stop()
            server.start()
            server.wait_until_up()
        return server

    def sql(self, query: str, *params: object) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            cursor = connection.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float = 60, every: float = 0.2) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(every)
        raise AssertionError(f"{what}: not within {timeout:.0f} s\n{self.logs()}")

    def logs(self) -> str:
        """The end of each server's and worker's log, for a failure's message."""
        return "\n".join(f"--- {p.name}\n{_tail(p.log, 1500)}" for p in [*self.servers.values(), *self.workers])


def _redis(folder: Path) -> tuple[Process, str]:
    assert REDIS_SERVER, "redis-server is missing: CI must install it (.ci/run)"
    sock = folder / "redis.sock"
    process = Process("redis", [REDIS_SERVER, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
                                "--save", "", "--appendonly", "no", "--dir", str(folder)],
                      dict(os.environ), folder / "redis.log")
    process.start()
    import redis

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not process.running:
            raise AssertionError(f"redis-server stopped:\n{_tail(process.log)}")
        try:
            if sock.exists() and redis.Redis(unix_socket_path=str(sock)).ping():
                return process, f"unix://{sock}?db=0"
        except redis.RedisError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"redis-server did not answer:\n{_tail(process.log)}")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    import psycopg

    folder = Path(tempfile.mkdtemp(prefix="two-servers-"))
    name = f"two_servers_{uuid.uuid4().hex[:10]}"
    admin_url = _with_database(SUITE_URL, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(SUITE_URL, name)
    processes: list[Process] = []
    try:
        redis_process, redis_url = _redis(folder)
        processes.append(redis_process)
        env = {**{k: v for k, v in os.environ.items()
                  if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "TASKS_BACKEND", "PYTEST_XDIST_WORKER"}},
               "DATABASE_URL": url, "SECRET_KEY": "two-servers-" + secrets.token_urlsafe(40), "DEBUG": "0",
               "HTTPS": "0", "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "127.0.0.1",
               "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache", "CACHE_LOCATION": redis_url,
               "API_RATE_LIMIT": f"{API_LIMIT}/minute", "AXES_FAILURE_LIMIT": str(FAILURE_LIMIT),
               "WEB_CONCURRENCY": "1", "PYTHON": sys.executable, "LOG_LEVEL": "ERROR",
               "PYTHONWARNINGS": "ignore:No directory at:UserWarning"}
        servers = []
        for server_name, port in zip(("a", "b"), _free_ports(2), strict=True):
            server = Server(server_name, [str(ROOT / "deploy" / "start.sh")],
                            {**env, "BIND": f"127.0.0.1:{port}", "PGAPPNAME": f"server-{server_name}"},
                            folder / f"server-{server_name}.log", port=port)
            servers.append(server)
            processes.append(server)
            server.start()
        # Meanwhile (the servers take a while to start) the reference data, users and queued imports.
        setup = subprocess.run([sys.executable, "-c", SETUP, PASSWORD, str(CODE), str(IMPORTS)], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=300)
        assert setup.returncode == 0, setup.stderr[-3000:]
        data = json.loads(setup.stdout.strip().splitlines()[-1].removeprefix("SETUP "))
        cluster = Cluster(url, folder, data, servers={server.name: server for server in servers})
        for n in (1, 2):
            worker = Process(f"worker-{n}", [str(ROOT / "deploy" / "worker.sh"), "--no-startup-delay",
                                             "--worker-id", f"worker-{n}"],
                             {**env, "PGAPPNAME": f"worker-{n}"}, folder / f"worker-{n}.log")
            cluster.workers.append(worker)
            processes.append(worker)
            worker.start()
        for server in cluster.servers.values():
            server.wait_until_up()
        yield cluster
    finally:
        for process in reversed(processes):
            process.stop()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


# --- A browser ---------------------------------------------------------------------------------------------------

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


def intervention_form(cluster: Cluster, title: str, **changed: str) -> dict[str, str]:
    """What the HR form posts for a running intervention of the first catalogue type."""
    return {"title": title, "intervention_type": str(cluster.data["kind"]),
            "target_groups": str(cluster.data["kind_group"]), "status": "running", "start_date": "2025-01-01",
            "end_date": "", "partners": "", "participants_planned": "", "participants_actual": "", "budget_dkk": "",
            "description": "", "results": "", **changed}


def _intervention(cluster: Cluster, title: str) -> tuple[int, int]:
    [(pk, version)] = cluster.sql("SELECT id, version FROM interventions_intervention WHERE title = %s", title)
    return pk, version


# --- The checks --------------------------------------------------------------------------------------------------

def test_a_write_through_one_server_shows_on_the_others_next_page(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    editor = Browser(cluster.data["sessions"]["editor"])
    # Pages are read by someone else: the editor's next page names what was saved in its message, whichever
    # server sends it (the message travels in a cookie).
    reader = Browser(cluster.data["sessions"]["chef"])
    listing = f"/municipalities/{CODE}/interventions/"
    pathway = f"/municipalities/{CODE}/pathways/{cluster.data['renamed_pathway']}/"
    for server in (a, b):  # each server has rendered (and the cache holds) the pages before the writes
        for path in (listing, pathway):
            assert reader.get(server, path).status == 200, cluster.logs()

    created = editor.post(a, f"/municipalities/{CODE}/interventions/new/", intervention_form(cluster, "Oprettet på A"))
    assert created.status == 302, created.body[-2000:]
    assert "Oprettet på A" in reader.get(b, listing).body

    created = editor.post(b, f"/municipalities/{CODE}/interventions/new/", intervention_form(cluster, "Oprettet på B"))
    assert created.status == 302, created.body[-2000:]
    assert "Oprettet på B" in reader.get(a, listing).body

    pk, version = _intervention(cluster, "Oprettet på A")
    edited = editor.post(a, f"/interventions/{pk}/edit/",
                         intervention_form(cluster, "Rettet på A", version=str(version), participants_actual="12"))
    assert edited.status == 302, edited.body[-2000:]
    page = reader.get(b, listing).body
    assert "Rettet på A" in page and "Oprettet på A" not in page

    pk, version = _intervention(cluster, "Oprettet på B")
    deleted = editor.post(b, f"/interventions/{pk}/delete/", {"version": str(version)})
    assert deleted.status == 302, deleted.body[-2000:]
    assert "Oprettet på B" not in reader.get(a, listing).body

    # The admin changes reference data (a catalogue type's label) on A; B's pathway page shows it.
    admin = Browser(cluster.data["sessions"]["admin"])
    change = f"/admin/interventions/interventiontype/{cluster.data['renamed']}/change/"
    form = admin.get(a, change)
    assert form.status == 200
    new_label = cluster.data["renamed_label"] + " – rettet på A"
    fields = [(k, new_label if k == "label" else v) for k, v in form_fields(form.body, "interventiontype_form")
              if k != "csrfmiddlewaretoken"]
    saved = admin.post(a, change, [*fields, ("_save", "Gem")])
    assert saved.status == 302, saved.body[-3000:]
    assert new_label in reader.get(b, pathway).body


def test_a_session_made_on_one_server_works_on_the_other_and_a_logout_ends_it_there(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    browser = Browser()
    page = f"/municipalities/{CODE}/"
    assert browser.get(b, page).status == 302  # not signed in
    login = browser.post(a, "/accounts/login/", {"username": "hr-login", "password": PASSWORD})
    assert login.status == 302, login.body[-2000:]
    session = browser.session
    assert session
    assert browser.get(b, page).status == 200
    assert browser.post(a, "/accounts/logout/", {}).status == 302
    answer = browser.get(b, page)
    assert answer.status == 302 and "/accounts/login/" in answer.location
    # Nor does the key the session had, sent again (a copied cookie): the session is gone for both.
    answer = Browser(session).get(b, page)
    assert answer.status == 302 and "/accounts/login/" in answer.location


def test_the_api_rate_limit_is_counted_once_for_both_servers(cluster):
    servers = [cluster.server("a"), cluster.server("b")]
    headers = {"Authorization": f"Bearer {cluster.data['token']}"}
    statuses = [Browser().get(servers[n % 2], "/api/v1/regions/", headers).status for n in range(2 * API_LIMIT + 10)]
    assert statuses.count(200) == API_LIMIT, statuses
    assert statuses.count(429) == API_LIMIT + 10, statuses


def test_a_lockout_after_wrong_passwords_on_one_server_holds_on_the_other(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    browser = Browser()
    for _ in range(FAILURE_LIMIT):
        browser.post(a, "/accounts/login/", {"username": "hr-locked", "password": "wrong-password"})
    answer = browser.post(b, "/accounts/login/", {"username": "hr-locked", "password": PASSWORD})
    assert answer.status == 429, answer.body[-2000:]
    assert browser.session is None


def test_imports_queued_while_two_workers_run_each_run_exactly_once(cluster):
    running = {"worker-1", "worker-2"}
    cluster.wait_for("both workers connected", lambda: running <= {name for (name,) in cluster.sql(
        "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()")})
    pks = cluster.data["imports"]
    cluster.sql("UPDATE django_tasks_database_dbtaskresult SET run_after = now() WHERE task_path LIKE %s",
                "%run_import")
    cluster.wait_for(f"{IMPORTS} imports done", lambda: cluster.sql(
        "SELECT count(*) FROM indicators_dataimport WHERE id = ANY(%s) AND status IN ('succeeded', 'failed')",
        pks)[0][0] == IMPORTS, timeout=120)
    results = cluster.sql("SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
                          "WHERE task_path LIKE %s", "%run_import")
    assert len(results) == IMPORTS
    assert {(status, len(workers), value) for status, workers, value in results} == \
        {("SUCCESSFUL", 1, "succeeded")}, results
    assert {workers[0] for _, workers, _ in results} <= running
    per_import = cluster.sql("SELECT data_import_id, count(*) FROM indicators_interventionsurveyanswer "
                             "WHERE data_import_id = ANY(%s) GROUP BY data_import_id", pks)
    assert sorted(per_import) == [(pk, cluster.data["answers_per_import"]) for pk in sorted(pks)]
    assert cluster.sql("SELECT count(*) FROM (SELECT 1 FROM indicators_interventionsurveyanswer GROUP BY year, "
                       "municipality_id, intervention_type_id HAVING count(*) > 1) AS twice")[0][0] == 0


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


def test_a_server_killed_under_load_leaves_the_other_answering_and_nothing_half_written(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    load = Load(cluster)
    threads = [threading.Thread(target=target, args=(name,), daemon=True)
               for name in ("a", "b") for target in (load.read, load.write)]
    for thread in threads:
        thread.start()
    try:
        cluster.wait_for("reads and saves answered on both servers", lambda: load.saved("a") >= 2 and load.saved(
            "b") >= 1 and load.succeeded("a") >= 6 and load.succeeded("b") >= 6, timeout=60)
        a.kill(signal.SIGKILL)  # the master and its workers at once, mid-request: a host gone
        a.popen.wait(timeout=15)
        killed = time.monotonic()
        cluster.wait_for("B answering after A was killed", lambda: load.succeeded("b", since=killed) >= 12 and
                         load.saved("b", since=killed) >= 2, timeout=60)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=70)
    failed_on_b = [(path, outcome) for _, path, outcome in load.answers["b"] if outcome not in (200, 302)]
    assert failed_on_b == []
    assert any(at >= killed and outcome not in (200, 302) for at, _, outcome in load.answers["a"]) or \
        not [at for at, _, _ in load.answers["a"] if at >= killed], "A still answered after it was killed"

    # PostgreSQL ends the killed server's connections, rolling back what they had begun.
    cluster.wait_for("the killed server's connections gone", lambda: not cluster.sql(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'server-a'"), timeout=30)
    rows = cluster.sql(
        "SELECT i.title, (SELECT count(*) FROM interventions_intervention_target_groups g WHERE g.intervention_id = "
        "i.id), (SELECT count(*) FROM interventions_historicalintervention h WHERE h.id = i.id AND "
        "h.history_type = '+') FROM interventions_intervention i WHERE i.title LIKE 'Under last %%'")
    stored = {title: (groups, history) for title, groups, history in rows}
    assert {title: whole for title, whole in stored.items() if whole != (1, 1)} == {}, "half-written interventions"
    answered = {title for name in ("a", "b") for _, title in load.created[name]}
    assert answered <= set(stored), "a save answered as done is missing"
    # B shows the last intervention A committed.
    pk, title = cluster.sql("SELECT id, title FROM interventions_intervention WHERE title LIKE 'Under last A-%%' "
                            "ORDER BY id DESC LIMIT 1")[0]
    assert title in Browser(cluster.data["sessions"]["chef"]).get(b, f"/interventions/{pk}/").body
