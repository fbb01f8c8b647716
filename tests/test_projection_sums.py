"""The workforce projection's sums: the KKR region's (how many municipalities have data, none), the national sum
in a fixed number of queries, and 404 for an unknown municipality or region. Albertslund's figures as in
test_projection_pages.py."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import ISHOEJ
from tests.projection_samples import add_projection, add_stat

pytestmark = pytest.mark.django_db


def test_it_sums_the_region_and_says_how_many_municipalities_have_data(chef_client, albertslund_projected,
                                                                        projection_import):
    """Ishøj the same as Albertslund: together 2 × 25,578583 = 51,2 lacking in 2027."""
    add_stat(projection_import, code=ISHOEJ)
    add_projection(projection_import, code=ISHOEJ)
    page = chef_client.get("/regions/1084/projection/").content.decode()
    assert "I det centrale scenarie mangler de 2 af 29 kommuner i KKR Hovedstaden med data tilsammen ca. 51 " \
           "pædagoger (årsværk) i 2027." in page
    national = chef_client.get("/projection/").content.decode()
    assert "de 2 af 98 kommuner i hele landet med data tilsammen ca. 51" in national
    download = chef_client.get("/projection/?csv=projection-sum")  # for Excel set to Danish
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[3] == ["2027", "158,1", "209,3", "-51,2", "2"]


def test_it_says_when_no_municipality_in_the_region_has_data(chef_client, reference_data):
    page = chef_client.get("/regions/1084/projection/").content.decode()
    assert "Ingen af kommunerne i KKR Hovedstaden har både personalestatistik og en befolkningsfremskrivning." in page


def test_it_answers_an_unknown_municipality_or_region_with_404(chef_client, reference_data):
    assert chef_client.get("/municipalities/999/projection/").status_code == 404
    assert chef_client.get("/regions/9/projection/").status_code == 404


def test_it_runs_a_fixed_number_of_queries_for_the_national_sum(chef_client, albertslund_projected, projection_import,
                                                                 django_assert_max_num_queries):
    for code in (ISHOEJ, 101, 751):
        add_stat(projection_import, code=code)
        add_projection(projection_import, code=code)
    # The earlier years' pedagogue counts are one query; the forecasts' source records and whether any data is
    # synthetic two more; the backcast (every year's statistics, the municipalities it runs) two more.
    with django_assert_max_num_queries(17):
        chef_client.get("/projection/")
