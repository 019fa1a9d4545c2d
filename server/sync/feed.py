"""The change feed: a pull page of the changes in a user's scope after a cursor, and the
conflicts it names (docs/SYNC.md, "Pull").

The pull reads plain column tuples, never ORM objects: four ordered reads (form headers,
their fields, record headers, their columns) merged by the feed's key, cut by size.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, literal, select, tuple_
from sqlalchemy.orm import Session

from common.sync.bulk import cyclic_gc_paused
from common.sync.page import (
    Change,
    FormChange,
    ValueChange,
    encode_form_change,
    encode_value_change,
)
from common.sync.protocol import PROTOCOL_VERSION, Cursor
from server.accounts.models import User
from server.data import service as forms
from server.data.models import (
    FieldValue,
    FormRecord,
    RecordValue,
    SyncConflict,
    SyncRecord,
    feed_horizon,
)
from server.sync import records
from server.sync.state import epoch, scope_signature

#: What a page says of a form header and of a field value, read as plain tuples.
_HEADER_COLUMNS = (FormRecord.server_seq, FormRecord.id, FormRecord.unit_id, FormRecord.year,
                   FormRecord.form_code, FormRecord.definition_version, FormRecord.status,
                   FormRecord.revision, FormRecord.deleted, FormRecord.status_comment)
_VALUE_COLUMNS = (FieldValue.server_seq, FieldValue.form_id, FieldValue.field,
                  FieldValue.value, FieldValue.revision, FieldValue.conflict_id)
#: The JSON of a value change without its variable parts: {"t":"value","f":"","k":"",
#: "v":,"r":}; a conflict id adds ,"c":"…".
_VALUE_SKELETON = len('{"t":"value","f":"","k":"","v":,"r":}')
_CONFLICT_SKELETON = len(',"c":""')
_READ_HEADERS = 500
_READ_VALUES = 10_000
#: Lower bounds of a change's size in a page, in bytes (a form id alone is 36).
_SMALLEST_HEADER = 150
_SMALLEST_VALUE = 60
#: How a header row becomes its change (a value row's is `_value_change`).
_HeaderBuilder = Callable[[Any], Change]


def pull(session: Session, user: User, cursor: Cursor, max_bytes: int) -> dict[str, Any]:
    """Changes in the user's scope after `cursor`, about `max_bytes` of them at most (always
    at least one change when there is one), with the conflicts they name."""
    with cyclic_gc_paused():
        return _pull(session, user, cursor, max_bytes)


def _pull(session: Session, user: User, cursor: Cursor, max_bytes: int) -> dict[str, Any]:
    after = tuple_(literal(cursor.seq), literal(cursor.record_id), literal(cursor.field))
    until = feed_horizon(session)
    # Four ordered reads: form headers, their fields, record headers, their columns. Ids
    # never collide, so one key (change number, id, field) orders them all.
    # A header's change is made by its builder; a value's (None) the same way for both.
    streams: list[tuple[Select[Any], _HeaderBuilder | None, int]] = []
    for in_scope, columns, key_columns, header_change in (
            (forms.forms_in_scope, _HEADER_COLUMNS, (FormRecord.server_seq, FormRecord.id),
             _form_change),
            (forms.form_values_in_scope, _VALUE_COLUMNS,
             (FieldValue.server_seq, FieldValue.form_id, FieldValue.field), None),
            (records.records_in_scope, records.HEADER_COLUMNS,
             (SyncRecord.server_seq, SyncRecord.id), records.header_change),
            (records.values_in_scope, records.VALUE_COLUMNS,
             (RecordValue.server_seq, RecordValue.record_id, RecordValue.field), None)):
        header = header_change is not None
        key = key_columns if not header else (*key_columns, "")
        statement = in_scope(user, *columns).where(tuple_(*key) > after)
        if until is not None:
            # Only numbers whose transactions have all ended (next_server_seq): a change
            # that commits after this read has a number at or above `until`, so no cursor
            # skips it.
            statement = statement.where(key_columns[0] < until)
        # Enough rows to fill the page: a change is never smaller than these sizes (a
        # form id alone is 36 characters), so only a page of the largest size reads more.
        limit = max(_READ_HEADERS, max_bytes // _SMALLEST_HEADER) if header \
            else max(_READ_VALUES, max_bytes // _SMALLEST_VALUE)
        streams.append((statement.order_by(*key_columns).limit(limit), header_change, limit))
    read = [(session.execute(statement).all(), header_change, limit)
            for statement, header_change, limit in streams]
    # Only what is surely complete: beyond the last row a read returned, the others may
    # have rows it did not fetch.
    limits = [_feed_key(rows[-1], header=header_change is not None)
              for rows, header_change, limit in read if len(rows) == limit]
    horizon = min(limits) if limits else None
    # Every read comes ordered by the feed's key: merge them rather than sort.
    feed = heapq.merge(*(_keyed(rows, header_change) for rows, header_change, _ in read),
                       key=itemgetter(0))
    changes: list[Change] = []
    sizes: dict[Any, int] = {}
    size, last_key, more = 0, (cursor.seq, cursor.record_id, cursor.field), False
    for key, header_change, row in feed:
        if horizon is not None and key > horizon:
            more = True
            break
        if header_change is not None:
            change = header_change(row)
            change_size = len(json.dumps(change, separators=(",", ":")))
        else:
            change = _value_change(row)
            change_size = _value_change_size(row, sizes)
        if changes and size + change_size > max_bytes:
            more = True
            break
        changes.append(change)
        size += change_size
        last_key = key
    more = more or horizon is not None
    conflict_ids = {c["c"] for c in changes if c["t"] == "value" and "c" in c}
    conflicts = _conflict_views(session, session.scalars(
        select(SyncConflict).where(SyncConflict.id.in_(conflict_ids)))) if conflict_ids else []
    return {"protocol": PROTOCOL_VERSION, "epoch": epoch(session),
            "scope": scope_signature(user), "changes": changes, "conflicts": conflicts,
            "next": Cursor(*last_key).encode(), "more": more}


def _keyed(rows: Sequence[Any], header_change: _HeaderBuilder | None
           ) -> Iterator[tuple[tuple[int, str, str], Any, Any]]:
    """A read's rows with their feed keys and how each becomes a change (a header's
    builder, or None for a value)."""
    header = header_change is not None
    for row in rows:
        yield _feed_key(row, header=header), header_change, row


def _feed_key(row: Any, *, header: bool) -> tuple[int, str, str]:
    return (row[0], row[1], "") if header else (row[0], row[1], row[2])


def _form_change(row: Any) -> FormChange:
    (_, form_id, unit_id, year, form_code, version, status, revision, deleted,
     comment) = row
    return encode_form_change(form_id=form_id, unit_id=unit_id, year=year,
                              form_code=form_code, version=version, status=status,
                              revision=revision, deleted=deleted, comment=comment)


def _value_change(row: Any) -> ValueChange:
    _, owner_id, key, value, revision, conflict_id = row
    return encode_value_change(owner_id, key, value, revision, conflict_id)


def _value_change_size(row: Any, sizes: dict[Any, int]) -> int:
    """The length of a value change's compact JSON, without making it: most of it is
    fixed, field keys repeat, and a number is as long as its text."""
    _, form_id, key, value, revision, conflict_id = row
    if key not in sizes:
        sizes[key] = len(json.dumps(key))
    # Numbers, true/false and null print as long in JSON as in Python.
    value_size = len(json.dumps(value)) if isinstance(value, str) else len(str(value))
    size = _VALUE_SKELETON - 2 + len(form_id) + sizes[key] + value_size + len(str(revision))
    if conflict_id:
        size += _CONFLICT_SKELETON + len(conflict_id)
    return size


def _conflict_views(session: Session, found: Iterable[SyncConflict]) -> list[dict[str, Any]]:
    """The conflicts a pull page names, each with who entered its two values and when, so
    a computer names them to the person who decides or proposes (the desktop's Conflicts
    screen): the authors' full names and usernames; the incoming value's time is when it
    reached the server (the conflict's creation), the current one's when its field row was
    written, while that row still holds the revision the conflict met (None otherwise)."""
    conflicts = list(found)
    people = {user.id: user for user in session.scalars(select(User).where(User.id.in_(
        {c.current_by for c in conflicts} | {c.incoming_by for c in conflicts})))}
    written: dict[tuple[str, str], tuple[int, datetime]] = {}
    for owner, table in (("form_id", FieldValue), ("record_id", RecordValue)):
        # Only the fields in conflict, not every field of their forms.
        pairs = {(getattr(c, owner), c.field) for c in conflicts
                 if getattr(c, owner) is not None}
        if not pairs:
            continue
        owner_column = getattr(table, owner)
        for target, key, revision, at in session.execute(
                select(owner_column, table.field, table.revision, table.updated_at)
                .where(tuple_(owner_column, table.field).in_(sorted(pairs)))):
            written[(target, key)] = (revision, at)
    return [_conflict_view(c, people, written) for c in conflicts]


def _conflict_view(conflict: SyncConflict, people: Mapping[str, User],
                   written: Mapping[tuple[str, str], tuple[int, datetime]]) -> dict[str, Any]:
    view = {"id": conflict.id, "form_id": conflict.form_id, "field": conflict.field,
            "status": conflict.status, "base": conflict.base_value,
            "base_revision": conflict.base_revision,
            "current": conflict.current_value, "current_by": conflict.current_by,
            "incoming": conflict.incoming_value, "incoming_by": conflict.incoming_by,
            "incoming_device": conflict.incoming_device}
    for side, user_id in (("current", conflict.current_by), ("incoming", conflict.incoming_by)):
        person = people.get(user_id)
        view[f"{side}_name"] = person.full_name if person is not None else None
        view[f"{side}_username"] = person.username if person is not None else None
    revision, at = written.get((conflict.form_id or conflict.record_id or "", conflict.field),
                               (None, None))
    view["current_at"] = _iso(at) if revision == conflict.current_revision else None
    view["incoming_at"] = _iso(conflict.created_at)
    if conflict.record_id is not None:
        view["record_id"] = conflict.record_id  # a column of a record of another kind
    return view


def _iso(moment: datetime | None) -> str | None:
    """A time as ISO text, in UTC (the server keeps UTC; a naive one from SQLite is UTC)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)) \
        .isoformat(timespec="seconds")
