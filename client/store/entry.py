"""What the form entry screen reads and keeps besides saved values: the form's header with
its unit, the draft of edits not saved yet, the warning confirmations already given, and
the conflicts of its fields (with who entered each value, and where a choice made here
stands).

A draft lives in the store's `SyncState` under `draft:<form id>`, as JSON, so a closed
window or a crash loses nothing typed; saving the values clears it. No Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from client.store.history import moment
from client.store.models import (
    UNSENT_STATES,
    LocalConflict,
    LocalConflictAuthors,
    LocalForm,
    OutboxOperation,
)
from client.store.repository import LocalStore
from common.db import utc_now
from common.units.models import ServiceUnit

DRAFT_PREFIX = "draft:"
#: Raised when the draft format changes, so an old draft is read the way it was written.
DRAFT_FORMAT = 1


@dataclass(frozen=True)
class FormHeader:
    """A form and the unit it reports on, as the entry screen's title shows them."""

    form_id: str
    form_code: str
    definition_version: int
    year: int
    status: str
    status_comment: str | None
    unit_id: str
    unit_code: str
    unit_name_km: str
    unit_name_en: str
    commune_code: str

    def unit_name(self, language: str) -> str:
        """The unit's name in `language`."""
        return self.unit_name_km if language == "km" else self.unit_name_en


@dataclass
class Draft:
    """Edits not saved yet: what was typed per field (None: cleared) and new confirmations
    ("field:code" -> reason)."""

    values: dict[str, Any] = field(default_factory=dict)
    confirmations: dict[str, str] = field(default_factory=dict)
    kept_at: datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.values or self.confirmations)


def form_header(store: LocalStore, form_id: str) -> FormHeader | None:
    """The form with its unit, or None when the form is not on this computer."""
    with store.transaction() as session:
        form = session.get(LocalForm, form_id)
        if form is None or form.deleted:
            return None
        unit = session.get(ServiceUnit, form.unit_id)
        return FormHeader(
            form_id=form.id, form_code=form.form_code,
            definition_version=form.definition_version, year=form.year, status=form.status,
            status_comment=form.status_comment, unit_id=form.unit_id,
            unit_code=unit.code if unit else "", unit_name_km=unit.name_km if unit else "",
            unit_name_en=unit.name_en if unit else "",
            commune_code=unit.commune_code if unit else "")


def draft_key(form_id: str) -> str:
    """The SyncState key of a form's draft."""
    return f"{DRAFT_PREFIX}{form_id}"


def read_draft(store: LocalStore, form_id: str) -> Draft | None:
    """The form's kept draft, or None. A damaged draft reads as none rather than stopping
    the form from opening."""
    text = store.get_state(draft_key(form_id))
    if not text:
        return None
    try:
        data = json.loads(text)
        kept_at = datetime.fromisoformat(data["kept_at"]) if data.get("kept_at") else None
        draft = Draft(values=dict(data.get("values", {})),
                      confirmations={str(k): str(v) for k, v in
                                     data.get("confirmations", {}).items()},
                      kept_at=kept_at)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return draft or None


def write_draft(store: LocalStore, form_id: str, draft: Draft | None) -> None:
    """Keep the draft, or forget it when it is empty or None (after a save)."""
    if not draft:
        store.set_state(draft_key(form_id), None)
        return
    store.set_state(draft_key(form_id), json.dumps({
        "format": DRAFT_FORMAT, "kept_at": utc_now().isoformat(timespec="seconds"),
        "values": draft.values, "confirmations": draft.confirmations,
    }, ensure_ascii=False))


def kept_confirmations(store: LocalStore, form_id: str) -> dict[str, str]:
    """Warning confirmations saved on this computer for the form ("field:code" -> reason),
    the latest reason of each.

    They ride in the form's outbox operations, oldest first, so a later one wins.
    """
    with store.transaction() as session:
        payloads = session.scalars(select(OutboxOperation.payload)
                                   .where(OutboxOperation.record_id == form_id)
                                   .order_by(OutboxOperation.device_seq))
        kept: dict[str, str] = {}
        for payload in payloads:
            confirmations: Mapping[str, str] = (payload or {}).get("confirmations", {})
            kept.update(confirmations)
    return kept


# --------------------------------------------------------------------------- conflicts

#: Conflict states a person still sees: waiting for a choice, or chosen here and not
#: settled by the server yet.
SHOWN_CONFLICT_STATES = ("open", "resolving")
#: Where the choice made on this computer for a conflict stands (`ConflictView.choice_state`):
#: not sent yet; kept aside by the server for a district officer (a proposal); applied.
CHOICE_UNSENT, CHOICE_HELD, CHOICE_APPLIED, CHOICE_REFUSED = "unsent", "held", "applied", \
    "refused"


