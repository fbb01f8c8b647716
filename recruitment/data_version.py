"""The data version: a token that changes with every write that changes coverage.

Coverage (indicators/coverage/), the dashboards and the intervention list's counts are cached under the
current token (`cached`, `cached_now`), and so are the rendered bodies of the dashboard pages (`lazy_cached`
and the templates' `{% cache %}` blocks). Every write that changes what
coverage is computed from calls `bump()` inside its own transaction: interventions and their target
groups, benchmarks, the catalogue and every other model the cached pages read, imported rows included
(signals in the apps' `ready()`: a save, a delete, the admin's "delete selected"), imports and demo data
(bulk writes that send no signals: they bump once themselves), and any future write of that kind (e.g. a
municipality confirming that it runs none of a pathway's types). tests/test_data_version_models.py lists
the models.
The bump commits or rolls back with the write, so the next request after a commit reads the new
token and computes afresh, in every process, whichever cache backend is used.

A municipality's own pages (its dashboard, pathway pages, coverage over time and intervention list) show
more of its interventions than any other page does: titles, participants, budgets (Intervention.LOCAL_FIELDS).
They are cached under `for_municipality(pk)`, the national token together with the municipality's own, and a
save that changes only such fields bumps the municipality's token alone (`bump_on_owned_change`): the other
97 municipalities' pages and the national ones stay cached while a consultant updates participant numbers.
"""

from __future__ import annotations

import hashlib
import uuid
import weakref
from collections.abc import Callable, Collection
from typing import cast

from django.core.cache import cache
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet, Subquery
from django.utils.functional import SimpleLazyObject

from .models import DataVersion, MunicipalityDataVersion

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


def bump_municipality(municipality_id: int) -> None:
    """Marks one municipality's own pages as changed; call it in the transaction of the write."""
    token = _new_token()
    if not MunicipalityDataVersion.objects.filter(pk=municipality_id).update(token=token):
        MunicipalityDataVersion.objects.bulk_create([MunicipalityDataVersion(municipality_id=municipality_id,
                                                                             token=token)], ignore_conflicts=True)


def current() -> str:
    """The national token now (one query by primary key)."""
    return _first(DataVersion.objects.filter(pk=ROW).values_list("token", flat=True))


def for_municipality(municipality_id: int) -> str:
    """The version of one municipality's own pages: the national token and the municipality's (one query)."""
    return versions(municipality_id)[1]


def versions(municipality_id: int) -> tuple[str, str]:
    """(the national version, the version of the municipality's own pages), in one query."""
    national, own = tokens(municipality_id)
    return national, f"{national}.{own}"


def tokens(municipality_id: int) -> tuple[str, str]:
    """(the national token, the municipality's own), in one query."""
    own = Subquery(MunicipalityDataVersion.objects.filter(pk=municipality_id).values("token")[:1])
    national, own = _first(DataVersion.objects.filter(pk=ROW).values_list("token", own))
    return national, own or "-"  # '-': nothing of its own written since the table was made


def _first[T](rows: QuerySet[DataVersion, T]) -> T:
    found = rows.first()
    if found is None:
        bump()  # the row is missing (a flushed test database)
        found = rows.first()
        assert found is not None, "bump() makes the row"
    return found


