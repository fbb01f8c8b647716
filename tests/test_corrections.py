"""Corrections of the reference data against the seed documents, one test each.

The seed is EVA's booklet (tests/data/seeds/000_*.txt) unless said otherwise; the commit messages give the reasons.
"""

from decimal import Decimal

import pytest

from indicators.coverage import load_catalogue, municipality_coverage
from indicators.models import Benchmark
from interventions.models import InspirationCase, InterventionType
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db

ASSISTANT_TYPES = ["curiosity-courses", "intro-programme-education", "merit-job-guarantee", "merit-offer",
                   "merit-outreach", "development-plans-assistants"]


def _benchmark(slug: str) -> Benchmark:
    return Benchmark.objects.get(intervention_type__slug=slug)


def test_it_puts_the_80_percent_on_the_plain_merit_offer_and_marks_all_six_provisional():
    # "de fleste kommuner allerede arbejder med at motivere erfarne medarbejdere" and the booklet recommends
    # *adding* outreach, job guarantee, development plans and courses: 80 % is the plain merit offer.
    shares = {slug: _benchmark(slug) for slug in ASSISTANT_TYPES}
    assert {slug: int(b.share_pct) for slug, b in shares.items()} == {
        "curiosity-courses": 45, "intro-programme-education": 24, "merit-job-guarantee": 57, "merit-offer": 80,
        "merit-outreach": 48, "development-plans-assistants": 41}
    assert all(b.confidence == "provisional" for b in shares.values())
    # Each says what else it could be, in plain Danish.
    assert shares["development-plans-assistants"].note.endswith("45 %, 24 %, 57 %, 48 %, 80 %.")
    # The mean of the pathway is unchanged (a re-assignment): 366 / 9 = 40.67.
    coverage = municipality_coverage(Municipality.objects.get(code=165), catalogue=load_catalogue())
    assert round(coverage.pathway("into-education").expected_pct, 2) == Decimal("40.67")


def test_it_maps_aalborgs_nest_to_collective_competence_development():
    case = InspirationCase.objects.get(municipality__code=851)
    assert [t.slug for t in case.intervention_types.all()] == ["collective-competence-development"]
    collective = InterventionType.objects.get(slug="collective-competence-development")
    assert collective.target_group.slug == "experienced" and collective.theme == "competence-development"
    assert _benchmark("collective-competence-development").share_pct is None  # no EVA share
    assert "hele institutionen" in collective.label


def test_it_lets_a_case_belong_to_several_municipalities():
    via = InspirationCase.objects.get(title__startswith="Stå stærkere som pædagogmedhjælper")
    assert [m.name for m in via.municipalities()] == ["Silkeborg", "Ikast-Brande", "Viborg"]
    assert via.municipality_names() == "Silkeborg, Ikast-Brande og Viborg"
    assert via.runs_in(Municipality.objects.get(code=791))


def test_it_gives_cases_a_status_albertslunds_onboarding_being_established():
    albertslund = InspirationCase.objects.get(municipality__code=165)
    assert albertslund.status == "planned"
    assert sorted(t.slug for t in albertslund.intervention_types.all()) == ["graduate-onboarding", "mentor-scheme"]
    assert set(InspirationCase.objects.exclude(pk=albertslund.pk).values_list("status", flat=True)) == {"running"}


def test_it_does_not_offer_a_municipality_a_case_it_runs_itself(chef_client):
    from indicators.dashboards.common import cases_by_type, others

    cases = cases_by_type()[InterventionType.objects.get(slug="assistant-intro-courses").pk]
    assert others(cases, Municipality.objects.get(code=756)) == []  # Ikast-Brande runs VIA's course
    assert others(cases, Municipality.objects.get(code=165)) == cases


def test_it_cites_the_booklet_not_the_note_for_figures_the_booklet_gives_uncited():
    from indicators.models import KeyFact

    # The students' four shares follow "(EVA, 2024c)" but are not themselves cited: their source is the booklet.
    for slug in ["students-not-informed", "students-outdated-supervisors", "students-no-role-model",
                 "students-boundary-crossing"]:
        assert KeyFact.objects.get(slug=slug).source_record.slug == "eva-booklet"
    assert KeyFact.objects.get(slug="students-less-motivated").source_record.slug == "eva-target-group-note"
