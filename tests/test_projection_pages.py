"""The workforce projection's pages: the municipality's scenario page and CSV, the dashboard panel and the sentences
when an import is missing (the KKR and national sums: test_projection_sums.py).

Albertslund in these tests (worked out by hand as in test_projection_model.py): base year 2025 with P = 100,
S = 20, T = 60, L = 12, H = 5 hired (the statistics' nyansatte, rule 1; all five new graduates, N = 5), no
unfilled posts known (U = 0), 60 assistants + 40 helpers (s = 0,5); children (0–2, 3–5) 2025 (30, 60),
2026 (33, 60), 2027 (36, 66). F_B = 91; 2026: F = 84,63, D = 95,55, G = −10,92; 2027: P = 86,891667,
F = 79,071417, D = 104,65, G = −25,578583.
"""

from __future__ import annotations

import csv
import io

import pytest

from indicators.models import DataImport, ProjectionAssumption
from recruitment.models import Municipality
from tests.conftest import ALBERTSLUND, ISHOEJ
from tests.projection_samples import add_projection, add_stat

pytestmark = pytest.mark.django_db
URL = f"/municipalities/{ALBERTSLUND}/projection/"
CSV_URL = f"/municipalities/{ALBERTSLUND}/projection.csv"


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_it_serves_the_csv_contract_with_hand_computed_numbers(chef_client, albertslund_projected):
    response = chef_client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _csv(response) == [
        ["year", "children_0_2", "children_3_5", "demand_fte", "supply_persons", "supply_fte", "gap_fte"],
        ["2025", "30.0", "60.0", "91.0", "100.0", "91.0", "0.0"],
        ["2026", "33.0", "60.0", "95.6", "93.0", "84.6", "-10.9"],
        ["2027", "36.0", "66.0", "104.7", "86.9", "79.1", "-25.6"],
    ]


def test_it_answers_the_csv_for_the_scenario_in_the_query_string(chef_client, albertslund_projected):
    """+2 new graduates a year: P_2026 = 95, F = 86,45, G = −9,1."""
    rows = _csv(chef_client.get(CSV_URL + "?nyuddannede=2"))
    assert rows[2] == ["2026", "33.0", "60.0", "95.6", "95.0", "86.5", "-9.1"]


def test_it_says_the_gap_in_words_with_its_sources(chef_client, albertslund_projected):
    """Only up to 2027 here: the sentence takes the last year."""
    page = chef_client.get(URL).content.decode()
    assert "I det centrale scenarie mangler Albertslund ca. 26 pædagoger (årsværk) i 2027." in page
    assert "Befolkningsfremskrivning DST 2025, hovedfremskrivning" in page
    assert "Kommunens personalestatistik 2025 (fil personale.xlsx" in page
    assert "Sådan regner vi" in page


def test_it_gives_the_sentence_for_2030_and_2035(chef_client, projection_import):
    """Constant children: no more demand than today; P falls each year, so pedagogues lack in 2030 and 2035."""
    add_stat(projection_import, year=2025)
    add_projection(projection_import, children={year: (30, 60) for year in range(2025, 2036)})
    page = chef_client.get(URL).content.decode()
    assert "I det centrale scenarie mangler Albertslund ca. " in page
    assert "pædagoger (årsværk) i 2030 og " in page and " i 2035." in page


def test_it_says_what_each_lever_closes(chef_client, albertslund_projected):
    """+2 graduates: 1,82 FTE in 2026, and only up to 2027 here, so the effects are said for 2027:
    2027 P with graduates = 95 − 2,06667 − 0,125 · (95 − 20,6667) + 7 = 90,641667 against 86,891667 → +3,75 P,
    3,4125 FTE."""
    page = chef_client.get(URL + "?nyuddannede=2").content.decode()
    assert "I det valgte scenarie mangler Albertslund ca. 22 pædagoger (årsværk) i 2027." in page
    assert "Flere godt igennem praktikken: lukker ca. 3,4 årsværk af manglen i 2027." in page
    assert "I det centrale scenarie mangler Albertslund ca. 26" in page


def test_it_keeps_the_scenario_in_the_csv_link(chef_client, albertslund_projected):
    page = chef_client.get(URL + "?nyuddannede=2&fuldtid=50&pension_over_aar=10").content.decode()
    assert f'href="{CSV_URL}?nyuddannede=2&amp;fuldtid=50"' in page


