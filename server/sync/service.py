"""Applying pushed operations and serving the change feed (../shared/docs/SYNC.md).

A push is applied in the caller's single transaction: a server error means nothing was
committed, and the client retries the same batch. Each operation gets a receipt, stored,
so a retry is answered `duplicate` with the first answer. Values are never dropped: a
value that cannot be applied is either a conflict (both kept, a person resolves it) or
quarantined (held, visible, re-appliable).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from common.db import new_id, utc_now
from common.forms import FormDefinition, validate
from common.roles import may
from common.sync.checksum import digest
from common.sync.protocol import (
    PROTOCOL_VERSION,
    Cursor,
    Operation,
    Receipt,
)
from common.units.models import ServiceUnit
from common.workflow import is_locked
from server.accounts.models import User
from server.data import service as forms
from server.data.models import (
    AuditEvent,
    FieldValue,
    FormRecord,
    WarningConfirmation,
    next_server_seq,
)
from server.errors import NotFoundError
from server.sync.models import (
    FormAlias,
    ServerState,
    SyncConflict,
    SyncQuarantine,
    SyncReceipt,
)


def epoch(session: Session) -> str:
    """This server's epoch: renewed when a backup is restored."""
    return session.get(ServerState, "epoch").value  # type: ignore[union-attr]


def renew_epoch(session: Session) -> str:
    """A new epoch, after restoring a backup: clients then re-push what they hold."""
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


def push(session: Session, user: User, device_id: str, ops: Sequence[Operation]) -> list[Receipt]:
    """Apply a batch of operations for `user` on `device_id`; one receipt per operation."""
    receipts = []
    for op in ops:
        receipt = _apply_one(session, user, device_id, op)
        receipts.append(receipt)
    session.flush()
    return receipts


def _apply_one(session: Session, user: User, device_id: str, op: Operation) -> Receipt:
    known = session.get(SyncReceipt, op.op_id)
    if known is not None:
        if known.payload_hash == op.payload_hash:
            return Receipt.from_dict({**known.result, "result": "duplicate",
                                      "original": known.result["result"]})
        # The same id with another payload: a client bug or tampering. Both are kept.
        _quarantine(session, user, device_id, op, None, "op_id_reused",
                    "this operation id was already used with another payload")
        return Receipt(op.op_id, "rejected",
                       message="this operation id was already used with another payload; "
                               "the copy is kept aside")
    receipt = _decide(session, user, device_id, op)
    session.add(SyncReceipt(op_id=op.op_id, device_id=device_id, device_seq=op.device_seq,
                            user_id=user.id, payload_hash=op.payload_hash,
                            result=receipt.as_dict()))
    return receipt


def _decide(session: Session, user: User, device_id: str, op: Operation) -> Receipt:
    if op.device_id != device_id:
        return Receipt(op.op_id, "rejected", message="the operation names another device")
    form = _find_form(session, op.record_id)
    if form is None:
        if op.natural_key is None:
            return Receipt(op.op_id, "rejected",
                           message="unknown record and no natural key to create it")
        created = _create_or_map(session, user, device_id, op)
        if isinstance(created, Receipt):
            return created
        form = created
    elif not _allowed(user, "edit", form.unit):
        inside = forms.unit_in_scope(user, form.unit)
        return Receipt(op.op_id, "rejected_scope", record_id=form.id if inside else None,
                       message="your role may not change forms" if inside
                       else "this form is outside your scope")
    if form.deleted:
        # An edit made elsewhere while the form was deleted: never a resurrection, never
        # lost either. Held for a person to decide.
        _quarantine(session, user, device_id, op, form.id, "deleted",
                    "the form was deleted on the server")
        return Receipt(op.op_id, "conflict", record_id=form.id,
                       message="the form was deleted; this change is kept aside")
    if is_locked(form.status):
        _quarantine(session, user, device_id, op, form.id, "locked",
                    f"the form is {form.status}")
        return Receipt(op.op_id, "rejected_locked", record_id=form.id,
                       message=f"the form is {form.status}: kept aside, re-appliable after "
                               "an unlock")
    if op.delete:
        return _delete(session, user, device_id, op, form)
    try:
        definition = forms.definition(session, form.form_code, op.definition_version)
    except NotFoundError:
        _quarantine(session, user, device_id, op, form.id, "unknown_version",
                    f"{form.form_code}@{op.definition_version} is not published here")
        return Receipt(op.op_id, "needs_mapping", record_id=form.id,
                       quarantined=tuple(op.fields),
                       message="this form version is unknown to the server: kept aside")
    outcome = _apply_fields(session, user, device_id, op, form, definition)
    result = "conflict" if outcome.conflicts else (
        "needs_mapping" if outcome.quarantined else "applied")
    return Receipt(op.op_id, result, record_id=form.id, revisions=outcome.revisions,
                   conflicts=outcome.conflicts, quarantined=tuple(outcome.quarantined))


