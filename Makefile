# Brevven's everyday commands. `make run` and `make test` work on a fresh machine with
# Python 3.11 and make: they create .venv and install the pinned dependencies themselves.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# `make run` serves on this address.
ADDRESS ?= 127.0.0.1:8000

.PHONY: screenshots run test lint test-postgres install install-test install-bench system-deps lock migrate demo check bench bench-small load messages openapi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The stamp files re-run the install whenever pyproject.toml or the lock file changes.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[bench]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-bench: $(VENV)/.installed-bench

# Debian packages that WeasyPrint and the browser tests need (installed when we may; reported otherwise).
system-deps:
	@scripts/system-deps

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo

run: install system-deps demo
	DEBUG=1 $(BIN)/python manage.py setup_schedules
	@DEBUG=1 ADDRESS=$(ADDRESS) scripts/run-dev

# The linter and the apps' layering contracts (pyproject.toml); `make test` runs them first.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: install-test system-deps lint
	$(BIN)/python -m pytest

# The same suite against PostgreSQL and the Redis broker (CI runs this too).
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/brevven
REDIS_URL ?= redis://127.0.0.1:6379/0
test-postgres: install-test system-deps
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) $(BIN)/python -m pytest

check: install
	$(BIN)/python manage.py check

# Re-pin requirements.lock after changing the ranges in pyproject.toml.
lock: install
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra bench --extra train --extra s3 --python-version 3.11 --no-header -q -o requirements.lock

# Refresh the translation catalogues from the code and compile them (needs Debian's gettext).
# The compiled .mo files are committed, so a fresh machine needs no gettext to run Brevven.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=var --ignore=test-artifacts --ignore=build
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l da -l nb -l fr --no-location --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=1 $(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

# Screenshots of each role's main page at 1280 and 390 px (docs/screenshots/, linked from
# docs/using-brevven.md), taken from the demo program in a database of its own.
screenshots: install-test system-deps
	$(BIN)/python scripts/screenshots.py

# Regenerate the committed OpenAPI description after changing the API (a test fails until you do).
openapi: install
	DEBUG=1 $(BIN)/python manage.py spectacular --file docs/openapi.yaml --validate

# The benchmark (docs/performance.md): seeds a large program into its own fresh database
# (var/bench/bench.sqlite3, or DATABASE_URL whose name must contain "bench"), measures the
# pages, the reminder sweep, screening and the PDFs, prints the tables and writes
# bench/results/latest.json. Sizes by flags: make bench ARGS="--pairs 2000".
BENCH_RESULTS := bench/results
bench: install-bench system-deps
	$(BIN)/python -m bench.run --out $(BENCH_RESULTS)/latest.json --compare $(BENCH_RESULTS)/small.json $(ARGS)

# A tenth of the size, in a few minutes; its query counts must equal the full run's.
bench-small: install-bench system-deps
	$(BIN)/python -m bench.run --pairs 1000 --letters 20000 --out $(BENCH_RESULTS)/small.json \
		--compare $(BENCH_RESULTS)/latest.json $(ARGS)

# Several gunicorn workers and two qclusters on PostgreSQL + Redis (database brevven_bench_load,
# Redis db 6), a moderate program, and wrk (Debian's package, installed when run as root)
# driving the one-query page, then the members' mix, at 127.0.0.1 for LOAD_SECONDS each;
# everything it starts is stopped at the end (scripts/load-test).
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/brevven_bench_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/6
LOAD_SECONDS ?= 60
load: install-bench system-deps
	DATABASE_URL=$(LOAD_DATABASE_URL) REDIS_URL=$(LOAD_REDIS_URL) LOAD_SECONDS=$(LOAD_SECONDS) scripts/load-test
