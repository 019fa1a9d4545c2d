"""Tables of the sync protocol on the server: receipts, conflicts, quarantine, aliases of
records created twice, and the server's epoch (renewed when a backup is restored). The
records of other kinds than forms are data: server/data/models.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from common.db import Base, new_id, utc_now
from server.data.models import JSONValue


class SyncReceipt(Base):
    """The answer given to one operation, kept so a retry gets the same answer."""

    __tablename__ = "sync_receipt"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"))
    payload_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSONValue)
    received_at: Mapped[datetime] = mapped_column(default=utc_now)


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


class ServerState(Base):
    """Small facts about this server, by key: its epoch."""

    __tablename__ = "server_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)


class SyncBundle(Base):
    """A USB bundle offered to this server: imported, or refused.

    An imported bundle is remembered so a second import is reported as such (its
    operations are duplicates anyway). A refused one leaves a small record for an
    administrator (`isaf sync refused-bundles`), since a tampered stick is worth
    investigating: who brought it and when, the upload's size and SHA-256, the reason,
    what its manifest claims, and its first bytes; never the whole upload, so a refusal
    costs a few kilobytes whatever was sent (server/sync/bundles.py, `_refuse`).
    """

    __tablename__ = "sync_bundle"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    bundle_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), index=True, default=None)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    bundle_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    first_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)
    last_seq: Mapped[int | None] = mapped_column(BigInteger, default=None)
    op_count: Mapped[int] = mapped_column(Integer, default=0)
    #: imported or refused.
    status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    #: Who brought it: a user through the API, or None for the server's command line.
    carried_by: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    #: Imported: the results and notes. Refused: `upload_bytes`, `upload_sha256` and
    #: `manifest` (the claimed values, each bounded).
    summary: Mapped[dict[str, Any]] = mapped_column(JSONValue, default=dict)
    #: Refused: the upload's first REFUSED_HEAD_BYTES (a genuine bundle's manifest comes
    #: first). Rows written before that limit may hold a whole upload.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    received_at: Mapped[datetime] = mapped_column(default=utc_now)

