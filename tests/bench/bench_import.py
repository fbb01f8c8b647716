"""Benchmark: importing a 300,000-row practicum-evaluations file (CSV, semicolon, Windows-1252).

Run as a plain script (`make bench` runs every bench_*.py). For a fresh SQLite database and, when the
PostgreSQL server binaries are installed, a throwaway PostgreSQL server (each in a process of its own),
it generates a survey export of the size SPU's partnership collects over several years and measures in
the same run:

    bare read   pandas.read_csv of the file, nothing else (the floor any importer stands on)
    import      the whole import as `manage.py import_data` runs it, in this process: read, check every
                row, compare with the database, write the counts in one transaction, record the import
    re-import   the same file again (nothing changes; every key compares equal)
    command     `manage.py import_data` in a process of its own (Python's and Django's start included, with
                the modules' bytecode cached as on a server; also without, when PYTHONDONTWRITEBYTECODE is set),
                against a process that only imports pandas and reads the file; with its peak memory

It prints wall times and the ratios to the bare read. Aim: the import ≤ 2x the bare read, in
process and as a command, on both databases. Nothing here fails on time; the numbers are for people.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300_000
TARGET_RATIO = 2.0

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


# Runs a script (`-c` code or a file with its arguments) and writes the process's peak resident memory to a file
# when it exits: VmHWM belongs to the program, while the rusage of a child forked from this (large) process
# would report this process's memory at the fork.
PEAK_WRAPPER = """
import atexit, runpy, sys
out, target, *args = sys.argv[1:]
def peak():
    status = open("/proc/self/status").read()
    open(out, "w").write(status.split("VmHWM:")[1].split()[0])
atexit.register(peak)
if target == "-c":
    sys.argv = ["-c", *args[1:]]
    exec(compile(args[0], "<bench>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = [target, *args]
    runpy.run_path(target, run_name="__main__")
"""


def timed_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, resident) of a Python program in a process of its own."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", PEAK_WRAPPER, peak.name, *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        return seconds, int(peak.read() or 0) / 1024


def child(database_url: str) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import pandas as pd
    from django.core.management import call_command
    from django.db import connection

    from indicators.imports import jobs
    from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
    from indicators.reference.loader import load_reference_data
    from recruitment.models import Municipality

    call_command("migrate", verbosity=0)
    load_reference_data()
    path = workdir / "practicum-evaluations.csv"
    size = generate(path, list(Municipality.objects.values_list("code", flat=True)))
    print(f"\n{connection.vendor}: {ROWS:,} rows, {size / 1e6:.1f} MB (CSV, semicolon, Windows-1252), "
          "98 municipalities, 5 years")

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

    # As commands: a fresh process each, Python's and Django's start included, against a process that only
    # imports pandas and reads the file. The counts are removed first, so the command imports them anew.
    PracticumEvaluationCount.objects.all().delete()
    SupervisorTrainingCount.objects.all().delete()
    connection.close()
    env = {**os.environ, "DATABASE_URL": database_url}
    read_script = f"import pandas as pd; pd.read_csv({str(path)!r}, sep=';', encoding='cp1252')"
    command_args = ["manage.py", "import_data", "practicum-evaluations", str(path)]
    # First as this environment starts Python: with PYTHONDONTWRITEBYTECODE set, every process compiles
    # each module it imports from source (Django's, pandas', the app's), seconds no deployed process spends.
    cold = os.environ.get("PYTHONDONTWRITEBYTECODE")
    if cold:
        cold_bare, _ = min(timed_process(["-c", read_script], env) for _ in range(2))
        cold_command, _ = timed_process(command_args, env)
        PracticumEvaluationCount.objects.all().delete()
        SupervisorTrainingCount.objects.all().delete()
        connection.close()
    # Then as a deployed server runs them: modules' bytecode cached (in a folder of the bench's own, so
    # neither the project nor the virtualenv is written to), warmed by a dry run and one bare read.
    env = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    timed_process([*command_args, "--dry-run"], env)
    bare_process, bare_memory = min(timed_process(["-c", read_script], env) for _ in range(3))
    command, command_memory = timed_process(command_args, env)

    print(f"bare pandas.read_csv (median):   {bare:6.2f} s")
    print(f"import (first time):             {first:6.2f} s  = {first / bare:4.1f}x the bare read; "
          f"{record.summary['added']} (year, municipality) added, {stored:,} count rows stored")
    print(f"re-import (changes nothing):     {again:6.2f} s  = {again / bare:4.1f}x the bare read")
    print(f"bare read as a process:          {bare_process:6.2f} s  (peak memory {bare_memory:.0f} MB)")
    print(f"manage.py import_data (first):   {command:6.2f} s  = {command / bare_process:4.1f}x the bare read as "
          f"a process; peak memory {command_memory:.0f} MB")
    if cold:
        print(f"  without bytecode caches:        {cold_command:6.2f} s  = {cold_command / cold_bare:4.1f}x the bare "
              f"read as a process ({cold_bare:.2f} s), both compiling every module they import")
    met = first / bare <= TARGET_RATIO and command / bare_process <= TARGET_RATIO
    print(f"Aim: import ≤ {TARGET_RATIO:.0f}x the bare read, in process and as a command: "
          f"{'met' if met else 'NOT met'}")
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        return child(sys.argv[2])
    sys.path.insert(0, str(ROOT))
    from tests.load.run import Postgres

    folder = Path(tempfile.mkdtemp(prefix="bench-import-db-"))
    folder.chmod(0o755)
    databases = [f"sqlite:///{folder / 'bench.sqlite3'}"]
    postgres = None
    if list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        postgres = Postgres(folder / "pg")
        databases.append(postgres.start())
    else:
        print("PostgreSQL server binaries not found: SQLite only.")
    try:
        for url in databases:
            subprocess.run([sys.executable, __file__, "--child", url], cwd=ROOT, check=True)
    finally:
        if postgres is not None:
            postgres.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
