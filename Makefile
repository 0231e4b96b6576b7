# The two set-up commands in the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hlr_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: demo test lint venv messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

## Run the portal with demo data on http://127.0.0.1:8000 (SQLite and in-process
## tasks unless DATABASE_URL / REDIS_URL are set). Only this machine can reach it;
## HOST=0.0.0.0 (and PORT=…) to listen elsewhere.
demo: venv
	./scripts/run_demo.sh

## Run the tests against the local PostgreSQL and Redis.
test: venv
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -n $${PYTEST_WORKERS:-2} $(PYTEST_ARGS)

## Style, the layers contract (pyproject.toml) and an app graph without cycles; .ci/run runs it.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/import_graph.py --check

## Rebuild the English message catalogue after changing visible text.
messages: venv
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en

## Seed a province (200,000 enterprises) into the scratch database in DATABASE_URL and run every
## benchmark; writes docs/benchmarks.md. BENCH_ARGS="--enterprises 5000 --seconds 5" for a quick try.
.PHONY: bench
bench: venv
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} $(PY) bench/run.py $(BENCH_ARGS)

## Build an offline installation bundle (wheels, source, static files, Debian package list) in BUNDLE.
.PHONY: bundle
BUNDLE ?= offline-bundle
bundle: venv
	PY=$(PY) scripts/offline_bundle.sh $(BUNDLE)
