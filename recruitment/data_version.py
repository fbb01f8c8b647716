"""The data version: a token that changes with every write that changes coverage.

Coverage (indicators/coverage.py), the dashboards and the intervention list's counts are cached under the
current token (`cached`, `cached_now`), and so are the rendered bodies of the dashboard pages (`lazy_cached`
and the templates' `{% cache %}` blocks). Every write that changes what
coverage is computed from calls `bump()` inside its own transaction: interventions and their target
groups, benchmarks and the catalogue (signals in the apps' `ready()`), imports, demo data, and any
future write of that kind (e.g. a municipality confirming that it runs none of a pathway's types).
The bump commits or rolls back with the write, so the next request after a commit reads the new
token and computes afresh, in every process, whichever cache backend is used.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import DataVersion

ROW = 1
# Entries of older versions are never read again; they expire (or the cache culls them) meanwhile.
CACHE_SECONDS = 60 * 60


def _new_token() -> str:
    return uuid.uuid4().hex


def bump() -> None:
    """Marks the coverage as changed; call it in the transaction of the write."""
    if not DataVersion.objects.filter(pk=ROW).update(token=_new_token()):
        # The row is missing (a flushed test database): make it; a concurrent maker wins just as well.
        DataVersion.objects.bulk_create([DataVersion(pk=ROW, token=_new_token())], ignore_conflicts=True)


def current() -> str:
    """The token now (one query by primary key)."""
    token = DataVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
    if token is None:
        bump()
        token = DataVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
    return token


def bump_on_change(*models: type) -> None:
    """Bumps the version whenever one of these models is saved or deleted, or its many-to-many links change
    (bulk writes send no signals: their callers bump themselves)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=f"data-version-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, weak=False,
                            dispatch_uid=f"data-version-delete-{model._meta.label}")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(_links_changed, sender=m2m.remote_field.through, weak=False,
                                dispatch_uid=f"data-version-m2m-{model._meta.label}-{m2m.name}")


def _changed(sender, **kwargs) -> None:
    bump()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        bump()


def cached[T](version: str, name: str, compute: Callable[[], T]) -> T:
    """The value computed for this data version, computed now if no process has done it yet."""
    key = f"coverage:{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def cached_now[T](name: str, compute: Callable[[], T]) -> T:
    """What `compute` builds from the data behind the dashboards (a whole page: coverage, imported figures,
    key facts, cases; the intervention list's counts), cached until the next write that bumps the version;
    one query when cached."""
    return cached(current(), name, compute)


def lazy_cached[T](name: str, compute: Callable[[], T], version: str | None = None) -> tuple[T, str]:
    """(value, key) for a page whose template renders the value inside `{% cache 3600 <block> key … %}` (3600 is
    CACHE_SECONDS).

    `value` is what `compute` builds for the current data version, fetched from the cache (or computed) only
    when first used; `key` names it with that version. Rendering a dashboard's body costs far more than
    fetching its data, so the template fragment cache keeps the rendered body: when it holds the block for
    this key, the request neither fetches the value nor renders the body. The block's other vary-on values
    are what the body shows beyond the value (e.g. whether the user may edit). Pass `version` when a request
    takes several values: one data version for all of them."""
    version = version or current()
    return SimpleLazyObject(lambda: cached(version, name, compute)), f"{version}:{name}"
