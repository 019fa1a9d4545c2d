"""One batch of operations (a push, or one re-apply): what it reads once, ahead, and
what it writes at the end, in bulk.

Speed matters on the links this serves (a district's sync within 1.5x of the link's
physical limit), so a batch reads what it needs once (its receipts, forms and their field
rows, as plain column tuples), is decided in memory, and writes field values, audit
events and receipts with one bulk statement each at the end (common/sync/bulk.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import Any, cast

from sqlalchemy import JSON, Select, String, Table, bindparam, insert, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session, contains_eager

from common.db import utc_now
from common.forms import FormDefinition
from common.sync.bulk import execute_many, update_by_key
from common.sync.protocol import HoldReason, Operation, Receipt
from common.units.models import ServiceUnit
from server.accounts.models import User
from server.data import audit
from server.data import service as forms
from server.data.models import (
    AuditEvent,
    FieldValue,
    FormAlias,
    FormRecord,
    RecordValue,
    SyncQuarantine,
    SyncRecord,
    stamp_server_seq,
)
from server.errors import NotFoundError
from server.sync.models import SyncReceipt
from server.sync.state import DEVICE_OWNER_AND_EPOCH

#: Ids per `IN (...)` list: far below the parameter limits of SQLite and PostgreSQL.
_CHUNK = 500
#: An audit event's value it does not have (not the same as a value that is None).
_ABSENT: Any = object()

# Statements a push runs every time, built once: a statement object reused keeps its
# cache key, which SQLAlchemy would otherwise work out again for each push.
_IDS = bindparam("ids", expanding=True, type_=String)
_RECEIPTS_OF = select(SyncReceipt.op_id, SyncReceipt.payload_hash, SyncReceipt.result) \
    .where(SyncReceipt.op_id.in_(_IDS))
#: The forms named, and the forms their ids may be aliases of, in one query.
_FORMS_OR_ALIASED = select(FormRecord).where(FormRecord.id.in_(_IDS) | FormRecord.id.in_(
    select(FormAlias.form_id).where(FormAlias.alias_id.in_(_IDS))))
_ALIASES_OF = select(FormAlias.alias_id, FormAlias.form_id).where(FormAlias.alias_id.in_(_IDS))
#: Units with the forms they already have (a form's natural key is its unit's).
_UNITS_WITH_FORMS = select(ServiceUnit, FormRecord) \
    .outerjoin(FormRecord, FormRecord.unit_id == ServiceUnit.id) \
    .where(ServiceUnit.id.in_(_IDS)).options(contains_eager(FormRecord.unit))
_ROWS_OF = select(FieldValue.form_id, FieldValue.field, FieldValue.value,
                  FieldValue.revision, FieldValue.server_seq, FieldValue.updated_by,
                  FieldValue.device_id, FieldValue.conflict_id) \
    .where(FieldValue.form_id.in_(_IDS))
_RECORDS_OF = select(SyncRecord).where(SyncRecord.id.in_(_IDS))
_RECORD_ROWS_OF = select(RecordValue.record_id, RecordValue.field, RecordValue.value,
                         RecordValue.revision, RecordValue.server_seq,
                         RecordValue.updated_by, RecordValue.device_id,
                         RecordValue.conflict_id) \
    .where(RecordValue.record_id.in_(_IDS))


def warm(session: Session) -> None:
    """Run the push's reads once with nothing to find, so a new process has them
    compiled before its first push (server/warmup.py)."""
    session.execute(DEVICE_OWNER_AND_EPOCH, {"device_id": ""}).all()
    for statement in (_RECEIPTS_OF, _ALIASES_OF, _ROWS_OF, _UNITS_WITH_FORMS,
                      _RECORD_ROWS_OF):
        session.execute(statement, {"ids": []}).all()
    session.scalars(_FORMS_OR_ALIASED, {"ids": []}).all()


@dataclass
class Outcome:
    """What applying one operation did, gathered into its receipt."""

    record_id: str | None = None
    revisions: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)
    quarantined: list[str] = field(default_factory=list)
    message: str | None = None


@dataclass(slots=True)
class Row:
    """One field's current state while a batch is decided: plain data, written in bulk."""

    value: Any
    revision: int
    server_seq: int
    updated_by: str
    device_id: str | None
    conflict_id: str | None
    #: Not in the database yet: written by an INSERT (else by an UPDATE).
    new: bool = False
    #: The value itself changed (not only its conflict and sequence number).
    rewritten: bool = False
    updated_at: datetime | None = None


