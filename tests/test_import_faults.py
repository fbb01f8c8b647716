"""Imports keep their promises when things go wrong: a worker killed midway leaves nothing half-written,
the import shows as stopped and runs again; two imports of one kind at once are serialised, never
interleaved.

These run the real background worker (`manage.py db_worker`, through tests/faults/worker.py) as separate
processes on a scratch database of their own (a SQLite file, or a fresh database on the PostgreSQL server
the suite runs against), since the test database pytest holds is not one other processes can share.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("faults")]  # one scratch template per module
WORKER = ROOT / "tests" / "faults" / "worker.py"
PRACTICUM_SAMPLE = ROOT / "fixtures" / "samples" / "practicum-evaluations.csv"
PRELUDE = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
import django
django.setup()
"""


class Scratch:
    """A database of its own, and ways to run Django code and the worker against it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.env = {**{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}},
                    "DATABASE_URL": url, "SECRET_KEY": "faults-only-not-secret", "HTTPS": "0",
                    "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "testserver",
                    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}

    def manage(self, *args: str) -> None:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    def django(self, code: str, **values: object) -> dict:
        """Runs code with Django set up; `values` arrive as the dict VALUES; it sets RESULT, returned as JSON."""
        script = PRELUDE + f"VALUES = json.loads({json.dumps(json.dumps(values))})\n" + code + \
            "\nprint('RESULT ' + json.dumps(RESULT))\n"
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=self.env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1].removeprefix("RESULT "))

    def worker(self, stall_seconds: float = 0, release_file: Path | None = None) -> subprocess.Popen:
        """The worker; with `stall_seconds` its first import stops midway that long, or until `release_file`
        exists."""
        env = {**self.env, "STALL_SECONDS": str(stall_seconds), "RELEASE_FILE": str(release_file or "")}
        return subprocess.Popen([sys.executable, str(WORKER)], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env)

    def wait_for_import_lock_waiter(self, timeout: float = 60) -> None:
        """Until a session waits for an import's lock. Only PostgreSQL shows it (an advisory lock not yet
        granted); on SQLite the second import waits for the write lock inside SQLite's busy handler, which
        nothing outside the process can see, so there is nothing to wait for."""
        if not self.url.startswith(("postgres://", "postgresql://")):
            return
        import psycopg

        deadline = time.monotonic() + timeout
        with psycopg.connect(self.url, autocommit=True) as connection:
            while time.monotonic() < deadline:
                if connection.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                      ).fetchone()[0]:
                    return
                time.sleep(0.05)
        raise AssertionError("the second import never waited for the first one's lock")


def _wait_for(process: subprocess.Popen, word: str, timeout: float = 60) -> str:
    """Reads the worker's output until a line starts with `word`; that line's argument."""
    deadline = time.monotonic() + timeout
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        lines.append(line)
        if line.startswith(word):
            return line.split()[1]
    raise AssertionError(f"the worker never said {word}: {''.join(lines)}")


def _finish(process: subprocess.Popen, timeout: float = 120) -> str:
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output
    return output


def _postgres_admin(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def scratch_template(tmp_path_factory) -> Iterator[str]:
    """A migrated database with the reference data, built once; each test gets a copy."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"faults_template_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_postgres_admin(suite_url), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            template = Scratch(_with_database(suite_url, name))
            template.manage("migrate", "--verbosity", "0")
            template.manage("load_reference_data")
            yield template.url
        finally:
            with psycopg.connect(_postgres_admin(suite_url), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        template = Scratch(f"sqlite:///{tmp_path_factory.mktemp('faults')}/template.sqlite3")
        template.manage("migrate", "--verbosity", "0")
        template.manage("load_reference_data")
        yield template.url


@pytest.fixture
def scratch(scratch_template: str, tmp_path) -> Iterator[Scratch]:
    if scratch_template.startswith("sqlite:///"):
        copy = tmp_path / "faults.sqlite3"
        shutil.copyfile(scratch_template.removeprefix("sqlite:///"), copy)
        yield Scratch(f"sqlite:///{copy}")
        return
    import psycopg

    template = urlsplit(scratch_template).path.lstrip("/")
    name = f"faults_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_postgres_admin(scratch_template), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield Scratch(_with_database(scratch_template, name))
    finally:
        with psycopg.connect(_postgres_admin(scratch_template), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- A worker killed midway ----------------------------------------------------------------------------

QUEUE_IMPORT = """
from django.contrib.auth import get_user_model
from indicators.imports import tasks
from indicators.imports import jobs
from indicators.imports.importers import base, get_importer

admin = get_user_model().objects.filter(username="fault-admin").first() or \\
    get_user_model().objects.create_superuser("fault-admin", password="fault-password-1234")
content = open(VALUES["path"], "rb").read() if "path" in VALUES else VALUES["text"].encode("utf-8")
record = jobs.create(VALUES["kind"], VALUES["name"], content, admin)
analysis = jobs.check(record, content)
assert analysis.ok, analysis.problems.sorted()
assert jobs.confirm(record)
record.refresh_from_db()
tasks.enqueue_run(record)
RESULT = {"pk": record.pk}
if VALUES["kind"] == "practicum-evaluations":
    RESULT.update(counts=len(analysis.parsed.counts), training=len(analysis.parsed.training))
"""

PRACTICUM_STATE = """
from indicators.models import DataImport, ImportUpload, PracticumEvaluationCount, SupervisorTrainingCount
record = DataImport.objects.get(pk=VALUES["pk"])
RESULT = {"status": record.status, "progress": record.progress, "upload_kept": ImportUpload.objects.filter(
              data_import=record).exists(),
          "counts": PracticumEvaluationCount.objects.count(), "training": SupervisorTrainingCount.objects.count(),
          "counts_of_import": PracticumEvaluationCount.objects.filter(data_import=record).count()}
"""

ADMIN_PAGE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from indicators.models import DataImport

# Ten minutes without a sign of life: what the page takes for a worker that is gone.
DataImport.objects.filter(pk=VALUES["pk"]).update(updated_at=timezone.now() - timedelta(minutes=11))
browser = Client()
browser.force_login(get_user_model().objects.get(username="fault-admin"))
detail = browser.get(f"/imports/{VALUES['pk']}/").content.decode()
listing = browser.get("/imports/").content.decode()
retry = browser.post(f"/imports/{VALUES['pk']}/retry/")
RESULT = {"detail": detail, "list": listing, "retry": retry.status_code,
          "status": DataImport.objects.get(pk=VALUES["pk"]).status}
"""


def test_it_leaves_nothing_half_written_when_the_worker_is_killed_and_runs_the_import_again(scratch):
    queued = scratch.django(QUEUE_IMPORT, kind="practicum-evaluations", name="praktik.csv",
                            path=str(PRACTICUM_SAMPLE))
    worker = scratch.worker(stall_seconds=600)
    try:
        assert _wait_for(worker, "STALLED") == str(queued["pk"])
        # Inside its transaction, the evaluation counts written and the supervisor counts not yet:
        # killed the way an out-of-memory killer or a hard redeploy kills.
    finally:
        worker.kill()
        worker.wait(timeout=30)

    state = scratch.django(PRACTICUM_STATE, pk=queued["pk"])
    assert state["status"] == "importing"
    assert (state["counts"], state["training"]) == (0, 0), "a killed import left rows behind"
    assert state["upload_kept"]  # the file is still there to run again

    seen = scratch.django(ADMIN_PAGE, pk=queued["pk"])
    assert "Stoppet undervejs – intet ændret" in seen["detail"]
    assert "baggrundsprocessen er formentlig stoppet" in seen["detail"] and "Prøv igen" in seen["detail"]
    assert "Stoppet undervejs – intet ændret" in seen["list"]
    assert (seen["retry"], seen["status"]) == (302, "queued")

    _finish(scratch.worker())
    state = scratch.django(PRACTICUM_STATE, pk=queued["pk"])
    assert state["status"] == "succeeded"
    assert (state["counts"], state["training"]) == (queued["counts"], queued["training"])
    assert state["counts_of_import"] == queued["counts"]
    assert not state["upload_kept"]


# --- Two imports of one kind at the same time --------------------------------------------------------

SURVEY_FILE = """
from indicators.imports.importers.intervention_survey import InterventionSurveyImporter
from interventions.models import InterventionType
from recruitment.models import Municipality
slugs = list(InterventionType.objects.order_by("position", "pk").values_list("slug", flat=True))
codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
yes = set(slugs[VALUES["first"]:VALUES["last"]])
lines = [",".join(["år", "kommunekode", *slugs])]
lines += [",".join(["2024", f"{code:04d}", *["x" if slug in yes else "" for slug in slugs]]) for code in codes]
RESULT = {"text": "\\n".join(lines) + "\\n", "types": len(slugs), "municipalities": len(codes), "yes": sorted(yes)}
"""

SURVEY_STATE = """
from django.db.models import Count
from indicators.models import DataImport, InterventionSurveyAnswer
records = {str(r.pk): {"status": r.status, "summary": r.summary, "error": r.error, "finished": r.finished_at.isoformat()
                       if r.finished_at else None} for r in DataImport.objects.filter(pk__in=VALUES["pks"])}
answers = InterventionSurveyAnswer.objects.filter(year=2024)
duplicates = answers.values("municipality", "intervention_type").annotate(n=Count("pk")).filter(n__gt=1).count()
yes = sorted(set(answers.filter(runs=True).values_list("intervention_type__slug", flat=True)))
per_municipality = sorted(set(answers.filter(runs=True).values("municipality").annotate(n=Count("pk"))
                              .values_list("n", flat=True)))
by_import = sorted(set(answers.values_list("data_import", flat=True)))
RESULT = {"records": records, "rows": answers.count(), "duplicates": duplicates, "yes": yes,
          "yes_per_municipality": per_municipality, "by_import": by_import}
"""


def test_it_serialises_two_imports_of_the_same_kind_and_never_interleaves_them(scratch, tmp_path):
    first_file = scratch.django(SURVEY_FILE, first=0, last=20)
    second_file = scratch.django(SURVEY_FILE, first=15, last=42)
    first = scratch.django(QUEUE_IMPORT, kind="intervention-survey", name="kortlaegning-a.csv",
                           text=first_file["text"])
    second_path = tmp_path / "kortlaegning-b.csv"
    second_path.write_text(second_file["text"], encoding="utf-8")

    # The worker takes the uploaded file and stops inside its transaction for a while; meanwhile an
    # admin imports another survey file of the same years from the command line.
    release = tmp_path / "release"
    worker = scratch.worker(stall_seconds=300, release_file=release)  # until the checks midway are done
    command = None
    try:
        assert _wait_for(worker, "STALLED") == str(first["pk"])
        command = subprocess.Popen(
            [sys.executable, "manage.py", "import_data", "intervention-survey", str(second_path)],
            cwd=ROOT, env=scratch.env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        command_started = time.time()
        scratch.wait_for_import_lock_waiter()
        midway = scratch.django(SURVEY_STATE, pks=[first["pk"]])
        assert command.poll() is None, command.stdout.read()  # waiting for the first, not done
        assert midway["rows"] == 0  # nothing of either is visible before the first commits
        release.touch()
        _finish(worker)
        output = _finish(command)
    finally:
        for process in (worker, command):
            if process is not None and process.poll() is None:
                process.kill()

    second_pk = int(output.split("import nr. ")[1].split(")")[0])
    state = scratch.django(SURVEY_STATE, pks=[first["pk"], second_pk])
    records = state["records"]
    assert {pk: record["status"] for pk, record in records.items()} == {
        str(first["pk"]): "succeeded", str(second_pk): "succeeded"}, records
    # They overlapped: the second began before the first committed, and finished after it.
    assert command_started < datetime.fromisoformat(records[str(first["pk"])]["finished"]).timestamp()
    assert records[str(first["pk"])]["finished"] < records[str(second_pk)]["finished"]
    # Exactly the second file, whole: one answer per municipality and type, all from that import.
    assert state["duplicates"] == 0
    assert state["rows"] == second_file["municipalities"] * second_file["types"]
    assert state["yes"] == second_file["yes"]
    assert state["yes_per_municipality"] == [len(second_file["yes"])]
    assert state["by_import"] == [second_pk]
    # The second compared with what the first had committed, not with the empty tables it saw at first.
    assert records[str(second_pk)]["summary"]["replaced"] == second_file["municipalities"]
    assert records[str(second_pk)]["summary"]["added"] == 0


# --- The database locked or lost under a running worker ------------------------------------------------

class Output:
    """A process's output, read line by line on a thread of its own, so a test can wait for a line with a
    deadline while the process goes on."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process, self.lines, self.changed = process, [], threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (found := next((line for line in self.lines if text in line), None)):
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"the worker never said {text!r}:\n{''.join(self.lines)}")
                self.changed.wait(timeout=min(left, 1))
        return found

    @property
    def text(self) -> str:
        with self.changed:
            return "".join(self.lines)


def _until(check, timeout: float = 120):
    """Polls `check()` until it returns something true, up to `timeout` seconds; that value."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.2)
    return value


@pytest.mark.sqlite
def test_the_worker_outlives_a_database_locked_for_longer_than_its_busy_timeout(scratch):
    if not scratch.url.startswith("sqlite:///"):
        pytest.skip("holds SQLite's write lock")
    env = {**scratch.env, "SQLITE_TIMEOUT_SECONDS": "1", "LOG_LEVEL": "INFO"}
    worker = subprocess.Popen([sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.1"],
                              cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = Output(worker)
    locker = sqlite3.connect(scratch.url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        output.wait_for("Starting worker")
        locker.execute("BEGIN EXCLUSIVE")  # a writer that holds the lock for longer than the worker waits
        try:
            output.wait_for("database unavailable")
        finally:
            locker.execute("ROLLBACK")
        queued = scratch.django(QUEUE_IMPORT, kind="practicum-evaluations", name="praktik.csv",
                                path=str(PRACTICUM_SAMPLE))
        state = _until(lambda: (found := scratch.django(PRACTICUM_STATE, pk=queued["pk"]))["status"] in {
            "succeeded", "failed"} and found)
        assert state["status"] == "succeeded", output.text
        assert state["counts"] == queued["counts"]
        assert worker.poll() is None, output.text
    finally:
        locker.close()
        worker.terminate()
        worker.wait(timeout=60)
    log = output.text
    assert [line for line in log.splitlines() if "database unavailable" in line] == [
        next(line for line in log.splitlines() if "database unavailable" in line)], log  # one line, however long
    assert "Traceback" not in log, log
