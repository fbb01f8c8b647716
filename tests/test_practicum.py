"""Practicum shares from hand counts: positive = (Helt enig + Delvist enig) / answers other than Ved ikke,
suppressed below 5 answers."""

import pytest

from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
from indicators.practicum import latest_question_shares, question_series, supervisor_training
from indicators.shares import Share
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


def test_it_leaves_ved_ikke_out_of_the_base(record):
    """Positive 3 + 2 = 5 of the 3 + 2 + 1 + 1 + 1 = 8 who took a position (the 4 "ved ikke" left out): 62.5 %."""
    _count(record, 165, 2024, helt_enig=3, delvist_enig=2, hverken_eller=1, delvist_uenig=1, helt_uenig=1,
           ved_ikke=4)
    [latest] = question_series(Municipality.objects.get(code=165), "vende_tilbage")
    share = latest.municipality
    assert (share.part, share.n) == (5, 8)
    assert share.pct == 62.5
    assert str(share) == "63 %"  # rounded half up, as statistics are


def test_it_suppresses_a_share_on_fewer_than_five_answers(record):
    """Albertslund: 4 who took a position (10 "ved ikke" do not count): suppressed. Ishøj: 4 of 5: 80 %."""
    _count(record, 165, 2024, helt_enig=4, ved_ikke=10)
    _count(record, 183, 2024, helt_enig=4, helt_uenig=1)
    [four] = question_series(Municipality.objects.get(code=165), "vende_tilbage")
    assert four.municipality.suppressed and four.municipality.pct is None
    assert str(four.municipality) == "for få svar"
    [five] = question_series(Municipality.objects.get(code=183), "vende_tilbage")
    assert not five.municipality.suppressed and five.municipality.pct == 80


def test_it_suppresses_a_share_with_no_answers():
    assert str(Share(0, 0)) == "for få svar"


def _count(record, code: int, year: int, question: str = "vende_tilbage", role: str = "studerende",
           education: str = "paedagog", **answers: int) -> None:
    PracticumEvaluationCount.objects.create(year=year, municipality=Municipality.objects.get(code=code),
                                            education=education, role=role, question=question,
                                            data_import=record, **answers)


@pytest.fixture
def record(reference_data):
    return DataImport.objects.create(kind="practicum-evaluations", file_name="a.csv", sha256="0" * 64, size_bytes=1)


def test_it_compares_a_municipality_with_its_region_and_everyone(record):
    # Albertslund (165) and Ishøj (183) are in Region Hovedstaden; Aarhus (751) is not.
    _count(record, 165, 2024, helt_enig=4, delvist_enig=2, helt_uenig=2, ved_ikke=5)  # 6 of 8
    _count(record, 183, 2024, helt_enig=1, hverken_eller=3)  # 1 of 4: suppressed, so left out of region and all
    _count(record, 751, 2024, delvist_enig=10, delvist_uenig=10)  # 10 of 20
    _count(record, 165, 2024, role="vejleder", helt_uenig=9)  # another role: not counted
    _count(record, 165, 2024, education="laerer", helt_uenig=9)  # another education: not counted
    _count(record, 165, 2023, helt_enig=1, helt_uenig=2)  # 1 of 3: suppressed
    albertslund = Municipality.objects.get(code=165)
    series = question_series(albertslund, "vende_tilbage")
    assert [item.year for item in series] == [2023, 2024]
    earlier, latest = series
    assert (latest.municipality.part, latest.municipality.n) == (6, 8)
    assert (latest.region.part, latest.region.n) == (6, 8)
    assert (latest.everyone.part, latest.everyone.n) == (16, 28)
    assert earlier.municipality.suppressed and earlier.region.suppressed and earlier.everyone.suppressed


def test_it_computes_the_series_in_one_query(record, django_assert_num_queries):
    albertslund = Municipality.objects.get(code=165)
    for year in (2021, 2022):
        _count(record, 165, year, helt_enig=5)
    with django_assert_num_queries(1):
        assert len(question_series(albertslund, "vende_tilbage")) == 2
    for year in range(2010, 2020):
        for code in (101, 147, 183, 751):
            _count(record, code, year, helt_enig=5)
    with django_assert_num_queries(1):
        assert len(question_series(albertslund, "vende_tilbage")) == 12


def test_it_gives_every_question_of_the_latest_year(record):
    _count(record, 165, 2023, question="anbefale", helt_enig=9)
    _count(record, 165, 2024, question="anbefale", helt_enig=3, helt_uenig=3)
    _count(record, 165, 2024, question="vende_tilbage", helt_enig=2)
    year, rows = latest_question_shares(Municipality.objects.get(code=165))
    assert year == 2024
    assert [(question.value, str(mine)) for question, mine, _, _ in rows] == [
        ("vende_tilbage", "for få svar"), ("anbefale", "50 %")]


def test_it_shows_supervisors_training_as_shares_of_those_who_answered(record):
    albertslund, ishoej = Municipality.objects.get(code=165), Municipality.objects.get(code=183)
    SupervisorTrainingCount.objects.create(year=2024, municipality=albertslund, education="paedagog", answered=10,
                                           formal=5, internal_course=6, no_training=1, data_import=record)
    SupervisorTrainingCount.objects.create(year=2024, municipality=ishoej, education="paedagog", answered=3,
                                           formal=1, internal_course=0, no_training=2, data_import=record)
    (mine,) = supervisor_training(albertslund)
    assert [str(mine.formal), str(mine.internal_course), str(mine.no_training)] == ["50 %", "60 %", "10 %"]
    (region,) = supervisor_training(None, region_id=albertslund.region_id)
    # Ishøj's 3 answers are too few: left out of the region, which is Albertslund's 10 alone.
    assert (region.formal.part, region.formal.n, region.no_training.part, region.formal.left_out) == (5, 10, 1, 1)
    (small,) = supervisor_training(ishoej)
    assert small.formal.suppressed
