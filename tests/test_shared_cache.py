"""The cache several workers on one server share (recruitment.cache.DiskCache; README, "Speed at any size"):
what one worker stores, another reads from the same folder, and a save shows on the next request, whichever
worker stored the page before it. Django closes every cache after each request; this one stays open (the
load test measured reopening it as a seventh of a busy worker's time) and keeps working across requests.
Sessions are read from such a cache, and a logout ends them for every worker.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from recruitment.cache import DiskCache
from tests.conftest import ALBERTSLUND, edit_form
from tests.test_local_writes import edited, practicum_trend  # noqa: F401 (edited: a fixture)
from tests.test_settings import _manage

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
    practicum_trend()
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


def _session_engine(**env: str) -> str:
    result = _manage("shell", "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)", DEBUG="1",
                     **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.processes
def test_sessions_come_from_a_shared_cache_but_never_from_one_processs_memory():
    assert _session_engine(CACHE_BACKEND="recruitment.cache.DiskCache", CACHE_LOCATION="/tmp/unused") == \
        "django.contrib.sessions.backends.cached_db"
    assert _session_engine(CACHE_BACKEND="django.core.cache.backends.locmem.LocMemCache") == \
        "django.contrib.sessions.backends.db"
    assert _session_engine() == "django.contrib.sessions.backends.db"  # the default: local memory


def test_a_logout_ends_the_session_for_every_worker(client, settings, editor_a, other_worker):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(editor_a)
    key = client.cookies["sessionid"].value
    assert client.get(f"/municipalities/{ALBERTSLUND}/").status_code == 200
    assert other_worker.get(f"django.contrib.sessions.cached_db{key}") is not None  # what the others read
    client.post("/accounts/logout/")
    assert other_worker.get(f"django.contrib.sessions.cached_db{key}") is None
    stolen = type(client)()
    stolen.cookies["sessionid"] = key
    response = stolen.get(f"/municipalities/{ALBERTSLUND}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
