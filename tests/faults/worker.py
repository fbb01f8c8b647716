"""The background worker for the fault tests: `manage.py db_worker --batch`, which can be made to stop midway.

Run as a script in the environment the test gives it (DATABASE_URL of a scratch database). It prints
"STARTED <import id>" when it takes an import. With STALL_SECONDS set, the import stops after its first
batch of rows, inside its transaction, prints "STALLED <import id>" and waits that long, or until the file
RELEASE_FILE exists when that is set: long enough for the test to kill it, or for a second import to run into
it. Not collected by pytest.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from indicators.imports import jobs  # noqa: E402
from indicators.imports.importers import intervention_survey  # noqa: E402
from indicators.imports.importers.practicum import importer as practicum  # noqa: E402

STALL_SECONDS = float(os.environ.get("STALL_SECONDS", "0"))
RELEASE_FILE = Path(os.environ["RELEASE_FILE"]) if os.environ.get("RELEASE_FILE") else None


def _announcing(run):
    def announced(record, content, *args, **kwargs):
        print(f"STARTED {record.pk}", flush=True)
        _stalling.current = record.pk
        return run(record, content, *args, **kwargs)

    return announced


def _stalling(insert_rows):
    def stalled(*args, **kwargs):
        insert_rows(*args, **kwargs)
        if STALL_SECONDS and not getattr(_stalling, "done", False):
            _stalling.done = True
            print(f"STALLED {_stalling.current}", flush=True)
            deadline = time.monotonic() + STALL_SECONDS
            while time.monotonic() < deadline and not (RELEASE_FILE and RELEASE_FILE.exists()):
                time.sleep(0.05)

    return stalled


jobs.run = _announcing(jobs.run)
for module in (practicum, intervention_survey):
    module.insert_rows = _stalling(module.insert_rows)

call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1")
print("WORKER DONE", flush=True)
