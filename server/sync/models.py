"""Tables of the sync protocol on the server: receipts, USB bundles, and the server's epoch
(renewed when a backup is restored). What the sync leaves on the data (conflicts, held
operations, aliases of forms created twice) and the records of other kinds than forms are
data: server/data/models.py."""

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

