"""Every dashboard page runs a fixed number of SQL queries, whatever the number of interventions; once the
coverage is cached for the data version, fewer (recruitment.data_version, indicators.coverage)."""

import pytest

from indicators.models import ComparisonPreference
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, TargetGroup

pytestmark = pytest.mark.django_db

# The counts as they are (session and user, navigation, demo banner, data version, catalogue, data, which
# municipalities report, the cases' other municipalities), the
# first request after a write and the next ones: a change shows here. Once a page's body is rendered for the
# data version (the template fragment cache), the next request runs only what the page shows around it: for a
# dashboard, session, user, the municipality, the user's remembered choice, the data version (its comparison
# groups are cached by it), the demo banner and the user's memberships (read once a request: own municipality,
# right to edit).
PAGES = [
    ("/", 14, 5),
    # 5 of them for the projection panel (cached by the version too), 1 for the planned interventions the
    # suggestions link to; 2 for the comparison: the municipality's groups (cached by the data version) and the
    # user's remembered choice;
    # 2 for the interventions and targets drawn on the trend charts
    ("/municipalities/165/", 31, 7),
    ("/municipalities/165/?planned=1", 31, 7),
    ("/municipalities/165/pathways/through-internship/", 28, 8),
    ("/compare/", 17, 6),  # 2 for the comparison groups and the user's remembered choice (cached: 1)
    ("/compare/?sammenlign=alle&sort=stay-in-job&dir=desc", 17, 6),
    ("/municipalities/165/coverage.csv", 13, 4),  # with the region's average: all municipalities
    ("/municipalities/165/?csv=chart-stay-in-job", 23, 5),
    ("/municipalities/165/projection/", 9, 9),
    ("/regions/1084/projection/", 13, 6),  # the sums: computed and rendered once per data version
    ("/projection/", 12, 5),
]


def _grow() -> None:
    """Twenty municipalities (Albertslund among them) with ten interventions each, two target groups apiece."""
    types = list(InterventionType.objects.all())
    groups = list(TargetGroup.objects.all())
    statuses = [Intervention.Status.RUNNING, Intervention.Status.PLANNED, Intervention.Status.ENDED]
    for number, municipality in enumerate(Municipality.objects.order_by("code")[:20]):
        for index in range(10):
            intervention = Intervention.objects.create(
                municipality=municipality, title=f"Indsats {index}", status=statuses[(number + index) % 3],
                intervention_type=types[(number * 7 + index) % len(types)] if index % 4 else None)
            intervention.target_groups.set(groups[index % 7:index % 7 + 2])
    for code in [165]:
        for index in range(10):
            Intervention.objects.create(municipality=Municipality.objects.get(code=code), title=f"Mere {index}",
                                        status=Intervention.Status.RUNNING, intervention_type=types[index])


@pytest.mark.parametrize(("url", "most", "cached"), PAGES)
def test_it_keeps_the_query_count_constant_as_data_grows(chef_client, chef, albertslund_known, url, most, cached,
                                                         django_assert_max_num_queries, django_assert_num_queries):
    if "sammenlign=alle" in url:  # the user's choice is stored on its first visit only (test_comparison.py)
        ComparisonPreference.objects.create(user=chef, choice="alle")
    with django_assert_max_num_queries(most) as small:
        assert chef_client.get(url).status_code == 200
    _grow()
    with django_assert_max_num_queries(most) as large:
        assert chef_client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_num_queries(cached):
        assert chef_client.get(url).status_code == 200
