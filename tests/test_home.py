import re

import pytest

from tests.pages import element

pytestmark = pytest.mark.django_db


def test_it_lists_all_municipalities_by_region(chef_client):
    response = chef_client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="code"') == 98
    for region in ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland",
                   "Region Nordjylland"]:
        assert re.search(rf'<h2><a href="/regions/[a-z]+/">{region}</a></h2>', html)  # the region's own page


def _listed(html: str) -> str:
    return element(html, "municipality-list")


def test_it_filters_by_name_without_javascript(chef_client):
    html = _listed(chef_client.get("/", {"q": "albert"}).content.decode())
    assert "Albertslund" in html
    assert "Ishøj" not in html
    assert "1 kommune" in html


def test_it_filters_by_code(chef_client):
    html = _listed(chef_client.get("/", {"q": "183"}).content.decode())
    assert "Ishøj" in html and "Albertslund" not in html


def test_it_says_so_when_nothing_matches(chef_client):
    assert "Ingen kommuner matcher søgningen." in chef_client.get("/", {"q": "xyzzy"}).content.decode()


def test_it_returns_only_the_list_fragment_to_htmx(chef_client):
    response = chef_client.get("/", {"q": "Ish"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="municipality-list"')
    assert "<html" not in html and "Ishøj" in html


def test_it_shows_the_users_municipality_in_the_navigation(chef_client):
    html = chef_client.get("/").content.decode()
    assert 'href="/municipalities/165/">Albertslund</a>' in html


def test_it_shows_a_municipality_page_and_404_for_unknown_codes(chef_client):
    assert "Albertslund" in chef_client.get("/municipalities/165/").content.decode()
    assert chef_client.get("/municipalities/999/").status_code == 404


def test_it_shows_a_danish_404_page_inside_the_layout(chef_client):
    response = chef_client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html and 'lang="da"' in html and "Log ud" in html
