# Two commands: `make run` sets up and starts the app with demo data; `make test` sets up and
# runs the whole suite. Both are safe to repeat.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export CASEWORK_ENV ?= development

.PHONY: run test lint setup test-setup assets db demo bench clean

run: setup db demo
	$(BIN)/casework run --host 127.0.0.1 --port $(PORT)

test: test-setup lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Mistakes a test would not catch: pyflakes, import order and bugbear on the whole tree, types
# (strict on programmes/), and the layering contracts in setup.cfg.
lint: test-setup
	$(BIN)/ruff check .
	$(BIN)/python -m mypy programmes reports
	$(BIN)/lint-imports

setup: $(VENV)/.installed assets

test-setup: $(VENV)/.installed-test assets

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the package metadata changes.
$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e . --config-settings editable_mode=compat
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json $(VENV)/.installed
	$(BIN)/python -m casework.assets

db: setup
	$(BIN)/casework db upgrade

demo: db
	$(BIN)/casework demo

bench: test-setup
	$(BIN)/pip install --quiet -e '.[bench]' --config-settings editable_mode=compat
	PYTHON=$(BIN)/python tests/perf/run_bench.sh $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules casework/static
