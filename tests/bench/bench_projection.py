"""Benchmark of the workforce projection (run by `make bench`; not a pytest module).

Builds a fresh database like bench_pages.py (a temporary SQLite file, or the empty database named by
BENCH_DATABASE_URL), imports the sample workforce statistics and population projection for all 98
municipalities (three variants, 2025–2035), and requests the projection pages: the national page (the
projection of all 98 municipalities), a region, a municipality, a lever change as htmx sends it (the
results fragment) and the CSV. Prints median and 95th percentile server time, the ratio to /healthz
measured in the same run and the SQL queries per page. Target (printed, never asserted): under 100 ms median.
"""

from __future__ import annotations

import time

from bench_pages import REQUESTS, TARGET_MEDIAN_MS, TARGET_RATIO, client, configure, measure

LEVERS = "nyuddannede=5&faerre_fratraedelser=20&studerende=15&fuldtid=30&maal_paedagogandel=60"
PAGES = [
    ("/healthz", "/healthz", False),
    ("/projection/ (all 98 municipalities)", "/projection/", False),
    ("/regions/<code>/projection/ (KKR)", "/regions/1084/projection/", False),
    ("/municipalities/<code>/projection/", "/municipalities/165/projection/", False),
    ("a lever change (htmx fragment)", f"/municipalities/165/projection/?{LEVERS}", True),
    ("projection.csv with levers", f"/municipalities/165/projection.csv?{LEVERS}", False),
    ("/municipalities/<code>/ (with the panel)", "/municipalities/165/", False),
]


def build_dataset() -> int:
    from django.core.management import call_command

    from indicators.demo_imports import seed_demo_imports
    from indicators.models import PopulationProjection
    from indicators.reference_data import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    seed_demo_imports()
    return PopulationProjection.objects.count()


def main() -> None:
    folder = configure()
    try:
        from django.db import connection
        from django.test import Client

        started = time.perf_counter()
        count = build_dataset()
        print(f"Dataset: workforce statistics and {count} projection rows for 98 municipalities "
              f"({connection.vendor}), built in {time.perf_counter() - started:.1f} s; {REQUESTS} requests per page.")
        browser = client()
        htmx = Client(headers={"HX-Request": "true"})
        htmx.cookies = browser.cookies  # the same logged-in session
        results = [(name, *measure(htmx if fragment else browser, url)) for name, url, fragment in PAGES]
        healthz = results[0][1]
        print(f"{'page':42} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10} {'queries':>8}  "
              f"{f'<{TARGET_MEDIAN_MS} ms':>8}")
        for name, median, p95, queries in results:
            fast = "ok" if median < TARGET_MEDIAN_MS else "missed"
            print(f"{name:42} {median:10.1f} {p95:8.1f} {median / healthz:10.1f} {queries:8d}  {fast:>8}")
        print(f"Target: median under {TARGET_MEDIAN_MS} ms (printed, not asserted); the pages' own target of "
              f"{TARGET_RATIO}× /healthz is bench_pages.py's.")
    finally:
        from django.db import connections

        connections.close_all()
        if folder is not None:
            folder.cleanup()


if __name__ == "__main__":
    main()
