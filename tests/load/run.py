"""`make loadtest`: the app under gunicorn on a throwaway PostgreSQL with the national dataset, driven by
25 simulated users for 60 seconds (locust, tests/load/locustfile.py), on this machine only.

1. starts a PostgreSQL server of its own in a temporary folder, on 127.0.0.1 and a free port;
2. builds the national dataset `make bench` uses (98 municipalities x 40 interventions) and the users:
   heads of daycare (load-chef-<n>) and one HR consultant per municipality (load-editor-<code>), each
   signed in beforehand (a session, as logging in makes it);
3. starts gunicorn as production runs it (DEBUG off) with one cache for its workers (diskcache in a temporary
   folder; CACHE_BACKEND/CACHE_LOCATION override it), bound to 127.0.0.1 only, and warms it up: one user
   logs in (timed: the login's cost) and asks once for every page the simulated users ask for, printing
   what those first visits took: the steady state of a server in use, where each page has been seen since
   the data last changed nationally. With LOADTEST_SERVERS=2, two gunicorn servers on two ports share one Redis
   (started here, a unix socket) and the CPUs' workers; each simulated user's requests go round-robin over both,
   as a load balancer sends them;
4. runs locust headless: LOADTEST_USERS users (25) start over LOADTEST_RAMP seconds (10), then all of them
   for LOADTEST_SECONDS (60); the statistics cover those 60 s. Each user waits LOADTEST_THINK seconds
   (0.5–1.5) between requests, as a person reading would. The consultants save a change about every
   four seconds each, which renders their municipality's own pages anew (only theirs: a change of
   participants moves no national figure);
5. prints requests per second, the median and 95th percentile per page and the errors (a page that is not
   there, or the login page instead of it, is an error);
6. copies every intervention (with its target groups) to ten of it and runs steps 3–5 again on the same
   server (LOADTEST_SCALES, "1,10"); then stops everything it started and deletes the folder.

Aims (printed, not asserted): no errors, 95th percentile under 300 ms on every page, at both sizes. Logging in is
timed apart, and the simulated users do not log in while measured: the password hash is slow on purpose
(PBKDF2, 0.5–2 s of CPU here) to make guessing expensive, and 25 of them at once would be measured as the
pages' latency. The exit status is 1 if any request failed. Not part of `make test`.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOADTEST_USERS", "25"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
# One gunicorn worker per CPU: here the load generator and PostgreSQL share the machine with the app
# (on a machine of its own, gunicorn's usual 2 x CPUs + 1 suits better).
# Two app servers (LOADTEST_SERVERS=2): gunicorn twice on two ports, sharing one Redis started here (unless
# CACHE_BACKEND says otherwise); locust sends each user's requests round-robin over them. The CPUs' workers are
# shared out between them, so one and two servers are compared with as many processes.
SERVERS = int(os.environ.get("LOADTEST_SERVERS", "1"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", str(max(1, (os.cpu_count() or 1) // SERVERS))))
THINK = os.environ.get("LOADTEST_THINK", "0.5,1.5")
RAMP = int(os.environ.get("LOADTEST_RAMP", "10"))
WARM_UP_PAGES = ["/", "/compare/", "/compare/?sammenlign=alle"]
WARM_UP_MUNICIPALITY_PAGES = ["/municipalities/{code}/", "/municipalities/{code}/?planned=1",
                              *(f"/municipalities/{{code}}/pathways/{slug}/"
                                for slug in ("into-education", "through-internship", "stay-in-job")),
                              "/municipalities/{code}/interventions/", "/municipalities/{code}/coverage/panel/"]
CHEFS = 60
PASSWORD = "load-password-1234"
AIM_P95_MS = 300
# The national dataset as built, then with every intervention copied to ten (pages must stay flat).
SCALES = [int(value) for value in os.environ.get("LOADTEST_SCALES", "1,10").split(",")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """A throwaway server (as .ci/run starts one): initdb refuses root, so it runs as `postgres` then."""

    def __init__(self, folder: Path) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not found:
            raise SystemExit("PostgreSQL server binaries are missing (apt-get install postgresql).")
        self.bin = found[-1].parent
        self.folder = folder
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> str:
        (self.folder / "sock").mkdir(parents=True)
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(self.folder / "sock", "postgres", "postgres")
        self._run(self.bin / "initdb", "-D", self.folder / "data", "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-l", self.folder / "log", "-w", "-o",
                  f"-k {self.folder / 'sock'} -h 127.0.0.1 -p {self.port} -c fsync=off -c max_connections=100",
                  "start")
        subprocess.run([self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "app"],
                       check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/app"

    def stop(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-m", "fast", "-w", "stop", check=False)

    def _run(self, *args: object, check: bool = True) -> None:
        subprocess.run([*self.as_postgres, *map(str, args)], check=check, stdout=subprocess.DEVNULL)


def build(database_url: str, sessions: Path) -> list[int]:
    """The bench's national dataset and the users, signed in (their session keys written to `sessions`); returns
    the municipality codes."""
    os.environ["BENCH_DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    from tests.bench import bench_pages

    bench_pages.configure()
    started = time.perf_counter()
    interventions = bench_pages.build_dataset()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from recruitment.models import Membership, Municipality

    municipalities = list(Municipality.objects.order_by("code"))
    password = make_password(PASSWORD)  # hashed once: the same for every simulated user
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"load-chef-{n}", password=password) for n in range(1, CHEFS + 1)]
        + [get_user_model()(username=f"load-editor-{m.code}", password=password) for m in municipalities])
    Membership.objects.bulk_create(
        [Membership(user=user, municipality=municipalities[n % len(municipalities)], role=Membership.Role.VIEWER)
         for n, user in enumerate(users[:CHEFS])]
        + [Membership(user=user, municipality=m, role=Membership.Role.EDITOR)
           for user, m in zip(users[CHEFS:], municipalities, strict=True)])
    print(f"Dataset: 98 municipalities, {interventions} interventions, {len(users)} users "
          f"(built in {time.perf_counter() - started:.0f} s).")
    sessions.write_text(json.dumps(signed_in(users)))
    from django.db import connections

    connections.close_all()
    return [m.code for m in municipalities]


def signed_in(users: list) -> dict[str, str]:
    """A session per user, as logging in makes it: the simulated users start signed in, so that 25 password
    hashes at once (slow on purpose, ~1 s of CPU each) are not measured as the pages' latency. The login's
    own cost is timed in the warm-up."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in users:
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        keys[user.username] = session.session_key
    return keys


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting.")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time.")


