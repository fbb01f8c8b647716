"""Reads an uploaded CSV or XLSX file into a table of text cells, whatever dialect the file is in.

Files come from survey tools and spreadsheets as municipalities have them: comma or semicolon,
UTF-8 with or without a byte-order mark, Windows-1252, UTF-16 from Excel's "Unicode text", and
XLSX. Every cell is read as text, so codes keep their leading zeros and nothing is guessed to be a
number; each column is a pandas categorical, because survey exports repeat a handful of values over
many rows: the checks look at each distinct value once and map the codes, which keeps a file of
hundreds of thousands of rows fast.

Row numbers are the file's: the header is row 1 and the first data row row 2, as a spreadsheet
shows them. Empty rows are dropped (a spreadsheet's trailing rows) but keep the numbering.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _
from pandas.api.types import union_categoricals

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and other Office 97-2003 files)
SAMPLE_BYTES = 64 * 1024
DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabulator", "|": "lodret streg"}
# Bytes that Windows-1252 leaves undefined: a file holding them is neither UTF-8 nor Windows-1252.
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


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


def _no_progress(percent: int) -> None:
    pass


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _check_size(rows: int, columns: int, cell_limit: int | None = None) -> None:
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


def read_table(content: bytes, file_name: str, progress: Progress = _no_progress) -> Table:
    """The file as a Table, or FileProblem saying in Danish why it cannot be read; `progress` hears how
    far the reading has come."""
    if not content.strip():
        raise FileProblem(_("Filen er tom."))
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise FileProblem(_("Filen fylder %(size)s MB; grænsen er %(limit)s MB.")
                          % {"size": megabytes(len(content)), "limit": megabytes(limit)})
    name = file_name.lower()
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content, progress)
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_("Filen er i det gamle Excel-format (.xls). Gem den som .xlsx eller CSV, og prøv igen."))
    if name.endswith((".xlsx", ".xlsm")):
        raise FileProblem(_("Filen hedder .xlsx, men er ikke en gyldig Excel-fil (den er beskadiget eller "
                            "af en anden type)."))
    return _read_csv(content, progress)


# --- CSV ----------------------------------------------------------------------------------------------------


def _encoding(content: bytes) -> tuple[str, bytes]:
    """The encoding to read the bytes with (and the bytes, re-encoded when pandas needs it)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", content
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text": UTF-16, usually tab-separated. pandas reads UTF-8 fastest.
        try:
            return "utf-16", content.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise FileProblem(_("Filen kan ikke læses som tekst: den begynder som UTF-16, men er ikke gyldig UTF-16."))\
                from None
    if (order := _utf16_without_bom(content[:SAMPLE_BYTES])) is not None:
        try:
            return "utf-16", content.decode(order).encode("utf-8")
        except UnicodeDecodeError:
            raise FileProblem(_("Filen ligner UTF-16-tekst uden byte-order-mark, men er ikke gyldig UTF-16. Gem den "
                                "som CSV (UTF-8), og prøv igen.")) from None
    if _looks_binary(content[:SAMPLE_BYTES]):
        raise FileProblem(_("Filen er ikke en tekstfil (CSV), men ser ud til at være en binær fil. "
                            "Vælg en CSV- eller XLSX-fil."))
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as error:
        before = content[:error.start]
        if not before.isascii():
            # Letters before the bad bytes were UTF-8: the file mixes two encodings (e.g. rows pasted in
            # from another system); reading it as Windows-1252 would garble the header into a "missing column".
            row = before.count(b"\n") + 1
            raise FileProblem(_("Filen er gemt i UTF-8, men række %(row)d indeholder tegn i et andet tegnsæt (måske "
                                "kopieret ind fra et andet program). Ret eller slet rækken, gem filen som CSV "
                                "(UTF-8), og prøv igen.") % {"row": row}, row=row) from None
        if any(byte in content for byte in CP1252_UNDEFINED):
            raise FileProblem(_("Filens tegnsæt kan ikke genkendes: den er hverken UTF-8 eller Windows-1252. "
                                "Gem den som CSV (UTF-8), og prøv igen.")) from None
        return "cp1252", content
    return "utf-8", content


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text saved as UTF-16 without a byte-order mark: Latin text then has a
    zero byte in every other place (and only there), which would otherwise look like a binary file."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.9 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.9 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    # Text has tabs and line breaks among its control characters, and little else.
    controls = sum(sample.count(bytes([code])) for code in range(32) if code not in (9, 10, 12, 13))
    return controls > len(sample) / 100


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the header into most columns and the sample rows into as many."""
    best, best_score = ";", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a field longer than the csv module allows: not this delimiter
            continue
        if not counts or counts[0] < 2:
            continue
        consistency = sum(count == counts[0] for count in counts) / len(counts)
        score = (consistency, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 med BOM", "utf-16": "UTF-16", "cp1252": "Windows-1252"}


# The header row is read before the rest; one longer than this without a line break is not a CSV header.
MAX_HEADER_BYTES = 1024 * 1024
# Rows per chunk: the page hears how far the reading has come, and a chunk's text cells turn into
# categories before the next one is read.
CHUNK_ROWS = 50_000


def _read_csv(content: bytes, progress: Progress = _no_progress) -> Table:
    encoding, content = _encoding(content)
    pandas_encoding = "utf-8" if encoding == "utf-16" else encoding
    header_end = content.find(b"\n", 0, MAX_HEADER_BYTES)
    if header_end == -1 and len(content) > MAX_HEADER_BYTES:
        raise FileProblem(_("Filens første række er over %(limit)s MB lang uden linjeskift, så den kan ikke være en "
                            "række overskrifter. Er det en CSV-fil?") % {"limit": megabytes(MAX_HEADER_BYTES)}, row=1)
    sample_bytes = content[:max(SAMPLE_BYTES, header_end + 1)]
    sample = sample_bytes.decode(pandas_encoding, errors="ignore")
    lines = sample.splitlines()
    if len(content) > len(sample_bytes) and not sample_bytes.endswith(b"\n"):
        lines = lines[:-1]  # the sample may end mid-row
    lines = [line for line in lines[:50] if line.strip()]
    if not lines:
        raise FileProblem(_("Filen er tom."))
    delimiter = _sniff_delimiter(lines)
    headers = next(csv.reader([lines[0]], delimiter=delimiter))
    _check_size(content.count(b"\n"), len(headers))
    # Text only: a decimal mark (or thousands mark) that differs from pandas' default keeps it from turning
    # categories into numbers, so "0165" stays "0165" and "1.230" stays as written.
    marks = {"decimal": ","} if delimiter != "," else {"thousands": "."}
    stream = io.BytesIO(content)
    chunks = []
    try:
        with warnings.catch_warnings():
            # A trailing delimiter on every data row is common in exports; pandas warns and reads them right.
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            reader = pd.read_csv(
                stream, sep=delimiter, encoding=pandas_encoding, dtype="category", header=0,
                keep_default_na=False, na_filter=False, skip_blank_lines=False, index_col=False,
                engine="c", chunksize=CHUNK_ROWS, **marks,
            )
            with reader:
                for chunk in reader:
                    chunks.append(chunk)
                    progress(min(99, 100 * stream.tell() // max(len(content), 1)))
    except pd.errors.ParserError as error:
        raise _parser_problem(error, delimiter) from None
    except pd.errors.EmptyDataError:
        raise FileProblem(_("Filen er tom.")) from None
    except UnicodeDecodeError:
        raise FileProblem(_("Filens tegnsæt kan ikke genkendes. Gem den som CSV (UTF-8), og prøv igen.")) from None
    frame = _concat(chunks)
    headers = [header.strip().lstrip("\ufeff").strip() for header in headers][: frame.shape[1]]
    headers += [""] * (frame.shape[1] - len(headers))
    frame.columns = range(frame.shape[1])
    description = _("CSV, %(delimiter)s, %(encoding)s") % {
        "delimiter": DELIMITER_NAMES[delimiter], "encoding": ENCODING_NAMES[encoding]}
    return _finish(headers, frame, first_row=2, description=description)


def _concat(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks of categorical columns as one frame of categorical columns (each chunk has categories of its own)."""
    if len(chunks) == 1:
        return chunks[0]
    columns = {position: union_categoricals([chunk.iloc[:, position] for chunk in chunks], ignore_order=True)
               for position in range(chunks[0].shape[1])}
    return pd.DataFrame({position: pd.Series(values) for position, values in columns.items()})


