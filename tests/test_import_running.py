"""A running import: its progress and heartbeat are seen outside its transaction, it cannot be
cancelled or retried while a worker runs it, and an import cancelled meanwhile commits nothing.

PostgreSQL only: it needs a second transaction holding a row the import is about to replace, so that the
import waits inside its own transaction while the test looks at it from outside.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction

from indicators.imports import jobs
from indicators.models import DataImport, InterventionSurveyAnswer
from recruitment.models import Municipality
from tests.conftest import csv_bytes

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")]
KIND = "intervention-survey"
HEADER = ["år", "kommunekode", "supervisor-training", "mentor-scheme"]
FIRST = csv_bytes([HEADER, ["2024", "165", "x", ""], ["2024", "183", "", "x"]])
SECOND = csv_bytes([HEADER, ["2024", "165", "", "x"], ["2024", "183", "x", "x"]])


def _answers() -> set[tuple]:
    return set(InterventionSurveyAnswer.objects.filter(runs=True).values_list(
        "municipality__code", "intervention_type__slug"))


@pytest.fixture
def blocked_import(reference_data, import_file, settings):
    """The second file's import, running in a worker thread and waiting inside its transaction for a row
    another transaction holds. Yields the record's id and a function that lets it go on and waits for it."""
    settings.IMPORT_HEARTBEAT_SECONDS = 0.2
    assert import_file(KIND, FIRST).status == DataImport.Status.SUCCEEDED
    record = jobs.create(KIND, "kortlaegning-b.csv", SECOND, None)
    assert jobs.check(record, SECOND).ok and jobs.confirm(record)
    held, release = threading.Event(), threading.Event()
    albertslund = Municipality.objects.get(code=165).pk

    def hold() -> None:
        try:
            with transaction.atomic():
                list(InterventionSurveyAnswer.objects.select_for_update().filter(municipality_id=albertslund))
                held.set()
                release.wait(60)
        finally:
            connection.close()

    def work() -> None:
        try:
            jobs.run(DataImport.objects.get(pk=record.pk), SECOND)
        except Exception:
            pass  # the record says what happened
        finally:
            connection.close()

    holder, worker = threading.Thread(target=hold), threading.Thread(target=work)
    holder.start()
    held.wait(30)
    worker.start()

    def finish() -> DataImport:
        release.set()
        holder.join(60)
        worker.join(60)
        return DataImport.objects.get(pk=record.pk)

    try:
        yield record.pk, finish
    finally:
        release.set()
        holder.join(60)
        worker.join(60)


def _wait_for_stage(pk: int, prefix: str, seconds: float = 30) -> DataImport:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        record = DataImport.objects.get(pk=pk)
        if record.stage.startswith(prefix):
            return record
        time.sleep(0.1)
    raise AssertionError(f"the page never saw “{prefix}…”; it saw “{record.stage}” at {record.progress} %")


def test_the_page_sees_a_running_imports_progress_and_heartbeat(blocked_import, monkeypatch):
    pk, finish = blocked_import
    writing = _wait_for_stage(pk, "Gemmer")  # reported inside the import's transaction
    assert writing.status == DataImport.Status.IMPORTING and writing.progress >= 80
    time.sleep(1)
    assert DataImport.objects.get(pk=pk).updated_at > writing.updated_at  # the heartbeat, while it waits

    # Even when it looks stopped to the page, a running import is neither cancelled nor retried.
    monkeypatch.setattr(DataImport, "STALLED_AFTER", timedelta(0))
    looks_stopped = DataImport.objects.get(pk=pk)
    assert looks_stopped.is_stalled
    assert jobs.cancel(looks_stopped) is False
    assert jobs.retry(looks_stopped) is None
    monkeypatch.undo()

    done = finish()
    assert done.status == DataImport.Status.SUCCEEDED, done.error
    assert _answers() == {(165, "mentor-scheme"), (183, "supervisor-training"), (183, "mentor-scheme")}


def test_an_import_cancelled_while_it_runs_commits_nothing(blocked_import):
    pk, finish = blocked_import
    _wait_for_stage(pk, "Gemmer")
    # A cancel that got past the running check (say, from a server whose clock or lock view was off).
    DataImport.objects.filter(pk=pk).update(status=DataImport.Status.CANCELLED)
    done = finish()
    assert done.status == DataImport.Status.CANCELLED
    assert _answers() == {(165, "supervisor-training"), (183, "mentor-scheme")}  # the first file's, still


def test_an_import_whose_worker_is_gone_can_be_cancelled(reference_data):
    record = jobs.create(KIND, "b.csv", SECOND, None)
    DataImport.objects.filter(pk=record.pk).update(status=DataImport.Status.IMPORTING,
                                                   updated_at=record.updated_at - timedelta(minutes=11))
    record.refresh_from_db()
    assert record.is_stalled and not jobs.is_running(record)
    assert jobs.cancel(record) is True
    record.refresh_from_db()
    assert record.status == DataImport.Status.CANCELLED
