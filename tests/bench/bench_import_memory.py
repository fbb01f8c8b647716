"""Benchmark: the peak memory of an import, for the 300,000-row practicum file and for the worst file the
limits accept (a spreadsheet just under IMPORT_XLSX_MAX_CELLS cells).

Run as a plain script (`make bench` runs every bench_*.py). Each import runs in a fresh process on a fresh
SQLite database, as the worker would run it (check, then write), and the process's peak resident memory
is read from the operating system when it ends. Aim: under 500 MB each. Nothing here fails on memory or
time; the numbers are for people to read.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TARGET_MB = 500

from tests.bench.bench_import import HEADER, generate  # noqa: E402


def _setup(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
    import django

    django.setup()


def import_one(path: Path, workdir: Path) -> None:
    """In the child process: one whole import of the file; prints its result and wall time."""
    _setup(workdir)
    from indicators.imports import jobs
    from indicators.models import DataImport

    started = time.perf_counter()
    content = path.read_bytes()
    record = jobs.create(DataImport.Kind.PRACTICUM_EVALUATIONS, path.name, content, None,
                         source=DataImport.Source.COMMAND, keep_file=False)
    del content
    content = path.read_bytes()
    if jobs.check(record, content, lambda stage, percent: None).ok:
        jobs.run(record, content, lambda stage, percent: None)
    record.refresh_from_db()
    print(f"{record.get_status_display()} in {time.perf_counter() - started:.1f} s, {record.rows_read:,} rows")


def worst_spreadsheet(path: Path, codes: list[int], cells: int) -> int:
    """A practicum workbook with as many rows as the cell limit lets through, answers varied. Written as
    the XML parts of an .xlsx directly (openpyxl would take minutes to write millions of cells)."""
    rng = random.Random(7)
    rows = cells // len(HEADER) - 1
    scale = ["Helt enig", "Delvist enig", "Hverken enig eller uenig", "Delvist uenig", "Helt uenig", "Ved ikke"]

    def row_xml(values: list[object]) -> str:
        return "<row>" + "".join(
            f"<c><v>{value}</v></c>" if isinstance(value, int) else
            f'<c t="inlineStr"><is><t>{escape(str(value))}</t></is></c>' if value is not None else "<c/>"
            for value in values) + "</row>"

    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                        b'2006/main"><sheetData>')
            sheet.write(row_xml(HEADER).encode())
            for _ in range(rows):
                values = [rng.randint(2021, 2025), f"{rng.choice(codes):04d}", "pædagog", "studerende",
                          *rng.choices(scale, k=7), None, None, None]
                sheet.write(row_xml(values).encode())
            sheet.write(b"</sheetData></worksheet>")
    return rows


def measure(path: Path, label: str) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
           "SECRET_KEY": "bench-only", "DJANGO_SETTINGS_MODULE": "recruitment.settings"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "load_reference_data"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, __file__, "--one", str(path), str(workdir)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kilobytes on Linux
    note = "" if peak_mb > before / 1024 else " (no higher than the setup's own peak)"
    verdict = "under" if peak_mb < TARGET_MB else "OVER"
    print(f"{label}: {done.stdout.strip()}; peak memory {peak_mb:.0f} MB{note} – {verdict} {TARGET_MB} MB")


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-memory-files-"))
    _setup(workdir)
    from django.conf import settings
    from django.core.management import call_command

    from indicators.reference.loader import load_reference_data
    from recruitment.models import Municipality

    call_command("migrate", verbosity=0)
    load_reference_data()
    codes = list(Municipality.objects.values_list("code", flat=True))
    csv_path = workdir / "practicum-evaluations.csv"
    size = generate(csv_path, codes)
    measure(csv_path, f"300,000-row practicum CSV ({size / 1e6:.0f} MB)")
    xlsx_path = workdir / "worst.xlsx"
    rows = worst_spreadsheet(xlsx_path, codes, settings.IMPORT_XLSX_MAX_CELLS)
    measure(xlsx_path, f"worst accepted XLSX ({rows:,} rows × {len(HEADER)} columns, just under "
                       f"{settings.IMPORT_XLSX_MAX_CELLS:,} cells, {xlsx_path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        import_one(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
