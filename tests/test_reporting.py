"""Averages over the municipalities that report, against hand computations.

A municipality reports when it has registered at least one intervention (any status) or an editor has confirmed
that it runs none of the catalogue's types. Through-internship has 6 types with an EVA share, so one type is
16.67 points. The set-up (`hovedstaden`):
- Albertslund (165) runs supervisor-training and student-onboarding: 2/6 = 33.33 %;
- Ishøj (183) has confirmed that it runs none: 0 %;
- København (101) has one ended intervention (placement-rotation): it reports, with 0 %;
- the other 26 municipalities of Region Hovedstaden (29 in all) have registered nothing.
Region average of through-internship = (33.33 + 0 + 0) / 3 = 11.1 over 3 of 29 (counting everyone would give
33.33 / 29 = 1.1). Region Nordjylland (11 municipalities, Aalborg 851 among them) has nobody reporting.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from indicators.coverage import load_catalogue, national_coverage, reporting_ids
from indicators.numbers import round1
from interventions.models import Intervention, NoneRunConfirmation
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def hovedstaden(add_intervention):
    status = Intervention.Status
    add_intervention(165, status.RUNNING, "supervisor-training")
    add_intervention(165, status.RUNNING, "student-onboarding")
    add_intervention(101, status.ENDED, "placement-rotation")
    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=183), confirmed_on=date(2026, 11, 1))


def _csv(client, code: int) -> list[str]:
    response = client.get(f"/municipalities/{code}/coverage.csv")
    assert response.status_code == 200
    return response.content.decode("utf-8").split("\n")


def _ids(*codes: int) -> set[int]:
    return set(Municipality.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_it_counts_any_intervention_or_a_confirmation_as_reporting(hovedstaden):
    assert reporting_ids(load_catalogue()) == _ids(165, 101, 183)


def test_it_does_not_count_a_municipality_whose_only_intervention_was_deleted(hovedstaden, make_intervention):
    intervention = make_intervention(None, 147, "mentor-scheme", status=Intervention.Status.RUNNING)
    assert _ids(147) <= reporting_ids(load_catalogue())
    intervention.delete()
    assert not _ids(147) & reporting_ids(load_catalogue())


def test_it_adds_the_region_average_over_reporting_municipalities_to_coverage_csv(chef_client, hovedstaden):
    lines = _csv(chef_client, 165)
    assert lines[0].endswith(",target_groups_total,target_groups_reached,region_average_pct,region_reporting,"
                             "region_total")
    assert lines[1:4] == [
        "into-education,9,0,0.0,40.7,-40.7,3,0,0.0,3,29",
        "through-internship,6,2,33.3,47.0,-13.7,1,1,11.1,3,29",
        "stay-in-job,18,0,0.0,48.0,-48.0,3,0,0.0,3,29",
    ]


def test_it_leaves_the_average_empty_in_a_region_where_nobody_reported(chef_client, hovedstaden):
    assert _csv(chef_client, 851)[2] == "through-internship,6,0,0.0,47.0,-47.0,1,0,,0,11"


def test_it_gives_the_same_new_columns_in_the_api(chef_client, hovedstaden):
    rows = chef_client.get("/api/v1/municipalities/165/coverage/").json()
    assert rows[1]["region_average_pct"] == 11.1
    assert (rows[1]["region_reporting"], rows[1]["region_total"]) == (3, 29)
    nobody = chef_client.get("/api/v1/municipalities/851/coverage/").json()
    assert (nobody[1]["region_average_pct"], nobody[1]["region_reporting"]) == (None, 0)


def test_it_takes_adoption_shares_over_reporting_municipalities(hovedstaden):
    national = national_coverage()
    region = national.subset(m for m in national.municipalities if m.region.name == "Region Hovedstaden")
    adoption = {a.entry.intervention_type.slug: a for a in region.adoption()}["supervisor-training"]
    assert (adoption.municipalities, adoption.of) == (1, 3)
    assert round1(adoption.adoption_pct) == Decimal("33.3")
    nordjylland = national.subset(m for m in national.municipalities if m.region.name == "Region Nordjylland")
    nobody = nordjylland.adoption()[0]
    assert (nobody.of, nobody.adoption_pct) == (0, None)
    assert nordjylland.average_coverage_pct(region.catalogue.pathways[1]) is None


def test_it_marks_unreported_municipalities_in_the_heatmap(hovedstaden):
    national = national_coverage()
    entry = next(e for e in national.catalogue.all_entries() if e.intervention_type.slug == "supervisor-training")
    states = {m.code: national.state(m, entry) for m in national.municipalities if m.code in {165, 183, 101, 147}}
    assert states == {165: "running", 183: "none", 101: "none", 147: "unreported"}


def test_it_says_of_how_many_every_region_average_is(chef_client, hovedstaden):
    html = chef_client.get("/municipalities/165/").content.decode()
    assert "11,1 %" in html
    assert "3 af 29 kommuner i Region Hovedstaden har registreret" in html


def test_it_says_plainly_when_nobody_in_the_region_reported(chef_client, hovedstaden):
    html = chef_client.get("/municipalities/851/").content.decode()
    assert "Intet gennemsnit endnu: ingen af de 11 kommuner i Region Nordjylland har registreret deres indsatser." \
        in html


def test_it_tells_a_municipality_that_has_not_reported_what_to_do_instead_of_showing_zero(chef_client, hovedstaden):
    html = chef_client.get("/municipalities/851/").content.decode()
    assert "Aalborg har ikke registreret sine indsatser endnu." in html
    assert "ikke 0 %" in html
    assert 'href="/municipalities/851/interventions/"' in html
    assert 'data-figure="coverage">0,0 %' not in html
    assert "Forslagene vises, når Aalborg har registreret sine indsatser" in html  # no gaps it may not have
    assert 'class="suggestion"' not in html
    confirmed = chef_client.get("/municipalities/183/").content.decode()
    assert "har ikke registreret sine indsatser endnu" not in confirmed
    assert 'data-figure="coverage">0,0 %' in confirmed


def test_it_shows_unreported_municipalities_apart_on_the_compare_page(chef_client, hovedstaden):
    html = chef_client.get("/compare/", {"sammenlign": "region.1084"}).content.decode()
    assert "ikke registreret" in html
    assert "over de 3 af 29 kommuner, der har registreret" in html
    assert "11,1 %" in html


def test_it_lets_an_editor_confirm_and_withdraw_running_none(client, reference_data):
    from recruitment.models import Membership

    editor = get_user_model().objects.create_user("hr-aalborg", password="x")
    aalborg = Municipality.objects.get(code=851)
    Membership.objects.create(user=editor, municipality=aalborg, role=Membership.Role.EDITOR)
    client.force_login(editor)
    page = client.get("/municipalities/851/interventions/").content.decode()
    assert "Bekræft: Aalborg har ingen af katalogets indsatser" in page
    response = client.post("/municipalities/851/interventions/none-run/", {"action": "confirm"})
    assert response.status_code == 302
    confirmation = NoneRunConfirmation.objects.get(municipality=aalborg)
    assert confirmation.confirmed_by == editor
    assert aalborg.pk in reporting_ids(load_catalogue())
    assert "har bekræftet den" in client.get("/municipalities/851/interventions/").content.decode()
    client.post("/municipalities/851/interventions/none-run/", {"action": "withdraw"})
    assert not NoneRunConfirmation.objects.filter(municipality=aalborg).exists()
    assert aalborg.pk not in reporting_ids(load_catalogue())
    history = NoneRunConfirmation.history.filter(municipality_id=aalborg.pk).order_by("history_date")
    assert [(h.history_type, h.history_user) for h in history] == [("+", editor), ("-", editor)]


def test_it_refuses_other_editors_and_unknown_actions(client, editor_b, editor_a):
    client.force_login(editor_b)
    assert client.post("/municipalities/165/interventions/none-run/", {"action": "confirm"}).status_code == 403
    client.force_login(editor_a)
    response = client.post("/municipalities/165/interventions/none-run/", {"action": "drop tables"}, follow=True)
    assert "Ukendt handling; intet er ændret." in response.content.decode()
    assert not NoneRunConfirmation.objects.exists()
