"""Many rows through one statement, at the cost of the driver rather than of SQLAlchemy.

A push writes thousands of field rows and audit events. Given a list of parameter sets,
SQLAlchemy builds each set again for every row (tens of microseconds each), and its
"insertmanyvalues" form sends one statement thousands of characters long that psycopg then
parses in Python on every call. Here the statement is compiled once per dialect and set of
columns, and each value goes through its column type's own bind processor (so a JSON value,
a UTC time or a boolean is stored exactly as the ORM stores it). Then:

- SQLite: the rows go to sqlite3's `executemany`, a loop in C.
- PostgreSQL, INSERT: one statement, `INSERT ... SELECT ... FROM
  jsonb_array_elements(<every row as one JSON text>)`, the same short text whatever the
  number of rows (prepared once by psycopg). psycopg's `executemany` would cost about
  70 us a row, and its arrays (`unnest`) about 10 us a value, both in Python. A column
  whose value is the same on every row (a batch's form, user, device, time stamp) is sent
  once beside the rows, not in each: a one-form push then encodes, and PostgreSQL reads,
  2 values a field row instead of 9.
- PostgreSQL, UPDATE: psycopg's `executemany` (a pipeline: one round trip).

`update_by_key` is the UPDATE both sides run on many rows of a table, each found by its
key columns (a form's field row on the server and in the client's store), and `in_chunks`
splits the keys of a read into `IN (...)` lists of a size every database takes.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeGuard

from sqlalchemy import JSON, Table, Update, bindparam, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert, UpdateBase
from sqlalchemy.sql.elements import Null
from sqlalchemy.sql.type_api import TypeEngine

_Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    statement: UpdateBase  # kept, so the id in the cache key stays its own
    sql: str
    names: tuple[str, ...]  # binds, in the order of a positional statement
    processors: tuple[_Processor, ...]
    #: How the driver takes the rows: "positional" or "named" (executemany, a row a
    #: parameter set), or "json" (one execute, every row in one JSON text).
    style: str
    #: "json": how many of `names` vary from row to row (the rest are shared by all).
    varying: int = 0


#: (statement id, dialect name, column keys, shared keys) -> its compiled form. Callers
#: make their statements once (module constants), so this stays small; a caller that made
#: a new statement object per call would compile every time, and is kept from growing
#: this without end by `_MAX_COMPILED`.
_COMPILED: dict[tuple[int, str, tuple[str, ...], frozenset[str]], _Compiled] = {}
_MAX_COMPILED = 256


def _compile(statement: UpdateBase, dialect: Dialect, keys: tuple[str, ...],
             shared: frozenset[str] = frozenset()) -> _Compiled:
    cache_key = (id(statement), dialect.name, keys, shared)
    cached = _COMPILED.get(cache_key)
    if cached is not None:
        return cached
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    positions = compiled.positiontup
    positional = positions is not None
    names = tuple(positions) if positions is not None else tuple(compiled.binds)
    unknown = set(names) - set(keys)
    if unknown:
        # A column default SQLAlchemy would compute, or a bind nobody supplies: the
        # driver would store NULL. Refuse rather than lose it.
        raise ValueError(f"bulk write of {statement} lacks {sorted(unknown)}")
    types = [compiled.binds[name].type.dialect_impl(dialect) for name in names]
    if _json_inserts(statement, dialect) and set(names) == set(keys):
        result = _from_json(statement, dialect, names, types, shared)
    else:
        result = _Compiled(statement, compiled.string, names,
                           tuple(_driver_processor(t, dialect) for t in types),
                           "positional" if positional else "named")
    if len(_COMPILED) >= _MAX_COMPILED:
        _COMPILED.clear()
    _COMPILED[cache_key] = result
    return result


def _driver_processor(type_: TypeEngine[Any], dialect: Dialect) -> _Processor:
    """What a value of `type_` goes through on its way to the driver (None: nothing)."""
    process = type_.bind_processor(dialect)
    if isinstance(type_, JSON) and dialect.name == "sqlite":
        return _json_ints(process)
    return process


def _from_json(statement: Insert, dialect: Dialect, names: tuple[str, ...],
               types: list[TypeEngine[Any]], shared: frozenset[str]) -> _Compiled:
    """INSERT INTO t (a, b) SELECT CAST(r ->> 0 AS VARCHAR(36)), CAST(k.c ->> 0 AS JSONB)
    FROM jsonb_array_elements(CAST(%(rows)s AS JSONB)) AS e(r), (SELECT CAST(%(shared)s AS
    JSONB) AS c) AS k: the rows travel as one JSON array of arrays (one string for psycopg
    to send, encoded by the json module in C), and the columns in `shared`, whose value is
    the same on every row, once, in a JSON array of their own. A JSON column's value
    travels as the text of its JSON, so JSON null and SQL NULL stay apart, and a time as
    ISO 8601."""
    table = statement.table
    quote = dialect.identifier_preparer.quote
    columns, processors = [], []
    varying = [name for name in names if name not in shared]
    common = [name for name in names if name in shared]
    for name, type_ in zip(names, types, strict=True):
        source = f"k.c ->> {common.index(name)}" if name in shared \
            else f"r ->> {varying.index(name)}"
        columns.append(f"CAST({source} AS {table.c[name].type.compile(dialect=dialect)})")
        if isinstance(type_, JSON):
            processors.append(_json_text(type_))
        else:
            processors.append(_iso_times(type_.bind_processor(dialect)))
    listed = ", ".join(quote(name) for name in names)
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({listed}) "
           f"SELECT {', '.join(columns)} "
           "FROM jsonb_array_elements(CAST(%(rows)s AS JSONB)) AS e(r)")
    if common:
        sql += ", (SELECT CAST(%(shared)s AS JSONB) AS c) AS k"
    order = {name: place for place, name in enumerate(names)}
    # Varying columns first, in the rows' order, then the shared ones.
    names = (*varying, *common)
    return _Compiled(statement, sql, names, tuple(processors[order[n]] for n in names),
                     "json", len(varying))


def _json_ints(process: _Processor) -> Callable[[Any], Any]:
    """SQLite's JSON `process` with a short way for an integer, most values here: its JSON
    is its decimal text, whatever the serializer."""
    def run(value: Any) -> Any:
        if type(value) is int:
            return str(value)
        return value if process is None else process(value)

    return run


def _iso_times(process: _Processor) -> Callable[[Any], Any]:
    """`process`, then a time as ISO 8601 text (JSON has no time)."""
    def run(value: Any) -> Any:
        if process is not None:
            value = process(value)
        return value.isoformat() if isinstance(value, datetime) else value

    return run


def _json_text(type_: JSON) -> Callable[[Any], Any]:
    """A JSON value as the text PostgreSQL casts to JSON, with SQLAlchemy's rules for
    None: SQL NULL when the type says `none_as_null`, else JSON null; `JSON.NULL` is
    always JSON null."""
    none_as_null, json_null = type_.none_as_null, type_.NULL

    def process(value: Any) -> str | None:
        if value is json_null:
            return "null"
        if value is None:
            return None if none_as_null else "null"
        if isinstance(value, Null):
            return None
        return json.dumps(value)

    return process


def execute_many(session: Session, statement: UpdateBase,
                 rows: Sequence[Mapping[str, Any]]) -> None:
    """Run `statement` (an INSERT, or an UPDATE with named binds) once per row of `rows`,
    in the session's transaction. Every row has the same keys, one per bind."""
    if not rows:
        return
    connection = session.connection()
    keys = tuple(rows[0])
    shared = _shared(keys, rows) if _json_inserts(statement, connection.dialect) \
        else frozenset()
    compiled = _compile(statement, connection.dialect, keys, shared)
    pairs = tuple(zip(compiled.names,
                      [None if p is None else _remembering(p) for p in compiled.processors],
                      strict=True))
    if compiled.style == "json":
        varying, common = pairs[:compiled.varying], pairs[compiled.varying:]
        first = rows[0]
        parameters = {"rows": json.dumps(
            [[row[name] if process is None else process(row[name])
              for name, process in varying] for row in rows],
            separators=(",", ":"))}
        if common:
            parameters["shared"] = json.dumps(
                [first[name] if process is None else process(first[name])
                 for name, process in common], separators=(",", ":"))
        connection.exec_driver_sql(compiled.sql, parameters)
    elif compiled.style == "positional":
        connection.exec_driver_sql(compiled.sql, [
            tuple(row[name] if process is None else process(row[name])
                  for name, process in pairs) for row in rows])
    else:
        connection.exec_driver_sql(compiled.sql, [
            {name: row[name] if process is None else process(row[name])
             for name, process in pairs} for row in rows])


