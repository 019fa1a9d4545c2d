"""Applying pushed operations and serving the change feed (docs/SYNC.md).

A push is applied in the caller's single transaction: a server error means nothing was
committed, and the client retries the same batch. Each operation gets a receipt, stored,
so a retry is answered `duplicate` with the first answer. Values are never dropped: a
value that cannot be applied is either a conflict (both kept, a person resolves it) or
quarantined (held, visible, re-appliable).

Speed matters on the links this serves (a district's sync within 1.5x of the
link's physical limit), so a batch reads what it needs once (its receipts, forms and their
field rows, as plain column tuples), decides every operation in memory, and writes field
values, audit events and receipts with one bulk statement each at the end. The pull reads
plain column tuples too, never ORM objects.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Select,
    String,
    Update,
    and_,
    bindparam,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session, aliased, contains_eager

from common.db import new_id, utc_now
from common.forms import FormDefinition, validate
from common.roles import may
from common.sync.bulk import cyclic_gc_paused, execute_many
from common.sync.checksum import digest
from common.sync.kinds import ALL_COLUMNS, KINDS, RecordError, check_owner
from common.sync.protocol import (
    PROTOCOL_VERSION,
    Cursor,
    Operation,
    Receipt,
)
from common.units.models import ServiceUnit
from common.workflow import DELETABLE_STATUSES, is_locked
from server.accounts.models import Device, User
from server.data import audit
from server.data import service as forms
from server.data.models import (
    AuditEvent,
    FieldValue,
    FormRecord,
    RecordValue,
    SyncRecord,
    WarningConfirmation,
    align_seq_offset,
    feed_horizon,
    next_server_seq,
    stamp_server_seq,
)
from server.errors import ForbiddenError, NotFoundError
from server.sync import records
from server.sync.models import (
    FormAlias,
    ServerState,
    SyncConflict,
    SyncQuarantine,
    SyncReceipt,
)

#: Ids per `IN (...)` list: far below the parameter limits of SQLite and PostgreSQL.
_CHUNK = 500
#: An audit event's value it does not have (not the same as a value that is None).
_ABSENT: Any = object()


def epoch(session: Session) -> str:
    """This server's epoch: renewed when a backup is restored."""
    return session.get(ServerState, "epoch").value  # type: ignore[union-attr]


def device_owner_and_epoch(session: Session, device_id: str) -> tuple[str | None, str]:
    """Whose the device `device_id` is (None when unknown) and this server's epoch, in one
    round trip: a push needs both."""
    row = session.execute(_DEVICE_OWNER_AND_EPOCH, {"device_id": device_id}).one()
    return row[0], row[1]


# Statements a push runs every time, built once: a statement object reused keeps its
# cache key, which SQLAlchemy would otherwise work out again for each push.
_DEVICE_OWNER_AND_EPOCH = select(
    select(Device.user_id).where(Device.id == bindparam("device_id", type_=String))
    .scalar_subquery(),
    select(ServerState.value).where(ServerState.key == "epoch").scalar_subquery())
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
    session.execute(_DEVICE_OWNER_AND_EPOCH, {"device_id": ""}).all()
    for statement in (_RECEIPTS_OF, _ALIASES_OF, _ROWS_OF, _UNITS_WITH_FORMS,
                      _RECORD_ROWS_OF):
        session.execute(statement, {"ids": []}).all()
    session.scalars(_FORMS_OR_ALIASED, {"ids": []}).all()


def renew_epoch(session: Session) -> str:
    """A new epoch, after restoring a backup: clients then re-push what they hold. The
    change numbers go on above every number the restored data holds."""
    align_seq_offset(session)
    state = session.get(ServerState, "epoch")
    value = new_id()
    if state is None:
        session.add(ServerState(key="epoch", value=value))
    else:
        state.value, state.changed_at = value, utc_now()
    return value


def scope_signature(user: User) -> str:
    """What a user's pull covers; when it changes, the client starts its pull afresh."""
    where = user.unit_id or user.area_code or "country"
    return f"{user.role}:{where}"


# --------------------------------------------------------------------------- push


@dataclass
class _Outcome:
    """What applying one operation did, gathered into its receipt."""

    record_id: str | None = None
    revisions: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, str] = field(default_factory=dict)
    quarantined: list[str] = field(default_factory=list)
    message: str | None = None


@dataclass(slots=True)
class _Row:
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


