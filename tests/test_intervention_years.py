"""An intervention's dates lie in the years 2000–2100, in the HR form and the admin's, and the list's year filter
stays short whatever dates were stored before."""

from datetime import date
from decimal import Decimal

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


def test_the_list_the_api_and_coverage_over_time_agree_on_what_ran_in_a_year(chef_client, make_intervention,
                                                                              editor_a):
    """One rule of "ran in a year" (interventions.spells) for the list's filter, the API's and coverage over time.

    Albertslund, three interventions on the internship pathway (6 catalogue types with an EVA share):
    - "Historie" (supervisor-training): no dates; saved as running on 1.3.2021 and as ended on 1.6.2022 (its
      history), so it ran 1.3.2021–1.6.2022;
    - "Plan" (supervisor-network): planned from 1.1.2021: never ran (the old filter listed it in 2021 and 2023);
    - "Dateret" (student-onboarding): ended, 1.2.2020–31.1.2021.
    2020: Dateret (coverage 1/6 = 16,7); 2021: Dateret and Historie (2/6 = 33,3); 2023: none (0,0).
    """
    from datetime import datetime

    from django.utils import timezone

    from indicators.dashboards.coverage_history import coverage_history_page
    from recruitment.models import Municipality
    from tests.pages import find_all, text

    history = make_intervention(editor_a, type_slug="supervisor-training", status="running", title="Historie")
    history.status = "ended"
    history.save_with_target_groups(history.target_groups.all(), editor_a)
    for index, day in enumerate([date(2021, 3, 1), date(2022, 6, 1)]):
        record = Intervention.history.filter(id=history.pk).order_by("history_date", "history_id")[index]
        Intervention.history.filter(history_id=record.history_id).update(
            history_date=timezone.make_aware(datetime(day.year, day.month, day.day, 12)))
    make_intervention(editor_a, type_slug="supervisor-network", status="planned", start_date=date(2021, 1, 1),
                      title="Plan")
    make_intervention(editor_a, type_slug="student-onboarding", status="ended", start_date=date(2020, 2, 1),
                      end_date=date(2021, 1, 31), title="Dateret")
    expected = {2020: ["Dateret"], 2021: ["Dateret", "Historie"], 2023: []}

    def listed(year: int) -> list[str]:
        html = chef_client.get("/municipalities/165/interventions/", {"year": str(year)}).content.decode()
        body = find_all(html, "tbody")
        return sorted(text(link) for link in (find_all(body[0], "a") if body else [])
                      if link.startswith('<a href="/interventions/') and "/edit/" not in link
                      and "/delete/" not in link)

    def api(year: int) -> list[str]:
        answer = chef_client.get("/api/v1/interventions/", {"municipality": "165", "year": str(year)}).json()
        return sorted(item["title"] for item in answer["results"])

    page = coverage_history_page(Municipality.objects.get(code=165), "year", date(2026, 6, 30))
    chart = next(chart for chart in page.charts if chart.id == "history-through-internship")
    coverage = {int(row[0]): row[1] for row in chart.table.rows if row[0].isdigit()}
    for year, titles in expected.items():
        assert listed(year) == titles, year
        assert api(year) == titles, year
        assert coverage[year] == Decimal({0: "0.0", 1: "16.7", 2: "33.3"}[len(titles)]), year