def _allowed(user: User, action: str, unit: ServiceUnit) -> bool:
    return forms.unit_in_scope(user, unit) and may(
        user.role, action, delegated_approval=user.delegated_approval)


def _find_form(session: Session, record_id: str) -> FormRecord | None:
    form = session.get(FormRecord, record_id)
    if form is not None:
        return form
    alias = session.get(FormAlias, record_id)
    return session.get(FormRecord, alias.form_id) if alias is not None else None


def _create_or_map(session: Session, user: User, device_id: str,
                   op: Operation) -> FormRecord | Receipt:
    key = op.natural_key or {}
    unit = session.get(ServiceUnit, key.get("unit_id"))
    if unit is None or not _allowed(user, "create", unit):
        return Receipt(op.op_id, "rejected_scope", message="this unit is outside your scope")
    existing = session.scalars(select(FormRecord).where(
        FormRecord.unit_id == unit.id, FormRecord.year == key["year"],
        FormRecord.form_code == key["form_code"])).first()
    if existing is not None:
        # Created on two devices: one form; this device's id now names the kept one.
        session.add(FormAlias(alias_id=op.record_id, form_id=existing.id))
        session.flush()
        return existing
    try:
        definition = forms.definition(session, key["form_code"], op.definition_version)
    except NotFoundError:
        _quarantine(session, user, device_id, op, None, "unknown_version",
                    f"{key['form_code']}@{op.definition_version} is not published here")
        return Receipt(op.op_id, "needs_mapping", quarantined=tuple(op.fields),
                       message="this form version is unknown to the server: kept aside")
    if definition.service_kind != unit.kind:
        return Receipt(op.op_id, "rejected", message=f"{key['form_code']} is not a form for "
                                                     f"a {unit.kind.replace('_', ' ')}")
    form = FormRecord(id=op.record_id, unit_id=unit.id, year=key["year"],
                      form_code=key["form_code"], definition_version=definition.version,
                      status="draft", created_by=user.id, server_seq=next_server_seq(session),
                      problems=[])
    session.add(form)
    session.flush()  # the form's row first: the audit event refers to it
    session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                           action="create", comment=f"{definition.key} (sync)"))
    return form


