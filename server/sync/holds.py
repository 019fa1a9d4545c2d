"""Operations held aside (docs/SYNC.md, "Held (quarantined) operations"): who sees and
who decides each, re-applying one, dismissing one with a reason, and the list a user sees.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, literal, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from common.db import new_id, utc_now
from common.roles import may
from common.sync.protocol import CLASH_REASONS, Operation, Receipt
from common.units.models import ServiceUnit
from server.accounts.models import User
from server.data import service as forms
from server.data.models import AuditEvent, FormRecord, SyncQuarantine, SyncRecord
from server.errors import ForbiddenError, NotFoundError
from server.sync import records
from server.sync.batch import Batch
from server.sync.service import decide


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
        if form is not None and forms.allowed(user, "approve", form.unit):
            payload["fields"] = {**payload.get("fields", {}), "": [None, form.revision]}
    if held.reason == "delete_conflict" and held.record_id is not None:
        # The same for a record: its officer decides, against the current revision.
        record = session.get(SyncRecord, held.record_id)
        if record is not None and records.record_officer(user, record):
            payload["fields"] = {**payload.get("fields", {}), "": [None, record.revision]}
    op = Operation.from_payload(payload)
    batch = Batch(session, user, device_id, reapplying=held)
    receipt = decide(batch, op)
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
    sees, decides = may_see_and_decide(session, user, held)
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


def may_see_and_decide(session: Session, user: User,
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
    if forms.allowed(user, "approve", form.unit):
        return True, True
    return held.reason in CLASH_REASONS and forms.unit_in_scope(user, form.unit), False


def _may_see_and_decide_record(session: Session, user: User,
                               held: SyncQuarantine) -> tuple[bool, bool]:
    """As `may_see_and_decide`, for a held change of a record: its author (while the
    record is in their scope) and the record's officer decide; everyone else whose scope
    covers it sees a delete-and-edit clash."""
    record = session.get(SyncRecord, held.record_id)
    if record is None:
        return held.user_id == user.id, held.user_id == user.id
    inside = records.record_in_scope(user, record)
    if held.user_id == user.id:
        return True, inside
    if records.record_officer(user, record):
        return True, True
    return held.reason in CLASH_REASONS and inside, False


def quarantine_for(session: Session, user: User, *, limit: int | None = None,
                   after: tuple[datetime, str] | None = None
                   ) -> list[tuple[SyncQuarantine, bool]]:
    """Held operations the user may see, oldest first, each with whether the user may
    decide on it: their own and those of forms they approve (to decide), and the
    delete-and-edit clashes of forms in their scope (to know).

    One statement, whose cost follows what the user sees, not what the country holds: the
    database reads the holds by three indexed ways in, which never meet (the user's own
    holds; others' holds of forms of units in the scope; others' holds of records in the
    scope), and works out in SQL what `may_see_and_decide` says of each. Nothing is read
    hold by hold, and no way in leads through the holds outside the scope
    (bench/bench_quarantine.py). `may_see_and_decide` stays the rule for one hold, at a
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
    clash = SyncQuarantine.reason.in_(CLASH_REASONS)
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
               SyncQuarantine.form_id.in_(forms.forms_in_scope(user, FormRecord.id)))
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
