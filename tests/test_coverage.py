"""The central computation against hand-computed cases (EVA shares from fixtures/reference/eva_catalog.csv).

Benchmarked types and the mean of their shares, by pathway:
- into-education: 45, 24, 57, 41, 48, 80, 24, 12, 35 -> 9 types, 366 / 9 = 40.67
- through-internship: 78, 66, 44, 39, 28, 27 -> 6 types, 282 / 6 = 47.0
- stay-in-job: 18 types summing to 864 -> 48.0
"""

from decimal import Decimal

import pytest

from indicators.coverage import load_catalogue, municipality_coverage, set_coverage, with_region_averages
from indicators.numbers import round1
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, TargetGroup

pytestmark = pytest.mark.django_db

RUNNING, PLANNED, ENDED = Intervention.Status.RUNNING, Intervention.Status.PLANNED, Intervention.Status.ENDED
INTERNSHIP_TYPES = ["supervisor-training", "student-onboarding", "placement-evaluation", "supervisor-network",
                    "placement-rotation", "student-forum"]


def add(code: int, status: str, type_slug: str | None = None, groups: list[str] = ()) -> Intervention:
    intervention_type = InterventionType.objects.get(slug=type_slug) if type_slug else None
    intervention = Intervention.objects.create(municipality=Municipality.objects.get(code=code),
                                               title=type_slug or "Lokal indsats", status=status,
                                               intervention_type=intervention_type)
    intervention.target_groups.set(TargetGroup.objects.filter(slug__in=groups or [intervention_type.target_group.slug]))
    return intervention


@pytest.fixture
def albertslund_mix():
    add(165, RUNNING, "supervisor-training")
    add(165, RUNNING, "student-onboarding")
    add(165, PLANNED, "supervisor-network")
    add(165, ENDED, "placement-rotation")
    add(165, RUNNING, None, ["seniors"])
    add(165, RUNNING, "pau-training-agreements")  # no EVA share: reach only


def coverage_of(code: int, include_planned: bool = False):
    return municipality_coverage(Municipality.objects.get(code=code), include_planned)


def test_it_computes_coverage_expected_and_difference_for_running_interventions(albertslund_mix):
    internship = coverage_of(165).pathway("through-internship")
    assert (internship.active_types, internship.catalogue_types) == (2, 6)
    assert round1(internship.coverage_pct) == Decimal("33.3")
    assert internship.expected_pct == Decimal(47)
    assert round1(internship.difference_pts) == Decimal("-13.7")
    assert internship.interventions == 2


def test_it_counts_planned_interventions_only_when_asked(albertslund_mix):
    internship = coverage_of(165, include_planned=True).pathway("through-internship")
    assert (internship.active_types, round1(internship.coverage_pct)) == (3, Decimal("50.0"))
    assert internship.interventions == 3


def test_it_never_counts_ended_interventions(albertslund_mix):
    internship = coverage_of(165, include_planned=True).pathway("through-internship")
    rotation = next(s for s in internship.types if s.intervention_type.slug == "placement-rotation")
    assert not rotation.active


def test_it_orders_the_gaps_by_eva_share(albertslund_mix):
    gaps = coverage_of(165).pathway("through-internship").gaps
    assert [g.intervention_type.slug for g in gaps] == [
        "placement-evaluation", "supervisor-network", "placement-rotation", "student-forum"]
    assert [g.share for g in gaps] == [Decimal(44), Decimal(39), Decimal(28), Decimal(27)]


def test_it_puts_types_without_a_share_last_among_the_gaps(albertslund_mix):
    gaps = coverage_of(165).pathway("into-education").gaps
    assert [g.share for g in gaps][:3] == [Decimal(80), Decimal(57), Decimal(48)]
    assert all(g.share is None for g in gaps[-5:])
    assert "pau-training-agreements" not in [g.intervention_type.slug for g in gaps]  # it runs


def test_it_counts_untyped_and_unbenchmarked_interventions_for_reach_only(albertslund_mix):
    coverage = coverage_of(165)
    education = coverage.pathway("into-education")
    assert (education.active_types, education.coverage_pct) == (0, Decimal(0))
    assert round1(education.expected_pct) == Decimal("40.7")
    assert [r.target_group.slug for r in education.groups_reached] == ["assistants"]
    assert [r.target_group.slug for r in education.groups_not_reached] == ["sabbatical-youth", "career-changers"]
    stay = coverage.pathway("stay-in-job")
    assert stay.coverage_pct == Decimal(0) and stay.expected_pct == Decimal(48)
    assert [r.target_group.slug for r in stay.groups_reached] == ["seniors"]
    assert stay.interventions == 1


