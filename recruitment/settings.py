"""Settings, read from the environment with safe production defaults.

`make run` sets DEBUG=1; everything else (tests, gunicorn) runs with DEBUG off unless told.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any, overload

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

_secret = env_str("SECRET_KEY")
if _secret is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    _secret = "django-insecure-local-development-only"
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "recruitment",
    "interventions",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped (with Django's BREACH mitigation); static files come precompressed from whitenoise
    # (brotli and gzip, written by collectstatic), which answers them above this.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A repeat load of an unchanged page is a 304 without a body (recruitment/revalidation.py); after the CSP
    # middleware, so that a 304 keeps the policy the browser stored with the page.
    "recruitment.revalidation.RevalidatedPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A NUL character in the query: a 400 before any view, whose page (with the user's menu) needs the user.
    "recruitment.boundary.refuse_nul_characters",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "recruitment.urls"
WSGI_APPLICATION = "recruitment.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recruitment.context_processors.navigation",
                "interventions.context_processors.demo_banner",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # the own municipality's dashboard, or the overview
LOGOUT_REDIRECT_URL = "login"

# Danish for everyone: no LocaleMiddleware, so a browser asking for English does not get English
# number formats around Danish text. English strings can come with a translation and a switcher.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# plotly.js: the official cartesian partial bundle, committed under static/vendor/plotly/ (see its README.md),
# at the plotly.js version the plotly package ships; a third of the whole bundle, with every trace type we draw.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# The computed coverage is cached by the data version (recruitment.data_version), so any backend is correct;
# local memory is per process, so with several processes a shared one saves recomputing each page in each:
# on one server CACHE_BACKEND=recruitment.cache.DiskCache CACHE_LOCATION=/var/cache/<app> (a folder; SQLite-indexed,
# so a write costs the same however many entries there are, where Django's FileBasedCache lists its whole
# folder on every write); on several CACHE_BACKEND=django.core.cache.backends.redis.RedisCache
# CACHE_LOCATION=redis://… (needs the `redis` package) or CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache
# CACHE_LOCATION=coverage_cache (after `manage.py createcachetable`).
# Django's backends keep room for every page of 98 municipalities and their intervention rows (a body and its
# data per page, about 1 KB to 250 KB each; Django's default keeps 300 entries, and a full cache drops a third
# of them); diskcache evicts the least recently stored by size instead (1 GB by default).
# Redis evicts by its own memory limit (maxmemory, README "Scaling out"), and its client takes OPTIONS as
# connection arguments: MAX_ENTRIES there would stop every request.
CACHE_BACKEND = env_str("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache")
CACHES = {
    "default": {
        "BACKEND": CACHE_BACKEND,
        "LOCATION": env_str("CACHE_LOCATION", ""),
        "OPTIONS": {} if CACHE_BACKEND in {"recruitment.cache.DiskCache",
                                           "django.core.cache.backends.redis.RedisCache"}
        else {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
    }
}
# A deployment check may be silenced where it does not apply, e.g. SILENCED_SYSTEM_CHECKS=recruitment.W002 on a
# single app server with DiskCache (recruitment/checks.py).
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])
# Sessions are read from a cache every process shares (one cache read instead of a query on every request),
# and written through to the database. Never from local memory: a logout in one process would not reach the
# copies the others hold.
SESSION_ENGINE = ("django.contrib.sessions.backends.db" if CACHE_BACKEND.endswith(".LocMemCache")
                  else "django.contrib.sessions.backends.cached_db")

# Behind HTTPS in production; `HTTPS=0` for plain-http local serving and tests.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the app servers over plain http; the health check answers them rather than redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day

# A form refused by the CSRF check gets a Danish page in the site's layout, not Django's bare one.
CSRF_FAILURE_VIEW = "recruitment.views.csrf_failure"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# One console handler, on the root logger. Django's own "django" logger gets no handler of its own (its
# default console handler printed every line of the worker twice with DEBUG on) and passes its records
# to the root. A refused request is one line, an error one line and its traceback.
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "filters": {"refusals_without_traceback": {"()": "recruitment.logs.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line",
                             "filters": ["refusals_without_traceback"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Interventions: who changed what and when, field by field (django-simple-history). The middleware
# hands the request's user to the history records; it must run after authentication.
INSTALLED_APPS += ["simple_history"]
MIDDLEWARE += ["simple_history.middleware.HistoryRequestMiddleware"]

# Background work (data imports) runs through Django's tasks on a database queue; `manage.py db_worker`
# runs them. Tests swap in django.tasks.backends.immediate.ImmediateBackend through TASKS_BACKEND.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Data imports (indicators/imports): the largest file accepted, and how far an XLSX file (a zip
# archive) may unpack, so a small decompression bomb cannot exhaust the server's memory.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 50) * 1024 * 1024
IMPORT_XLSX_MAX_UNPACKED_BYTES = env_int("IMPORT_XLSX_MAX_UNPACKED_MB", 300) * 1024 * 1024
# The widest and largest table read (the 300,000-row practicum file has 4.2 million cells): a file past
# them is refused before it is read into memory.
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 200)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 6_000_000)
# A spreadsheet's values are all unpacked (by calamine) before they are checked: 6 million cells took
# 24 s and 635 MB at the peak; half as many 14 s and 374 MB, under the 500 MB aim. CSV keeps the above.
IMPORT_XLSX_MAX_CELLS = env_int("IMPORT_XLSX_MAX_CELLS", 3_000_000)
# A running import's heartbeat (PostgreSQL): how often its record is touched however long a step takes.
IMPORT_HEARTBEAT_SECONDS = env_int("IMPORT_HEARTBEAT_SECONDS", 30)
# The import page suggests checking the background worker when an upload has waited this long.
IMPORT_WORKER_HINT_SECONDS = env_int("IMPORT_WORKER_HINT_SECONDS", 30)

# Login throttling against password guessing (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair may not try again for AXES_COOLOFF_TIME; a successful login
# clears the count. Attempts live in the database, so every app server sees the same count.
# Behind reverse proxies, TRUSTED_PROXY_COUNT says how many: the client's address is then read from
# X-Forwarded-For as the outermost proxy wrote it (recruitment.security.client_ip), not the proxy's own.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last: it turns a lockout into the lockout page
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Password spraying (one password over many usernames) is slowed by a second, address-wide limit
# (recruitment.security.AxesHandler), higher so that an office behind one address is not locked by typos.
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "recruitment.security.AxesHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "recruitment.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "recruitment.security.client_ip"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Where users write about accessibility problems (shown on /tilgaengelighed/); without it the page
# sends them to the administrator who gave them access.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")

# SQLite (the embedded default) has one writer at a time. Beginning every transaction with the write lock
# (IMMEDIATE) makes a second writer wait its turn, up to the timeout, instead of failing midway with
# "database is locked" when two transactions that have read both try to write (e.g. two imports).
# SQLITE_TIMEOUT_SECONDS is how long a writer waits for the lock (the tests of a locked database shorten it).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE",
                                                           "timeout": env_int("SQLITE_TIMEOUT_SECONDS", 30)})


# Single sign-on over OpenID Connect (django-allauth), one identity provider per municipality, configured
# only from the environment: OIDC_PROVIDERS names them (`albertslund,ishoej`), and each NAME has
# OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _EMAIL_DOMAINS (comma-separated; a user from any other
# domain is refused), and optionally _LABEL (the login button's text), _GROUPS_CLAIM (default `groups`) and
# _LOGOUT (`0`: do not end the provider's session on logout). Memberships come from the admin's group
# mappings (recruitment.sso). Without OIDC_PROVIDERS only local passwords exist, throttled by axes as before.
def _sso_apps() -> list[dict[str, Any]]:
    apps = []
    for name in env_list("OIDC_PROVIDERS", []):
        prefix = f"OIDC_{name.upper().replace('-', '_')}_"
        required = ("ISSUER", "CLIENT_ID", "CLIENT_SECRET", "EMAIL_DOMAINS")
        missing = [key for key in required if not env_str(prefix + key)]
        if missing:
            raise ImproperlyConfigured(f"OIDC provider {name!r} needs {', '.join(prefix + key for key in missing)}.")
        apps.append({
            "provider_id": name,
            "name": env_str(prefix + "LABEL", name),
            "client_id": env_str(prefix + "CLIENT_ID"),
            "secret": env_str(prefix + "CLIENT_SECRET"),
            "settings": {
                "server_url": os.environ[prefix + "ISSUER"].rstrip("/"),  # present: checked above
                # The claims are read from the ID token, which is verified (signature, issuer, audience, expiry);
                # Entra ID puts the groups there and not in its userinfo answer.
                "fetch_userinfo": False,
                "oauth_pkce_enabled": True,
                "email_domains": [domain.lower().lstrip("@") for domain in env_list(prefix + "EMAIL_DOMAINS", [])],
                "groups_claim": env_str(prefix + "GROUPS_CLAIM", "groups"),
                "provider_logout": env_bool(prefix + "LOGOUT", True),
            },
        })
    return apps


INSTALLED_APPS += ["allauth", "allauth.account", "allauth.socialaccount",
                   "allauth.socialaccount.providers.openid_connect"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware"),
                  "allauth.account.middleware.AccountMiddleware")
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, Any]] = {
    "openid_connect": {"APPS": _sso_apps(), "SCOPE": ["openid", "profile", "email"]},
}
SOCIALACCOUNT_ADAPTER = "recruitment.sso.SsoAdapter"
ACCOUNT_ADAPTER = "recruitment.sso.AccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False  # the login buttons POST, so a link cannot start a login
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never sign in to a local account because an e-mail matches
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

# The read API (/api/v1/, the `api` app): Django REST framework with an OpenAPI schema from drf-spectacular.
# Personal tokens or the browser session; every request counts against API_RATE_LIMIT per user (DRF's
# throttling keeps the count in the default cache, i.e. per server process unless a shared cache is set up).
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "api"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.ApiTokenAuthentication",
                                       "rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.PerUserThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pædagoger nok – API",
    "DESCRIPTION": "Read access to the dashboards' data: municipalities, the EVA catalogue with benchmarks, "
                   "coverage per pathway (as coverage.csv), interventions and imported aggregates. "
                   "Authenticate with a personal token (`Authorization: Bearer pn_…`, made on /profil/).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": ["api.auth.ApiTokenAuthentication", "rest_framework.authentication.SessionAuthentication"],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "1000/hour")
