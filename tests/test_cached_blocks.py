"""What one user typed is never shown to another: every page with a `{% cache %}` block is rendered with a
hostile value in each query parameter it reads, as one user, and then plainly as another user, who must not
see the first user's value. A value the page shows back (an error naming it) is rendered outside the cached
block, so the user who typed it sees it even when the block was cached by someone else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

MARK = "Ring7020hostile"  # short: some pages quote only the start of a bad value
HOSTILE = f"{MARK} for ny kode <b>"

# Every cached page (its {% cache %} blocks) and every query parameter its view reads.
MUNICIPALITY = ["planned", "sammenlign", "csv", "xlsx"]
CACHED_PAGES: dict[str, tuple[list[str], list[str]]] = {
    # url: (the parameters it reads, the {% cache %} blocks it renders)
    "/": (["q"], ["municipality-list", "national-summary"]),
    "/municipalities/751/": (MUNICIPALITY, ["dashboard-body"]),
    "/municipalities/751/pathways/through-internship/": (MUNICIPALITY, ["pathway-body"]),
    "/municipalities/751/coverage/history/": (["period", "csv", "xlsx"], ["history-body"]),
    "/compare/": (["region", "planned", "sort", "dir", "csv", "xlsx"], ["compare-results"]),
    "/projection/": (["csv", "xlsx"], ["projection-sum"]),
    "/regions/1082/projection/": (["csv", "xlsx"], ["projection-sum"]),
    "/regions/midtjylland/": (["sort", "dir", "csv", "xlsx"], ["region-body"]),
    "/municipalities/751/interventions/": (["pathway", "target_group", "status", "year", "page", "export"],
                                           ["intervention-list", "intervention-filters", "intervention-row"]),
}
# The same pages reached by an address that names the same object differently (a code with a leading zero).
OTHER_ADDRESSES = {
    "/municipalities/751/": "/municipalities/0751/",
    "/municipalities/751/pathways/through-internship/": "/municipalities/0751/pathways/through-internship/",
    "/municipalities/751/coverage/history/": "/municipalities/0751/coverage/history/",
    "/regions/1082/projection/": "/regions/01082/projection/",
    "/municipalities/751/interventions/": "/municipalities/0751/interventions/",
}


def _cache_blocks() -> set[str]:
    found = set()
    base = Path(settings.BASE_DIR)
    for template in [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]:
        found |= set(re.findall(r"{%\s*cache\s+\d+\s+([\w-]+)", template.read_text()))
    return found


def test_the_table_names_every_cached_block():
    covered = {block for _params, blocks in CACHED_PAGES.values() for block in blocks}
    assert _cache_blocks() == covered, "a {% cache %} block whose page is not in CACHED_PAGES"


@pytest.fixture
def two_clients(chef, editor_b) -> tuple[Client, Client]:
    first, second = Client(), Client()
    first.force_login(chef)
    second.force_login(editor_b)
    return first, second


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(("url", "param"), [(url, param) for url, (params, _b) in CACHED_PAGES.items()
                                             for param in params])
def test_one_users_query_value_is_not_shown_to_the_next_user(two_clients, url, param, htmx):
    first, second = two_clients
    headers = {"HX-Request": "true"} if htmx else {}
    first.get(url, {param: HOSTILE}, headers=headers)
    response = second.get(url, headers=headers)
    assert response.status_code == 200
    assert MARK not in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("url", OTHER_ADDRESSES)
def test_one_users_address_is_not_shown_to_the_next_user(two_clients, url, htmx):
    first, second = two_clients
    headers = {"HX-Request": "true"} if htmx else {}
    first.get(OTHER_ADDRESSES[url], headers=headers)
    html = second.get(url, headers=headers).content.decode()
    assert OTHER_ADDRESSES[url].rstrip("/") not in html


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("url", ["/municipalities/751/", "/municipalities/751/pathways/through-internship/"])
def test_a_bad_comparison_is_told_to_whoever_typed_it_when_the_page_is_cached(two_clients, url, htmx):
    first, second = two_clients
    headers = {"HX-Request": "true"} if htmx else {}
    second.get(url, headers=headers)  # the region's page, now cached
    html = first.get(url, {"sammenlign": HOSTILE}, headers=headers).content.decode()
    assert f"Kan ikke sammenligne med “{MARK} for ny kode &lt;b&gt;”" in html
    assert "<b>" not in html.split("Kan ikke sammenligne")[1][:80]
