"""The municipality dashboard /municipalities/<code>/ against hand computations.

Albertslund's interventions (fixture albertslund_known): running supervisor-training (78 %) and
student-onboarding (66 %), planned supervisor-network (39 %), ended placement-rotation (28 %), a running
intervention with no catalogue type for seniors, and running pau-training-agreements (no EVA share).
Counting running interventions only:
- into-education: 0 of 9 types with a share -> 0,0 %; EVA expected (45+24+57+41+48+80+24+12+35)/9 = 40,7 %;
  difference -40,7; assistants reached (pau-training-agreements) -> 1 of 3 groups; 1 active intervention.
- through-internship: 2 of 6 -> 33,3 %; expected (78+66+44+39+28+27)/6 = 47,0 %; difference -13,7;
  students reached; 2 active interventions; Region Hovedstaden's average 33,33 / 29 = 1,1 %.
- stay-in-job: 0 of 18 -> 0,0 %; expected 864/18 = 48,0 %; difference -48,0; seniors reached (1 intervention).
With plans: through-internship 3 of 6 -> 50,0 %, difference +3,0, region 50 / 29 = 1,7 %, 3 active.
"""

import re

import pytest

from interventions.models import Intervention
from tests.pages import element, figure_json, find_all, tables, text, unwrapped

pytestmark = pytest.mark.django_db


RUNNING = Intervention.Status.RUNNING


INTERNSHIP_TYPES = ["supervisor-training", "student-onboarding", "placement-evaluation", "supervisor-network",
                    "placement-rotation", "student-forum"]


def _panel(html: str, slug: str) -> dict[str, str]:
    article = find_all(html, "article", aria_labelledby=f"pathway-{slug}")[0]
    return dict(re.findall(r'data-figure="(\w+)">([^<]+)<', article)) | {"text": text(article)}


