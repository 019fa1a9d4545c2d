"""NCDD gazetteer import (16,432 rows): target <= 10 s, against bare openpyxl reading the
same workbook in the same run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from bench.figures import Figure, best_of
from common.db import make_engine
from common.geography.importers import apply_import, read_ncdd_workbook
from server.database import upgrade

#: The NCDD gazetteer kept in the repository (data/README.md: source, ODbL).
WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "ncdd-gazetteer-2024-10-14.xlsx"


def _bare_read() -> int:
    workbook = load_workbook(WORKBOOK, read_only=True, data_only=True)
    rows = sum(1 for sheet in workbook.worksheets for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return rows


def _import_into_fresh_database() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        upgrade(engine)
        source = read_ncdd_workbook(WORKBOOK)
        with Session(engine) as session, session.begin():
            apply_import(session, source)
        engine.dispose()


def _reimport(engine_url: str) -> None:
    engine = make_engine(engine_url)
    with Session(engine) as session, session.begin():
        apply_import(session, read_ncdd_workbook(WORKBOOK))
    engine.dispose()


def run() -> list[Figure]:
    """Measure a first import and a re-import (nothing changes) on SQLite."""
    baseline = best_of(3, _bare_read)
    first = best_of(3, _import_into_fresh_database)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        _reimport(url)
        again = best_of(3, lambda: _reimport(url))
    return [
        Figure("geography: NCDD workbook import, empty SQLite", first, "s", "<= 10 s",
               baseline, "openpyxl read-only read of the workbook", first <= 10),
        Figure("geography: NCDD workbook re-import, nothing changes", again, "s", "<= 10 s",
               baseline, "openpyxl read-only read of the workbook", again <= 10),
    ]
