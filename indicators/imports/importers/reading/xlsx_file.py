"""XLSX: the first worksheet, read with calamine and refused before any cell becomes Python when it passes
the limits."""

from __future__ import annotations

import datetime
import io
import itertools
import zipfile
from collections.abc import Iterable
from typing import Any

import numpy as np
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
    except Exception:  # calamine raises many kinds on a damaged workbook; all mean the same to the admin
        raise FileProblem(broken) from None
    if headers is None:
        raise FileProblem(_("Filen er tom."))
    width = max([len(headers), *(chunk.shape[1] for chunk in chunks)])
    texts = [_cell_text(value).strip() for value in headers] + [""] * (width - len(headers))
    for chunk in chunks:
        for position in range(chunk.shape[1], width):
            chunk[position] = pd.Categorical([""] * len(chunk))
    data = concat(chunks) if chunks else pd.DataFrame({position: pd.Categorical([]) for position in range(width)})
    return finish(texts, data, first_row=2, description=_("Excel (XLSX), første ark"))


def _sheet_chunks(content: bytes, progress: Progress) -> tuple[list[object] | None, list[pd.DataFrame]]:
    """The first worksheet's header row and its other rows as frames of categorical text columns, a chunk at
    a time. Read with calamine (Rust): openpyxl's pure-Python parsing took over ten minutes for a sheet of
    six million cells, calamine seconds. calamine holds the sheet's values before Python sees them (the
    unpacked-size limit bounds that); the column and cell limits are checked before any becomes Python."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # here: a CSV import need not load it

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    headers: list[object] | None = None
    chunks: list[pd.DataFrame] = []
    rows: list[list[object]] = []
    try:
        worksheets = [index for index, sheet in enumerate(workbook.sheets_metadata)
                      if sheet.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            return None, []
        sheet = workbook.get_sheet_by_index(worksheets[0])
        if not sheet.height or not sheet.width or sheet.start is None:
            return None, []
        # calamine's range starts at the first cell with a value; the file's rows and columns start at A1.
        top, left = sheet.start
        total_rows, width = top + sheet.height, left + sheet.width
        if width > settings.IMPORT_MAX_COLUMNS or total_rows * width > settings.IMPORT_XLSX_MAX_CELLS:
            check_size(total_rows, width, settings.IMPORT_XLSX_MAX_CELLS)
        padding: list[object] = [""] * left
        cells: Iterable[list[Any]] = (padding + row if left else row for row in sheet.iter_rows())
        if top:
            cells = itertools.chain(([""] * width for _ in range(top)), cells)
        for count, row in enumerate(cells, start=1):
            if headers is None:
                headers = row
                continue
            rows.append(row)
            if len(rows) == CHUNK_ROWS:
                chunks.append(_categories(rows))
                rows = []
                progress(min(99, count * 100 // total_rows))
    finally:
        workbook.close()
    if rows:
        chunks.append(_categories(rows))
    return headers, chunks


def _categories(rows: list[list[object]]) -> pd.DataFrame:
    """Each column's distinct cell values turned into text once, not every cell: a survey sheet repeats a
    handful of values over hundreds of thousands of rows."""
    width = max((len(row) for row in rows), default=0)
    columns = {}
    for position in range(width):
        values = [row[position] if position < len(row) else "" for row in rows]
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        # Different values may read the same (1.0 and "1"); None and NaN (code -1) read as "".
        texts, text_codes = np.unique(np.array([_cell_text(value) for value in uniques] + [""], dtype=object),
                                      return_inverse=True)
        columns[position] = pd.Categorical.from_codes(text_codes[codes], categories=pd.Index(texts))
    return pd.DataFrame(columns)


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
