"""What the server decides for a pushed operation on a record of another kind
(common/sync/kinds.py): the rules of a form's fields (receipts, conflicts, holds,
tombstones), with the kind's own owner, columns and writers. Records have no approval
lock.
"""

from __future__ import annotations

from common.db import utc_now
from common.sync.kinds import ALL_COLUMNS, KINDS, RecordError, check_owner
from common.sync.protocol import HoldReason, Operation, Receipt
from server.data import service as forms
from server.data.models import SyncRecord, next_server_seq
from server.sync import records
from server.sync.batch import Batch, Outcome
from server.sync.conflicts import hold_proposals, write_changes
from server.sync.refusals import ID_TAKEN, OUTSIDE_COMMUNE, OUTSIDE_UNIT, no_record


def decide_record(batch: Batch, op: Operation) -> Receipt:
    """Decide an operation on a record of another kind (common/sync/kinds.py): the same
    rules as a form's fields (receipts, conflicts, holds, tombstones), with the kind's
    own checks and writers. Records have no approval lock."""
    user, kind = batch.user, KINDS[op.entity]
    if op.natural_key is not None:
        return Receipt(op.op_id, "rejected", message=f"a {kind.label_en} has no natural key")
    record = batch.find_record(op.record_id)
    # As for a form (`decide_form`): what the id names outside the scope is nothing, but taken.
    # The scope comes before anything else is said of it (its kind, below).
    taken = record is not None and not records.record_in_scope(user, record)
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
                           message=no_record(kind.label_en, delete=op.delete))
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
    outcome = Outcome(record_id=record.id)
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
        reason: HoldReason = (
            "not_permitted" if len(allowed) < len(op.fields)
            else "unknown_field" if any(p == "unknown column" for p in problems.values())
            else "invalid")
        batch.hold(op, record.id, reason, why, only_fields=kept_aside)
        outcome.quarantined = sorted(kept_aside)
    seq, proposals = write_changes(batch, op, record, incoming,
                                    {k: cleaned[k] for k in incoming},
                                    records.record_officer(user, record), outcome)
    hold_proposals(batch, op, record.id, proposals, outcome)
    if seq is not None:
        record.server_seq, record.revision = seq, record.revision + 1
    result = "conflict" if outcome.conflicts else (
        "needs_mapping" if outcome.quarantined else "applied")
    return Receipt(op.op_id, result, record_id=record.id, revisions=outcome.revisions,
                   conflicts=outcome.conflicts, quarantined=tuple(outcome.quarantined),
                   message=outcome.message or (f"{why} (kept aside)" if why else None))


def _create_record(batch: Batch, op: Operation, *, taken: bool = False
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
            return Receipt(op.op_id, "rejected_scope", message=OUTSIDE_UNIT)
        if commune_code and commune_code != unit.commune_code:
            return Receipt(op.op_id, "rejected", message=f"the unit is not in commune "
                                                         f"{commune_code}")
        commune_code = unit.commune_code
    else:
        # The scope first, then the geography (public, but a commune outside the scope is
        # answered the same whether it exists or not). An owner without a unit names its
        # commune (OwnerSchema).
        assert isinstance(commune_code, str)
        if not records.in_scope(user, kind, commune_code, None):
            return Receipt(op.op_id, "rejected_scope", message=OUTSIDE_COMMUNE)
        if not records.commune_exists(batch.session, commune_code):
            return Receipt(op.op_id, "rejected", message=f"{commune_code} is not a commune")
    if kind.writable(user.role) != ALL_COLUMNS:
        return Receipt(op.op_id, "rejected_scope",
                       message=f"your role may not create a {kind.label_en}")
    if taken:
        return Receipt(op.op_id, "rejected", message=ID_TAKEN.format(kind.label_en))
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


def _delete_record(batch: Batch, op: Operation, record: SyncRecord, *,
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
