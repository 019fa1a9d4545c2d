"""Settling receipts: what this computer does with the server's answer to its operations.

A push answer (or a return bundle) names each operation sent and what the server did with
it. Settling one moves the operation to its final state and makes its field rows show the
server's word: the server's value and revision, the conflict it opened, and (once no other
unsent operation carries the field) no pending edit. A form merged into another device's,
and a delete the server did not apply, also move or bring back rows.

A full form is about 85 fields and a district's answer thousands of operations: the field
rows of a whole answer are read once and written in bulk at the end. Each receipt still
decides in order (a later receipt's change to a field wins, as one at a time would have
it); only the reading and the writing are gathered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from client.store.models import (
    UNSENT_STATES,
    LocalBase,
    LocalConflict,
    LocalForm,
    LocalRecord,
    LocalValue,
    OutboxOperation,
    OutboxState,
)
from client.store.repository import LocalStore
from common.db import utc_now
from common.sync.bulk import in_chunks, update_by_key
from common.sync.protocol import Receipt

#: An outbox operation's state after each receipt result.
RECEIPT_STATES: Mapping[str, OutboxState] = {
    "applied": "acked", "duplicate": "acked", "conflict": "conflict",
    "needs_mapping": "quarantined", "rejected_locked": "quarantined",
    "rejected_scope": "rejected", "rejected": "rejected"}
_LOCAL_VALUE = LocalBase.metadata.tables[LocalValue.__tablename__]
#: The columns that find a field row.
_VALUE_KEY = ("form_id", "field")


def outbox_state(receipt: Receipt) -> OutboxState:
    """The state an operation takes on this receipt."""
    if receipt.result == "duplicate":
        # A retry of something the server already answered: its first answer counts.
        return RECEIPT_STATES.get(receipt.original or "applied", "acked")
    return RECEIPT_STATES[receipt.result]


def settle_receipts(store: LocalStore, session: Session,
                    receipts: list[Receipt]) -> list[str]:
    """Settle the sent operations `receipts` name, in `session`; the results of those
    settled. An operation no longer sent (settled already: a return bundle taken in after
    an online sync, say) is left alone: an old answer must not undo what came since."""
    ops: dict[str, OutboxOperation] = {}
    for chunk in in_chunks(r.op_id for r in receipts):
        ops.update((op.op_id, op) for op in session.scalars(
            select(OutboxOperation).where(OutboxOperation.op_id.in_(chunk))))
    settling = Settling(store, session, [op for op in ops.values() if op.state == "sent"])
    settled: list[str] = []
    for receipt in receipts:
        op = ops.get(receipt.op_id)
        if op is None or op.state != "sent":
            continue
        settling.settle(op, receipt)
        settled.append(receipt.result)
    settling.write()
    return settled


class Settling:
    """The field rows the receipts of some sent operations settle: read once, changed in
    order, written in bulk by `write`."""

    def __init__(self, store: LocalStore, session: Session,
                 ops: Iterable[OutboxOperation]) -> None:
        self.store = store
        self.session = session
        self.ops = list(ops)
        #: Records whose rows are read besides those of `ops` (a form merged into).
        self.records: set[str] = set()
        #: (record, field) -> the server's value, of every row there is.
        self.rows: dict[tuple[str, str], Any] = {}
        self.unsent: dict[str, list[OutboxOperation]] = {}
        self.changes: dict[tuple[str, str], dict[str, Any]] = {}
        self.reload()

    def settle(self, op: OutboxOperation, receipt: Receipt) -> None:
        """Settle one sent operation by its receipt."""
        op.state, op.receipt, op.acked_at = outbox_state(receipt), receipt.as_dict(), utc_now()
        record_id = op.record_id
        # The form the server kept, when it merged this one into another device's.
        kept = receipt.record_id if receipt.record_id != record_id else None
        deletes = bool(op.payload.get("delete"))
        if kept or deletes:
            # Rare, and they move rows or queue operations: the changes noted so far are
            # written first, and the rows read again after.
            self.write()
            if kept:
                merge_form(self.session, op.record_id, kept)
                record_id = kept
                self.records.add(record_id)
            if deletes:
                first = (receipt.original or "applied") if receipt.result == "duplicate" \
                    else receipt.result
                settle_delete(self.store, self.session, op, record_id, first)
            self.reload()
        self._settle_fields(op, receipt, record_id, deletes=deletes)
        settle_resolutions(self.session, op, receipt)

    def _settle_fields(self, op: OutboxOperation, receipt: Receipt, record_id: str, *,
                       deletes: bool) -> None:
        """Note the server's word on each field `op` sent."""
        sent = op.payload.get("fields", {})
        still_pending = self.unsent_fields(record_id, exclude=op.op_id)
        for key in sent:
            columns: dict[str, Any] = {}
            if key in receipt.revisions:
                columns["server_revision"] = receipt.revisions[key]
                columns["server_value"] = sent[key][0]
            if key in receipt.conflicts:
                columns["conflict_id"] = receipt.conflicts[key]
            if key not in still_pending:
                # The server has this edit, holds it aside, or refused it: from now on the
                # server's word (pulled next) is what this computer shows.
                columns["pending"] = False
                if not_taken(receipt, key) and not deletes:
                    # Held or refused: the server keeps its value and sends nothing new,
                    # so this computer shows that value now (the change waits in the held
                    # list).
                    columns["value"] = self.server_value(record_id, key)
            self.change(record_id, key, columns)

    def reload(self) -> None:
        """Read which field rows exist and which operations are unsent (again after a
        merge or a delete, which may move rows or queue operations)."""
        self.rows, self.unsent = {}, {}
        records = self.records | {op.record_id for op in self.ops}
        for chunk in in_chunks(records):
            for form_id, key, server_value in self.session.execute(
                    select(LocalValue.form_id, LocalValue.field, LocalValue.server_value)
                    .where(LocalValue.form_id.in_(chunk))):
                self.rows[(form_id, key)] = server_value
            for op in self.session.scalars(select(OutboxOperation).where(
                    OutboxOperation.record_id.in_(chunk),
                    OutboxOperation.state.in_(UNSENT_STATES))):
                self.unsent.setdefault(op.record_id, []).append(op)

    def unsent_fields(self, record_id: str, *, exclude: str) -> set[str]:
        """The fields other unsent operations of the record carry (as they stand now)."""
        keys: set[str] = set()
        for op in self.unsent.get(record_id, ()):
            if op.op_id != exclude and op.record_id == record_id \
                    and op.state in UNSENT_STATES:
                keys |= set(op.payload.get("fields", {}))
        return keys

    def server_value(self, form_id: str, key: str) -> Any:
        """The server's value of a field row, as the receipts so far left it."""
        noted = self.changes.get((form_id, key), {})
        return noted["server_value"] if "server_value" in noted \
            else self.rows.get((form_id, key))

    def change(self, form_id: str, key: str, columns: dict[str, Any]) -> None:
        """Note new column values for a field row that exists; later ones win."""
        if columns and (form_id, key) in self.rows:
            self.changes.setdefault((form_id, key), {}).update(columns)

    def write(self) -> None:
        """Store the changes noted so far: one UPDATE per set of columns, many rows each."""
        if not self.changes:
            return
        now = utc_now()
        update_by_key(self.session, _LOCAL_VALUE, _VALUE_KEY, [
            {"form_id": form_id, "field": key, **columns, "updated_at": now}
            for (form_id, key), columns in self.changes.items()])
        self.changes = {}
        # A row read through the ORM before (a form merged) is stale now.
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, LocalValue):
                self.session.expire(obj)


