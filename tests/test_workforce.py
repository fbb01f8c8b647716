"""The workforce picture and the reach of interventions, from hand-made figures."""

import pytest

from indicators.models import DataImport, WorkforceStat
from indicators.workforce import picture, reach, target_group_size
from interventions.models import Intervention
from recruitment.models import Municipality, TargetGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def stat(reference_data):
    record = DataImport.objects.create(kind="workforce", file_name="a.csv", sha256="0" * 64, size_bytes=1)
    return WorkforceStat.objects.create(
        year=2025, municipality=Municipality.objects.get(code=165), data_import=record,
        paedagoger=200, paedagogiske_assistenter=40, paedagogmedhjaelpere=160, medhjaelpere_under_25=60,
        paedagoger_over_55=36, paedagoger_under_37_timer=90, nyuddannede_ansat=14, fratraadte=24,
        studerende_i_praktik=18, boern_0_2=900, boern_3_5=1000,
    )


def test_it_computes_the_shares_of_the_staff(stat):
    figures = picture(stat)
    assert figures.staff == 400
    assert str(figures.pedagogue_share) == "50 %"  # 200 of 400
    assert str(figures.seniors_share) == "18 %"  # 36 of 200
    assert str(figures.part_time_share) == "45 %"  # 90 of 200
    assert str(figures.leavers_share) == "12 %"  # 24 of 200


def test_it_leaves_a_figure_unknown_when_a_part_is_unknown(stat):
    stat.paedagogmedhjaelpere = None
    stat.fratraadte = None
    figures = picture(stat)
    assert figures.staff is None and figures.pedagogue_share is None and figures.leavers_share is None
    assert target_group_size("assistants", stat) is None


def test_it_suppresses_shares_of_fewer_than_five_pedagogues(stat):
    stat.paedagoger, stat.paedagoger_over_55 = 4, 1
    assert str(picture(stat).seniors_share) == "for få svar"


def test_it_sizes_the_target_groups(stat):
    sizes = {slug: target_group_size(slug, stat) for slug in TargetGroup.objects.values_list("slug", flat=True)}
    assert sizes == {"assistants": 140, "sabbatical-youth": 60, "career-changers": None, "students": 18,
                     "new-graduates": 14, "experienced": 150, "seniors": 36}


def test_it_computes_reach_from_running_interventions_with_participants(stat):
    albertslund = stat.municipality
    students, seniors = TargetGroup.objects.get(slug="students"), TargetGroup.objects.get(slug="seniors")
    for title, status, participants, groups in [
        ("Velkomstdag", Intervention.Status.RUNNING, 9, [students]),
        ("Vejledernetværk", Intervention.Status.RUNNING, 3, [students, seniors]),
        ("Planlagt", Intervention.Status.PLANNED, 50, [students]),  # not running: not counted
        ("Uden tal", Intervention.Status.RUNNING, None, [seniors]),
    ]:
        intervention = Intervention.objects.create(municipality=albertslund, title=title, status=status,
                                                   participants_actual=participants)
        intervention.target_groups.set(groups)
    by_slug = {item.target_group.slug: item for item in reach(albertslund, stat)}
    students_reach = by_slug["students"]
    assert (students_reach.interventions, students_reach.participants, students_reach.size) == (2, 12, 18)
    assert str(by_slug["students"].share) == "67 %"  # 12 of 18
    assert (by_slug["seniors"].participants, str(by_slug["seniors"].share)) == (3, "8 %")  # 3 of 36
    assert by_slug["career-changers"].size is None and by_slug["career-changers"].share is None
    assert by_slug["assistants"].participants is None and by_slug["assistants"].interventions == 0
