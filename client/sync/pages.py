"""Applying a page of the server's change feed to the local store.

A page carries record and form headers, field values and the conflicts they name; every
change entry is checked by `common.sync.page.decode_changes` before anything is written (a
malformed one refuses the whole page). Headers go through the ORM (a few dozen a page);
field values are read and written in bulk (thousands a page: one at a time, they cost more
than the link did). A field with a pending local edit keeps its value: only its server
value and revision move.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from client.store.entry import keep_conflict_authors
from client.store.models import (
    UNSENT_STATES,
    LocalBase,
    LocalConflict,
    LocalConflictAuthors,
    LocalForm,
    LocalRecord,
    LocalValue,
    OutboxOperation,
)
from common.db import utc_now
from common.sync.bulk import execute_many, in_chunks, update_by_key
from common.sync.page import FormChange, RecordChange, ValueChange, decode_changes

_LOCAL_VALUE = LocalBase.metadata.tables[LocalValue.__tablename__]
_INSERT_LOCAL_VALUE = insert(_LOCAL_VALUE)
#: The columns that find a field row.
_VALUE_KEY = ("form_id", "field")
#: (form, field) -> [pending, conflict id] of a field row there is (or will be).
_Rows = dict[tuple[str, str], list[Any]]


def apply_changes(session: Session, page: dict[str, Any]) -> None:
    """Apply a page's changes and conflicts in `session`; MalformedChangeError (nothing
    applied) when a change entry breaks the protocol."""
    changes = decode_changes(page["changes"])
    _apply_record_headers(session, [c for c in changes if c["t"] == "record"])
    _apply_form_headers(session, [c for c in changes if c["t"] == "form"])
    settled = _apply_values(session, [c for c in changes if c["t"] == "value"])
    for chunk in in_chunks(settled):
        for conflict in session.scalars(select(LocalConflict)
                                        .where(LocalConflict.id.in_(chunk))):
            conflict.status = "resolved"
    for conflict in page.get("conflicts", []):
        _apply_conflict(session, conflict)


def forget_server_data(session: Session) -> None:
    """Drop every form and value that holds no unsent edit (they come back by pulling, if
    still in scope)."""
    unsent = set(session.scalars(select(OutboxOperation.record_id).where(
        OutboxOperation.state.in_(UNSENT_STATES))))
    session.execute(delete(LocalValue).where(LocalValue.form_id.not_in(unsent)))
    session.execute(delete(LocalForm).where(LocalForm.id.not_in(unsent)))
    session.execute(delete(LocalRecord).where(LocalRecord.id.not_in(unsent)))
    session.execute(delete(LocalConflict).where(LocalConflict.form_id.not_in(unsent)))
    session.execute(delete(LocalConflictAuthors).where(
        LocalConflictAuthors.conflict_id.not_in(select(LocalConflict.id))))


def _apply_record_headers(session: Session, headers: list[RecordChange]) -> None:
    """Record headers of a page (a few at most): made, or updated as the server says."""
    for change in headers:
        record = session.get(LocalRecord, change["id"])
        if record is None:
            record = LocalRecord(id=change["id"], kind=change["kind"])
            session.add(record)
        record.commune_code, record.unit_id = change["commune"], change["unit_id"]
        record.year, record.server_revision = change["year"], change["rev"]
        record.deleted = change["deleted"]


def _apply_form_headers(session: Session, headers: list[FormChange]) -> None:
    """Form headers of a page: made, or updated as the server says."""
    forms: dict[str, LocalForm] = {}
    for chunk in in_chunks(c["id"] for c in headers):
        forms.update((f.id, f) for f in session.scalars(
            select(LocalForm).where(LocalForm.id.in_(chunk))))
    for change in headers:
        form = forms.get(change["id"])
        if form is None:
            form = forms[change["id"]] = LocalForm(
                id=change["id"], unit_id=change["unit_id"], year=change["year"],
                form_code=change["form_code"], definition_version=change["v"])
            session.add(form)
        form.status, form.status_comment = change["status"], change.get("comment")
        form.server_revision, form.deleted = change["rev"], change["deleted"]
        form.definition_version = change["v"]


def _apply_values(session: Session, values: list[ValueChange]) -> list[str]:
    """Field values of a page, read and written in bulk; the conflicts they say the server
    no longer holds open."""
    rows = _value_rows(session, values)
    now = utc_now()
    inserts: dict[tuple[str, str], dict[str, Any]] = {}
    updates: dict[tuple[str, str], dict[str, Any]] = {}
    settled: list[str] = []
    for change in values:
        where, value, conflict_id = (change["f"], change["k"]), change["v"], change.get("c")
        row = rows.get(where)
        if row is None:
            rows[where] = [False, conflict_id]
            inserts[where] = {"form_id": where[0], "field": where[1], "value": value,
                              "server_value": value, "server_revision": change["r"],
                              "pending": False, "conflict_id": conflict_id, "updated_at": now}
            continue
        pending, known_conflict = row
        if known_conflict and not conflict_id:
            # The server holds no open conflict on this field any more: settled.
            settled.append(known_conflict)
        row[1] = conflict_id
        if where in inserts:  # twice in one page: the later change is the row
            inserts[where].update(value=value, server_value=value,
                                  server_revision=change["r"], conflict_id=conflict_id)
            continue
        columns = updates.setdefault(where, {})
        if not pending:
            columns["value"] = value  # a pending local edit is never overwritten
        columns.update(server_value=value, server_revision=change["r"],
                       conflict_id=conflict_id)
    execute_many(session, _INSERT_LOCAL_VALUE, list(inserts.values()))
    update_by_key(session, _LOCAL_VALUE, _VALUE_KEY, [
        {"form_id": form_id, "field": key, **columns, "updated_at": now}
        for (form_id, key), columns in updates.items()])
    return settled


def _value_rows(session: Session, values: list[ValueChange]) -> _Rows:
    """The field rows there are of the forms (and records) `values` touch."""
    rows: _Rows = {}
    for chunk in in_chunks(c["f"] for c in values):
        for form_id, key, pending, conflict_id in session.execute(
                select(LocalValue.form_id, LocalValue.field, LocalValue.pending,
                       LocalValue.conflict_id).where(LocalValue.form_id.in_(chunk))):
            rows[(form_id, key)] = [pending, conflict_id]
    return rows


def _apply_conflict(session: Session, conflict: dict[str, Any]) -> None:
    """A conflict a page names: made here, or updated as the server says."""
    row = session.get(LocalConflict, conflict["id"])
    if row is None:
        # A conflict of a record's column names the record where a form's names its
        # form: both are keys of LocalValue.
        row = LocalConflict(id=conflict["id"],
                            form_id=conflict.get("form_id") or conflict["record_id"],
                            field=conflict["field"], status=conflict["status"])
        session.add(row)
    if row.status != "resolving" or conflict["status"] != "open":
        row.status = conflict["status"]
    row.base, row.current, row.incoming = (conflict["base"], conflict["current"],
                                           conflict["incoming"])
    row.current_by, row.incoming_by = conflict["current_by"], conflict["incoming_by"]
    row.incoming_device = conflict["incoming_device"]
    # Who entered each value and when: the Conflicts screen names them.
    keep_conflict_authors(session, conflict)
