"""What reading a file gives (a Table of categorical text columns) or refuses with (FileProblem), and the
steps every format shares: the size limits and the finishing of the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _
from pandas.api.types import union_categoricals

# Rows per chunk: the page hears how far the reading has come, and a chunk's text cells turn into
# categories before the next one is read.
CHUNK_ROWS = 50_000


class FileProblem(Exception):
    """The file cannot be read at all; the message is Danish and meant for the admin."""

    def __init__(self, message: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


@dataclass
class Table:
    """The file's header cells and its data rows as categorical text columns, by position."""

    headers: list[str]
    frame: pd.DataFrame  # columns 0..n-1, each a categorical of text cells
    row_numbers: np.ndarray  # the file's row number of each data row
    description: str  # e.g. "CSV, semikolon, Windows-1252"

    def __len__(self) -> int:
        return len(self.frame)

    def column(self, position: int) -> tuple[np.ndarray, list[str]]:
        """The codes of one column and the stripped text of each code (a code of -1 never occurs)."""
        values = self.frame[position].cat
        return values.codes.to_numpy(), [str(value).strip() for value in values.categories]


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


Progress = Callable[[int], None]  # percent of the file read


def no_progress(percent: int) -> None:
    pass


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def check_size(rows: int, columns: int, cell_limit: int | None = None) -> None:
    """Refuses a table wider or larger than an import ever needs before it is read into memory: a file of
    31,000 columns or a spreadsheet that unpacks to millions of cells would tie the worker for minutes."""
    if columns > settings.IMPORT_MAX_COLUMNS:
        raise FileProblem(_("Filen har %(columns)s kolonner; grænsen er %(limit)s. Er det den rigtige fil?")
                          % {"columns": thousands(columns), "limit": thousands(settings.IMPORT_MAX_COLUMNS)}, row=1)
    cell_limit = settings.IMPORT_MAX_CELLS if cell_limit is None else cell_limit
    if rows * columns > cell_limit:
        raise FileProblem(_("Filen har omkring %(cells)s celler (%(rows)s rækker × %(columns)s kolonner); grænsen er "
                            "%(limit)s. Del filen op, og importér delene hver for sig.")
                          % {"cells": thousands(rows * columns), "rows": thousands(rows),
                             "columns": thousands(columns), "limit": thousands(cell_limit)})


def concat(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks of categorical columns as one frame of categorical columns (each chunk has categories of its own)."""
    if len(chunks) == 1:
        return chunks[0]
    columns = {position: union_categoricals([chunk.iloc[:, position] for chunk in chunks], ignore_order=True)
               for position in range(chunks[0].shape[1])}
    return pd.DataFrame({position: pd.Series(values) for position, values in columns.items()})


def finish(headers: list[str], frame: pd.DataFrame, first_row: int, description: str) -> Table:
    row_numbers = np.arange(first_row, first_row + len(frame))
    empty = np.ones(len(frame), dtype=bool)
    for position in frame.columns:
        column = frame[position]
        if (column.cat.codes == -1).any():
            column = column.cat.add_categories([""]) if "" not in column.cat.categories else column
            column = column.fillna("")
            frame[position] = column
        blank = np.array([str(value).strip() == "" for value in column.cat.categories], dtype=bool)
        empty &= blank[column.cat.codes.to_numpy()]
    if empty.any():
        frame = frame.loc[~empty].reset_index(drop=True)
        row_numbers = row_numbers[~empty]
    if not any(headers):
        raise FileProblem(_("Filen har ingen overskrifter i første række."), row=1)
    if len(frame) == 0:
        raise FileProblem(_("Filen har ingen datarækker – kun en overskrift."))
    return Table(headers=headers, frame=frame, row_numbers=row_numbers, description=description)
