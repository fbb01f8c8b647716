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

import os
import signal
import subprocess
import sys
from pathlib import Path

# Run as a script (python tests/load/run.py): the project's root on the path, for tests.load and the apps.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.load.config import BIN, ROOT, SCALES, SECONDS, SERVERS, USERS, WORKERS  # noqa: E402
from tests.load.dataset import build  # noqa: E402
from tests.load.measure import locust, warm_up  # noqa: E402
from tests.servers import Services, free_port, wait_until_up  # noqa: E402


def main() -> int:
    servers: list[subprocess.Popen] = []
    with Services("loadtest-") as services:
        folder = services.folder
        try:
            database_url = services.postgres.start()
            codes = build(database_url, folder / "sessions.json")
            cache = {"CACHE_BACKEND": os.environ.get("CACHE_BACKEND", "recruitment.cache.DiskCache"),
                     "CACHE_LOCATION": os.environ.get("CACHE_LOCATION", str(folder / "cache"))}
            if SERVERS > 1 and "CACHE_BACKEND" not in os.environ:
                # A folder is one server's cache; several share Redis (README, "Running in production").
                sock = services.start_redis()
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
                    from tests.bench.scaled_demo import multiply

                    print(f"\nMultiplying the interventions to ×{scale} …", flush=True)
                    interventions = multiply(scale // done)
                    done = scale
                    print(f"Dataset: {interventions} interventions.")
                # One server is enough to warm a cache they share; each warms its own otherwise.
                for base in bases if cache["CACHE_BACKEND"].endswith("LocMemCache") else bases[:1]:
                    login_seconds = warm_up(base, codes, folder / "sessions.json")
                print(f"gunicorn on {', '.join(bases)} with {WORKERS} workers each ({cache['CACHE_BACKEND']}); "
                      f"locust: {USERS} users for {SECONDS} s (interventions ×{scale}) …", flush=True)
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


if __name__ == "__main__":
    sys.exit(main())

