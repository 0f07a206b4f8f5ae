# Brevven's everyday commands. `make run` and `make test` work on a fresh machine with
# Python 3.11 and make: they create .venv and install the pinned dependencies themselves.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# `make run` serves on this address.
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test test-postgres install install-test system-deps lock migrate demo check bench bench-small load messages openapi

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

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

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

test: install-test system-deps
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
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --no-header -q -o requirements.lock

# Refresh the translation catalogues from the code and compile them (needs Debian's gettext).
# The compiled .mo files are committed, so a fresh machine needs no gettext to run Brevven.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=var --ignore=test-artifacts --ignore=build
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l da -l nb -l fr --no-location --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=1 $(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

# Regenerate the committed OpenAPI description after changing the API (a test fails until you do).
openapi: install
	DEBUG=1 $(BIN)/python manage.py spectacular --file docs/openapi.yaml --validate
