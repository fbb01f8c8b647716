"""How much memory the shared cache (Redis) needs: every page of every municipality seen once (not a pytest module).

Starts a throwaway PostgreSQL and a redis-server of its own (as `make loadtest` does), loads the reference data and the
demo (`seed_demo`), and asks as a head of daycare, in process with Django's test client and the Redis cache, for every
page the dashboards cache: the home page, the comparison (region and all), the national and the five KKR projections,
and for each of the 98 municipalities its dashboard (with and without planned interventions), its three pathway pages,
its intervention list, the coverage panel, "Kommuner som din", its projection, coverage over time and its targets; then
as each municipality's editor its own dashboard, pathway pages and list (an editor's body differs from a reader's).
It prints Redis's `INFO memory` (used_memory, the dataset) and the number of keys. Then it copies every intervention
(BENCH_SCALES, default "1,10,100": ×10 and ×100 the demo's), empties the cache and does it again. The committee brief
(PDF) is not stored: it is drawn from the dashboard's cached data on each request.

Run it alone: `.venv/bin/python tests/bench/cache_memory.py` (about 20 minutes with ×100 on a busy 2-core machine);
it is not one of `make bench`'s scripts, as it needs redis-server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCALES = [int(value) for value in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
MUNICIPALITY_PAGES = ["/municipalities/{code}/", "/municipalities/{code}/?planned=1",
                      *(f"/municipalities/{{code}}/pathways/{slug}/"
                        for slug in ("into-education", "through-internship", "stay-in-job")),
                      "/municipalities/{code}/interventions/", "/municipalities/{code}/coverage/panel/",
                      "/municipalities/{code}/similar/", "/municipalities/{code}/projection/",
                      "/municipalities/{code}/coverage/history/", "/municipalities/{code}/targets/"]
EDITOR_PAGES = MUNICIPALITY_PAGES[:6]


def start_redis(folder: Path) -> tuple[subprocess.Popen, Path]:
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is missing (apt-get install redis-server).")
    sock = folder / "redis.sock"
    process = subprocess.Popen([redis_server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly",
                                "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    import redis

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if sock.exists() and redis.Redis(unix_socket_path=str(sock)).ping():
                return process, sock
        except redis.RedisError:
            pass
        time.sleep(0.1)
    raise SystemExit("redis-server did not answer.")


def visit_everything() -> tuple[int, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from recruitment.models import Membership, Municipality

    User = get_user_model()
    municipalities = list(Municipality.objects.order_by("code"))
    chef, _ = User.objects.get_or_create(username="bench-chef")
    Membership.objects.get_or_create(user=chef, municipality=municipalities[0], role=Membership.Role.VIEWER)
    reader = Client()
    reader.force_login(chef)
    paths = ["/", "/compare/", "/compare/?sammenlign=alle", "/projection/",
             *(f"/regions/{code}/projection/" for code in (1081, 1082, 1083, 1084, 1085)),
             *(page.format(code=m.code) for m in municipalities for page in MUNICIPALITY_PAGES)]
    started = time.perf_counter()
    for path in paths:
        status = reader.get(path).status_code
        assert status == 200, (path, status)
    for municipality in municipalities:
        editor, _ = User.objects.get_or_create(username=f"bench-editor-{municipality.code}")
        Membership.objects.get_or_create(user=editor, municipality=municipality, role=Membership.Role.EDITOR)
        browser = Client()
        browser.force_login(editor)
        for page in EDITOR_PAGES:
            path = page.format(code=municipality.code)
            assert browser.get(path).status_code == 200, path
    return len(paths) + len(municipalities) * len(EDITOR_PAGES), time.perf_counter() - started


def memory(sock: Path) -> dict[str, int]:
    import redis

    client = redis.Redis(unix_socket_path=str(sock))
    info = client.info("memory")
    return {"used_memory": info["used_memory"], "dataset": info["used_memory_dataset"], "keys": client.dbsize(),
            "peak": info["used_memory_peak"]}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.load.run import Postgres

    folder = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    folder.chmod(0o755)
    postgres = Postgres(folder / "pg")
    redis_process = None
    try:
        database_url = postgres.start()
        redis_process, sock = start_redis(folder)
        os.environ.update({
            "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret", "HTTPS": "0",
            "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "testserver", "DJANGO_SETTINGS_MODULE": "recruitment.settings",
            "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache", "CACHE_LOCATION": f"unix://{sock}?db=0",
            "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "PYTHONWARNINGS": "ignore:No directory at:UserWarning"})
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command

        from interventions.models import Intervention
        from tests.bench.bench_scale import multiply

        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        call_command("seed_demo", "--force", verbosity=0)
        done = 1
        print(f"{'scale':>6} {'interventions':>14} {'pages':>6} {'seconds':>8} {'keys':>6} {'used_memory':>12} "
              f"{'dataset':>10}")
        for scale in SCALES:
            if scale != done:
                multiply(scale // done)
                done = scale
            cache.clear()
            pages, seconds = visit_everything()
            used = memory(sock)
            print(f"{'×' + str(scale):>6} {Intervention.objects.count():>14} {pages:>6} {seconds:>8.0f} "
                  f"{used['keys']:>6} {used['used_memory'] / 2**20:>9.1f} MB {used['dataset'] / 2**20:>7.1f} MB",
                  flush=True)
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(timeout=10)
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
