"""History of every create, change and delete (who, when, what, field by field), the detail page that shows it,
and the Django admin keeping the same history (restoring a deleted intervention: test_intervention_restore.py)."""

import json

import pytest

from interventions.history import change_log
from interventions.models import Intervention
from recruitment.models import Municipality, TargetGroup
from tests.intervention_edits import HTMX, edit_data, mentor_scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor(make_intervention, editor_a):
    return mentor_scheme(make_intervention, editor_a)


def test_it_records_a_creation_once_with_the_user_and_the_target_groups(editor_a_client, editor_a):
    editor_a_client.post("/municipalities/165/interventions/new/", {
        "title": "Jobmesse", "intervention_type": "", "status": "planned",
        "target_groups": [str(TargetGroup.objects.get(slug="career-changers").pk)]})
    intervention = Intervention.objects.get(title="Jobmesse")
    records = list(intervention.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+" and records[0].history_user == editor_a
    [entry] = change_log(intervention.pk)
    assert entry.kind == "created" and entry.who == "hr-a"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Titel", "—", "Jobmesse"), ("Målgrupper", "—", "Sporskiftere og ledige med en bachelor"),
        ("Status", "—", "Planlagt"),
    ]


def test_it_records_a_change_field_by_field(editor_a_client, mentor):
    seniors = TargetGroup.objects.get(slug="seniors")
    editor_a_client.post(f"/interventions/{mentor.pk}/edit/", edit_data(
        mentor, status="running", start_date="2025-09-01", budget_dkk="125000",
        target_groups=[str(g.pk) for g in mentor.target_groups.all()] + [str(seniors.pk)]))
    assert mentor.history.count() == 2
    changed, created = change_log(mentor.pk)
    assert created.kind == "created" and changed.kind == "changed"
    assert changed.who == "hr-a" and changed.version == 2
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Målgrupper", "Nyuddannede pædagoger", "Nyuddannede pædagoger, Seniorpædagoger (55+)"),
        ("Status", "Planlagt", "I gang"),
        ("Startdato", "—", "1. sep. 2025"),  # one date format throughout (recruitment/dates.py)
        ("Budget (kr.)", "—", "125.000 kr."),
    ]


def test_it_records_a_deletion_with_the_user(editor_a_client, editor_a, mentor):
    response = editor_a_client.post(f"/interventions/{mentor.pk}/delete/", {"version": "1"})
    assert response.status_code == 302 and response["Location"] == "/municipalities/165/interventions/"
    assert not Intervention.objects.filter(pk=mentor.pk).exists()
    deletion = Intervention.history.filter(id=mentor.pk).latest()
    assert deletion.history_type == "-" and deletion.history_user == editor_a
    assert [entry.kind for entry in change_log(mentor.pk)] == ["deleted", "created"]


def test_it_asks_before_deleting(editor_a_client, mentor):
    page = editor_a_client.get(f"/interventions/{mentor.pk}/delete/").content.decode()
    fragment = editor_a_client.get(f"/interventions/{mentor.pk}/delete/", headers=HTMX).content.decode()
    assert "Slet “Mentorordning”?" in page and "Ja, slet indsatsen" in page
    assert fragment.lstrip().startswith('<form class="confirm-delete"') and "<html" not in fragment
    assert Intervention.objects.filter(pk=mentor.pk).exists()


def test_it_answers_an_htmx_delete_with_a_fragment_and_the_coverage_event(editor_a_client, mentor):
    response = editor_a_client.post(f"/interventions/{mentor.pk}/delete/", {"version": "1"}, headers=HTMX)
    assert "coverage-changed" in json.loads(response["HX-Trigger"])
    assert "Indsatsen “Mentorordning” er slettet. En administrator kan gendanne den." in response.content.decode()


def test_it_refuses_other_methods_on_the_delete_page(editor_a_client, mentor):
    assert editor_a_client.put(f"/interventions/{mentor.pk}/delete/").status_code == 405


def test_it_shows_the_intervention_with_its_history(chef_client, editor_a_client, mentor):
    editor_a_client.post(f"/interventions/{mentor.pk}/edit/", edit_data(mentor, partners="UCL"))
    html = chef_client.get(f"/interventions/{mentor.pk}/").content.decode()
    assert "<h1>Mentorordning</h1>" in html
    assert "Nyuddannede pædagoger" in html
    assert html.count('<article class="history-entry') == 2
    assert "Ændret</span> af hr-a" in html
    assert '<th scope="row">Samarbejdspartnere</th><td>—</td><td>UCL</td>' in html
    assert html.index("Ændret</span>") < html.index("Oprettet</span>")  # newest first


def test_it_returns_only_the_detail_fragment_to_htmx(chef_client, mentor):
    html = chef_client.get(f"/interventions/{mentor.pk}/", headers=HTMX).content.decode()
    assert html.lstrip().startswith('<section id="intervention-detail"') and "<html" not in html