@dataclass(frozen=True)
class ConflictView:
    """A conflict of a field as the screens show it: the three values, who entered the
    two that differ and when (None when the server did not say), and the choice made on
    this computer, if any.

    `current` is the value the form keeps for now (the server's), `incoming` the one set
    aside; `status` is "open" (nobody chose here yet) or "resolving" (chosen here)."""

    id: str
    form_id: str
    field: str
    status: str
    base: Any
    current: Any
    incoming: Any
    current_by: str | None = None
    incoming_by: str | None = None
    current_name: str | None = None
    incoming_name: str | None = None
    current_at: datetime | None = None
    incoming_at: datetime | None = None
    #: The value chosen (or proposed) here, and where it stands (CHOICE_*); None when
    #: nothing was chosen on this computer.
    choice: Any = None
    choice_state: str | None = None

    def sides(self, me: str) -> tuple[str, str]:
        """Which of `current` and `incoming` is `me`'s and which the other person's:
        ("incoming", "current") when `me` sent the value set aside, the reverse when the
        form keeps `me`'s, and ("", "") when `me` entered neither (an officer's view)."""
        if self.incoming_by == me:
            return "incoming", "current"
        if self.current_by == me:
            return "current", "incoming"
        return "", ""


def conflicts(store: LocalStore, form_id: str | None = None) -> list[ConflictView]:
    """The conflicts a person still sees (open, or chosen here and not settled yet), of one
    form (or record) or of all, oldest form first; each with its authors and choice."""
    with store.transaction() as session:
        statement = select(LocalConflict, LocalConflictAuthors).outerjoin(
            LocalConflictAuthors, LocalConflictAuthors.conflict_id == LocalConflict.id).where(
            LocalConflict.status.in_(SHOWN_CONFLICT_STATES))
        if form_id is not None:
            statement = statement.where(LocalConflict.form_id == form_id)
        rows = session.execute(statement.order_by(LocalConflict.form_id, LocalConflict.field,
                                                  LocalConflict.id)).all()
        choices = _choices(session, [c for c, _ in rows if c.status == "resolving"])
    views = []
    for conflict, authors in rows:
        choice, state = choices.get(conflict.id, (None, None))
        views.append(ConflictView(
            id=conflict.id, form_id=conflict.form_id, field=conflict.field,
            status=conflict.status, base=conflict.base, current=conflict.current,
            incoming=conflict.incoming, current_by=conflict.current_by,
            incoming_by=conflict.incoming_by,
            current_name=authors.current_name if authors else None,
            incoming_name=authors.incoming_name if authors else None,
            current_at=authors.current_at if authors else None,
            incoming_at=authors.incoming_at if authors else None,
            choice=choice, choice_state=state))
    return views


def _choices(session: Session, chosen: list[LocalConflict]) -> dict[str, tuple[Any, str]]:
    """conflict id -> (the value chosen here, where it stands), from the outbox operation
    that names the conflict (the latest, should there be several)."""
    if not chosen:
        return {}
    wanted = {c.id for c in chosen}
    found: dict[str, tuple[Any, str]] = {}
    operations = session.scalars(
        select(OutboxOperation).where(OutboxOperation.record_id.in_({c.form_id for c in chosen}))
        .order_by(OutboxOperation.device_seq))
    for op in operations:
        payload = op.payload or {}
        for key, conflict_id in (payload.get("resolves") or {}).items():
            if conflict_id not in wanted:
                continue
            change = payload.get("fields", {}).get(key)
            value = change[0] if isinstance(change, list | tuple) and change else change
            found[conflict_id] = (value, _choice_state(op, key))
    return found


def _choice_state(op: OutboxOperation, key: str) -> str:
    if op.state in UNSENT_STATES:
        return CHOICE_UNSENT
    if op.state == "acked":
        return CHOICE_APPLIED
    if op.state == "rejected":
        return CHOICE_REFUSED
    # Answered "conflict" (or held): the server kept the choice aside for a person who may
    # resolve (docs/SYNC.md, "Who may resolve"), and the conflict stays open.
    quarantined = (op.receipt or {}).get("quarantined") or []
    return CHOICE_HELD if key in quarantined or op.state == "quarantined" else CHOICE_UNSENT


def keep_conflict_authors(session: Session, conflict: Mapping[str, Any]) -> None:
    """Keep who entered a pulled conflict's two values and when, as the server's conflict
    (a pull page's `conflicts`) names them: `current_name` / `incoming_name` (the
    person's full name), `current_username` / `incoming_username`, `current_at` /
    `incoming_at` (ISO times). A server that sends none of them leaves nothing here."""
    names = {side: _person(conflict.get(f"{side}_name"), conflict.get(f"{side}_username"))
             for side in ("current", "incoming")}
    times = {side: moment(conflict.get(f"{side}_at")) for side in ("current", "incoming")}
    if not any(names.values()) and not any(times.values()):
        return
    row = session.get(LocalConflictAuthors, conflict["id"])
    if row is None:
        row = LocalConflictAuthors(conflict_id=conflict["id"])
        session.add(row)
    row.current_name, row.incoming_name = names["current"], names["incoming"]
    row.current_at, row.incoming_at = times["current"], times["incoming"]


def _person(name: Any, username: Any) -> str | None:
    """"Full Name (username)": the name people know, and the account the history shows."""
    name, username = str(name or "").strip(), str(username or "").strip()
    if name and username and name != username:
        return f"{name} ({username})"[:300]
    return (name or username)[:300] or None


