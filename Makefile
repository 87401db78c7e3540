# Two entry points: `make run` (the main job) and `make test` (the whole suite).
# Each creates its own virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format clean bench bench-quick eval readme

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cancu build
	$(BIN)/cancu validate
	$(BIN)/cancu query who-leads --limit 12 --columns numbering,text,lead,deadline,budget,legalBasis
	$(BIN)/cancu graph --document 2818/QĐ-UBND --out build/responsibility.html

test: $(STAMP)
	scripts/system-deps
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest

# Every command output shown in README.md, regenerated from a real run (tests/test_readme.py checks it).
readme: $(STAMP)
	$(BIN)/python scripts/readme.py
	$(BIN)/python -m cancu.query.saved

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

bench-quick: $(STAMP)
	$(BIN)/python benchmarks/bench.py --quick

# Reading quality on the shared documents (benchmarks/EVAL.md): figures per folder, and
# benchmarks/results/eval-*.json. SHARED points at the shared material (default ../shared).
SHARED ?= ../shared
eval: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py $(SHARED)/corpus/portal $(SHARED)/corpus $(SHARED)/formats data/sources

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf build .venv .pytest_cache .ruff_cache
