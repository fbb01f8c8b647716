"""Fixtures and helpers for interventions: made as the pages make them, the HR edit form's post, a refused save,
and Albertslund's interventions behind the hand-computed dashboard tests. A plugin of tests/conftest.py."""

from __future__ import annotations

import pytest

from recruitment.models import Municipality

from .people import ALBERTSLUND


@pytest.fixture
def make_intervention(reference_data):
    """Creates an intervention the way the pages do (one history entry), by a given user."""
    from interventions.models import Intervention, InterventionType
    from recruitment.models import TargetGroup

    def make(user=None, code: int = ALBERTSLUND, type_slug: str | None = None, groups: tuple[str, ...] = (),
             **fields: object) -> Intervention:
        intervention_type = InterventionType.objects.get(slug=type_slug) if type_slug else None
        fields.setdefault("title", intervention_type.label if intervention_type else "Lokal indsats")
        intervention = Intervention(municipality=Municipality.objects.get(code=code),
                                    intervention_type=intervention_type, created_by=user, **fields)
        slugs = groups or ((intervention_type.target_group.slug,) if intervention_type else ("students",))
        intervention.save_with_target_groups(TargetGroup.objects.filter(slug__in=slugs), user)
        return intervention

    return make


def edit_form(intervention, version: int, **typed: object) -> dict:
    """What the HR edit form posts for an intervention as this test holds it (not read again), opened at `version`;
    `typed` is what the user changed."""
    def text(value: object) -> str:
        return "" if value is None else str(value)

    data = {"title": intervention.title, "intervention_type": text(intervention.intervention_type_id),
            "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
            "start_date": text(intervention.start_date), "end_date": text(intervention.end_date),
            "partners": intervention.partners, "participants_planned": text(intervention.participants_planned),
            "participants_actual": text(intervention.participants_actual), "budget_dkk": text(intervention.budget_dkk),
            "description": intervention.description, "results": intervention.results, "version": str(version)}
    return {**data, **typed}


def saved_by(user, intervention, version: int, **typed: object):
    """Another person's save of the HR edit form, opened at `version`, in a browser of their own."""
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other.post(f"/interventions/{intervention.pk}/edit/", edit_form(intervention, version, **typed))


def refused(response, version: int) -> str:
    """A save refused as stale: the page again, saying someone else saved meanwhile, the form now at the current
    version. Its HTML, for what the test asserts beyond that."""
    html = response.content.decode()
    assert response.status_code == 200
    assert "En anden har gemt ændringer i indsatsen" in html
    assert f'name="version" value="{version}"' in html
    return html


# --- Dashboards: interventions with hand-computed coverage --------------------------------------

@pytest.fixture
def add_intervention(make_intervention):
    """make_intervention, shorter for the dashboard tests: add_intervention(code, status, type_slug, groups)."""

    def add(code: int, status: str, type_slug: str | None = None, groups: list[str] | None = None,
            title: str | None = None):
        return make_intervention(None, code, type_slug, tuple(groups or ()), status=status,
                                 title=title or type_slug or "Lokal indsats")

    return add


@pytest.fixture
def albertslund_known(add_intervention):
    """Albertslund's interventions behind the hand-computed dashboard tests (see tests/test_dashboard.py)."""
    from interventions.models import Intervention

    status = Intervention.Status
    add_intervention(ALBERTSLUND, status.RUNNING, "supervisor-training")  # internship, 78 %
    add_intervention(ALBERTSLUND, status.RUNNING, "student-onboarding")  # internship, 66 %
    add_intervention(ALBERTSLUND, status.PLANNED, "supervisor-network")  # internship, 39 %, planned
    add_intervention(ALBERTSLUND, status.ENDED, "placement-rotation")  # internship, 28 %, ended: never counts
    add_intervention(ALBERTSLUND, status.RUNNING, None, ["seniors"], title="Seniorsamtaler")  # no type: reach only
    add_intervention(ALBERTSLUND, status.RUNNING, "pau-training-agreements")  # no EVA share: reach only