class Batch:
    """One push (or one re-apply): the caller, what it reads once, what it writes at the end.

    Every field row a batch changes goes through `rows_of`, so later operations of the same
    batch see earlier ones without asking the database; `write` stores them.
    """

    def __init__(self, session: Session, user: User, device_id: str, *,
                 reapplying: SyncQuarantine | None = None) -> None:
        self.session, self.user, self.device_id = session, user, device_id
        # Read once: the caller is often a request-local proxy, and a batch writes its id
        # on thousands of rows.
        self.user_id: str = user.id
        self.receipts: dict[str, tuple[str, dict[str, Any]]] = {}
        self.forms: dict[str, FormRecord] = {}
        self.aliases: dict[str, str] = {}
        #: Record ids read ahead that name no form and no alias.
        self.absent: set[str] = set()
        self.by_key: dict[tuple[str, int, str], FormRecord] = {}
        #: Units whose forms are all in `by_key`, so a miss there means "no such form".
        self.units_read: set[str] = set()
        self.units: dict[str, ServiceUnit | None] = {}
        self.rows: dict[str, dict[str, Row]] = {}
        self.definitions: dict[tuple[str, int | None], FormDefinition | None] = {}
        #: Records of other kinds (common/sync/kinds.py) by id, and the ids read ahead
        #: that name none. Their column rows are in `rows` too (ids never collide).
        self.records: dict[str, SyncRecord] = {}
        self.absent_records: set[str] = set()
        self.entered: dict[tuple[str, int], frozenset[str]] = {}
        #: The stored value events of a form or record (action, field, revision,
        #: new_value; newest first), read once a batch when a conflict needs a base value.
        self.value_events: dict[str, list[tuple[str, str | None, int | None, Any]]] = {}
        self.dirty: dict[str, set[str]] = {}
        self.audit: list[dict[str, Any]] = []
        self.new_receipts: list[dict[str, Any]] = []
        #: A re-apply: the hold it runs, whether that hold came back unchanged, and how
        #: many other holds it made.
        self.reapplying = reapplying
        self.held_again = False
        self.new_holds = 0

    # ------------------------------------------------------------------ reading

    def read_ahead(self, ops: Sequence[Operation]) -> None:
        """Read, in a few queries, what deciding `ops` needs: known receipts, the forms
        they name (directly, by alias or by natural key), their units and field rows."""
        session = self.session
        for chunk in _chunks([op.op_id for op in ops]):
            for op_id, payload_hash, result in session.execute(_RECEIPTS_OF, {"ids": chunk}):
                self.receipts[op_id] = (payload_hash, result)
        fresh = [op for op in ops if op.op_id not in self.receipts]
        self._read_records({op.record_id for op in fresh if op.entity != "form"})
        fresh = [op for op in fresh if op.entity == "form"]
        wanted = {op.record_id for op in fresh}
        for chunk in _chunks(wanted):
            for form in session.scalars(_FORMS_OR_ALIASED, {"ids": chunk}):
                self._remember(form)
        missing = wanted - self.forms.keys()
        if missing and self.forms:
            # Some of the missing ids may be aliases of forms just read: which ones. (When
            # no form was read at all, none is: an alias names a form.)
            for chunk in _chunks(missing):
                for alias_id, form_id in session.execute(_ALIASES_OF, {"ids": chunk}):
                    self.aliases[alias_id] = form_id
            self._read_forms(FormRecord.id, set(self.aliases.values()) - self.forms.keys())
        self.absent |= missing - self.aliases.keys()
        # Ids a form would be created under: none may name a record of another kind.
        self._read_records(self.absent)
        unit_ids = {str(op.natural_key.get("unit_id")) for op in fresh
                    if op.record_id in self.absent and op.natural_key}
        for chunk in _chunks(unit_ids):
            # The units of forms to create, with the forms they already have.
            for unit, form in session.execute(_UNITS_WITH_FORMS, {"ids": chunk}):
                self.units[unit.id] = unit
                if form is not None:
                    self._remember(form)
        for unit_id in unit_ids:
            self.units.setdefault(unit_id, None)
        self.units_read |= unit_ids
        targets = {self.aliases.get(record_id, record_id) for record_id in wanted}
        self._read_rows([form_id for form_id in targets if form_id in self.forms])

    def _read_records(self, wanted: set[str]) -> None:
        for chunk in _chunks(wanted):
            for record in self.session.scalars(_RECORDS_OF, {"ids": chunk}):
                self.records[record.id] = record
        self.absent_records |= wanted - self.records.keys()
        self._read_rows(self.records, statement=_RECORD_ROWS_OF)

    def _read_forms(self, column: Any, values: Iterable[str]) -> None:
        for chunk in _chunks(values):
            for form in self.session.scalars(select(FormRecord).where(column.in_(chunk))):
                self._remember(form)

    def _remember(self, form: FormRecord) -> None:
        self.forms[form.id] = form
        if not form.deleted:
            # A deleted form is a tombstone: the unit's form may be made again.
            self.by_key[(form.unit_id, form.year, form.form_code)] = form
        self.absent.discard(form.id)

    def _read_rows(self, form_ids: Iterable[str], *, statement: Select[Any] = _ROWS_OF
                   ) -> None:
        unread = [form_id for form_id in form_ids if form_id not in self.rows]
        for form_id in unread:
            self.rows[form_id] = {}
        for chunk in _chunks(unread):
            for (form_id, key, value, revision, server_seq, updated_by, device_id,
                 conflict_id) in self.session.execute(statement, {"ids": chunk}):
                self.rows[form_id][key] = Row(value, revision, server_seq, updated_by,
                                               device_id, conflict_id)

    def known_receipt(self, op_id: str) -> tuple[str, dict[str, Any]] | None:
        """(payload hash, receipt) of an operation already answered, in this batch or an
        earlier one."""
        return self.receipts.get(op_id)

    def find_form(self, record_id: str) -> FormRecord | None:
        """The form a record id names, directly or through an alias."""
        form = self.forms.get(record_id)
        if form is not None:
            return form
        target = self.aliases.get(record_id)
        if target is not None:
            return self.forms.get(target) or self._form_by_id(target)
        if record_id in self.absent:
            return None
        # Not read ahead (a re-apply names one record): ask now.
        form = self._form_by_id(record_id)
        if form is None:
            alias = self.session.get(FormAlias, record_id)
            if alias is not None:
                self.aliases[record_id] = alias.form_id
                form = self._form_by_id(alias.form_id)
        if form is None:
            self.absent.add(record_id)
        return form

    def _form_by_id(self, form_id: str) -> FormRecord | None:
        form = self.session.get(FormRecord, form_id)
        if form is not None:
            self._remember(form)
        return form

    def find_record(self, record_id: str) -> SyncRecord | None:
        """The record of another kind that `record_id` names, or None."""
        record = self.records.get(record_id)
        if record is None and record_id not in self.absent_records:
            # Not read ahead (a re-apply names one record): ask now.
            record = self.session.get(SyncRecord, record_id)
            if record is None:
                self.absent_records.add(record_id)
            else:
                self.records[record_id] = record
        return record

    def form_by_key(self, unit_id: str, year: int, form_code: str) -> FormRecord | None:
        """The form with this natural key, if there is one."""
        if unit_id not in self.units_read:
            self._read_forms(FormRecord.unit_id, [unit_id])
            self.units_read.add(unit_id)
        return self.by_key.get((unit_id, year, form_code))

    def unit(self, unit_id: str | None) -> ServiceUnit | None:
        """A service unit by id, or None."""
        if unit_id is None:
            return None
        if unit_id not in self.units:
            self.units[unit_id] = self.session.get(ServiceUnit, unit_id)
        return self.units[unit_id]

    def definition(self, form_code: str, version: int | None) -> FormDefinition:
        """A published definition (NotFoundError if none), asked once per batch."""
        key = (form_code, version)
        if key not in self.definitions:
            try:
                self.definitions[key] = forms.definition(self.session, form_code, version)
            except NotFoundError:
                self.definitions[key] = None
        found = self.definitions[key]
        if found is None:
            raise NotFoundError(f"no published definition {form_code}@{version}")
        return found

    def entered_keys(self, definition: FormDefinition) -> frozenset[str]:
        """The keys of the fields a person types in `definition`."""
        key = (definition.key, definition.version)
        if key not in self.entered:
            self.entered[key] = frozenset(definition.entered_field_keys())
        return self.entered[key]

    def rows_of(self, target: FormRecord | SyncRecord) -> dict[str, Row]:
        """The field rows of a form (or the column rows of a record), as this batch has
        left them so far."""
        if target.id not in self.rows:
            record = isinstance(target, SyncRecord)
            self._read_rows([target.id], statement=_RECORD_ROWS_OF if record else _ROWS_OF)
        return self.rows[target.id]

    def base_value(self, target: FormRecord | SyncRecord, key: str, revision: int) -> Any:
        """The value a field had at `revision`, from the audit trail (the newest event
        that wrote it, in this batch or before; server/data/audit.py)."""
        owner = owner_column(target)
        this_batch = ((e["action"], e["field"], e["revision"], e["new_value"])
                      for e in reversed(self.audit) if e[owner] == target.id)
        for action, field_key, event_revision, new_value in chain(
                this_batch, self._stored_value_events(target, owner)):
            found, value = audit.value_at(action, field_key, event_revision, new_value, key,
                                          revision)
            if found:
                return value
        return None

    def _stored_value_events(self, target: FormRecord | SyncRecord, owner: str
                             ) -> Iterator[tuple[str, str | None, int | None, Any]]:
        # A generator: nothing is read until a lookup gets past the batch's own events.
        # A conflict is rare: the first one of a form (or record) in a batch that does
        # reads the stored events once, newest first, rather than ask each database to
        # look inside JSON.
        events = self.value_events.get(target.id)
        if events is None:
            events = self.value_events[target.id] = list(self.session.execute(select(
                AuditEvent.action, AuditEvent.field, AuditEvent.revision,
                AuditEvent.new_value).where(
                    getattr(AuditEvent, owner) == target.id,
                    AuditEvent.action.in_((audit.VALUE, audit.VALUES)))
                .order_by(AuditEvent.id.desc())).tuples())
        yield from events

    # ------------------------------------------------------------------ writing

    def add_form(self, form: FormRecord) -> None:
        """A form created by this batch."""
        self.session.add(form)
        self._remember(form)
        self.rows[form.id] = {}

    def add_record(self, record: SyncRecord) -> None:
        """A record created by this batch."""
        self.session.add(record)
        self.records[record.id] = record
        self.absent_records.discard(record.id)
        self.rows[record.id] = {}

    def changed(self, form_id: str, key: str) -> None:
        """Note a field row to write (of a form, or a column of a record)."""
        self.dirty.setdefault(form_id, set()).add(key)

    def event(self, form_id: str, action: str, *, at: datetime, key: str | None = None,
              old_value: Any = _ABSENT, new_value: Any = _ABSENT, revision: int | None = None,
              comment: str | None = None) -> None:
        """An audit event of a form, or of a record of another kind (`form_id` is then a
        record's id), written with the others in one statement."""
        record = form_id in self.records
        self.audit.append({"user_id": self.user_id, "device_id": self.device_id,
                           "form_id": None if record else form_id,
                           "record_id": form_id if record else None,
                           "action": action, "field": key,
                           "old_value": _event_value(old_value),
                           "new_value": _event_value(new_value),
                           "revision": revision, "comment": comment, "at": at})

    def answered(self, op: Operation, payload_hash: str, receipt: Receipt) -> None:
        """Keep an operation's receipt, so a retry gets the same answer."""
        result = receipt.as_dict()
        self.receipts[op.op_id] = (payload_hash, result)
        self.new_receipts.append({
            "op_id": op.op_id, "device_id": self.device_id, "device_seq": op.device_seq,
            "user_id": self.user_id, "payload_hash": payload_hash, "result": result,
            "received_at": utc_now()})

    def hold(self, op: Operation, form_id: str | None, reason: HoldReason, detail: str, *,
             only_fields: Mapping[str, tuple[Any, int]] | None = None) -> None:
        """Quarantine an operation, or some of its fields: held, visible, re-appliable."""
        held = self.reapplying
        fields = only_fields if only_fields is not None else op.fields
        if held is not None and held.reason == reason \
                and set(fields) == set(held.payload.get("fields", {})):
            # Re-applying a hold that is held again for the same reason: it stays the one
            # hold it was, rather than a copy beside it.
            self.held_again = True
            return
        payload = op.payload()
        if only_fields is not None:
            payload["fields"] = {k: [v, rev] for k, (v, rev) in only_fields.items()}
        record = form_id is not None and form_id in self.records
        self.session.add(SyncQuarantine(op_id=op.op_id, device_id=self.device_id,
                                        user_id=self.user_id,
                                        form_id=None if record else form_id,
                                        record_id=form_id if record else None,
                                        reason=reason, detail=detail, payload=payload))
        self.new_holds += 1

    def write(self) -> None:
        """Store what the batch decided.

        What carries no change number goes first: the ORM objects (new forms, which the
        rest refers to; conflicts, holds, headers), the audit events and the receipts.
        Then the field rows are written with the transaction's real change number. (On
        SQLite it is taken from the counter row only here, so that row's lock is held
        for a few statements; on PostgreSQL it was real from the start.)
        """
        session = self.session
        session.flush()
        # Through the driver (common/sync/bulk.py): SQLAlchemy's own bulk paths cost more
        # per row than the database does.
        execute_many(session, _INSERT_EVENTS, self.audit)
        execute_many(session, _INSERT_RECEIPTS, self.new_receipts)
        placeholder = session.info.get("server_seq")
        stamped = stamp_server_seq(session)
        # Per table (a form's fields, a record's columns): inserts, rewrites, restamps.
        writes: dict[str, tuple[list[dict[str, Any]], ...]] = {
            "form_id": ([], [], []), "record_id": ([], [], [])}
        for form_id, keys in self.dirty.items():
            rows = self.rows[form_id]
            owner = "record_id" if form_id in self.records else "form_id"
            inserts, rewrites, restamps = writes[owner]
            for key in sorted(keys):
                row = rows[key]
                if (placeholder is not None and stamped is not None
                        and row.server_seq == placeholder):
                    row.server_seq = stamped
                data = {owner: form_id, "field": key, "server_seq": row.server_seq,
                        "conflict_id": row.conflict_id}
                if row.new or row.rewritten:
                    data.update(value=row.value, revision=row.revision,
                                updated_by=row.updated_by, device_id=row.device_id,
                                updated_at=row.updated_at or utc_now())
                (inserts if row.new else rewrites if row.rewritten else restamps).append(data)
                row.new = row.rewritten = False
            form = self.forms.get(form_id)
            if form is not None:
                session.expire(form, ["values"])  # an ORM reader after us reads them afresh
        for owner, (inserts, *updates) in writes.items():
            execute_many(session, _INSERT_VALUES[owner], inserts)
            # Rewrites, then restamps: each set of columns is one statement.
            update_by_key(session, _VALUE_TABLES[owner], (owner, "field"),
                          [change for changes in updates for change in changes])
        self.dirty, self.audit, self.new_receipts = {}, [], []
        self.value_events = {}  # what was read no longer includes what was just written


