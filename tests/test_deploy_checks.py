"""`manage.py check --deploy` warns when the cache is not shared by every process (recruitment/checks.py):
throttles would be counted, and pages computed, once per process (or per server with DiskCache)."""

from __future__ import annotations

import pytest
from django.core import checks

REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": "redis://cache.internal:6379/1"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ""}}
DISK = {"default": {"BACKEND": "recruitment.cache.DiskCache", "LOCATION": "/var/cache/paedagoger"}}


def _deploy_warnings(settings, caches: dict, debug: bool = False) -> list[checks.CheckMessage]:
    settings.CACHES = caches
    settings.DEBUG = debug
    return [message for message in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.caches])
            if message.id and message.id.startswith("recruitment.")]


def test_the_default_local_memory_cache_is_named_with_what_it_counts_per_process(settings):
    [warning] = _deploy_warnings(settings, LOCMEM)
    assert warning.id == "recruitment.W001" and warning.level == checks.WARNING
    assert "per process" in warning.msg
    assert "API_RATE_LIMIT" in warning.msg and "briefs" in warning.msg and "lockouts" in warning.msg.lower()
    assert "RedisCache" in warning.hint


def test_diskcache_is_named_as_one_servers_cache(settings):
    [warning] = _deploy_warnings(settings, DISK)
    assert warning.id == "recruitment.W002"
    assert "one server" in warning.msg and "logout" in warning.msg


def test_redis_is_clean(settings):
    assert _deploy_warnings(settings, REDIS) == []


@pytest.mark.parametrize("caches", [LOCMEM, DISK])
def test_nothing_is_said_while_developing(settings, caches):
    assert _deploy_warnings(settings, caches, debug=True) == []


def test_it_runs_only_with_the_deployment_checks(settings):
    settings.CACHES, settings.DEBUG = LOCMEM, False
    assert not [message for message in checks.run_checks(tags=[checks.Tags.caches])
                if message.id == "recruitment.W001"]
