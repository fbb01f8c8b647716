"""Servers the load test and the benchmarks start of their own on this machine: a throwaway PostgreSQL in a folder,
a redis-server on a unix socket, and a wait for a server (gunicorn) to answer /healthz."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from types import TracebackType


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """A throwaway server (as .ci/run starts one): initdb refuses root, so it runs as `postgres` then."""

    def __init__(self, folder: Path) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not found:
            raise SystemExit("PostgreSQL server binaries are missing (apt-get install postgresql).")
        self.bin = found[-1].parent
        self.folder = folder
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> str:
        (self.folder / "sock").mkdir(parents=True)
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(self.folder / "sock", "postgres", "postgres")
        self._run(self.bin / "initdb", "-D", self.folder / "data", "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-l", self.folder / "log", "-w", "-o",
                  f"-k {self.folder / 'sock'} -h 127.0.0.1 -p {self.port} -c fsync=off -c max_connections=100",
                  "start")
        subprocess.run([self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "app"],
                       check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/app"

    def stop(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-m", "fast", "-w", "stop", check=False)

    def _run(self, *args: object, check: bool = True) -> None:
        subprocess.run([*self.as_postgres, *map(str, args)], check=check, stdout=subprocess.DEVNULL)


def start_redis(folder: Path) -> tuple[subprocess.Popen, Path]:
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is missing (apt-get install redis-server).")
    sock = folder / "redis.sock"
    process = subprocess.Popen([redis_server, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly",
                                "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    import redis

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if sock.exists() and redis.Redis(unix_socket_path=str(sock)).ping():
                return process, sock
        except redis.RedisError:
            pass
        time.sleep(0.1)
    raise SystemExit("redis-server did not answer.")


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting.")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time.")


class Services:
    """A folder of its own holding a throwaway PostgreSQL and, when asked for, a redis-server; on leaving, both
    are stopped and the folder deleted (what a run that started them must undo, however it ends)."""

    def __init__(self, prefix: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self.folder.chmod(0o755)  # the server's own user must reach its folder inside
        self.postgres = Postgres(self.folder / "pg")
        self.redis: subprocess.Popen | None = None

    def start_redis(self) -> Path:
        """The redis-server started; its socket."""
        self.redis, sock = start_redis(self.folder)
        return sock

    def __enter__(self) -> Services:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        self.postgres.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
