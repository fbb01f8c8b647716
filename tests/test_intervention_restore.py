"""Restoring a deleted intervention: its page and history kept, the list of deleted ones, an admin's restore
(htmx or not), and a form opened before the deletion meeting a conflict."""

import json

import pytest

from interventions.history import change_log, deleted_interventions
from interventions.models import Intervention
from recruitment.models import Municipality
from tests.intervention_edits import HTMX, edit_data, mentor_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(make_intervention, editor_a):
    return mentor_scheme(make_intervention, editor_a)


@pytest.fixture
def deleted(mentor, editor_a):
    pk = mentor.pk
    mentor.delete_checked(editor_a, mentor.version)
    mentor.pk = pk  # Django clears it on delete; the tests need the id the history keeps
    return mentor


def test_it_keeps_the_page_and_history_of_a_deleted_intervention(chef_client, deleted):
    response = chef_client.get(f"/interventions/{deleted.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indsatsen er slettet" in html
    assert "Slettet</span> af hr-a" in html
    assert "Nyuddannede pædagoger" in html  # the target groups it had
    assert "Gendan indsatsen" not in html
    assert f'href="/interventions/{deleted.pk}/edit/"' not in html


def test_it_lists_deleted_interventions_to_editors_with_restore_for_admins(editor_a_client, client, admin_user,
                                                                            deleted):
    editor_html = editor_a_client.get("/municipalities/165/interventions/").content.decode()
    client.force_login(admin_user)
    admin_html = client.get("/municipalities/165/interventions/").content.decode()
    assert "1 slettet indsats" in editor_html and "Mentorordning" in editor_html
    assert f'action="/interventions/{deleted.pk}/restore/"' not in editor_html
    assert f'action="/interventions/{deleted.pk}/restore/"' in admin_html
    assert [d.title for d in deleted_interventions(Municipality.objects.get(code=165))] == ["Mentorordning"]


def test_it_lets_an_admin_restore_a_deleted_intervention(client, admin_user, deleted):
    created_at = Intervention.history.filter(id=deleted.pk, history_type="+").get().created_at
    client.force_login(admin_user)
    response = client.post(f"/interventions/{deleted.pk}/restore/")
    restored = Intervention.objects.get(pk=deleted.pk)
    assert response.status_code == 302 and response["Location"] == f"/interventions/{deleted.pk}/"
    assert restored.title == "Mentorordning" and restored.status == "planned"
    assert [g.slug for g in restored.target_groups.all()] == ["new-graduates"]
    assert restored.version == 2
    assert restored.created_at == created_at
    entries = change_log(deleted.pk)
    assert [entry.kind for entry in entries] == ["restored", "deleted", "created"]
    assert entries[0].who == "admin-test" and entries[0].changes == []
    assert deleted_interventions(restored.municipality) == []


def test_it_answers_an_htmx_restore_with_a_fragment_and_the_coverage_event(client, admin_user, deleted):
    client.force_login(admin_user)
    response = client.post(f"/interventions/{deleted.pk}/restore/", headers=HTMX)
    assert "coverage-changed" in json.loads(response["HX-Trigger"])
    assert "Indsatsen “Mentorordning” er gendannet." in response.content.decode()


def test_it_lets_only_admins_restore(editor_a_client, chef_client, deleted):
    assert editor_a_client.post(f"/interventions/{deleted.pk}/restore/").status_code == 403
    assert chef_client.post(f"/interventions/{deleted.pk}/restore/").status_code == 403
    assert not Intervention.objects.filter(pk=deleted.pk).exists()


def test_it_answers_404_when_there_is_nothing_to_restore(client, admin_user, mentor):
    client.force_login(admin_user)
    assert client.post(f"/interventions/{mentor.pk}/restore/").status_code == 404
    assert client.post("/interventions/999999/restore/").status_code == 404


def test_it_refuses_get_on_restore(client, admin_user, deleted):
    client.force_login(admin_user)
    assert client.get(f"/interventions/{deleted.pk}/restore/").status_code == 405


def test_it_makes_a_form_opened_before_the_deletion_meet_a_conflict(editor_a_client, client, admin_user, deleted):
    client.force_login(admin_user)
    client.post(f"/interventions/{deleted.pk}/restore/")
    restored = Intervention.objects.get(pk=deleted.pk)
    stale = {**edit_data(restored, title="Gammel formular"), "version": "1"}
    html = editor_a_client.post(f"/interventions/{deleted.pk}/edit/", stale).content.decode()
    assert "En anden har gemt ændringer" in html
    assert "Gendannet" in html
    assert Intervention.objects.get(pk=deleted.pk).title == "Mentorordning"
