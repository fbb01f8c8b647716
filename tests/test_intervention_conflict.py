"""No lost updates: a save that started from an older version is refused, shows what the other person
changed and keeps the user's own input."""

import pytest
from django.contrib.auth import get_user_model

from interventions.models import Intervention, StaleVersionError
from recruitment.models import Membership, Municipality
from tests.conftest import edit_form, refused, saved_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(reference_data):
    """A second HR consultant in Albertslund."""
    user = get_user_model().objects.create_user("hr-a2", password="x", first_name="Karin", last_name="Kollega")
    Membership.objects.create(user=user, municipality=Municipality.objects.get(code=165),
                              role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def intervention(make_intervention, editor_a):
    return make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning",
                             participants_planned=8)


def test_it_refuses_the_second_save_and_shows_what_the_other_person_changed(
        intervention, editor_a_client, colleague):
    # Both opened the form at version 1; the colleague saves first.
    assert saved_by(colleague, intervention, 1, status="running", start_date="2025-09-01").status_code == 302
    second = editor_a_client.post(f"/interventions/{intervention.pk}/edit/", edit_form(
        intervention, 1, title="Mentorordning for nyuddannede", participants_planned="20"))
    html = refused(second, version=2)
    intervention.refresh_from_db()

    assert "En anden har gemt ændringer i indsatsen, mens du redigerede den." in html
    # What the colleague changed, by whom.
    assert "Karin Kollega" in html
    assert "<th scope=\"row\">Status</th><td>Planlagt</td><td>I gang</td>" in html
    assert "<th scope=\"row\">Startdato</th><td>—</td><td>1. sep. 2025</td>" in html
    # The user's own input is still in the form, now against the current version...
    assert 'value="Mentorordning for nyuddannede"' in html
    assert 'name="participants_planned" value="20"' in html
    assert '<input type="hidden" name="version" value="2"' in html
    # ...and what the user left alone shows the colleague's values, so saving again loses nothing.
    assert '<option value="running" selected>I gang</option>' in html
    assert 'name="start_date" value="2025-09-01"' in html
    assert "I har begge ændret" not in html
    # Nothing of theirs was written over the colleague's save.
    assert intervention.title == "Mentorordning"
    assert intervention.status == "running"
    assert intervention.participants_planned == 8
    assert intervention.version == 2


def test_it_saves_the_kept_input_when_the_user_submits_it_again(intervention, editor_a_client, colleague):
    url = f"/interventions/{intervention.pk}/edit/"
    saved_by(colleague, intervention, 1, status="running", start_date="2025-09-01")
    editor_a_client.post(url, edit_form(intervention, 1, title="Ny titel", status="running", start_date="2025-09-01"))
    again = editor_a_client.post(url, edit_form(intervention, 2, title="Ny titel", status="running",
                                                start_date="2025-09-01"))
    intervention.refresh_from_db()
    assert again.status_code == 302
    assert intervention.title == "Ny titel" and intervention.version == 3


def test_it_points_out_the_fields_both_people_changed_and_keeps_the_users_value(
        intervention, editor_a_client, colleague):
    saved_by(colleague, intervention, 1, participants_planned="10", partners="UCL")
    html = refused(editor_a_client.post(f"/interventions/{intervention.pk}/edit/",
                                        edit_form(intervention, 1, participants_planned="30")), version=2)
    assert "<strong>I har begge ændret:</strong> Planlagte deltagere." in html
    assert 'name="participants_planned" value="30"' in html
    assert 'name="partners" value="UCL"' in html


def test_it_keeps_the_conflict_in_the_htmx_fragment_and_refreshes_the_coverage(
        intervention, editor_a_client, colleague):
    saved_by(colleague, intervention, 1, title="Mentorordning 2026")
    response = editor_a_client.post(f"/interventions/{intervention.pk}/edit/",
                                    edit_form(intervention, 1, partners="UCL"), headers={"HX-Request": "true"})
    html = refused(response, version=2)
    # Nothing of the user's was saved, but the colleague's save may have moved the coverage.
    assert "coverage-changed" in response["HX-Trigger"]
    assert html.lstrip().startswith('<form id="intervention-form"')
    assert "Det har den anden ændret" in html
    assert "<td>Mentorordning</td><td>Mentorordning 2026</td>" in html
    assert 'value="UCL"' in html


def test_it_refuses_a_stale_save_in_the_model_too(intervention):
    first = Intervention.objects.get(pk=intervention.pk)
    second = Intervention.objects.get(pk=intervention.pk)
    first.title = "Først"
    first.save()
    second.title = "Sidst"
    with pytest.raises(StaleVersionError):
        second.save()
    intervention.refresh_from_db()
    assert intervention.title == "Først" and intervention.version == 2
    assert second.version == 1


def test_it_requires_the_version_when_editing(intervention, editor_a_client):
    data = edit_form(intervention, 1, title="Uden version")
    del data["version"]
    html = editor_a_client.post(f"/interventions/{intervention.pk}/edit/", data).content.decode()
    intervention.refresh_from_db()
    assert "Formularen mangler sin version." in html
    assert intervention.title == "Mentorordning"


def test_it_refuses_to_delete_what_changed_since_the_confirmation_was_shown(
        intervention, editor_a_client, colleague):
    saved_by(colleague, intervention, 1, title="Mentorordning 2026")
    response = editor_a_client.post(f"/interventions/{intervention.pk}/delete/", {"version": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert Intervention.objects.filter(pk=intervention.pk).exists()
    assert "Indsatsen er ændret, siden du åbnede den." in html
    assert "Titel: Mentorordning → Mentorordning 2026" in html
    assert '<input type="hidden" name="version" value="2">' in html
