"""The rules of the intervention form in Danish: a title, a target group, dates in order, no negative numbers,
actual participants only once it has started, a start date when running, one message for an unreadable date, a type
from the catalogue; a refused form says it was not saved."""

import pytest

from interventions.models import Intervention
from tests.intervention_edits import HTMX
from tests.intervention_form_data import NEW, errors_of, form_data

pytestmark = pytest.mark.django_db


def _refused(client, **overrides) -> str:
    count = Intervention.objects.count()
    response = client.post(NEW, form_data(**overrides))
    assert response.status_code == 200
    assert Intervention.objects.count() == count
    return response.content.decode()


def test_it_requires_a_title(editor_a_client):
    html = _refused(editor_a_client, title="   ")
    assert "Skriv en titel på indsatsen." in errors_of(html, "title")
    # The rest of the input is kept for the user to correct the one thing.
    assert 'value="Københavns Professionshøjskole"' in html
    assert "Et modul på 10 ECTS." in html


def test_it_requires_at_least_one_target_group(editor_a_client):
    html = _refused(editor_a_client, target_groups=[])
    assert "Vælg mindst én målgruppe." in errors_of(html, "target_groups")
    assert 'aria-describedby="id_target_groups_error"' in html


def test_it_refuses_an_end_date_before_the_start(editor_a_client):
    html = _refused(editor_a_client, status="ended", start_date="2025-03-01", end_date="2025-02-28")
    assert "Slutdatoen kan ikke ligge før startdatoen." in errors_of(html, "end_date")


def test_it_accepts_an_end_date_on_the_start_date(editor_a_client):
    editor_a_client.post(NEW, form_data(status="ended", start_date="2025-03-01", end_date="2025-03-01"))
    assert Intervention.objects.filter(title="Uddannelse af praktikvejledere 2025").exists()


@pytest.mark.parametrize(("field", "message"), [
    ("participants_planned", "Tallet kan ikke være negativt."),
    ("participants_actual", "Tallet kan ikke være negativt."),
    ("budget_dkk", "Budgettet kan ikke være negativt."),
])
def test_it_refuses_negative_numbers(editor_a_client, field, message):
    html = _refused(editor_a_client, **{field: "-1"})
    assert message in errors_of(html, field)


def test_it_refuses_actual_participants_for_a_planned_intervention(editor_a_client):
    html = _refused(editor_a_client, status="planned", participants_actual="3")
    assert "Faktiske deltagere kan kun angives for indsatser, der er i gang eller afsluttet." in \
        errors_of(html, "participants_actual")


def test_it_accepts_actual_participants_for_an_ended_intervention(editor_a_client):
    editor_a_client.post(NEW, form_data(status="ended", start_date="2024-01-01", end_date="2024-12-31"))
    assert Intervention.objects.get(title="Uddannelse af praktikvejledere 2025").participants_actual == 10


def test_it_requires_a_start_date_for_a_running_intervention(editor_a_client):
    html = _refused(editor_a_client, status="running", start_date="")
    assert "En indsats, der er i gang, skal have en startdato." in errors_of(html, "start_date")


def test_it_gives_an_unreadable_date_one_clear_message(editor_a_client):
    html = _refused(editor_a_client, start_date="31-02-2025")
    errors = errors_of(html, "start_date")
    assert "Skriv en gyldig dato." in errors
    assert "skal have en startdato" not in errors


def test_it_refuses_a_type_that_is_not_in_the_catalogue(editor_a_client):
    html = _refused(editor_a_client, intervention_type="999999")
    assert "Vælg en indsatstype fra listen." in errors_of(html, "intervention_type")


def test_it_marks_the_form_as_not_saved_and_answers_htmx_with_the_form(editor_a_client):
    response = editor_a_client.post(NEW, form_data(title=""), headers=HTMX)
    html = response.content.decode()
    assert "HX-Trigger" not in response
    assert html.lstrip().startswith('<form id="intervention-form"')
    assert "Indsatsen er ikke gemt" in html
    assert 'aria-invalid="true"' in html
