import csv
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.models import Benchmark, KeyFact, ProjectionAssumption
from indicators.reference.loader import REFERENCE_DIR, load_reference_data
from interventions.models import InspirationCase, InterventionType
from recruitment.models import Municipality, Pathway, Region, TargetGroup

# The first extraction of the reference data from the seed documents, as it was handed over.
SHARED_DATA = Path(__file__).resolve().parent / "data" / "first-extraction"

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
                         "InterventionType": 43, "Benchmark": 43, "KeyFact": 27, "InspirationCase": 8,
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
    assert stored["merit-offer"] == (Decimal(80), "provisional")  # corrected: tests/test_corrections.py
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


def _shared(name: str) -> list[dict[str, str]]:
    with open(SHARED_DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_ships_the_shared_municipalities_unchanged():
    assert _csv("municipalities.csv") == _shared("municipalities.csv")


# fixtures/reference/ is the project's truth: it corrects the first extraction against the seed
# documents (the reasons are in the commit messages and in tests/test_corrections.py). Every other share and
# key figure is still the first extraction's.
SHARE_CORRECTIONS = {"merit-offer": "80", "development-plans-assistants": "41"}


def test_it_keeps_the_shared_shares_and_figures_but_the_listed_corrections():
    ours = {row["slug"]: row for row in _csv("eva_catalog.csv")}
    for row in _shared("eva_catalog.csv"):
        assert ours[row["slug"]]["eva_share_pct"] == SHARE_CORRECTIONS.get(row["slug"], row["eva_share_pct"])
        assert ours[row["slug"]]["label_da"] == row["label_da"]
    assert set(ours) - {row["slug"] for row in _shared("eva_catalog.csv")} == {"collective-competence-development"}
    facts = {row["slug"]: row for row in _csv("key_facts.csv")}
    assert {row["slug"]: row["value"] for row in _shared("key_facts.csv")} == {
        slug: row["value"] for slug, row in facts.items()}


def test_it_shows_users_danish_notes_and_sources_as_records():
    note = Benchmark.objects.get(intervention_type__slug="merit-outreach").note
    assert note.startswith("Hæftet viser de seks tal for denne målgruppe")
    assert note.endswith("45 %, 24 %, 57 %, 41 %, 80 %.")
    fact = KeyFact.objects.select_related("source_record").get(slug="admissions-2023")
    assert fact.source_record.name == ("Inspirationshæfte til kommunerne fra undersøgelsen Flere pædagoger til "
                                       "daginstitutioner")
    assert (fact.source_record.publisher, fact.source_record.year, fact.year) == (
        "Danmarks Evalueringsinstitut (EVA)", 2024, 2023)


def test_it_keeps_the_admins_projection_assumption_when_loading_again():
    ProjectionAssumption.objects.filter(slug="part-time-fraction").update(value=Decimal("0.9"))
    load_reference_data()
    assert ProjectionAssumption.objects.get(slug="part-time-fraction").value == Decimal("0.9")
