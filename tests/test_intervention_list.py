"""The list of a municipality's interventions: filters in the URL, counts per pathway, edit controls
only for those who may edit, and a constant number of queries."""

from datetime import date

import pytest
from django.core.cache import cache

from interventions.models import Intervention
from recruitment import data_version
from recruitment.models import Municipality, Pathway, TargetGroup
from tests.pages import find_all, text

pytestmark = pytest.mark.django_db

URL = "/municipalities/165/interventions/"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def albertslund(make_intervention, editor_a, editor_b):
    """Three interventions in Albertslund and one in Ishøj, which must never show."""
    return {
        "supervisors": make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                         start_date=date(2024, 1, 1), title="Praktikvejledere"),
        "mentors": make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer"),
        "fair": make_intervention(editor_a, groups=("assistants", "seniors"), status="ended",
                                  start_date=date(2022, 1, 1), end_date=date(2023, 6, 30), title="Jobmesse"),
        "ishoej": make_intervention(editor_b, code=183, type_slug="mentor-scheme", status="running",
                                    start_date=date(2024, 1, 1), title="Ishøjs mentorer"),
    }


def _rows(html: str) -> list[str]:
    body = find_all(html, "tbody")[0]
    return [text(link) for link in find_all(body, "a") if link.startswith('<a href="/interventions/') and
            "/edit/" not in link and "/delete/" not in link]


def _count(html: str, label: str) -> str:
    tab = next(link for link in find_all(html, "a") if 'class="count"' in link and text(link).startswith(f"{label} "))
    return text(find_all(tab, "span", class_="count")[0])


def test_it_lists_the_municipalitys_interventions_running_first(chef_client, albertslund):
    response = chef_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert _rows(html) == ["Praktikvejledere", "Mentorer", "Jobmesse"]
    assert "Viser 3 indsatser" in html
    assert "Anden indsats (ikke i kataloget)" in html  # the fair has no catalogue type


def test_it_counts_the_interventions_per_pathway(chef_client, albertslund):
    html = chef_client.get(URL).content.decode()
    # The fair reaches assistants (into education) and seniors (stay in the job): it counts for both.
    assert _count(html, "Alle veje") == "3"
    assert _count(html, "Flere ind på pædagoguddannelsen") == "1"
    assert _count(html, "Flere godt igennem praktikken") == "1"
    assert _count(html, "Flere til at blive i jobbet") == "2"


def test_it_counts_per_pathway_within_the_status_filter(chef_client, albertslund):
    html = chef_client.get(URL, {"status": "running"}).content.decode()
    assert _count(html, "Alle veje") == "1"
    assert _count(html, "Flere godt igennem praktikken") == "1"
    assert _count(html, "Flere til at blive i jobbet") == "0"


def test_it_filters_by_pathway(chef_client, albertslund):
    html = chef_client.get(URL, {"pathway": "stay-in-job"}).content.decode()
    assert _rows(html) == ["Mentorer", "Jobmesse"]
    assert 'aria-current="page">Flere til at blive i jobbet' in html


def test_it_filters_by_target_group(chef_client, albertslund):
    assert _rows(chef_client.get(URL, {"target_group": "seniors"}).content.decode()) == ["Jobmesse"]


def test_it_filters_by_status(chef_client, albertslund):
    assert _rows(chef_client.get(URL, {"status": "planned"}).content.decode()) == ["Mentorer"]


def test_it_filters_by_the_year_an_intervention_was_active(chef_client, albertslund):
    assert _rows(chef_client.get(URL, {"year": "2023"}).content.decode()) == ["Jobmesse"]
    assert _rows(chef_client.get(URL, {"year": "2024"}).content.decode()) == ["Praktikvejledere"]


def test_it_combines_filters_and_says_when_nothing_matches(chef_client, albertslund):
    html = chef_client.get(URL, {"pathway": "through-internship", "status": "ended"}).content.decode()
    assert _rows(html) == []
    assert "Ingen indsatser matcher filtrene." in html


def test_it_explains_a_bad_filter_in_danish_and_ignores_it(chef_client, albertslund):
    html = chef_client.get(URL, {"year": "abc", "status": "running"}).content.decode()
    assert "Vælg et år fra listen." in html
    assert _rows(html) == ["Praktikvejledere"]


