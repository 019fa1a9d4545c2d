"""The server's sync rules around conflicts, holds and deletes: who may settle a conflict,
what a `resolves` must name to skip the conflict check, a re-apply of a form still locked,
and when a form may be deleted. Through HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.roles import PERMISSIONS
from server.data.models import AuditEvent, FieldValue, FormRecord, SyncConflict, SyncQuarantine
from tests.server.conftest import World, bearer, new_form
from tests.server.test_forms_api import act, complete_values
from tests.server.test_sync_api import Device, receipts

#: Each test's forms get their own year: the module shares one database.
YEARS = itertools.count(2030)


def key(world: World) -> dict[str, Any]:
    return {"unit_id": world.units["home"], "year": next(YEARS), "form_code": "health_center"}


def make_conflict(client: FlaskClient, world: World, editor: Device,
                  dmk: Device) -> tuple[str, str]:
    """A form whose anc1 is in conflict: 310 kept (the officer's, revision 2), 305
    incoming (the editor's, made on revision 1). Its pnc1 is 100 (revision 1)."""
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (300, 0), "pnc1": (100, 0)},
                                   natural_key=key(world))))
    assert receipts(dmk.push(dmk.op(form_id, {"anc1": (310, 1)})))[0]["result"] == "applied"
    late = receipts(editor.push(editor.op(form_id, {"anc1": (305, 1)})))[0]
    assert late["result"] == "conflict"
    return form_id, late["conflicts"]["anc1"]


def stored(app: Flask, form_id: str, field: str) -> Any:
    with Session(app.extensions["isaf_engine"]) as session:
        return session.scalar(select(FieldValue.value).where(
            FieldValue.form_id == form_id, FieldValue.field == field))


def conflict_status(app: Flask, conflict_id: str) -> str | None:
    with Session(app.extensions["isaf_engine"]) as session:
        return session.scalar(select(SyncConflict.status).where(SyncConflict.id == conflict_id))


def holds(client: FlaskClient, device: Device) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/sync/quarantine", headers=bearer(device.token))
    assert answer.status_code == 200, answer.json
    return answer.json  # type: ignore[no-any-return]


def pull_all(device: Device, cursor: str = "") -> tuple[list[dict[str, Any]],
                                                        list[dict[str, Any]], str]:
    """Every change and conflict after `cursor`, and the cursor at the end."""
    changes: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    while True:
        page = device.pull(cursor).json
        changes += page["changes"]
        conflicts += page["conflicts"]
        cursor = page["next"]
        if not page["more"]:
            return changes, conflicts, cursor


def reapply(client: FlaskClient, device: Device, hold_id: str) -> Any:
    return client.post(f"/api/v1/sync/quarantine/{hold_id}/reapply",
                       headers=bearer(device.token), json={"device_id": device.id})


# --------------------------------------------------------------------------- re-apply


