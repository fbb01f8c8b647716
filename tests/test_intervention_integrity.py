"""Nothing lost: the admin's change form refuses a stale save like the HR pages, rows without a
creation entry keep their conflicts and restores, a delete needs its version, two restores at once."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client

from interventions import history
from interventions.history import change_log
from interventions.models import Intervention
from recruitment.models import Membership, Municipality, TargetGroup
from tests.conftest import edit_form, refused, saved_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(make_intervention, editor_a):
    return make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning",
                             budget_dkk=50000, description="Erfarne pædagoger følger de nye.")


def _admin_form(intervention, version: int, **overrides) -> dict:
    return {**edit_form(intervention, version), "municipality": str(intervention.municipality_id), **overrides}


def _bulk_created(title: str = "Demo", groups: tuple[str, ...] = ("students",)) -> Intervention:
    """A row the way seed_demo made them before, and rows older than the history table: no history at all."""
    [row] = Intervention.objects.bulk_create([Intervention(municipality=Municipality.objects.get(code=165),
                                                           title=title, budget_dkk=1000, is_demo=True)])
    through = Intervention.target_groups.through  # as seed_demo did: no signal, so no history either
    through.objects.bulk_create([through(intervention=row, targetgroup=group)
                                 for group in TargetGroup.objects.filter(slug__in=groups)])
    return row


# --- 1. The admin's change form carries its version --------------------------------------------------

def test_the_admin_form_opened_before_an_hr_save_is_refused_and_shows_what_changed(
        client, admin_user, editor_a_client, mentor):
    client.force_login(admin_user)
    opened = client.get(f"/admin/interventions/intervention/{mentor.pk}/change/").content.decode()
    assert 'name="version" value="1"' in opened
    # An HR consultant saves version 2 meanwhile.
    assert editor_a_client.post(f"/interventions/{mentor.pk}/edit/",
                                edit_form(mentor, 1, budget_dkk="80000", description="Nu med supervision."),
                                ).status_code == 302
    # The admin saves the form it had open, changing only the title.
    response = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/",
                           _admin_form(mentor, 1, title="Mentorordning (admin)"))
    html = refused(response, version=2)
    mentor.refresh_from_db()
    assert (mentor.budget_dkk, mentor.description, mentor.title, mentor.version) == (
        80000, "Nu med supervision.", "Mentorordning", 2)
    assert "Det har den anden ændret" in html
    assert "<th scope=\"row\">Budget (kr.)</th><td>50.000 kr.</td><td>80.000 kr.</td>" in html
    # The admin's own change is kept; the fields the admin left alone now show the HR consultant's values.
    assert 'value="Mentorordning (admin)"' in html
    assert 'value="80000"' in html
    assert 'name="version" value="2"' in html
    # Saving that form again keeps both people's changes.
    again = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/",
                        _admin_form(mentor, 2, title="Mentorordning (admin)", budget_dkk="80000",
                                    description="Nu med supervision."))
    mentor.refresh_from_db()
    assert again.status_code == 302
    assert (mentor.title, mentor.budget_dkk, mentor.version) == ("Mentorordning (admin)", 80000, 3)


def test_the_admin_form_needs_its_version(client, admin_user, mentor):
    client.force_login(admin_user)
    data = _admin_form(mentor, 1, title="Uden version")
    del data["version"]
    response = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/", data)
    mentor.refresh_from_db()
    assert response.status_code == 200
    assert "Formularen mangler sin version." in response.content.decode()
    assert mentor.title == "Mentorordning"


# --- 2. Rows without a creation entry ------------------------------------------------------------------

def test_a_deleted_row_without_history_can_be_opened_and_restored(client, admin_user, editor_a):
    row = _bulk_created("Bulkindsats")
    client.force_login(editor_a)
    assert client.post(f"/interventions/{row.pk}/delete/", {"version": "1"}).status_code == 302
    client.force_login(admin_user)
    page = client.get(f"/interventions/{row.pk}/")
    assert page.status_code == 200 and "Bulkindsats" in page.content.decode()
    assert client.post(f"/interventions/{row.pk}/restore/").status_code == 302
    restored = Intervention.objects.get(pk=row.pk)
    assert restored.title == "Bulkindsats" and [g.slug for g in restored.target_groups.all()] == ["students"]


def test_a_conflict_on_a_row_without_history_shows_the_change_and_keeps_it(editor_a_client, editor_b, mentor):
    row = _bulk_created("Bulkindsats")
    colleague = get_user_model().objects.create_user("hr-a3", password="x", first_name="Karin")
    Membership.objects.create(user=colleague, municipality=row.municipality, role=Membership.Role.EDITOR)
    assert saved_by(colleague, row, 1, budget_dkk="9000").status_code == 302
    html = refused(editor_a_client.post(f"/interventions/{row.pk}/edit/", edit_form(row, 1, title="Ny titel")),
                   version=2)
    assert "<th scope=\"row\">Budget (kr.)</th><td>1.000 kr.</td><td>9.000 kr.</td>" in html
    # The field the user left alone takes the colleague's value: saving again does not undo it.
    assert 'name="budget_dkk" value="9000"' in html and 'value="Ny titel"' in html


def test_seed_demo_and_the_migration_give_every_row_a_creation_entry(reference_data):
    from indicators.reference.demo import seed_demo

    seed_demo()
    rows = Intervention.objects.filter(is_demo=True)
    recorded = Intervention.history.filter(history_type="+", id__in=rows.values("pk"))
    assert rows.count() > 100 and recorded.count() == rows.count()
    one = rows.order_by("pk").first()
    [entry] = change_log(one.pk)
    assert entry.kind == "created" and {c.field for c in entry.changes} >= {"title", "target_groups"}
    # The data migration's function on rows made without history; a second run adds nothing.
    row = _bulk_created("Gammel række", ("students", "seniors"))
    models = (Intervention, Intervention.history.model, history.target_groups_history_model())
    assert history.record_missing_creations(*models) == 1
    assert history.record_missing_creations(*models) == 0
    assert history.values_at(row.pk, 1)["target_groups"] == frozenset(
        TargetGroup.objects.filter(slug__in=["students", "seniors"]).values_list("pk", flat=True))


# --- 3. Deleting needs the version ----------------------------------------------------------------------

@pytest.mark.parametrize("version", [None, "", "0", "abc", "-1"])
def test_a_delete_without_a_valid_version_deletes_nothing(editor_a_client, mentor, version):
    data = {} if version is None else {"version": version}
    response = editor_a_client.post(f"/interventions/{mentor.pk}/delete/", data)
    assert response.status_code == 200
    assert "Formularen mangler sin version" in response.content.decode()
    assert Intervention.objects.filter(pk=mentor.pk).exists()
    assert '<input type="hidden" name="version" value="1">' in response.content.decode()


# --- 4. Two restores at once -----------------------------------------------------------------------------

def test_a_second_restore_gets_a_calm_answer(client, admin_user, mentor, editor_a):
    pk = mentor.pk
    mentor.delete_checked(editor_a, 1)
    client.force_login(admin_user)
    assert client.post(f"/interventions/{pk}/restore/").status_code == 302
    second = client.post(f"/interventions/{pk}/restore/", follow=True)
    assert second.status_code == 200
    assert "Indsatsen “Mentorordning” er allerede gendannet." in second.content.decode()
    assert Intervention.history.filter(id=pk, history_change_reason="restored").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_two_restores_at_once_give_one_restore_and_a_calm_answer(admin_user, make_intervention, editor_a):
    mentor = make_intervention(editor_a, type_slug="mentor-scheme", title="Mentorordning")
    pk = mentor.pk
    mentor.delete_checked(editor_a, 1)
    first_restored, answers = threading.Event(), {}

    def first() -> None:
        # Restores and holds its transaction open until the second request has started.
        try:
            with transaction.atomic():
                history.restore(pk, admin_user)
                first_restored.set()
                threading.Event().wait(1.5)
        finally:
            connection.close()

    def second() -> None:
        try:
            first_restored.wait(10)
            client = Client(raise_request_exception=False)
            client.force_login(admin_user)
            response = client.post(f"/interventions/{pk}/restore/", follow=True)
            answers["status"], answers["html"] = response.status_code, response.content.decode()
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert answers["status"] == 200
    assert "er allerede gendannet" in answers["html"]
    assert Intervention.objects.filter(pk=pk).count() == 1
    assert Intervention.history.filter(id=pk, history_change_reason="restored").count() == 1