#: Where the rows of a form's fields and of a record's columns live, by their owner column.
#: (A declarative class's `__table__` is a Table; SQLAlchemy types it as any FROM clause.)
_VALUE_TABLES = {"form_id": cast(Table, FieldValue.__table__),
                 "record_id": cast(Table, RecordValue.__table__)}
#: Their INSERTs, made once: common/sync/bulk.py keeps a statement's compiled form by the
#: statement object, so a new object each push would compile (and be kept) each time.
_INSERT_VALUES = {owner: insert(table) for owner, table in _VALUE_TABLES.items()}
#: An audit event's values as the ORM stored them: a value that is None (a cleared field)
#: as JSON null, a value the event does not have (a creation, a delete) as SQL NULL.
_EVENT_VALUE = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
_INSERT_EVENTS = insert(cast(Table, AuditEvent.__table__)).values(
    old_value=bindparam("old_value", type_=_EVENT_VALUE),
    new_value=bindparam("new_value", type_=_EVENT_VALUE),
)
_INSERT_RECEIPTS = insert(cast(Table, SyncReceipt.__table__))


def _event_value(value: Any) -> Any:
    if value is _ABSENT:
        return None
    return JSON.NULL if value is None else value


def owner_column(target: FormRecord | SyncRecord) -> str:
    """The column that names `target` in the audit trail and the conflicts."""
    return "record_id" if isinstance(target, SyncRecord) else "form_id"


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]
