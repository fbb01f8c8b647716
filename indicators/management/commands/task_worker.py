"""`manage.py task_worker`: django-tasks-db's `db_worker` (the data imports run on it) that outlives its database.

`db_worker` ends on the first OperationalError or InterfaceError outside a task: SQLite's write lock held longer
than the busy timeout (SQLITE_TIMEOUT_SECONDS), or a PostgreSQL server restarted or unreachable. A worker that
has ended runs nothing more, and the next import waits in the queue until it is shown as stopped. This one logs a
line, waits with a growing pause (RETRY_FIRST_SECONDS, doubled up to RETRY_LAST_SECONDS) until the database
answers again, and goes on. The same options as `db_worker`, except --reload (the reloader runs the worker on a
thread this command cannot watch).
"""

from __future__ import annotations

import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.utils import exclusive_transaction

logger = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 1.0
RETRY_LAST_SECONDS = 60.0
DATABASE_ERRORS = (OperationalError, InterfaceError)


class Command(db_worker.Command):
    help = "Run the background worker (imports), waiting out a locked or lost database instead of stopping."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, reload: bool, **options: Any) -> None:
        if reload:
            raise CommandError("task_worker runs without the reloader; use db_worker --reload while developing.")
        while True:
            try:
                super().handle(*args, reload=False, **options)
                return  # --batch or --max-tasks: done
            except DATABASE_ERRORS as error:
                logger.warning("Background worker: database unavailable (%s); retrying until it answers",
                               " ".join(str(error).split()) or type(error).__name__)
                wait_for_database()


def wait_for_database() -> None:
    """Returns once the default database takes a write transaction, pausing longer after each refusal."""
    pause = RETRY_FIRST_SECONDS
    while True:
        connections.close_all()  # a lost connection is not reused; the next query opens a new one
        time.sleep(pause)
        try:
            with exclusive_transaction(), connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DATABASE_ERRORS:
            pause = min(pause * 2, RETRY_LAST_SECONDS)
            continue
        close_old_connections()
        return
