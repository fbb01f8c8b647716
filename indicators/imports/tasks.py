"""Background tasks (Django's tasks; a database queue run by `manage.py db_worker`)."""

from __future__ import annotations

from django.tasks import task

from indicators.models import DataImport, ImportUpload

from . import jobs

Status = DataImport.Status


@task()
def check_import(import_id: int) -> str:
    """Reads and checks an uploaded file and stores its preview."""
    record = DataImport.objects.get(pk=import_id)
    if record.status not in (Status.UPLOADED, Status.CHECKING):
        return record.status  # cancelled or handled already: nothing to do
    jobs.check(record, _content(record))
    return record.status


@task()
def run_import(import_id: int) -> str:
    """Writes a confirmed file (all or nothing)."""
    record = DataImport.objects.get(pk=import_id)
    if record.status not in (Status.QUEUED, Status.IMPORTING):
        return record.status
    jobs.run(record, _content(record))
    return record.status


def _content(record: DataImport) -> bytes:
    # PostgreSQL hands back a memoryview, SQLite bytes.
    return bytes(ImportUpload.objects.get(data_import=record).content)


def enqueue_check(record: DataImport) -> None:
    result = check_import.enqueue(record.pk)
    DataImport.objects.filter(pk=record.pk).update(task_id=str(result.id)[:64])


def enqueue_run(record: DataImport) -> None:
    result = run_import.enqueue(record.pk)
    DataImport.objects.filter(pk=record.pk).update(task_id=str(result.id)[:64])
