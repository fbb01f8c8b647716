"""The cluster of tests/test_two_servers.py: a redis-server of its own (a unix socket, nothing saved), two gunicorn
servers through deploy/start.sh on two free ports, two workers through deploy/worker.sh, on a fresh database on the
PostgreSQL server DATABASE_URL points at (dropped afterwards)."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.two_servers.setup_script import SETUP

ROOT = Path(__file__).resolve().parents[2]
SUITE_URL = os.environ.get("DATABASE_URL", "")
REDIS_SERVER = shutil.which("redis-server")

PASSWORD = "two-servers-password-1234"
CODE = 165  # Albertslund
API_LIMIT = 30
FAILURE_LIMIT = 3
IMPORTS = 20
START_SECONDS = 120  # a loaded 2-core machine starts gunicorn slowly; the deadline only bounds a broken start


def _free_ports(count: int) -> list[int]:
    """Ports free now, distinct: the probes are held open together, so the kernel cannot give one twice."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


@dataclass
class Process:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            # A session of its own: the process and every child (gunicorn's workers) form one group to kill.
            self.popen = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT,
                                          start_new_session=True)

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        """SIGTERM to the whole group, then SIGKILL to whatever is left of it."""
        if self.popen is None:
            return
        self.kill(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=15)
        self.kill(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=15)


@dataclass
class Server(Process):
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_up(self, timeout: float = START_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise AssertionError(f"server {self.name} stopped while starting:\n{_tail(self.log)}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server {self.name} did not answer /healthz within {timeout:.0f} s:\n{_tail(self.log)}")


@dataclass
class Cluster:
    url: str
    folder: Path
    data: dict
    servers: dict[str, Server] = field(default_factory=dict)
    workers: list[Process] = field(default_factory=list)

    def server(self, name: str) -> Server:
        """The server, started again if a test killed it (the kill test may run before the others)."""
        server = self.servers[name]
        if not server.running:
            server.stop()
            server.start()
            server.wait_until_up()
        return server

    def sql(self, query: str, *params: object) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            cursor = connection.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float = 60, every: float = 0.2) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(every)
        raise AssertionError(f"{what}: not within {timeout:.0f} s\n{self.logs()}")

    def logs(self) -> str:
        """The end of each server's and worker's log, for a failure's message."""
        return "\n".join(f"--- {p.name}\n{_tail(p.log, 1500)}" for p in [*self.servers.values(), *self.workers])


def _redis(folder: Path) -> tuple[Process, str]:
    assert REDIS_SERVER, "redis-server is missing: CI must install it (.ci/run)"
    sock = folder / "redis.sock"
    process = Process("redis", [REDIS_SERVER, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
                                "--save", "", "--appendonly", "no", "--dir", str(folder)],
                      dict(os.environ), folder / "redis.log")
    process.start()
    import redis

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not process.running:
            raise AssertionError(f"redis-server stopped:\n{_tail(process.log)}")
        try:
            if sock.exists() and redis.Redis(unix_socket_path=str(sock)).ping():
                return process, f"unix://{sock}?db=0"
        except redis.RedisError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"redis-server did not answer:\n{_tail(process.log)}")

@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    """The cluster started, yielded, then stopped (its processes) and its database dropped."""
    import psycopg

    folder = Path(tempfile.mkdtemp(prefix="two-servers-"))
    name = f"two_servers_{uuid.uuid4().hex[:10]}"
    admin_url = _with_database(SUITE_URL, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(SUITE_URL, name)
    processes: list[Process] = []
    try:
        redis_process, redis_url = _redis(folder)
        processes.append(redis_process)
        env = {**{k: v for k, v in os.environ.items()
                  if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "TASKS_BACKEND", "PYTEST_XDIST_WORKER"}},
               "DATABASE_URL": url, "SECRET_KEY": "two-servers-" + secrets.token_urlsafe(40), "DEBUG": "0",
               "HTTPS": "0", "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "127.0.0.1",
               "CACHE_BACKEND": "django.core.cache.backends.redis.RedisCache", "CACHE_LOCATION": redis_url,
               "API_RATE_LIMIT": f"{API_LIMIT}/minute", "AXES_FAILURE_LIMIT": str(FAILURE_LIMIT),
               "WEB_CONCURRENCY": "1", "PYTHON": sys.executable, "LOG_LEVEL": "ERROR",
               "PYTHONWARNINGS": "ignore:No directory at:UserWarning"}
        servers = []
        for server_name, port in zip(("a", "b"), _free_ports(2), strict=True):
            server = Server(server_name, [str(ROOT / "deploy" / "start.sh")],
                            {**env, "BIND": f"127.0.0.1:{port}", "PGAPPNAME": f"server-{server_name}"},
                            folder / f"server-{server_name}.log", port=port)
            servers.append(server)
            processes.append(server)
            server.start()
        # Meanwhile (the servers take a while to start) the reference data, users and queued imports.
        setup = subprocess.run([sys.executable, "-c", SETUP, PASSWORD, str(CODE), str(IMPORTS)], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=300)
        assert setup.returncode == 0, setup.stderr[-3000:]
        data = json.loads(setup.stdout.strip().splitlines()[-1].removeprefix("SETUP "))
        cluster = Cluster(url, folder, data, servers={server.name: server for server in servers})
        for n in (1, 2):
            worker = Process(f"worker-{n}", [str(ROOT / "deploy" / "worker.sh"), "--no-startup-delay",
                                             "--worker-id", f"worker-{n}"],
                             {**env, "PGAPPNAME": f"worker-{n}"}, folder / f"worker-{n}.log")
            cluster.workers.append(worker)
            processes.append(worker)
            worker.start()
        for server in cluster.servers.values():
            server.wait_until_up()
        yield cluster
    finally:
        for process in reversed(processes):
            process.stop()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)
