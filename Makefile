# ISAF Desk: the README's commands and their friends. Everything runs in .venv, made here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= sqlite:///instance/demo.sqlite

.PHONY: demo test lint bench clean

$(BIN)/isaf: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[server,client,dev]'
	touch $@

## demo: set up, prepare the demo database (geography, forms, units) and show a summary
demo: $(BIN)/isaf
	$(BIN)/isaf --database-url $(DEMO_DB) demo --serve

## test: lint, then the whole test suite (PostgreSQL too when ISAF_TEST_POSTGRES_URL is set)
test: $(BIN)/isaf
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/isaf
	$(BIN)/ruff check .

## bench: every benchmark; prints a table and writes bench/results.json
bench: $(BIN)/isaf
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .hypothesis
