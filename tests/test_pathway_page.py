"""One pathway in depth: /municipalities/<code>/pathways/<slug>/ (hand computations as in test_dashboard.py).

Besides Albertslund's interventions (albertslund_known), Ishøj runs supervisor-training: in Region
Hovedstaden (29 municipalities) 2 run it -> 6,9 %; student-onboarding 1 -> 3,4 %; the rest 0,0 %.
"""

import re

import pytest

from interventions.models import Intervention
from tests.pages import element, figure_json, tables, text

pytestmark = pytest.mark.django_db

URL = "/municipalities/165/pathways/through-internship/"


@pytest.fixture
def ishoej_supervisors(add_intervention):
    add_intervention(183, Intervention.Status.RUNNING, "supervisor-training")


def test_it_shows_the_pathways_hand_computed_figures(chef_client, albertslund_known, ishoej_supervisors):
    html = chef_client.get(URL).content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', html))
    assert figures["coverage"] == "33,3 %"
    assert figures["expected"] == "47,0 %"
    assert figures["difference"].strip() == "-13,7 point"
    # Region Hovedstaden: Albertslund 2/6, Ishøj 1/6, the only two that report -> (33,33 + 16,67) / 2 = 25,0 %.
    assert figures["region"].strip() == "25,0 %"
    assert "2 af 29 kommuner i Region Hovedstaden har registreret" in text(html)
    assert figures["interventions"] == "2"
    assert "<h1>Flere godt igennem praktikken" in html


def test_it_lists_the_groups_interventions_of_every_status(chef_client, albertslund_known):
    html = chef_client.get(URL).content.decode()
    rows = tables(element(html, "pathway-body"))
    interventions = next(table for table in rows if table[0][0] == "Indsats")
    assert [row[:3] for row in interventions[1:]] == [
        ["student-onboarding", "Onboarding i form af introduktionsforløb for studerende i praktik", "I gang"],
        ["supervisor-training", "Opkvalificering af praktikvejledere", "I gang"],
        ["supervisor-network", "Etablering af netværk for praktikvejledere", "Planlagt"],
        ["placement-rotation", "Mulighed for rotation mellem praktiksteder", "Afsluttet"],
    ]
    assert "Målgruppen nås af 2 aktive indsatser." in text(html)
    assert "Se alle" not in html


def test_it_lists_ten_of_a_groups_interventions_and_links_to_all(chef_client, albertslund_known, add_intervention):
    for number in range(9):  # 4 of the fixture + 9 = 13 interventions for the students
        add_intervention(165, Intervention.Status.ENDED, "student-forum", title=f"Forum {number}")
    html = chef_client.get(URL).content.decode()
    interventions = next(table for table in tables(element(html, "pathway-body")) if table[0][0] == "Indsats")
    assert len(interventions) == 1 + 10
    assert interventions[1][0] == "student-onboarding"  # running first, as before
    assert ('<a href="/municipalities/165/interventions/?target_group=students">Se alle 13 indsatser for '
            'målgruppen</a>') in html


def test_a_group_lists_what_names_it_and_never_another_municipalitys(chef_client, albertslund_known,
                                                                      add_intervention):
    """An intervention reaches the groups it names: a supervisor training (a type for the students) that names only
    the seniors is not among the students' interventions; a local intervention that names the students is; Ishøj's
    never shows here. The list's ?target_group=students filter shows the same five (the fixture's four named the
    students, plus the café)."""
    add_intervention(165, Intervention.Status.ENDED, "supervisor-training", ["seniors"], title="Ældre vejledere")
    add_intervention(165, Intervention.Status.PLANNED, None, ["students"], title="Lokal praktikcafé")
    add_intervention(183, Intervention.Status.RUNNING, "student-onboarding", title="Ishøjs onboarding")
    html = chef_client.get(URL).content.decode()
    interventions = next(table for table in tables(element(html, "pathway-body")) if table[0][0] == "Indsats")
    listed = ["student-onboarding", "supervisor-training", "Lokal praktikcafé", "supervisor-network",
              "placement-rotation"]
    assert [row[0] for row in interventions[1:]] == listed
    filtered = chef_client.get("/municipalities/165/interventions/?target_group=students").content.decode()
    assert all(title in filtered for title in listed)
    assert "Ældre vejledere" not in filtered and "Ishøjs onboarding" not in filtered
    seniors = chef_client.get("/municipalities/165/interventions/?target_group=seniors").content.decode()
    assert "Ældre vejledere" in seniors