def test_it_refuses_post_on_the_detail_page(editor_a_client, mentor):
    assert editor_a_client.post(f"/interventions/{mentor.pk}/").status_code == 405


@pytest.mark.parametrize(("role", "sees_controls"), [("editor_a", True), ("admin_user", True), ("chef", False),
                                                    ("editor_b", False)])
def test_it_shows_edit_controls_only_to_those_who_may_edit(client, request, mentor, role, sees_controls):
    client.force_login(request.getfixturevalue(role))
    html = client.get(f"/interventions/{mentor.pk}/").content.decode()
    assert (f'href="/interventions/{mentor.pk}/edit/"' in html) is sees_controls
    assert (f'href="/interventions/{mentor.pk}/delete/"' in html) is sees_controls


def test_it_says_when_an_intervention_has_no_recorded_history(chef_client):
    # seed_demo bulk-creates its rows, which records no history.
    [demo] = Intervention.objects.bulk_create([Intervention(municipality=Municipality.objects.get(code=165),
                                                            title="Demo", is_demo=True)])
    html = chef_client.get(f"/interventions/{demo.pk}/").content.decode()
    assert "Ingen ændringer registreret" in html


def test_it_reads_the_history_in_the_same_number_of_queries_however_long(
        mentor, editor_a, django_assert_num_queries):
    with django_assert_num_queries(4):
        assert len(change_log(mentor.pk)) == 1
    for number in range(6):
        mentor.title = f"Mentorordning {number}"
        mentor.save_with_target_groups(mentor.target_groups.all(), editor_a)
    with django_assert_num_queries(4):
        assert len(change_log(mentor.pk)) == 7


def test_it_shows_the_detail_page_in_the_same_number_of_queries_however_long_the_history(
        chef_client, mentor, editor_a, django_assert_num_queries):
    url = f"/interventions/{mentor.pk}/"
    chef_client.get(url)
    # The coverage panel loads from its own URL; one of the 12 reads the partner municipalities.
    with django_assert_num_queries(12) as short:
        chef_client.get(url)
    for number in range(5):
        mentor.title = f"Mentorordning {number}"
        mentor.save_with_target_groups(mentor.target_groups.all(), editor_a)
    with django_assert_num_queries(len(short.captured_queries)):
        chef_client.get(url)



# --- The Django admin keeps the same history and rules ------------------------------------------

def _admin_form(intervention, **overrides) -> dict:
    data = {"municipality": str(intervention.municipality_id), "title": intervention.title,
            "intervention_type": str(intervention.intervention_type_id or ""),
            "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
            "start_date": "", "end_date": "", "partners": "", "participants_planned": "", "participants_actual": "",
            "budget_dkk": "", "description": "", "results": "", "version": str(intervention.version)}
    data.update(overrides)
    return data


def test_it_records_an_admin_change_as_one_entry_and_moves_the_version(client, admin_user, mentor):
    client.force_login(admin_user)
    response = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/",
                           _admin_form(mentor, status="running", start_date="2025-01-06"))
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.status == "running" and mentor.version == 2
    changed, _ = change_log(mentor.pk)
    assert changed.who == "admin-test"
    assert [c.label for c in changed.changes] == ["Status", "Startdato"]


def test_it_applies_the_rules_in_the_admin_too(client, admin_user, mentor):
    client.force_login(admin_user)
    response = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/",
                           _admin_form(mentor, status="running"))
    assert response.status_code == 200
    assert "En indsats, der er i gang, skal have en startdato." in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == "planned" and mentor.version == 1


def test_it_records_an_admin_creation_once(client, admin_user, mentor):
    client.force_login(admin_user)
    response = client.post("/admin/interventions/intervention/add/", _admin_form(mentor, title="Fra admin"))
    assert response.status_code == 302
    created = Intervention.objects.get(title="Fra admin")
    assert created.created_by == admin_user
    assert [(r.history_type, r.history_user) for r in created.history.all()] == [("+", admin_user)]


def test_the_history_logs_every_field_the_forms_edit_and_nothing_else():
    """The HR form and the admin's form edit exactly the logged fields: its own hidden fields aside (the version
    the user started from, the proposed target group), a field added to the forms but not to the log would change
    without a trace, and a logged field no form edits could never show a change."""
    from interventions.admin import InterventionAdmin
    from interventions.forms import InterventionForm
    from interventions.history import LOGGED_FIELDS

    form = InterventionForm(options=[], target_groups=[])
    assert [name for name in form.fields if name not in ("version", "proposed_target_group")] == list(LOGGED_FIELDS)
    assert InterventionAdmin.fields == ["municipality", *LOGGED_FIELDS, "version"]
