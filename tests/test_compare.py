"""/compare/: a region (default: the user's) or all municipalities, a heatmap and a sortable coverage table.

Hand computations: Albertslund as in test_dashboard.py (internship 2 of 6 = 33,3 %); Ishøj runs all six
internship types (100,0 %); Odense (Region Syddanmark) runs supervisor-training (16,7 %).
Averages are over the municipalities that have registered (tests/test_reporting.py): Region Hovedstaden's
internship average (33,33 + 100) / 2 = 66,7 %; the country's (33,33 + 100 + 16,67) / 3 = 50,0 %.
"""

import re

import pytest

from interventions.models import Intervention
from tests.pages import element, figure_json, tables, text


def _unwrapped(labels: list[str]) -> list[str]:
    """Axis labels as one line each: the charts wrap long type names with <br> (charts.base.wrap)."""
    return [label.replace("<br>", " ") for label in labels]


pytestmark = pytest.mark.django_db

INTERNSHIP_TYPES = ["supervisor-training", "student-onboarding", "placement-evaluation", "supervisor-network",
                    "placement-rotation", "student-forum"]


@pytest.fixture
def compared(albertslund_known, add_intervention):
    for slug in INTERNSHIP_TYPES:
        add_intervention(183, Intervention.Status.RUNNING, slug)
    add_intervention(461, Intervention.Status.RUNNING, "supervisor-training")


def _table(html: str) -> list[list[str]]:
    return next(t for t in tables(element(html, "compare-results")) if t[0][0].startswith("Kommune"))


def test_it_defaults_to_the_users_region_and_highlights_the_users_municipality(chef_client, compared):
    html = chef_client.get("/compare/").content.decode()
    assert re.search(r'<option value="region.1084" selected>Region Hovedstaden</option>', html)
    rows = _table(html)
    assert len(rows) == 1 + 29 + 2  # header, municipalities, average and EVA rows
    assert rows[1] == ["Albertslund din kommune", "Region Hovedstaden", "0,0 %", "33,3 %", "0,0 %"]
    assert re.search(r'<tr class="mine">\s*<th scope="row"><a href="/municipalities/165/">Albertslund</a>', html)
    assert rows[-2] == ["Gennemsnit i Region Hovedstaden over de 2 af 29 kommuner, der har registreret", "0,0 %",
                        "66,7 %", "0,0 %"]
    assert ["Allerød", "Region Hovedstaden", "ikke registreret", "ikke registreret", "ikke registreret"] in rows
    assert rows[-1] == ["Gennemsnitskommunen ifølge EVA", "40,7 %", "47,0 %", "48,0 %"]


def test_it_compares_all_municipalities_on_request(chef_client, compared):
    html = chef_client.get("/compare/", {"sammenlign": "alle"}).content.decode()
    assert re.search(r'<option value="alle" selected>Alle kommuner</option>', html)
    rows = _table(html)
    assert len(rows) == 1 + 98 + 2
    assert rows[-2] == ["Gennemsnit i alle kommuner over de 3 af 98 kommuner, der har registreret", "0,0 %",
                        "50,0 %", "0,0 %"]
    assert ["Odense", "Region Syddanmark", "0,0 %", "16,7 %", "0,0 %"] in rows


