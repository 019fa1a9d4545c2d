"""The workflow steps a person takes on a form, without Qt: make it, move it along
(submit, return, approve, unlock), delete it.

Each step is one plain call on the signed-in person's store, sync engine and server link,
so the main window runs it through the operation runner (off the GUI thread) and a test or
a command runs it directly. The steps raise what went wrong (TransportError,
ServerRefusal, StoreError); putting that in words is the screen's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from client.store import entry
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport
from client.sync.transport import ServerRefusal, Transport
from common.workflow import TRANSITIONS

log = logging.getLogger(__name__)


def _never() -> bool:
    return False


def create_form(store: LocalStore, *, unit_id: str, year: int, form_code: str) -> str:
    """Make a unit's form of a year on this computer (offline); its id."""
    return store.create_form(unit_id=unit_id, year=year, form_code=form_code)


def move_form(engine: SyncEngine, transport: Transport, *, form_id: str, action: str,
              comment: str | None, cancelled: Callable[[], bool] = _never) -> SyncReport:
    """Ask the server to move a form along (`action`: submit, return, approve, unlock),
    then sync, so this computer has the form's new status; the last sync's report.

    Values go up first, so the server decides on what this computer has. The move is
    posted once more only by the transport's own retries; when such a retry finds the form
    already at the target status, the first attempt went through and that is success (not
    for a move with a comment: that may have been someone else's, and is told instead).
    After a refusal a sync still runs, so the screen shows the server's current status,
    and the refusal is raised."""
    target = TRANSITIONS[action].target
    transport.check()  # offline: said at once, not after a sync's retries
    engine.sync(cancelled=cancelled)  # the server must have every value first
    try:
        transport.post(f"/api/v1/forms/{form_id}/{action}", json={"comment": comment})
    except ServerRefusal as refusal:
        details = refusal.body.get("details") or {}
        if refusal.status == 409 and details.get("status") == target \
                and not TRANSITIONS[action].needs_comment:
            return engine.sync(cancelled=cancelled)
        try:
            engine.sync(cancelled=cancelled)
        except Exception:  # the refusal is what the person must hear
            log.warning("sync after a refused %s failed", action, exc_info=True)
        raise
    return engine.sync(cancelled=cancelled)


def delete_form(store: LocalStore, form_id: str) -> None:
    """Delete a draft or returned form here, with the draft kept of its unsaved edits; a
    form the server has is deleted there at the next sync (StoreError when it may not be
    deleted now)."""
    store.delete_form(form_id)
    entry.write_draft(store, form_id, None)  # a kept draft goes with its form
