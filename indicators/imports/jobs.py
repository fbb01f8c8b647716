"""A DataImport's life: upload -> check (preview) -> confirm -> import, or reject/cancel/fail.

The web page runs check and import as background tasks (indicators.imports.tasks); the command line runs them
in its own process. Either way the DataImport record tells who, when, which file and what came of it,
and the uploaded bytes are deleted once the import has ended, whatever its end.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import DataImport, ImportUpload

from .importers import get_importer
from .importers.base import Analysis, analyse, apply
from .importers.kind import Progress
from .run_progress import Reporter, is_running

Status = DataImport.Status
# An active import whose record has not changed for this long has lost its worker (killed, restarted).


def create(kind: str, file_name: str, content: bytes, user: User | None,
           source: str = DataImport.Source.WEB, keep_file: bool = True) -> DataImport:
    """Records an upload; the bytes are kept for the background tasks unless `keep_file` is off."""
    with transaction.atomic():
        record = DataImport.objects.create(
            kind=kind, file_name=file_name[-255:], sha256=hashlib.sha256(content).hexdigest(),
            size_bytes=len(content), uploaded_by=user, source=source,
        )
        if keep_file:
            ImportUpload.objects.create(data_import=record, content=content)
    return record



class ImportCancelled(Exception):
    """The import was cancelled while it ran (its record no longer says IMPORTING): nothing is committed."""


def check(record: DataImport, content: bytes, progress: Progress | None = None) -> Analysis:
    """Reads and checks the file and stores the preview: READY, or REJECTED with every problem."""
    _save(record, status=Status.CHECKING, stage=_("Læser filen"), progress=0)
    with Reporter(record) as reporter:
        analysis = analyse(get_importer(record.kind), content, record.file_name, progress or reporter)
    _store_analysis(record, analysis)
    if analysis.ok:
        record.summary["identical"] = _identical_import(record)
        _save(record, status=Status.READY, stage="", progress=100)
    else:
        _finish(record, Status.REJECTED)
    return analysis


def run(record: DataImport, content: bytes, progress: Progress | None = None,
        checked: Analysis | None = None) -> Analysis:
    """Checks the file again and writes it in one transaction: SUCCEEDED, REJECTED or FAILED.

    `checked` is the analysis check() just made of the same bytes in this process (the command line),
    which saves reading the file twice; the background task reads it again, since its check ran in
    another task, perhaps hours ago. Either way apply() compares with the database again inside the
    transaction. On any failure the transaction is rolled back, the record says FAILED, and the error
    is raised again for the caller (the task runner or the command) to report.
    """
    _save(record, status=Status.IMPORTING, stage=_("Læser filen"), progress=0)
    with Reporter(record) as reporter:
        return _run(record, content, progress or reporter, checked)


def _run(record: DataImport, content: bytes, progress: Progress, checked: Analysis | None) -> Analysis:
    importer = get_importer(record.kind)
    try:
        analysis = checked if checked is not None and checked.ok else analyse(importer, content, record.file_name,
                                                                              progress)
        if not analysis.ok:
            # Reference data may have changed since the preview (e.g. a catalogue type removed).
            _store_analysis(record, analysis)
            _finish(record, Status.REJECTED)
            return analysis

        def succeed(analysis: Analysis, written: int) -> None:
            # Inside the import's transaction: an import cancelled meanwhile commits nothing.
            if not DataImport.objects.select_for_update().filter(pk=record.pk, status=Status.IMPORTING).exists():
                raise ImportCancelled
            _store_analysis(record, analysis)
            record.summary["written"] = written
            _finish(record, Status.SUCCEEDED)

        apply(importer, analysis, record, progress, on_success=succeed)
    except ImportCancelled:
        record.refresh_from_db()
        return analysis
    except Exception as error:
        record.refresh_from_db()
        record.error = f"{type(error).__name__}: {error}"[:2000]
        _finish(record, Status.FAILED)
        raise
    return analysis


def confirm(record: DataImport) -> bool:
    """READY -> QUEUED, once: a second click (or a second tab) finds it queued already."""
    return DataImport.objects.filter(pk=record.pk, status=Status.READY).update(
        status=Status.QUEUED, stage=_("Venter på baggrundsprocessen"), progress=0, updated_at=timezone.now()) == 1


def cancel(record: DataImport) -> bool:
    """A preview, or an import whose worker is gone, is cancelled; never one that a worker is running."""
    if record.status != Status.READY and not (record.is_stalled and not is_running(record)):
        return False
    # Only from the status it was seen in: a worker that finished meanwhile keeps its result.
    if not DataImport.objects.filter(pk=record.pk, status=record.status).update(status=Status.CANCELLED):
        return False
    _finish(record, Status.CANCELLED)
    return True


def retry(record: DataImport) -> str | None:
    """Puts a stalled import (its worker gone) back in the queue at the step it stopped at; the name of the task
    to run, or None."""
    if not record.is_stalled or is_running(record) or not ImportUpload.objects.filter(data_import=record).exists():
        return None
    if record.status in (Status.UPLOADED, Status.CHECKING):
        _save(record, status=Status.UPLOADED, stage=_("Venter på baggrundsprocessen"), progress=0)
        return "check"
    _save(record, status=Status.QUEUED, stage=_("Venter på baggrundsprocessen"), progress=0)
    return "run"


def waiting_for_worker(record: DataImport) -> bool:
    """Queued for more than half a minute: the page suggests that the worker may not be running."""
    return record.status in (Status.UPLOADED, Status.QUEUED) and \
        record.updated_at < timezone.now() - timedelta(seconds=settings.IMPORT_WORKER_HINT_SECONDS)


def expire_unconfirmed_previews(older_than: timedelta = timedelta(days=1)) -> int:
    """Cancels previews nobody confirmed, so their uploaded files do not linger."""
    expired = DataImport.objects.filter(status=Status.READY, updated_at__lt=timezone.now() - older_than)
    count = 0
    for record in expired:
        _finish(record, Status.CANCELLED)
        count += 1
    return count


def _store_analysis(record: DataImport, analysis: Analysis) -> None:
    record.rows_read = analysis.rows_read
    record.problems = [problem.as_json() for problem in analysis.problems.sorted()]
    record.problem_count = analysis.problems.total
    if analysis.ok:
        identical = record.summary.get("identical")
        record.summary = analysis.summary()
        if identical:
            record.summary["identical"] = identical
    else:
        record.summary = {"format": analysis.description, "rows_read": analysis.rows_read,
                          "columns": analysis.columns, "ignored_columns": analysis.ignored_columns}


def _identical_import(record: DataImport) -> dict[str, object] | None:
    earlier = (DataImport.objects.filter(kind=record.kind, sha256=record.sha256, status=Status.SUCCEEDED)
               .exclude(pk=record.pk).select_related("uploaded_by").order_by("-finished_at").first())
    if earlier is None:
        return None
    return {"id": earlier.pk, "finished_at": earlier.finished_at.isoformat() if earlier.finished_at else None,
            "by": earlier.uploaded_by.get_username() if earlier.uploaded_by else None}


def _finish(record: DataImport, status: str) -> None:
    record.finished_at = timezone.now()
    _save(record, status=status, stage="", progress=100)
    # The file may hold respondents' rows: only the counts may stay once the import has ended.
    ImportUpload.objects.filter(data_import=record).delete()


def _save(record: DataImport, **changes: object) -> None:
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
