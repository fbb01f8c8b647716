"""What a municipality is compared with: its region, a group it is in, or all (?sammenlign=, remembered per user).

Hand computations (internship pathway, six catalogue types with an EVA share; running interventions only):
Albertslund 165 runs 2 of 6 (33,33 %), Ishøj 183 all 6 (100 %), Odense 461 one (16,67 %), every other
municipality none. The group "Vest" of the grouping "Net" = {165, 183, 461}: (33,33 + 100 + 16,67) / 3 = 50,0 %.
Averages are over the municipalities that have registered: all 98 -> the 3 that have, 150 / 3 = 50,0 %;
Region Hovedstaden (29, of which 165 and 183 have registered): 133,33 / 2 = 66,7 %.
"""

import re

import pytest

from indicators.models import ComparisonPreference, Grouping, GroupMembership, MunicipalityGroup
from interventions.models import Intervention
from recruitment import data_version
from recruitment.models import Municipality
from tests.pages import element, find_all, tables, text

pytestmark = pytest.mark.django_db

INTERNSHIP_TYPES = ["supervisor-training", "student-onboarding", "placement-evaluation", "supervisor-network",
                    "placement-rotation", "student-forum"]


@pytest.fixture
def net(albertslund_known, add_intervention) -> MunicipalityGroup:
    for slug in INTERNSHIP_TYPES:
        add_intervention(183, Intervention.Status.RUNNING, slug)
    add_intervention(461, Intervention.Status.RUNNING, "supervisor-training")
    grouping = Grouping.objects.create(name="Net", slug="net")
    west = MunicipalityGroup.objects.create(grouping=grouping, name="Vest")
    other = MunicipalityGroup.objects.create(grouping=grouping, name="Øst")
    for code in (165, 183, 461):
        GroupMembership.objects.create(group=west, municipality=Municipality.objects.get(code=code))
    GroupMembership.objects.create(group=other, municipality=Municipality.objects.get(code=101))
    return west


def _internship_panel(html: str) -> str:
    return text(find_all(html, "article", **{"aria-labelledby": "pathway-through-internship"})[0])


def test_the_dashboard_offers_region_the_municipalitys_groups_and_all(chef_client, net):
    html = chef_client.get("/municipalities/165/").content.decode()
    options = re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', element(html, "dashboard-body"))
    assert options == [("region", " selected", "Regionen (Region Hovedstaden)"), ("net", "", "Vest (Net)"),
                       ("alle", "", "Alle kommuner")]
    region = "Regionens gennemsnit 66,7 % – 2 af 29 kommuner i Region Hovedstaden har registreret"
    assert region in _internship_panel(html)


def test_a_new_grouping_is_offered_on_the_next_request(chef_client, net):
    """The options are cached by the data version, which a new grouping moves."""
    assert "(Størrelse)" not in element(chef_client.get("/municipalities/165/").content.decode(), "dashboard-body")
    size = MunicipalityGroup.objects.create(grouping=Grouping.objects.create(name="Størrelse", slug="stoerrelse"),
                                            name="Små")
    GroupMembership.objects.create(group=size, municipality=Municipality.objects.get(code=165))
    html = chef_client.get("/municipalities/165/").content.decode()
    assert ("stoerrelse", "", "Små (Størrelse)") in re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>',
                                                              element(html, "dashboard-body"))


def test_the_dashboard_averages_over_the_chosen_group(chef_client, net):
    html = chef_client.get("/municipalities/165/", {"sammenlign": "net"}).content.decode()
    assert "Gennemsnit 50,0 % – 3 af 3 kommuner i Vest (Net) har registreret" in _internship_panel(html)
    html = chef_client.get("/municipalities/165/", {"sammenlign": "alle"}).content.decode()
    assert "Gennemsnit 50,0 % – 3 af 98 kommuner har registreret" in _internship_panel(html)


def test_the_choice_is_remembered_per_user(chef_client, chef, net, client, editor_a):
    chef_client.get("/municipalities/165/", {"sammenlign": "net"})
    assert ComparisonPreference.objects.get(user=chef).choice == "net"
    html = chef_client.get("/municipalities/165/").content.decode()
    assert "Gennemsnit 50,0 % – 3 af 3 kommuner i Vest (Net) har registreret" in _internship_panel(html)
    assert re.search(r'<option value="net" selected>', html)
    client.force_login(editor_a)  # another user keeps the region
    assert "Regionens gennemsnit 66,7 %" in _internship_panel(client.get("/municipalities/165/").content.decode())


def test_a_grouping_the_municipality_is_not_in_falls_back_to_the_region_and_says_so(chef_client, chef, net):
    Grouping.objects.create(name="Tom", slug="tom")
    html = chef_client.get("/municipalities/165/", {"sammenlign": "tom"}).content.decode()
    assert "Kan ikke sammenligne med “tom”; Albertslund er ikke med i den inddeling." in text(html)
    assert "Regionens gennemsnit 66,7 %" in _internship_panel(html)
    assert not ComparisonPreference.objects.filter(user=chef).exists()