def _apply_fields(session: Session, user: User, device_id: str, op: Operation,
                  form: FormRecord, definition: FormDefinition) -> _Outcome:
    outcome = _Outcome(record_id=form.id)
    form_definition = forms.definition(session, form.form_code, form.definition_version)
    entered = set(form_definition.entered_field_keys())
    rows = {v.field: v for v in form.values}
    incoming: dict[str, tuple[Any, int]] = {}
    unknown: dict[str, tuple[Any, int]] = {}
    for key, change in op.fields.items():
        # A field of another version of the form, or one that is computed here, is kept
        # aside for a person to map: never dropped.
        (incoming if key in entered and definition.has_field(key) else unknown)[key] = change
    merged = {k: v.value for k, v in rows.items() if v.value is not None}
    merged.update({k: v for k, (v, _) in incoming.items()})
    result = validate(form_definition, {k: v for k, v in merged.items() if v not in (None, "")})
    invalid = {p.field for p in result.errors if p.code != "required" and p.field in incoming}
    for key in sorted(invalid):
        unknown[key] = incoming.pop(key)
    if unknown:
        _quarantine(session, user, device_id, op, form.id,
                    "invalid" if invalid and len(invalid) == len(unknown) else "unknown_field",
                    ", ".join(sorted(unknown)), only_fields=unknown)
        outcome.quarantined = sorted(unknown)
    seq: int | None = None
    for key, (raw, base) in sorted(incoming.items()):
        value = result.values.get(key) if raw not in (None, "") else None
        row = rows.get(key)
        current_rev = row.revision if row is not None else 0
        current = row.value if row is not None else None
        resolving = op.resolves.get(key)
        # No row at all but a base: the server lost the field (restored from a backup
        # older than the edit). Nothing stands against the value: it applies.
        lost = row is None and base > 0
        # The current value came from this same device (an earlier operation of it,
        # answered after this edit began): a device does not conflict with itself.
        own = row is not None and row.device_id == device_id and row.updated_by == user.id \
            and row.conflict_id is None
        if resolving is None and base != current_rev and not lost and not own:
            if value == current:
                outcome.revisions[key] = current_rev  # the same value is no conflict
                continue
            seq = seq or next_server_seq(session)
            outcome.conflicts[key] = _conflict(session, user, device_id, op, form, row, key,
                                               base, value, seq)
            continue
        if resolving is not None:
            _resolve(session, user, form, key, resolving, value)
        if row is not None and value == current and resolving is None:
            outcome.revisions[key] = current_rev
            continue
        seq = seq or next_server_seq(session)
        if row is None:
            row = FieldValue(form_id=form.id, field=key, value=value, revision=1,
                             server_seq=seq, updated_by=user.id, device_id=device_id)
            session.add(row)
            rows[key] = row
        else:
            row.value, row.revision, row.server_seq = value, row.revision + 1, seq
            row.updated_by, row.device_id, row.updated_at = user.id, device_id, utc_now()
            if resolving is not None:
                row.conflict_id = None
        outcome.revisions[key] = row.revision
        session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                               action="value", field=key, old_value=current, new_value=value,
                               revision=row.revision, comment=f"sync {op.op_id}"))
    _confirm(session, user, form, op.confirmations)
    if seq is not None:
        form.server_seq, form.revision = seq, form.revision + 1
        session.flush()
        session.expire(form, ["values"])
        form.problems = [p.as_dict() for p in validate(
            form_definition, forms.current_values(form)).problems]
    return outcome


def _conflict(session: Session, user: User, device_id: str, op: Operation, form: FormRecord,
              row: FieldValue | None, key: str, base: int, value: Any, seq: int) -> str:
    base_value = None
    if base > 0:
        base_value = session.scalar(select(AuditEvent.new_value).where(
            AuditEvent.form_id == form.id, AuditEvent.field == key,
            AuditEvent.revision == base, AuditEvent.action == "value")
            .order_by(AuditEvent.id.desc()).limit(1))
    conflict = SyncConflict(
        id=new_id(), form_id=form.id, field=key, base_revision=base, base_value=base_value,
        current_revision=row.revision if row is not None else 0,
        current_value=row.value if row is not None else None,
        current_by=row.updated_by if row is not None else user.id,
        incoming_value=value, incoming_by=user.id, incoming_device=device_id, op_id=op.op_id)
    session.add(conflict)
    if row is None:  # an empty field meets a value made on an older base: keep both
        row = FieldValue(form_id=form.id, field=key, value=None, revision=0, server_seq=seq,
                         updated_by=user.id, device_id=device_id)
        session.add(row)
    row.conflict_id, row.server_seq = conflict.id, seq  # pulled by everyone in scope
    form.server_seq = seq
    session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                           action="conflict", field=key, old_value=conflict.current_value,
                           new_value=value, comment=f"sync {op.op_id}"))
    return conflict.id


