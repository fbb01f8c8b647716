"""Creating and editing an intervention: the catalogue picker, the rules in Danish, htmx and plain posts."""

import json

import pytest

from interventions.models import Intervention, InterventionType
from recruitment.models import TargetGroup
from tests.pages import find_all

pytestmark = pytest.mark.django_db

NEW = "/municipalities/165/interventions/new/"
HTMX = {"HX-Request": "true"}


def _group(slug: str) -> int:
    return TargetGroup.objects.get(slug=slug).pk


def _type(slug: str) -> int:
    return InterventionType.objects.get(slug=slug).pk


def _data(**overrides) -> dict:
    data = {
        "title": "Uddannelse af praktikvejledere 2025",
        "intervention_type": str(_type("supervisor-training")),
        "target_groups": [str(_group("students"))],
        "status": "running",
        "start_date": "2025-02-01",
        "end_date": "",
        "partners": "Københavns Professionshøjskole",
        "participants_planned": "12",
        "participants_actual": "10",
        "budget_dkk": "150000",
        "description": "Et modul på 10 ECTS.",
        "results": "",
    }
    data.update(overrides)
    return data


def _errors_of(html: str, field: str) -> str:
    """The error list Django renders next to a field (id_<field>_error), or '' when there is none."""
    found = find_all(html, id=f"id_{field}_error")
    return found[0] if found else ""


# --- Create -----------------------------------------------------------------------------------

def test_it_creates_an_intervention_with_a_plain_post_and_shows_it(editor_a_client, editor_a):
    response = editor_a_client.post(NEW, _data())
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
    response = editor_a_client.post(NEW, _data(), headers=HTMX)
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
    assert f'<option value="{_type("mentor-scheme")}" selected>Mentorordning – EVA: 65 %</option>' in html
    assert f'value="{_group("new-graduates")}" id="id_target_groups_{_group("new-graduates")}" checked' in html
    assert 'value="Mentorordning"' in html
    assert "65 % af kommunerne har denne indsats." in html
    assert "Sikkerhed: sikker" in html


def test_it_ignores_an_unknown_type_in_the_link(editor_a_client):
    html = editor_a_client.get(NEW, {"type": "no-such-type"}).content.decode()
    assert '<option value="" selected>Anden indsats' in html
    assert " checked" not in html


