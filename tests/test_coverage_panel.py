import pytest

from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality
from tests.pages import element

pytestmark = pytest.mark.django_db


def _run(slug: str, code: int = 165, status: str = Intervention.Status.RUNNING) -> None:
    intervention_type = InterventionType.objects.get(slug=slug)
    intervention = Intervention.objects.create(municipality=Municipality.objects.get(code=code), title=slug,
                                               status=status, intervention_type=intervention_type)
    intervention.target_groups.add(intervention_type.target_group)


def test_it_renders_the_three_pathways_with_danish_numbers(chef_client):
    _run("supervisor-training")
    _run("student-onboarding")
    html = chef_client.get("/municipalities/165/coverage/panel/").content.decode()
    assert html.lstrip().startswith('<section id="coverage-panel"')
    assert html.count('class="pathway-panel"') == 3
    assert "33,3 %" in html  # 2 of 6 internship types
    assert "47,0 %" in html  # EVA expected for the internship pathway
    assert "-13,7" in html
    assert "2 af 6 indsatstyper" in html
    assert 'hx-trigger="coverage-changed from:body"' in html


def test_it_includes_planned_interventions_on_request(chef_client):
    _run("supervisor-training", status=Intervention.Status.PLANNED)
    assert "16,7 %" not in chef_client.get("/municipalities/165/coverage/panel/").content.decode()
    html = chef_client.get("/municipalities/165/coverage/panel/", {"planned": "1"}).content.decode()
    assert "16,7 %" in html  # 1 of 6
    assert "?planned=1" in html  # the refresh keeps the choice


def test_it_says_in_words_that_an_empty_municipality_has_no_coverage(chef_client):
    # An ended intervention: København reports, with nothing active (the unregistered: tests/test_reporting.py).
    _run("mentor-scheme", 101, status=Intervention.Status.ENDED)
    html = chef_client.get("/municipalities/101/coverage/panel/").content.decode()
    assert html.count("Ingen aktive indsatser på denne vej – dækningen er 0 %.") == 3
    assert html.count("nås ikke") == 7


@pytest.mark.parametrize("path", ["/municipalities/165/interventions/", "/municipalities/165/interventions/new/"])
def test_it_is_loaded_by_the_interventions_pages_from_its_url_with_a_link_without_javascript(editor_a, client, path):
    client.force_login(editor_a)
    slot = element(client.get(path).content.decode(), "coverage-panel")
    assert 'hx-get="/municipalities/165/coverage/panel/"' in slot
    assert 'hx-trigger="load, coverage-changed from:body"' in slot
    assert 'href="/municipalities/165/"' in slot  # the same figures, on the municipality's page
    assert 'class="pathway-panel"' not in slot  # the page itself computes no coverage


def test_it_answers_404_for_unknown_municipalities(chef_client):
    assert chef_client.get("/municipalities/999/coverage/panel/").status_code == 404


def test_it_keeps_the_query_count_constant_as_data_grows(chef_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(13) as small:
        chef_client.get("/municipalities/165/coverage/panel/")
    for slug in ["supervisor-training", "student-onboarding", "mentor-scheme", "wellbeing-work"]:
        for code in [165, 183, 101, 147]:
            _run(slug, code)
    with django_assert_max_num_queries(13) as large:
        chef_client.get("/municipalities/165/coverage/panel/")
    assert len(large.captured_queries) == len(small.captured_queries)
