#!/bin/sh
# Building a release (the Containerfile runs it; so does CI): static files collected and compressed for whitenoise,
# then Django's deployment checklist with the environment given, failing on any warning. Needs no database and no
# secret: without SECRET_KEY a random one is made for this step alone.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}
if [ -z "${SECRET_KEY:-}" ]; then
  SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
  export SECRET_KEY
fi
"$PYTHON" manage.py collectstatic --noinput --verbosity 0
"$PYTHON" manage.py check --deploy --fail-level WARNING
