"""CSV in the dialects municipalities have: comma, semicolon, tab or bar; UTF-8 with or without a byte-order mark,
Windows-1252, UTF-16 from Excel's "Unicode text"; read in chunks so a page hears the progress.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from .table import CHUNK_ROWS, FileProblem, Progress, Table, check_size, concat, finish, megabytes, no_progress

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (";", ",", "\t", "|")
DELIMITER_NAMES = {";": "semikolon", ",": "komma", "\t": "tabulator", "|": "lodret streg"}
# Bytes that Windows-1252 leaves undefined: a file holding them is neither UTF-8 nor Windows-1252.
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


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


def read_csv(content: bytes, progress: Progress = no_progress) -> Table:
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
    check_size(content.count(b"\n"), len(headers))
    # Text only: a decimal mark (or thousands mark) that differs from pandas' default keeps it from turning
    # categories into numbers, so "0165" stays "0165" and "1.230" stays as written.
    marks: dict[str, Any] = {"decimal": ","} if delimiter != "," else {"thousands": "."}
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
    frame = concat(chunks)
    headers = [header.strip().lstrip("\ufeff").strip() for header in headers][: frame.shape[1]]
    headers += [""] * (frame.shape[1] - len(headers))
    frame.columns = pd.RangeIndex(frame.shape[1])
    description = _("CSV, %(delimiter)s, %(encoding)s") % {
        "delimiter": DELIMITER_NAMES[delimiter], "encoding": ENCODING_NAMES[encoding]}
    return finish(headers, frame, first_row=2, description=description)


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
