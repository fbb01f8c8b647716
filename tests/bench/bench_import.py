"""Benchmark: importing a 300,000-row practicum-evaluations file (CSV, semicolon, Windows-1252).

Run as a plain script (`make bench` runs every bench_*.py). It builds a fresh SQLite database in a
temporary folder, generates a survey export of the size SPU's partnership collects over several
years, and measures in the same run:

    bare read   pandas.read_csv of the file, nothing else (the floor any importer stands on)
    import      the whole import as `manage.py import_data` runs it: read, check every row, compare
                with the database, write the counts in one transaction, record the import
    re-import   the same file again (nothing changes; every key compares equal)

It prints wall times and the ratio of the import to the bare read. Targets: under 15 s and under 3x
the bare read. Nothing here fails on time; the numbers are for people to read.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300_000
TARGET_SECONDS = 15.0
TARGET_RATIO = 3.0

SCALE = ["Helt enig", "Delvist enig", "Hverken enig eller uenig", "Delvist uenig", "Helt uenig", "Ved ikke", ""]
WEIGHTS = [30, 26, 14, 10, 8, 6, 6]
STUDENT_QUESTIONS = 7
HEADER = ["År", "Kommunekode", "Uddannelse", "Rolle", "Jeg vil gerne vende tilbage i fremtidig ansættelse",
          "anbefale", "forstaaelse", "udfordrende_opgaver", "manglede_opgaver", "bruge_det_lærte",
          "stoette_til_at_anvende", "faelles_om_praktik", "vejleder_kendskab", "vejlederuddannelse"]
# Education -> the role its students have in the practicum (SOSU and PAU have apprentices, "elever").
EDUCATIONS = {"pædagog": "studerende", "lærer": "studerende", "sygeplejerske": "studerende",
              "socialrådgiver": "studerende", "sosu-assistent": "elev", "sosu-hjælper": "elev", "pau": "elev"}
TRAINING = ["formel", "internt kursus", "ingen", "formel, internt kursus"]


def generate(path: Path, municipality_codes: list[int], seed: int = 5) -> int:
    """A survey export as SurveyXact writes one: a row per respondent; supervisors leave the student
    questions blank and vice versa. Deterministic."""
    rng = random.Random(seed)
    educations = list(EDUCATIONS)
    lines = [";".join(HEADER)]
    for _ in range(ROWS):
        education = rng.choice(educations)
        code = rng.choice(municipality_codes)
        year = rng.randint(2021, 2025)
        if rng.random() < 0.2:
            answers = [""] * STUDENT_QUESTIONS + rng.choices(SCALE, WEIGHTS, k=2) + [rng.choice(TRAINING)]
            role = "vejleder"
        else:
            answers = rng.choices(SCALE, WEIGHTS, k=STUDENT_QUESTIONS) + ["", "", ""]
            role = EDUCATIONS[education]
        lines.append(";".join([str(year), f"{code:04d}", education, role, *answers]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path.stat().st_size


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import pandas as pd
    from django.core.management import call_command

    from indicators.imports import jobs
    from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
    from indicators.reference.loader import load_reference_data
    from recruitment.models import Municipality

    call_command("migrate", verbosity=0)
    load_reference_data()
    path = workdir / "practicum-evaluations.csv"
    size = generate(path, list(Municipality.objects.values_list("code", flat=True)))
    print(f"File: {ROWS:,} rows, {size / 1e6:.1f} MB (CSV, semicolon, Windows-1252), 98 municipalities, 5 years")

    def bare_read() -> float:
        started = time.perf_counter()
        pd.read_csv(io.BytesIO(path.read_bytes()), sep=";", encoding="cp1252")
        return time.perf_counter() - started

    def import_once() -> tuple[float, DataImport]:
        started = time.perf_counter()
        content = path.read_bytes()
        record = jobs.create(DataImport.Kind.PRACTICUM_EVALUATIONS, path.name, content, None,
                             source=DataImport.Source.COMMAND, keep_file=False)
        checked = jobs.check(record, content, lambda stage, percent: None)
        jobs.run(record, content, lambda stage, percent: None, checked=checked)
        return time.perf_counter() - started, record

    bare_read()  # warm the page cache and pandas' imports
    bare = statistics.median(bare_read() for _ in range(3))
    first, record = import_once()
    assert record.status == DataImport.Status.SUCCEEDED, record.problems[:5]
    stored = PracticumEvaluationCount.objects.count() + SupervisorTrainingCount.objects.count()
    again, second = import_once()
    assert (second.summary["added"], second.summary["replaced"]) == (0, 0)
    bare_after = statistics.median(bare_read() for _ in range(3))
    bare = statistics.median([bare, bare_after])

    print(f"bare pandas.read_csv (median): {bare:6.2f} s")
    print(f"import (first time):           {first:6.2f} s  = {first / bare:4.1f}x the bare read; "
          f"{record.summary['added']} (year, municipality) added, {stored:,} count rows stored")
    print(f"re-import (changes nothing):   {again:6.2f} s  = {again / bare:4.1f}x the bare read")
    verdict = "met" if first < TARGET_SECONDS and first / bare < TARGET_RATIO else "NOT met"
    print(f"Target: under {TARGET_SECONDS:.0f} s and under {TARGET_RATIO:.0f}x the bare read: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
