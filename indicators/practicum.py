"""Practicum evaluations as shares: what the dashboards chart from the imported counts.

Positive share of a question = (Helt enig + Delvist enig) / all who answered other than "Ved ikke".
Every share carries its n, and shares built on fewer than 5 answers are suppressed (see shares.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from recruitment.models import Municipality

from .models import Education, PracticumEvaluationCount, PracticumQuestion, PracticumRole, SupervisorTrainingCount
from .shares import Share

POSITIVE = ("helt_enig", "delvist_enig")
# The base of a share: everyone who took a position on the scale; "ved ikke" is left out.
BASE = ("helt_enig", "delvist_enig", "hverken_eller", "delvist_uenig", "helt_uenig")


def positive_share(counts: Mapping[str, int]) -> Share:
    """The positive share of one question's answer counts (keyed by PracticumEvaluationCount's fields)."""
    return Share(sum(counts.get(name, 0) for name in POSITIVE), sum(counts.get(name, 0) for name in BASE))


@dataclass(frozen=True)
class ComparedShares:
    """One year's share for a municipality, its region and all municipalities."""

    year: int
    municipality: Share
    region: Share
    everyone: Share


def _total(fields: tuple[str, ...], condition: Q | None = None) -> Sum:
    expression = F(fields[0])
    for name in fields[1:]:
        expression = expression + F(name)
    return Coalesce(Sum(expression, filter=condition), 0)


def peers_condition(municipality: Municipality, peers: Collection[int] | None) -> Q:
    """The comparison set of a municipality's figures: its region, or the group the user chose."""
    if peers is not None:
        return Q(municipality_id__in=list(peers))
    return Q(municipality__region_id=municipality.region_id)


def question_series(municipality: Municipality, question: str, education: str = Education.PAEDAGOG,
                    roles: tuple[str, ...] = (PracticumRole.STUDENT,),
                    peers: Collection[int] | None = None) -> list[ComparedShares]:
    """A question's positive share per year for the municipality, its region (or `peers`, a comparison group)
    and all municipalities.

    One query, whatever the number of years or municipalities.
    """
    here = Q(municipality=municipality)
    region = peers_condition(municipality, peers)
    rows = (PracticumEvaluationCount.objects
            .filter(question=question, education=education, role__in=roles)
            .values("year")
            .annotate(m_part=_total(POSITIVE, here), m_base=_total(BASE, here),
                      r_part=_total(POSITIVE, region), r_base=_total(BASE, region),
                      a_part=_total(POSITIVE), a_base=_total(BASE))
            .order_by("year"))
    return [ComparedShares(row["year"], Share(row["m_part"], row["m_base"]), Share(row["r_part"], row["r_base"]),
                           Share(row["a_part"], row["a_base"]))
            for row in rows]


# Statements where agreeing is bad news ("Jeg manglede arbejdsopgaver"): a higher share is worse, so pages show
# them apart from the others and say so.
NEGATIVE_QUESTIONS = frozenset({PracticumQuestion.LACKED_TASKS})


def is_negative(question: str) -> bool:
    return question in NEGATIVE_QUESTIONS


def latest_question_shares(municipality: Municipality, education: str = Education.PAEDAGOG,
                           roles: tuple[str, ...] = (PracticumRole.STUDENT,),
                           peers: Collection[int] | None = None) -> tuple[int | None, list[tuple]]:
    """For the latest year the municipality has answers: every question's (label, municipality, region, all)."""
    mine = PracticumEvaluationCount.objects.filter(municipality=municipality, education=education, role__in=roles)
    year = mine.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None, []
    here = Q(municipality=municipality)
    region = peers_condition(municipality, peers)
    rows = (PracticumEvaluationCount.objects.filter(year=year, education=education, role__in=roles)
            .values("question")
            .annotate(m_part=_total(POSITIVE, here), m_base=_total(BASE, here),
                      r_part=_total(POSITIVE, region), r_base=_total(BASE, region),
                      a_part=_total(POSITIVE), a_base=_total(BASE)))
    by_question = {row["question"]: row for row in rows}
    result = []
    for question in PracticumQuestion:
        row = by_question.get(question.value)
        if row is None or not row["m_base"] + row["r_base"] + row["a_base"]:
            continue
        result.append((question, Share(row["m_part"], row["m_base"]), Share(row["r_part"], row["r_base"]),
                       Share(row["a_part"], row["a_base"])))
    return year, result


@dataclass(frozen=True)
class TrainingShares:
    """Supervisors' training in one year: shares with formal education, an internal course, none."""

    year: int
    formal: Share
    internal_course: Share
    no_training: Share


def supervisor_training(municipality: Municipality | None, education: str = Education.PAEDAGOG,
                        region_id: int | None = None,
                        peers: Collection[int] | None = None) -> list[TrainingShares]:
    """Per year, for a municipality (or a region, or all when both are None). A supervisor may name both
    a formal education and an internal course, so the shares can sum to more than 100 %."""
    rows = SupervisorTrainingCount.objects.filter(education=education)
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    elif peers is not None:
        rows = rows.filter(municipality_id__in=list(peers))
    elif region_id is not None:
        rows = rows.filter(municipality__region_id=region_id)
    totals = (rows.values("year")
              .annotate(answered=Sum("answered"), formal=Sum("formal"), internal_course=Sum("internal_course"),
                        no_training=Sum("no_training"))
              .order_by("year"))
    return [TrainingShares(row["year"], Share(row["formal"], row["answered"]),
                           Share(row["internal_course"], row["answered"]), Share(row["no_training"], row["answered"]))
            for row in totals]

