"""A running check's or import's progress, and whether its worker is alive (the heartbeat; on PostgreSQL an
advisory lock the worker holds while it runs)."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from indicators.models import DataImport


class Reporter:
    """Tells the page how a running check or import is doing, and that its worker is alive.

    The import writes in one long transaction, and what it writes on its own connection stays invisible
    until it commits. On PostgreSQL a thread of its own (with a connection of its own, outside that
    transaction) writes the latest progress, at most twice a second, and a heartbeat every
    IMPORT_HEARTBEAT_SECONDS however long a step takes; the record's `updated_at` is the heartbeat, so
    an import whose record stops changing has really lost its worker. The thread's connection also holds
    an advisory lock on the import while it runs, which is_running() asks: a running import is never
    cancelled or retried, and a worker that dies releases the lock with its connection.

    SQLite has one writer at a time, so there the progress is written on the import's own connection (and
    is seen only outside the write transaction, which on SQLite is short).
    """

    def __init__(self, record: DataImport, interval: float = 0.5) -> None:
        self.record = record
        self.interval = interval
        self.last = 0.0
        self.latest: tuple[str, int] | None = None
        self.changed = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self, stage: str, percent: int) -> None:
        stage, percent = stage[:100], max(0, min(percent, 100))
        now = time.monotonic()
        if now - self.last < self.interval and percent < 100 and stage == self.record.stage:
            return
        self.last = now
        self.record.stage, self.record.progress = stage, percent
        if self.thread is not None:
            self.latest = (stage, percent)
            self.changed.set()
        else:
            _write_progress(self.record.pk, stage, percent)

    def __enter__(self) -> Reporter:
        if connection.vendor == "postgresql":
            locked = threading.Event()
            self.thread = threading.Thread(target=self._beat, args=(locked,), daemon=True,
                                           name=f"import-{self.record.pk}-heartbeat")
            self.thread.start()
            locked.wait(10)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.thread is not None:
            self.stopping.set()
            self.changed.set()
            self.thread.join()
            self.thread = None

    def _beat(self, locked: threading.Event) -> None:
        try:
            with connection.cursor() as cursor:  # this thread's own connection
                cursor.execute("SELECT pg_advisory_lock(%s, %s)", [RUNNING_LOCK_NAMESPACE, self.record.pk])
            locked.set()
            while not self.stopping.is_set():
                self.changed.wait(settings.IMPORT_HEARTBEAT_SECONDS)
                self.changed.clear()
                latest, self.latest = self.latest, None
                if latest is not None:
                    _write_progress(self.record.pk, *latest)
                elif not self.stopping.is_set():
                    _write_progress(self.record.pk)
        finally:
            locked.set()
            connection.close()  # also releases the advisory lock


# The first key of the advisory lock a running import's reporter holds (the second is the import's id).
RUNNING_LOCK_NAMESPACE = 0x1A7


def _write_progress(pk: int, stage: str | None = None, percent: int | None = None) -> None:
    """Progress (or only the heartbeat) of an import that is still active; a finished one is left alone."""
    changes: dict[str, object] = {"updated_at": timezone.now()}
    if stage is not None:
        changes.update(stage=stage, progress=percent)
    DataImport.objects.filter(pk=pk, status__in=DataImport.ACTIVE).update(**changes)


def is_running(record: DataImport) -> bool:
    """Whether a worker is running the import now (PostgreSQL: its reporter holds the lock). On SQLite
    only the heartbeat tells: an active import is taken as running until it is stale."""
    if connection.vendor != "postgresql":
        return record.is_active and not record.is_stalled
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RUNNING_LOCK_NAMESPACE, record.pk])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [RUNNING_LOCK_NAMESPACE, record.pk])
    return not free
