import csv
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.models import Benchmark, KeyFact, ProjectionAssumption
from indicators.reference.loader import REFERENCE_DIR, load_reference_data
from interventions.models import InspirationCase, InterventionType
from recruitment.models import Municipality, Pathway, Region, TargetGroup

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

pytestmark = pytest.mark.django_db


def _csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in [Region, Municipality, Pathway, TargetGroup, InterventionType, Benchmark, KeyFact,
                          InspirationCase, ProjectionAssumption]}


def test_it_loads_the_expected_counts():
    assert _counts() == {"Region": 5, "Municipality": 98, "Pathway": 3, "TargetGroup": 7,
                         "InterventionType": 42, "Benchmark": 42, "KeyFact": 27, "InspirationCase": 8,
                         "ProjectionAssumption": 9}


def test_it_loads_twice_without_duplicates():
    before = _counts()
    load_reference_data()
    load_reference_data()
    assert _counts() == before


def test_it_matches_the_municipality_file():
    rows = _csv("municipalities.csv")
    stored = {m.code: (m.name, m.region.code) for m in Municipality.objects.select_related("region")}
    assert stored == {int(r["code"]): (r["name"], int(r["region_code"])) for r in rows}
    assert Municipality.objects.get(code=165).name == "Albertslund"
    assert Region.objects.get(name="Region Hovedstaden").municipalities.count() == 29


def test_it_stores_every_eva_share_with_its_confidence():
    rows = _csv("eva_catalog.csv")
    stored = {b.intervention_type.slug: (b.share_pct, b.confidence)
              for b in Benchmark.objects.select_related("intervention_type")}
    expected = {r["slug"]: (Decimal(r["eva_share_pct"]) if r["eva_share_pct"] else None, r["confidence"])
                for r in rows}
    assert stored == expected
    # Spot checks against the source booklet as resolved in the data file.
    assert stored["supervisor-training"] == (Decimal(78), "high")
    assert stored["curiosity-courses"] == (Decimal(45), "provisional")
    assert stored["pau-training-agreements"] == (None, "none")


def test_it_places_each_type_under_its_pathway_and_target_group():
    rows = _csv("eva_catalog.csv")
    stored = {t.slug: (t.target_group.pathway.slug, t.target_group.slug, t.theme)
              for t in InterventionType.objects.select_related("target_group__pathway")}
    assert stored == {r["slug"]: (r["pathway"], r["target_group"], r["theme"]) for r in rows}


def test_it_links_cases_to_their_municipality_and_types():
    case = InspirationCase.objects.get(municipality__code=147)
    assert sorted(case.intervention_types.values_list("slug", flat=True)) == [
        "student-onboarding", "supervisor-network", "supervisor-training"]
    assert all(c.description for c in InspirationCase.objects.all())


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data is not beside this clone")
@pytest.mark.parametrize("name", ["municipalities.csv", "eva_catalog.csv", "key_facts.csv", "cases.csv"])
def test_it_ships_the_shared_data_plus_danish_texts(name):
    with open(SHARED_DATA / name, encoding="utf-8", newline="") as handle:
        shared = list(csv.DictReader(handle))
    # Our copy only adds columns ending in _da (Danish notes, sources and case descriptions).
    ours = [{k: v for k, v in row.items() if not k.endswith("_da") or k in shared[0]} for row in _csv(name)]
    assert ours == shared


def test_it_shows_users_danish_notes_and_sources():
    assert Benchmark.objects.get(intervention_type__slug="merit-outreach").note == "mulige værdier 48/41"
    fact = KeyFact.objects.get(slug="admissions-2023")
    assert (fact.source, fact.note) == ("EVA: inspirationshæfte", "bekræftet i pressen")


def test_it_keeps_the_admins_projection_assumption_when_loading_again():
    ProjectionAssumption.objects.filter(slug="part-time-fraction").update(value=Decimal("0.9"))
    load_reference_data()
    assert ProjectionAssumption.objects.get(slug="part-time-fraction").value == Decimal("0.9")
