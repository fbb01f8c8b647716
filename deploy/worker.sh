#!/bin/sh
# The background worker (imports run on it), in this process's place: it waits out a locked or lost database.
# Any number may run, on any host.
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python}" manage.py task_worker "$@"
