"""The scratch databases of tests/test_import_faults.py (a SQLite file, or a fresh database on the PostgreSQL server
the suite runs against, copied from a template built once per module), Django code and the worker run against one,
and ways to wait for what a process says."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "faults" / "worker.py"
PRELUDE = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
import django
django.setup()
"""



class Scratch:
    """A database of its own, and ways to run Django code and the worker against it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.env = {**{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}},
                    "DATABASE_URL": url, "SECRET_KEY": "faults-only-not-secret", "HTTPS": "0",
                    "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "testserver",
                    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}

    def manage(self, *args: str) -> None:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    def django(self, code: str, **values: object) -> dict:
        """Runs code with Django set up; `values` arrive as the dict VALUES; it sets RESULT, returned as JSON."""
        script = PRELUDE + f"VALUES = json.loads({json.dumps(json.dumps(values))})\n" + code + \
            "\nprint('RESULT ' + json.dumps(RESULT))\n"
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=self.env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1].removeprefix("RESULT "))

    def worker(self, stall_seconds: float = 0, release_file: Path | None = None) -> subprocess.Popen:
        """The worker; with `stall_seconds` its first import stops midway that long, or until `release_file`
        exists."""
        env = {**self.env, "STALL_SECONDS": str(stall_seconds), "RELEASE_FILE": str(release_file or "")}
        return subprocess.Popen([sys.executable, str(WORKER)], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env)

    def wait_for_import_lock_waiter(self, timeout: float = 60) -> None:
        """Until a session waits for an import's lock. Only PostgreSQL shows it (an advisory lock not yet
        granted); on SQLite the second import waits for the write lock inside SQLite's busy handler, which
        nothing outside the process can see, so there is nothing to wait for."""
        if not self.url.startswith(("postgres://", "postgresql://")):
            return
        import psycopg

        deadline = time.monotonic() + timeout
        with psycopg.connect(self.url, autocommit=True) as connection:
            while time.monotonic() < deadline:
                if connection.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                      ).fetchone()[0]:
                    return
                time.sleep(0.05)
        raise AssertionError("the second import never waited for the first one's lock")


def wait_for_word(process: subprocess.Popen, word: str, timeout: float = 60) -> str:
    """Reads the worker's output until a line starts with `word`; that line's argument."""
    deadline = time.monotonic() + timeout
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        lines.append(line)
        if line.startswith(word):
            return line.split()[1]
    raise AssertionError(f"the worker never said {word}: {''.join(lines)}")


def finish(process: subprocess.Popen, timeout: float = 120) -> str:
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output
    return output


def _postgres_admin(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextlib.contextmanager
def scratch_template(tmp_path_factory) -> Iterator[str]:
    """A migrated database with the reference data, built once; each test gets a copy."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"faults_template_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_postgres_admin(suite_url), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            template = Scratch(_with_database(suite_url, name))
            template.manage("migrate", "--verbosity", "0")
            template.manage("load_reference_data")
            yield template.url
        finally:
            with psycopg.connect(_postgres_admin(suite_url), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        template = Scratch(f"sqlite:///{tmp_path_factory.mktemp('faults')}/template.sqlite3")
        template.manage("migrate", "--verbosity", "0")
        template.manage("load_reference_data")
        yield template.url


@contextlib.contextmanager
def scratch_copy(scratch_template: str, tmp_path: Path) -> Iterator[Scratch]:
    """A copy of the template for one test, dropped (on PostgreSQL) afterwards."""
    if scratch_template.startswith("sqlite:///"):
        copy = tmp_path / "faults.sqlite3"
        shutil.copyfile(scratch_template.removeprefix("sqlite:///"), copy)
        yield Scratch(f"sqlite:///{copy}")
        return
    import psycopg

    template = urlsplit(scratch_template).path.lstrip("/")
    name = f"faults_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_postgres_admin(scratch_template), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield Scratch(_with_database(scratch_template, name))
    finally:
        with psycopg.connect(_postgres_admin(scratch_template), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Output:
    """A process's output, read line by line on a thread of its own, so a test can wait for a line with a
    deadline while the process goes on."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process, self.lines, self.changed = process, [], threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not (found := next((line for line in self.lines if text in line), None)):
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"the worker never said {text!r}:\n{''.join(self.lines)}")
                self.changed.wait(timeout=min(left, 1))
        return found

    @property
    def text(self) -> str:
        with self.changed:
            return "".join(self.lines)


def until(check, timeout: float = 120):
    """Polls `check()` until it returns something true, up to `timeout` seconds; that value."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.2)
    return value