def test_the_compare_page_shows_a_group_and_its_average(chef_client, chef, net):
    html = chef_client.get("/compare/", {"sammenlign": f"gruppe.{net.pk}"}).content.decode()
    rows = next(t for t in tables(element(html, "compare-results")) if t[0][0].startswith("Kommune"))
    assert [row[0] for row in rows[1:-2]] == ["Albertslund din kommune", "Ishøj", "Odense"]
    assert rows[-2] == ["Gennemsnit i Vest (Net) over de 3 af 3 kommuner, der har registreret", "0,0 %", "50,0 %",
                        "0,0 %"]
    assert re.search(rf'<optgroup label="Net">\s*<option value="gruppe.{net.pk}" selected>Vest</option>', html)
    assert ComparisonPreference.objects.get(user=chef).choice == "net"
    # Remembered: the page without a choice shows the user's group again, and so does the dashboard.
    html = chef_client.get("/compare/").content.decode()
    assert "Gennemsnit i Vest (Net)" in text(html)
    html = chef_client.get("/municipalities/165/").content.decode()
    assert "Gennemsnit 50,0 % – 3 af 3 kommuner i Vest (Net) har registreret" in _internship_panel(html)


def test_the_compare_page_follows_a_dashboards_choice_for_the_users_municipality(chef_client, net):
    html = chef_client.get("/compare/", {"sammenlign": "net"}).content.decode()
    assert "Gennemsnit i Vest (Net)" in text(html)
    html = chef_client.get("/compare/", {"sammenlign": "alle"}).content.decode()
    assert "Gennemsnit i alle kommuner" in text(html)


def test_the_query_count_stays_constant_as_groupings_grow(chef_client, chef, net, django_assert_max_num_queries):
    ComparisonPreference.objects.create(user=chef, choice="net")
    counts = []
    for url in ("/municipalities/165/", "/compare/"):
        with django_assert_max_num_queries(40) as small:
            chef_client.get(url)
        counts.append(len(small.captured_queries))
    big = Grouping.objects.create(name="Stor", slug="stor")
    for index, municipality in enumerate(Municipality.objects.order_by("code")):
        group, _ = MunicipalityGroup.objects.get_or_create(grouping=big, name=f"G{index % 7}")
        GroupMembership.objects.create(group=group, municipality=municipality)
    GroupMembership.objects.create(group=net, municipality=Municipality.objects.get(code=751))
    data_version.bump()
    for url, count in zip(("/municipalities/165/", "/compare/"), counts, strict=True):
        with django_assert_max_num_queries(40) as large:
            chef_client.get(url)
        assert len(large.captured_queries) == count


def test_the_trend_charts_comparison_line_follows_the_chosen_group(chef_client, net):
    """Practicum answers 2024 (positive of those who took a stand): Albertslund 6 of 8, Ishøj (Hovedstaden, in
    Vest) 1 of 4, Odense (Syddanmark, in Vest) 10 of 20, København (Hovedstaden, not in Vest) 0 of 10. Ishøj's 4
    answers are too few, so every aggregate leaves them out: Vest: 16 of 28 = 57,1 %; Region Hovedstaden: 6 of 18
    = 33,3 %; all: 16 of 38 = 42,1 %."""
    from indicators.models import DataImport, PracticumEvaluationCount

    record = DataImport.objects.create(kind="practicum-evaluations", file_name="e.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    for code, positive, negative in ((165, 6, 2), (183, 1, 3), (461, 10, 10), (101, 0, 10)):
        PracticumEvaluationCount.objects.create(
            year=2024, municipality=Municipality.objects.get(code=code), education="paedagog", role="studerende",
            question="vende_tilbage", helt_enig=positive, helt_uenig=negative, data_import=record)
    data_version.bump()
    html = chef_client.get("/municipalities/165/", {"sammenlign": "net"}).content.decode()
    rows = tables(element(html, "practicum-return"))[0]
    assert rows[0][3] == "Vest (Net): andel enige (%)"
    assert rows[1][1:7] == ["75,0", "8", "57,1", "28", "42,1", "38"]  # then the interventions started
    html = chef_client.get("/municipalities/165/", {"sammenlign": "region"}).content.decode()
    rows = tables(element(html, "practicum-return"))[0]
    assert rows[0][3] == "Region Hovedstaden: andel enige (%)"
    assert rows[1][1:7] == ["75,0", "8", "33,3", "18", "42,1", "38"]


def test_the_pathway_page_adds_the_chosen_groups_average(chef_client, net):
    html = chef_client.get("/municipalities/165/pathways/through-internship/", {"sammenlign": "net"}).content.decode()
    assert re.search(r'data-figure="comparison">50,0 %</span> <span class="muted average-base">'
                     r'– 3 af 3 kommuner i Vest \(Net\)', html)
    assert re.search(r'data-figure="region">66,7 %', html)  # the region's stays beside it
    html = chef_client.get("/municipalities/165/pathways/through-internship/",
                           {"sammenlign": "region"}).content.decode()
    assert 'data-figure="comparison"' not in html