def warm_up(base: str, codes: list[int], sessions: Path) -> float:
    """Logs in once (returns how long that took), then asks for every page the simulated users ask for, once,
    two at a time (the steady state: each page has been seen since the data last changed nationally); prints
    what those first visits took, as they cost more than the pages served from the cache. The comparison
    marks the user's own municipality and opens on the choice they made last, so each head of daycare who may
    take part sees theirs, both ways round."""
    import http.cookiejar
    import re
    import statistics
    from concurrent.futures import ThreadPoolExecutor

    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.open(base + "/accounts/login/", timeout=30).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "load-chef-1", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    started = time.perf_counter()
    landing = browser.open(base + "/accounts/login/", data=form, timeout=30).read().decode()
    login_seconds = time.perf_counter() - started
    assert not re.search(r'name="password"', landing), "the warm-up user could not log in"

    def first_visit(path: str, session: str | None = None) -> float:
        """As the warm-up user, or as the simulated user whose session key is given."""
        started = time.perf_counter()
        if session is None:
            browser.open(base + path, timeout=120).read()
        else:
            urllib.request.urlopen(urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"}),
                                   timeout=120).read()
        return time.perf_counter() - started

    def chef_visits(session: str) -> list[float]:
        # The second round with "all" remembered.
        return [first_visit(path, session) for path in ["/compare/", "/compare/?sammenlign=alle"] * 2]

    paths = WARM_UP_PAGES + [page.format(code=code) for code in codes for page in WARM_UP_MUNICIPALITY_PAGES]
    chefs = [key for name, key in json.loads(sessions.read_text()).items()
             if name.startswith("load-chef-") and int(name.rsplit("-", 1)[1]) <= USERS]
    with ThreadPoolExecutor(WORKERS) as pool:
        seconds = list(pool.map(first_visit, paths))
        seconds = sorted(seconds + [t for times in pool.map(chef_visits, chefs) for t in times])
    print(f"Warm-up: {len(seconds)} pages seen once, median {statistics.median(seconds) * 1000:.0f} ms, "
          f"95th percentile {seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms ({WORKERS} at a time).", flush=True)
    return login_seconds


def _number(value: str) -> float:
    return float("nan") if value in {"", "N/A"} else float(value)  # locust writes N/A for a step it never timed


