"""Reads an uploaded CSV or XLSX file into a table of text cells, whatever dialect the file is in.

Files come from survey tools and spreadsheets as municipalities have them: comma or semicolon,
UTF-8 with or without a byte-order mark, Windows-1252, UTF-16 from Excel's "Unicode text", and
XLSX. Every cell is read as text, so codes keep their leading zeros and nothing is guessed to be a
number; each column is a pandas categorical, because survey exports repeat a handful of values over
many rows: the checks look at each distinct value once and map the codes, which keeps a file of
hundreds of thousands of rows fast.

Row numbers are the file's: the header is row 1 and the first data row row 2, as a spreadsheet
shows them. Empty rows are dropped (a spreadsheet's trailing rows) but keep the numbering.

The package: table.py (Table, FileProblem, the limits and steps both formats share), csv_file.py,
xlsx_file.py; read_table below chooses between them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from .csv_file import read_csv
from .table import FileProblem, Progress, Table, megabytes, no_progress, thousands
from .xlsx_file import read_xlsx

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and other Office 97-2003 files)

__all__ = ["FileProblem", "Progress", "Table", "megabytes", "read_table", "thousands"]


def read_table(content: bytes, file_name: str, progress: Progress = no_progress) -> Table:
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
        return read_xlsx(content, progress)
    if content.startswith(OLE_MAGIC):
        raise FileProblem(_("Filen er i det gamle Excel-format (.xls). Gem den som .xlsx eller CSV, og prøv igen."))
    if name.endswith((".xlsx", ".xlsm")):
        raise FileProblem(_("Filen hedder .xlsx, men er ikke en gyldig Excel-fil (den er beskadiget eller "
                            "af en anden type)."))
    return read_csv(content, progress)
