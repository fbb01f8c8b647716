"""/municipalities/<code>/similar/: "Kommuner som din" with each one's figures, the method, a table and a CSV.

Four municipalities in 2025; only children and pedagogues differ (pedagogue share 50 %, leavers 0, over 55
0 everywhere: z = 0 for all). Children A 100, B 200, C 300, D 400: z -1.3416, -0.4472, 0.4472, 1.3416;
pedagogues A 10, B 10, C 40, D 20: z -0.8165, -0.8165, 1.6330, 0. Distance over five figures from A:
B sqrt(0.8944² / 5) = 0.40, D sqrt((2.6833² + 0.8165²) / 5) = 1.25, C sqrt((1.7889² + 2.4495²) / 5) = 1.36.
"""

import csv
import io

import pytest

from indicators.models import DataImport, WorkforceStat
from recruitment.models import Municipality
from tests.pages import tables, text

pytestmark = pytest.mark.django_db

A, B, C, D = 165, 183, 101, 751  # Albertslund, Ishøj, København, Aarhus


@pytest.fixture
def stats(reference_data):
    record = DataImport.objects.create(kind="workforce", file_name="personale.xlsx", sha256="1" * 64, size_bytes=1,
                                       status=DataImport.Status.SUCCEEDED)
    for code, children, pedagogues in ((A, 100, 10), (B, 200, 10), (C, 300, 40), (D, 400, 20)):
        WorkforceStat.objects.create(
            year=2025, municipality=Municipality.objects.get(code=code), data_import=record, paedagoger=pedagogues,
            paedagogiske_assistenter=0, paedagogmedhjaelpere=pedagogues, paedagoger_over_55=0, fratraadte=0,
            boern_0_2=children, boern_3_5=0)
    # An older year of Albertslund's is not compared.
    WorkforceStat.objects.create(year=2024, municipality=Municipality.objects.get(code=A), data_import=record,
                                 paedagoger=999, boern_0_2=5, boern_3_5=5)


def test_it_lists_the_most_similar_with_their_figures_and_the_method(chef_client, stats):
    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    rows = tables(html)[1]
    assert rows[0] == ["Nr.", "Kommune", "Afstand", "Børn 0–5 år", "Pædagoger", "Pædagogandel",
                       "Fratrådte pr. 100 pædagoger", "Pædagoger over 55 år"]
    assert rows[1] == ["", "Albertslund den valgte kommune", "–", "100", "10", "50,0 %", "0,0", "0,0 %"]
    assert rows[2:] == [["1", "Ishøj", "0,40", "200", "10", "50,0 %", "0,0", "0,0 %"],
                        ["2", "Aarhus", "1,25", "400", "20", "50,0 %", "0,0", "0,0 %"],
                        ["3", "København", "1,36", "300", "40", "50,0 %", "0,0", "0,0 %"]]
    method = text(html)
    assert "personalestatistikken for 2025 (4 kommuner har tal det år)" in method
    assert "z-score" in method and "euklidisk afstand" in method
    assert "sammenlignes kun på de tal, begge har" in method


def test_it_says_which_figures_the_municipality_lacks_and_compares_on_the_rest(chef_client, stats):
    WorkforceStat.objects.filter(year=2025, municipality__code=A).update(fratraadte=None)
    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    assert "For Albertslund mangler: Fratrådte pr. 100 pædagoger." in text(html)
    rows = tables(html)[1]
    # Over four figures: B sqrt(0.8 / 4) = 0.45 (4 af 5 tal)
    assert rows[2][:3] == ["1", "Ishøj", "0,45 (4 af 5 tal)"]


def test_it_shows_each_ones_coverage_of_the_three_pathways(chef_client, stats, make_intervention, editor_a):
    """Ishøj runs one type of through-internship's six with an EVA share (placement-evaluation): 1 / 6 = 16,7 %,
    0,0 % on the two other pathways. Aarhus has ended its one intervention (into-education's merit offer, also a
    registration): 0,0 % everywhere. Albertslund and København have registered nothing: unknown, not 0 %."""
    from interventions.models import Intervention

    make_intervention(editor_a, B, "placement-evaluation", status=Intervention.Status.RUNNING)
    make_intervention(None, D, "merit-offer", status=Intervention.Status.ENDED)
    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    rows = tables(html)[0]
    unknown = ["ikke registreret"] * 3
    assert rows == [
        ["Kommune", "Flere ind på pædagoguddannelsen", "Flere godt igennem praktikken", "Flere til at blive i jobbet"],
        ["Albertslund den valgte kommune", *unknown],
        ["1. Ishøj", "0,0 %", "16,7 %", "0,0 %"],
        ["2. Aarhus", "0,0 %", "0,0 %", "0,0 %"],
        ["3. København", *unknown],
    ]
    csv_rows = list(csv.reader(io.StringIO(chef_client.get(f"/municipalities/{A}/similar/", {"csv": "table"})
                                           .content.decode("utf-8-sig")), delimiter=";"))
    assert csv_rows[0][5:8] == [f"{name}: dækning (%)" for name in (
        "Flere ind på pædagoguddannelsen", "Flere godt igennem praktikken", "Flere til at blive i jobbet")]
    assert csv_rows[2][5:8] == ["0,0", "16,7", "0,0"] and csv_rows[1][5:8] == ["", "", ""]


