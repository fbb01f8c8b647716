"""The machine-readable contract /municipalities/<code>/coverage.csv, against hand computations.

EVA shares with a value, by pathway (fixtures/reference/eva_catalog.csv): into-education 9 types, mean
366/9 = 40.67; through-internship 6 types, mean 282/6 = 47.0; stay-in-job 18 types, mean 864/18 = 48.0.
The Albertslund interventions are those of the `albertslund_known` fixture (see tests/test_dashboard.py).
The last three columns are the region's average over its reporting municipalities (here usually the municipality
itself, the only one of Region Hovedstaden's 29 that has registered), their number and the region's; the
averages with several municipalities, and with none, are hand-computed in tests/test_reporting.py.
"""

from decimal import Decimal

import pytest

from indicators.numbers import round1
from interventions.models import Intervention

pytestmark = pytest.mark.django_db

HEADER = ("pathway,catalogue_types,running_types,catalogue_coverage_pct,eva_expected_pct,difference_pts,"
          "target_groups_total,target_groups_reached,region_average_pct,region_reporting,region_total")
INTERNSHIP_TYPES = ["supervisor-training", "student-onboarding", "placement-evaluation", "supervisor-network",
                    "placement-rotation", "student-forum"]


def _csv(client, code: int, **params: str) -> list[str]:
    response = client.get(f"/municipalities/{code}/coverage.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response.content.decode("utf-8").split("\n")


def test_it_returns_one_row_per_pathway_with_the_hand_computed_numbers(chef_client, albertslund_known):
    assert _csv(chef_client, 165) == [
        HEADER,
        "into-education,9,0,0.0,40.7,-40.7,3,1,0.0,1,29",
        "through-internship,6,2,33.3,47.0,-13.7,1,1,33.3,1,29",
        "stay-in-job,18,0,0.0,48.0,-48.0,3,1,0.0,1,29",
        "",
    ]


def test_it_counts_plans_in_coverage_but_never_in_running_types(chef_client, albertslund_known):
    assert _csv(chef_client, 165, planned="1")[2] == "through-internship,6,2,50.0,47.0,3.0,1,1,50.0,1,29"


def test_it_gives_an_empty_municipality_zero_coverage(chef_client):
    # Nobody in the region has registered: no average, 0 of 29 (the contract's columns are kept as they were).
    assert _csv(chef_client, 101)[1:] == [
        "into-education,9,0,0.0,40.7,-40.7,3,0,,0,29",
        "through-internship,6,0,0.0,47.0,-47.0,1,0,,0,29",
        "stay-in-job,18,0,0.0,48.0,-48.0,3,0,,0,29",
        "",
    ]


def test_it_counts_interventions_without_a_catalogue_type_for_reach_only(chef_client, add_intervention):
    add_intervention(147, Intervention.Status.RUNNING, None, ["students", "seniors", "experienced"])
    assert _csv(chef_client, 147)[2:4] == ["through-internship,6,0,0.0,47.0,-47.0,1,1,0.0,1,29",
                                           "stay-in-job,18,0,0.0,48.0,-48.0,3,2,0.0,1,29"]


def test_it_reaches_full_coverage_when_all_types_of_a_pathway_run(chef_client, add_intervention):
    for slug in INTERNSHIP_TYPES:
        add_intervention(183, Intervention.Status.RUNNING, slug)
    assert _csv(chef_client, 183)[2] == "through-internship,6,6,100.0,47.0,53.0,1,1,100.0,1,29"


def test_it_writes_one_decimal_with_a_point_and_never_minus_zero():
    # Numbers, not text: the CSV writer prints them with a point, and an export never quotes a minus.
    assert [str(round1(Decimal(v))) for v in ["33.333", "-13.666", "0.05", "-0.04", "100", "0"]] == [
        "33.3", "-13.7", "0.1", "0.0", "100.0", "0.0"]
    assert round1(None) is None


def test_it_answers_404_for_unknown_municipalities(chef_client):
    assert chef_client.get("/municipalities/999/coverage.csv").status_code == 404


def test_it_answers_in_a_constant_number_of_queries(chef_client, add_intervention, django_assert_max_num_queries):
    # 13 when computed (the data version among them); then cached with the coverage panel (test_dashboard_queries)
    with django_assert_max_num_queries(13) as small:
        chef_client.get("/municipalities/165/coverage.csv")
    for code in [165, 183, 101]:
        for slug in INTERNSHIP_TYPES:
            add_intervention(code, Intervention.Status.RUNNING, slug)
    with django_assert_max_num_queries(13) as large:
        chef_client.get("/municipalities/165/coverage.csv")
    assert len(large.captured_queries) == len(small.captured_queries)
