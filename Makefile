# verhalen: two commands on a fresh machine.
#   make run   - create .venv, install, build the demo database on first start, serve the app
#   make test  - install, then ruff, the import contracts (.importlinter), mypy and the whole pytest suite
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WHEELS := $(wildcard /opt/wheels)
FIND_LINKS := $(if $(WHEELS),--find-links $(WHEELS),)
PORT ?= 8501

.PHONY: run test test-fast install lint typecheck pytest demo bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first and pinned: an unpinned torch would pull several GB of CUDA packages.
$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/pip install -q $(FIND_LINKS) "torch==2.13.0"
	$(BIN)/pip install -q $(FIND_LINKS) -e ".[dev]"
	$(BIN)/python -m verhalen.warmup
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/verhalen demo

run: demo
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# two workers: most of the suite waits on subprocesses, browsers and databases, so both cores stay busy
pytest: install
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

test: lint typecheck pytest

# the edit-run loop: no real encoder/BERTopic, no PostgreSQL, no browser
test-fast: lint typecheck
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not slow and not postgres and not browser"

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
