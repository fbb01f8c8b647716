#!/bin/sh
# An app server: the deployment checks and migrations (deploy/migrate.py), then gunicorn in this process's place, so
# that systemd or the container engine signals gunicorn itself. The environment is the app's (README, "Configuration").
#   BIND             address to listen on (default 0.0.0.0:8000; behind nginx on the same host 127.0.0.1:8000)
#   WEB_CONCURRENCY  gunicorn's worker processes (default 2 x CPUs + 1)
#   PYTHON           the interpreter of the app's environment (default: python on PATH)
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
"$PYTHON" deploy/migrate.py
WEB_CONCURRENCY=${WEB_CONCURRENCY:-$((2 * $(nproc) + 1))}
export WEB_CONCURRENCY
exec "$PYTHON" -m gunicorn recruitment.wsgi:application --bind "${BIND:-0.0.0.0:8000}" --timeout 60 \
  --access-logfile - ${GUNICORN_ARGS:-}
