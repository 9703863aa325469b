# reconcile: two commands work on a fresh machine with only Python 3.11.
#   make run   set up .venv and run the whole job on articles/
#   make test  set up .venv with the test extras and run the test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LINT_STAMP := $(VENV)/.installed-lint

.PHONY: run test lint eval eval-stories bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@rm -rf src/*.egg-info  # build leftover (the installed metadata lives in .venv), not part of the source
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -rf src/*.egg-info
	@touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/reconcile run --articles articles --facts facts --reports reports

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

$(LINT_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -rf src/*.egg-info
	@touch $@ $(STAMP)

# Format, lint rules, types, layer contracts and function size (all chosen in pyproject.toml).
lint: $(LINT_STAMP)
	$(BIN)/ruff format --check src tests .ci
	$(BIN)/ruff check src tests .ci
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python .ci/function_size.py

# Scores fresh extraction against a gold file (not part of the suite; needs ../shared).
GOLD ?= ../shared/gold/seeds.yaml
eval: $(STAMP)
	$(BIN)/reconcile eval $(GOLD) --articles articles

# Scores every real story in eval/stories whose texts are cached in eval/cache (see eval/README.md).
eval-stories: $(STAMP)
	$(BIN)/reconcile eval-stories eval/stories --cache eval/cache

# Synthetic corpora and claims: speed, memory and recovery of each stage, as one table (not part
# of the suite). Smaller runs: make bench BENCH_ARGS="--sizes 100,1000 --claims 100000".
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m reconcile.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build src/*.egg-info