def _parser_problem(error: Exception, delimiter: str) -> FileProblem:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
    if match:
        expected, row, found = (int(group) for group in match.groups())
        return FileProblem(
            _("Rækken har %(found)d felter, men overskriften har %(expected)d. Står der et %(delimiter)s for meget, "
              "eller mangler en tekst sine anførselstegn?")
            % {"found": found, "expected": expected, "delimiter": DELIMITER_NAMES[delimiter]},
            row=row,
        )
    return FileProblem(_("Filen kan ikke læses som CSV: %(error)s") % {"error": str(error).strip()})


# --- XLSX ---------------------------------------------------------------------------------------------------


def _read_xlsx(content: bytes, progress: Progress = _no_progress) -> Table:
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
    headers = [_cell_text(value).strip() for value in headers] + [""] * (width - len(headers))
    for chunk in chunks:
        for position in range(chunk.shape[1], width):
            chunk[position] = pd.Categorical([""] * len(chunk))
    data = _concat(chunks) if chunks else pd.DataFrame({position: pd.Categorical([]) for position in range(width)})
    return _finish(headers, data, first_row=2, description=_("Excel (XLSX), første ark"))


def _sheet_chunks(content: bytes, progress: Progress) -> tuple[tuple | None, list[pd.DataFrame]]:
    """The first worksheet's header row and its other rows as frames of categorical text columns, a chunk at
    a time. Read with calamine (Rust): openpyxl's pure-Python parsing took over ten minutes for a sheet of
    six million cells, calamine seconds. calamine holds the sheet's values before Python sees them (the
    unpacked-size limit bounds that); the column and cell limits are checked before any becomes Python."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # here: a CSV import need not load it

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    headers, chunks, rows = None, [], []
    try:
        worksheets = [index for index, sheet in enumerate(workbook.sheets_metadata)
                      if sheet.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            return None, []
        sheet = workbook.get_sheet_by_index(worksheets[0])
        if not sheet.height or not sheet.width:
            return None, []
        # calamine's range starts at the first cell with a value; the file's rows and columns start at A1.
        top, left = sheet.start
        total_rows, width = top + sheet.height, left + sheet.width
        if width > settings.IMPORT_MAX_COLUMNS or total_rows * width > settings.IMPORT_XLSX_MAX_CELLS:
            _check_size(total_rows, width, settings.IMPORT_XLSX_MAX_CELLS)
        padding = [""] * left
        cells = (padding + row if left else row for row in sheet.iter_rows())
        if top:
            cells = itertools.chain(([""] * width for _ in range(top)), cells)
        for count, row in enumerate(cells, start=1):
            if headers is None:
                headers = tuple(row)
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


def _categories(rows: list[tuple]) -> pd.DataFrame:
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
        columns[position] = pd.Categorical.from_codes(text_codes[codes], categories=texts)
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


# --- Both ---------------------------------------------------------------------------------------------------


def _finish(headers: list[str], frame: pd.DataFrame, first_row: int, description: str) -> Table:
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
