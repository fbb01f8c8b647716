"""Demo workforce statistics and population projections for every municipality: the sample files, imported
the way an admin would (so the projection pages have data in `make run`), and removed again with the demo.

The sample files are synthetic (fixtures/samples/, see README.md). Their imports are named "demo: <file>",
so `seed_demo --clear` removes exactly the rows they wrote and leaves later real imports alone.
"""

from __future__ import annotations

from django.conf import settings

from indicators.imports import jobs
from indicators.models import DataImport, GroupMembership, PopulationProjection, WorkforceStat

DEMO_PREFIX = "demo: "
DEMO_FILES = (
    (DataImport.Kind.WORKFORCE, "workforce.xlsx"),
    (DataImport.Kind.POPULATION_PROJECTION, "population-projection.csv"),
    # Not synthetic: Danmark Statistik's municipality groups (see fixtures/samples in README.md).
    (DataImport.Kind.MUNICIPALITY_GROUPS, "municipality-groups-dst.csv"),
)


def seed_demo_imports() -> int:
    """Imports the demo files not imported yet; the number imported."""
    imported = 0
    for kind, name in DEMO_FILES:
        file_name = DEMO_PREFIX + name
        if DataImport.objects.filter(kind=kind, file_name=file_name, status=DataImport.Status.SUCCEEDED).exists():
            continue
        content = (settings.BASE_DIR / "fixtures" / "samples" / name).read_bytes()
        record = jobs.create(kind, file_name, content, user=None, source=DataImport.Source.COMMAND, keep_file=False)
        analysis = jobs.check(record, content, progress=lambda stage, percent: None)
        if analysis.ok:
            jobs.run(record, content, progress=lambda stage, percent: None, checked=analysis)
            imported += 1
    return imported


def clear_demo_imports() -> int:
    """Removes the rows the demo imports wrote (not those a later import replaced) and the import records."""
    demo = DataImport.objects.filter(file_name__startswith=DEMO_PREFIX, source=DataImport.Source.COMMAND)
    deleted = 0
    for model in (WorkforceStat, PopulationProjection, GroupMembership):
        count, _ = model.objects.filter(data_import__in=demo).delete()
        deleted += count
    for record in demo:
        if not (record.workforce_stats.exists() or record.population_projections.exists()
                or record.group_memberships.exists()):
            record.delete()
    return deleted