def report(stats_csv: Path, login_seconds: float) -> int:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    for row in rows:
        for key in ("Requests/s", "Median Response Time", "95%"):
            row[key] = _number(row[key])
    pages = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(f"\n{'page':36} {'requests':>9} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
    for row in sorted(pages, key=lambda r: -int(r["Request Count"])):
        print(f"{row['Name']:36} {int(row['Request Count']):9d} {row['Requests/s']:7.1f} "
              f"{row['Median Response Time']:10.0f} {row['95%']:8.0f} {int(row['Failure Count']):7d}")
    errors = int(total["Failure Count"])
    print(f"{'all requests':36} {int(total['Request Count']):9d} {total['Requests/s']:7.1f} "
          f"{total['Median Response Time']:10.0f} {total['95%']:8.0f} {errors:7d}")
    worst = max(pages, key=lambda r: float("inf") if math.isnan(r["95%"]) else r["95%"])
    servers = f"{SERVERS} servers x {WORKERS}" if SERVERS > 1 else str(WORKERS)
    print(f"\n{USERS} users for {SECONDS} s (after {RAMP} s of them arriving), {servers} gunicorn workers on "
          f"{os.cpu_count()} CPUs, {THINK.replace(',', '–')} s between a user's requests.")
    print(f"Logging in takes {login_seconds * 1000:.0f} ms on an idle server: the password hash, slow on purpose.")
    print(f"Aims: zero errors – {'ok' if errors == 0 else f'missed ({errors})'}; "
          f"95th percentile under {AIM_P95_MS} ms on every page – "
          f"{'ok' if worst['95%'] < AIM_P95_MS else 'missed'} (slowest: {worst['Name']}, "
          f"{worst['95%']:.0f} ms).")
    return 1 if errors else 0


def locust(bases: list[str], codes: list[int], folder: Path, login_seconds: float) -> int:
    base = bases[0]
    folder.mkdir()
    locust_env = {**os.environ, "LOADTEST_CODES": ",".join(map(str, codes)), "LOADTEST_THINK": THINK,
                  "LOADTEST_SESSIONS": str(folder.parent / "sessions.json"), "LOADTEST_HOSTS": ",".join(bases)}
    log = folder / "locust.log"
    with log.open("w") as output:
        finished = subprocess.run(
            [BIN / "locust", "-f", ROOT / "tests" / "load" / "locustfile.py", "--headless", "--host", base,
             "--users", str(USERS), "--spawn-rate", f"{USERS / RAMP:g}", "--run-time", f"{SECONDS + RAMP}s",
             "--reset-stats", "--stop-timeout", "5", "--csv", folder / "stats", "--only-summary",
             "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            cwd=ROOT, env=locust_env, timeout=SECONDS + 120, stdout=output, stderr=subprocess.STDOUT)
    if finished.returncode != 0 or "Traceback" in log.read_text():
        print(log.read_text()[-3000:])
        return finished.returncode or 1
    return report(folder / "stats_stats.csv", login_seconds)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="loadtest-"))
    folder.chmod(0o755)  # the server's own user must reach its folder inside
    postgres = Postgres(folder / "pg")
    servers: list[subprocess.Popen] = []
    redis_server = None
    try:
        database_url = postgres.start()
        codes = build(database_url, folder / "sessions.json")
        cache = {"CACHE_BACKEND": os.environ.get("CACHE_BACKEND", "recruitment.cache.DiskCache"),
                 "CACHE_LOCATION": os.environ.get("CACHE_LOCATION", str(folder / "cache"))}
        if SERVERS > 1 and "CACHE_BACKEND" not in os.environ:
            # A folder is one server's cache; several share Redis (README, "Running in production").
            from tests.bench.cache_memory import start_redis

            redis_server, sock = start_redis(folder)
            cache = {"CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "CACHE_LOCATION": f"unix://{sock}?db=0"}
        env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "HTTPS": "0", "STATIC_MANIFEST": "0",
               "SECRET_KEY": os.environ["SECRET_KEY"],  # the bench's, which signed the sessions
               "ALLOWED_HOSTS": "127.0.0.1",
               "DJANGO_SETTINGS_MODULE": "recruitment.settings",
               # Static files are not asked for here, so whitenoise's note that none are collected is noise.
               "PYTHONWARNINGS": "ignore:No directory at:UserWarning",
               # One cache for the workers, as a server with several should have (README, "Speed at any size").
               **cache}
        bases = []
        for _ in range(SERVERS):
            port = free_port()
            bases.append(f"http://127.0.0.1:{port}")
            servers.append(subprocess.Popen(
                [BIN / "gunicorn", "recruitment.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(WORKERS), "--timeout", "30", "--log-level", "warning"],
                cwd=ROOT, env=env))
        for base, server in zip(bases, servers, strict=True):
            wait_until_up(base, server, timeout=120)  # a busy machine starts gunicorn slowly
        status, done = 0, 1
        for scale in SCALES:
            if scale != done:
                from tests.bench.bench_scale import multiply

                print(f"\nMultiplying the interventions to ×{scale} …", flush=True)
                interventions = multiply(scale // done)
                done = scale
                print(f"Dataset: {interventions} interventions.")
            # One server is enough to warm a cache they share; each warms its own otherwise.
            for base in bases if cache["CACHE_BACKEND"].endswith("LocMemCache") else bases[:1]:
                login_seconds = warm_up(base, codes, folder / "sessions.json")
            print(f"gunicorn on {', '.join(bases)} with {WORKERS} workers each ({cache['CACHE_BACKEND']}); locust: "
                  f"{USERS} users for {SECONDS} s (interventions ×{scale}) …", flush=True)
            status = max(status, locust(bases, codes, folder / f"x{scale}", login_seconds))
        return status
    finally:
        for server in servers:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
        if redis_server is not None:
            redis_server.terminate()
            redis_server.wait(timeout=10)
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
