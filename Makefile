# The two commands a newcomer needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never

# Django 6 needs Python >= 3.12; the machine's default python3 may be older, so look on PATH
# first and then in pyenv's versions, newest first.
define FIND_PYTHON
for c in python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    command -v $$c; exit 0; fi; \
done; exit 1
endef

PYTHON_FOUND = $(shell $(FIND_PYTHON))

.PHONY: help run serve worker test test-fast test-browser lint bench loadtest clean

help:
	@echo "make run        the app with demo data on SQLite, at http://127.0.0.1:8000 (another port: make run PORT=8001)"
	@echo "make test       the whole test suite (browser tests included)"
	@echo "make test-fast  the suite without the browser tests and those that start other processes"
	@echo "make test-browser  only those (one file: .venv/bin/python -m pytest tests/test_x.py)"
	@echo "make lint       ruff, the migrations check and mypy (the types; settings in pyproject.toml)"
	@echo "make bench      the benchmarks: pages' server time, at 100x the data, imports, and Lighthouse in Chromium (not part of make test)"
	@echo "make loadtest   25 simulated users for 60 s against gunicorn and PostgreSQL (not part of make test)"

$(BIN)/python:
	@py="$(PYTHON_FOUND)"; \
	if [ -z "$$py" ]; then echo "No Python >= 3.12 found (PATH or pyenv). Install Python 3.12 and retry." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV) && $(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed-run: requirements.lock | $(BIN)/python
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements-dev.lock
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_reference_data
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT) (demo users in README.md) with the background worker; Ctrl-C stops both."
	@DEBUG=1 $(BIN)/python manage.py task_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The background worker alone (imports run on it), e.g. beside a server started another way; it waits out a
# locked or lost database (indicators/management/commands/task_worker.py).
worker: $(VENV)/.installed-run
	DEBUG=1 $(BIN)/python manage.py task_worker

# axe-core for the accessibility browser tests and oidc-provider for the single sign-on tests, exactly as
# package-lock.json pins them (node_modules/ is not committed).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install npm (the accessibility tests need axe-core, the SSO tests oidc-provider)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The suite on every core (pytest-xdist; WORKERS=0 runs it in one process). Extra pytest arguments: ARGS="…".
WORKERS ?= auto
PYTEST = $(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup $(ARGS)

test: $(VENV)/.installed-dev node_modules/.installed
	$(PYTEST)

# The fast part: no browser, no other processes.
test-fast: $(VENV)/.installed-dev
	$(PYTEST) -m "not e2e and not processes"

# The slow part: the browser journeys and the tests that start other processes.
test-browser: $(VENV)/.installed-dev node_modules/.installed
	$(PYTEST) -m "e2e or processes"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	SECRET_KEY=lint-only $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=lint-only $(BIN)/mypy

# Benchmarks print medians and ratios measured in one run; they assert nothing about time.
bench: $(VENV)/.installed-dev node_modules/.installed
	@for script in tests/bench/bench_*.py; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

# gunicorn on a throwaway PostgreSQL with the national dataset, 25 simulated users for 60 s (locust), loopback
# only; prints requests/s, median and 95th percentile per page and the errors. Not part of `make test`.
loadtest: $(VENV)/.installed-dev
	$(BIN)/python tests/load/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts node_modules
