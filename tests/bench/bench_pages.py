"""Benchmark of the dashboard pages on a national dataset (run by `make bench`; not a pytest module).

Builds a fresh database (a temporary SQLite file, or the empty database named by BENCH_DATABASE_URL,
e.g. a throwaway PostgreSQL), loads the reference data and a national dataset – 98 municipalities
with about 40 interventions each, started over five years – and requests every dashboard page at
least 30 times in-process through Django's test client with a logged-in head of daycare. It prints
the median and 95th percentile server time per page, the ratio of each to /healthz measured in the
same run, and the number of SQL queries per page. Targets (printed, never asserted): under 10× /healthz
and under 100 ms median.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
WARM_UP = 5
INTERVENTIONS_PER_MUNICIPALITY = 40
YEARS = range(2021, 2026)
PAGES = [
    ("/healthz", "/healthz"),
    ("/", "/"),
    ("/municipalities/<code>/", "/municipalities/165/"),
    ("/municipalities/<code>/?planned=1", "/municipalities/165/?planned=1"),
    ("pathway page", "/municipalities/165/pathways/through-internship/"),
    ("/compare/ (region)", "/compare/"),
    ("/compare/?sammenlign=alle", "/compare/?sammenlign=alle"),
    ("coverage.csv", "/municipalities/165/coverage.csv"),
]
TARGET_RATIO = 10
TARGET_MEDIAN_MS = 100


def configure() -> tempfile.TemporaryDirectory | None:
    sys.path.insert(0, str(ROOT))
    folder = None
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        folder = tempfile.TemporaryDirectory(prefix="bench-pages-")
        url = f"sqlite:///{folder.name}/bench.sqlite3"
    os.environ.update({
        "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret", "HTTPS": "0",
        "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "testserver", "DJANGO_SETTINGS_MODULE": "recruitment.settings",
    })
    import django

    # Static files come from the finders here; whitenoise's note about the missing STATIC_ROOT is noise.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    return folder


def build_dataset() -> int:
    from django.core.management import call_command

    from indicators.reference.loader import load_reference_data
    from interventions.models import Intervention, InterventionType
    from recruitment.models import Municipality, TargetGroup

    call_command("migrate", verbosity=0)
    load_reference_data()
    rng = random.Random(3)
    types = list(InterventionType.objects.all())
    groups = list(TargetGroup.objects.all())
    statuses = [Intervention.Status.RUNNING] * 6 + [Intervention.Status.PLANNED] * 2 + [Intervention.Status.ENDED] * 2
    built: list[tuple[Intervention, list[int]]] = []
    for municipality in Municipality.objects.all():
        for number in range(INTERVENTIONS_PER_MUNICIPALITY):
            intervention_type = rng.choice(types) if rng.random() < 0.85 else None
            start = date(rng.choice(YEARS), 1, 1) + timedelta(days=rng.randrange(365))
            status = rng.choice(statuses)
            item = Intervention(municipality=municipality, title=f"Indsats {number + 1}", status=status,
                                intervention_type=intervention_type, start_date=start,
                                end_date=start + timedelta(days=400) if status == Intervention.Status.ENDED else None,
                                participants_planned=rng.randrange(5, 60), budget_dkk=rng.randrange(10, 500) * 1000)
            target_groups = [intervention_type.target_group_id] if intervention_type else [
                g.pk for g in rng.sample(groups, rng.randrange(1, 3))]
            built.append((item, target_groups))
    created = Intervention.objects.bulk_create([item for item, _ in built], batch_size=500)
    through = Intervention.target_groups.through
    through.objects.bulk_create([through(intervention_id=item.pk, targetgroup_id=group_id)
                                 for item, (_, target_groups) in zip(created, built, strict=True)
                                 for group_id in target_groups], batch_size=1000)
    return len(created)


def client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from recruitment.models import Membership, Municipality

    user = get_user_model().objects.create_user("bench-chef", password="bench-password-1234")
    Membership.objects.create(user=user, municipality=Municipality.objects.get(code=165),
                              role=Membership.Role.VIEWER)
    browser = Client()
    browser.force_login(user)
    return browser


def measure(browser, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        assert browser.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        browser.get(url)
    query_count = len(queries.captured_queries)  # now: later requests reset the connection's query log
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = browser.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, query_count


def print_results(results: list[tuple[str, float, float, int]]) -> None:
    """One line per page: median, 95th percentile, ratio to /healthz (the first result) and queries."""
    healthz = results[0][1]
    print(f"{'page':42} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10} {'queries':>8}  "
          f"{f'<{TARGET_MEDIAN_MS} ms':>8} {f'<{TARGET_RATIO}×':>8}")
    for name, median, p95, queries in results:
        ratio = median / healthz
        fast = "ok" if median < TARGET_MEDIAN_MS else "missed"
        near = "ok" if ratio < TARGET_RATIO else "missed"
        print(f"{name:42} {median:10.1f} {p95:8.1f} {ratio:10.1f} {queries:8d}  {fast:>8} {near:>8}")
    print(f"Targets: median under {TARGET_RATIO}× /healthz and under {TARGET_MEDIAN_MS} ms "
          "(printed, not asserted).")


def close(folder: tempfile.TemporaryDirectory | None) -> None:
    from django.db import connections

    connections.close_all()
    if folder is not None:
        folder.cleanup()


def run[R](build: Callable[[], int], dataset: str, results: Callable[[object], R],
           show: Callable[[R], None] = print_results, counts: str = f"{REQUESTS} requests per page") -> None:
    """A benchmark from start to end: a fresh database, its dataset (`dataset` says what it is, with `{count}`
    for what `build` returns), the measurements `results` takes with a logged-in client, printed by `show`
    (`counts` says how many requests each is made of)."""
    folder = configure()
    try:
        from django.db import connection

        started = time.perf_counter()
        count = build()
        print(f"Dataset: {dataset.format(count=count)} ({connection.vendor}), built in "
              f"{time.perf_counter() - started:.1f} s; {counts}.")
        show(results(client()))
    finally:
        close(folder)


def main() -> None:
    run(build_dataset, f"98 municipalities, {{count}} interventions over {YEARS.start}–{YEARS.stop - 1}",
        lambda browser: [(name, *measure(browser, url)) for name, url in PAGES])


if __name__ == "__main__":
    main()
