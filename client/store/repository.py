"""The client's local store: one SQLite file, used without any screen.

Every change is one local transaction that writes the values and their outbox operation
together, so a crash leaves both or neither. Unsent edits to one form fold into one
operation until it is sent; from then on the operation is frozen and later edits make a
new one. Screens (and the command line) call these methods; they never hold a session.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, event, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from client.store import migrations
from client.store.crypto import open_engine
from client.store.errors import (
    StoreError,
    StoreLostError,
    StoreUnreadableError,
    file_identity,
    file_of,
    unavailable_error,
)
from client.store.models import (
    REFERENCE_TABLES,
    UNSENT_STATES,
    LocalBase,
    LocalConflict,
    LocalForm,
    LocalRecord,
    LocalValue,
    OutboxOperation,
    OutboxState,
    SyncState,
)
from common.db import Base, new_id, utc_now
from common.forms import FormDefinition, validate
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.sync.kinds import KINDS, RecordError, RecordKind, check_owner
from common.sync.protocol import Operation
from common.units.models import ServiceUnit
from common.workflow import DELETABLE_STATUSES

#: The key of a delete operation's `fields` that carries the form header's base revision.
DELETE_BASE_KEY = ""


class LocalStore:
    """The local database of one computer."""

    def __init__(self, path: str | Path, *, daily_backup: bool = False,
                 key: bytes | None = None) -> None:
        """Open (or make) the store at `path`, migrating an older one after a backup;
        `daily_backup`: also keep today's copy (the application does, on sign-in)."""
        url = str(path) if str(path).startswith("sqlite:") else f"sqlite:///{Path(path)}"
        # With a key, an encrypted (SQLCipher) file: every store opened for a person.
        self.engine: Engine = open_engine(url, key)
        event.listen(self.engine, "connect", _durable)
        #: The database file (None for a store in memory).
        self.path = file_of(self.engine)
        try:
            #: The copy made before this release migrated the store's schema, if it did
            #: (client/store/migrations.py).
            self.migration_backup = migrations.prepare(self.engine, self.path, _create_tables)
            if daily_backup:
                migrations.daily_backup(self.engine, self.path)
        except DBAPIError as error:
            self.engine.dispose()
            problem = unavailable_error(error, self.path)
            if problem is None:
                raise
            raise problem from error
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._definitions: dict[tuple[str, int], FormDefinition] = {}
        # Which file was opened: a file deleted or replaced under the open connection is
        # told from the one opened by this identity (`check_file`).
        self._identity = file_identity(self.path)

    def close(self) -> None:
        """Close the database file."""
        self.engine.dispose()

    def check_file(self) -> None:
        """StoreLostError when the file opened is no longer at its path (deleted, moved or
        replaced), StoreUnreadableError when its folder can no longer be looked into."""
        if self.path is None or self._identity is None:
            return
        try:
            now = file_identity(self.path)
        except PermissionError as error:
            raise StoreUnreadableError(self.path) from error
        if now is None:
            raise StoreLostError(self.path)
        if now != self._identity:
            raise StoreLostError(self.path, replaced=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One local transaction: committed at the end of the block, or rolled back.

        A transaction that wrote checks, before and after its commit, that the file it
        wrote is still the store's file: else StoreLostError, so no screen reports a save
        that went into a deleted file. A file that cannot be written or read raises a
        StoreUnavailableError that says so in words, not the database's error text.
        """
        wrote = False
        try:
            with self._sessions() as session:
                with session.begin():
                    raw = _dbapi_connection(session)
                    before = _changes(raw)
                    yield session
                    session.flush()
                    wrote = _changes(raw) != before
                    if wrote:
                        self.check_file()  # rolled back: nothing went into a lost file
                if wrote:
                    # Deleted between the check and the commit: what was committed went
                    # with the file, and the caller must not say "saved".
                    self.check_file()
        except DBAPIError as error:
            problem = unavailable_error(error, self.path)
            if problem is None:
                raise
            raise problem from error

    # ------------------------------------------------------------------ state

    def get_state(self, key: str, session: Session | None = None) -> str | None:
        """A kept fact (cursor, epoch, device id, ...), or None."""
        if session is not None:
            row = session.get(SyncState, key)
            return row.value if row else None
        with self.transaction() as own:
            return self.get_state(key, own)

    def set_state(self, key: str, value: str | None, session: Session | None = None) -> None:
        """Keep a fact."""
        if session is None:
            with self.transaction() as own:
                self.set_state(key, value, own)
            return
        row = session.get(SyncState, key)
        if row is None:
            session.add(SyncState(key=key, value=value))
        else:
            row.value = value

    @property
    def device_id(self) -> str:
        """This computer's id, made once."""
        with self.transaction() as session:
            return self.device_id_in(session)

    def _next_device_seq(self, session: Session) -> int:
        current = int(self.get_state("device_seq", session) or 0) + 1
        self.set_state("device_seq", str(current), session)
        return current

    # ------------------------------------------------------------------ reference data

    def definition(self, form_code: str, version: int) -> FormDefinition | None:
        """A published definition kept locally, or None."""
        key = (form_code, version)
        if key not in self._definitions:
            with self.transaction() as session:
                row = session.get(PublishedDefinition, key)
                if row is None:
                    return None
                self._definitions[key] = row.definition()
        return self._definitions[key]

    def latest_definition(self, form_code: str) -> FormDefinition | None:
        """The newest published definition of a form kept locally, or None."""
        with self.transaction() as session:
            version = session.scalar(select(func.max(PublishedDefinition.version))
                                     .where(PublishedDefinition.form == form_code))
        return self.definition(form_code, version) if version else None

    # ------------------------------------------------------------------ edits

    def create_form(self, *, unit_id: str, year: int, form_code: str,
                    definition_version: int | None = None, form_id: str | None = None) -> str:
        """Make a form here (offline): its header travels with its first operation."""
        if definition_version is None:
            latest = self.latest_definition(form_code)
            if latest is None:
                raise StoreError(f"no definition of {form_code} on this computer: sync first")
            definition_version = latest.version
        form_id = form_id or str(uuid.uuid4())
        with self.transaction() as session:
            existing = session.scalars(select(LocalForm).where(
                LocalForm.unit_id == unit_id, LocalForm.year == year,
                LocalForm.form_code == form_code, LocalForm.deleted.is_(False))).first()
            if existing is not None:
                raise StoreError("this unit already has this form for this year",
                                 [{"field": "", "code": "exists", "message_en": existing.id,
                                   "message_km": existing.id}])
            session.add(LocalForm(id=form_id, unit_id=unit_id, year=year, form_code=form_code,
                                  definition_version=definition_version))
            self._fold(session, form_id, {}, {}, natural_key={
                "unit_id": unit_id, "year": year, "form_code": form_code},
                version=definition_version)
        return form_id

    def save_values(self, form_id: str, changes: Mapping[str, Any], *,
                    confirmations: Mapping[str, str] | None = None) -> None:
        """Save values (None clears one) and warning confirmations, with their outbox
        operation, in one transaction. Wrong values (not merely missing) are refused.

        The file is checked even when nothing differs from what is kept (a figure typed
        back to its saved value): a save into a lost store is never reported as done."""
        self.check_file()
        with self.transaction() as session:
            form = session.get(LocalForm, form_id)
            if form is None or form.deleted:
                raise StoreError("no such form on this computer")
            if form.status in ("approved", "published"):
                raise StoreError(f"the form is {form.status}: ask for an unlock first")
            rows = {v.field: v for v in session.scalars(
                select(LocalValue).where(LocalValue.form_id == form_id))}
            definition = self.definition(form.form_code, form.definition_version)
            normalised: dict[str, Any] = dict(changes)
            if definition is not None:
                merged = {k: r.value for k, r in rows.items() if r.value is not None}
                merged.update(changes)
                result = validate(definition, {k: v for k, v in merged.items()
                                               if v not in (None, "")})
                wrong = [p.as_dict() for p in result.errors
                         if p.code != "required" and p.field in changes]
                if wrong:
                    raise StoreError("some values are not valid; nothing was saved", wrong)
                normalised = {k: (result.values.get(k) if v not in (None, "") else None)
                              for k, v in changes.items()}
            changed = _write_values(session, form_id, rows, normalised)
            if changed or confirmations:
                self._fold(session, form_id, changed, dict(confirmations or {}),
                           version=form.definition_version)

    def _fold(self, session: Session, form_id: str, changed: Mapping[str, Any],
              confirmations: Mapping[str, str], *, version: int,
              natural_key: Mapping[str, Any] | None = None, entity: str = "form",
              owner: Mapping[str, Any] | None = None) -> None:
        """Add changes to this form's (or record's) unsent operation, or start a new one."""
        op = session.scalars(select(OutboxOperation).where(
            OutboxOperation.record_id == form_id, OutboxOperation.state == "pending")
            .order_by(OutboxOperation.device_seq.desc()).limit(1)).first()
        bases = {v.field: v.server_revision or 0 for v in session.scalars(
            select(LocalValue).where(LocalValue.form_id == form_id,
                                     LocalValue.field.in_(list(changed))))}
        if op is None:
            payload = Operation(
                op_id=new_id(), device_id=self.device_id_in(session),
                device_seq=self._next_device_seq(session), entity=entity, record_id=form_id,
                definition_version=version, natural_key=natural_key, owner=owner,
                client_time=utc_now().isoformat(timespec="seconds")).payload()
            op = OutboxOperation(op_id=payload["op_id"], device_seq=payload["device_seq"],
                                 record_id=form_id, state="pending", payload=payload,
                                 payload_hash="")
            session.add(op)
        payload = dict(op.payload)
        fields = dict(payload.get("fields", {}))
        for key, value in changed.items():
            # The base is what the server had when this edit began: an earlier unsent
            # edit of the same field keeps its base.
            base = fields[key][1] if key in fields else bases.get(key, 0)
            fields[key] = [value, base]
        payload["fields"] = fields
        if confirmations:
            payload["confirmations"] = {**payload.get("confirmations", {}), **confirmations}
        if natural_key is not None:
            payload["natural_key"] = dict(natural_key)
        op.payload = payload
        op.payload_hash = Operation.from_payload(payload).payload_hash

    def delete_form(self, form_id: str) -> None:
        """Delete a draft or returned form on this computer, with its outbox operation.

        A form the server never took (made here, nothing of it sent or acknowledged)
        simply disappears with its unsent operations. Otherwise the form is hidden here
        and a delete operation, based on the header revision this computer last saw, waits
        in the outbox; it stands only once the server applies it (settling its receipt,
        client/sync/settling.py, shows the form again otherwise).

        Unsent edits of the form are neither dropped nor sent on their own: they ride
        inside the delete operation. Sent first, they would move the server's header
        revision and make this computer's own delete stale (held as a conflict); dropped,
        they would be lost if the delete is refused. Carried, they die with the form when
        the delete applies (the user deleted them, knowingly), and they are queued again,
        with their original bases, when it does not. The server reads only the key "" of
        a delete, and keeps the whole payload when it holds one.
        """
        with self.transaction() as session:
            form = session.get(LocalForm, form_id)
            if form is None or form.deleted:
                raise StoreError("no such form on this computer")
            if form.status not in DELETABLE_STATUSES:
                raise StoreError(f"the form is {form.status}: only a draft or returned form "
                                 "can be deleted")
            self._delete(session, form, entity="form", version=form.definition_version,
                         noun="form")

    def _delete(self, session: Session, target: LocalForm | LocalRecord, *, entity: str,
                version: int, noun: str) -> None:
        """Delete a form or a record here, with its delete operation (`delete_form`)."""
        record_id = target.id
        ops = list(session.scalars(select(OutboxOperation).where(
            OutboxOperation.record_id == record_id).order_by(OutboxOperation.device_seq)))
        if any(op.state == "sent" for op in ops):
            # Their outcome is unknown: applied, they moved the header revision and
            # this delete would conflict with this computer's own edits.
            raise StoreError(f"changes to this {noun} are on their way to the server "
                             "and not answered yet: sync, then delete it")
        unsent = [op for op in ops if op.state == "pending"]
        server_took_it = target.server_revision is not None or any(
            (op.receipt or {}).get("record_id") for op in ops)
        if not server_took_it:
            # Made here and never taken by the server: there is nothing to tell it.
            for op in unsent:
                session.delete(op)
            session.execute(delete(LocalValue).where(LocalValue.form_id == record_id))
            session.delete(target)
            return
        if target.server_revision is None:
            # The server acknowledged it, but its header revision (the delete's
            # base) only arrives with a pull: a guess would make the delete conflict.
            raise StoreError(f"the server has this {noun} but this computer has not "
                             "fetched it back yet: sync, then delete it")
        fields: dict[str, list[Any]] = {}
        confirmations: dict[str, str] = {}
        resolves: dict[str, str] = {}
        for op in unsent:
            for key, (value, base) in op.payload.get("fields", {}).items():
                # As in folding: the latest value, on the base of the first edit.
                fields[key] = [value, fields[key][1] if key in fields else base]
            confirmations.update(op.payload.get("confirmations", {}))
            resolves.update(op.payload.get("resolves", {}))
            version = op.payload["definition_version"]
            session.delete(op)
        fields[DELETE_BASE_KEY] = [None, target.server_revision]
        payload = Operation(
            op_id=new_id(), device_id=self.device_id_in(session),
            device_seq=self._next_device_seq(session), entity=entity, record_id=record_id,
            definition_version=version,
            fields={k: (v, base) for k, (v, base) in fields.items()}, delete=True,
            confirmations=confirmations, resolves=resolves,
            client_time=utc_now().isoformat(timespec="seconds")).payload()
        session.add(OutboxOperation(
            op_id=payload["op_id"], device_seq=payload["device_seq"], record_id=record_id,
            state="pending", payload=payload,
            payload_hash=Operation.from_payload(payload).payload_hash))
        target.deleted = True

    # ------------------------------------------------------------------ other record kinds

    def create_record(self, kind: str, values: Mapping[str, Any], *,
                      commune_code: str | None = None, unit_id: str | None = None,
                      year: int | None = None, record_id: str | None = None) -> str:
        """Make a record of another kind here (a JAAP action, a scorecard session, a
        facilitator: common/sync/kinds.py), with its first operation. A record of a unit
        belongs to the unit's commune (the server checks it against its own list)."""
        spec = _kind(kind)
        owner = {k: v for k, v in (("commune_code", commune_code), ("year", year),
                                   ("unit_id", unit_id)) if v is not None}
        try:
            check_owner(spec, owner)
        except RecordError as problem:
            raise StoreError(problem.message, [_problem(problem.key, problem.message)]) \
                from None
        cleaned = _clean(spec, values)
        missing = spec.missing(cleaned)
        if missing:
            raise StoreError("some required values are missing; nothing was saved",
                             [_problem(key, "required", "required") for key in missing])
        record_id = record_id or str(uuid.uuid4())
        with self.transaction() as session:
            if unit_id is not None:
                unit = session.get(ServiceUnit, unit_id)
                if unit is None:
                    raise StoreError("no such unit on this computer: sync first")
                if commune_code is not None and commune_code != unit.commune_code:
                    raise StoreError("the unit is not in that commune")
                commune_code = unit.commune_code
                owner.pop("commune_code", None)  # the server takes it from the unit
            elif session.get(AdminArea, commune_code) is None:
                raise StoreError(f"no commune {commune_code} on this computer: sync first")
            session.add(LocalRecord(id=record_id, kind=kind, commune_code=commune_code,
                                    unit_id=unit_id, year=year))
            changed = _write_values(session, record_id, {}, cleaned)
            self._fold(session, record_id, changed, {}, version=spec.version, entity=kind,
                       owner=owner)
        return record_id

    def save_record(self, record_id: str, changes: Mapping[str, Any]) -> None:
        """Save changes (None clears a column) of a record, with their outbox operation,
        in one transaction. Wrong values, and a required column cleared, are refused."""
        with self.transaction() as session:
            record = session.get(LocalRecord, record_id)
            if record is None or record.deleted:
                raise StoreError("no such record on this computer")
            spec = _kind(record.kind)
            cleaned = _clean(spec, changes)
            rows = {v.field: v for v in session.scalars(
                select(LocalValue).where(LocalValue.form_id == record_id))}
            merged = {k: r.value for k, r in rows.items()}
            merged.update(cleaned)
            cleared = [key for key in spec.missing(merged) if key in cleaned]
            if cleared:
                raise StoreError("a required value cannot be cleared; nothing was saved",
                                 [_problem(key, "required", "required") for key in cleared])
            changed = _write_values(session, record_id, rows, cleaned)
            if changed:
                self._fold(session, record_id, changed, {}, version=spec.version,
                           entity=record.kind)

    def delete_record(self, record_id: str) -> None:
        """Delete a record here, with its delete operation (as `delete_form`: it stands
        once the server applies it)."""
        with self.transaction() as session:
            record = session.get(LocalRecord, record_id)
            if record is None or record.deleted:
                raise StoreError("no such record on this computer")
            spec = _kind(record.kind)
            self._delete(session, record, entity=record.kind, version=spec.version,
                         noun=spec.label_en)

    def records(self, kind: str, *, commune_code: str | None = None,
                year: int | None = None) -> list[LocalRecord]:
        """The records of a kind on this computer that are not deleted, narrowed to a
        commune or a year when given."""
        statement = select(LocalRecord).where(LocalRecord.kind == kind,
                                              LocalRecord.deleted.is_(False))
        if commune_code is not None:
            statement = statement.where(LocalRecord.commune_code == commune_code)
        if year is not None:
            statement = statement.where(LocalRecord.year == year)
        with self.transaction() as session:
            return list(session.scalars(statement.order_by(LocalRecord.year, LocalRecord.id)))

    def record(self, record_id: str) -> LocalRecord | None:
        """A record's header, or None."""
        with self.transaction() as session:
            return session.get(LocalRecord, record_id)

    def requeue_carried_edits(self, session: Session, delete_op: OutboxOperation,
                              record_id: str) -> set[str]:
        """The server did not delete the form: queue again the unsent edits its delete
        operation carried, on their original bases; the fields queued.

        They join the form's unsent operation when there is one, where an edit made since
        keeps its newer value (on the older base), so nothing older overwrites it.
        """
        carried = {k: v for k, v in delete_op.payload.get("fields", {}).items()
                   if k != DELETE_BASE_KEY}
        confirmations = delete_op.payload.get("confirmations", {})
        resolves = delete_op.payload.get("resolves", {})
        if not (carried or confirmations or resolves):
            return set()
        op = session.scalars(select(OutboxOperation).where(
            OutboxOperation.record_id == record_id, OutboxOperation.state == "pending")
            .order_by(OutboxOperation.device_seq.desc()).limit(1)).first()
        if op is None:
            payload = Operation(
                op_id=new_id(), device_id=self.device_id_in(session),
                device_seq=self._next_device_seq(session),
                entity=delete_op.payload.get("entity", "form"), record_id=record_id,
                definition_version=delete_op.payload["definition_version"],
                client_time=utc_now().isoformat(timespec="seconds")).payload()
            op = OutboxOperation(op_id=payload["op_id"], device_seq=payload["device_seq"],
                                 record_id=record_id, state="pending", payload=payload,
                                 payload_hash="")
            session.add(op)
        payload = dict(op.payload)
        fields = dict(payload.get("fields", {}))
        for key, (value, base) in carried.items():
            fields[key] = [fields[key][0] if key in fields else value, base]
        payload["fields"] = fields
        if confirmations or payload.get("confirmations"):
            payload["confirmations"] = {**confirmations, **payload.get("confirmations", {})}
        if resolves or payload.get("resolves"):
            payload["resolves"] = {**resolves, **payload.get("resolves", {})}
        op.payload = payload
        op.payload_hash = Operation.from_payload(payload).payload_hash
        return set(carried)

    def device_id_in(self, session: Session) -> str:
        """The device id, within an open transaction."""
        device = self.get_state("device_id", session)
        if device is None:
            device = new_id()
            self.set_state("device_id", device, session)
        return device

    def resolve_conflict(self, conflict_id: str, value: Any) -> None:
        """Settle a conflict by choosing (or typing) the value to keep: a new write that
        names the conflict."""
        with self.transaction() as session:
            conflict = session.get(LocalConflict, conflict_id)
            if conflict is None or conflict.status != "open":
                raise StoreError("no open conflict with this id")
            row = session.get(LocalValue, (conflict.form_id, conflict.field))
            form = session.get(LocalForm, conflict.form_id)
            record = session.get(LocalRecord, conflict.form_id) if form is None else None
            target = form or record
            if row is None or target is None:
                raise StoreError("the conflict's field is not on this computer")
            entity, version = ("form", target.definition_version) \
                if isinstance(target, LocalForm) else (target.kind, KINDS[target.kind].version)
            row.value, row.pending = value, True
            op = OutboxOperation(op_id=new_id(), device_seq=self._next_device_seq(session),
                                 record_id=conflict.form_id, state="pending", payload={},
                                 payload_hash="")
            payload = Operation(
                op_id=op.op_id, device_id=self.device_id_in(session),
                device_seq=op.device_seq, entity=entity, record_id=conflict.form_id,
                definition_version=version,
                fields={conflict.field: (value, row.server_revision or 0)},
                resolves={conflict.field: conflict_id},
                client_time=utc_now().isoformat(timespec="seconds")).payload()
            op.payload, op.payload_hash = payload, Operation.from_payload(payload).payload_hash
            conflict.status = "resolving"
            session.add(op)

    # ------------------------------------------------------------------ reading

    def values(self, form_id: str) -> dict[str, Any]:
        """The values shown for a form (local edits included)."""
        with self.transaction() as session:
            return {v.field: v.value for v in session.scalars(
                select(LocalValue).where(LocalValue.form_id == form_id))
                if v.value is not None}

    def form(self, form_id: str) -> LocalForm | None:
        """A form's header, or None."""
        with self.transaction() as session:
            return session.get(LocalForm, form_id)

    def forms(self) -> list[LocalForm]:
        """Every form on this computer that is not deleted."""
        with self.transaction() as session:
            return list(session.scalars(select(LocalForm).where(LocalForm.deleted.is_(False))
                                        .order_by(LocalForm.year, LocalForm.id)))

    def open_conflicts(self) -> list[LocalConflict]:
        """Conflicts waiting for a person."""
        with self.transaction() as session:
            return list(session.scalars(select(LocalConflict)
                                        .where(LocalConflict.status == "open")))

    def unsent_count(self) -> int:
        """Operations not yet acknowledged by the server."""
        with self.transaction() as session:
            return session.scalar(select(func.count()).select_from(OutboxOperation).where(
                OutboxOperation.state.in_(UNSENT_STATES))) or 0

    def outbox(self, *states: OutboxState) -> list[OutboxOperation]:
        """Operations in the given states (all when none given), oldest first."""
        with self.transaction() as session:
            statement = select(OutboxOperation).order_by(OutboxOperation.device_seq)
            if states:
                statement = statement.where(OutboxOperation.state.in_(states))
            return list(session.scalars(statement))


def _kind(name: str) -> RecordKind:
    """The record kind called `name`, or StoreError."""
    if name not in KINDS:
        raise StoreError(f"no record kind {name!r}")
    return KINDS[name]


def _write_values(session: Session, record_id: str, rows: Mapping[str, LocalValue],
                  values: Mapping[str, Any]) -> dict[str, Any]:
    """Write edited values of a form (or columns of a record) as pending, given its rows as
    read; the values that changed, for its outbox operation."""
    changed: dict[str, Any] = {}
    for key, value in values.items():
        row = rows.get(key)
        if row is None:
            if value is None:
                continue
            session.add(LocalValue(form_id=record_id, field=key, value=value, pending=True))
        elif row.value == value:
            continue
        else:
            row.value, row.pending = value, True
        changed[key] = value
    return changed


def _problem(key: str, message: str, code: str = "invalid") -> dict[str, str]:
    # The kinds' checks say what is wrong in English only (docs/SYNC.md, Known gaps).
    return {"field": key, "code": code, "message_en": message, "message_km": message}


def _clean(spec: RecordKind, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values as stored, or StoreError naming every wrong one."""
    cleaned, problems = spec.clean(values)
    if problems:
        raise StoreError("some values are not valid; nothing was saved",
                         [_problem(k, m) for k, m in sorted(problems.items())])
    return cleaned


def _dbapi_connection(session: Session) -> Any:
    """The sqlite3 connection under a session's transaction."""
    return session.connection().connection.dbapi_connection


def _changes(raw: Any) -> int:
    """Rows written so far on an sqlite3 connection (0 on another driver)."""
    return int(getattr(raw, "total_changes", 0))


def _create_tables(connection: Connection) -> None:
    """A new store's tables."""
    Base.metadata.create_all(connection, tables=REFERENCE_TABLES)
    LocalBase.metadata.create_all(connection)


def _durable(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets a sync read while a screen saves; FULL makes a committed save survive a
    # power cut, which commune offices see often.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