def update_by_key(session: Session, table: Table, key: Sequence[str],
                  rows: Sequence[Mapping[str, Any]]) -> None:
    """UPDATE `table` SET <a row's other columns> WHERE <the `key` columns> = <the row's
    values of them>, once per row of `rows`, in the session's transaction.

    Each row maps column names to values: the key columns (which find the row) and the
    columns to set. Rows may set different columns; those that set the same ones share one
    statement, made once and run through `execute_many`. A JSON column's value is bound as
    JSON. A key should appear in one row only: the groups run one after the other.
    """
    if not rows:
        return
    key = tuple(key)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        names = tuple(sorted(name for name in row if name not in key))
        groups.setdefault(names, []).append(
            {f"key_{name}" if name in key else name: value for name, value in row.items()})
    for names, params in groups.items():
        execute_many(session, _update_statement(table, key, names), params)


@lru_cache(maxsize=64)
def _update_statement(table: Table, key: tuple[str, ...], names: tuple[str, ...]) -> Update:
    """UPDATE `table` SET <names> WHERE each key column = its bind `key_<column>` (a SET
    column's own bind takes its name, so the key's need another). One object per table,
    key and names, so that `execute_many` compiles it once."""
    return update(table).where(
        *(table.c[name] == bindparam(f"key_{name}") for name in key),
    ).values({name: bindparam(name, type_=table.c[name].type)  # JSON stays JSON
              for name in names})