def test_it_proposes_the_target_group_of_a_picked_type(editor_a_client):
    response = editor_a_client.get(NEW, {"intervention_type": _type("placement-evaluation")},
                                   headers={**HTMX, "HX-Trigger-Name": "intervention_type"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="type-fields">')
    assert f'id="id_target_groups_{_group("students")}" checked' in html
    assert html.count(" checked") == 1
    assert "44 % (udledt af teksten) af kommunerne har denne indsats." in html


def test_it_swaps_the_proposed_target_group_when_another_type_is_picked(editor_a_client):
    # The user ticked seniors by hand; the earlier pick proposed students.
    response = editor_a_client.get(
        NEW, {"intervention_type": _type("mentor-scheme"), "proposed_target_group": _group("students"),
              "target_groups": [_group("students"), _group("seniors")]},
        headers={**HTMX, "HX-Trigger-Name": "intervention_type"})
    html = response.content.decode()
    assert f'id="id_target_groups_{_group("new-graduates")}" checked' in html
    assert f'id="id_target_groups_{_group("seniors")}" checked' in html
    assert f'id="id_target_groups_{_group("students")}" checked' not in html
    assert f'name="proposed_target_group" value="{_group("new-graduates")}"' in html


def test_it_marks_a_provisional_share_as_such(editor_a_client):
    html = editor_a_client.get(NEW, {"intervention_type": _type("merit-offer")},
                               headers={**HTMX, "HX-Trigger-Name": "intervention_type"}).content.decode()
    assert "80 % (foreløbig) af kommunerne har denne indsats." in html
    assert "Andelen er usikker: Hæftet viser de seks tal" in html
    assert "Sikkerhed: foreløbig" in html


def test_it_creates_an_other_intervention_with_target_groups_picked_by_hand(editor_a_client):
    editor_a_client.post(NEW, _data(title="Jobmesse", intervention_type="",
                                    target_groups=[str(_group("career-changers")), str(_group("seniors"))]))
    intervention = Intervention.objects.get(title="Jobmesse")
    assert intervention.intervention_type is None
    assert {g.slug for g in intervention.target_groups.all()} == {"career-changers", "seniors"}


def test_it_ignores_a_municipality_smuggled_into_the_form(editor_a_client):
    editor_a_client.post(NEW, {**_data(), "municipality": "183", "version": "7", "created_by": "999"})
    intervention = Intervention.objects.get(title="Uddannelse af praktikvejledere 2025")
    assert intervention.municipality.code == 165
    assert intervention.version == 1


# --- Validation -------------------------------------------------------------------------------

def _refused(client, **overrides) -> str:
    count = Intervention.objects.count()
    response = client.post(NEW, _data(**overrides))
    assert response.status_code == 200
    assert Intervention.objects.count() == count
    return response.content.decode()


def test_it_requires_a_title(editor_a_client):
    html = _refused(editor_a_client, title="   ")
    assert "Skriv en titel på indsatsen." in _errors_of(html, "title")
    # The rest of the input is kept for the user to correct the one thing.
    assert 'value="Københavns Professionshøjskole"' in html
    assert "Et modul på 10 ECTS." in html


def test_it_requires_at_least_one_target_group(editor_a_client):
    html = _refused(editor_a_client, target_groups=[])
    assert "Vælg mindst én målgruppe." in _errors_of(html, "target_groups")
    assert 'aria-describedby="id_target_groups_error"' in html


def test_it_refuses_an_end_date_before_the_start(editor_a_client):
    html = _refused(editor_a_client, status="ended", start_date="2025-03-01", end_date="2025-02-28")
    assert "Slutdatoen kan ikke ligge før startdatoen." in _errors_of(html, "end_date")


def test_it_accepts_an_end_date_on_the_start_date(editor_a_client):
    editor_a_client.post(NEW, _data(status="ended", start_date="2025-03-01", end_date="2025-03-01"))
    assert Intervention.objects.filter(title="Uddannelse af praktikvejledere 2025").exists()


@pytest.mark.parametrize(("field", "message"), [
    ("participants_planned", "Tallet kan ikke være negativt."),
    ("participants_actual", "Tallet kan ikke være negativt."),
    ("budget_dkk", "Budgettet kan ikke være negativt."),
])
def test_it_refuses_negative_numbers(editor_a_client, field, message):
    html = _refused(editor_a_client, **{field: "-1"})
    assert message in _errors_of(html, field)


def test_it_refuses_actual_participants_for_a_planned_intervention(editor_a_client):
    html = _refused(editor_a_client, status="planned", participants_actual="3")
    assert "Faktiske deltagere kan kun angives for indsatser, der er i gang eller afsluttet." in \
        _errors_of(html, "participants_actual")


def test_it_accepts_actual_participants_for_an_ended_intervention(editor_a_client):
    editor_a_client.post(NEW, _data(status="ended", start_date="2024-01-01", end_date="2024-12-31"))
    assert Intervention.objects.get(title="Uddannelse af praktikvejledere 2025").participants_actual == 10


def test_it_requires_a_start_date_for_a_running_intervention(editor_a_client):
    html = _refused(editor_a_client, status="running", start_date="")
    assert "En indsats, der er i gang, skal have en startdato." in _errors_of(html, "start_date")


def test_it_gives_an_unreadable_date_one_clear_message(editor_a_client):
    html = _refused(editor_a_client, start_date="31-02-2025")
    errors = _errors_of(html, "start_date")
    assert "Skriv en gyldig dato." in errors
    assert "skal have en startdato" not in errors


def test_it_refuses_a_type_that_is_not_in_the_catalogue(editor_a_client):
    html = _refused(editor_a_client, intervention_type="999999")
    assert "Vælg en indsatstype fra listen." in _errors_of(html, "intervention_type")


def test_it_marks_the_form_as_not_saved_and_answers_htmx_with_the_form(editor_a_client):
    response = editor_a_client.post(NEW, _data(title=""), headers=HTMX)
    html = response.content.decode()
    assert "HX-Trigger" not in response
    assert html.lstrip().startswith('<form id="intervention-form"')
    assert "Indsatsen er ikke gemt" in html
    assert 'aria-invalid="true"' in html


# --- Edit -------------------------------------------------------------------------------------

@pytest.fixture
def planned(make_intervention, editor_a):
    return make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer til nyuddannede")


def _edit_data(intervention, **overrides) -> dict:
    current = {"title": intervention.title, "intervention_type": str(intervention.intervention_type_id),
               "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
               "start_date": "", "participants_actual": "", "version": str(intervention.version)}
    return _data(**{**current, **overrides})


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
    assert "En indsats, der er i gang, skal have en startdato." in _errors_of(response.content.decode(), "start_date")
    assert planned.status == "planned" and planned.version == 1


def test_it_answers_404_for_an_unknown_intervention_or_municipality(editor_a_client, admin_user, client):
    client.force_login(admin_user)
    assert client.get("/interventions/999999/edit/").status_code == 404
    assert client.get("/municipalities/999/interventions/new/").status_code == 404
