"""Tables of the yearly data: forms, their field values, confirmations and the audit trail.

Built for offline sync from the start (../shared/docs/SYNC.md): forms have client-made
UUIDs and a natural key (unit, year, form code); every field value carries its own
server revision, so two people editing different indicators never conflict; every change
is stamped with a `server_seq` from one server-wide counter taken inside the committing
transaction, just before it commits, which is what clients pull by.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    event,
    false,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value

from common.db import Base, utc_now
from common.units.models import ServiceUnit

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
    """One thing that happened to a form: a value changed, a status moved, a warning
    confirmed. Never changed or deleted."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    # Not indexed: no query reads events by person (history is by form), and every pushed
    # value writes an event (migration 0006).
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    form_id: Mapped[str] = mapped_column(ForeignKey("form_record.id"), index=True)
    action: Mapped[str] = mapped_column(String(24))
    field: Mapped[str | None] = mapped_column(String(100), default=None)
    #: For a value change: the field's revision after it (finds a conflict's base value).
    revision: Mapped[int | None] = mapped_column(Integer, default=None)
    old_value: Mapped[Any] = mapped_column(JSONValue, nullable=True, default=None)
    new_value: Mapped[Any] = mapped_column(JSONValue, nullable=True, default=None)
    comment: Mapped[str | None] = mapped_column(Text, default=None)


class SyncCounter(Base):
    """The one server-wide change counter (a single row)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


def next_server_seq(session: Session) -> int:
    """The sequence number for every change of the current transaction, as a placeholder
    until `stamp_server_seq` takes the real one (at the latest, just before commit).

    Incrementing a row (rather than a database sequence) holds that row's lock until
    commit, so transactions that change data commit in the order of their numbers, and a
    client that pulls "everything after N" can never skip a change that commits late.
    Taking it as late as possible keeps that lock short: concurrent pushes do their work
    side by side and queue only for the stamp and the commit. One number per transaction
    is enough: a pull never splits what one commit did.
    """
    cached = session.info.get("server_seq")
    if cached is None:
        # Negative and random: never a real number, and never another transaction's.
        cached = -(secrets.randbelow(2**62) + 1)
        session.info["server_seq"] = cached
    return int(cached)


def stamp_server_seq(session: Session) -> int | None:
    """Take the transaction's real number now and put it on every row that carries the
    placeholder; the real number (None when the transaction changed nothing)."""
    current = session.info.get("server_seq")
    if current is None or current > 0:
        return current
    session.flush()  # every row that carries the placeholder is in the database now
    now = utc_now()
    if session.get_bind().dialect.name == "postgresql":
        # One round trip: the counter row's lock is held from here to the commit, so
        # every statement less here is time other pushes do not queue.
        value = int(session.execute(_STAMP_POSTGRESQL, {
            "placeholder": current, "now": now}).scalar_one())
    else:
        value = int(session.execute(
            update(SyncCounter).where(SyncCounter.id == 1)
            .values(value=SyncCounter.value + 1).returning(SyncCounter.value)
        ).scalar_one())
        session.execute(update(FormRecord.__table__)
                        .where(FormRecord.__table__.c.server_seq == current)
                        .values(server_seq=value, updated_at=now))
        session.execute(update(FieldValue.__table__)
                        .where(FieldValue.__table__.c.server_seq == current)
                        .values(server_seq=value))
    # Rows already loaded in the session see their new number too (as written, not as
    # changes still to write).
    for instance in list(session.identity_map.values()):
        if isinstance(instance, FormRecord | FieldValue) \
                and instance.__dict__.get("server_seq") == current:
            set_committed_value(instance, "server_seq", value)
            if isinstance(instance, FormRecord):
                set_committed_value(instance, "updated_at", now)
    session.info["server_seq"] = value
    return value


#: stamp_server_seq on PostgreSQL: take the next number and put it on the forms and field
#: rows that carry the placeholder, in one statement.
_STAMP_POSTGRESQL = text("""
    WITH counter AS (
        UPDATE sync_counter SET value = value + 1 WHERE id = 1 RETURNING value
    ), forms AS (
        UPDATE form_record SET server_seq = (SELECT value FROM counter), updated_at = :now
        WHERE server_seq = :placeholder
    ), fields AS (
        UPDATE field_value SET server_seq = (SELECT value FROM counter)
        WHERE server_seq = :placeholder
    )
    SELECT value FROM counter
""").bindparams(bindparam("placeholder", type_=BigInteger()),
                bindparam("now", type_=FormRecord.__table__.c.updated_at.type))


@event.listens_for(Session, "before_commit")
def _stamp_before_commit(session: Session) -> None:
    stamp_server_seq(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_server_seq(session: Session, transaction: Any) -> None:
    """A new transaction takes a new number."""
    if transaction.parent is None:
        session.info.pop("server_seq", None)
