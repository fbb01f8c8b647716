"""seed_demo gives every municipality workforce statistics and a projection; --clear takes them away again."""

import pytest

from indicators.models import DataImport, PopulationProjection, WorkforceStat
from indicators.reference.demo import clear_demo, seed_demo
from indicators.reference.demo_imports import seed_demo_imports
from tests.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_it_gives_every_municipality_a_projection_and_statistics(reference_data):
    seed_demo()
    assert WorkforceStat.objects.values("municipality").distinct().count() == 98
    assert PopulationProjection.objects.filter(variant="central").values("municipality").distinct().count() == 98
    assert seed_demo_imports() == 0  # already there: nothing imported twice
    assert DataImport.objects.filter(file_name__startswith="demo: ").count() == 3  # + the municipality groups


def test_it_clears_the_demo_rows_but_keeps_a_real_import(reference_data, import_file):
    seed_demo()
    record = import_file("population-projection", csv_bytes([["år", "kommunekode", "børn 0-2", "børn 3-5",
                                                              "fremskrivning"], ["2030", "165", "1", "2", "Egen"]]))
    assert record.status == DataImport.Status.SUCCEEDED
    clear_demo()
    assert not WorkforceStat.objects.exists()
    assert list(PopulationProjection.objects.values_list("vintage", flat=True)) == ["Egen"]
    assert not DataImport.objects.filter(file_name__startswith="demo: ").exists()
