"""Imported data as the section tests start from: Albertslund's workforce statistics of 2024 and 2025."""

from indicators.models import DataImport, WorkforceStat
from recruitment.models import Municipality


def albertslund_workforce() -> WorkforceStat:
    """Albertslund's workforce statistics of 2024 and 2025 (one import); returns the 2025 row."""
    record = DataImport.objects.create(kind="workforce", file_name="personale.xlsx", sha256="1" * 64, size_bytes=1,
                                       status=DataImport.Status.SUCCEEDED)
    albertslund = Municipality.objects.get(code=165)
    WorkforceStat.objects.create(year=2024, municipality=albertslund, data_import=record, paedagoger=190,
                                 paedagogiske_assistenter=40, paedagogmedhjaelpere=150, paedagoger_over_55=30)
    return WorkforceStat.objects.create(
        year=2025, municipality=albertslund, data_import=record, paedagoger=200, paedagogiske_assistenter=40,
        paedagogmedhjaelpere=160, medhjaelpere_under_25=60, paedagoger_over_55=36, paedagoger_under_37_timer=90,
        nyuddannede_ansat=14, fratraadte=24, studerende_i_praktik=18, boern_0_2=900, boern_3_5=1000)
