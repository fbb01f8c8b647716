"""The demo data the benchmarks and the load test measure (not a benchmark itself: `make bench` runs only
bench_*.py): the demo as `make run` shows it with the three sample files imported, its interventions multiplied,
and a large generated practicum import."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