def test_it_compares_all_municipalities_for_a_user_without_one(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/compare/").content.decode()
    assert re.search(r'<option value="alle" selected>', html)
    assert 'class="mine"' not in html


def test_it_says_so_when_the_region_is_unknown_and_shows_the_default(chef_client):
    html = chef_client.get("/compare/", {"sammenlign": "region.9999", "sort": "bogus"}).content.decode()
    assert "Kan ikke sammenligne med “region.9999”; viser i stedet Region Hovedstaden." in html
    assert "Kan ikke sortere efter “bogus”; sorterer efter kommune." in html
    assert len(_table(html)) == 1 + 29 + 2


def test_it_sorts_by_a_pathways_coverage_in_either_direction(chef_client, compared):
    params = {"sammenlign": "region.1084", "sort": "through-internship", "dir": "desc"}
    html = chef_client.get("/compare/", params).content.decode()
    names = [row[0] for row in _table(html)[1:-2]]
    assert names[:2] == ["Ishøj", "Albertslund din kommune"]
    assert names[2:] == sorted(names[2:])  # those that have not registered come last, alphabetically
    assert 'aria-sort="descending"' in html
    # The header link of the sorted column turns the order round; the others start from their default.
    assert "sort=through-internship&amp;dir=asc" in html
    assert "sort=into-education&amp;dir=desc" in html and "sort=name&amp;dir=asc" in html
    ascending = chef_client.get("/compare/", {"sort": "through-internship", "dir": "asc"}).content.decode()
    assert [row[0] for row in _table(ascending)[1:-2]][:2] == ["Albertslund din kommune", "Ishøj"]


def test_it_keeps_the_filters_in_every_link_and_pushes_them_to_the_address_bar(chef_client):
    html = chef_client.get("/compare/", {"sammenlign": "alle", "planned": "1"}).content.decode()
    assert re.search(r'<form class="filters" method="get" action="/compare/" hx-get="/compare/"[^>]*'
                     r'hx-push-url="true" hx-trigger="change"', html)
    links = re.findall(r'<a href="(\?[^"]+)" hx-get="\?[^"]+" hx-target="#compare-results"[^>]*hx-push-url="true"',
                       html)
    assert len(links) == 5
    assert all("sammenlign=alle" in link and "planned=1" in link for link in links)
    assert 'href="/compare/?sammenlign=alle&amp;planned=1&amp;sort=name&amp;dir=asc&amp;csv=heatmap"' in html


def test_it_counts_plans_when_asked(chef_client, albertslund_known):
    rows = _table(chef_client.get("/compare/", {"planned": "1"}).content.decode())
    assert rows[1][3] == "50,0 %"


def test_it_draws_the_heatmap_with_the_users_municipality_marked(chef_client, compared):
    html = chef_client.get("/compare/").content.decode()
    heatmap = figure_json(html, "heatmap-data")
    cells = heatmap["data"][0]
    assert cells["x"][:2] == ["► Albertslund", "Allerød"]
    supervisor_training = _unwrapped(cells["y"]).index("Opkvalificering af praktikvejledere")
    network = _unwrapped(cells["y"]).index("Etablering af netværk for praktikvejledere (udledt af teksten)")
    ishoej = cells["x"].index("Ishøj")
    assert cells["z"][supervisor_training][0] == 3 and cells["text"][supervisor_training][0] == "✓"
    assert cells["z"][network][0] == 1  # planned, and plans do not count here
    assert cells["z"][network][ishoej] == 3
    allerod = cells["x"].index("Allerød")  # has registered nothing: unknown, not "does not run"
    assert (cells["z"][network][allerod], cells["text"][network][allerod]) == (0, "?")
    assert heatmap["layout"]["shapes"][0]["x0"] == -0.5  # the frame round Albertslund's column
    rows = tables(element(html, "heatmap"))[0]
    assert rows[0][-1] == "Din kommune (Albertslund)"
    assert ["Opkvalificering af praktikvejledere", "Pædagogstuderende i praktik", "78,0", "", "2", "0",
            "Albertslund, Ishøj", "I gang"] in rows


def test_it_shows_planned_cells_when_plans_count(chef_client, albertslund_known):
    cells = figure_json(chef_client.get("/compare/", {"planned": "1"}).content.decode(), "heatmap-data")["data"][0]
    network = _unwrapped(cells["y"]).index("Etablering af netværk for praktikvejledere (udledt af teksten)")
    assert (cells["z"][network][0], cells["text"][network][0], cells["customdata"][network][0]) == (2, "P", "Planlagt")


def test_it_draws_the_sets_adoption_against_eva(chef_client, compared):
    figure = figure_json(chef_client.get("/compare/", {"sammenlign": "alle"}).content.decode(), "adoption-data")
    eva, registered = figure["data"]
    position = _unwrapped(registered["y"]).index("Opkvalificering af praktikvejledere")
    assert (eva["x"][position], registered["x"][position]) == (78.0, 100.0)  # 3 of the 3 that have registered


def test_it_serves_the_table_and_the_charts_as_csv(chef_client, compared):
    table = chef_client.get("/compare/", {"sammenlign": "region.1084", "csv": "table"})
    assert 'filename="sammenligning-1084.csv"' in table["Content-Disposition"]
    lines = table.content.decode("utf-8-sig").splitlines()  # for Excel set to Danish
    assert lines[0].startswith('"Kommune";"Kommunekode";"Region";')
    assert lines[1] == '"Albertslund";165;"Region Hovedstaden";0,0;33,3;0,0'
    heatmap = chef_client.get("/compare/", {"sammenlign": "alle", "csv": "heatmap"}).content.decode("utf-8-sig")
    assert '"Opkvalificering af praktikvejledere";"Pædagogstuderende i praktik";78,0;;3;0;' \
           '"Albertslund, Ishøj, Odense";"I gang"' in heatmap.splitlines()


def test_it_serves_the_table_as_xlsx_with_its_source(chef_client, compared):
    import io

    from openpyxl import load_workbook

    html = chef_client.get("/compare/", {"sammenlign": "region.1084"}).content.decode()
    assert 'href="/compare/?sammenlign=region.1084&amp;sort=name&amp;dir=asc&amp;xlsx=table"' in html
    response = chef_client.get("/compare/", {"sammenlign": "region.1084", "xlsx": "table"})
    assert 'filename="sammenligning-1084.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[2]] == ["Albertslund", 165, "Region Hovedstaden", 0, 33.3, 0]
    assert sheet["E2"].number_format == '0.0" %"'
    about = {row[0].value: row[1].value for row in workbook["Om tallene"].iter_rows()}
    assert about["Tabel"] == "Dækning per kommune" and "EVA" in about["Kilde"] and about["Hentet"]


def test_it_returns_only_the_results_to_htmx(chef_client):
    html = chef_client.get("/compare/", {"sammenlign": "alle"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="compare-results">')
    assert "<html" not in html and 'data-chart="heatmap-data"' in html


def test_it_works_without_javascript_through_a_plain_form(chef_client):
    html = chef_client.get("/compare/").content.decode()
    form = element(html, "compare-results")
    assert '<button type="submit" class="button">Vis</button>' in form
    assert 'name="sort" value="name"' in form
    assert "Dækning af de tre veje i Region Hovedstaden" in text(html)


def test_it_orders_municipalities_the_danish_way(chef_client):
    html = chef_client.get("/compare/", {"sammenlign": "alle"}).content.decode()
    names = [row[0] for row in _table(html)[1:-2]]
    assert names[0] == "Albertslund din kommune"
    assert names[-4:] == ["Ærø", "Aabenraa", "Aalborg", "Aarhus"]  # æ, ø, å after z; "aa" is å
    assert figure_json(html, "heatmap-data")["data"][0]["x"][-1] == "Aarhus"


def test_a_phone_gets_the_heatmap_as_a_list_of_types_most_run_first(chef_client, compared):
    # Region Hovedstaden: supervisor-training and student-onboarding run in Albertslund and Ishøj (2 of 29);
    # supervisor-network runs in Ishøj and is planned in Albertslund, which counts only when plans do.
    items = [text(li) for li in re.findall(r"<li><details>.*?</details></li>",
                                             element(chef_client.get("/compare/").content.decode(), "heat-list"),
                                             re.S)]
    assert len(items) > 30  # every type of the catalogue
    assert sorted(items[:2]) == [
        "Onboarding i form af introduktionsforløb for studerende i praktik 2 af 29 kommuner i gang"
        " · din kommune: I gang Albertslund, Ishøj",
        "Opkvalificering af praktikvejledere 2 af 29 kommuner i gang · din kommune: I gang Albertslund, Ishøj",
    ]
    network = next(item for item in items if item.startswith("Etablering af netværk for praktikvejledere"))
    assert network == ("Etablering af netværk for praktikvejledere 1 af 29 kommuner i gang"
                       " · din kommune: Kører ikke Ishøj")
    with_plans = element(chef_client.get("/compare/", {"planned": "1"}).content.decode(), "heat-list")
    assert ("Etablering af netværk for praktikvejledere 1 af 29 kommuner i gang, 1 kun planlagt"
            " · din kommune: Planlagt") in text(with_plans)


def test_an_old_link_with_region_is_redirected_to_the_same_set_as_sammenlign(chef_client):
    """The compare page's old parameter ?region=<code>|all|gruppe-<id> answers a permanent redirect to the one
    comparison parameter, the other filters kept: region=1084 → sammenlign=region.1084, all → alle,
    gruppe-7 → gruppe.7."""
    for old, new in (("1084", "region.1084"), ("all", "alle"), ("gruppe-7", "gruppe.7")):
        response = chef_client.get("/compare/", {"region": old, "planned": "1", "sort": "region"})
        assert response.status_code == 301
        assert response["Location"] == f"/compare/?planned=1&sort=region&sammenlign={new}"
    html = chef_client.get("/compare/", {"region": "all", "sort": "region"}, follow=True).content.decode()
    assert re.search(r'<option value="alle" selected>Alle kommuner</option>', html)
    assert len(_table(html)) == 1 + 98 + 2


def test_an_unknown_group_says_so_and_shows_the_default(chef_client):
    html = chef_client.get("/compare/", {"sammenlign": "gruppe.999999"}).content.decode()
    assert "Kan ikke sammenligne med “gruppe.999999”; viser i stedet Region Hovedstaden." in html
    assert len(_table(html)) == 1 + 29 + 2
