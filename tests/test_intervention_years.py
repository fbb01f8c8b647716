"""An intervention's dates lie in the years 2000–2100, in the HR form and the admin's, and the list's year filter
stays short whatever dates were stored before."""

from datetime import date

import pytest

from interventions.models import Intervention, InterventionType
from recruitment.models import TargetGroup
from tests.pages import find_all, text

pytestmark = pytest.mark.django_db

NEW = "/municipalities/165/interventions/new/"
MESSAGE = "Datoen skal ligge mellem år 2000 og 2100."


def _data(**overrides) -> dict:
    return {"title": "Praktikvejledere", "intervention_type": str(InterventionType.objects.get(
                slug="supervisor-training").pk),
            "target_groups": [str(TargetGroup.objects.get(slug="students").pk)], "status": "ended",
            "start_date": "2025-02-01", "end_date": "2025-06-30", "partners": "", "participants_planned": "",
            "participants_actual": "", "budget_dkk": "", "description": "", "results": "", **overrides}


def _error(html: str, field: str) -> str:
    found = find_all(html, id=f"id_{field}_error")
    return found[0] if found else ""


@pytest.mark.parametrize(("field", "value"), [("start_date", "0001-01-01"), ("start_date", "1999-12-31"),
                                              ("end_date", "9999-12-31"), ("end_date", "2101-01-01")])
def test_the_form_refuses_a_date_outside_2000_to_2100(editor_a_client, field, value):
    overrides = {field: value}
    if field == "start_date":
        overrides["end_date"] = ""
    response = editor_a_client.post(NEW, _data(**overrides))
    assert response.status_code == 200
    assert MESSAGE in _error(response.content.decode(), field)
    assert not Intervention.objects.exists()


def test_the_form_accepts_the_first_and_the_last_day_of_the_span(editor_a_client):
    response = editor_a_client.post(NEW, _data(start_date="2000-01-01", end_date="2100-12-31"))
    assert response.status_code == 302
    assert Intervention.objects.get().end_date == date(2100, 12, 31)


def test_the_admin_refuses_a_date_outside_2000_to_2100(client, admin_user, make_intervention, editor_a):
    mentor = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
    client.force_login(admin_user)
    data = {"municipality": str(mentor.municipality_id), "title": mentor.title,
            "intervention_type": str(mentor.intervention_type_id),
            "target_groups": [str(g.pk) for g in mentor.target_groups.all()], "status": "ended",
            "start_date": "2024-01-01", "end_date": "9999-12-31", "partners": "", "participants_planned": "",
            "participants_actual": "", "budget_dkk": "", "description": "", "results": "",
            "version": str(mentor.version)}
    response = client.post(f"/admin/interventions/intervention/{mentor.pk}/change/", data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    mentor.refresh_from_db()
    assert (mentor.status, mentor.end_date) == ("planned", None)


def test_the_year_filter_stays_within_2000_to_2100_whatever_was_stored(chef_client, make_intervention, editor_a):
    make_intervention(editor_a, status="ended", start_date=date(1, 1, 1), end_date=date(9999, 12, 31),
                      title="Gammel fejl")
    response = chef_client.get("/municipalities/165/interventions/")
    assert response.status_code == 200
    html = response.content.decode()
    select = next(tag for tag in find_all(html, "select") if 'name="year"' in tag)
    years = [text(option) for option in find_all(select, "option")][1:]
    assert (years[0], years[-1], len(years)) == ("2100", "2000", 101)
    assert len(html) < 100_000
    # A year beyond the span in the address is explained and ignored, as any bad filter.
    assert chef_client.get("/municipalities/165/interventions/", {"year": "9999"}).status_code == 200
