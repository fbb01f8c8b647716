"""Fixtures and helpers for data imports: the sample files, a CSV as a tool writes it, a whole import run. A plugin
of tests/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"


def csv_bytes(rows: list[list[object]], delimiter: str = ";", encoding: str = "cp1252", bom: bool = False) -> bytes:
    """A CSV file as a survey tool or spreadsheet would write it (CRLF line ends)."""
    text = "".join(delimiter.join(str(cell) for cell in row) + "\r\n" for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


@pytest.fixture
def import_file(reference_data):
    """Runs a whole import (check, then write) without the queue; returns the DataImport record."""
    from indicators.imports import jobs

    def run(kind: str, content: bytes, file_name: str = "upload.csv", user=None):
        record = jobs.create(kind, file_name, content, user)
        if jobs.check(record, content).ok:
            jobs.run(record, content)
        record.refresh_from_db()
        return record

    return run