def test_an_intervention_reaches_the_groups_it_names_not_its_types_group():
    """Ishøj runs one supervisor training (a type for the students) whose consultant named only the seniors:
    the students are not reached (0 interventions), the seniors are (1); the type still counts for the
    internship pathway's catalogue coverage: 1 of its 6 benchmarked types."""
    add(183, RUNNING, "supervisor-training", ["seniors"])
    coverage = municipality_coverage(Municipality.objects.get(code=183))
    internship, stay = coverage.pathway("through-internship"), coverage.pathway("stay-in-job")
    assert [(r.target_group.slug, r.interventions) for r in internship.groups] == [("students", 0)]
    assert [r.target_group.slug for r in stay.groups_reached] == ["seniors"]
    assert internship.interventions == 0 and stay.interventions == 1
    assert internship.active_types == 1


def test_it_gives_an_empty_municipality_zero_coverage():
    coverage = coverage_of(101)
    assert [p.coverage_pct for p in coverage.pathways] == [0, 0, 0]
    assert [round1(p.difference_pts) for p in coverage.pathways] == [Decimal("-40.7"), Decimal("-47.0"),
                                                                     Decimal("-48.0")]
    assert all(not p.groups_reached and p.interventions == 0 for p in coverage.pathways)


def test_it_reaches_full_coverage_when_all_types_of_a_pathway_run():
    for slug in INTERNSHIP_TYPES:
        add(183, RUNNING, slug)
    internship = coverage_of(183).pathway("through-internship")
    assert internship.coverage_pct == Decimal(100)
    assert internship.difference_pts == Decimal(53)
    assert internship.gaps == []


def test_it_averages_coverage_over_the_region_and_the_country(albertslund_mix):
    for slug in INTERNSHIP_TYPES:
        add(183, RUNNING, slug)
    catalogue = load_catalogue()
    coverage = with_region_averages(coverage_of(165), catalogue)
    internship = coverage.pathway("through-internship")
    # (33.33 + 100) / 2: only Albertslund and Ishøj have registered (tests/test_reporting.py for more).
    assert round1(internship.region_average_pct) == Decimal("66.7")
    assert round1(internship.national_average_pct) == Decimal("66.7")
    assert (internship.region_reporting, internship.region_total) == (2, 29)
    assert (internship.national_reporting, internship.national_total) == (2, 98)


def test_it_computes_adoption_for_a_set_of_municipalities(albertslund_mix):
    add(183, RUNNING, "supervisor-training")
    add(183, RUNNING, "supervisor-training")  # twice in one municipality still counts once
    everyone = list(Municipality.objects.all())
    adoption = {a.entry.intervention_type.slug: a for a in set_coverage(everyone).adoption()}
    # Over the 2 municipalities that have registered interventions, not all 98.
    assert (adoption["supervisor-training"].municipalities, adoption["supervisor-training"].of) == (2, 2)
    assert round1(adoption["supervisor-training"].adoption_pct) == Decimal("100.0")
    assert adoption["supervisor-network"].municipalities == 0
    region = Municipality.objects.filter(region__name="Region Hovedstaden")
    in_region = {a.entry.intervention_type.slug: a for a in set_coverage(region).adoption()}
    assert (in_region["supervisor-training"].municipalities, in_region["supervisor-training"].of) == (2, 2)


def test_it_uses_a_constant_number_of_queries(albertslund_mix, django_assert_num_queries):
    # The data version, the catalogue (4), the facts of all municipalities, which of them report and this
    # one's reach; then only the version until a write changes it.
    municipality = Municipality.objects.get(code=165)
    with django_assert_num_queries(8):
        municipality_coverage(municipality)
    with django_assert_num_queries(1):
        municipality_coverage(municipality)
    for slug in INTERNSHIP_TYPES:
        add(165, RUNNING, slug, ["students", "new-graduates"])
    with django_assert_num_queries(8):
        municipality_coverage(municipality)
