"""Benchmark: the pages over HTTP at demo size and with 100× the interventions; `make bench` runs it.

For SQLite and, when the PostgreSQL server binaries are installed, a throwaway PostgreSQL server, each in a
process of its own (Django is configured once per process):

1. builds the demo data (`seed_demo` and the three sample files imported) in a fresh database, starts gunicorn as
   production runs it (DEBUG off, collected static files, one worker, so requests are measured one by one);
2. logs in as the demo head of daycare and asks for /healthz and every dashboard page and the intervention
   list: warm-up requests, then BENCH_HTTP_REQUESTS (15) timed ones each; the median is the page's cost;
3. measures the bytes a browser receives on the first load of the dashboard (the page and every static file
   it names, brotli or gzip as a browser accepts) and on a repeat load (files with far-future caching are
   not asked for again; the page is asked for with the ETag of the first load, as a browser does);
4. multiplies the interventions by BENCH_SCALE (100; each copied with its target groups) and imports a
   300,000-row practicum-evaluations file, then asks for the pages again, on the same server.

It prints, per database, each page's median at both sizes, its ratio to /healthz measured in the same run
and its ratio to its own cost at demo size, against the aims (≤ 10× /healthz, ≤ 1.5× its demo-size cost),
and the first and repeat load against 600 KB and 15 KB. Nothing is asserted about time.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_pages import PAGES as DASHBOARD_PAGES  # noqa: E402
from tests.load.run import Postgres, free_port, wait_until_up  # noqa: E402

SCALE = int(os.environ.get("BENCH_SCALE", "100"))
REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "15"))
WARM_UP = 3
# bench_pages.py's pages (its list is the one home of the dashboard pages measured) and the HR pages.
PAGES = [*DASHBOARD_PAGES, ("intervention list", "/municipalities/165/interventions/"),
         ("coverage panel", "/municipalities/165/coverage/panel/")]
AIM_HEALTHZ = 10
AIM_GROWTH = 1.5
AIM_FIRST_KB = 600
AIM_REPEAT_KB = 15
ENV = {"DEBUG": "0", "HTTPS": "0", "STATIC_MANIFEST": "1", "SECRET_KEY": "bench-only-not-secret",
       "ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "recruitment.settings", "LOG_LEVEL": "ERROR"}


# --- In the child process: one database ------------------------------------------------------------

def setup_django(database_url: str) -> None:
    os.environ.update({**ENV, "DATABASE_URL": database_url})
    import django

    django.setup()


def run_import(kind: str, path: Path) -> None:
    from indicators.imports import jobs
    from indicators.models import DataImport

    content = path.read_bytes()
    record = jobs.create(kind, path.name, content, None, source=DataImport.Source.COMMAND, keep_file=False)
    jobs.run(record, content, lambda stage, percent: None, checked=jobs.check(record, content, lambda s, p: None))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems[:3]


def build_demo() -> int:
    """The demo as `make run` shows it with the three sample files imported, so every section is on the pages."""
    from django.core.management import call_command

    from indicators.reference.demo import seed_demo
    from indicators.reference.loader import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    created = seed_demo().interventions_created
    samples = ROOT / "fixtures" / "samples"
    for kind, name in [("practicum-evaluations", "practicum-evaluations.csv"), ("workforce", "workforce.xlsx"),
                       ("intervention-survey", "intervention-survey.csv")]:
        run_import(kind, samples / name)
    return created


def multiply(factor: int) -> int:
    """Each intervention `factor - 1` more times, with its target groups (bulk: signals bump nothing)."""
    from interventions.models import Intervention
    from recruitment import data_version

    through = Intervention.target_groups.through
    originals = list(Intervention.objects.order_by("pk"))
    groups: dict[int, list[int]] = {}
    for intervention_id, group_id in through.objects.values_list("intervention_id", "targetgroup_id"):
        groups.setdefault(intervention_id, []).append(group_id)
    for copy in range(1, factor):
        made = Intervention.objects.bulk_create([
            Intervention(municipality_id=o.municipality_id, intervention_type_id=o.intervention_type_id,
                         title=f"{o.title} ({copy + 1})", status=o.status, start_date=o.start_date,
                         end_date=o.end_date, participants_planned=o.participants_planned,
                         participants_actual=o.participants_actual, budget_dkk=o.budget_dkk, is_demo=o.is_demo)
            for o in originals], batch_size=5000)
        through.objects.bulk_create([through(intervention_id=new.pk, targetgroup_id=group_id)
                                     for new, old in zip(made, originals, strict=True)
                                     for group_id in groups.get(old.pk, [])], batch_size=10000)
    data_version.bump()
    vacuum()
    return Intervention.objects.count()


def import_practicum(folder: Path) -> int:
    from recruitment.models import Municipality
    from tests.bench.bench_import import ROWS, generate

    path = folder / "practicum-evaluations.csv"
    generate(path, list(Municipality.objects.values_list("code", flat=True)))
    run_import("practicum-evaluations", path)
    vacuum()
    return ROWS


def vacuum() -> None:
    """On PostgreSQL, what autovacuum does soon after a bulk load, done now, so it does not run mid-measurement."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def log_in(base: str):
    import requests

    session = requests.Session()
    session.get(base + "/accounts/login/", timeout=60)
    answer = session.post(base + "/accounts/login/", timeout=60, data={
        "username": "chef", "password": "demo1234", "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert 'name="password"' not in answer.text, "the demo head of daycare could not log in"
    return session


def medians(session, base: str) -> dict[str, float]:
    result = {}
    for name, path in PAGES:
        for _ in range(WARM_UP):
            assert session.get(base + path, timeout=120).status_code == 200, path
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = session.get(base + path, timeout=120)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
        result[name] = statistics.median(timings)
    return result


def _on_the_wire(session, url: str, headers: dict[str, str]) -> tuple[int, object]:
    """Bytes received: the body as sent (compressed) and the header lines."""
    response = session.get(url, headers=headers, stream=True, timeout=60)
    body = response.raw.read(decode_content=False)
    head = len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n") + sum(
        len(k) + len(v) + 4 for k, v in response.headers.items()) + 2
    return len(body) + head, response


def page_weight(session, base: str, path: str) -> tuple[int, int, list[str]]:
    """(first load, repeat load, what the repeat load asks for again) in bytes, as a browser accepting br: the
    repeat load asks for the page again with the tag it kept (If-None-Match) and gets a 304 when unchanged."""
    headers = {"Accept-Encoding": "br, gzip, deflate"}
    html_bytes, response = _on_the_wire(session, base + path, headers)
    html = session.get(base + path, timeout=60).text
    assets = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html)))
    kept = {**headers, "If-None-Match": response.headers.get("ETag", "")}
    revalidated, again_response = _on_the_wire(session, base + path, kept)
    first, repeat, again = html_bytes, revalidated, [f"{path} ({again_response.status_code})"]
    for asset in assets:
        size, asset_response = _on_the_wire(session, base + asset, headers)
        first += size
        cache = asset_response.headers.get("Cache-Control", "")
        if "immutable" not in cache and not re.search(r"max-age=(\d{6,})", cache):
            repeat += size
            again.append(asset)
    return first, repeat, again


