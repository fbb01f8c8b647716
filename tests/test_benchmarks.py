"""Which benchmark speaks for a catalogue type: one rule (InterventionType.current_benchmark), read alike by the
dashboards' catalogue, the HR form's type picker and the demo data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.coverage import load_catalogue
from indicators.models import Benchmark, BenchmarkSource
from interventions.catalogue import type_options
from interventions.models import InterventionType

pytestmark = pytest.mark.django_db


def _add_source(name: str, year: int, share: str) -> Benchmark:
    intervention_type = InterventionType.objects.get(slug="supervisor-training")
    source = BenchmarkSource.objects.create(name=name, publisher="Testkilde", year=year)
    return Benchmark.objects.create(source=source, intervention_type=intervention_type, share_pct=Decimal(share),
                                    confidence=Benchmark.Confidence.HIGH)


def _shares() -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    intervention_type = InterventionType.objects.prefetch_related("benchmarks__source").get(slug="supervisor-training")
    entry = next(e for e in load_catalogue().all_entries() if e.intervention_type.slug == "supervisor-training")
    option = next(o for o in type_options() if o.type.slug == "supervisor-training")
    return intervention_type.current_benchmark().share_pct, entry.share, option.share_pct


def test_it_lets_the_newest_source_speak_everywhere():
    _add_source("Opfølgning 2026", 2026, "81.0")
    assert _shares() == (Decimal("81.0"), Decimal("81.0"), Decimal("81.0"))


def test_it_lets_the_source_added_last_speak_when_two_sources_have_the_same_year():
    eva_year = Benchmark.objects.select_related("source").get(intervention_type__slug="supervisor-training").source.year
    _add_source("Anden kortlægning samme år", eva_year, "12.5")
    # Before there was one rule, the picker took the first of the year and the dashboards the last.
    assert _shares() == (Decimal("12.5"), Decimal("12.5"), Decimal("12.5"))


def test_it_has_no_benchmark_for_a_type_no_source_rates():
    Benchmark.objects.filter(intervention_type__slug="supervisor-training").delete()
    intervention_type = InterventionType.objects.get(slug="supervisor-training")
    assert intervention_type.current_benchmark() is None
