"""indicators.filters.PageFilters: the one reader of the URL's filters for the pages, their CSVs and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from indicators.dashboards.compare_filters import compare_filters
from indicators.filters import PageFilters


@pytest.mark.parametrize(("query", "planned"), [("planned=1", True), ("", False), ("planned=0", False),
                                                ("planned=true", False), ("planned=yes", False)])
def test_only_planned_1_counts_plans_on_pages_compare_and_api_alike(query, planned):
    """?planned=1 and nothing else counts plans: the dashboards, the compare page's filters and the API read it
    through PageFilters, so "true" or "yes" count on none of them."""
    filters = PageFilters(QueryDict(query))
    assert filters.include_planned is planned
    assert filters.planned_params() == ({"planned": "1"} if planned else {})
    assert compare_filters(QueryDict(query), [], None, []).include_planned is planned


@pytest.mark.parametrize(("query", "granularity"), [("period=quarter", "quarter"), ("", "year"),
                                                    ("period=month", "year")])
def test_coverage_over_time_is_by_quarter_only_when_asked(query, granularity):
    assert PageFilters(QueryDict(query)).granularity == granularity


def test_whole_numbers_are_read_within_their_spans_and_refused_in_danish():
    """year 2000–2100; municipality and region 0–2147483647 (what every database's integer column holds)."""
    assert PageFilters(QueryDict("year=2024&region=1084")).numbers("year", "region", "municipality") == {
        "year": 2024, "region": 1084, "municipality": None}
    with pytest.raises(ValidationError) as refused:
        PageFilters(QueryDict("year=1999&region=abc&municipality=" + "9" * 20)).numbers(
            "year", "region", "municipality")
    assert refused.value.message_dict == {
        "year": ["Skal være et år mellem 2000 og 2100."], "region": ["Skal være et helt tal, ikke “abc”."],
        "municipality": ["Skal være et helt tal mellem 0 og 2147483647."]}
    # A page reads only the numbers it takes: a bad year does not refuse a request that asks for the region.
    assert PageFilters(QueryDict("year=abc&region=84")).numbers("region") == {"region": 84}
