"""The municipality dashboard as a page: only its body to htmx and the whole page when htmx restores history,
plotly and the chart script with nonced styles, readable by any logged-in user, 404 for an unknown municipality,
and its links."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_returns_only_the_dashboard_body_to_htmx(chef_client):
    html = chef_client.get("/municipalities/165/", {"planned": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="dashboard-body"')
    assert "<html" not in html
    assert 'id="coverage-panel"' in html and 'data-chart="chart-into-education-data"' in html


def test_it_returns_the_whole_page_when_htmx_restores_history(chef_client):
    response = chef_client.get("/municipalities/165/", headers={"HX-Request": "true",
                                                                "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_it_loads_plotly_and_the_chart_script_with_the_style_elements_nonced(chef_client):
    html = chef_client.get("/municipalities/165/").content.decode()
    assert re.search(r'<style id="plotly.js-style-global" nonce="[^"]+"></style>', html)
    # plotly.js is fetched by charts.js when the first chart comes into view (not a second of script at load).
    assert ('<script src="/static/js/charts.js" data-plotly="/static/vendor/plotly/plotly-cartesian.min.js" defer>'
            '</script>') in html
    assert '<script src="/static/vendor/plotly' not in html
    assert "<script>" not in html  # no inline script


def test_it_lets_any_logged_in_user_read_any_dashboard(client, editor_b):
    client.force_login(editor_b)
    assert client.get("/municipalities/165/").status_code == 200


def test_it_answers_404_for_unknown_municipalities(chef_client):
    assert chef_client.get("/municipalities/999/").status_code == 404


def test_it_links_to_the_pathway_pages_the_csv_and_the_comparison(chef_client):
    html = chef_client.get("/municipalities/165/", {"planned": "1"}).content.decode()
    assert 'href="/municipalities/165/pathways/through-internship/?planned=1"' in html
    assert 'href="/municipalities/165/coverage.csv?planned=1"' in html
    assert 'href="/compare/?sammenlign=region.1084"' in html
