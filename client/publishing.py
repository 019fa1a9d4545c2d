"""Publishing from the desktop, without Qt: the preview of the approved forms of an area,
year and service that would become public, publishing exactly those, and withdrawing a
published form with a reason. All three are the server's (`/api/v1/publishing`), so
online only; afterwards a sync brings the new statuses to this computer.

Each is one plain call on the signed-in person's server link (and sync engine), so a
screen runs it through the operation runner, off the GUI thread. They raise what went
wrong (TransportError, ServerRefusal); putting that in words is the screen's job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from client.store import overview
from client.store.overview import Area
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from common.workflow import MAX_WITHDRAW_REASON

log = logging.getLogger(__name__)
PATH = "/api/v1/publishing"
#: The longest reason of a withdrawal the server takes.
MAX_REASON = MAX_WITHDRAW_REASON


@dataclass(frozen=True)
class Candidate:
    """One approved form the preview listed."""

    id: str
    unit_code: str
    unit_name_km: str
    unit_name_en: str
    year: int
    form_code: str
    #: Why it cannot be published now ("open_conflicts", "held_deletes"); empty: it will.
    blockers: tuple[str, ...] = ()

    @classmethod
    def from_server(cls, body: dict[str, Any]) -> Candidate:
        return cls(id=str(body["id"]), unit_code=str(body.get("unit_code") or ""),
                   unit_name_km=str(body.get("unit_name_km") or ""),
                   unit_name_en=str(body.get("unit_name_en") or ""),
                   year=int(body["year"]), form_code=str(body.get("form_code") or ""),
                   blockers=tuple(str(b) for b in body.get("blockers") or ()))


def _selection(area: str, year: int, form_code: str | None) -> dict[str, Any]:
    return {"area": area, "year": year, "form_code": form_code}


def preview(transport: Transport, *, area: str, year: int,
            form_code: str | None) -> list[Candidate]:
    """The approved forms publishing would make public ('' = the whole country, None =
    every service), in unit-code order; nothing changes on the server."""
    transport.check()  # offline: said at once, not after the retries' backoff
    answer = transport.post(f"{PATH}/preview", json=_selection(area, year, form_code))
    return [Candidate.from_server(row) for row in answer]


def publish(transport: Transport, engine: SyncEngine | None, *, area: str, year: int,
            form_code: str | None, form_ids: list[str]) -> int:
    """Publish exactly `form_ids` (what the preview listed): all of them, or none when
    the server refuses one. How many were published. Sent once: a repeat after a cut
    link would be refused, the forms being published already. Then syncs."""
    transport.check()
    answer = transport.post_once(f"{PATH}/publish", json={
        **_selection(area, year, form_code), "form_ids": form_ids})
    _sync(engine)
    return int(answer["published"])


def withdraw(transport: Transport, engine: SyncEngine | None, *, form_id: str,
             reason: str) -> None:
    """Take a published form out of public view (back to approved) with a reason; then
    syncs, so this computer shows its new status."""
    transport.check()
    transport.post_once(f"{PATH}/withdraw", json={"form_id": form_id, "reason": reason})
    _sync(engine)


def _sync(engine: SyncEngine | None) -> None:
    if engine is None:
        return
    try:
        engine.sync()
    except Exception:  # the server did it: a failed sync only delays the new statuses
        log.warning("sync after publishing failed", exc_info=True)


def known_areas(store: LocalStore) -> list[Area]:
    """The provinces, districts and communes this computer holds units of, in code order
    (a province before its districts, a district before its communes)."""
    return sorted(overview.areas(store), key=lambda area: area.code)
