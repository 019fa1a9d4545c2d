"""Tables of the yearly data: forms, their field values, confirmations and the audit trail.

Built for offline sync from the start (docs/SYNC.md): forms have client-made
UUIDs and a natural key (unit, year, form code); every field value carries its own
server revision, so two people editing different indicators never conflict; every change
carries the `server_seq` of the transaction that made it, which is what clients pull by
(`next_server_seq` says how it is numbered without making concurrent writers queue).
Records of the other kinds that sync (JAAP actions, scorecard sessions, facilitators:
common/sync/kinds.py) have the same shape: a header (`SyncRecord`) and a row per column
(`RecordValue`). What the sync leaves on them for a person stays with them too: the
conflicts of two values of a field (`SyncConflict`), the operations held aside
(`SyncQuarantine`, which approval consults) and the ids of forms created twice
(`FormAlias`, which a new form's id must not take).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    event,
    false,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

from common.db import Base, new_id, utc_now
from common.units.models import ServiceUnit
from server.errors import ChangeNumbersBehindError

JSONValue = JSON().with_variant(JSONB(), "postgresql")
_STATUS_CHECK = "status IN ('draft', 'submitted', 'returned', 'approved', 'published')"


class FormRecord(Base):
    """One unit's form for one year: its header, status and the definition version used."""

    __tablename__ = "form_record"
    __table_args__ = (
        # One live form per unit, year and form; a deleted one (a tombstone) does not stop
        # the unit's form being made again.
        Index("uq_form_record_natural_key", "unit_id", "year", "form_code", unique=True,
              sqlite_where=text("NOT deleted"), postgresql_where=text("NOT deleted")),
        CheckConstraint(_STATUS_CHECK, name="status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("service_unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    form_code: Mapped[str] = mapped_column(String(48))
    definition_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    #: The last return comment or unlock reason, shown to whoever edits next.
    status_comment: Mapped[str | None] = mapped_column(Text, default=None)
    #: Current validation problems (errors and warnings) as the engine reported them.
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSONValue, default=list)
    created_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    server_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: A tombstone: the form was deleted, and clients learn it by pulling this row.
    deleted: Mapped[bool] = mapped_column(default=False, server_default=false())

    unit: Mapped[ServiceUnit] = relationship(lazy="joined")
    values: Mapped[list[FieldValue]] = relationship(
        back_populates="form", cascade="all, delete-orphan", order_by="FieldValue.field")


class FieldValue(Base):
    """The current value of one field of one form, with its own revision."""

    __tablename__ = "field_value"
    __table_args__ = (Index("ix_field_value_feed", "server_seq", "form_id", "field"),)

    form_id: Mapped[str] = mapped_column(ForeignKey("form_record.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: None is a cleared value (a tombstone that still carries its revision).
    value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Indexed by ix_field_value_feed, whose first column it is.
    server_seq: Mapped[int] = mapped_column(BigInteger)
    updated_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    #: The open conflict on this field, if any (it blocks approval).
    conflict_id: Mapped[str | None] = mapped_column(String(36), default=None)

    form: Mapped[FormRecord] = relationship(back_populates="values")


class SyncRecord(Base):
    """A record of a kind declared in common/sync/kinds.py: where it belongs (a commune,
    perhaps a unit and a year), its header revision and change number, and whether it was
    deleted (a tombstone: kept, so an edit made elsewhere meanwhile is held, not lost)."""

    __tablename__ = "sync_record"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    #: The commune it belongs to: what a user's scope is compared with. A record of a
    #: unit takes its unit's commune from the server's own list of units.
    commune_code: Mapped[str] = mapped_column(String(8), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("service_unit.id"), index=True,
                                                default=None)
    year: Mapped[int | None] = mapped_column(Integer, default=None)
    created_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    server_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    deleted: Mapped[bool] = mapped_column(default=False, server_default=false())


class RecordValue(Base):
    """One column of one record, with its own revision (the base a change names), change
    number and open conflict, like a form's FieldValue."""

    __tablename__ = "record_value"
    __table_args__ = (Index("ix_record_value_feed", "server_seq", "record_id", "field"),)

    record_id: Mapped[str] = mapped_column(ForeignKey("sync_record.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    server_seq: Mapped[int] = mapped_column(BigInteger)
    updated_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    conflict_id: Mapped[str | None] = mapped_column(String(36), default=None)


class WarningConfirmation(Base):
    """A person's confirmation, with a reason, that an unusual value is right."""

    __tablename__ = "warning_confirmation"

    form_id: Mapped[str] = mapped_column(ForeignKey("form_record.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    confirmed_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    confirmed_at: Mapped[datetime] = mapped_column(default=utc_now)


class AuditEvent(Base):
    """One thing that happened to a form or a record: a value changed, a status moved, a
    warning confirmed. Never changed or deleted."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    # Not indexed: no query reads events by person (history is by form), and every push
    # writes events (migration 0006).
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    #: The form the event is about, or (for a JAAP action, a scorecard session, a
    #: facilitator: common/sync/kinds.py) the record.
    form_id: Mapped[str | None] = mapped_column(ForeignKey("form_record.id"), index=True,
                                                default=None)
    record_id: Mapped[str | None] = mapped_column(ForeignKey("sync_record.id"), index=True,
                                                  default=None)
    action: Mapped[str] = mapped_column(String(24))
    field: Mapped[str | None] = mapped_column(String(100), default=None)
    #: For a single value change (action "value", as written before change sets): the
    #: field's revision after it. A change set (action "values") keeps each field's
    #: revision in `new_value` (server/data/audit.py).
    revision: Mapped[int | None] = mapped_column(Integer, default=None)
    old_value: Mapped[Any] = mapped_column(JSONValue, nullable=True, default=None)
    new_value: Mapped[Any] = mapped_column(JSONValue, nullable=True, default=None)
    comment: Mapped[str | None] = mapped_column(Text, default=None)


class SyncConflict(Base):
    """Two values for one field: the one kept (current) and the one that arrived on an
    older base (incoming), with their authors. Resolved by a later write naming it."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    #: The form whose field this is, or the record (SyncRecord) whose column.
    form_id: Mapped[str | None] = mapped_column(ForeignKey("form_record.id"), index=True,
                                                default=None)
    record_id: Mapped[str | None] = mapped_column(ForeignKey("sync_record.id"), index=True,
                                                  default=None)
    field: Mapped[str] = mapped_column(String(100))
    base_revision: Mapped[int] = mapped_column(Integer)
    base_value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    current_revision: Mapped[int] = mapped_column(Integer)
    current_value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    current_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    incoming_value: Mapped[Any] = mapped_column(JSONValue, nullable=True)
    incoming_by: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    incoming_device: Mapped[str | None] = mapped_column(String(36), default=None)
    op_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    resolved_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_value: Mapped[Any] = mapped_column(JSONValue, nullable=True, default=None)


class SyncQuarantine(Base):
    """An operation, or some of its fields, held back rather than dropped: against a
    locked form, for fields an old form version had, with invalid values, or an op id
    reused with another payload. Visible to its author and the approvers; re-appliable."""

    __tablename__ = "sync_quarantine"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    op_id: Mapped[str] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    form_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    #: A held change of a record of another kind (common/sync/kinds.py): its record.
    record_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    reason: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str | None] = mapped_column(Text, default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    status: Mapped[str] = mapped_column(String(12), default="held", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    settled_at: Mapped[datetime | None] = mapped_column(default=None)
    #: Who re-applied or dismissed it, and a dismissal's reason (kept here too, for holds
    #: that name no form and so have no form history).
    settled_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    settled_reason: Mapped[str | None] = mapped_column(Text, default=None)


class FormAlias(Base):
    """A form id a device made offline for a form that another device created first: its
    operations land on the kept form."""

    __tablename__ = "form_alias"

    alias_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(ForeignKey("form_record.id"), index=True)


class SyncCounter(Base):
    """The one server-wide change counter (a single row)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


def next_server_seq(session: Session) -> int:
    """The change number of every change the current transaction makes (one number per
    transaction: a pull never splits what one commit did).

    On PostgreSQL it is the transaction's own id (`pg_current_xact_id()`, 64 bits, never
    reused) plus the offset of `align_seq_offset`, known at once and taken from no shared
    row, so concurrent pushes never queue for it. A transaction id is not given in commit
    order, so the pull reads only below `feed_horizon`, the oldest transaction of this
    database still running: every number there has committed or rolled back, and nothing
    new can get one.

    On SQLite (one writer at a time) it is a placeholder until `stamp_server_seq` takes the
    real number from the `sync_counter` row just before commit; that row's lock makes
    transactions commit in the order of their numbers.
    """
    cached = session.info.get("server_seq")
    if cached is None:
        if _on_postgresql(session):
            cached = int(session.execute(_PG_SEQ).scalar_one())
            url = session.get_bind().engine.url
            if url not in _ALIGNED:
                # Once per process and database, before its first change: never a number
                # below a stored one. (Again after the start-up check, on purpose: the
                # database may have been restored since, or not have answered then.)
                check_seq_offset(session)
                _ALIGNED.add(url)
        else:
            # Negative and random: never a real number, and never another transaction's.
            cached = -(secrets.randbelow(2**62) + 1)
        session.info["server_seq"] = cached
    return int(cached)


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass(frozen=True)
class FeedHorizon:
    """Where a pull stops on PostgreSQL, and whether a write of this database holds it
    there (`feed_horizon`)."""

    #: Pulls read change numbers below this one only.
    until: int
    #: The transaction id that bounds `until`: the oldest one still running when the
    #: horizon was read and not seen to be another database's (None: none held it back;
    #: `until` is then as far as any number is known to have ended).
    holder: int | None


def feed_horizon(session: Session) -> int | None:
    """Pulls read change numbers below this one only (None: no bound, on SQLite).

    Every number below it belongs to a transaction that has ended, and every transaction
    still to commit has a number at or above it, so a client cursor that stops below it
    can never skip a change that commits late. A long writing transaction (an import)
    holds the horizon back for its duration: pulls see the changes committed after it
    began once it ends. A reader that is itself writing sees its own changes when no
    older transaction of this database is still running.

    Only this database's transactions hold it back. Transaction ids are the cluster's, so
    the current snapshot also lists the running writes of every other database there; a
    write elsewhere (a migration, an import, a session left open in another database)
    cannot number a change here, and `pg_stat_activity` names the database of each
    running transaction id (to any role: `backend_xid` and `datid` are not among the
    columns PostgreSQL hides from other users). A running id is passed over only when it
    is seen there with another database: one it does not show (a prepared transaction, a
    session without a database) still holds the horizon, as before.

    The horizon read is also kept in the session for the rest of the transaction
    (`last_feed_horizon`): the pull endpoint tells from it whether a write holds the
    page back, without reading it again.
    """
    if not _on_postgresql(session):
        return None
    if session.info.get(_ACTIVITY_READ):
        # PostgreSQL reads pg_stat_activity once per transaction and keeps that copy.
        # The proof that a running id belongs to another database needs a copy made
        # after this statement's snapshot (see _PG_HORIZON): take a fresh one.
        session.execute(_PG_FRESH_ACTIVITY)
    bound, held, offset = session.execute(_PG_HORIZON).one()
    session.info[_ACTIVITY_READ] = True
    bound, offset = int(bound), int(offset)
    holder = int(held) if held is not None and int(held) < bound else None
    horizon = FeedHorizon(until=(holder if holder is not None else bound) + offset,
                          holder=holder)
    session.info[_HORIZON] = horizon
    return horizon.until


def last_feed_horizon(session: Session) -> FeedHorizon | None:
    """The horizon `feed_horizon` read last in the session's current transaction (None:
    none read, or SQLite)."""
    horizon = session.info.get(_HORIZON)
    return horizon if isinstance(horizon, FeedHorizon) else None


def holder_running_for(session: Session, horizon: FeedHorizon) -> int | None:
    """For how many seconds the write that holds the horizon has been running (None: it
    holds nothing, has ended, or PostgreSQL does not show this role when it began; a
    session of another role shows it only to a member of that role or of
    pg_read_all_stats)."""
    if horizon.holder is None or not _on_postgresql(session):
        return None
    seconds = session.scalar(_PG_HOLDER_AGE, {"xid": str(horizon.holder)})
    return None if seconds is None else max(0, int(seconds))


def stamp_server_seq(session: Session) -> int | None:
    """Take the transaction's real number now and put it on every row that carries the
    placeholder; the real number (None when the transaction changed nothing). On
    PostgreSQL the number is real from the start, and this does nothing."""
    current = session.info.get("server_seq")
    if current is None or current > 0:
        return current
    session.flush()  # every row that carries the placeholder is in the database now
    now = utc_now()
    value = int(session.execute(
        update(SyncCounter).where(SyncCounter.id == 1)
        .values(value=SyncCounter.value + 1).returning(SyncCounter.value)
    ).scalar_one())
    form_table = cast(Table, FormRecord.__table__)  # a declarative class's is a Table
    session.execute(update(form_table).where(form_table.c.server_seq == current)
                    .values(server_seq=value, updated_at=now))
    for table in cast(tuple[Table, ...], (FieldValue.__table__, SyncRecord.__table__,
                                          RecordValue.__table__)):
        session.execute(update(table).where(table.c.server_seq == current)
                        .values(server_seq=value))
    # Rows already loaded in the session see their new number too (as written, not as
    # changes still to write).
    for instance in list(session.identity_map.values()):
        if isinstance(instance, FormRecord | FieldValue | SyncRecord | RecordValue) \
                and instance.__dict__.get("server_seq") == current:
            set_committed_value(instance, "server_seq", value)
            if isinstance(instance, FormRecord):
                set_committed_value(instance, "updated_at", now)
    session.info["server_seq"] = value
    return value


def _seq_lag(session: Session) -> tuple[int, int]:
    """(how far the next change numbers are behind the highest stored one, plus one:
    positive when they would not be above it; the offset now). PostgreSQL only.

    Every transaction still to get an id gets one at or above the snapshot's `xmax`, and
    every stored number belongs to a transaction that ended before it."""
    highest, xmax, offset = session.execute(_PG_SEQ_STATE).one()
    return int(highest) - (int(xmax) + int(offset)) + 1, int(offset)


def check_seq_offset(session: Session) -> None:
    """Refuse (ChangeNumbersBehindError) when new changes would be numbered below stored
    ones: a backup restored into a new database cluster without `isaf db new-epoch`.
    Nothing to check on SQLite, whose counter is part of the data."""
    if not _on_postgresql(session):
        return
    lag, _ = _seq_lag(session)
    if lag > 0:
        raise ChangeNumbersBehindError(
            "the server's change numbers are behind its data (a backup restored into a new "
            "database?): stop the service and run 'isaf db new-epoch' before computers "
            "sync again", details={"behind_by": lag})


def align_seq_offset(session: Session) -> int:
    """On PostgreSQL, make the next change numbers higher than every number stored; how
    far the offset moved (0 when it did not need to, and always on SQLite).

    Transaction ids belong to the database cluster, not to the data: a backup restored
    into a new cluster (a new machine) starts again from small ids while its rows keep
    their large numbers. `isaf db new-epoch`, which follows every restore **with the
    service stopped**, calls this: with writers at work, a reader's horizon could pass
    the number of a writer that took it under the old offset. (A running server only
    checks, `check_seq_offset`, and refuses to number changes when they lag.) The offset
    is stored in `server_state` and only ever grows.
    """
    if not _on_postgresql(session):
        return 0
    lag, offset = _seq_lag(session)
    if lag <= 0:
        return 0
    session.execute(_PG_SET_OFFSET, {"offset": str(offset + lag)})
    session.info.pop("server_seq", None)  # taken under the old offset, if at all
    return lag


#: Databases (engine URLs) this process has checked before numbering a change there.
_ALIGNED: set[Any] = set()
#: Keys of `Session.info`: the horizon read last in the transaction, and whether the
#: transaction has read pg_stat_activity (PostgreSQL keeps its first copy until it ends).
_HORIZON = "feed_horizon"
_ACTIVITY_READ = "feed_activity_read"
_OFFSET = ("COALESCE((SELECT CAST(value AS BIGINT) FROM server_state"
           " WHERE key = 'seq_offset'), 0)")
#: This transaction's change number on PostgreSQL (assigning it an id if it has none).
_PG_SEQ = text(f"SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT) + {_OFFSET}")
#: The bounds of the horizon, as transaction ids: the first id not known to have ended
#: (the snapshot's `xmax`; one more when that is the reader's own, which it sees), and the
#: oldest id the snapshot lists as running that is not known to belong to another
#: database; then the offset.
#: Why a running id seen in pg_stat_activity with another database surely is not one of
#: this database's: the snapshot lists an id only when its session held it before the
#: statement began, and pg_stat_activity, read after that (PostgreSQL takes a statement's
#: snapshot before it runs it; `feed_horizon` makes sure no older copy of the activity is
#: used), pairs each session slot's database with the id its process holds. The session
#: holding the id kept its slot from before the snapshot to the moment its id was read,
#: so the database read from that slot is its own; and a session's database never
#: changes, nor is an id ever given twice. Compared as 32-bit `xid`s, as pg_stat_activity
#: shows them: running ids are never 2^31 apart.
_PG_HORIZON = text(f"""
    SELECT CAST(CAST(pg_snapshot_xmax(snapshot) AS TEXT) AS BIGINT)
           + CASE WHEN pg_snapshot_xmax(snapshot) = pg_current_xact_id_if_assigned()
                  THEN 1 ELSE 0 END,
           (SELECT MIN(CAST(CAST(running AS TEXT) AS BIGINT))
            FROM pg_snapshot_xip(snapshot) AS running
            WHERE CAST(running AS xid) NOT IN (
                SELECT backend_xid FROM pg_stat_get_activity(NULL) AS activity
                WHERE backend_xid IS NOT NULL
                  AND datid <> (SELECT oid FROM pg_database
                                WHERE datname = current_database()))),
           {_OFFSET}
    FROM (SELECT pg_current_snapshot() AS snapshot) AS now
""")
#: Forget this transaction's copy of pg_stat_activity: the next read makes a new one.
_PG_FRESH_ACTIVITY = text("SELECT pg_stat_clear_snapshot()")
#: How long the session holding a transaction id has had its transaction open, in
#: seconds (NULL when that is hidden from this role, or the id has ended).
_PG_HOLDER_AGE = text("""
    SELECT EXTRACT(EPOCH FROM clock_timestamp() - xact_start)
    FROM pg_stat_get_activity(NULL)
    WHERE backend_xid = CAST(CAST(:xid AS TEXT) AS xid)
""")
#: The highest number stored (or handed out by the counter of old), the lowest id a
#: transaction can still get, and the offset now.
_PG_SEQ_STATE = text(f"""
    SELECT GREATEST(
               COALESCE((SELECT MAX(server_seq) FROM form_record), 0),
               COALESCE((SELECT MAX(server_seq) FROM field_value), 0),
               COALESCE((SELECT MAX(server_seq) FROM sync_record), 0),
               COALESCE((SELECT MAX(server_seq) FROM record_value), 0),
               COALESCE((SELECT MAX(value) FROM sync_counter), 0)),
           CAST(CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT) AS BIGINT),
           {_OFFSET}
""")
#: Never lowered: a smaller offset would number new changes below earlier ones.
_PG_SET_OFFSET = text("""
    INSERT INTO server_state (key, value, changed_at)
    VALUES ('seq_offset', :offset, CURRENT_TIMESTAMP)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, changed_at = EXCLUDED.changed_at
    WHERE CAST(server_state.value AS BIGINT) < CAST(EXCLUDED.value AS BIGINT)
""")


@event.listens_for(Session, "before_commit")
def _stamp_before_commit(session: Session) -> None:
    stamp_server_seq(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_server_seq(session: Session, transaction: Any) -> None:
    """A new transaction takes a new number, reads its own horizon, and PostgreSQL's copy
    of pg_stat_activity is gone with the old one."""
    if transaction.parent is None:
        for key in ("server_seq", _HORIZON, _ACTIVITY_READ):
            session.info.pop(key, None)
