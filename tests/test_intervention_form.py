"""Creating and editing an intervention: the catalogue picker, htmx and plain posts, the rules applied on an edit;
the form's rules in Danish: test_intervention_validation.py."""

import json

import pytest

from interventions.models import Intervention
from tests.intervention_edits import HTMX
from tests.intervention_form_data import NEW, errors_of, form_data, group_pk, type_pk

pytestmark = pytest.mark.django_db


# --- Create -----------------------------------------------------------------------------------

def test_it_creates_an_intervention_with_a_plain_post_and_shows_it(editor_a_client, editor_a):
    response = editor_a_client.post(NEW, form_data())
    intervention = Intervention.objects.get(title="Uddannelse af praktikvejledere 2025")
    assert response.status_code == 302
    assert response["Location"] == f"/interventions/{intervention.pk}/"
    assert intervention.municipality.code == 165
    assert intervention.created_by == editor_a
    assert intervention.version == 1
    assert intervention.budget_dkk == 150000
    assert [g.slug for g in intervention.target_groups.all()] == ["students"]
    page = editor_a_client.get(response["Location"]).content.decode()
    assert "Indsatsen “Uddannelse af praktikvejledere 2025” er oprettet." in page


def test_it_answers_an_htmx_create_with_a_fragment_and_the_coverage_event(editor_a_client):
    response = editor_a_client.post(NEW, form_data(), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "coverage-changed" in json.loads(response["HX-Trigger"])
    assert "<html" not in html
    assert "er oprettet" in html
    assert Intervention.objects.filter(municipality__code=165, title="Uddannelse af praktikvejledere 2025").exists()


def test_it_serves_the_whole_create_page_and_only_the_form_to_htmx(editor_a_client):
    page = editor_a_client.get(NEW).content.decode()
    fragment = editor_a_client.get(NEW, headers=HTMX).content.decode()
    assert "<html" in page and "Ny indsats i Albertslund" in page
    assert fragment.lstrip().startswith('<form id="intervention-form"')
    assert "<html" not in fragment


def test_it_refuses_other_methods_on_the_create_page(editor_a_client):
    assert editor_a_client.put(NEW).status_code == 405
    assert editor_a_client.delete(NEW).status_code == 405


def test_it_shows_the_eva_share_and_confidence_in_the_grouped_picker(editor_a_client):
    html = editor_a_client.get(NEW).content.decode()
    assert '<optgroup label="Flere godt igennem praktikken: Pædagogstuderende i praktik">' in html
    assert "Opkvalificering af praktikvejledere – EVA: 78 %</option>" in html
    assert "Tilbud om merituddannelse med jobgaranti – EVA: 57 % (foreløbig)</option>" in html
    assert "Personalegoder – EVA: ingen andel</option>" in html
    assert '<option value="" selected>Anden indsats (ikke i kataloget)' in html
    assert html.count("<optgroup") == 7


def test_it_fills_in_the_type_from_the_dashboard_link(editor_a_client):
    html = editor_a_client.get(NEW, {"type": "mentor-scheme"}).content.decode()
    assert f'<option value="{type_pk("mentor-scheme")}" selected>Mentorordning – EVA: 65 %</option>' in html
    assert f'value="{group_pk("new-graduates")}" id="id_target_groups_{group_pk("new-graduates")}" checked' in html
    assert 'value="Mentorordning"' in html
    assert "65 % af kommunerne har denne indsats." in html
    assert "Sikkerhed: sikker" in html


def test_it_ignores_an_unknown_type_in_the_link(editor_a_client):
    html = editor_a_client.get(NEW, {"type": "no-such-type"}).content.decode()
    assert '<option value="" selected>Anden indsats' in html
    assert " checked" not in html


def test_it_proposes_the_target_group_of_a_picked_type(editor_a_client):
    response = editor_a_client.get(NEW, {"intervention_type": type_pk("placement-evaluation")},
                                   headers={**HTMX, "HX-Trigger-Name": "intervention_type"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="type-fields">')
    assert f'id="id_target_groups_{group_pk("students")}" checked' in html
    assert html.count(" checked") == 1
    assert "44 % (udledt af teksten) af kommunerne har denne indsats." in html


def test_it_swaps_the_proposed_target_group_when_another_type_is_picked(editor_a_client):
    # The user ticked seniors by hand; the earlier pick proposed students.
    response = editor_a_client.get(
        NEW, {"intervention_type": type_pk("mentor-scheme"), "proposed_target_group": group_pk("students"),
              "target_groups": [group_pk("students"), group_pk("seniors")]},
        headers={**HTMX, "HX-Trigger-Name": "intervention_type"})
    html = response.content.decode()
    assert f'id="id_target_groups_{group_pk("new-graduates")}" checked' in html
    assert f'id="id_target_groups_{group_pk("seniors")}" checked' in html
    assert f'id="id_target_groups_{group_pk("students")}" checked' not in html
    assert f'name="proposed_target_group" value="{group_pk("new-graduates")}"' in html


def test_it_marks_a_provisional_share_as_such(editor_a_client):
    html = editor_a_client.get(NEW, {"intervention_type": type_pk("merit-offer")},
                               headers={**HTMX, "HX-Trigger-Name": "intervention_type"}).content.decode()
    assert "80 % (foreløbig) af kommunerne har denne indsats." in html
    assert "Andelen er usikker: Hæftet viser de seks tal" in html
    assert "Sikkerhed: foreløbig" in html


def test_it_creates_an_other_intervention_with_target_groups_picked_by_hand(editor_a_client):
    editor_a_client.post(NEW, form_data(title="Jobmesse", intervention_type="",
                                    target_groups=[str(group_pk("career-changers")), str(group_pk("seniors"))]))
    intervention = Intervention.objects.get(title="Jobmesse")
    assert intervention.intervention_type is None
    assert {g.slug for g in intervention.target_groups.all()} == {"career-changers", "seniors"}


def test_it_ignores_a_municipality_smuggled_into_the_form(editor_a_client):
    editor_a_client.post(NEW, {**form_data(), "municipality": "183", "version": "7", "created_by": "999"})
    intervention = Intervention.objects.get(title="Uddannelse af praktikvejledere 2025")
    assert intervention.municipality.code == 165
    assert intervention.version == 1


# --- Edit -------------------------------------------------------------------------------------

@pytest.fixture
def planned(make_intervention, editor_a):
    return make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer til nyuddannede")


def _edit_data(intervention, **overrides) -> dict:
    current = {"title": intervention.title, "intervention_type": str(intervention.intervention_type_id),
               "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
               "start_date": "", "participants_actual": "", "version": str(intervention.version)}
    return form_data(**{**current, **overrides})


def test_it_edits_an_intervention_with_a_plain_post(editor_a_client, planned):
    response = editor_a_client.post(f"/interventions/{planned.pk}/edit/",
                                    _edit_data(planned, status="running", start_date="2025-08-01"))
    planned.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/interventions/{planned.pk}/"
    assert planned.status == "running"
    assert str(planned.start_date) == "2025-08-01"
    assert planned.version == 2


def test_it_answers_an_htmx_edit_with_a_fragment_and_the_coverage_event(editor_a_client, planned):
    response = editor_a_client.post(f"/interventions/{planned.pk}/edit/",
                                    _edit_data(planned, status="running", start_date="2025-08-01"), headers=HTMX)
    assert "coverage-changed" in json.loads(response["HX-Trigger"])
    assert "Ændringerne er gemt." in response.content.decode()
    assert "<html" not in response.content.decode()


def test_it_serves_the_edit_form_with_the_current_values_and_version(editor_a_client, planned):
    page = editor_a_client.get(f"/interventions/{planned.pk}/edit/").content.decode()
    fragment = editor_a_client.get(f"/interventions/{planned.pk}/edit/", headers=HTMX).content.decode()
    assert 'value="Mentorer til nyuddannede"' in page
    assert '<input type="hidden" name="version" value="1"' in page
    assert fragment.lstrip().startswith('<form id="intervention-form"') and "<html" not in fragment
    assert "Rediger “Mentorer til nyuddannede”" in fragment


def test_it_refuses_other_methods_on_the_edit_page(editor_a_client, planned):
    assert editor_a_client.put(f"/interventions/{planned.pk}/edit/").status_code == 405


def test_it_applies_the_rules_when_editing(editor_a_client, planned):
    response = editor_a_client.post(f"/interventions/{planned.pk}/edit/", _edit_data(planned, status="running"))
    planned.refresh_from_db()
    assert "En indsats, der er i gang, skal have en startdato." in errors_of(response.content.decode(), "start_date")
    assert planned.status == "planned" and planned.version == 1


def test_it_answers_404_for_an_unknown_intervention_or_municipality(editor_a_client, admin_user, client):
    client.force_login(admin_user)
    assert client.get("/interventions/999999/edit/").status_code == 404
    assert client.get("/municipalities/999/interventions/new/").status_code == 404