def test_it_answers_htmx_with_the_results_fragment(chef_client, albertslund_projected):
    response = chef_client.get(URL + "?faerre_fratraedelser=20", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="projection-results"')
    assert "<html" not in html
    assert "Flere til at blive i jobbet: lukker ca." in html


def test_it_explains_a_bad_setting_in_danish_and_ignores_it(chef_client, albertslund_projected):
    page = chef_client.get(URL + "?studerende=mange&fuldtid=300").content.decode()
    assert "Flere studerende om året: “mange” er ikke et tal og er ikke brugt." in page
    assert "Deltidsansatte der går op på fuld tid (%) skal ligge mellem 0 og 100; 300 er ikke brugt." in page
    assert "I det centrale scenarie mangler Albertslund ca. 26" in page


def test_it_lets_the_user_change_an_assumption_for_the_session(chef_client, albertslund_projected):
    """f = 1: F_B = 100 = D_B; 2026: F = 93, D = 105, G = −12."""
    rows = _csv(chef_client.get(CSV_URL + "?part-time-fraction=1"))
    assert rows[2][3:] == ["105.0", "93.0", "93.0", "-12.0"]
    assert str(ProjectionAssumption.objects.get(slug="part-time-fraction").value) == "0.8500"


def test_it_uses_the_admins_default_assumption(chef_client, albertslund_projected):
    ProjectionAssumption.objects.filter(slug="part-time-fraction").update(value=1)
    assert _csv(chef_client.get(CSV_URL))[2][3:] == ["105.0", "93.0", "93.0", "-12.0"]


def test_it_marks_national_defaults_where_the_statistics_lack_a_figure(chef_client, projection_import):
    add_stat(projection_import, paedagoger_over_55=None, fratraadte=None)
    add_projection(projection_import)
    page = chef_client.get(URL).content.decode()
    # Over 55 and other leavers from the national figures; unfilled posts unknown, taken as 0.
    assert page.count("Standardværdi") == 3
    assert "Kommunens ubesatte stillinger kendes ikke – gabet i dag regnes som 0." in page
    # The key facts' source by name; a source without a year says nothing about the year (never "(None)").
    assert "Landstal, brugt da kommunen ikke har tallet: 5.700 af 30.159 pædagoger i dagtilbud = 18,9 % (Inspirations" \
        "hæfte til kommunerne fra undersøgelsen Flere pædagoger til daginstitutioner)" in page
    assert "(None)" not in page


def test_it_uses_the_low_childrens_variant_when_asked(chef_client, albertslund_projected, projection_import):
    add_projection(projection_import, variant="low", children={2025: (30, 60), 2026: (30, 60), 2027: (30, 60)})
    rows = _csv(chef_client.get(CSV_URL + "?boern=lav"))
    assert rows[2][:4] == ["2026", "30.0", "60.0", "91.0"]


def test_it_uses_the_newest_vintage_and_says_so(chef_client, albertslund_projected, projection_import):
    newer = DataImport.objects.create(kind=DataImport.Kind.POPULATION_PROJECTION, file_name="dst.csv",
                                      sha256="1" * 64, size_bytes=10, status=DataImport.Status.SUCCEEDED)
    add_projection(newer, vintage="DST 2026", children={2025: (30, 60), 2026: (36, 60)})
    page = chef_client.get(URL).content.decode()
    assert "Børnetal fra befolkningsfremskrivningen DST 2026" in page
    assert _csv(chef_client.get(CSV_URL + "?fremskrivning=DST+2025"))[3][0] == "2027"


@pytest.mark.parametrize(("stat", "projection", "says"), [
    (False, True, "Der er ingen personalestatistik med antal pædagoger for Albertslund. Importér "
                  "“Personalestatistik”"),
    (True, False, "Der er ingen befolkningsfremskrivning for Albertslund. Importér “Befolkningsfremskrivning”"),
])
def test_it_says_which_import_is_missing(chef_client, projection_import, stat, projection, says):
    if stat:
        add_stat(projection_import)
    if projection:
        add_projection(projection_import)
    page = chef_client.get(URL).content.decode()
    assert says in page
    assert 'data-chart="projection-data"' not in page
    assert chef_client.get(CSV_URL).status_code == 404
    assert says in chef_client.get(f"/municipalities/{ALBERTSLUND}/").content.decode()


def test_it_shows_the_gap_on_the_dashboard_with_a_link(chef_client, albertslund_projected):
    page = chef_client.get(f"/municipalities/{ALBERTSLUND}/").content.decode()
    assert "I det centrale scenarie mangler Albertslund ca. 26 pædagoger (årsværk) i 2027." in page
    assert f'href="{URL}"' in page


def test_it_builds_charts_plotly_accepts_with_patterns_for_the_pathways(albertslund_projected, projection_import):
    import plotly.graph_objects as go
    from django.http import QueryDict

    from indicators.projection import pages as projection_pages

    add_stat(projection_import, code=ISHOEJ)
    add_projection(projection_import, code=ISHOEJ)
    albertslund_obj = Municipality.objects.select_related("region").get(code=ALBERTSLUND)
    page = projection_pages.municipality_projection(albertslund_obj, QueryDict("studerende=5&nyuddannede=2&fuldtid=10"))
    region = projection_pages.sum_page(albertslund_obj.region)
    for chart in (page.chart, region.chart):
        go.Figure(chart.figure)  # raises on any property plotly does not know
        assert chart.figure["layout"]["separators"] == ",."
    stacked = [trace for trace in page.chart.figure["data"] if trace.get("fillpattern")]
    assert len({trace["fillpattern"]["shape"] for trace in stacked}) == len(stacked) == 2  # internship, staying


def test_it_shows_a_changed_assumption_on_the_dashboard_at_once(chef_client, albertslund_projected):
    """The panel is cached by the data version, which the admin's assumptions bump. With part-timers at half
    time (f = 0,5): F_B = 100 · (1 − 0,6 · 0,5) = 70; W goes 20 → 23 by 2027, so D = 70 · 23 / 20 = 80,5;
    P_2027 = 86,891667 as above, F = 86,891667 · 0,7 = 60,82; G = −19,68: about 20 lacking."""
    url = f"/municipalities/{ALBERTSLUND}/"
    assert "mangler Albertslund ca. 26 pædagoger (årsværk) i 2027." in chef_client.get(url).content.decode()
    ProjectionAssumption.objects.filter(slug="part-time-fraction").update(value="0.5")  # no signal: not yet shown
    assert "ca. 26 pædagoger" in chef_client.get(url).content.decode()
    assumption = ProjectionAssumption.objects.get(slug="part-time-fraction")
    assumption.save()  # as the admin saves it
    assert "mangler Albertslund ca. 20 pædagoger (årsværk) i 2027." in chef_client.get(url).content.decode()


def test_a_figure_the_base_year_lacks_is_the_newest_earlier_years_and_named_so(chef_client, projection_import):
    """Albertslund's 2025 file lacks the pedagogues over 55; its 2024 (another file) has 50. Ishøj has the same
    years with 50 in 2025 too. The projection takes Albertslund's S = 50 from 2024, not the national default
    (about 19 of 100), so the two projections are the same, year by year (with the default, 2027's supply would
    differ: 5 retire a year instead of about 1,9). The page names 2024 and its file beside S and beside the
    leavers (built on S), and 2025 beside the pedagogues."""
    earlier = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale-2024.xlsx",
                                        sha256="1" * 64, size_bytes=10, status=DataImport.Status.SUCCEEDED)
    for code in (ALBERTSLUND, ISHOEJ):
        add_stat(earlier, code=code, year=2024, paedagoger=90, fratraadte=9, paedagoger_over_55=50)
        add_projection(projection_import, code=code)
    add_stat(projection_import, year=2025, paedagoger_over_55=None)
    add_stat(projection_import, code=ISHOEJ, year=2025, paedagoger_over_55=50)
    assert _csv(chef_client.get(CSV_URL)) == _csv(chef_client.get(f"/municipalities/{ISHOEJ}/projection.csv"))
    page = chef_client.get(URL).content.decode()

    def source(label: str) -> str:
        """The row of "Tallene bag" whose label starts with `label`."""
        row = page[page.index(f'<th scope="row">{label}'):]
        return row[:row.index("</tr>")]

    assert "Kommunens personalestatistik 2024 (fil personale-2024.xlsx" in source("Pædagoger over 55 år")
    assert "Standardværdi" not in source("Pædagoger over 55 år")
    assert "Kommunens personalestatistik 2025 (fil personale.xlsx" in source("Pædagoger (personer)")
    leavers = source("Andre fratrædelser om året")
    assert "2025 (fil personale.xlsx" in leavers and "2024 (fil personale-2024.xlsx" in leavers
