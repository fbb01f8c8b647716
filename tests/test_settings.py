"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.processes


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DEBUG", "HTTPS", "STATIC_MANIFEST", "SECRET_KEY", "ALLOWED_HOSTS",
                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_it_passes_check_deploy_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     SECRET_KEY="a-real-secret-" + "x7Qp2Lm9Zt4Rk8Wv3Nb6Yc1Hd5Jf0Gs" * 2,
                     ALLOWED_HOSTS="rekruttering.example.dk",
                     # a cache every process shares (recruitment.W001 otherwise; tests/test_deploy_checks.py)
                     CACHE_BACKEND="django.core.cache.backends.redis.RedisCache",
                     CACHE_LOCATION="redis://cache.internal:6379/1")
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


# What a browser gets from the app under production settings (DEBUG off, HTTPS on), read in a fresh
# process so the settings module is read from the environment exactly as gunicorn would read it.
PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
get_user_model().objects.create_user("chef", password="probe-password-1234")
browser = Client(HTTP_HOST="rekruttering.example.dk")
plain = browser.get("/accounts/login/")
page = browser.get("/accounts/login/", secure=True)
behind_proxy = browser.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
probe = browser.get("/healthz")
login = browser.post("/accounts/login/", {"username": "chef", "password": "probe-password-1234"}, secure=True)
missing = browser.get("/municipalities/999/", secure=True)


def cookies(response):
    return {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "samesite": c["samesite"]}
            for name, c in response.cookies.items()}


print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "page": [page.status_code, dict(page.headers), cookies(page)],
    "behind_proxy": behind_proxy.status_code,
    "probe": probe.status_code,
    "login": [login.status_code, cookies(login)],
    "missing": [missing.status_code, dict(missing.headers)],
}))
"""


def test_it_sends_the_security_headers_and_secure_cookies_under_production_settings(tmp_path):
    import json

    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**{k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
             "DJANGO_SETTINGS_MODULE": "recruitment.settings", "SECRET_KEY": "probe-" + "k3Jx9Qw2Lp7Vb5Nm" * 3,
             "ALLOWED_HOSTS": "rekruttering.example.dk", "DATABASE_URL": f"sqlite:///{tmp_path}/probe.sqlite3",
             # Templates link static files; without collectstatic there is no manifest to look them up in.
             "STATIC_MANIFEST": "0"})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["plain"] == [301, "https://rekruttering.example.dk/accounts/login/"]  # http is sent to https
    assert seen["behind_proxy"] == 200  # the reverse proxy says the browser used https
    assert seen["probe"] == 200  # a load balancer's plain-http health check is answered, not redirected

    status, headers, page_cookies = seen["page"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    for directive in ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
                      "form-action 'self'"]:
        assert directive in csp, directive
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp and "style-src 'self' 'nonce-" in csp
    assert page_cookies["csrftoken"]["secure"]

    status, login_cookies = seen["login"]
    assert status == 302
    assert login_cookies["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}

    status, headers = seen["missing"]
    assert status == 404  # error pages carry the same headers
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" in headers
