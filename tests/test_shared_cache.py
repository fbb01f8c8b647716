"""The cache several workers on one server share (recruitment.cache.DiskCache; README, "Speed at any size"):
what one worker stores, another reads from the same folder, and a save shows on the next request, whichever
worker stored the page before it. Django closes every cache after each request; this one stays open (the
load test measured reopening it as a seventh of a busy worker's time) and keeps working across requests.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from indicators.models import DataImport
from recruitment.cache import DiskCache
from tests.conftest import ALBERTSLUND, edit_form
from tests.test_imported_sections import _answers
from tests.test_local_writes import edited  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

NEW_TITLE = "Praktikvejlederuddannelse, nyt hold"


@pytest.fixture
def other_worker(settings, tmp_path) -> DiskCache:
    """This process's cache in a folder, and a second worker's view of the same folder."""
    settings.CACHES = {"default": {"BACKEND": "recruitment.cache.DiskCache", "LOCATION": str(tmp_path)}}
    return DiskCache(str(tmp_path), {})


def test_one_worker_reads_what_another_stored(other_worker):
    cache.set("coverage:test", {"Albertslund": 33.3}, 60)
    assert other_worker.get("coverage:test") == {"Albertslund": 33.3}
    other_worker.delete("coverage:test")
    assert cache.get("coverage:test") is None


def test_a_save_shows_on_the_next_request_with_the_shared_cache(client, editor_a, edited, other_worker):  # noqa: F811
    # Practicum evaluations, so that the dashboard has a trend chart that marks the intervention by its title.
    record = DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    _answers(record, ALBERTSLUND, 2023, helt_enig=5)
    _answers(record, ALBERTSLUND, 2024, helt_enig=6)
    client.force_login(editor_a)
    own = f"/municipalities/{ALBERTSLUND}"
    paths = [f"{own}/", f"{own}/pathways/through-internship/", f"{own}/interventions/"]
    for path in paths:
        client.get(path)  # stored, then served from the folder
        assert NEW_TITLE not in client.get(path).content.decode()
    response = client.post(f"/interventions/{edited.pk}/edit/", edit_form(edited, edited.version, title=NEW_TITLE))
    assert response.status_code == 302
    for path in paths:
        assert NEW_TITLE in client.get(path).content.decode(), path
