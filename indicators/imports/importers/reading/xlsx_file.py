"""XLSX: the first sheet, streamed with openpyxl's read-only mode and refused as soon as it passes the limits.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import numpy as np
import openpyxl
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from .table import CHUNK_ROWS, FileProblem, Progress, Table, check_size, concat, finish, megabytes, no_progress


def read_xlsx(content: bytes, progress: Progress = no_progress) -> Table:
    broken = _("Excel-filen kan ikke læses: den er beskadiget eller ikke en .xlsx-fil.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(broken) from None
    if "xl/workbook.xml" not in names:
        raise FileProblem(broken)
    unpacked = sum(entry.file_size for entry in entries)
    limit = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise FileProblem(_("Excel-filen fylder %(size)s MB udpakket; grænsen er %(limit)s MB. Gem den som CSV, "
                            "eller del den op.") % {"size": megabytes(unpacked), "limit": megabytes(limit)})
    try:
        headers, chunks = _sheet_chunks(content, progress)
    except FileProblem:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook; all mean the same to the admin
        raise FileProblem(broken) from None
    if headers is None:
        raise FileProblem(_("Filen er tom."))
    width = max([len(headers), *(chunk.shape[1] for chunk in chunks)])
    headers = [_cell_text(value).strip() for value in headers] + [""] * (width - len(headers))
    for chunk in chunks:
        for position in range(chunk.shape[1], width):
            chunk[position] = pd.Categorical([""] * len(chunk))
    data = concat(chunks) if chunks else pd.DataFrame({position: pd.Categorical([]) for position in range(width)})
    return finish(headers, data, first_row=2, description=_("Excel (XLSX), første ark"))


def _sheet_chunks(content: bytes, progress: Progress) -> tuple[tuple | None, list[pd.DataFrame]]:
    """The first sheet's header row and its other rows as frames of categorical text columns, streamed
    (openpyxl's read-only mode) a chunk at a time and refused as soon as the sheet passes the column or
    cell limits, rather than after unpacking all of it."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    headers, chunks, rows, count, width = None, [], [], 0, 0
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            while row and row[-1] is None:
                row = row[:-1]  # a spreadsheet's formatted but empty cells at the end of a row
            count += 1
            width = max(width, len(row))
            if width > settings.IMPORT_MAX_COLUMNS or count * width > settings.IMPORT_MAX_CELLS:
                check_size(count, width)
            if headers is None:
                headers = row
                continue
            rows.append(row)
            if len(rows) == CHUNK_ROWS:
                chunks.append(_categories(rows))
                rows = []
                progress(min(99, count * 100 // max(sheet.max_row or count, 1)))
    finally:
        workbook.close()
    if rows:
        chunks.append(_categories(rows))
    return headers, chunks


def _categories(rows: list[tuple]) -> pd.DataFrame:
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame({position: pd.Categorical([_cell_text(row[position]) if position < len(row) else ""
                                                   for row in rows]) for position in range(width)})


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: 250 not 250.0, a date without its midnight."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    return str(value)
