"""The checksum of a user's scope: counts and a digest a computer compares with what it
holds, and whether the scope has changes a pull cannot give yet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.sync.checksum import digest
from server.accounts.models import User
from server.data import service as forms
from server.data.models import FieldValue, FormRecord, RecordValue, SyncRecord, feed_horizon
from server.sync import records


def checksum(session: Session, user: User) -> dict[str, Any]:
    """Counts and a digest of (form, field, revision) over the user's scope: a client
    that holds the same compares equal; a mismatch means pull again."""
    # Before the counts: a write that ends while they are read numbered its changes at or
    # above this, so `settled` still sees them.
    until = feed_horizon(session)
    rows = session.execute(
        forms.form_values_in_scope(user, FieldValue.form_id, FieldValue.field, FieldValue.revision)
        .where(FormRecord.deleted.is_(False))
        .order_by(FieldValue.form_id, FieldValue.field)).tuples().all()
    forms_count = session.scalar(
        forms.forms_in_scope(user, func.count()).where(FormRecord.deleted.is_(False))) or 0
    # The records of other kinds, apart: a computer that knows no record kind compares
    # its forms as before.
    record_rows = session.execute(
        records.values_in_scope(user, RecordValue.record_id, RecordValue.field,
                                RecordValue.revision)
        .where(SyncRecord.deleted.is_(False))).tuples().all()
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
    waiting = forms.forms_in_scope(user, FormRecord.id) \
        .where(FormRecord.server_seq >= until).exists()
    waiting_values = forms.form_values_in_scope(user, FieldValue.form_id) \
        .where(FieldValue.server_seq >= until).exists()
    waiting_records = records.records_in_scope(user, SyncRecord.id) \
        .where(SyncRecord.server_seq >= until).exists()
    waiting_columns = records.values_in_scope(user, RecordValue.record_id) \
        .where(RecordValue.server_seq >= until).exists()
    return not session.scalar(select(waiting | waiting_values | waiting_records
                                     | waiting_columns))
