"""Deployment checks of our own (`manage.py check --deploy`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends whose entries one process (or one server) keeps to itself.
PER_PROCESS = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}
PER_SERVER = {"recruitment.cache.DiskCache", "django.core.cache.backends.filebased.FileBasedCache"}
LOCKOUTS = "Login lockouts (django-axes) are kept in the database and hold everywhere either way."


def counted_apart(unit: str, units: str) -> str:
    """What is kept in the cache, hence counted or computed once per cache: what a cache of one `unit` multiplies."""
    return (f"the API's rate limit (API_RATE_LIMIT) is counted by each {unit} apart, so N {units} let N times as "
            f"many requests through; the computed pages, dashboards and the data behind the committee briefs are "
            f"computed once per {unit} after every change")


@register(Tags.caches, deploy=True)
def shared_cache(app_configs: Sequence[AppConfig] | None = None, **kwargs: object) -> list[Warning]:
    """Production runs several gunicorn workers, and a national deployment several app servers: a cache of one
    process (Django's default) gives each its own throttles and its own copy of every page."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS:
        return [Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is per process: "
            f"{counted_apart('process', 'processes')}; sessions are read from the database on every request. "
            f"{LOCKOUTS}",
            hint="Set CACHE_BACKEND=django.core.cache.backends.redis.RedisCache and CACHE_LOCATION=redis://… "
                 "(README, \"Running in production\"). On one server only, recruitment.cache.DiskCache will do.",
            id="recruitment.W001")]
    if backend in PER_SERVER:
        return [Warning(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is shared by one server's processes only: with "
            f"more than one app server, "
            f"{counted_apart('server', 'servers')}; and sessions are read from each server's cache, so a logout on "
            f"one server leaves the session valid on the others until it expires. {LOCKOUTS}",
            hint="With several app servers set CACHE_BACKEND=django.core.cache.backends.redis.RedisCache and "
                 "CACHE_LOCATION=redis://… (README, \"Running in production\").",
            id="recruitment.W002")]
    return []