def test_it_offers_the_table_as_csv(chef_client, stats):
    response = chef_client.get(f"/municipalities/{A}/similar/", {"csv": "table"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Nr.", "Kommune", "Kommunekode", "Afstand", "Tal sammenlignet"]
    assert rows[2][:5] == ["1", "Ishøj", "183", "0,40", "5"]
    assert len(rows) == 1 + 1 + 3


def test_it_says_so_when_the_municipality_has_no_workforce_figures(chef_client, reference_data):
    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    assert "Der er ingen personalestatistik for Albertslund endnu" in text(html)


def test_the_dashboard_links_to_it(chef_client, reference_data):
    html = chef_client.get(f"/municipalities/{A}/").content.decode()
    assert f'href="/municipalities/{A}/similar/"' in html


def test_the_query_count_stays_constant_as_data_grows(chef_client, stats, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as small:
        chef_client.get(f"/municipalities/{A}/similar/")
    record = DataImport.objects.first()
    for municipality in Municipality.objects.exclude(code__in=[A, B, C, D])[:40]:
        WorkforceStat.objects.create(year=2025, municipality=municipality, data_import=record, paedagoger=50,
                                     boern_0_2=300, boern_3_5=300)
    from recruitment import data_version
    data_version.bump()
    with django_assert_max_num_queries(30) as large:
        chef_client.get(f"/municipalities/{A}/similar/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_figure_the_year_lacks_comes_from_the_newest_earlier_year_and_is_named(chef_client, stats):
    """Albertslund's 2025 lacks the pedagogues over 55; its 2024 has 2. The share over 55 is 2 / 10 pedagogues =
    20,0 % (not "–"), the page names 2024 for it, and no figure is said to be missing."""
    WorkforceStat.objects.filter(year=2025, municipality__code=A).update(paedagoger_over_55=None)
    WorkforceStat.objects.filter(year=2024, municipality__code=A).update(paedagoger_over_55=2)
    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    assert tables(html)[1][1][-1] == "20,0 %"  # the figures table (the coverage table comes first)
    assert "bruges det nyeste tidligere år, der har tallet: Albertslund: pædagoger over 55 år fra 2024." in text(html)
    assert "For Albertslund mangler" not in text(html)


def test_compare_with_these_makes_them_the_compare_pages_set_and_remembers_it(chef_client, stats):
    """The stats fixture: Albertslund's most similar are Ishøj, Aarhus and København (the only others with figures),
    so the set is those three and Albertslund itself, listed in Danish order (Aarhus as Århus, last)."""
    from indicators.models import ComparisonPreference

    html = chef_client.get(f"/municipalities/{A}/similar/").content.decode()
    assert '<a id="compare-similar" href="/compare/?sammenlign=som.165">Sammenlign med disse 3</a>' in html
    compare = chef_client.get("/compare/", {"sammenlign": "som.165"}).content.decode()
    names = [row[0] for row in tables(compare)[0][1:-2]]  # without the two footer rows
    assert names == ["Albertslund din kommune", "Ishøj", "København", "Aarhus"]
    assert "Dækning af de tre veje i Albertslund og de 3 mest lignende (Kommuner som din)" in text(compare)
    assert '<option value="som.165" selected>' in compare
    assert ComparisonPreference.objects.get().choice == "som.165"
    again = chef_client.get("/compare/").content.decode()  # remembered like the other choices
    assert [row[0] for row in tables(again)[0][1:-2]] == names


@pytest.mark.parametrize("value", ["som.999", "som.abc", "som.101x", f"som.{B}9"])
def test_an_unknown_or_unlike_municipality_falls_back_and_says_so(chef_client, stats, value):
    html = chef_client.get("/compare/", {"sammenlign": value}).content.decode()
    assert f"Kan ikke sammenligne med “{value}”; viser i stedet Region Hovedstaden." in text(html)


def test_a_municipality_without_figures_has_no_such_set(chef_client, stats):
    """Gentofte (157) has no workforce statistics: nothing to be like, so no set and no link."""
    html = chef_client.get("/compare/", {"sammenlign": "som.157"}).content.decode()
    assert "Kan ikke sammenligne med “som.157”" in text(html)
    assert 'id="compare-similar"' not in chef_client.get("/municipalities/157/similar/").content.decode()
