"""The workforce statistics and population projections the projection's page tests import: Albertslund's base
year 2025 and children 2025–2027 unless a test says otherwise (worked out by hand in test_projection_pages.py)."""

from __future__ import annotations

from indicators.models import DataImport, PopulationProjection, WorkforceStat
from recruitment.models import Municipality
from tests.people import ALBERTSLUND


def workforce_import() -> DataImport:
    """A succeeded workforce import the rows belong to."""
    return DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx", sha256="0" * 64,
                                     size_bytes=10, status=DataImport.Status.SUCCEEDED)


def add_stat(record: DataImport, code: int = ALBERTSLUND, year: int = 2025, **figures: int) -> WorkforceStat:
    values = {"paedagoger": 100, "paedagoger_over_55": 20, "paedagoger_under_37_timer": 60, "fratraadte": 12,
              "nyuddannede_ansat": 5, "nyansatte": 5, "paedagogiske_assistenter": 60, "paedagogmedhjaelpere": 40,
              **figures}
    return WorkforceStat.objects.create(year=year, municipality=Municipality.objects.get(code=code),
                                        data_import=record, **values)


def add_projection(record: DataImport, code: int = ALBERTSLUND, vintage: str = "DST 2025", variant: str = "central",
                   children: dict | None = None) -> None:
    children = children or {2025: (30, 60), 2026: (33, 60), 2027: (36, 66)}
    municipality = Municipality.objects.get(code=code)
    PopulationProjection.objects.bulk_create([
        PopulationProjection(vintage=vintage, variant=variant, year=year, municipality=municipality,
                             children_0_2=young, children_3_5=older, data_import=record)
        for year, (young, older) in children.items()])
