"""The permission matrix: every intervention URL × every kind of user × GET and POST gives the expected
status, and wherever access is refused the database is exactly as it was."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from interventions.models import Intervention
from recruitment.models import Membership, Municipality, TargetGroup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

ROLES = ["anonymous", "viewer", "editor", "other_editor", "admin"]
LOGIN = 302  # anonymous visitors are sent to the login page

# url: {role: (GET, POST)}; a 302 for a signed-in user is the success redirect after a write.
EXPECTED = {
    "list": {"anonymous": (LOGIN, LOGIN), "viewer": (200, 405), "editor": (200, 405),
             "other_editor": (200, 405), "admin": (200, 405)},
    "detail": {"anonymous": (LOGIN, LOGIN), "viewer": (200, 405), "editor": (200, 405),
               "other_editor": (200, 405), "admin": (200, 405)},
    "deleted_detail": {"anonymous": (LOGIN, LOGIN), "viewer": (200, 405), "editor": (200, 405),
                       "other_editor": (200, 405), "admin": (200, 405)},
    "restore": {"anonymous": (LOGIN, LOGIN), "viewer": (405, 403), "editor": (405, 403),
                "other_editor": (405, 403), "admin": (405, 302)},
    "create": {"anonymous": (LOGIN, LOGIN), "viewer": (403, 403), "editor": (200, 302),
               "other_editor": (403, 403), "admin": (200, 302)},
    "edit": {"anonymous": (LOGIN, LOGIN), "viewer": (403, 403), "editor": (200, 302),
             "other_editor": (403, 403), "admin": (200, 302)},
    "delete": {"anonymous": (LOGIN, LOGIN), "viewer": (403, 403), "editor": (200, 302),
               "other_editor": (403, 403), "admin": (200, 302)},
}
# Writes last, and delete after edit, so each POST meets the intervention as the GETs saw it.
ORDER = ["list", "detail", "deleted_detail", "restore", "create", "edit", "delete"]


@pytest.fixture
def users(chef, editor_a, editor_b, admin_user):
    return {"anonymous": None, "viewer": chef, "editor": editor_a, "other_editor": editor_b, "admin": admin_user}


@pytest.fixture
def targets(make_intervention, editor_a):
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 1), title="Praktikvejledere")
    gone = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer")
    gone_pk = gone.pk
    gone.delete_checked(editor_a, gone.version)
    return running, gone_pk


def _snapshot() -> tuple:
    """Everything a write could touch: the interventions, their target groups and their history."""
    return (
        list(Intervention.objects.order_by("pk").values_list("pk", "municipality_id", "title", "status", "version")),
        list(Intervention.target_groups.through.objects.order_by("pk").values_list("intervention_id",
                                                                                     "targetgroup_id")),
        Intervention.history.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
    )


def _form(intervention: Intervention, **overrides) -> dict:
    data = {"title": "Ny titel", "intervention_type": str(intervention.intervention_type_id),
            "target_groups": [str(TargetGroup.objects.get(slug="students").pk)], "status": "running",
            "start_date": "2025-01-01", "version": str(intervention.version)}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_every_user_the_expected_answer_on_every_intervention_url(client, users, targets, role):
    running, gone_pk = targets
    if users[role] is not None:
        client.force_login(users[role])
    urls = {
        "list": "/municipalities/165/interventions/",
        "detail": f"/interventions/{running.pk}/",
        "deleted_detail": f"/interventions/{gone_pk}/",
        "restore": f"/interventions/{gone_pk}/restore/",
        "create": "/municipalities/165/interventions/new/",
        "edit": f"/interventions/{running.pk}/edit/",
        "delete": f"/interventions/{running.pk}/delete/",
    }

    def post_data(name: str) -> dict:
        current = Intervention.objects.filter(pk=running.pk).first() or running
        return {"create": _form(current, title="Oprettet i matrixtesten"), "edit": _form(current),
                "delete": {"version": str(current.version)}}.get(name, {})

    answers: dict[tuple[str, str], int] = {}
    for method in ["GET", "POST"]:
        for name in ORDER:
            before = _snapshot()
            response = client.get(urls[name]) if method == "GET" else client.post(urls[name], post_data(name))
            answers[(name, method)] = response.status_code
            refused = role == "anonymous" or response.status_code in (403, 404, 405)
            if refused:
                assert _snapshot() == before, f"{role} {method} {name} was refused but changed the database"
            if role == "anonymous":
                assert response["Location"].startswith("/accounts/login/"), f"{method} {name}"

    expected = {(name, method): EXPECTED[name][role][index]
                for name in ORDER for index, method in enumerate(["GET", "POST"])}
    assert answers == expected


@pytest.mark.parametrize("role", ["viewer", "other_editor"])
def test_it_refuses_a_forged_write_from_someone_who_may_only_read(client, users, targets, role):
    """A form posted straight at the URL, with a municipality the user edits slipped in, changes nothing."""
    running, _ = targets
    client.force_login(users[role])
    before = _snapshot()
    ishoej = str(Municipality.objects.get(code=183).pk)
    assert client.post(f"/interventions/{running.pk}/edit/", {**_form(running), "municipality": ishoej},
                       headers={"HX-Request": "true"}).status_code == 403
    assert client.post("/municipalities/165/interventions/new/", {**_form(running), "municipality": ishoej}
                       ).status_code == 403
    assert client.post(f"/interventions/{running.pk}/delete/", {"version": "1"}).status_code == 403
    assert _snapshot() == before


def test_it_checks_csrf_on_writes(users, targets):
    from django.test import Client

    running, _ = targets
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["editor"])
    before = _snapshot()
    assert strict.post(f"/interventions/{running.pk}/edit/", _form(running)).status_code == 403
    page = strict.get(f"/interventions/{running.pk}/edit/")
    token = page.cookies["csrftoken"].value
    # htmx sends the token in the X-CSRFToken header that base.html sets on <body>.
    response = strict.post(f"/interventions/{running.pk}/edit/", _form(running),
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert _snapshot() != before
    assert response.status_code == 200 and "coverage-changed" in response["HX-Trigger"]
