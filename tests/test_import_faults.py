"""Imports keep their promises when things go wrong: a worker killed midway leaves nothing half-written,
the import shows as stopped and runs again; two imports of one kind at once are serialised, never
interleaved.

These run the real background worker (`manage.py db_worker`, through tests/faults/worker.py) as separate
processes on a scratch database of their own (a SQLite file, or a fresh database on the PostgreSQL server
the suite runs against), since the test database pytest holds is not one other processes can share.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime

import pytest

from tests.faults.scratch import ROOT, Output, Scratch, finish, scratch_copy, until, wait_for_word
from tests.faults.scratch import scratch_template as template_database
from tests.faults.scripts import ADMIN_PAGE, PRACTICUM_STATE, QUEUE_IMPORT, SURVEY_FILE, SURVEY_STATE

pytestmark = [pytest.mark.processes, pytest.mark.xdist_group("faults")]  # one scratch template per module
PRACTICUM_SAMPLE = ROOT / "fixtures" / "samples" / "practicum-evaluations.csv"


@pytest.fixture(scope="module")
def scratch_template(tmp_path_factory) -> Iterator[str]:
    """A migrated database with the reference data, built once; each test gets a copy."""
    with template_database(tmp_path_factory) as url:
        yield url


@pytest.fixture
def scratch(scratch_template: str, tmp_path) -> Iterator[Scratch]:
    with scratch_copy(scratch_template, tmp_path) as copy:
        yield copy


# --- A worker killed midway ----------------------------------------------------------------------------

def test_it_leaves_nothing_half_written_when_the_worker_is_killed_and_runs_the_import_again(scratch):
    queued = scratch.django(QUEUE_IMPORT, kind="practicum-evaluations", name="praktik.csv",
                            path=str(PRACTICUM_SAMPLE))
    worker = scratch.worker(stall_seconds=600)
    try:
        assert wait_for_word(worker, "STALLED") == str(queued["pk"])
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

    finish(scratch.worker())
    state = scratch.django(PRACTICUM_STATE, pk=queued["pk"])
    assert state["status"] == "succeeded"
    assert (state["counts"], state["training"]) == (queued["counts"], queued["training"])
    assert state["counts_of_import"] == queued["counts"]
    assert not state["upload_kept"]



# --- Two imports of one kind at the same time --------------------------------------------------------

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
        assert wait_for_word(worker, "STALLED") == str(first["pk"])
        command = subprocess.Popen(
            [sys.executable, "manage.py", "import_data", "intervention-survey", str(second_path)],
            cwd=ROOT, env=scratch.env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        command_started = time.time()
        scratch.wait_for_import_lock_waiter()
        midway = scratch.django(SURVEY_STATE, pks=[first["pk"]])
        assert command.poll() is None, command.stdout.read()  # waiting for the first, not done
        assert midway["rows"] == 0  # nothing of either is visible before the first commits
        release.touch()
        finish(worker)
        output = finish(command)
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
        state = until(lambda: (found := scratch.django(PRACTICUM_STATE, pk=queued["pk"]))["status"] in {
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
