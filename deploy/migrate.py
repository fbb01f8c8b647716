"""Run by deploy/start.sh before gunicorn: the deployment checks (warnings printed; an error stops the start), then
the schema brought up to date. Several app servers may start at once; on PostgreSQL an advisory lock lets one of
them migrate while the others wait, then find nothing to do."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Any fixed number, the same on every server: the lock's name.
MIGRATE_LOCK = 7_301_530


def migrate() -> None:
    """Migrations, one process at a time across servers (Django set up)."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False, verbosity=1)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
        try:
            call_command("migrate", interactive=False, verbosity=1)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check", deploy=True)
    migrate()


if __name__ == "__main__":
    main()
