"""common/sync/bulk.py: rows written through the driver read back exactly as the ORM
would have stored them, on SQLite and PostgreSQL, whether a column's value is the same on
every row (sent once) or varies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from common.db import UTCDateTime
from common.sync.bulk import execute_many

_METADATA = MetaData()
_ROWS = Table(
    "bulk_row", _METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(40)),
    Column("count", BigInteger),
    Column("flag", Boolean),
    Column("at", UTCDateTime()),
    # As the server's values: JSON null (a cleared value) is not SQL NULL (no value).
    Column("value", JSON(none_as_null=False), nullable=True),
    Column("note", JSON(none_as_null=True), nullable=True),
)
_INSERT = insert(_ROWS)
_UPDATE = update(_ROWS).where(_ROWS.c.id == bindparam("key_id")).values(
    name=bindparam("name"), value=bindparam("value", type_=_ROWS.c.value.type))


@pytest.fixture
def bulk_engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    _METADATA.create_all(engine)
    yield engine
    engine.dispose()


def _row(number: int, **changes: Any) -> dict[str, Any]:
    row = {"id": number, "name": "ស្ត្រី", "count": 7, "flag": True,
           "at": datetime(2026, 12, 2, 9, 30, tzinfo=UTC), "value": {"a": [1, "ក"]},
           "note": None}
    row.update(changes)
    return row


def _stored(engine: Engine) -> dict[int, dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(select(_ROWS).order_by(_ROWS.c.id)).mappings().all()
        nulls = dict(connection.execute(select(_ROWS.c.id, _ROWS.c.value.is_(None))).all())
    return {row["id"]: {**row, "sql_null": nulls[row["id"]]} for row in rows}


def test_rows_read_back_as_sent_with_shared_and_varying_columns(bulk_engine: Engine) -> None:
    # Every column shared but the id, then each kind of value varying in turn.
    rows = [_row(n) for n in range(1, 6)]
    rows += [_row(6, name="ក្រសួងសុខាភិបាល"), _row(7, count=8), _row(8, flag=False),
             _row(9, at=datetime(2026, 12, 2, 16, 30, tzinfo=timezone(timedelta(hours=7)))),
             _row(10, value=None), _row(11, value=0), _row(12, note="x"),
             _row(13, value=1.5)]
    # A JSON column: 1 on every row but one, which holds True (equal in Python).
    for row in rows:
        row["note"] = True if row["id"] == 7 else 1
    with Session(bulk_engine) as session, session.begin():
        execute_many(session, _INSERT, rows)
    stored = _stored(bulk_engine)
    assert len(stored) == len(rows)
    for row in rows:
        got = stored[row["id"]]
        assert got["name"] == row["name"]
        assert got["count"] == row["count"] and type(got["count"]) is int
        assert got["flag"] is row["flag"]
        assert got["at"] == row["at"]  # the same instant, whatever its zone
        assert got["value"] == row["value"]
        # A cleared value is JSON null, never SQL NULL; the note's None is SQL NULL.
        assert got["sql_null"] is False
        assert got["note"] == row["note"] and type(got["note"]) is type(row["note"])


def test_all_shared_single_and_empty(bulk_engine: Engine) -> None:
    with Session(bulk_engine) as session, session.begin():
        execute_many(session, _INSERT, [])
        execute_many(session, _INSERT, [_row(1, value=None)])
        execute_many(session, _INSERT, [
            {**_row(0), "id": n} for n in (2, 3, 4)])  # every column but the key shared
    stored = _stored(bulk_engine)
    assert sorted(stored) == [1, 2, 3, 4]
    assert stored[1]["value"] is None and stored[1]["sql_null"] is False
    assert all(stored[n]["value"] == {"a": [1, "ក"]} for n in (2, 3, 4))


def test_updates_by_key(bulk_engine: Engine) -> None:
    with Session(bulk_engine) as session, session.begin():
        execute_many(session, _INSERT, [_row(n) for n in (1, 2, 3)])
        execute_many(session, _UPDATE, [{"key_id": 1, "name": "one", "value": None},
                                        {"key_id": 3, "name": "three", "value": [3]}])
    stored = _stored(bulk_engine)
    assert [stored[n]["name"] for n in (1, 2, 3)] == ["one", "ស្ត្រី", "three"]
    assert stored[1]["value"] is None and stored[1]["sql_null"] is False
    assert stored[3]["value"] == [3]


def test_sqlite_in_memory_needs_no_server() -> None:
    # The client's store path: SQLite, executemany, shared values changed nothing.
    engine = create_engine("sqlite://")
    _METADATA.create_all(engine)
    with Session(engine) as session, session.begin():
        execute_many(session, _INSERT, [_row(n) for n in (1, 2)])
    assert sorted(_stored(engine)) == [1, 2]


def test_a_new_statement_object_per_call_still_writes_and_the_cache_stays_bounded(
        bulk_engine: Engine) -> None:
    """A server worker lives for thousands of pushes: a caller that builds its INSERT
    afresh each time must not grow the compiled-statement cache without end."""
    from common.sync import bulk

    with Session(bulk_engine) as session, session.begin():
        for number in range(bulk._MAX_COMPILED + 40):
            execute_many(session, insert(_ROWS), [_row(number)])
            assert len(bulk._COMPILED) <= bulk._MAX_COMPILED
    with Session(bulk_engine) as session:
        assert session.scalar(select(_ROWS.c.id).order_by(_ROWS.c.id.desc()).limit(1)) \
            == bulk._MAX_COMPILED + 39
