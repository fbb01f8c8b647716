"""Which population projection each municipality uses: the chosen one where it has it; else its newest vintage
that covers B … B+10; else its newest – the same on its page, in the CSV, the API and the sums.

Albertslund and Ishøj as in test_projection_pages.py (P = 100, H = 5, F_B = 91; P_2026 = 93, F_2026 = 84,63).
"DST 2025" has (30, 60) children every year 2025–2035 (W = 20, so D = 91 throughout). "DST 2026", imported
later, for Albertslund only: (30, 60) in 2025 and (60, 60) from 2026 (W = 20 + 10 = 30, D_2026 = 91 · 30/20 =
136,5).
"""

from __future__ import annotations

import pytest

from indicators.models import DataImport
from indicators.projection import pages as projection_pages
from tests.conftest import ALBERTSLUND, ISHOEJ
from tests.projection_samples import add_projection, add_stat
from tests.test_projection_pages import CSV_URL, _csv

pytestmark = pytest.mark.django_db
YEARS = range(2025, 2036)


def _newer() -> DataImport:
    return DataImport.objects.create(kind=DataImport.Kind.POPULATION_PROJECTION, file_name="dst-2026.csv",
                                     sha256="2" * 64, size_bytes=10, status=DataImport.Status.SUCCEEDED)


@pytest.fixture
def two_vintages(projection_import) -> None:
    for code in (ALBERTSLUND, ISHOEJ):
        add_stat(projection_import, code=code)
        add_projection(projection_import, code=code, children={year: (30, 60) for year in YEARS})
    add_projection(_newer(), vintage="DST 2026",
                   children={year: (30, 60) if year == 2025 else (60, 60) for year in YEARS})


def test_it_gives_each_municipality_its_own_newest_vintage_in_the_sums(two_vintages):
    """2026 summed: Albertslund D = 136,5 (DST 2026) + Ishøj D = 91 (DST 2025) = 227,5; supply 2 · 84,63."""
    page = projection_pages.sum_page(None)
    year, supply, demand, count = page.rows[1]
    assert (year, count) == (2026, 2)
    assert demand == pytest.approx(227.5)
    assert supply == pytest.approx(169.26)
    assert page.vintages == "1 kommune: DST 2025; 1 kommune: DST 2026"


def test_it_uses_the_same_vintage_on_the_municipalitys_page_and_csv(chef_client, two_vintages):
    """Albertslund's CSV: D_2026 = 136,5 from DST 2026; Ishøj's: 91 from DST 2025."""
    assert _csv(chef_client.get(CSV_URL))[2][3] == "136.5"
    assert _csv(chef_client.get(f"/municipalities/{ISHOEJ}/projection.csv"))[2][3] == "91.0"
    body = chef_client.get(f"/api/v1/municipalities/{ALBERTSLUND}/projection/").json()
    assert body["vintage"] == "DST 2026"


def test_it_takes_an_older_vintage_when_the_newest_does_not_reach_ten_years(chef_client, projection_import):
    """DST 2026 stops at 2027, so Albertslund keeps DST 2025 (2025–2035): D_2026 = 91, not 136,5."""
    add_stat(projection_import)
    add_projection(projection_import, children={year: (30, 60) for year in YEARS})
    add_projection(_newer(), vintage="DST 2026", children={2025: (30, 60), 2026: (60, 60), 2027: (60, 60)})
    rows = _csv(chef_client.get(CSV_URL))
    assert (rows[2][3], rows[-1][0]) == ("91.0", "2035")
    assert projection_pages.sum_page(None).vintages == "1 kommune: DST 2025"


def test_it_applies_a_chosen_vintage_where_the_municipality_has_it(chef_client, two_vintages):
    """?fremskrivning=DST+2025 on Albertslund's page: D_2026 = 91; Ishøj has no DST 2026, so asking for it
    keeps its own DST 2025."""
    assert _csv(chef_client.get(CSV_URL + "?fremskrivning=DST+2025"))[2][3] == "91.0"
    assert _csv(chef_client.get(f"/municipalities/{ISHOEJ}/projection.csv?fremskrivning=DST+2026"))[2][3] == "91.0"
