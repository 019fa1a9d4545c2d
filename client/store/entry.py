"""What the form entry screen reads and keeps besides saved values: the form's header with
its unit, the draft of edits not saved yet, and the warning confirmations already given.

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

from client.store.models import LocalForm, OutboxOperation
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