def test_it_shows_the_hand_computed_figures_in_the_three_panels(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/").content.decode()
    assert html.count('class="pathway-panel"') == 3
    education, internship, stay = (_panel(html, slug) for slug in ["into-education", "through-internship",
                                                                   "stay-in-job"])
    assert (education["coverage"], education["expected"], education["difference"]) == ("0,0 %", "40,7 %", "-40,7")
    assert (internship["coverage"], internship["expected"], internship["difference"]) == ("33,3 %", "47,0 %",
                                                                                          "-13,7")
    assert (stay["coverage"], stay["expected"], stay["difference"]) == ("0,0 %", "48,0 %", "-48,0")
    # Albertslund is the only one of the region's 29 to report: the region's average is its own.
    assert (education["region"], internship["region"], stay["region"]) == ("0,0 %", "33,3 %", "0,0 %")
    assert "1 af 29 kommuner i Region Hovedstaden har registreret" in internship["text"]
    assert (education["interventions"], internship["interventions"], stay["interventions"]) == ("1", "2", "1")
    assert "2 af 6 indsatstyper" in internship["text"]
    assert "Erfarne pædagogmedhjælpere og pædagogiske assistenter (PAU): nås af 1 indsats" in education["text"]
    assert "Unge i sabbatår-job: nås ikke" in education["text"]
    assert "Seniorpædagoger (55+): nås af 1 indsats" in stay["text"]
    assert "Nyuddannede pædagoger: nås ikke" in stay["text"]


def test_it_counts_planned_interventions_when_the_toggle_asks(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/", {"planned": "1"}).content.decode()
    internship = _panel(html, "through-internship")
    assert (internship["coverage"], internship["difference"], internship["region"]) == ("50,0 %", "+3,0", "50,0 %")
    assert internship["interventions"] == "3"
    assert 'id="toggle-planned" href="/municipalities/165/?planned=1"' in html
    assert re.search(r'id="toggle-planned"[^>]*aria-current="true"', html)


def test_it_draws_a_chart_per_pathway_with_its_numbers_in_a_table(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/").content.decode()
    figure = figure_json(html, "chart-through-internship-data")
    assert figure["layout"]["separators"] == ",."
    bars = {trace["name"]: dict(zip(unwrapped(trace["y"]), trace["x"], strict=True)) for trace in figure["data"]
            if trace["type"] == "bar"}
    assert bars["I gang i kommunen"] == {"Opkvalificering af praktikvejledere": 78.0,
                                         "Onboarding i form af introduktionsforløb for studerende i praktik": 66.0}
    assert bars["Kun planlagt"] == {"Etablering af netværk for praktikvejledere (udledt af teksten)": 39.0}
    assert sorted(bars["Kører ikke"].values()) == [27.0, 28.0, 44.0]
    rows = tables(element(html, "chart-through-internship"))[0]
    assert rows[0] == ["Indsatstype", "Målgruppe", "EVA-andel (%)", "Sikkerhed", "Status i kommunen"]
    assert rows[1] == ["Opkvalificering af praktikvejledere", "Pædagogstuderende i praktik", "78,0", "", "I gang"]
    # The four inferred shares say so, with why (tests/test_certainty.py).
    assert [row[2] + row[3][:17] + row[4] for row in rows[3:]] == [
        "44,0udledt af teksten" + "Kører ikke", "39,0udledt af teksten" + "Planlagt",
        "28,0udledt af teksten" + "Kører ikke", "27,0udledt af teksten" + "Kører ikke"]
    assert 'href="/municipalities/165/?csv=chart-through-internship"' in html
    assert html.count('class="chart"') == 3


def test_it_serves_a_charts_numbers_as_csv(chef_client, albertslund_known):
    response = chef_client.get("/municipalities/165/", {"csv": "chart-through-internship", "planned": "1"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kommune-165-chart-through-internship.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel set to Danish
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == '"Indsatstype";"Målgruppe";"EVA-andel (%)";"Sikkerhed";"Status i kommunen"'
    assert lines[1] == '"Opkvalificering af praktikvejledere";"Pædagogstuderende i praktik";78,0;;"I gang"'
    assert lines[4].startswith('"Etablering af netværk for praktikvejledere";"Pædagogstuderende i praktik";39,0;'
                               '"udledt af teksten: Tallet står lige under indsatsen')
    assert lines[4].endswith('(44, 39, 28 og 27 %) kan være byttet om.";"Planlagt"')
    assert len(lines) == 8  # 6 types and the empty string after the last line end


def test_it_serves_a_charts_numbers_as_xlsx(chef_client, albertslund_known):
    import io

    from openpyxl import load_workbook

    html = chef_client.get("/municipalities/165/").content.decode()
    assert 'href="/municipalities/165/?xlsx=chart-through-internship"' in html
    response = chef_client.get("/municipalities/165/", {"xlsx": "chart-through-internship", "planned": "1"})
    assert 'filename="kommune-165-chart-through-internship.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[2]] == ["Opkvalificering af praktikvejledere", "Pædagogstuderende i praktik",
                                                 78, None, "I gang"]
    assert (sheet["C2"].data_type, sheet["C2"].number_format) == ("n", '0.0" %"')
    about = {row[0].value: row[1].value for row in workbook["Om tallene"].iter_rows()}
    assert about["Side"] == "http://testserver/municipalities/165/?xlsx=chart-through-internship&planned=1"
    assert "EVA" in about["Kilde"]


def test_it_answers_404_for_an_unknown_chart_csv(chef_client):
    assert chef_client.get("/municipalities/165/", {"csv": "nope"}).status_code == 404


def test_it_lists_the_largest_gaps_of_each_pathway_with_inspiration(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/").content.decode()
    section = element(html, "worth-considering")
    titles = re.findall(r"<h3>([^<]+)</h3>", section)
    assert titles == [
        # into-education: the widespread 80, 57, 48; then what EVA recommends that is not among them
        "Tilbud om merituddannelse som pædagog", "Tilbud om merituddannelse med jobgaranti",
        "Opsøgende indsatser for at få flere til at søge meritpædagoguddannelsen",
        "Uddannelsesforløb, der sigter mod at skabe nysgerrighed for pædagoguddannelsen",
        "Tilrettelæggelse af individuelle udviklingsplaner",
        "Dialogmøder med unge på sabbatår om at vælge pædagogfaget",
        # through-internship: 44, 39 (only planned), 28 (ended); recommended besides: the students' forum
        "Øget fokus på evaluering af praktikstedet", "Etablering af netværk for praktikvejledere",
        "Mulighed for rotation mellem praktiksteder",
        "Etablering af forum for erfaringsudveksling mellem studerende",
        # stay-in-job: 94, 93, 70; recommended besides (the first three in catalogue order)
        "Fokus på at nedbringe sygefravær", "Systematisk arbejde med trivsel og arbejdsmiljø",
        "Onboarding-forløb for nyuddannede", "Mentorordning",
        "Fleksible arbejdsforhold, fx bloktid eller hjemmearbejdsdage",
        "Flere på fuldtid, fx forberedelsestid og indflydelse på tilrettelæggelsen af arbejdstiden",
    ]
    words = text(section)
    assert "Planlagt i kommunen, men ikke i gang endnu." in words
    assert "Inspiration fra Frederiksberg: Det eksemplariske praktikforløb" in words  # supervisor-network
    assert "Inspiration fra Aarhus: Fundamentet til dit pædagogliv" in words  # graduate-onboarding
    assert "Inspiration fra Albertslund" not in words  # its own strategy is no inspiration to itself
    assert "0,0 % i Region Hovedstaden (0 af 1 kommuner, der har registreret)" in words


def test_it_marks_provisional_shares_with_their_note(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/").content.decode()
    words = text(element(html, "worth-considering"))
    assert ("57 % af kommunerne har den ifølge EVA's kortlægning (2024) foreløbig Hvorfor usikker? Hæftet viser de "
            "seks tal") in words
    assert "94 % af kommunerne har den ifølge EVA's kortlægning (2024) Hvor står det?" in words  # sure: no mark
    rows = tables(element(html, "chart-into-education"))[0]
    row = next(row for row in rows if row[0] == "Tilbud om merituddannelse med jobgaranti")
    assert row[2] == "57,0" and row[3].startswith("foreløbig: Hæftet viser de seks tal")
    assert "8 af de 9 andele er usikre (foreløbige eller udledt af teksten)" in text(html)  # all but 35 %


def test_it_offers_to_start_a_gap_only_to_the_municipalitys_editors(client, chef, editor_a, editor_b, admin_user,
                                                                   add_intervention):
    add_intervention(165, "ended", "mentor-scheme")  # registered: suggestions are shown (tests/test_reporting.py)
    link = 'href="/municipalities/165/interventions/new/?type=placement-evaluation&amp;status=running&amp;next='
    for user, sees in [(chef, False), (editor_a, True), (editor_b, False), (admin_user, True)]:
        client.force_login(user)
        html = client.get("/municipalities/165/").content.decode()
        assert (link in html) is sees, user.username
        assert ("Start denne indsats" in html) is sees, user.username


def test_it_shows_key_facts_per_target_group_with_their_source(chef_client):
    html = chef_client.get("/municipalities/165/").content.decode()
    words = text(element(html, "key-facts"))
    assert "Seniorpædagoger (55+) 5.700 Pædagoger i dagtilbud over 55 år (næsten 1 ud af 5) " \
           "Gælder: Hele landet · Pædagoger i dagtilbud Kilde: Inspirationshæfte til kommunerne fra undersøgelsen " \
           "Flere pædagoger til daginstitutioner, Danmarks Evalueringsinstitut (EVA), 2024." in words
    assert ("4.000 om året Studerende der starter på pædagoguddannelsen hvert år Gælder: Hele landet · Studerende "
            "på pædagoguddannelsen Kilde: Inspirationshæfte") in words
    # The SPU figure says whom and where it is about (tests/test_sources.py).
    assert ("56 % Studerende og elever på velfærdsuddannelserne i hovedstadsområdet, der gerne vil vende tilbage "
            "til praktikstedet") in words
    assert "Gælder: Region Hovedstaden (hovedstadskommunerne, regionen, KP og SOSU H)" in words
    assert "Kilde: Samarbejdet om uddannelsesopgaven – i lyset af reform" in words
    assert "Unge i sabbatår-job" in words


def test_it_says_in_words_that_an_empty_municipality_has_no_coverage(chef_client, add_intervention):
    # Registered, but nothing active: it reports, with 0 % (an unregistered one: tests/test_reporting.py).
    add_intervention(101, "ended", "mentor-scheme")
    response = chef_client.get("/municipalities/101/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "København har ingen aktive indsatser registreret. Dækningen er derfor 0 % på alle tre veje" in text(html)
    assert [_panel(html, slug)["coverage"] for slug in ["into-education", "through-internship", "stay-in-job"]] == [
        "0,0 %"] * 3
    assert html.count("nås ikke") == 7
    figure = figure_json(html, "chart-stay-in-job-data")
    assert [trace["name"] for trace in figure["data"] if trace["type"] == "bar"] == ["Kører ikke"]
    assert len(figure["data"][0]["x"]) == 18


def test_it_counts_interventions_without_a_catalogue_type_for_reach_only(chef_client, add_intervention):
    add_intervention(147, RUNNING, None, ["students", "new-graduates"])
    html = chef_client.get("/municipalities/147/").content.decode()
    internship, stay = _panel(html, "through-internship"), _panel(html, "stay-in-job")
    assert (internship["coverage"], internship["interventions"]) == ("0,0 %", "1")
    assert "Pædagogstuderende i praktik: nås af 1 indsats" in internship["text"]
    assert (stay["coverage"], stay["interventions"]) == ("0,0 %", "1")
    assert "ingen aktive indsatser registreret" not in html


def test_it_shows_full_coverage_when_all_types_of_a_pathway_run(chef_client, add_intervention):
    for slug in INTERNSHIP_TYPES:
        add_intervention(183, RUNNING, slug)
    html = chef_client.get("/municipalities/183/").content.decode()
    internship = _panel(html, "through-internship")
    assert (internship["coverage"], internship["difference"]) == ("100,0 %", "+53,0")
    assert "6 af 6 indsatstyper" in internship["text"]
    assert "Flere godt igennem praktikken ·" not in text(element(html, "worth-considering"))  # no gaps left
    assert [t["name"] for t in figure_json(html, "chart-through-internship-data")["data"] if t["type"] == "bar"] == [
        "I gang i kommunen"]
