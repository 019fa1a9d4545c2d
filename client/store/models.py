"""Tables of the client's local store (SQLite, one file per computer).

The reference data (geography, units, published definitions) reuses the shared models of
`common`; the client's own tables live in their own metadata, so the server never sees
them. Every edit writes its values and its outbox operation in one local transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from sqlalchemy import JSON, BigInteger, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from common.db import NAMING_CONVENTION, Base, UTCDateTime, utc_now
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.units.models import ServiceUnit

#: Where an outbox operation stands: pending (may still take more edits), sent (frozen: it
#: may have reached the server), then, as the server's receipt says, acked, conflict
#: (kept aside for a person's decision), quarantined (held) or rejected.
OutboxState = Literal["pending", "sent", "acked", "conflict", "quarantined", "rejected"]
#: The states of an operation the server has not acknowledged yet.
UNSENT_STATES: tuple[OutboxState, ...] = ("pending", "sent")


class LocalBase(DeclarativeBase):
    """Declarative base of the client's own tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class LocalForm(LocalBase):
    """A form as this computer knows it: made here, or pulled from the server."""

    __tablename__ = "local_form"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[str] = mapped_column(String(36), index=True)
    year: Mapped[int] = mapped_column(Integer)
    form_code: Mapped[str] = mapped_column(String(48))
    definition_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    status_comment: Mapped[str | None] = mapped_column(Text, default=None)
    #: The server's revision of the form's header; None until the server has it.
    server_revision: Mapped[int | None] = mapped_column(Integer, default=None)
    deleted: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class LocalRecord(LocalBase):
    """A record of another kind than a form (a JAAP action, a scorecard session, a
    facilitator: common/sync/kinds.py), made here or pulled. Its columns are rows of
    `LocalValue`, keyed by the record's id, exactly as a form's fields are."""

    __tablename__ = "local_record"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    commune_code: Mapped[str | None] = mapped_column(String(8), default=None)
    unit_id: Mapped[str | None] = mapped_column(String(36), default=None)
    year: Mapped[int | None] = mapped_column(Integer, default=None)
    #: The server's revision of the header (a delete's base); None until the server has it.
    server_revision: Mapped[int | None] = mapped_column(Integer, default=None)
    deleted: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class LocalValue(LocalBase):
    """One field of one form (or one column of a record): what the user sees, and what
    the server last said."""

    __tablename__ = "local_value"

    form_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    #: The server's value and revision as last pulled or acknowledged; the revision is the
    #: base of the next operation. None: the server has no such field yet.
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    server_revision: Mapped[int | None] = mapped_column(Integer, default=None)
    #: True while a local change has not been acknowledged: a pull never overwrites it.
    pending: Mapped[bool] = mapped_column(default=False)
    conflict_id: Mapped[str | None] = mapped_column(String(36), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class OutboxOperation(LocalBase):
    """An operation waiting to reach the server, or kept after it did (`OutboxState`).

    Kept after acknowledgement for a while, so a server restored from a backup can be
    given them again.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "device_seq"),)

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[OutboxState] = mapped_column(String(12), default="pending")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    payload_hash: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    acked_at: Mapped[datetime | None] = mapped_column(default=None)


class LocalConflict(LocalBase):
    """A conflict pulled from the server: the three values and their authors."""

    __tablename__ = "local_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    current: Mapped[Any] = mapped_column(JSON, nullable=True)
    incoming: Mapped[Any] = mapped_column(JSON, nullable=True)
    current_by: Mapped[str | None] = mapped_column(String(36), default=None)
    incoming_by: Mapped[str | None] = mapped_column(String(36), default=None)
    incoming_device: Mapped[str | None] = mapped_column(String(36), default=None)


class LocalConflictAuthors(LocalBase):
    """Who entered each of a conflict's two values, and when, as the server names them
    (the Conflicts screen and the field's mark say so). A table of its own rather than
    columns of `LocalConflict`: a store made before it gains the table through
    `create_all`, which adds tables but never columns. A conflict without a row here (a
    server that does not send names) is shown with "another person"."""

    __tablename__ = "local_conflict_authors"

    conflict_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    current_name: Mapped[str | None] = mapped_column(String(300), default=None)
    #: When the value the form keeps was written on the server (None: not known).
    current_at: Mapped[datetime | None] = mapped_column(default=None)
    incoming_name: Mapped[str | None] = mapped_column(String(300), default=None)
    #: When the value set aside reached the server (the conflict's creation).
    incoming_at: Mapped[datetime | None] = mapped_column(default=None)


class SyncState(LocalBase):
    """Small facts kept by key: device id, next device sequence, cursor, epoch, scope,
    server address, the refresh token, the last sync and its outcome."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text, default=None)


#: The shared reference tables a client keeps a copy of.
REFERENCE_TABLES = [Base.metadata.tables[model.__tablename__]
                    for model in (AdminArea, ServiceUnit, PublishedDefinition)]


def table_definitions() -> list[Table]:
    """Every table of a store as this release defines it: the shared reference tables and
    the client's own."""
    return [*REFERENCE_TABLES, *LocalBase.metadata.sorted_tables]
