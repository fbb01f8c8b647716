"""The users and objects the access tests walk the URLs with (a plugin of tests/conftest.py), and what a walk
notes: a request's outcome and the database's state before and after."""

from __future__ import annotations

from datetime import date

import pytest

from .access_matrix import ADMIN_LOGIN, LOGIN


@pytest.fixture
def access_users(chef, editor_a, editor_b, admin_user):
    return {"anonymous": None, "viewer": chef, "editor": editor_a, "other_editor": editor_b, "admin": admin_user}


@pytest.fixture
def access_objects(make_intervention, editor_a):
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 1), title="Praktikvejledere")
    gone = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer")
    gone_pk = gone.pk
    gone.delete_checked(editor_a, gone.version)
    from indicators.models import DataImport

    rejected = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx", sha256="0" * 64,
                                         size_bytes=10, status=DataImport.Status.REJECTED)
    # Albertslund's workforce statistics and projection, so its projection and CSV have something to show.
    from indicators.models import PopulationProjection, WorkforceStat

    WorkforceStat.objects.create(year=2025, municipality_id=editor_a.memberships.get().municipality_id, paedagoger=100,
                                 data_import=rejected)
    PopulationProjection.objects.bulk_create([PopulationProjection(
        vintage="DST 2025", year=year, municipality_id=editor_a.memberships.get().municipality_id, children_0_2=300,
        children_3_5=600, data_import=rejected) for year in range(2025, 2036)])
    from api.models import ApiToken

    token, _secret = ApiToken.issue(editor_a, "Power BI", 30)
    from indicators.models import Target

    target = Target.objects.create(municipality_id=editor_a.memberships.get().municipality_id,
                                   indicator=Target.Indicator.COVERAGE_INTERNSHIP, baseline_value=20,
                                   baseline_year=2024, target_value=50, target_year=2027, source="Strategi")
    # Aalborg runs none (the admin's list of confirmations and its history have a row to show).
    from interventions.models import NoneRunConfirmation
    from recruitment.models import Municipality

    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=851), confirmed_on=date(2026, 11, 1))
    # Albertslund's contact for knowledge sharing (the admin's list and its history have a row to show).
    from interventions.models import KnowledgeContact

    KnowledgeContact.objects.create(municipality_id=editor_a.memberships.get().municipality_id, name="Mette Hansen",
                                    email="mette@albertslund.dk", role="HR-konsulent")
    return {"running": running.pk, "deleted": gone_pk, "import": rejected.pk, "token": token.pk, "target": target.pk}


def log_in_as(client, user) -> None:
    """The client as the role's user; the anonymous role stays logged out."""
    if user is not None:
        client.force_login(user)


def outcome(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
    return response.status_code


def database_state() -> tuple:
    from django.contrib.auth import get_user_model

    from api.models import ApiToken
    from indicators.models import DataImport, Target
    from interventions.models import Intervention
    from recruitment.models import Membership

    return (list(Intervention.objects.order_by("pk").values_list("pk", "title", "status", "version")),
            list(Target.objects.order_by("pk").values_list("pk", "target_value", "version")),
            Intervention.history.count(), get_user_model().objects.count(), Membership.objects.count(),
            list(DataImport.objects.order_by("pk").values_list("pk", "status")),
            list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")))
