"""Synthetic, deterministic demo data: users by role and interventions for all 98 municipalities.

For every catalogue type with an EVA share s, exactly round(s × 98 / 100) municipalities run it,
so the national adoption the dashboards compute lies within a point of EVA's figure. Around that
core the demo adds what real lists contain: ended and planned interventions, types without a
national share and local interventions outside the catalogue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from interventions.history import backfill_creations
from interventions.models import Intervention, InterventionType
from recruitment import data_version
from recruitment.models import Membership, Municipality, TargetGroup

from .demo_imports import clear_demo_imports, seed_demo_imports

SEED = 20240601
DEMO_PASSWORD = "demo1234"

DEMO_USERS = [
    # username, first name, last name, municipality code, role (None = staff admin)
    ("chef", "Dorte", "Dagtilbudschef", 165, Membership.Role.VIEWER),
    ("hr-albertslund", "Hanne", "HR-konsulent", 165, Membership.Role.EDITOR),
    ("hr-ishoej", "Ib", "HR-konsulent", 183, Membership.Role.EDITOR),
    ("admin", "Anna", "Administrator", None, None),
]

LOCAL_TITLES = [
    "Lokal rekrutteringskampagne på sociale medier",
    "Samarbejde med ungdomsuddannelserne om praktikbesøg",
    "Ambassadørkorps af pædagoger",
    "Jobmesse for pædagogiske stillinger",
    "Trivselsmåling og opfølgning i alle dagtilbud",
]

PARTNERS = ["", "", "Københavns Professionshøjskole", "VIA University College", "UCL Erhvervsakademi",
            "Professionshøjskolen Absalon", "UC SYD", "BUPL", "FOA", "Jobcenteret"]


@dataclass
class DemoReport:
    users_created: int
    interventions_created: int
    already_loaded: bool = False


def _random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _intervention(rng: random.Random, municipality: Municipality, title: str, status: str,
                  intervention_type: InterventionType | None) -> Intervention:
    if status == Intervention.Status.PLANNED:
        start, end = _random_date(rng, date(2026, 1, 1), date(2027, 6, 30)), None
    elif status == Intervention.Status.ENDED:
        start = _random_date(rng, date(2019, 1, 1), date(2022, 12, 31))
        end = start + timedelta(days=rng.randrange(180, 900))
    else:
        start, end = _random_date(rng, date(2020, 1, 1), date(2025, 9, 30)), None
    planned = rng.randrange(5, 61)
    return Intervention(
        municipality=municipality,
        title=title[:200],
        intervention_type=intervention_type,
        status=status,
        start_date=start,
        end_date=end,
        partners=rng.choice(PARTNERS),
        participants_planned=planned,
        participants_actual=None if status == Intervention.Status.PLANNED else rng.randrange(0, planned + 1),
        budget_dkk=rng.randrange(4, 101) * 5000,
        description="Syntetisk demoindsats.",
        is_demo=True,
    )


def _build_interventions(rng: random.Random) -> list[tuple[Intervention, list[TargetGroup]]]:
    municipalities = list(Municipality.objects.order_by("code"))
    types = list(InterventionType.objects.select_related("target_group").prefetch_related("benchmarks__source"))
    groups = list(TargetGroup.objects.all())
    built: list[tuple[Intervention, list[TargetGroup]]] = []
    for intervention_type in types:
        benchmark = intervention_type.current_benchmark()
        share = float(benchmark.share_pct) if benchmark and benchmark.share_pct is not None else 30.0
        running = set(rng.sample(range(len(municipalities)), round(share * len(municipalities) / 100)))
        for index, municipality in enumerate(municipalities):
            if index in running:
                status = Intervention.Status.RUNNING
            else:
                # Some municipalities stopped the type or plan it; neither counts as running it.
                roll = rng.random()
                if roll < 0.08:
                    status = Intervention.Status.ENDED
                elif roll < 0.16:
                    status = Intervention.Status.PLANNED
                else:
                    continue
            item = _intervention(rng, municipality, intervention_type.label, status, intervention_type)
            built.append((item, [intervention_type.target_group]))
    for municipality in municipalities:
        for title in rng.sample(LOCAL_TITLES, rng.randrange(0, 3)):
            item = _intervention(rng, municipality, title, Intervention.Status.RUNNING, None)
            built.append((item, rng.sample(groups, rng.randrange(1, 3))))
    return built


@transaction.atomic
def seed_demo() -> DemoReport:
    users_created = _ensure_users()
    seed_demo_imports()  # workforce statistics and projections, for the projection pages
    if Intervention.objects.filter(is_demo=True).exists():
        return DemoReport(users_created, 0, already_loaded=True)
    built = _build_interventions(random.Random(SEED))
    interventions = Intervention.objects.bulk_create([item for item, _ in built], batch_size=500)
    through = Intervention.target_groups.through
    through.objects.bulk_create(
        [through(intervention_id=item.pk, targetgroup_id=group.pk)
         for item, (_, groups) in zip(interventions, built, strict=True) for group in groups],
        batch_size=1000,
    )
    # Bulk creation records no history; without a creation entry a conflict or a restore has no state to
    # go back to.
    backfill_creations([item.pk for item in interventions])
    data_version.bump()  # bulk_create sends no signals
    return DemoReport(users_created, len(interventions))


def clear_demo() -> int:
    deleted, _ = Intervention.objects.filter(is_demo=True).delete()
    return deleted + clear_demo_imports()


def _ensure_users() -> int:
    user_model = get_user_model()
    created_count = 0
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=[u[3] for u in DEMO_USERS if u[3]])}
    for username, first, last, code, role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_staff": role is None,
                                         "is_superuser": role is None},
        )
        if created:
            # Only on creation: a demo user's changed password survives `make run` again.
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created_count += 1
        if code is not None and role is not None:  # a staff admin (no role) belongs to no municipality
            Membership.objects.get_or_create(user=user, municipality=municipalities[code],
                                             defaults={"role": role})
    return created_count