class _Batch:
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
        self.rows: dict[str, dict[str, _Row]] = {}
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
                self.rows[form_id][key] = _Row(value, revision, server_seq, updated_by,
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

    def rows_of(self, target: FormRecord | SyncRecord) -> dict[str, _Row]:
        """The field rows of a form (or the column rows of a record), as this batch has
        left them so far."""
        if target.id not in self.rows:
            record = isinstance(target, SyncRecord)
            self._read_rows([target.id], statement=_RECORD_ROWS_OF if record else _ROWS_OF)
        return self.rows[target.id]

    def base_value(self, target: FormRecord | SyncRecord, key: str, revision: int) -> Any:
        """The value a field had at `revision`, from the audit trail (the newest event
        that wrote it, in this batch or before; server/data/audit.py)."""
        owner = _owner_column(target)
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

    def hold(self, op: Operation, form_id: str | None, reason: str, detail: str, *,
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
                if placeholder is not None and row.server_seq == placeholder:
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
            for changes in updates:
                if changes:
                    execute_many(session, _update_by_key(owner, tuple(changes[0])), [
                        {f"key_{k}" if k in (owner, "field") else k: v
                         for k, v in change.items()} for change in changes])
        self.dirty, self.audit, self.new_receipts = {}, [], []
        self.value_events = {}  # what was read no longer includes what was just written


_FIELD_VALUE = FieldValue.__table__
#: Where the rows of a form's fields and of a record's columns live, by their owner column.
_VALUE_TABLES = {"form_id": _FIELD_VALUE, "record_id": RecordValue.__table__}
#: Their INSERTs, made once: common/sync/bulk.py keeps a statement's compiled form by the
#: statement object, so a new object each push would compile (and be kept) each time.
_INSERT_VALUES = {owner: insert(table) for owner, table in _VALUE_TABLES.items()}
#: An audit event's values as the ORM stored them: a value that is None (a cleared field)
#: as JSON null, a value the event does not have (a creation, a delete) as SQL NULL.
_EVENT_VALUE = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
_INSERT_EVENTS = insert(AuditEvent.__table__).values(
    old_value=bindparam("old_value", type_=_EVENT_VALUE),
    new_value=bindparam("new_value", type_=_EVENT_VALUE),
)
_INSERT_RECEIPTS = insert(SyncReceipt.__table__)


def _event_value(value: Any) -> Any:
    if value is _ABSENT:
        return None
    return JSON.NULL if value is None else value


@lru_cache(maxsize=32)
def _update_by_key(owner: str, names: tuple[str, ...]) -> Update:
    """UPDATE field_value (or record_value, by `owner`) SET <names> for one row, its key
    bound as key_<owner> and key_field (one statement object per set of names, so its
    compiled form is reused)."""
    table = _VALUE_TABLES[owner]
    return update(table).where(
        table.c[owner] == bindparam(f"key_{owner}"),
        table.c.field == bindparam("key_field"),
    ).values({k: bindparam(k, type_=table.c[k].type)  # JSON stays JSON
              for k in names if k not in (owner, "field")})


def _owner_column(target: FormRecord | SyncRecord) -> str:
    """The column that names `target` in the audit trail and the conflicts."""
    return "record_id" if isinstance(target, SyncRecord) else "form_id"


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def push(session: Session, user: User, device_id: str, ops: Sequence[Operation]) -> list[Receipt]:
    """Apply a batch of operations for `user` on `device_id`; one receipt per operation."""
    with cyclic_gc_paused():
        batch = _Batch(session, user, device_id)
        batch.read_ahead(ops)
        receipts = [_apply_one(batch, op) for op in ops]
        batch.write()
    return receipts


def _apply_one(batch: _Batch, op: Operation) -> Receipt:
    payload_hash = op.payload_hash
    known = batch.known_receipt(op.op_id)
    if known is not None and op.device_id != batch.device_id:
        # An operation of another device (its id and device copied): refused as one with a
        # fresh id is (`_decide`), never answered with that device's receipt, which would
        # tell what its form and fields are. Nothing is stored: the id has its receipt.
        return Receipt(op.op_id, "rejected", message=_ANOTHER_DEVICE)
    if known is not None:
        known_hash, result = known
        if known_hash == payload_hash:
            return Receipt.from_dict({**result, "result": "duplicate",
                                      "original": result["result"]})
        # The same id with another payload: a client bug or tampering. Both are kept.
        batch.hold(op, None, "op_id_reused",
                   "this operation id was already used with another payload")
        return Receipt(op.op_id, "rejected",
                       message="this operation id was already used with another payload; "
                               "the copy is kept aside")
    receipt = _decide(batch, op)
    batch.answered(op, payload_hash, receipt)
    return receipt


#: Receipt messages of ids the caller may not see: the same words whether the id names
#: nothing or something outside the caller's scope (ROLES.md, "Outside the scope, records
#: do not exist"), so a receipt never tells the two apart.
_ANOTHER_DEVICE = "the operation names another device"
_NO_FORM = "no form with this id in your scope, and no natural key to create one"
_OUTSIDE_UNIT = "this unit is outside your scope"
_OUTSIDE_COMMUNE = "this commune is outside your scope"
#: A new form or record under an id already in use, wherever what holds it lies: the one
#: thing told of an id outside the scope, the same to every caller (ROLES.md, "Ids chosen
#: by computers"; server/data/service.py, `id_taken`).
_ID_TAKEN = "this id is already taken: a new {} needs a new id"


def _no_record(label: str, *, delete: bool) -> str:
    """The message of a record id the caller may not see (unknown or outside the scope)."""
    if delete:
        return f"no {label} with this id in your scope to delete"
    return f"no {label} with this id in your scope, and no owner to create one"


def _decide(batch: _Batch, op: Operation) -> Receipt:
    user = batch.user
    if op.device_id != batch.device_id:
        return Receipt(op.op_id, "rejected", message=_ANOTHER_DEVICE)
    if op.entity != "form":
        return _decide_record(batch, op)
    if op.owner is not None:
        return Receipt(op.op_id, "rejected", message="a form is created by its natural key, "
                                                     "not an owner")
    form = batch.find_form(op.record_id)
    # What the id names outside the caller's scope is answered as nothing at all, except
    # that a form cannot be created under it (`taken`, said only once the natural key's
    # unit passed the scope check, as for an id that is free).
    taken = form is not None and not forms.unit_in_scope(user, form.unit)
    if taken:
        form = None
    if form is None:
        record = batch.find_record(op.record_id)
        if record is not None:
            if _record_in_scope(user, record):
                return Receipt(op.op_id, "rejected", message="this id names a record of "
                                                             "another kind, not a form")
            taken = True
        if op.natural_key is None:
            return Receipt(op.op_id, "rejected_scope", message=_NO_FORM)
        created = _create_or_map(batch, op, taken=taken)
        if isinstance(created, Receipt):
            return created
        form = created
    elif not _allowed(user, "edit", form.unit):
        return Receipt(op.op_id, "rejected_scope", record_id=form.id,
                       message="your role may not change forms")
    if form.deleted:
        # An edit made elsewhere while the form was deleted: never a resurrection, never
        # lost either. Held for a person to decide.
        batch.hold(op, form.id, "deleted", "the form was deleted on the server")
        return Receipt(op.op_id, "conflict", record_id=form.id,
                       message="the form was deleted; this change is kept aside")
    if op.delete:
        # Before the lock: a delete of an approved form is refused, not held for later.
        return _delete(batch, op, form)
    if is_locked(form.status):
        batch.hold(op, form.id, "locked", f"the form is {form.status}")
        return Receipt(op.op_id, "rejected_locked", record_id=form.id,
                       message=f"the form is {form.status}: kept aside, re-appliable after "
                               "an unlock")
    try:
        definition = batch.definition(form.form_code, op.definition_version)
    except NotFoundError:
        batch.hold(op, form.id, "unknown_version",
                   f"{form.form_code}@{op.definition_version} is not published here")
        return Receipt(op.op_id, "needs_mapping", record_id=form.id,
                       quarantined=tuple(op.fields),
                       message="this form version is unknown to the server: kept aside")
    outcome = _apply_fields(batch, op, form, definition)
    result = "conflict" if outcome.conflicts else (
        "needs_mapping" if outcome.quarantined else "applied")
    return Receipt(op.op_id, result, record_id=form.id, revisions=outcome.revisions,
                   conflicts=outcome.conflicts, quarantined=tuple(outcome.quarantined),
                   message=outcome.message)


def _decide_record(batch: _Batch, op: Operation) -> Receipt:
    """Decide an operation on a record of another kind (common/sync/kinds.py): the same
    rules as a form's fields (receipts, conflicts, holds, tombstones), with the kind's
    own checks and writers. Records have no approval lock."""
    user, kind = batch.user, KINDS[op.entity]
    if op.natural_key is not None:
        return Receipt(op.op_id, "rejected", message=f"a {kind.label_en} has no natural key")
    record = batch.find_record(op.record_id)
    # As for a form (`_decide`): what the id names outside the scope is nothing, but taken.
    # The scope comes before anything else is said of it (its kind, below).
    taken = record is not None and not _record_in_scope(user, record)
    if taken:
        record = None
    if record is None:
        form = batch.find_form(op.record_id)
        if form is not None:
            if forms.unit_in_scope(user, form.unit):
                return Receipt(op.op_id, "rejected", message="this id names a form")
            taken = True
        if op.delete or op.owner is None:
            return Receipt(op.op_id, "rejected_scope",
                           message=_no_record(kind.label_en, delete=op.delete))
        created = _create_record(batch, op, taken=taken)
        if isinstance(created, Receipt):
            return created
        record = created
    elif record.kind != op.entity:
        return Receipt(op.op_id, "rejected", message=f"this record is a {record.kind}")
    writable = kind.writable(user.role)
    if writable is None:
        return Receipt(op.op_id, "rejected_scope", record_id=record.id,
                       message=f"your role may not change a {kind.label_en}")
    if record.deleted:
        batch.hold(op, record.id, "deleted", f"the {kind.label_en} was deleted on the server")
        return Receipt(op.op_id, "conflict", record_id=record.id,
                       message=f"the {kind.label_en} was deleted; this change is kept aside")
    if op.delete:
        return _delete_record(batch, op, record, may_delete=writable == ALL_COLUMNS)
    if op.definition_version > kind.version:
        batch.hold(op, record.id, "unknown_version",
                   f"{kind.name}@{op.definition_version} is not known here")
        return Receipt(op.op_id, "needs_mapping", record_id=record.id,
                       quarantined=tuple(op.fields),
                       message=f"this version of {kind.label_en} is unknown to the server: "
                               "kept aside")
    outcome = _Outcome(record_id=record.id)
    allowed = {k: v for k, v in op.fields.items()
               if writable == ALL_COLUMNS or k in writable}
    cleaned, problems = kind.clean({k: v for k, (v, _) in allowed.items()})
    current = {k: row.value for k, row in batch.rows_of(record).items()}
    for key in kind.missing({**current, **cleaned}):
        if key in cleaned:
            problems[key] = "required: it cannot be cleared"
    incoming = {k: v for k, v in allowed.items() if k not in problems}
    kept_aside = {k: v for k, v in op.fields.items() if k not in incoming}
    why = "; ".join(f"{k}: {problems.get(k, 'your role may not write it')}"
                    for k in sorted(kept_aside))
    if kept_aside:
        # A column this role may not write, one the kind lacks, or a wrong value: kept
        # aside for a person (an officer may re-apply it as theirs), never dropped.
        reason = ("not_permitted" if len(allowed) < len(op.fields)
                  else "unknown_field" if any(p == "unknown column" for p in problems.values())
                  else "invalid")
        batch.hold(op, record.id, reason, why, only_fields=kept_aside)
        outcome.quarantined = sorted(kept_aside)
    seq, proposals = _write_changes(batch, op, record, incoming,
                                    {k: cleaned[k] for k in incoming},
                                    _record_officer(user, record), outcome)
    _hold_proposals(batch, op, record.id, proposals, outcome)
    if seq is not None:
        record.server_seq, record.revision = seq, record.revision + 1
    result = "conflict" if outcome.conflicts else (
        "needs_mapping" if outcome.quarantined else "applied")
    return Receipt(op.op_id, result, record_id=record.id, revisions=outcome.revisions,
                   conflicts=outcome.conflicts, quarantined=tuple(outcome.quarantined),
                   message=outcome.message or (f"{why} (kept aside)" if why else None))


def _create_record(batch: _Batch, op: Operation, *, taken: bool = False
                   ) -> SyncRecord | Receipt:
    """A new record where its owner says, when the user may make one there and its id is
    free (`taken`: it names something outside the user's scope)."""
    user, kind, owner = batch.user, KINDS[op.entity], dict(op.owner or {})
    try:
        check_owner(kind, owner)
    except RecordError as problem:
        return Receipt(op.op_id, "rejected", message=problem.message)
    commune_code, unit_id = owner.get("commune_code"), owner.get("unit_id")
    if unit_id:
        # The unit's commune, from the server's own list of units. A unit outside the
        # scope answers as an unknown one, before anything is said of its commune.
        unit = batch.unit(unit_id)
        if unit is None or not records.in_scope(user, kind, unit.commune_code, unit.id):
            return Receipt(op.op_id, "rejected_scope", message=_OUTSIDE_UNIT)
        if commune_code and commune_code != unit.commune_code:
            return Receipt(op.op_id, "rejected", message=f"the unit is not in commune "
                                                         f"{commune_code}")
        commune_code = unit.commune_code
    else:
        # The scope first, then the geography (public, but a commune outside the scope is
        # answered the same whether it exists or not).
        if not records.in_scope(user, kind, commune_code, None):
            return Receipt(op.op_id, "rejected_scope", message=_OUTSIDE_COMMUNE)
        if not records.commune_exists(batch.session, commune_code):
            return Receipt(op.op_id, "rejected", message=f"{commune_code} is not a commune")
    if kind.writable(user.role) != ALL_COLUMNS:
        return Receipt(op.op_id, "rejected_scope",
                       message=f"your role may not create a {kind.label_en}")
    if taken:
        return Receipt(op.op_id, "rejected", message=_ID_TAKEN.format(kind.label_en))
    missing = kind.missing(kind.clean({k: v for k, (v, _) in op.fields.items()})[0])
    if missing:
        # Made elsewhere without what the kind needs (a computer checks this first): kept
        # aside whole, nothing created, for a person to see.
        batch.hold(op, None, "invalid", "required: " + ", ".join(missing))
        return Receipt(op.op_id, "needs_mapping", quarantined=tuple(op.fields),
                       message=f"a {kind.label_en} needs {', '.join(missing)}: kept aside, "
                               "nothing created")
    record = SyncRecord(id=op.record_id, kind=kind.name, commune_code=commune_code,
                        unit_id=unit_id or None, year=owner.get("year"), created_by=user.id,
                        created_at=utc_now(), revision=1, deleted=False,
                        server_seq=next_server_seq(batch.session))
    batch.add_record(record)
    batch.event(record.id, "create", at=utc_now(), comment=f"{kind.name} (sync)")
    return record


def _delete_record(batch: _Batch, op: Operation, record: SyncRecord, *,
                   may_delete: bool) -> Receipt:
    """A record's tombstone, when the user may delete it and saw its latest revision."""
    kind = KINDS[record.kind]
    if not may_delete:
        return Receipt(op.op_id, "rejected", record_id=record.id,
                       message=f"your role may not delete a {kind.label_en}")
    base = op.fields.get("", (None, record.revision))[1]
    if base != record.revision:
        batch.hold(op, record.id, "delete_conflict",
                   f"the {kind.label_en} changed since this device last saw it")
        return Receipt(op.op_id, "conflict", record_id=record.id,
                       message=f"the {kind.label_en} was edited elsewhere; it was not deleted")
    seq = next_server_seq(batch.session)
    record.deleted, record.server_seq, record.revision = True, seq, record.revision + 1
    batch.event(record.id, "delete", at=utc_now(), comment=f"sync {op.op_id}")
    return Receipt(op.op_id, "applied", record_id=record.id)


def _allowed(user: User, action: str, unit: ServiceUnit) -> bool:
    return forms.unit_in_scope(user, unit) and may(
        user.role, action, delegated_approval=user.delegated_approval)


def _create_or_map(batch: _Batch, op: Operation, *, taken: bool = False
                   ) -> FormRecord | Receipt:
    """The form of the operation's natural key: made under the operation's id, or the one
    its unit already has (the id then becomes its alias). `taken`: the id names something
    outside the user's scope, so nothing can be made or aliased under it."""
    user = batch.user
    key = op.natural_key or {}
    unit = batch.unit(key.get("unit_id"))
    if unit is None or not forms.unit_in_scope(user, unit):
        return Receipt(op.op_id, "rejected_scope", message=_OUTSIDE_UNIT)
    if not _allowed(user, "create", unit):
        return Receipt(op.op_id, "rejected_scope", message="your role may not create forms")
    if taken:
        return Receipt(op.op_id, "rejected", message=_ID_TAKEN.format("form"))
    existing = batch.form_by_key(unit.id, key["year"], key["form_code"])
    if existing is not None:
        # Created on two devices: one form; this device's id now names the kept one.
        batch.session.add(FormAlias(alias_id=op.record_id, form_id=existing.id))
        batch.aliases[op.record_id] = existing.id
        batch.absent.discard(op.record_id)
        return existing
    try:
        definition = batch.definition(key["form_code"], op.definition_version)
    except NotFoundError:
        batch.hold(op, None, "unknown_version",
                   f"{key['form_code']}@{op.definition_version} is not published here")
        return Receipt(op.op_id, "needs_mapping", quarantined=tuple(op.fields),
                       message="this form version is unknown to the server: kept aside")
    if definition.service_kind != unit.kind:
        return Receipt(op.op_id, "rejected", message=f"{key['form_code']} is not a form for "
                                                     f"a {unit.kind.replace('_', ' ')}")
    # Defaults spelt out: the row is written at the end of the batch, and is read before.
    form = FormRecord(id=op.record_id, unit_id=unit.id, unit=unit, year=key["year"],
                      form_code=key["form_code"], definition_version=definition.version,
                      status="draft", created_by=user.id, revision=1, deleted=False,
                      server_seq=next_server_seq(batch.session), problems=[])
    batch.add_form(form)
    batch.event(form.id, "create", at=utc_now(), comment=f"{definition.key} (sync)")
    return form


def _apply_fields(batch: _Batch, op: Operation, form: FormRecord,
                  definition: FormDefinition) -> _Outcome:
    session, user = batch.session, batch.user
    outcome = _Outcome(record_id=form.id)
    form_definition = batch.definition(form.form_code, form.definition_version)
    entered = batch.entered_keys(form_definition)
    rows = batch.rows_of(form)
    incoming: dict[str, tuple[Any, int]] = {}
    unknown: dict[str, tuple[Any, int]] = {}
    for key, change in op.fields.items():
        # A field of another version of the form, or one that is computed here, is kept
        # aside for a person to map: never dropped.
        (incoming if key in entered and definition.has_field(key) else unknown)[key] = change
    merged = {k: row.value for k, row in rows.items() if row.value is not None}
    merged.update({k: v for k, (v, _) in incoming.items()})
    result = validate(form_definition, {k: v for k, v in merged.items() if v not in (None, "")})
    invalid = {p.field for p in result.errors if p.code != "required" and p.field in incoming}
    for key in sorted(invalid):
        unknown[key] = incoming.pop(key)
    if unknown:
        batch.hold(op, form.id,
                   "invalid" if invalid and len(invalid) == len(unknown) else "unknown_field",
                   ", ".join(sorted(unknown)), only_fields=unknown)
        outcome.quarantined = sorted(unknown)
    may_resolve = _allowed(user, "resolve_conflict", form.unit)
    values = {key: result.values.get(key) if raw not in (None, "") else None
              for key, (raw, _) in incoming.items()}
    seq, proposals = _write_changes(batch, op, form, incoming, values, may_resolve, outcome)
    _hold_proposals(batch, op, form.id, proposals, outcome)
    _confirm(session, user, batch, form, op.confirmations)
    if seq is not None:
        form.server_seq, form.revision = seq, form.revision + 1
        if invalid or outcome.conflicts:
            # What is stored differs from what was validated above: validate that.
            problems = validate(form_definition, {
                k: row.value for k, row in rows.items() if row.value is not None}).problems
        else:
            problems = result.problems
        form.problems = [p.as_dict() for p in problems]
    return outcome


def _write_changes(batch: _Batch, op: Operation, target: FormRecord | SyncRecord,
                   incoming: Mapping[str, tuple[Any, int]], values: Mapping[str, Any],
                   may_resolve: bool, outcome: _Outcome
                   ) -> tuple[int | None, dict[str, tuple[Any, int]]]:
    """Apply checked changes (`incoming`: key -> (as sent, base revision); `values`: key ->
    the value to store) to a form's fields or a record's columns, by the conflict rule:
    a change made on the current revision applies, one made on an older revision meets
    the current value as a conflict, and one naming an open conflict of its field settles
    it (only by someone who `may_resolve`). (The change number used, or None when nothing
    changed; the resolutions kept for a resolver.)"""
    session, user, user_id, device_id = batch.session, batch.user, batch.user_id, batch.device_id
    rows = batch.rows_of(target)
    proposals: dict[str, tuple[Any, int]] = {}
    seq: int | None = None
    now = utc_now()
    # The values this operation writes, for its one audit event (server/data/audit.py).
    old_values: dict[str, Any] = {}
    new_values: dict[str, tuple[Any, int]] = {}
    for key, (raw, base) in sorted(incoming.items()):
        value = values[key]
        row = rows.get(key)
        current_rev = row.revision if row is not None else 0
        current = row.value if row is not None else None
        # Only an open conflict of this very field settles by naming it; any other name
        # is an ordinary write, judged by its base revision like every other.
        resolving = _open_conflict(session, target, key, op.resolves.get(key))
        if resolving is not None and not may_resolve:
            # Only a district officer chooses between two values (common/roles.py). The
            # choice is kept for them, held and re-appliable; the conflict stays open, and
            # the field goes out again so this computer shows the server's value beside it.
            proposals[key] = (raw, base)
            outcome.conflicts[key] = resolving.id
            if row is not None and batch.reapplying is None:
                seq = seq or next_server_seq(session)
                row.server_seq = seq
                batch.changed(target.id, key)
            continue
        # No row at all but a base: the server lost the field (restored from a backup
        # older than the edit). Nothing stands against the value: it applies.
        lost = row is None and base > 0
        # The current value came from this same device (an earlier operation of it,
        # answered after this edit began): a device does not conflict with itself.
        own = row is not None and row.device_id == device_id and row.updated_by == user_id \
            and row.conflict_id is None
        if resolving is None and base != current_rev and not lost and not own:
            if value == current:
                outcome.revisions[key] = current_rev  # the same value is no conflict
                continue
            seq = seq or next_server_seq(session)
            outcome.conflicts[key] = _conflict(batch, op, target, key, base, value, seq, now)
            continue
        if resolving is not None:
            _resolve(user, resolving, value, now)
        if row is not None and value == current and resolving is None:
            outcome.revisions[key] = current_rev
            continue
        seq = seq or next_server_seq(session)
        if row is None:
            row = rows[key] = _Row(value, 1, seq, user_id, device_id, None, new=True,
                                   updated_at=now)
        else:
            if row.revision > 0:  # not the empty row a conflict made: it had a value
                old_values[key] = current
            row.value, row.revision, row.server_seq = value, row.revision + 1, seq
            row.updated_by, row.device_id, row.updated_at = user_id, device_id, now
            row.rewritten = True
            if resolving is not None:
                row.conflict_id = _next_open_conflict(session, target, key, resolving.id)
        batch.changed(target.id, key)
        outcome.revisions[key] = row.revision
        new_values[key] = (value, row.revision)
    if new_values:
        old_value, new_value = audit.change_set(old_values, new_values)
        batch.event(target.id, audit.VALUES, at=now, old_value=old_value,
                    new_value=new_value, comment=f"sync {op.op_id}")
    return seq, proposals


def _hold_proposals(batch: _Batch, op: Operation, target_id: str,
                    proposals: Mapping[str, tuple[Any, int]], outcome: _Outcome) -> None:
    """Keep resolutions made by someone who may not resolve, for a resolver."""
    if not proposals:
        return
    batch.hold(op, target_id, "resolver_needed",
               "a conflict resolution waits for a district officer: "
               + ", ".join(sorted(proposals)), only_fields=dict(proposals))
    outcome.quarantined = sorted({*outcome.quarantined, *proposals})
    outcome.message = ("only a district officer may resolve a conflict: your choice is "
                       "kept aside for them, and the conflict stays open")


def _open_conflict(session: Session, target: FormRecord | SyncRecord, key: str,
                   conflict_id: str | None) -> SyncConflict | None:
    """The conflict an operation names for a field, if it is open and of that field."""
    if conflict_id is None:
        return None
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or getattr(conflict, _owner_column(target)) != target.id \
            or conflict.field != key or conflict.status != "open":
        return None
    return conflict


def _next_open_conflict(session: Session, target: FormRecord | SyncRecord, key: str,
                        settled: str) -> str | None:
    """Another open conflict of the field, if one arose meanwhile: the row keeps naming
    it, so approval still waits and computers keep showing it."""
    return session.scalar(select(SyncConflict.id).where(
        getattr(SyncConflict, _owner_column(target)) == target.id, SyncConflict.field == key,
        SyncConflict.status == "open", SyncConflict.id != settled)
        .order_by(SyncConflict.created_at.desc()).limit(1))


def _conflict(batch: _Batch, op: Operation, form: FormRecord | SyncRecord, key: str,
              base: int, value: Any, seq: int, now: datetime) -> str:
    user_id, rows = batch.user_id, batch.rows_of(form)
    row = rows.get(key)
    base_value = batch.base_value(form, key, base) if base > 0 else None
    conflict = SyncConflict(
        id=new_id(), **{_owner_column(form): form.id}, field=key, base_revision=base,
        base_value=base_value,
        current_revision=row.revision if row is not None else 0,
        current_value=row.value if row is not None else None,
        current_by=row.updated_by if row is not None else user_id,
        incoming_value=value, incoming_by=user_id, incoming_device=batch.device_id,
        op_id=op.op_id)
    batch.session.add(conflict)
    if row is None:  # an empty field meets a value made on an older base: keep both
        row = rows[key] = _Row(None, 0, seq, user_id, batch.device_id, None, new=True,
                               updated_at=now)
    row.conflict_id, row.server_seq = conflict.id, seq  # pulled by everyone in scope
    batch.changed(form.id, key)
    form.server_seq = seq
    batch.event(form.id, "conflict", at=now, key=key, old_value=conflict.current_value,
                new_value=value, comment=f"sync {op.op_id}")
    return conflict.id


def _resolve(user: User, conflict: SyncConflict, value: Any, now: datetime) -> None:
    conflict.status, conflict.resolved_by = "resolved", user.id
    conflict.resolved_at, conflict.resolved_value = now, value


def _delete(batch: _Batch, op: Operation, form: FormRecord) -> Receipt:
    # Deleting is undoing a creation: it takes the right to create, and only while the
    # form is still being entered. Refused outright: nothing to hold, nothing changes.
    if not _allowed(batch.user, "create", form.unit):
        return Receipt(op.op_id, "rejected", record_id=form.id,
                       message="your role may not delete forms")
    if form.status not in DELETABLE_STATUSES:
        return Receipt(op.op_id, "rejected", record_id=form.id,
                       message=f"the form is {form.status}: only a draft or returned form "
                               "can be deleted")
    base = op.fields.get("", (None, form.revision))[1]
    if base != form.revision:
        # A concurrent edit and delete: the edit stands, the delete waits for a person.
        batch.hold(op, form.id, "delete_conflict",
                   "the form changed since this device last saw it")
        return Receipt(op.op_id, "conflict", record_id=form.id,
                       message="the form was edited elsewhere; it was not deleted")
    seq = next_server_seq(batch.session)
    form.deleted, form.server_seq, form.revision = True, seq, form.revision + 1
    batch.event(form.id, "delete", at=utc_now(), comment=f"sync {op.op_id}")
    return Receipt(op.op_id, "applied", record_id=form.id)


def _confirm(session: Session, user: User, batch: _Batch, form: FormRecord,
             confirmations: Mapping[str, str]) -> None:
    """Keep the warnings confirmed with their reasons, and say so in the form's history
    (as a confirmation through the API does)."""
    for key, reason in confirmations.items():
        field_key, _, code = key.rpartition(":")
        if not field_key or not reason.strip():
            continue
        row = session.get(WarningConfirmation, (form.id, field_key, code))
        if row is None:
            session.add(WarningConfirmation(form_id=form.id, field=field_key, code=code,
                                            reason=reason.strip(), confirmed_by=user.id))
        elif row.reason == reason.strip():
            continue  # confirmed again with the same words: nothing new to record
        else:
            row.reason, row.confirmed_by = reason.strip(), user.id
        batch.event(form.id, "confirm", at=utc_now(), key=field_key,
                    comment=f"{code}: {reason.strip()}")


def reapply(session: Session, user: User, quarantine_id: str, device_id: str) -> Receipt:
    """Apply a held operation again (after an unlock, say), as a new operation of `user`.

    The hold is settled when the operation applied, conflicted, or is held anew for
    another reason (that new hold carries it on). Held again for the same reason (the
    form still locked, say), it stays the one hold it was.
    """
    held = _held_for_decision(session, user, quarantine_id)
    payload = dict(held.payload)
    payload.update(op_id=new_id(), device_id=device_id)
    if held.reason == "delete_conflict" and held.form_id is not None:
        # A delete held because the form changed after its device last saw it. Run with
        # the same base, it would be held again forever. An approver of the form who
        # re-applies it decides, knowing the form as it is now: judged against the current
        # revision. Its author alone may not override the later changes: held again.
        form = session.get(FormRecord, held.form_id)
        if form is not None and _allowed(user, "approve", form.unit):
            payload["fields"] = {**payload.get("fields", {}), "": [None, form.revision]}
    if held.reason == "delete_conflict" and held.record_id is not None:
        # The same for a record: its officer decides, against the current revision.
        record = session.get(SyncRecord, held.record_id)
        if record is not None and _record_officer(user, record):
            payload["fields"] = {**payload.get("fields", {}), "": [None, record.revision]}
    op = Operation.from_payload(payload)
    batch = _Batch(session, user, device_id, reapplying=held)
    receipt = _decide(batch, op)
    batch.write()
    if not batch.held_again and (receipt.result in ("applied", "conflict") or batch.new_holds):
        held.status, held.settled_at, held.settled_by = "reapplied", utc_now(), user.id
    return receipt


def _held_for_decision(session: Session, user: User, quarantine_id: str) -> SyncQuarantine:
    """A held operation the user may decide on, locked for this transaction: two people
    deciding at once are decided one after the other (the second finds it settled)."""
    held = session.scalars(select(SyncQuarantine).where(SyncQuarantine.id == quarantine_id)
                           .with_for_update()).first()
    if held is None or held.status != "held":
        raise NotFoundError("no such held operation")
    sees, decides = _may_see_and_decide(session, user, held)
    if not sees:
        raise NotFoundError("no such held operation")
    if not decides:
        # Its author decides only while the form is still theirs to work on.
        raise ForbiddenError("only the person who sent this change, while the form is in "
                             "their scope, or an approver of its form, may decide on it")
    return held


def dismiss(session: Session, user: User, quarantine_id: str, reason: str) -> SyncQuarantine:
    """Set a held operation aside for good, with a reason: a person decided that what it
    carries must not apply (a delete of a form to keep, say). Its payload stays stored, the
    decision is in the form's history, and a delete it held no longer blocks approval."""
    held = _held_for_decision(session, user, quarantine_id)
    held.status, held.settled_at = "dismissed", utc_now()
    held.settled_by, held.settled_reason = user.id, reason
    if held.form_id is not None and session.get(FormRecord, held.form_id) is not None:
        session.add(AuditEvent(user_id=user.id, form_id=held.form_id, action="dismiss",
                               comment=f"{held.reason}: {reason}"))
    elif held.record_id is not None and session.get(SyncRecord, held.record_id) is not None:
        session.add(AuditEvent(user_id=user.id, record_id=held.record_id, action="dismiss",
                               comment=f"{held.reason}: {reason}"))
    return held


#: Holds where a delete and an edit of one form met (a delete made before later edits were
#: seen, an edit of a form deleted meanwhile). Like a field conflict, such a clash is
#: shown to everyone whose scope covers the form (docs/SYNC.md: "a concurrent edit and delete is
#: a conflict"); deciding stays with its author and the form's approvers.
_CLASHES = frozenset({"delete_conflict", "deleted"})


def _may_see_and_decide(session: Session, user: User,
                        held: SyncQuarantine) -> tuple[bool, bool]:
    """(whether the user may see a hold, whether they may decide on it). Its author sees
    it and, while its form is in their scope, decides; an approver of its form sees and
    decides; anyone else whose scope covers the form sees a delete-and-edit clash."""
    if held.record_id is not None:
        return _may_see_and_decide_record(session, user, held)
    form = session.get(FormRecord, held.form_id) if held.form_id else None
    if held.user_id == user.id:
        return True, form is None or forms.unit_in_scope(user, form.unit)
    if form is None:
        return False, False
    if _allowed(user, "approve", form.unit):
        return True, True
    return held.reason in _CLASHES and forms.unit_in_scope(user, form.unit), False


def _record_in_scope(user: User, record: SyncRecord) -> bool:
    """Whether a record lies inside the user's scope (by its own kind: a unit's editor
    never sees a personal one)."""
    return records.in_scope(user, KINDS[record.kind], record.commune_code, record.unit_id)


def _record_officer(user: User, record: SyncRecord) -> bool:
    """Whether the user decides on a record's held changes as an officer: one who
    resolves conflicts (a district officer) with the record in their scope."""
    return _record_in_scope(user, record) \
        and may(user.role, "resolve_conflict", delegated_approval=user.delegated_approval)


def _may_see_and_decide_record(session: Session, user: User,
                               held: SyncQuarantine) -> tuple[bool, bool]:
    """As `_may_see_and_decide`, for a held change of a record: its author (while the
    record is in their scope) and the record's officer decide; everyone else whose scope
    covers it sees a delete-and-edit clash."""
    record = session.get(SyncRecord, held.record_id)
    if record is None:
        return held.user_id == user.id, held.user_id == user.id
    inside = _record_in_scope(user, record)
    if held.user_id == user.id:
        return True, inside
    if _record_officer(user, record):
        return True, True
    return held.reason in _CLASHES and inside, False


def quarantine_for(session: Session, user: User, *, limit: int | None = None,
                   after: tuple[datetime, str] | None = None
                   ) -> list[tuple[SyncQuarantine, bool]]:
    """Held operations the user may see, oldest first, each with whether the user may
    decide on it: their own and those of forms they approve (to decide), and the
    delete-and-edit clashes of forms in their scope (to know).

    One statement, whose cost follows what the user sees, not what the country holds: the
    database reads the holds by three indexed ways in, which never meet (the user's own
    holds; others' holds of forms of units in the scope; others' holds of records in the
    scope), and works out in SQL what `_may_see_and_decide` says of each. Nothing is read
    hold by hold, and no way in leads through the holds outside the scope
    (bench/bench_quarantine.py). `_may_see_and_decide` stays the rule for one hold, at a
    decision; tests/server/test_quarantine_scope.py checks that the two agree for every
    account and every kind of hold, and counts this list's statements.

    `limit` and `after` (the `created_at` and `id` of the last hold of the previous page)
    page the list; without them it is whole, as GET /sync/quarantine answers it.
    """
    own = SyncQuarantine.user_id == user.id
    # SQLite keeps no statistics unless told to (ANALYZE), and would take the status
    # index, or record_id IS NULL, as its way in: each leads to every hold of the country.
    # Compared through an expression it cannot look up (`|| ''`; NULL stays NULL), they
    # leave it the scope's ways in. PostgreSQL plans from its statistics: plain columns.
    opaque = session.get_bind().dialect.name == "sqlite"
    status, record_id = ((SyncQuarantine.status.concat(""), SyncQuarantine.record_id.concat(""))
                         if opaque else (SyncQuarantine.status, SyncQuarantine.record_id))
    held, not_of_record = status == "held", record_id.is_(None)
    clash = SyncQuarantine.reason.in_(_CLASHES)
    of_record = SyncQuarantine.record_id.is_not(None)
    approver = may(user.role, "approve", delegated_approval=user.delegated_approval)
    officer = may(user.role, "resolve_conflict", delegated_approval=user.delegated_approval)
    columns = tuple(SyncQuarantine.__table__.c)
    # Its own holds: decided by their author while what they name is in the scope, or
    # is not there. (A missing row compares as NULL, which CASE takes as "no".)
    form_inside = and_(FormRecord.id.is_not(None), forms.scope_condition(user))
    record_inside = and_(SyncRecord.id.is_not(None), records.scope_condition(user))
    own_decides = case(
        (of_record, case((or_(SyncRecord.id.is_(None), record_inside), True), else_=False)),
        (or_(FormRecord.id.is_(None), form_inside), True), else_=False)
    mine = select(*columns, own_decides.label("decides")).select_from(SyncQuarantine) \
        .outerjoin(FormRecord, SyncQuarantine.form_id == FormRecord.id) \
        .outerjoin(ServiceUnit, FormRecord.unit_id == ServiceUnit.id) \
        .outerjoin(SyncRecord, SyncQuarantine.record_id == SyncRecord.id) \
        .where(held, own)
    # Others' holds in the scope: an approver of forms (an officer, for records) sees and
    # decides every one; anyone else sees the delete-and-edit clashes only. Found from the
    # scope's forms and records (`IN`, through the holds' form_id and record_id indexes).
    of_forms = select(*columns, literal(approver).label("decides")) \
        .where(held, ~own, not_of_record,
               SyncQuarantine.form_id.in_(_forms_in_scope(user, FormRecord.id)))
    of_records = select(*columns, literal(officer).label("decides")) \
        .where(held, ~own,
               SyncQuarantine.record_id.in_(records.records_in_scope(user, SyncRecord.id)))
    rows = union_all(mine, of_forms if approver else of_forms.where(clash),
                     of_records if officer else of_records.where(clash)).subquery()
    hold = aliased(SyncQuarantine, rows)
    statement = select(hold, rows.c.decides).order_by(rows.c.created_at, rows.c.id)
    if after is not None:
        at, last_id = after
        statement = statement.where(or_(rows.c.created_at > at,
                                        and_(rows.c.created_at == at, rows.c.id > last_id)))
    if limit is not None:
        statement = statement.limit(limit)
    return [(found, bool(decides)) for found, decides in session.execute(statement)]


# --------------------------------------------------------------------------- pull

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


def pull(session: Session, user: User, cursor: Cursor, max_bytes: int) -> dict[str, Any]:
    """Changes in the user's scope after `cursor`, about `max_bytes` of them at most (always
    at least one change when there is one), with the conflicts they name."""
    with cyclic_gc_paused():
        return _pull(session, user, cursor, max_bytes)


def _pull(session: Session, user: User, cursor: Cursor, max_bytes: int) -> dict[str, Any]:
    after = tuple_(cursor.seq, cursor.record_id, cursor.field)
    until = feed_horizon(session)
    # Four ordered reads: form headers, their fields, record headers, their columns. Ids
    # never collide, so one key (change number, id, field) orders them all.
    # A header's change is made by its builder; a value's (None) the same way for both.
    streams: list[tuple[Select[Any], Callable[[Any], dict[str, Any]] | None, int]] = []
    for in_scope, columns, key_columns, header_change in (
            (_forms_in_scope, _HEADER_COLUMNS, (FormRecord.server_seq, FormRecord.id),
             _form_change),
            (_values_in_scope, _VALUE_COLUMNS,
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
    changes: list[dict[str, Any]] = []
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
    conflict_ids = {c["c"] for c in changes if c.get("c")}
    conflicts = _conflict_views(session, session.scalars(
        select(SyncConflict).where(SyncConflict.id.in_(conflict_ids)))) if conflict_ids else []
    return {"protocol": PROTOCOL_VERSION, "epoch": epoch(session),
            "scope": scope_signature(user), "changes": changes, "conflicts": conflicts,
            "next": Cursor(*last_key).encode(), "more": more}


def _keyed(rows: Sequence[Any], header_change: Callable[[Any], dict[str, Any]] | None
           ) -> Iterator[tuple[tuple[int, str, str], Any, Any]]:
    """A read's rows with their feed keys and how each becomes a change (a header's
    builder, or None for a value)."""
    header = header_change is not None
    for row in rows:
        yield _feed_key(row, header=header), header_change, row


def _feed_key(row: Any, *, header: bool) -> tuple[int, str, str]:
    return (row[0], row[1], "") if header else (row[0], row[1], row[2])


def _form_change(row: Any) -> dict[str, Any]:
    (_, form_id, unit_id, year, form_code, version, status, revision, deleted,
     comment) = row
    return {"t": "form", "id": form_id, "unit_id": unit_id, "year": year,
            "form_code": form_code, "v": version, "status": status, "rev": revision,
            "deleted": deleted, "comment": comment}


def _value_change(row: Any) -> dict[str, Any]:
    _, form_id, key, value, revision, conflict_id = row
    change = {"t": "value", "f": form_id, "k": key, "v": value, "r": revision}
    if conflict_id:
        change["c"] = conflict_id
    return change


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


def checksum(session: Session, user: User) -> dict[str, Any]:
    """Counts and a digest of (form, field, revision) over the user's scope: a client
    that holds the same compares equal; a mismatch means pull again."""
    # Before the counts: a write that ends while they are read numbered its changes at or
    # above this, so `settled` still sees them.
    until = feed_horizon(session)
    rows = session.execute(
        _values_in_scope(user, FieldValue.form_id, FieldValue.field, FieldValue.revision)
        .where(FormRecord.deleted.is_(False))
        .order_by(FieldValue.form_id, FieldValue.field)).all()
    forms_count = session.scalar(
        _forms_in_scope(user, func.count()).where(FormRecord.deleted.is_(False))) or 0
    # The records of other kinds, apart: a computer that knows no record kind compares
    # its forms as before.
    record_rows = session.execute(
        records.values_in_scope(user, RecordValue.record_id, RecordValue.field,
                                RecordValue.revision)
        .where(SyncRecord.deleted.is_(False))).all()
    records_count = session.scalar(
        records.records_in_scope(user, func.count()).where(SyncRecord.deleted.is_(False))) or 0
    return {"forms": forms_count, "values": len(rows), "digest": digest(rows),
            "records": records_count, "record_values": len(record_rows),
            "record_digest": digest(record_rows),
            "settled": settled(session, user, until)}


def settled(session: Session, user: User, until: int | None = None) -> bool:
    """False when the user's scope holds changes a pull cannot give yet: committed after
    a write that is still in progress (numbered at or above the pull's horizon, `until`,
    read now when not given). The checksum's counts include them, so a computer compares
    only once they are pulled."""
    if until is None:
        until = feed_horizon(session)
    if until is None:
        return True
    waiting = _forms_in_scope(user, FormRecord.id) \
        .where(FormRecord.server_seq >= until).exists()
    waiting_values = _values_in_scope(user, FieldValue.form_id) \
        .where(FieldValue.server_seq >= until).exists()
    waiting_records = records.records_in_scope(user, SyncRecord.id) \
        .where(SyncRecord.server_seq >= until).exists()
    waiting_columns = records.values_in_scope(user, RecordValue.record_id) \
        .where(RecordValue.server_seq >= until).exists()
    return not session.scalar(select(waiting | waiting_values | waiting_records
                                     | waiting_columns))


def _forms_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the form headers in the user's scope."""
    return forms.scope_filter(select(*columns).select_from(FormRecord)
                              .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id), user)


def _values_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the field values of forms in the user's scope."""
    return forms.scope_filter(select(*columns).select_from(FieldValue)
                              .join(FormRecord, FieldValue.form_id == FormRecord.id)
                              .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id), user)
