# ISAF Desk: the README's commands and their friends. Everything runs in .venv, made here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= sqlite:///instance/demo.sqlite

.PHONY: demo test lint bench bundle clean

$(BIN)/isaf: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[server,client,dev]'
	touch $@

## demo: set up, prepare the demo database, start its server and the desktop client at its
## sign-in screen (a district officer filled in); closing the client stops the server.
## Without a display it says how to run it (xvfb-run, or DEMO_ARGS=--server-only).
demo: $(BIN)/isaf
	$(BIN)/python packaging/demo.py --database-url $(DEMO_DB) $(DEMO_ARGS)

## test: lint and type-check, then the whole test suite (PostgreSQL too when
## ISAF_TEST_POSTGRES_URL is set)
test: $(BIN)/isaf
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(BIN)/isaf
	$(BIN)/ruff check .
	$(BIN)/mypy

## bench: every benchmark; prints a table and writes bench/results.json
bench: $(BIN)/isaf
	$(BIN)/python -m bench

## bundle: the desktop app frozen in one folder, dist/isaf-desk/, that starts without
## Python (PyInstaller; docs/INSTALL.md, also for the Windows installer)
bundle: $(BIN)/isaf $(BIN)/pyinstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/desktop/isaf-desk.spec

$(BIN)/pyinstaller: $(BIN)/isaf
	$(BIN)/pip install --quiet -e '.[server,client,dev,bundle]'
	touch $@

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .hypothesis build dist
