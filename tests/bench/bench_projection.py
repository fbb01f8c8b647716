"""Benchmark of the workforce projection (run by `make bench`; not a pytest module).

Builds a fresh database like bench_pages.py (a temporary SQLite file, or the empty database named by
BENCH_DATABASE_URL), imports the sample workforce statistics and population projection for all 98
municipalities (three variants, 2025–2035), and requests the projection pages: the national page (the
projection of all 98 municipalities), a region, a municipality, a lever change as htmx sends it (the
results fragment) and the CSV. Prints median and 95th percentile server time, the ratio to /healthz
measured in the same run and the SQL queries per page. Targets (printed, never asserted): under 100 ms median
(the issue's aim), and bench_pages.py's 10× /healthz.
"""

from __future__ import annotations

from bench_pages import measure, run

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

    from indicators.models import PopulationProjection
    from indicators.reference.demo_imports import seed_demo_imports
    from indicators.reference.loader import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    seed_demo_imports()
    return PopulationProjection.objects.count()


def measure_pages(browser) -> list[tuple[str, float, float, int]]:
    from django.test import Client

    htmx = Client(headers={"HX-Request": "true"})
    htmx.cookies = browser.cookies  # the same logged-in session
    return [(name, *measure(htmx if fragment else browser, url)) for name, url, fragment in PAGES]


def main() -> None:
    run(build_dataset, "workforce statistics and {count} projection rows for 98 municipalities", measure_pages)


if __name__ == "__main__":
    main()