def test_it_shows_each_catalogue_type_with_its_state_share_and_the_regions_adoption(chef_client, albertslund_known,
                                                                                    ishoej_supervisors):
    html = chef_client.get(URL).content.decode()
    types = next(table for table in tables(element(html, "pathway-body")) if table[0][0] == "Indsatstype"
                 and table[0][1] == "I kommunen")
    # The share's cell: the share, its certainty word where uncertain, then "Hvor står det?" on demand.
    assert [re.split(r"Hvor står det\?|Hvorfor usikker\?", row[2])[0].strip() for row in types[1:]] == [
        "78 %", "66 %", "44 % udledt af teksten", "39 % udledt af teksten", "28 % udledt af teksten",
        "27 % udledt af teksten"]
    for row in types[1:]:
        row[2] = row[2].split()[0] + " %"
    assert [row[:4] for row in types[1:]] == [
        ["Opkvalificering af praktikvejledere", "✓ I gang", "78 %", "100,0 % (2 af 2, der har registreret)"],
        ["Onboarding i form af introduktionsforløb for studerende i praktik", "✓ I gang", "66 %",
         "50,0 % (1 af 2, der har registreret)"],
        ["Øget fokus på evaluering af praktikstedet", "✗ Kører ikke", "44 %", "0,0 % (0 af 2, der har registreret)"],
        ["Etablering af netværk for praktikvejledere", "◔ Planlagt", "39 %", "0,0 % (0 af 2, der har registreret)"],
        ["Mulighed for rotation mellem praktiksteder", "✗ Kører ikke", "28 %", "0,0 % (0 af 2, der har registreret)"],
        ["Etablering af forum for erfaringsudveksling mellem studerende", "✗ Kører ikke", "27 %",
         "0,0 % (0 af 2, der har registreret)"],
    ]
    assert types[1][4].startswith("Frederiksberg: Det eksemplariske praktikforløb")
    assert "Ishøj: Uddannede praktikvejledere" in types[1][4]


def test_it_draws_the_types_against_eva_and_the_region(chef_client, albertslund_known, ishoej_supervisors):
    html = chef_client.get(URL).content.decode()
    figure = figure_json(html, "chart-through-internship-data")
    region = next(trace for trace in figure["data"] if trace.get("mode") == "markers")
    assert region["name"] == "Andel i Region Hovedstaden"
    labels = [y.replace("<br>", " ") for y in region["y"]]  # long type names wrap onto lines
    assert dict(zip(labels, region["x"], strict=True))["Opkvalificering af praktikvejledere"] == 100.0
    assert "Andel i regionen (%)" in tables(element(html, "chart-through-internship"))[0][0]


def test_it_shows_an_empty_pathway_in_words(chef_client, add_intervention):
    add_intervention(101, Intervention.Status.ENDED, "supervisor-training")  # it reports, with nothing active
    html = chef_client.get("/municipalities/101/pathways/stay-in-job/").content.decode()
    assert "Ingen aktive indsatser på denne vej – dækningen er 0 %." in html
    assert text(html).count("Ingen aktiv indsats når målgruppen.") == 3
    assert text(html).count("Kommunen har ingen indsatser registreret for målgruppen.") == 3


def test_it_shows_key_facts_of_each_target_group(chef_client):
    words = text(chef_client.get("/municipalities/165/pathways/stay-in-job/").content.decode())
    assert ("5.700 Pædagoger i dagtilbud over 55 år (næsten 1 ud af 5) Gælder: Hele landet · Pædagoger i dagtilbud "
            "Kilde: Inspirationshæfte til kommunerne fra undersøgelsen Flere pædagoger til daginstitutioner") in words


def test_it_links_the_other_pathways_and_keeps_the_toggle(chef_client):
    html = chef_client.get(URL, {"planned": "1"}).content.decode()
    assert 'href="/municipalities/165/pathways/stay-in-job/?planned=1"' in html
    assert re.search(r'href="/municipalities/165/pathways/through-internship/\?planned=1" aria-current="page"', html)


def test_it_returns_only_the_pathway_body_to_htmx(chef_client):
    html = chef_client.get(URL, {"planned": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="pathway-body">')
    assert "<html" not in html


def test_it_serves_the_charts_numbers_as_csv(chef_client, albertslund_known):
    response = chef_client.get(URL, {"csv": "chart-through-internship"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines()[0].endswith('"Status i kommunen";"Andel i regionen (%)"')


def test_it_answers_404_for_unknown_pathways_and_municipalities(chef_client):
    assert chef_client.get("/municipalities/165/pathways/nowhere/").status_code == 404
    assert chef_client.get("/municipalities/999/pathways/stay-in-job/").status_code == 404