def child(database_url: str) -> None:
    setup_django(database_url)
    from django.db import connections

    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    started = time.perf_counter()
    demo = build_demo()
    connections.close_all()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "recruitment.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **ENV, "DATABASE_URL": database_url})
    try:
        wait_until_up(base, server, timeout=120)
        session = log_in(base)
        small = medians(session, base)
        weight = page_weight(session, base, "/municipalities/165/")
        grown = multiply(SCALE)
        rows = import_practicum(folder)
        connections.close_all()
        large = medians(session, base)
        weight_large = page_weight(session, base, "/municipalities/165/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"demo": demo, "grown": grown, "rows": rows, "small": small, "large": large,
                      "weight": weight, "weight_large": weight_large,
                      "seconds": time.perf_counter() - started}))


# --- In the parent: every database, then the table ------------------------------------------------

def report(name: str, result: dict) -> None:
    small, large = result["small"], result["large"]
    print(f"\n{name}: demo data {result['demo']:,} interventions; ×{SCALE}: {result['grown']:,} interventions "
          f"and a {result['rows']:,}-row practicum import (built and measured in {result['seconds']:.0f} s; "
          f"gunicorn, 1 worker, DEBUG off; median of {REQUESTS} requests)")
    print(f"{'page':42} {'demo ms':>8} {'×healthz':>9} {f'×{SCALE} ms':>9} {'×healthz':>9} {'growth':>7}  aims")
    for page, _ in PAGES:
        ratio_small, ratio_large = small[page] / small["/healthz"], large[page] / large["/healthz"]
        growth = large[page] / small[page]
        aims = "" if page == "/healthz" else (
            f"{'ok' if ratio_large <= AIM_HEALTHZ else 'MISSED'} ≤{AIM_HEALTHZ}×, "
            f"{'ok' if growth <= AIM_GROWTH else 'MISSED'} ≤{AIM_GROWTH}×")
        print(f"{page:42} {small[page]:8.1f} {ratio_small:9.1f} {large[page]:9.1f} {ratio_large:9.1f} "
              f"{growth:7.2f}  {aims}")
    for label, (first, repeat, again) in [("demo", result["weight"]), (f"×{SCALE}", result["weight_large"])]:
        print(f"Dashboard over the wire ({label}): first load {first / 1000:.0f} KB "
              f"({'ok' if first <= AIM_FIRST_KB * 1000 else 'MISSED'} ≤{AIM_FIRST_KB} KB), repeat load "
              f"{repeat / 1000:.1f} KB ({'ok' if repeat <= AIM_REPEAT_KB * 1000 else 'MISSED'} ≤{AIM_REPEAT_KB} KB; "
              f"asks again for {', '.join(again)})")


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return 0
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env={**os.environ, **ENV, "DATABASE_URL": "sqlite:///:memory:"}, check=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-db-"))
    folder.chmod(0o755)
    databases = [("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}")]
    postgres = None
    if list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        postgres = Postgres(folder / "pg")
        databases.append(("PostgreSQL", postgres.start()))
    else:
        print("PostgreSQL server binaries not found: SQLite only.")
    try:
        for name, url in databases:
            print(f"{name}: building and measuring …", flush=True)
            done = subprocess.run([sys.executable, __file__, "--child", url], cwd=ROOT, check=True,
                                  stdout=subprocess.PIPE, text=True)
            report(name, json.loads(done.stdout.strip().splitlines()[-1]))
    finally:
        if postgres is not None:
            postgres.stop()
    print(f"\nAims (printed, not asserted): with ×{SCALE} interventions and the import loaded, every page "
          f"≤ {AIM_HEALTHZ}× /healthz and ≤ {AIM_GROWTH}× its own cost at demo size; first load of a dashboard "
          f"≤ {AIM_FIRST_KB} KB, repeat load ≤ {AIM_REPEAT_KB} KB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