def not_taken(receipt: Receipt, key: str) -> bool:
    """Whether the server kept a sent field aside or refused it (it neither applied it,
    found it equal, nor holds it in a conflict)."""
    return key not in receipt.revisions and key not in receipt.conflicts


def settle_resolutions(session: Session, op: OutboxOperation, receipt: Receipt) -> None:
    """The conflicts `op` resolved are resolved here too once the server applied it."""
    if op.payload.get("resolves"):
        for conflict_id in op.payload["resolves"].values():
            conflict = session.get(LocalConflict, conflict_id)
            if conflict is not None and receipt.result in ("applied", "duplicate"):
                conflict.status = "resolved"


def settle_delete(store: LocalStore, session: Session, op: OutboxOperation, record_id: str,
                  result: str) -> None:
    """A delete stands here only when the server applied it. Any other answer (a conflict,
    a refusal, a hold) means the server still has the form: it comes back on this
    computer, with the unsent edits the delete carried queued again, and the receipt's
    message stays on the outbox row to say why."""
    form: LocalForm | LocalRecord | None = session.get(LocalForm, record_id) \
        or session.get(LocalRecord, record_id)
    if form is None:
        return
    if result == "applied":
        # A pull-only run before this answer may have shown the form again.
        form.deleted = True
        return
    base = op.payload.get("fields", {}).get("", [None, None])[1]
    if form.server_revision == base:
        # No header pulled since the delete was made: `deleted` is this computer's own
        # delete, not the server's word (a newer header already says what the server holds).
        form.deleted = False
    store.requeue_carried_edits(session, op, record_id)


def merge_form(session: Session, local_id: str, server_id: str) -> None:
    """The server kept another device's form for the same unit and year: this computer's
    copy becomes that one, its unsent values moving across."""
    kept = session.get(LocalForm, server_id)
    mine = session.get(LocalForm, local_id)
    if mine is None:
        return
    if kept is None:
        session.execute(update(LocalForm).where(LocalForm.id == local_id).values(id=server_id))
        session.execute(update(LocalValue).where(LocalValue.form_id == local_id)
                        .values(form_id=server_id))
    else:
        for value in session.scalars(select(LocalValue).where(LocalValue.form_id == local_id)):
            existing = session.get(LocalValue, (server_id, value.field))
            if existing is None:
                session.add(LocalValue(form_id=server_id, field=value.field, value=value.value,
                                       server_value=value.server_value,
                                       server_revision=value.server_revision,
                                       pending=value.pending))
            elif value.pending:
                existing.value, existing.pending = value.value, True
        session.execute(delete(LocalValue).where(LocalValue.form_id == local_id))
        session.delete(mine)
    # Unsent operations keep their old id in the payload: the server maps it (an alias).
    session.execute(update(OutboxOperation).where(OutboxOperation.record_id == local_id)
                    .values(record_id=server_id))
