"""What the server decides for a pushed operation on a form: create it (or map a second
device's id onto the unit's form), delete it, hold it aside (locked, deleted, unknown
version, fields it cannot take), or apply its fields by the conflict rule
(server/sync/conflicts.py) and keep the warnings it confirms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from common.db import utc_now
from common.forms import FormDefinition, validate
from common.sync.protocol import Operation, Receipt
from common.workflow import DELETABLE_STATUSES, is_locked
from server.accounts.models import User
from server.data import service as forms
from server.data.models import FormAlias, FormRecord, WarningConfirmation, next_server_seq
from server.errors import NotFoundError
from server.sync import records
from server.sync.batch import Batch, Outcome
from server.sync.conflicts import hold_proposals, write_changes
from server.sync.refusals import ID_TAKEN, NO_FORM, OUTSIDE_UNIT


def decide_form(batch: Batch, op: Operation) -> Receipt:
    """Decide an operation on a form: create it (or map it onto the unit's form by its
    natural key), delete it, hold it, or apply its fields by the conflict rule."""
    user = batch.user
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
            if records.record_in_scope(user, record):
                return Receipt(op.op_id, "rejected", message="this id names a record of "
                                                             "another kind, not a form")
            taken = True
        if op.natural_key is None:
            return Receipt(op.op_id, "rejected_scope", message=NO_FORM)
        created = _create_or_map(batch, op, taken=taken)
        if isinstance(created, Receipt):
            return created
        form = created
    elif not forms.allowed(user, "edit", form.unit):
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


def _create_or_map(batch: Batch, op: Operation, *, taken: bool = False
                   ) -> FormRecord | Receipt:
    """The form of the operation's natural key: made under the operation's id, or the one
    its unit already has (the id then becomes its alias). `taken`: the id names something
    outside the user's scope, so nothing can be made or aliased under it."""
    user = batch.user
    key = op.natural_key or {}
    unit = batch.unit(key.get("unit_id"))
    if unit is None or not forms.unit_in_scope(user, unit):
        return Receipt(op.op_id, "rejected_scope", message=OUTSIDE_UNIT)
    if not forms.allowed(user, "create", unit):
        return Receipt(op.op_id, "rejected_scope", message="your role may not create forms")
    if taken:
        return Receipt(op.op_id, "rejected", message=ID_TAKEN.format("form"))
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


def _apply_fields(batch: Batch, op: Operation, form: FormRecord,
                  definition: FormDefinition) -> Outcome:
    session, user = batch.session, batch.user
    outcome = Outcome(record_id=form.id)
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
    may_resolve = forms.allowed(user, "resolve_conflict", form.unit)
    values = {key: result.values.get(key) if raw not in (None, "") else None
              for key, (raw, _) in incoming.items()}
    seq, proposals = write_changes(batch, op, form, incoming, values, may_resolve, outcome)
    hold_proposals(batch, op, form.id, proposals, outcome)
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


def _delete(batch: Batch, op: Operation, form: FormRecord) -> Receipt:
    # Deleting is undoing a creation: it takes the right to create, and only while the
    # form is still being entered. Refused outright: nothing to hold, nothing changes.
    if not forms.allowed(batch.user, "create", form.unit):
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


def _confirm(session: Session, user: User, batch: Batch, form: FormRecord,
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