def bump_on_change(*models: type[Model]) -> None:
    """Bumps the version whenever one of these models is saved or deleted, or its many-to-many links change
    (bulk writes send no signals: their callers bump themselves)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        post_save.connect(_changed, sender=model, weak=False, dispatch_uid=f"data-version-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, weak=False,
                            dispatch_uid=f"data-version-delete-{model._meta.label}")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(_links_changed, sender=m2m.remote_field.through, weak=False,
                                dispatch_uid=f"data-version-m2m-{model._meta.label}-{m2m.name}")


def bump_on_owned_change(model: type[Model], local_fields: Collection[str]) -> None:
    """For rows a municipality owns (interventions): a save that changes only `local_fields` (attnames) bumps the
    municipality's token alone; a new row, any other change, a delete or a change of its many-to-many links bumps
    the national token too. The row as stored is read before each save (one query) to tell which it is."""
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

    national = [f.attname for f in model._meta.concrete_fields if not f.primary_key and f.attname not in local_fields]
    label = model._meta.label

    def remember(sender, instance, **kwargs) -> None:
        if not instance._state.adding:
            instance._stored_national = sender._base_manager.filter(pk=instance.pk).values(*national).first()

    def saved(sender, instance, created: bool, **kwargs) -> None:
        stored = instance.__dict__.pop("_stored_national", None)
        if created or stored != {name: getattr(instance, name) for name in national}:
            bump()
        bump_municipality(instance.municipality_id)

    def gone(sender, instance, **kwargs) -> None:
        bump()
        bump_municipality(instance.municipality_id)

    def links(sender, instance, action: str, reverse: bool, **kwargs) -> None:
        if action.startswith("post_"):
            bump()
            if not reverse:  # a target group's links to many interventions: the national bump says it all
                bump_municipality(instance.municipality_id)

    pre_save.connect(remember, sender=model, weak=False, dispatch_uid=f"data-version-before-{label}")
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"data-version-save-{label}")
    post_delete.connect(gone, sender=model, weak=False, dispatch_uid=f"data-version-delete-{label}")
    for m2m in model._meta.local_many_to_many:
        m2m_changed.connect(links, sender=m2m.remote_field.through, weak=False,
                            dispatch_uid=f"data-version-m2m-{label}-{m2m.name}")


def _changed(sender, **kwargs) -> None:
    bump()


def _deleted(sender, using: str, **kwargs) -> None:
    """One bump per delete, not per row: Django deletes a queryset (the admin's "delete selected") in one atomic
    block of its own and sends post_delete for each row inside it; the first bump there covers them all."""
    connection = connections[using]
    block = connection.atomic_blocks[-1] if connection.atomic_blocks else None
    if block is not None and _bumped_in.get(connection) is block:
        return
    bump()
    _bumped_in[connection] = block


# The atomic block each connection (one per thread and database) last bumped in; forgotten with the connection.
_bumped_in: weakref.WeakKeyDictionary[BaseDatabaseWrapper, object] = weakref.WeakKeyDictionary()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        bump()


def cache_key(version: str, name: str) -> str:
    """Where the value `name` computed for this data version is cached."""
    return f"coverage:{version}:{name}"


def cached[T](version: str, name: str, compute: Callable[[], T]) -> T:
    """The value computed for this data version, computed now if no process has done it yet."""
    key = cache_key(version, name)
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
    # The proxy stands in for the value: the template reads it as it would read the value itself.
    lazy = cast(T, SimpleLazyObject(lambda: cached(version, name, compute)))
    return lazy, f"{version}:{name}"


def page_cached[T](builder: Callable[..., T], *args: object, version: str | None = None,
                   municipality_id: int | None = None, then: Callable[[T], object] | None = None) -> tuple[T, str]:
    """(value, key) of `builder(*args)` for a data version, as lazy_cached gives them: the one way a view, a CSV
    and the API take a cached page, so that the same builder with the same arguments is built once per version
    whoever asks.

    The version: `version` when given (a request that reads several values takes one version for all), else a
    municipality's own pages' (`municipality_id`: for_municipality), else the national one. The key: the
    builder's name and a digest of its arguments (cache_part). `then` finishes what is cached (e.g. links the
    downloads to the page's address); a page so finished is cached apart from the bare one."""
    if version is None:
        version = for_municipality(municipality_id) if municipality_id is not None else current()
    arguments = hashlib.sha256(",".join(cache_part(arg) for arg in args).encode()).hexdigest()[:32]
    name = f"{builder.__module__}.{builder.__qualname__}:{arguments}"
    if then is not None:
        name += "+then"

    def build() -> T:
        value = builder(*args)
        if then is not None:
            then(value)
        return value
    return lazy_cached(name, build, version)


def cache_part(value: object) -> str:
    """An argument of a cached builder as part of its key: a row by its primary key, a choice by its value
    (an object's `cache_part`), a plain value as text. Anything else is refused rather than keyed by chance."""
    if value is None or isinstance(value, str | int | bool):
        return str(int(value)) if isinstance(value, bool) else str(value)
    if hasattr(value, "cache_part"):
        return str(value.cache_part)
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return f"{value._meta.label_lower}={value.pk}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"no cache key for {type(value).__name__}")
