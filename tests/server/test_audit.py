"""The audit trail keeps one event per set of values changed together (a sync operation, a
save), and reads it one value at a time: in a form's history, in the command line's
history, and for a conflict's base value. Events written one per value, before change
sets, read the same way."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.cli import main
from server.data import audit
from server.data.models import AuditEvent, FieldValue
from tests.server.conftest import World, new_form
from tests.server.test_forms_api import patch
from tests.server.test_sync_api import Device, key, receipts


def stored_events(app: Flask, form_id: str) -> list[tuple[str, str | None]]:
    """(action, field) of the rows the audit trail holds for a form, oldest first."""
    with Session(app.extensions["isaf_engine"]) as session:
        return list(session.execute(select(AuditEvent.action, AuditEvent.field).where(
            AuditEvent.form_id == form_id).order_by(AuditEvent.id)).tuples())


def history(client: FlaskClient, device: Device, form_id: str) -> list[dict[str, Any]]:
    answer = client.get(f"/api/v1/forms/{form_id}/history",
                        headers={"Authorization": f"Bearer {device.token}"})
    assert answer.status_code == 200, answer.json
    return answer.json  # type: ignore[no-any-return]


def test_a_full_push_is_one_event_and_its_history_shows_every_value(
        client: FlaskClient, world: World, app: Flask) -> None:
    device = Device(client, "editor")
    form_id = str(uuid.uuid4())
    sent = {"anc1": (101, 0), "anc4": (104, 0), "deliveries_hc": (30, 0),
            "fp_new_users": (12, 0), "pnc1": (50, 0)}
    first = receipts(device.push(device.op(form_id, sent,
                                           natural_key=key(world, year=2031))))[0]
    assert first["result"] == "applied"
    assert stored_events(app, form_id) == [("create", None), ("values", None)]
    entries = [(e["field"], e["old_value"], e["new_value"])
               for e in history(client, device, form_id) if e["action"] == "value"]
    assert entries == [(k, None, v) for k, (v, _) in sorted(sent.items())]
    # Two values changed and one cleared: one more event, read as three changes from the
    # values they had.
    change = {"anc1": (111, 1), "anc4": (144, 1), "pnc1": (None, 1)}
    assert receipts(device.push(device.op(form_id, change)))[0]["result"] == "applied"
    assert stored_events(app, form_id)[-1] == ("values", None)
    later = [(e["field"], e["old_value"], e["new_value"])
             for e in history(client, device, form_id) if e["action"] == "value"][5:]
    assert later == [("anc1", 101, 111), ("anc4", 104, 144), ("pnc1", 50, None)]
    with Session(app.extensions["isaf_engine"]) as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.form_id == form_id)
                                .order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert [e["revision"] for e in audit.entries(event)] == [2, 2, 2]


def test_a_conflicts_base_is_read_from_a_change_set_and_from_an_older_single_event(
        client: FlaskClient, world: World, app: Flask) -> None:
    editor, officer = Device(client, "editor"), Device(client, "dmk")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (300, 0), "anc4": (200, 0)},
                                   natural_key=key(world, year=2032))))
    # anc4 went on to revision 2 before change sets existed: its event is a single one.
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        row = session.get(FieldValue, (form_id, "anc4"))
        assert row is not None
        row.value, row.revision = 210, 2
        session.add(AuditEvent(user_id=row.updated_by, form_id=form_id, action="value",
                               field="anc4", old_value=200, new_value=210, revision=2,
                               at=datetime.now(UTC)))
    # The officer changes both from what they saw; the editor, offline, from the same.
    receipts(officer.push(officer.op(form_id, {"anc1": (310, 1), "anc4": (220, 2)})))
    late = receipts(editor.push(editor.op(form_id, {"anc1": (305, 1), "anc4": (215, 2)})))[0]
    assert late["result"] == "conflict" and sorted(late["conflicts"]) == ["anc1", "anc4"]
    conflicts = {c["field"]: c for c in officer.pull().json["conflicts"]
                 if c["form_id"] == form_id}
    assert (conflicts["anc1"]["base"], conflicts["anc1"]["current"],
            conflicts["anc1"]["incoming"]) == (300, 310, 305)
    assert (conflicts["anc4"]["base"], conflicts["anc4"]["current"],
            conflicts["anc4"]["incoming"]) == (210, 220, 215)
    # The history reads both shapes alike, oldest first.
    anc4 = [(e["action"], e["old_value"], e["new_value"])
            for e in history(client, officer, form_id) if e["field"] == "anc4"]
    assert anc4 == [("value", None, 200), ("value", 200, 210), ("value", 210, 220),
                    ("conflict", 220, 215)]


def test_a_conflicts_base_written_earlier_in_the_same_push_is_found(
        client: FlaskClient, world: World) -> None:
    """A batch's own writes are not in the database until its end: a conflict on a
    revision the same push wrote takes its base value from them."""
    editor, officer = Device(client, "editor"), Device(client, "dmk")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (300, 0)},
                                   natural_key=key(world, year=2035))))
    receipts(officer.push(officer.op(form_id, {"anc1": (310, 1)})))  # revision 2
    # One push, four operations: a clash with the officer's value (the field now names a
    # conflict, so this device's later writes are no longer simply its own), two writes
    # on revisions 2 and 3, then a change made on revision 3 meets revision 4.
    answers = receipts(editor.push(
        editor.op(form_id, {"anc1": (305, 1)}), editor.op(form_id, {"anc1": (320, 2)}),
        editor.op(form_id, {"anc1": (330, 3)}), editor.op(form_id, {"anc1": (340, 3)})))
    assert [a["result"] for a in answers] == ["conflict", "applied", "applied", "conflict"]
    last = next(c for c in officer.pull().json["conflicts"]
                if c["id"] == answers[3]["conflicts"]["anc1"])
    assert (last["base"], last["current"], last["incoming"]) == (320, 330, 340)


def test_a_save_through_the_forms_api_is_one_event(
        client: FlaskClient, world: World, app: Flask,
        headers: dict[str, dict[str, str]]) -> None:
    form_id = new_form(client, headers["editor"], world.units["home"], year=2033)["id"]
    assert patch(client, headers["editor"], form_id, {"anc1": 12, "anc4": 9}).status_code == 200
    assert patch(client, headers["editor"], form_id, {"anc1": 13}).status_code == 200
    assert stored_events(app, form_id) == [("create", None), ("values", None),
                                           ("values", None)]
    answer = client.get(f"/api/v1/forms/{form_id}/history", headers=headers["editor"]).json
    assert [(e["field"], e["old_value"], e["new_value"]) for e in answer
            if e["action"] == "value"] == [("anc1", None, 12), ("anc4", None, 9),
                                           ("anc1", 12, 13)]


def test_the_command_line_history_prints_a_line_per_value(
        client: FlaskClient, world: World, module_database_url: str) -> None:
    device = Device(client, "editor")
    form_id = str(uuid.uuid4())
    op = device.op(form_id, {"anc1": (7, 0), "anc4": (8, 0)},
                   natural_key=key(world, year=2034))
    receipts(device.push(op))
    result = CliRunner().invoke(main, ["--database-url", module_database_url, "forms",
                                       "history", form_id], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    values = [line.split(" value ", 1)[1] for line in result.output.splitlines()
              if " value " in line]
    assert values == [f"anc1: None -> 7 (sync {op.op_id})",
                      f"anc4: None -> 8 (sync {op.op_id})"]
    assert all(device.id in line for line in result.output.splitlines() if " value " in line)


def test_value_at_and_entries_read_both_shapes() -> None:
    event = AuditEvent(id=1, user_id="u", action="values", old_value={"b": 4},
                       new_value={"a": [1, 1], "b": [None, 2]})

    assert audit.value_at("values", None, None, event.new_value, "b", 2) == (True, None)
    assert audit.value_at("values", None, None, event.new_value, "b", 1) == (False, None)
    assert audit.value_at("values", None, None, event.new_value, "c", 1) == (False, None)
    assert audit.value_at("value", "a", 3, 9, "a", 3) == (True, 9)
    assert audit.value_at("value", "a", 3, 9, "b", 3)[0] is False
    event.new_value = {"b": [None, 2], "a": [1, 1]}  # read in the order of the keys
    assert [(e["action"], e["field"], e["old_value"], e["new_value"], e["revision"])
            for e in audit.entries(event)] == [("value", "a", None, 1, 1),
                                               ("value", "b", 4, None, 2)]
