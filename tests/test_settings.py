"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "HTTPS", "STATIC_MANIFEST", "SECRET_KEY", "ALLOWED_HOSTS",
                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_it_passes_check_deploy_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     SECRET_KEY="a-real-secret-" + "x7Qp2Lm9Zt4Rk8Wv3Nb6Yc1Hd5Jf0Gs" * 2,
                     ALLOWED_HOSTS="rekruttering.example.dk")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _manage("check", ALLOWED_HOSTS="rekruttering.example.dk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_fails_loudly_on_a_malformed_boolean():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