def test_it_returns_only_the_list_fragment_to_htmx(chef_client, albertslund):
    response = chef_client.get(URL, {"status": "running"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="intervention-list"')
    assert "<html" not in html
    # The fragment refreshes itself, filters kept, when a save changes the coverage.
    assert 'hx-get="/municipalities/165/interventions/?status=running"' in html
    assert 'hx-trigger="coverage-changed from:body"' in html
    assert response["Vary"].count("HX-Request") == 1


def test_it_serves_the_whole_page_when_htmx_restores_history(chef_client, albertslund):
    html = chef_client.get(URL, headers={**HTMX, "HX-History-Restore-Request": "true"}).content.decode()
    assert "<html" in html


def test_it_answers_404_for_an_unknown_municipality(chef_client):
    assert chef_client.get("/municipalities/999/interventions/").status_code == 404


@pytest.mark.parametrize(("role", "sees_controls"), [("editor_a", True), ("admin_user", True), ("chef", False),
                                                    ("editor_b", False)])
def test_it_shows_edit_controls_only_to_those_who_may_edit(client, request, albertslund, role, sees_controls):
    client.force_login(request.getfixturevalue(role))
    html = client.get(URL).content.decode()
    pk = albertslund["mentors"].pk
    assert ('href="/municipalities/165/interventions/new/"' in html) is sees_controls
    assert (f'href="/interventions/{pk}/edit/"' in html) is sees_controls
    assert (f'href="/interventions/{pk}/delete/"' in html) is sees_controls


def _grow(count: int) -> None:
    """`count` more running interventions in Albertslund for the students and the seniors (bulk: fast)."""
    municipality = Municipality.objects.get(code=165)
    groups = list(TargetGroup.objects.filter(slug__in=["students", "seniors"]))
    created = Intervention.objects.bulk_create([
        Intervention(municipality=municipality, title=f"Indsats {number:03d}", status="running",
                     start_date=date(2020 + number % 5, 1, 1)) for number in range(count)])
    through = Intervention.target_groups.through
    through.objects.bulk_create([through(intervention_id=item.pk, targetgroup_id=group.pk)
                                 for item in created for group in groups])
    data_version.bump()  # bulk_create sends no signals


def test_it_lists_in_the_same_number_of_queries_however_many_interventions(
        editor_a_client, make_intervention, editor_a, django_assert_num_queries):
    """Counted with nothing cached (each request renders the list afresh), then once the list is rendered."""
    make_intervention(editor_a, type_slug="mentor-scheme", status="running", start_date=date(2024, 1, 1))
    # The coverage panel loads from its own URL; 2 queries for "we run none of these", 1 for those it is partner in.
    cache.clear()
    with django_assert_num_queries(17) as few:
        editor_a_client.get(URL, {"pathway": "stay-in-job"})
    queries = len(few.captured_queries)  # now: the next request empties the connection's query log
    _grow(220)
    municipality = Municipality.objects.get(code=165)
    assert Intervention.objects.filter(municipality=municipality).count_by_pathway(Pathway.objects.all())[0] == 221
    cache.clear()
    with django_assert_num_queries(queries):
        html = editor_a_client.get(URL, {"pathway": "stay-in-job"}).content.decode()
    assert "Viser 1–50 af 221 indsatser" in html
    cache.clear()
    with django_assert_num_queries(queries):
        editor_a_client.get(URL, {"pathway": "stay-in-job", "page": "5"})
    # Rendered for this data version: no counting, no years, no pathways or target groups, no interventions read
    # (9 left: session, user, municipality, the data version, the user's memberships, "we run none" and whether
    # there are any, the deleted ones, the demo banner).
    with django_assert_num_queries(9):
        html = editor_a_client.get(URL, {"pathway": "stay-in-job", "page": "5"}).content.decode()
    assert "Viser 201–221 af 221 indsatser" in html


def test_it_shows_fifty_a_page_with_plain_links_that_keep_the_filters(chef_client, albertslund):
    _grow(120)  # 121 running (the "Praktikvejledere" of the fixture among them), 3 pages
    html = chef_client.get(URL, {"status": "running"}).content.decode()
    assert len(_rows(html)) == 50
    assert "Viser 1–50 af 121 indsatser" in html
    assert "Side 1 af 3" in html
    assert 'href="?status=running&amp;page=2">Næste side</a>' in html
    last = chef_client.get(URL, {"status": "running", "page": "3"}).content.decode()
    assert len(_rows(last)) == 21
    assert "Viser 101–121 af 121 indsatser" in last
    assert 'href="?status=running&amp;page=2">Forrige side</a>' in last
    assert 'id="show-more"' not in last


def test_it_counts_per_pathway_over_all_pages(chef_client, albertslund):
    _grow(120)  # students (internship) and seniors (stay in the job)
    html = chef_client.get(URL).content.decode()
    assert (_count(html, "Alle veje"), _count(html, "Flere godt igennem praktikken")) == ("123", "121")


def test_it_answers_show_more_with_the_next_rows_only(chef_client, albertslund):
    _grow(120)
    response = chef_client.get(URL, {"status": "running", "page": "2"},
                               headers={**HTMX, "HX-Trigger": "show-more", "HX-Target": "more-rows"})
    html = response.content.decode()
    assert "<tbody>" not in html and "pathway-tabs" not in html
    assert html.count('<tr id="intervention-') == 50
    assert 'id="show-more" class="button" href="?status=running&amp;page=3" hx-get="?status=running&amp;page=3"' \
        in html
    assert 'id="list-status" data-announce hx-swap-oob="true">Viser 1–100 af 121 indsatser' in html
    assert "Side 2 af 3" in html  # the pager, out of band


def test_it_shows_the_first_page_for_a_page_number_that_is_no_number(chef_client, albertslund):
    _grow(60)
    html = chef_client.get(URL, {"page": "x"}).content.decode()
    assert "Viser 1–50 af 63 indsatser" in html


def _options(html: str, name: str) -> tuple[list[str], list[str]]:
    """A filter's options (their texts) and the selected ones."""
    select = next(tag for tag in find_all(html, "select") if f'name="{name}"' in tag)
    options = find_all(select, "option")
    return [text(option) for option in options], [text(option) for option in options if " selected" in option]


def test_the_filters_show_each_address_its_values_and_follow_the_catalogue_and_the_years(chef_client, albertslund):
    # The filters are kept rendered across saves: by the address and the national data version.
    assert _options(chef_client.get(URL, {"status": "running"}).content.decode(), "status")[1] == ["I gang"]
    assert _options(chef_client.get(URL, {"status": "planned"}).content.decode(), "status")[1] == ["Planlagt"]
    html = chef_client.get(URL).content.decode()
    assert "2022" in _options(html, "year")[0] and "2019" not in _options(html, "year")[0]
    group = TargetGroup.objects.get(slug="seniors")
    group.name = "Pædagoger over 60"
    group.save()
    albertslund["mentors"].start_date = date(2019, 8, 1)
    albertslund["mentors"].save()
    html = chef_client.get(URL).content.decode()
    assert "Pædagoger over 60" in _options(html, "target_group")[0]
    assert "2019" in _options(html, "year")[0]
