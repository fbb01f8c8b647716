"""Forged writes and CSRF on the intervention forms: a form posted straight at a URL by someone who may only read,
and a write without the CSRF token, change nothing."""

import pytest

from tests.fixtures_access import database_state

pytestmark = pytest.mark.django_db


def _form(intervention_pk: int, **overrides) -> dict:
    from interventions.models import Intervention
    from recruitment.models import TargetGroup

    intervention = Intervention.objects.get(pk=intervention_pk)
    data = {"title": "Ny titel", "intervention_type": str(intervention.intervention_type_id),
            "target_groups": [str(TargetGroup.objects.get(slug="students").pk)], "status": "running",
            "start_date": "2025-01-01", "version": str(intervention.version)}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["viewer", "other_editor"])
def test_it_refuses_a_forged_write_from_someone_who_may_only_read(client, access_users, access_objects, role):
    """A form posted straight at the URL, with a municipality the user edits slipped in, changes nothing."""
    from recruitment.models import Municipality

    running = access_objects["running"]
    client.force_login(access_users[role])
    before = database_state()
    ishoej = str(Municipality.objects.get(code=183).pk)
    assert client.post(f"/interventions/{running}/edit/", {**_form(running), "municipality": ishoej},
                       headers={"HX-Request": "true"}).status_code == 403
    assert client.post("/municipalities/165/interventions/new/", {**_form(running), "municipality": ishoej}
                       ).status_code == 403
    assert client.post(f"/interventions/{running}/delete/", {"version": "1"}).status_code == 403
    assert database_state() == before


def test_it_checks_csrf_on_writes(access_users, access_objects):
    from django.test import Client

    running = access_objects["running"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(access_users["editor"])
    before = database_state()
    assert strict.post(f"/interventions/{running}/edit/", _form(running)).status_code == 403
    assert database_state() == before
    token = strict.get(f"/interventions/{running}/edit/").cookies["csrftoken"].value
    # htmx sends the token in the X-CSRFToken header that base.html sets on <body>.
    response = strict.post(f"/interventions/{running}/edit/", _form(running),
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert database_state() != before
    assert response.status_code == 200 and "coverage-changed" in response["HX-Trigger"]