def in_chunks(keys: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    """The distinct `keys`, sorted, in lists of at most `size`: one `IN (...)` each, far
    below SQLite's limit on parameters."""
    items = sorted(set(keys))
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _json_inserts(statement: UpdateBase, dialect: Dialect) -> TypeGuard[Insert]:
    """Whether `statement` goes through the one-JSON-text form on `dialect` (an INSERT on
    PostgreSQL)."""
    return dialect.name == "postgresql" and isinstance(statement, Insert)


def _shared(keys: tuple[str, ...], rows: Sequence[Mapping[str, Any]]) -> frozenset[str]:
    """The keys whose value is the very same on every row (same type, equal): a batch's
    rows share their form, user, device, time stamp and revision, mostly. Sent once, they
    cost neither the encoding nor the database's reading of each row."""
    if len(rows) < 2:
        return frozenset()
    first = rows[0]
    shared = []
    for key in keys:
        value = first[key]
        kind = type(value)
        if kind not in _PLAIN and kind is not datetime:
            continue  # a JSON document: compared by content would cost what it saves
        if all(row[key] is value or (type(row[key]) is kind and row[key] == value)
               for row in rows):
            shared.append(key)
    return frozenset(shared)


#: Values whose processed form depends only on their type and value (not float: -0.0
#: equals 0.0 but prints otherwise).
_PLAIN = frozenset({int, str, bool, type(None)})


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, remembering its answers within one call of `execute_many`: the rows of a
    batch share their time stamp, their user and device, and most of their values."""
    answers: dict[tuple[type, Any], Any] = {}
    last: list[Any] = [None, None]  # a datetime and its answer: one `now` per batch

    def run(value: Any) -> Any:
        kind = type(value)
        if kind in _PLAIN:
            key = (kind, value)
            try:
                return answers[key]
            except KeyError:
                answer = answers[key] = process(value)
                return answer
        if kind is datetime:
            if value is not last[0]:
                last[:] = [value, process(value)]
            return last[1]
        return process(value)

    return run


_paused = 0
_paused_lock = threading.Lock()
_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a batch runs.

    A batch makes tens of thousands of short-lived rows, parameters and answers; as they
    accumulate they set off full collections, each walking every object of the process
    (the application's modules, the ORM's mappings: over 100,000), which cost more than
    the batch's own work. Reference counting still frees the batch's objects when it ends;
    the collector runs again as usual afterwards. Safe with threads: the last batch to end
    turns the collector back on, if it was on.
    """
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