def _resolve(session: Session, user: User, form: FormRecord, key: str, conflict_id: str,
             value: Any) -> None:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.form_id != form.id or conflict.field != key:
        return  # naming an unknown conflict resolves nothing; the write applies as usual
    if conflict.status == "open":
        conflict.status, conflict.resolved_by = "resolved", user.id
        conflict.resolved_at, conflict.resolved_value = utc_now(), value


def _delete(session: Session, user: User, device_id: str, op: Operation,
            form: FormRecord) -> Receipt:
    base = op.fields.get("", (None, form.revision))[1]
    if base != form.revision:
        # A concurrent edit and delete: the edit stands, the delete waits for a person.
        _quarantine(session, user, device_id, op, form.id, "delete_conflict",
                    "the form changed since this device last saw it")
        return Receipt(op.op_id, "conflict", record_id=form.id,
                       message="the form was edited elsewhere; it was not deleted")
    seq = next_server_seq(session)
    form.deleted, form.server_seq, form.revision = True, seq, form.revision + 1
    session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                           action="delete", comment=f"sync {op.op_id}"))
    return Receipt(op.op_id, "applied", record_id=form.id)


def _confirm(session: Session, user: User, form: FormRecord,
             confirmations: Mapping[str, str]) -> None:
    for key, reason in confirmations.items():
        field_key, _, code = key.rpartition(":")
        if not field_key or not reason.strip():
            continue
        row = session.get(WarningConfirmation, (form.id, field_key, code))
        if row is None:
            session.add(WarningConfirmation(form_id=form.id, field=field_key, code=code,
                                            reason=reason.strip(), confirmed_by=user.id))
        else:
            row.reason, row.confirmed_by = reason.strip(), user.id


def _quarantine(session: Session, user: User, device_id: str, op: Operation,
                form_id: str | None, reason: str, detail: str, *,
                only_fields: Mapping[str, tuple[Any, int]] | None = None) -> None:
    payload = op.payload()
    if only_fields is not None:
        payload["fields"] = {k: [v, rev] for k, (v, rev) in only_fields.items()}
    session.add(SyncQuarantine(op_id=op.op_id, device_id=device_id, user_id=user.id,
                               form_id=form_id, reason=reason, detail=detail,
                               payload=payload))


def reapply(session: Session, user: User, quarantine_id: str, device_id: str) -> Receipt:
    """Apply a held operation again (after an unlock, say), as a new operation of `user`."""
    held = session.get(SyncQuarantine, quarantine_id)
    if held is None or held.status != "held" or not _may_see_quarantine(session, user, held):
        raise NotFoundError("no such held operation")
    payload = dict(held.payload)
    payload.update(op_id=new_id(), device_id=device_id)
    op = Operation.from_payload(payload)
    receipt = _decide(session, user, device_id, op)
    if receipt.result in ("applied", "conflict"):
        held.status, held.settled_at = "reapplied", utc_now()
    return receipt


def _may_see_quarantine(session: Session, user: User, held: SyncQuarantine) -> bool:
    if held.user_id == user.id:
        return True
    form = session.get(FormRecord, held.form_id) if held.form_id else None
    return form is not None and _allowed(user, "approve", form.unit)


def quarantine_for(session: Session, user: User) -> list[SyncQuarantine]:
    """Held operations the user may see: their own, and those of forms they approve."""
    held = session.scalars(select(SyncQuarantine).where(SyncQuarantine.status == "held")
                           .order_by(SyncQuarantine.created_at))
    return [h for h in held if _may_see_quarantine(session, user, h)]


# --------------------------------------------------------------------------- pull


