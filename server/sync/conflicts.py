"""Writing checked changes by the conflict rule, and the conflicts it makes (docs/SYNC.md,
"The conflict rule").

A change made on the current revision of a field applies; one made on an older revision
meets the current value as a conflict, both values kept for a person; one naming an open
conflict of its field settles it, when its author may resolve conflicts (else the choice
is held for a district officer). Forms' fields and records' columns follow the same rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.db import new_id, utc_now
from common.sync.protocol import Operation
from server.accounts.models import User
from server.data import audit
from server.data.models import FormRecord, SyncConflict, SyncRecord, next_server_seq
from server.sync.batch import Batch, Outcome, Row, owner_column


def write_changes(batch: Batch, op: Operation, target: FormRecord | SyncRecord,
                   incoming: Mapping[str, tuple[Any, int]], values: Mapping[str, Any],
                   may_resolve: bool, outcome: Outcome
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
            row = rows[key] = Row(value, 1, seq, user_id, device_id, None, new=True,
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


def hold_proposals(batch: Batch, op: Operation, target_id: str,
                    proposals: Mapping[str, tuple[Any, int]], outcome: Outcome) -> None:
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
    if conflict is None or getattr(conflict, owner_column(target)) != target.id \
            or conflict.field != key or conflict.status != "open":
        return None
    return conflict


def _next_open_conflict(session: Session, target: FormRecord | SyncRecord, key: str,
                        settled: str) -> str | None:
    """Another open conflict of the field, if one arose meanwhile: the row keeps naming
    it, so approval still waits and computers keep showing it."""
    return session.scalar(select(SyncConflict.id).where(
        getattr(SyncConflict, owner_column(target)) == target.id, SyncConflict.field == key,
        SyncConflict.status == "open", SyncConflict.id != settled)
        .order_by(SyncConflict.created_at.desc()).limit(1))


def _conflict(batch: Batch, op: Operation, form: FormRecord | SyncRecord, key: str,
              base: int, value: Any, seq: int, now: datetime) -> str:
    user_id, rows = batch.user_id, batch.rows_of(form)
    row = rows.get(key)
    base_value = batch.base_value(form, key, base) if base > 0 else None
    conflict = SyncConflict(
        id=new_id(), **{owner_column(form): form.id}, field=key, base_revision=base,
        base_value=base_value,
        current_revision=row.revision if row is not None else 0,
        current_value=row.value if row is not None else None,
        current_by=row.updated_by if row is not None else user_id,
        incoming_value=value, incoming_by=user_id, incoming_device=batch.device_id,
        op_id=op.op_id)
    batch.session.add(conflict)
    if row is None:  # an empty field meets a value made on an older base: keep both
        row = rows[key] = Row(None, 0, seq, user_id, batch.device_id, None, new=True,
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
