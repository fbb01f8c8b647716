"""Imports run in the background on a real queue (django-tasks-db); the page only follows them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from indicators.imports import jobs, tasks
from indicators.imports.importers import base
from indicators.models import DataImport, ImportUpload, WorkforceStat
from tests.conftest import csv_bytes

CONTENT = csv_bytes([["år", "kommunekode", "paedagoger"], ["2024", "165", "200"], ["2024", "183", "90"]])
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DUMMY_QUEUE = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
def test_it_leaves_the_work_to_the_queue(admin_client, settings):
    settings.TASKS = DUMMY_QUEUE
    admin_client.post("/imports/upload/", {"kind": "workforce", "file": SimpleUploadedFile("a.csv", CONTENT)})
    record = DataImport.objects.get()
    assert record.status == DataImport.Status.UPLOADED  # the request only queued the check
    assert record.task_id
    tasks.check_import.call(record.pk)
    record.refresh_from_db()
    assert record.status == DataImport.Status.READY
    assert jobs.confirm(record)
    tasks.run_import.call(record.pk)
    record.refresh_from_db()
    assert record.status == DataImport.Status.SUCCEEDED
    assert WorkforceStat.objects.count() == 2


@pytest.mark.django_db
def test_it_does_nothing_for_a_cancelled_import(reference_data):
    record = jobs.create("workforce", "a.csv", CONTENT, None)
    record.status = DataImport.Status.CANCELLED
    record.save()
    assert tasks.check_import.call(record.pk) == "cancelled"
    assert tasks.run_import.call(record.pk) == "cancelled"
    assert not WorkforceStat.objects.exists()


@pytest.mark.django_db
def test_it_marks_a_crashed_import_failed_and_leaves_the_data_as_before(reference_data, monkeypatch):
    record = jobs.create("workforce", "a.csv", CONTENT, None)
    jobs.check(record, CONTENT)
    jobs.confirm(record)

    def crash(*args, **kwargs):
        raise MemoryError("killed")

    monkeypatch.setattr(base, "compare", crash)
    with pytest.raises(MemoryError):
        tasks.run_import.call(record.pk)
    record.refresh_from_db()
    assert record.status == DataImport.Status.FAILED and "killed" in record.error
    assert not WorkforceStat.objects.exists() and not ImportUpload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_runs_upload_check_and_import_through_the_database_queue(admin_client, settings):
    settings.TASKS = DATABASE_QUEUE
    admin_client.post("/imports/upload/", {"kind": "workforce", "file": SimpleUploadedFile("a.csv", CONTENT)})
    record = DataImport.objects.get()
    assert DBTaskResult.objects.filter(id=record.task_id).exists()
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    record.refresh_from_db()
    assert record.status == DataImport.Status.READY
    admin_client.post(f"/imports/{record.pk}/confirm/")
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    record.refresh_from_db()
    assert record.status == DataImport.Status.SUCCEEDED
    assert sorted(WorkforceStat.objects.values_list("municipality__code", "paedagoger")) == [(165, 200), (183, 90)]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db(transaction=True)
def test_the_worker_carries_on_after_losing_its_database_connection(monkeypatch, caplog, settings):
    """A connection lost under the worker (a PostgreSQL restart) ends `db_worker`; `task_worker` logs one line,
    waits until the database answers and runs the worker again. (tests/test_import_faults.py holds a real SQLite
    lock under a real worker process.)"""
    import logging

    from django.db import InterfaceError
    from django_tasks_db.management.commands import db_worker

    from indicators.management.commands import task_worker

    settings.TASKS = DATABASE_QUEUE
    runs = []

    def run(worker) -> None:
        runs.append(worker)
        if len(runs) == 1:
            raise InterfaceError("connection already closed")

    monkeypatch.setattr(db_worker.Worker, "run", run)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda worker: None)  # pytest keeps its own
    monkeypatch.setattr(task_worker, "RETRY_FIRST_SECONDS", 0)
    with caplog.at_level(logging.WARNING):
        call_command("task_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(runs) == 2
    assert [record.getMessage() for record in caplog.records if "database" in record.getMessage()] == [
        "Background worker: database unavailable (connection already closed); retrying until it answers"]
