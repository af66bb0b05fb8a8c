# The two commands: `make run` (the service with its seed data) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# Tests run on PostgreSQL; pytest-django creates and drops test_<name> next to this database.
# Then the backend-neutral lane runs again on SQLite (in memory), the embedded default's database.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tracker
TEST_SQLITE_URL ?= sqlite:///$(CURDIR)/var/test-lane.sqlite3
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: install install-dev run test test-fast lint format check-services clean

# `make run` needs the runtime requirements only; `make test` and `make lint` add the dev ones.
$(BIN)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

run: install
	@VENV=$(VENV) scripts/run.sh

test: install-dev
	@DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python scripts/check_services.py
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)
	@mkdir -p var
	DATABASE_URL=$(TEST_SQLITE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

# The unit layer alone (the Django-free reading, tests/text/): no database, no broker, seconds.
test-fast: install-dev
	$(BIN)/pytest tests/text $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache
