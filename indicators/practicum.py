"""Practicum evaluations as shares: what the dashboards chart from the imported counts.

Positive share of a question = (Helt enig + Delvist enig) / all who answered other than "Ved ikke".
Every share carries its n, and shares built on fewer than 5 answers are suppressed (see shares.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import F, Sum
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from recruitment.models import Municipality

from .models import Education, PracticumEvaluationCount, PracticumQuestion, PracticumRole, SupervisorTrainingCount
from .shares import Share, pooled

POSITIVE = ("helt_enig", "delvist_enig")
# The base of a share: everyone who took a position on the scale; "ved ikke" is left out.
BASE = ("helt_enig", "delvist_enig", "hverken_eller", "delvist_uenig", "helt_uenig")


@dataclass(frozen=True)
class ComparedShares:
    """One year's share for a municipality, its region and all municipalities."""

    year: int
    municipality: Share
    region: Share
    everyone: Share


def _total(fields: tuple[str, ...]) -> Coalesce:
    expression: F | CombinedExpression = F(fields[0])
    for name in fields[1:]:
        expression = expression + F(name)
    return Coalesce(Sum(expression), 0)


def _compared(units: list[dict], municipality: Municipality,
              peers: Collection[int] | None) -> tuple[Share, Share, Share]:
    """The municipality's own share and its region's (or `peers'`) and everyone's, pooled from per-municipality
    rows (municipality_id, region_id, part, base) so that suppressed municipalities stay out of the aggregates."""
    def in_comparison(unit: dict) -> bool:
        if peers is not None:
            return unit["municipality_id"] in peers
        return unit["municipality__region_id"] == municipality.region_id

    own = next((unit for unit in units if unit["municipality_id"] == municipality.pk), None)
    return (Share(own["part"], own["base"]) if own else Share(0, 0),
            pooled((unit["part"], unit["base"]) for unit in units if in_comparison(unit)),
            pooled((unit["part"], unit["base"]) for unit in units))


def _per_municipality(rows, *keys: str) -> dict[tuple, list[dict]]:
    """Answer counts summed per municipality (and `keys`), grouped by `keys`: the units aggregates are pooled from."""
    grouped: dict[tuple, list[dict]] = {}
    for row in (rows.values(*keys, "municipality_id", "municipality__region_id")
                .annotate(part=_total(POSITIVE), base=_total(BASE)).order_by(*keys, "municipality_id")):
        grouped.setdefault(tuple(row[key] for key in keys), []).append(row)
    return grouped


def question_series(municipality: Municipality, question: str, education: str = Education.PAEDAGOG,
                    roles: tuple[str, ...] = (PracticumRole.STUDENT,),
                    peers: Collection[int] | None = None) -> list[ComparedShares]:
    """A question's positive share per year for the municipality, its region (or `peers`, a comparison group)
    and all municipalities; the aggregates without municipalities whose own share is suppressed (shares.pooled).

    One query, whatever the number of years or municipalities.
    """
    peers = set(peers) if peers is not None else None
    by_year = _per_municipality(PracticumEvaluationCount.objects.filter(
        question=question, education=education, role__in=roles), "year")
    return [ComparedShares(year, *_compared(units, municipality, peers)) for (year,), units in by_year.items()]


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
    peers = set(peers) if peers is not None else None
    by_question = _per_municipality(PracticumEvaluationCount.objects.filter(
        year=year, education=education, role__in=roles), "question")
    result = []
    for question in PracticumQuestion:
        units = by_question.get((question.value,))
        if not units or not any(unit["base"] for unit in units):
            continue
        result.append((question, *_compared(units, municipality, peers)))
    return year, result


@dataclass(frozen=True)
class SetShares:
    """One year's shares of a question for each municipality of a set, the set pooled and everyone pooled."""

    year: int | None
    by_municipality: dict[int, Share]
    pooled: Share
    everyone: Share


def latest_set_shares(municipality_ids: Collection[int], question: str = PracticumQuestion.RETURN,
                      education: str = Education.PAEDAGOG,
                      roles: tuple[str, ...] = (PracticumRole.STUDENT,)) -> SetShares:
    """A question's shares in the latest year any municipality has answers: each municipality of the set, the set
    and everyone pooled (without suppressed units, shares.pooled). One query."""
    by_year = _per_municipality(PracticumEvaluationCount.objects.filter(
        question=question, education=education, role__in=roles), "year")
    if not by_year:
        return SetShares(None, {}, Share(0, 0), Share(0, 0))
    (year,), units = max(by_year.items())
    ours = [unit for unit in units if unit["municipality_id"] in municipality_ids]
    return SetShares(year, {unit["municipality_id"]: Share(unit["part"], unit["base"]) for unit in ours},
                     pooled((unit["part"], unit["base"]) for unit in ours),
                     pooled((unit["part"], unit["base"]) for unit in units))


def latest_questions_for_set(municipality_ids: Collection[int], education: str = Education.PAEDAGOG,
                             roles: tuple[str, ...] = (PracticumRole.STUDENT,)) -> tuple[int | None, list[tuple]]:
    """Every question's (question, the set pooled, everyone pooled) in the latest year with answers; two queries."""
    year = (PracticumEvaluationCount.objects.filter(education=education, role__in=roles)
            .order_by("-year").values_list("year", flat=True).first())
    if year is None:
        return None, []
    by_question = _per_municipality(PracticumEvaluationCount.objects.filter(
        year=year, education=education, role__in=roles), "question")
    result = []
    for question in PracticumQuestion:
        units = by_question.get((question.value,))
        if units and any(unit["base"] for unit in units):
            result.append((question, pooled((u["part"], u["base"]) for u in units if u["municipality_id"] in
                                            municipality_ids), pooled((u["part"], u["base"]) for u in units)))
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
    a formal education and an internal course, so the shares can sum to more than 100 %. A region's, a group's
    or everyone's shares leave out municipalities whose own shares are suppressed (shares.pooled)."""
    rows = SupervisorTrainingCount.objects.filter(education=education)
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    elif peers is not None:
        rows = rows.filter(municipality_id__in=list(peers))
    elif region_id is not None:
        rows = rows.filter(municipality__region_id=region_id)
    by_year: dict[int, list[SupervisorTrainingCount]] = {}
    for row in rows.order_by("year", "municipality_id"):
        by_year.setdefault(row.year, []).append(row)
    kinds = ("formal", "internal_course", "no_training")
    if municipality is not None:
        # One row per year (the model's unique key): the municipality's own shares, suppressed or not.
        return [TrainingShares(year, *(Share(getattr(units[0], kind), units[0].answered) for kind in kinds))
                for year, units in by_year.items()]
    return [TrainingShares(year, *(pooled((getattr(unit, kind), unit.answered) for unit in units) for kind in kinds))
            for year, units in by_year.items()]