def pull(session: Session, user: User, cursor: Cursor, max_bytes: int) -> dict[str, Any]:
    """Changes in the user's scope after `cursor`, about `max_bytes` of them at most (always
    at least one change when there is one), with the conflicts they name."""
    after = tuple_(cursor.seq, cursor.record_id, cursor.field)
    headers = forms.scope_filter(
        select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
        .where(tuple_(FormRecord.server_seq, FormRecord.id, "") > after), user)
    values = forms.scope_filter(
        select(FieldValue).join(FormRecord, FieldValue.form_id == FormRecord.id)
        .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
        .where(tuple_(FieldValue.server_seq, FieldValue.form_id, FieldValue.field) > after),
        user)
    batch = 500
    form_rows = list(session.scalars(headers.order_by(FormRecord.server_seq, FormRecord.id)
                                     .limit(batch)))
    value_rows = list(session.scalars(values.order_by(
        FieldValue.server_seq, FieldValue.form_id, FieldValue.field).limit(batch * 20)))
    merged = sorted(
        [((f.server_seq, f.id, ""), _form_change(f)) for f in form_rows]
        + [((v.server_seq, v.form_id, v.field), _value_change(v)) for v in value_rows],
        key=lambda item: item[0])
    # Only what is surely complete: beyond the last row either query returned, the other
    # may have rows it did not fetch.
    limits = []
    if len(form_rows) == batch:
        limits.append((form_rows[-1].server_seq, form_rows[-1].id, ""))
    if len(value_rows) == batch * 20:
        last = value_rows[-1]
        limits.append((last.server_seq, last.form_id, last.field))
    horizon = min(limits) if limits else None
    changes: list[dict[str, Any]] = []
    size, last_key, more = 0, (cursor.seq, cursor.record_id, cursor.field), False
    for key, change in merged:
        if horizon is not None and key > horizon:
            more = True
            break
        change_size = len(json.dumps(change, separators=(",", ":")))
        if changes and size + change_size > max_bytes:
            more = True
            break
        changes.append(change)
        size += change_size
        last_key = key
    more = more or horizon is not None
    conflict_ids = {c["c"] for c in changes if c.get("c")}
    conflicts = [_conflict_view(c) for c in session.scalars(
        select(SyncConflict).where(SyncConflict.id.in_(conflict_ids)))] if conflict_ids else []
    return {"protocol": PROTOCOL_VERSION, "epoch": epoch(session),
            "scope": scope_signature(user), "changes": changes, "conflicts": conflicts,
            "next": Cursor(*last_key).encode(), "more": more}


def _form_change(form: FormRecord) -> dict[str, Any]:
    return {"t": "form", "id": form.id, "unit_id": form.unit_id, "year": form.year,
            "form_code": form.form_code, "v": form.definition_version, "status": form.status,
            "rev": form.revision, "deleted": form.deleted, "comment": form.status_comment}


def _value_change(value: FieldValue) -> dict[str, Any]:
    change = {"t": "value", "f": value.form_id, "k": value.field, "v": value.value,
              "r": value.revision}
    if value.conflict_id:
        change["c"] = value.conflict_id
    return change


def _conflict_view(conflict: SyncConflict) -> dict[str, Any]:
    return {"id": conflict.id, "form_id": conflict.form_id, "field": conflict.field,
            "status": conflict.status, "base": conflict.base_value,
            "base_revision": conflict.base_revision,
            "current": conflict.current_value, "current_by": conflict.current_by,
            "incoming": conflict.incoming_value, "incoming_by": conflict.incoming_by,
            "incoming_device": conflict.incoming_device}


def checksum(session: Session, user: User) -> dict[str, Any]:
    """Counts and a digest of (form, field, revision) over the user's scope: a client
    that holds the same compares equal; a mismatch means pull again."""
    rows = session.execute(forms.scope_filter(
        select(FieldValue.form_id, FieldValue.field, FieldValue.revision)
        .join(FormRecord, FieldValue.form_id == FormRecord.id)
        .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
        .where(FormRecord.deleted.is_(False)), user)
        .order_by(FieldValue.form_id, FieldValue.field)).all()
    forms_count = session.scalar(forms.scope_filter(
        select(func.count()).select_from(FormRecord)
        .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
        .where(FormRecord.deleted.is_(False)), user)) or 0
    return {"forms": forms_count, "values": len(rows), "digest": digest(rows)}
