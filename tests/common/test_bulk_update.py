"""common/sync/bulk.py's `update_by_key`: many rows, each found by a key of several
columns, updated with the columns each row names, JSON kept as JSON, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from common.sync.bulk import execute_many, update_by_key

_METADATA = MetaData()
_CELLS = Table(
    "bulk_cell", _METADATA,
    Column("form_id", String(36), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("value", JSON(none_as_null=False), nullable=True),
    Column("revision", Integer),
    Column("note", String(40)),
)


@pytest.fixture
def cells(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    _METADATA.create_all(engine)
    with Session(engine) as session, session.begin():
        execute_many(session, insert(_CELLS), [
            {"form_id": form, "field": key, "value": 0, "revision": 1, "note": "old"}
            for form in ("a", "b") for key in ("x", "y")])
    yield engine
    engine.dispose()


def _stored(engine: Engine) -> dict[tuple[str, str], tuple[Any, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(select(_CELLS).order_by(_CELLS.c.form_id, _CELLS.c.field))
        return {(row.form_id, row.field): (row.value, row.revision, row.note) for row in rows}


def test_rows_found_by_their_key_set_only_the_columns_they_name(cells: Engine) -> None:
    with Session(cells) as session, session.begin():
        update_by_key(session, _CELLS, ("form_id", "field"), [
            {"form_id": "a", "field": "x", "value": {"k": ["ក", 1]}, "revision": 2},
            # Another set of columns, in another order: its own statement.
            {"note": "new", "field": "y", "form_id": "b"},
            {"form_id": "b", "field": "x", "value": None, "revision": 3},
        ])
    assert _stored(cells) == {
        ("a", "x"): ({"k": ["ក", 1]}, 2, "old"),
        ("a", "y"): (0, 1, "old"),
        ("b", "x"): (None, 3, "old"),
        ("b", "y"): (0, 1, "new"),
    }


def test_no_rows_is_no_statement(cells: Engine) -> None:
    with Session(cells) as session, session.begin():
        update_by_key(session, _CELLS, ("form_id", "field"), [])
    assert _stored(cells)[("a", "x")] == (0, 1, "old")
