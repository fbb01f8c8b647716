"""Starts the real OpenID Connect provider (tests/oidc/provider.mjs on node, oidc-provider from npm) and walks
its login as a user's browser would, for the single sign-on tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = Path(__file__).resolve().parent / "provider.mjs"
MODULE = ROOT / "node_modules" / "oidc-provider"
APP_ORIGIN = "http://testserver"  # Django's test client


@dataclass
class OidcServer:
    issuer: str

    def spoil_next_id_token(self, mode: str) -> None:
        requests.get(f"{self.issuer}/__test/next-id-token", params={"mode": mode}, timeout=5).raise_for_status()


def missing() -> str | None:
    if not shutil.which("node"):
        return "node is missing (apt-get install nodejs npm)"
    if not MODULE.exists():
        return f"oidc-provider is missing at {MODULE}: run `npm ci` (make test does)."
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(clients: list[dict], accounts: dict[str, dict]) -> Iterator[OidcServer]:
    port = _free_port()
    env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENTS": json.dumps(clients),
           "OIDC_ACCOUNTS": json.dumps(accounts), "NODE_ENV": "test"}
    process = subprocess.Popen(["node", str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    server = OidcServer(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the OIDC provider stopped: {process.stdout.read()}")
            try:
                if requests.get(f"{server.issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the OIDC provider did not start within 30 s")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_at_provider(authorize_url: str, login: str) -> str:
    """Follows the authorisation request through the provider's login form; returns where it sends the browser
    back to the app (the callback URL with code and state)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    page.raise_for_status()
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    assert action, page.text[:500]
    answer = browser.post(urljoin(page.url, action.group(1)), data={"prompt": "login", "login": login,
                                                                     "password": "any"},
                          allow_redirects=False, timeout=10)
    location = answer.headers["location"]
    while not location.startswith(APP_ORIGIN):
        answer = browser.get(urljoin(answer.url, location), allow_redirects=False, timeout=10)
        assert answer.status_code in (302, 303), (answer.status_code, answer.text[:500])
        location = answer.headers["location"]
    return location.removeprefix(APP_ORIGIN)
