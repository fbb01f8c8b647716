"""What the views of several page packages share (dashboards/, projection/, targets/): the municipality a URL
names, and a page's chart downloads linked while the page is built. It sits below the page packages so that
none of them imports another's views."""

from __future__ import annotations

from collections.abc import Callable

from django.shortcuts import get_object_or_404

from indicators.charts.downloads import link_csv
from recruitment.models import Municipality


def municipality_or_404(code: int) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), code=code)


def csv_links(charts: str, path: str, params: dict[str, str]) -> Callable[[object], None]:
    """Links the downloads of each chart in `page.<charts>` to this page with its filters: part of what is cached
    (page_cached's `then`), as the links depend only on the page's address."""
    return lambda page: link_csv(getattr(page, charts), path, params)


def with_csv_links[P](build: Callable[[], P], charts: str, path: str, params: dict[str, str]) -> Callable[[], P]:
    """`build`, then csv_links: for a page cached under a name of its own (lazy_cached)."""
    def build_and_link() -> P:
        page = build()
        csv_links(charts, path, params)(page)
        return page
    return build_and_link
