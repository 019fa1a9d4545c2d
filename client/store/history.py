"""A form's history as the history screen lists it: the server's audit trail, and the
changes on this computer that the server does not have yet (read from the outbox).

The server's trail is the whole story (every author, device and transition); without a
connection only this computer's unsent changes can be told. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from client.store.models import UNSENT_STATES, LocalValue, OutboxOperation
from client.store.repository import DELETE_BASE_KEY, LocalStore

#: Audit actions that move a form between statuses (old and new values are statuses).
TRANSITION_ACTIONS = frozenset({"submit", "return", "approve", "unlock", "publish",
                                "withdraw"})


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened to a form.

    `action` is the server's audit action: create, value, confirm, conflict, delete, or a
    transition (submit, return, approve, unlock, publish). For a value, `old_value` and
    `new_value` are figures; for a transition, statuses. `sent` is False for a change
    still waiting on this computer.
    """

    at: datetime | None
    who: str
    action: str
    field: str | None = None
    old_value: Any = None
    new_value: Any = None
    comment: str | None = None
    device_id: str | None = None
    sent: bool = True


def from_server(events: Iterable[Mapping[str, Any]]) -> list[HistoryEntry]:
    """Entries from the server's `/forms/{id}/history` answer, oldest first."""
    entries = []
    for event in events:
        action = str(event.get("action") or "")
        entries.append(HistoryEntry(
            at=moment(event.get("at")), who=str(event.get("username") or ""),
            action=action, field=event.get("field") or None,
            old_value=event.get("old_value"), new_value=event.get("new_value"),
            comment=_comment(action, event.get("comment")), device_id=event.get("device_id")))
    return entries


def moment(text: Any) -> datetime | None:
    """A time the server sent (ISO text), as an aware datetime; None when absent or not
    a time."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    # The server keeps UTC; an answer without a zone is UTC, never local time.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _comment(action: str, comment: Any) -> str | None:
    """What a person wrote, without the bookkeeping the server adds (operation ids,
    definition versions)."""
    if not comment:
        return None
    text = str(comment)
    if action == "confirm":
        # Kept as "<warning code>: <reason>": the reason is what the person wrote.
        return text.partition(": ")[2] or text
    if action in TRANSITION_ACTIONS:
        return text
    return None


def unsent_changes(store: LocalStore, form_id: str, *, who: str) -> list[HistoryEntry]:
    """The changes of a form made on this computer and not acknowledged by the server,
    oldest first; `who` is the person signed in here (they made them)."""
    with store.transaction() as session:
        operations = list(session.scalars(
            select(OutboxOperation).where(OutboxOperation.record_id == form_id,
                                          OutboxOperation.state.in_(UNSENT_STATES))
            .order_by(OutboxOperation.device_seq)))
        # "From" is what the server last had: an unsent change replaces that value.
        before: dict[str, Any] = {row.field: row.server_value for row in session.scalars(
            select(LocalValue).where(LocalValue.form_id == form_id))}
    entries: list[HistoryEntry] = []
    for operation in operations:
        payload = operation.payload or {}
        at = operation.created_at
        device = payload.get("device_id")
        if payload.get("natural_key"):
            entries.append(HistoryEntry(at=at, who=who, action="create", device_id=device,
                                        sent=False))
        for key, change in sorted(payload.get("fields", {}).items()):
            if key == DELETE_BASE_KEY:
                continue
            value = change[0] if isinstance(change, list | tuple) and change else change
            entries.append(HistoryEntry(at=at, who=who, action="value", field=key,
                                        old_value=before.get(key), new_value=value,
                                        device_id=device, sent=False))
            before[key] = value
        for key, reason in sorted(payload.get("confirmations", {}).items()):
            entries.append(HistoryEntry(at=at, who=who, action="confirm",
                                        field=key.rpartition(":")[0] or key, comment=reason,
                                        device_id=device, sent=False))
        if payload.get("delete"):
            entries.append(HistoryEntry(at=at, who=who, action="delete", device_id=device,
                                        sent=False))
    return entries