def test_reapplying_a_hold_while_the_form_is_still_locked_keeps_the_one_hold(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor = Device(client, "editor")
    form = new_form(client, headers["editor"], world.units["home"], year=next(YEARS))
    complete_values(client, headers["editor"], form)
    assert act(client, headers["editor"], form["id"], "submit").status_code == 200
    assert act(client, headers["dmk"], form["id"], "approve").status_code == 200
    locked = receipts(editor.push(editor.op(form["id"], {"anc1": (999, 0)})))[0]
    assert locked["result"] == "rejected_locked"
    before = holds(client, editor)
    (hold,) = [h for h in before if h["op_id"] == locked["op_id"]]

    again = reapply(client, editor, hold["id"])
    assert again.status_code == 200 and again.json["result"] == "rejected_locked"
    assert holds(client, editor) == before  # no second copy; the hold is as it was

    assert act(client, headers["admin"], form["id"], "unlock", "a figure was wrong")\
        .status_code == 200
    applied = reapply(client, editor, hold["id"])
    assert applied.status_code == 200 and applied.json["result"] in ("applied", "conflict")
    assert not [h for h in holds(client, editor) if h["id"] == hold["id"]]


# --------------------------------------------------------------------------- resolves


@pytest.mark.parametrize("named", ["unknown", "another_field", "another_form", "resolved"])
def test_a_write_naming_no_open_conflict_of_its_field_meets_the_conflict_rule(
        app: Flask, client: FlaskClient, world: World, named: str) -> None:
    editor, dmk, late = Device(client, "editor"), Device(client, "dmk"), Device(client, "dmk")
    form_id, conflict_id = make_conflict(client, world, editor, dmk)
    field, value, base = "anc1", 999, 1  # made on revision 1; anc1 is at 2 now
    if named == "unknown":
        resolves = {"anc1": str(uuid.uuid4())}
    elif named == "another_field":
        field, base = "pnc1", 0  # pnc1 is at 1: a stale write naming anc1's conflict
        resolves = {"pnc1": conflict_id}
    elif named == "another_form":
        _, elsewhere = make_conflict(client, world, Device(client, "editor"), dmk)
        resolves = {"anc1": elsewhere}
    else:
        settled = receipts(dmk.push(dmk.op(form_id, {"anc1": (305, 2)},
                                           resolves={"anc1": conflict_id})))[0]
        assert settled["result"] == "applied" and conflict_status(app, conflict_id) == "resolved"
        base = 2  # the conflict's own base: the resolution moved anc1 on since
        resolves = {"anc1": conflict_id}
    before = stored(app, form_id, field)

    answer = receipts(late.push(late.op(form_id, {field: (value, base)}, resolves=resolves)))[0]

    assert answer["result"] == "conflict" and field in answer["conflicts"]
    assert answer["conflicts"][field] != resolves[field]  # a new conflict, not the named one
    assert stored(app, form_id, field) == before  # the current value stays
    if named in ("another_field", "another_form"):
        assert conflict_status(app, resolves[field]) == "open"  # nothing settled elsewhere


def test_a_role_without_resolve_conflict_proposes_and_a_district_officer_decides(
        app: Flask, client: FlaskClient, world: World, headers: dict[str, dict[str, str]]
) -> None:
    assert "resolve_conflict" not in PERMISSIONS["commune_focal_point"]
    editor, dmk, focal = Device(client, "editor"), Device(client, "dmk"), Device(client, "focal")
    form_id, conflict_id = make_conflict(client, world, editor, dmk)
    _, _, cursor = pull_all(focal)

    proposal = focal.op(form_id, {"anc1": (305, 2)}, resolves={"anc1": conflict_id})
    answer = receipts(focal.push(proposal))[0]

    assert answer["result"] == "conflict" and answer["conflicts"] == {"anc1": conflict_id}
    assert answer["quarantined"] == ["anc1"] and "district officer" in answer["message"]
    assert stored(app, form_id, "anc1") == 310 and conflict_status(app, conflict_id) == "open"
    # The proposer's computer is sent the field again: the server's value, conflict beside.
    changes, conflicts, _ = pull_all(focal, cursor)
    (row,) = [c for c in changes if c.get("f") == form_id and c["k"] == "anc1"]
    assert (row["v"], row["c"]) == (310, conflict_id)
    assert [c["status"] for c in conflicts if c["id"] == conflict_id] == ["open"]
    # Nothing is lost: the choice is held for the district officer, who sees it.
    (hold,) = [h for h in holds(client, dmk) if h["op_id"] == proposal.op_id]
    assert hold["reason"] == "resolver_needed" and hold["payload"]["fields"] == {
        "anc1": [305, 2]}
    # The proposer applying it again changes nothing, and leaves the one hold.
    mine = holds(client, focal)
    assert reapply(client, focal, hold["id"]).json["result"] == "conflict"
    assert holds(client, focal) == mine and conflict_status(app, conflict_id) == "open"

    decided = reapply(client, dmk, hold["id"])

    assert decided.status_code == 200 and decided.json["result"] == "applied"
    assert stored(app, form_id, "anc1") == 305 and conflict_status(app, conflict_id) == "resolved"
    assert not [h for h in holds(client, dmk) if h["id"] == hold["id"]]


# --------------------------------------------------------------------------- deletes


def test_a_delete_needs_the_create_right_and_a_draft_or_returned_form(
        app: Flask, client: FlaskClient, world: World, headers: dict[str, dict[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    editor = Device(client, "editor")

    def delete(form_id: str) -> dict[str, Any]:
        revision = client.get(f"/api/v1/forms/{form_id}", headers=headers["editor"]).json[
            "revision"]
        op = editor.op(form_id, {"": (None, revision)}, delete=True)
        answer = receipts(editor.push(op))[0]
        with Session(app.extensions["isaf_engine"]) as session:
            answer["deleted"] = session.get(FormRecord, form_id).deleted  # type: ignore[union-attr]
            answer["held"] = session.scalar(select(func.count()).select_from(SyncQuarantine)
                                            .where(SyncQuarantine.op_id == op.op_id))
            answer["events"] = session.scalar(select(func.count()).select_from(AuditEvent)
                                              .where(AuditEvent.form_id == form_id,
                                                     AuditEvent.action == "delete"))
        return answer

    def submitted() -> dict[str, Any]:
        form = new_form(client, headers["editor"], world.units["home"], year=next(YEARS))
        complete_values(client, headers["editor"], form)
        assert act(client, headers["editor"], form["id"], "submit").status_code == 200
        return form

    form = submitted()
    refused = delete(form["id"])
    assert (refused["result"], refused["deleted"], refused["held"], refused["events"]) == (
        "rejected", False, 0, 0)
    assert refused["message"] == ("the form is submitted: only a draft or returned form can "
                                  "be deleted")

    assert act(client, headers["dmk"], form["id"], "return", "check anc1").status_code == 200
    applied = delete(form["id"])
    assert (applied["result"], applied["deleted"], applied["events"]) == ("applied", True, 1)

    approved = submitted()
    assert act(client, headers["dmk"], approved["id"], "approve").status_code == 200
    locked = delete(approved["id"])  # refused outright: not held for after an unlock
    assert (locked["result"], locked["deleted"], locked["held"]) == ("rejected", False, 0)
    assert locked["message"].startswith("the form is approved")

    draft = new_form(client, headers["editor"], world.units["home"], year=next(YEARS))
    monkeypatch.setitem(PERMISSIONS, "unit_editor", PERMISSIONS["unit_editor"] - {"create"})
    no_right = delete(draft["id"])
    assert (no_right["result"], no_right["deleted"], no_right["held"]) == ("rejected", False, 0)
    assert no_right["message"] == "your role may not delete forms"
    monkeypatch.undo()
    stale = editor.op(draft["id"], {"": (None, 0)}, delete=True)
    answer = receipts(editor.push(stale))[0]
    assert answer["result"] == "conflict"  # a stale base is still held, as before
    assert [h["reason"] for h in holds(client, editor) if h["op_id"] == stale.op_id] == [
        "delete_conflict"]


def test_a_warning_confirmed_through_sync_is_in_the_forms_history_once(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    """A district officer reading a form's history sees who confirmed which warning and
    why, whether it was confirmed on a laptop (sync) or through the web API."""
    editor = Device(client, "editor")
    form_id = str(uuid.uuid4())
    reason = "Checked in the register: two midwives share the post"
    first = editor.op(form_id, {"anc1": (300, 0)}, natural_key=key(world),
                      confirmations={"anc1:above_last_year": reason})
    assert receipts(editor.push(first))[0]["result"] == "applied"
    again = editor.op(form_id, {"pnc1": (100, 0)},
                      confirmations={"anc1:above_last_year": reason})
    assert receipts(editor.push(again))[0]["result"] == "applied"

    answer = client.get(f"/api/v1/forms/{form_id}/history", headers=headers["dmk"])
    assert answer.status_code == 200, answer.json
    confirmed = [e for e in answer.json if e["action"] == "confirm"]
    assert [(e["field"], e["comment"], e["username"]) for e in confirmed] == [
        ("anc1", f"above_last_year: {reason}", "editor")]


# --------------------------------------------------------------------------- held deletes


def held_delete(client: FlaskClient, world: World, editor: Device,
                dmk: Device) -> tuple[str, dict[str, Any]]:
    """A draft form the officer changed after the editor's computer last saw it, and the
    editor's delete of it, held (`delete_conflict`): (form id, the hold)."""
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (300, 0)}, natural_key=key(world))))
    assert receipts(dmk.push(dmk.op(form_id, {"anc1": (310, 1)})))[0]["result"] == "applied"
    stale = editor.op(form_id, {"": (None, 1)}, delete=True)
    assert receipts(editor.push(stale))[0]["result"] == "conflict"
    (hold,) = [h for h in holds(client, dmk) if h["op_id"] == stale.op_id]
    assert hold["reason"] == "delete_conflict" and hold["status"] == "held"
    return form_id, hold


def test_a_held_delete_blocks_approval_until_someone_decides(
        app: Flask, client: FlaskClient, world: World,
        headers: dict[str, dict[str, str]]) -> None:
    editor, dmk = Device(client, "editor"), Device(client, "dmk")

    # Decided "keep the form": dismissed with a reason, then the form can be approved.
    form_id, hold = held_delete(client, world, editor, dmk)
    complete_values(client, headers["editor"], {"id": form_id, "form_code": "health_center"})
    assert act(client, headers["editor"], form_id, "submit").status_code == 200
    refused = act(client, headers["dmk"], form_id, "approve")
    assert refused.status_code == 409, refused.json
    assert refused.json["details"] == {"held_deletes": 1}
    assert "delete" in refused.json["message"]
    path = f"/api/v1/sync/quarantine/{hold['id']}/dismiss"
    assert client.post(path, headers=bearer(dmk.token), json={"reason": "  "}).status_code \
        == 400  # a dismissal needs a reason
    # Everyone in the form's scope sees the clash; its author and the approvers decide.
    for name, decides in (("editor", True), ("dmk", True), ("caf", False),
                          ("province", False)):
        seen = client.get("/api/v1/sync/quarantine", headers=headers[name]).json
        assert [h["may_decide"] for h in seen if h["id"] == hold["id"]] == [decides], name
    refused = client.post(path, headers=headers["caf"], json={"reason": "keep it"})
    assert refused.status_code == 403, refused.json  # neither its author nor an approver
    assert "approver" in refused.json["message"]
    dismissed = client.post(path, headers=bearer(dmk.token),
                            json={"reason": "the unit still reports this year"})
    assert dismissed.status_code == 200, dismissed.json
    assert dismissed.json["status"] == "dismissed" and dismissed.json["settled_at"]
    assert dismissed.json["settled_reason"] == "the unit still reports this year"
    assert dismissed.json["settled_by"] == world.users["dmk"]
    assert not [h for h in holds(client, dmk) if h["id"] == hold["id"]]
    assert client.post(path, headers=bearer(dmk.token), json={"reason": "again"})\
        .status_code == 404  # settled: nothing left to dismiss
    with Session(app.extensions["isaf_engine"]) as session:
        kept = session.get(SyncQuarantine, hold["id"])
        assert kept is not None and kept.payload["delete"] is True  # stored, not dropped
        assert session.scalar(select(AuditEvent.comment).where(
            AuditEvent.form_id == form_id, AuditEvent.action == "dismiss")) == (
            "delete_conflict: the unit still reports this year")
    assert act(client, headers["dmk"], form_id, "approve").status_code == 200

    # Its author alone may not override the later changes: re-applied, it is held again.
    form_id, hold = held_delete(client, world, editor, dmk)
    again = reapply(client, editor, hold["id"])
    assert again.status_code == 200 and again.json["result"] == "conflict", again.json
    assert [h["id"] for h in holds(client, dmk) if h["form_id"] == form_id] == [hold["id"]]
    with Session(app.extensions["isaf_engine"]) as session:
        assert not session.get(FormRecord, form_id).deleted  # type: ignore[union-attr]

    # Decided "delete it" by the officer: judged against the form as it is now.
    applied = reapply(client, dmk, hold["id"])
    assert applied.status_code == 200 and applied.json["result"] == "applied", applied.json
    with Session(app.extensions["isaf_engine"]) as session:
        assert session.get(FormRecord, form_id).deleted  # type: ignore[union-attr]
    assert not [h for h in holds(client, dmk) if h["id"] == hold["id"]]
