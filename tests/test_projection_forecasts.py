"""The national projection page's "Andre fremskrivninger": the published forecasts with their source records,
and our own central sum in the same table and the same words."""

from __future__ import annotations

import pytest

from indicators.models import WorkforceStat
from tests.pages import element, text
from tests.projection_samples import add_projection, add_stat

pytestmark = pytest.mark.django_db


def test_it_sets_the_published_forecasts_beside_ours(chef_client, projection_import):
    """Albertslund alone as in test_projection_pages (P = 100, S = 20, q = 0,125, H = 5), U = 20 and children
    (30, 60) every year 2025–2035, so D = (91 + 20) · 20/20 = 111 throughout. P by P' = P − S/10 − q(P − S) + 5,
    S' = S − S/10 + (P − S)/30: 2026 93 / 20,667; 2027 86,892 / 21,011; 2028 81,556 / 21,106; 2029 76,889 /
    21,010; 2030 72,803, F = 0,91 · 72,803 = 66,25, G = −44,75 → "ca. 45 mangler"; on to 2035: P = 58,758,
    F = 53,47, G = −57,53 → "ca. 58 mangler". Then the four published rows."""
    add_stat(projection_import, ubesatte_stillinger=20)
    add_projection(projection_import, children={year: (30, 60) for year in range(2025, 2036)})
    html = chef_client.get("/projection/").content.decode()
    table = text(element(html, "other-forecasts"))
    assert "Andre fremskrivninger" in table
    assert "Økonomisk Analyse: Rekruttering af velfærdsmedarbejdere nu og i fremtiden, Finansministeriet, 2023" in table
    assert "ca. 5.000 mangler" in table and "ca. 13.700 mangler" in table
    assert "gengivet efter denoffentlige.dk: Vi føder færre børn" in table
    assert "ved 60 % pædagogandel" in table and "alle uddannede pædagoger i arbejdsstyrken, alle sektorer" in table
    assert "Pædagoger nok (denne fremskrivning) ca. 45 mangler 2030" in table
    assert "Pædagoger nok (denne fremskrivning) ca. 58 mangler 2035" in table and "1 kommune: DST 2025" in table
    assert 'href="https://fm.dk/udgivelser/2023/september/' in html
    assert WorkforceStat.objects.get().ubesatte_stillinger == 20


def test_it_shows_the_forecasts_only_on_the_national_page(chef_client, projection_import):
    add_stat(projection_import)
    add_projection(projection_import)
    assert "Andre fremskrivninger" not in chef_client.get("/regions/1084/projection/").content.decode()


def test_it_draws_the_observed_years_and_says_which_rule_set_the_hires(chef_client, projection_import):
    """92 pedagogues in 2021 (60 under 37 hours), 100 in 2025 and no count of hires: rule 2, +8 over 4 years =
    2 a year, 2 / 92 = 2,2 % of 2021's count. The chart draws 2021 and 2025 solid: persons 92 and 100, FTE
    92 · (1 − 60/92 · 0,15) = 83 and 91; its table has 2021 with those two numbers."""
    from indicators.projection import pages as projection_pages
    from recruitment.models import Municipality

    add_stat(projection_import, year=2021, paedagoger=92, nyansatte=None)
    add_stat(projection_import, nyansatte=None)
    add_projection(projection_import)
    html = chef_client.get("/municipalities/165/projection/").content.decode()
    assert ("Fra 2021 til 2025 voksede antallet af pædagoger med 2,2 % om året; fremskrivningen fortsætter med "
            "de samme tilgange.") in html
    from django.http import QueryDict

    page = projection_pages.municipality_projection(Municipality.objects.get(code=165), QueryDict())
    traces = {trace["name"]: trace for trace in page.chart.figure["data"]}
    assert traces["Pædagoger, faktisk (personer)"]["x"] == [2021, 2025]
    assert traces["Pædagoger, faktisk (personer)"]["y"] == [92, 100]
    assert traces["Udbud, faktisk (årsværk)"]["y"] == [83, 91]
    assert page.chart.table.rows[0][:7] == ["2021", "", "", "", 92, 83, ""]
