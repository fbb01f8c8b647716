"""The home page's national summary: each type's adoption in all 98 municipalities beside EVA's share."""

import pytest

from interventions.models import Intervention
from tests.pages import element, figure_json, tables, text, unwrapped

pytestmark = pytest.mark.django_db


def test_it_shows_adoption_per_type_against_eva_for_all_98(chef_client, albertslund_known, add_intervention):
    add_intervention(183, Intervention.Status.RUNNING, "supervisor-training")
    html = chef_client.get("/").content.decode()
    summary = element(html, "national-summary")
    assert "Landsoverblik: indsatstyperne i alle 98 kommuner mod EVA" in summary
    assert "2 af 98 kommuner har registreret mindst én igangværende indsats fra kataloget." in text(summary)
    # Shares over the 2 that have registered, not over all 98 (tests/test_reporting.py).
    assert "Andelene er taget over de 2 af 98 kommuner, der har registreret deres indsatser." in text(summary)
    assert summary.count('class="chart"') == 3
    rows = tables(element(summary, "national-through-internship"))[0]
    assert rows[1] == ["Opkvalificering af praktikvejledere", "Pædagogstuderende i praktik", "78,0", "", "2", "100,0"]
    assert rows[4][:3] + rows[4][4:] == ["Etablering af netværk for praktikvejledere", "Pædagogstuderende i praktik",
                                         "39,0", "0", "0,0"]  # only planned
    assert rows[4][3].startswith("udledt af teksten: Tallet står lige under indsatsen")
    eva, registered = figure_json(html, "national-through-internship-data")["data"]
    assert registered["x"][registered["y"].index("Opkvalificering af praktikvejledere")] == 100.0


def test_it_says_in_words_when_no_municipality_has_registered_anything(chef_client):
    summary = text(element(chef_client.get("/").content.decode(), "national-summary"))
    assert "Ingen af de 98 kommuner har registreret deres indsatser endnu, så der er ingen andele at vise." in summary


def test_it_marks_provisional_shares_in_the_summary(chef_client):
    rows = tables(element(chef_client.get("/").content.decode(), "national-into-education"))[0]
    row = next(row for row in rows if row[0] == "Tilbud om merituddannelse med jobgaranti")
    assert row[2] == "57,0" and row[4:] == ["0", "–"]  # nobody has registered: no share
    assert row[3].startswith("foreløbig: Hæftet viser de seks tal for denne målgruppe")
    eva, _registered = figure_json(chef_client.get("/").content.decode(), "national-into-education-data")["data"]
    assert "Tilbud om merituddannelse med jobgaranti (foreløbig)" in unwrapped(eva["y"])
    assert rows[-1][2:] == ["–", "", "0", "–"]  # types without a share come last, in the table only


def test_it_serves_the_summarys_numbers_as_csv(chef_client, albertslund_known):
    html = chef_client.get("/").content.decode()
    assert 'href="/national/charts.csv?csv=national-stay-in-job"' in html
    response = chef_client.get("/national/charts.csv", {"csv": "national-through-internship"})
    assert 'filename="landsoverblik-national-through-internship.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").splitlines()[1] == (
        '"Opkvalificering af praktikvejledere";"Pædagogstuderende i praktik";78,0;;1;100,0')
    workbook = chef_client.get("/national/charts.csv", {"xlsx": "national-through-internship"})
    assert 'filename="landsoverblik-national-through-internship.xlsx"' in workbook["Content-Disposition"]
    assert chef_client.get("/national/charts.csv").status_code == 404
    assert chef_client.get("/national/charts.csv", {"csv": "x"}).status_code == 404
