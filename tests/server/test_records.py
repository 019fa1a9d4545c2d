"""Records of other kinds than forms through sync (common/sync/kinds.py): JAAP actions,
scorecard sessions and facilitators (CAFs), through HTTP on SQLite and PostgreSQL.

Covered here: who sees a record (the feed and the checksum follow the commune's scope; a
unit's editor gets only its unit's records and never a facilitator), field-level revisions
and conflicts of a record's columns and who resolves them, and which columns each role may
write (a CAF records a JAAP action's progress, not its plan). The checks of columns and of
a record's owner, tombstones, retries, the feed's pages, the checksum and migration 0009:
tests/server/test_records_checks.py.

The module shares one database: every test makes its own records (fresh ids), and
asserts on those, or on what its own changes add to a checksum.
"""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.data.models import (
    AuditEvent,
    RecordValue,
    SyncConflict,
    SyncRecord,
    next_server_seq,
)
from tests.server.conftest import World, bearer
from tests.server.records_helpers import (
    HOME,
    RECORD_YEARS,
    checksum,
    conflict_row,
    create,
    events,
    facilitator,
    fresh,
    header,
    held,
    jaap,
    make_neighbours,
    pull_all,
    push_one,
    record_op,
    scorecard,
    seen,
    stored,
)
from tests.server.test_sync_api import Device, receipts
from tests.server.test_sync_rules import reapply


@pytest.fixture(scope="module")
def neighbours(app: Flask, world: World) -> dict[str, str]:
    """Accounts of the neighbouring commune and the far district (username -> user id)."""
    return make_neighbours(app, world)


# --------------------------------------------------------------------------- scope


def test_a_focal_point_creates_a_jaap_action_the_district_officer_pulls(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    year = next(RECORD_YEARS)
    record_id, receipt = create(focal, "jaap_action", {
        "section": "A", "number": 3, "activity": "Build a well", "cost_khr": "1,200,000",
        "start": "2026-02"}, year=year)

    assert receipt["result"] == "applied" and receipt["record_id"] == record_id
    assert receipt["revisions"] == {"section": 1, "number": 1, "activity": 1, "cost_khr": 1,
                                    "start": 1}
    # Made (revision 1), then its columns written (2), as a form's header.
    assert header(app, record_id) == {"kind": "jaap_action", "commune": HOME, "unit_id": None,
                                      "year": year, "revision": 2, "deleted": False}
    got, columns = seen(dmk, record_id)
    assert got is not None
    assert (got["kind"], got["commune"], got["year"], got["unit_id"], got["deleted"]) == (
        "jaap_action", HOME, year, None, False)
    assert {k: (c["v"], c["r"]) for k, c in columns.items()} == {
        "section": ("A", 1), "number": (3, 1), "activity": ("Build a well", 1),
        "cost_khr": (1_200_000, 1), "start": ("2026-02", 1)}  # stored as checked
    assert [a for a, _ in events(app, record_id)] == ["create"] + ["value"] * 5


def test_a_unit_editor_gets_only_the_records_that_name_their_unit(
        client: FlaskClient, world: World) -> None:
    focal, editor, other = Device(client, "focal"), Device(client, "editor"), \
        Device(client, "dmk")
    commune_wide = jaap(focal)
    of_home = jaap(focal, unit=world.units["home"])
    of_the_other_unit = jaap(focal, unit=world.units["home_cs"])
    scorecard_id = scorecard(focal, world)

    assert seen(editor, commune_wide) == (None, {})
    assert seen(editor, of_the_other_unit) == (None, {})
    got, columns = seen(editor, of_home)
    assert got is not None and got["unit_id"] == world.units["home"]
    assert set(columns) == {"section", "activity", "location"}
    assert seen(editor, scorecard_id)[0] is not None
    for record_id in (commune_wide, of_home, of_the_other_unit, scorecard_id):
        assert seen(other, record_id)[0] is not None  # the district officer gets them all


def test_facilitators_stay_within_their_communes_scope_and_above(
        client: FlaskClient, world: World, neighbours: dict[str, str]) -> None:
    record_id = facilitator(Device(client, "focal"))

    for name in ("focal", "caf", "dmk", "province", "admin"):
        got, columns = seen(Device(client, name), record_id)
        assert got is not None and got["kind"] == "facilitator", name
        assert columns["name"]["v"] == "Sok Chan" and columns["phone"]["v"] == "012 345", name
    # Personal data: never to a unit's editor, nor to the people of another commune.
    for name in ("editor", "focal_next", "caf_next", "editor_next"):
        assert seen(Device(client, name), record_id) == (None, {}), name


def test_a_unit_editor_never_gets_a_facilitator_even_one_naming_their_unit(
        app: Flask, client: FlaskClient, world: World) -> None:
    # Sync never makes such a record (a facilitator belongs to no unit); data written
    # another way may hold one. Personal data stays out of a unit's reach all the same.
    editor = Device(client, "editor")
    before = checksum(editor)
    record_id = str(uuid.uuid4())
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        seq = next_server_seq(session)
        session.add(SyncRecord(id=record_id, kind="facilitator", commune_code=HOME,
                               unit_id=world.units["home"], created_by=world.users["focal"],
                               server_seq=seq))
        session.flush()
        session.add(RecordValue(record_id=record_id, field="phone", value="012 345",
                                revision=1, server_seq=seq, updated_by=world.users["focal"]))

    assert seen(editor, record_id) == (None, {})
    after = checksum(editor)
    assert (after["records"], after["record_values"]) == (before["records"],
                                                          before["record_values"])
    answer = push_one(editor, "facilitator", record_id, {"phone": ("099 999", 1)})
    assert answer["result"] == "rejected_scope"
    assert seen(Device(client, "focal"), record_id)[1]["phone"]["v"] == "012 345"


def test_a_record_outside_the_scope_or_the_role_is_not_changed(
        app: Flask, client: FlaskClient, world: World, neighbours: dict[str, str]) -> None:
    record_id = jaap(Device(client, "focal"))

    outside = push_one(Device(client, "focal_next"), "jaap_action", record_id,
                       {"activity": ("Hijacked", 1)})
    assert outside["result"] == "rejected_scope" and "record_id" not in outside
    reader = push_one(Device(client, "province"), "jaap_action", record_id,
                      {"activity": ("Read only", 1)})
    assert reader["result"] == "rejected_scope"
    assert reader["message"] == "your role may not change a JAAP action"
    editor = push_one(Device(client, "editor"), "jaap_action",
                      jaap(Device(client, "focal"), unit=world.units["home"]),
                      {"activity": ("Mine now", 1)})
    assert editor["result"] == "rejected_scope"  # sees its unit's action, may not change it
    assert stored(app, record_id)["activity"] == ("Build a well", 1)
    assert [a for a, _ in events(app, record_id)].count("value") == 3


# --------------------------------------------------------------------------- revisions


def test_edits_of_different_columns_from_one_base_both_apply(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id = jaap(focal)

    first = push_one(focal, "jaap_action", record_id, {"location": ("Phum Chas", 1)})
    second = push_one(dmk, "jaap_action", record_id, {"activity": ("Build two wells", 1)})

    assert (first["result"], first["revisions"]) == ("applied", {"location": 2})
    assert (second["result"], second["revisions"]) == ("applied", {"activity": 2})
    assert "conflicts" not in second
    assert stored(app, record_id) == {"section": ("A", 1), "activity": ("Build two wells", 2),
                                      "location": ("Phum Chas", 2)}
    with Session(app.extensions["isaf_engine"]) as session:
        assert not session.scalar(select(func.count()).select_from(SyncConflict)
                                  .where(SyncConflict.record_id == record_id))


def conflicted(focal: Device, dmk: Device) -> tuple[str, str]:
    """A JAAP action whose activity is in conflict: "Build two wells" kept (the
    officer's, revision 2), "Repair the well" incoming (the focal point's, made on
    revision 1). (record id, conflict id)"""
    record_id = jaap(focal)
    assert push_one(dmk, "jaap_action", record_id, {"activity": ("Build two wells", 1)})[
        "result"] == "applied"
    late = push_one(focal, "jaap_action", record_id, {"activity": ("Repair the well", 1)})
    assert late["result"] == "conflict" and list(late["conflicts"]) == ["activity"], late
    return record_id, late["conflicts"]["activity"]


def test_the_same_column_from_one_base_is_a_conflict_keeping_both_values(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id, conflict_id = conflicted(focal, dmk)

    conflict = conflict_row(app, conflict_id)
    assert (conflict.record_id, conflict.form_id, conflict.field) == (record_id, None,
                                                                      "activity")
    assert (conflict.base_revision, conflict.base_value) == (1, "Build a well")
    assert (conflict.current_revision, conflict.current_value) == (2, "Build two wells")
    assert (conflict.incoming_value, conflict.incoming_by, conflict.incoming_device) == (
        "Repair the well", world.users["focal"], focal.id)
    assert conflict.status == "open"
    assert stored(app, record_id)["activity"] == ("Build two wells", 2)  # until decided
    # Everyone in scope is told: the column names the conflict, the page carries it.
    _, conflicts, _ = pull_all(dmk)
    (view,) = [c for c in conflicts if c["id"] == conflict_id]
    assert (view["record_id"], view["field"], view["status"]) == (record_id, "activity", "open")
    assert (view["base"], view["current"], view["incoming"]) == (
        "Build a well", "Build two wells", "Repair the well")
    _, columns = seen(focal, record_id)
    assert (columns["activity"]["v"], columns["activity"]["c"]) == ("Build two wells",
                                                                   conflict_id)
    assert ("conflict", "activity") in events(app, record_id)


def test_a_district_officer_resolves_a_record_conflict(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id, conflict_id = conflicted(focal, dmk)

    answer = push_one(dmk, "jaap_action", record_id, {"activity": ("Repair the well", 2)},
                      resolves={"activity": conflict_id})

    assert (answer["result"], answer["revisions"]) == ("applied", {"activity": 3})
    assert stored(app, record_id)["activity"] == ("Repair the well", 3)
    resolved = conflict_row(app, conflict_id)
    assert (resolved.status, resolved.resolved_by, resolved.resolved_value) == (
        "resolved", world.users["dmk"], "Repair the well")
    _, columns = seen(focal, record_id)
    assert "c" not in columns["activity"] and columns["activity"]["r"] == 3


def test_a_focal_points_resolution_is_held_for_a_district_officer(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id, conflict_id = conflicted(focal, dmk)

    proposal = record_op(focal, "jaap_action", record_id, {"activity": ("Repair the well", 2)},
                         resolves={"activity": conflict_id})
    answer = receipts(focal.push(proposal))[0]

    assert answer["result"] == "conflict" and answer["conflicts"] == {"activity": conflict_id}
    assert answer["quarantined"] == ["activity"] and "district officer" in answer["message"]
    assert stored(app, record_id)["activity"] == ("Build two wells", 2)
    assert conflict_row(app, conflict_id).status == "open"
    (hold,) = held(client, dmk, proposal.op_id)  # the officer sees it, and decides
    assert (hold["reason"], hold["may_decide"]) == ("resolver_needed", True)
    decided = reapply(client, dmk, hold["id"])
    assert decided.status_code == 200 and decided.json["result"] == "applied", decided.json
    assert stored(app, record_id)["activity"] == ("Repair the well", 3)
    assert conflict_row(app, conflict_id).status == "resolved"


# --------------------------------------------------------------------------- column writers


def test_a_caf_records_the_progress_of_a_jaap_action(
        app: Flask, client: FlaskClient, world: World) -> None:
    record_id = jaap(Device(client, "focal"))
    caf = Device(client, "caf")

    answer = push_one(caf, "jaap_action", record_id, fresh({
        "progress_status": "in_progress", "progress_percent": 40,
        "progress_month": "2026-06", "progress_note": "Digging started"}))

    assert answer["result"] == "applied", answer
    assert answer["revisions"] == {"progress_status": 1, "progress_percent": 1,
                                   "progress_month": 1, "progress_note": 1}
    assert stored(app, record_id)["progress_percent"] == (40, 1)


def test_a_cafs_change_to_the_plan_is_held_not_applied(
        app: Flask, client: FlaskClient, world: World) -> None:
    record_id = jaap(Device(client, "focal"))
    caf, dmk = Device(client, "caf"), Device(client, "dmk")

    op = record_op(caf, "jaap_action", record_id, {"activity": ("Build a school", 1),
                                                   "progress_percent": (10, 0)})
    answer = receipts(caf.push(op))[0]

    assert answer["result"] == "needs_mapping" and answer["quarantined"] == ["activity"]
    assert answer["revisions"] == {"progress_percent": 1}  # what the CAF may write applies
    assert stored(app, record_id)["activity"] == ("Build a well", 1)
    (hold,) = held(client, caf, op.op_id)
    assert (hold["reason"], hold["may_decide"]) == ("not_permitted", True)
    assert hold["payload"]["record_id"] == record_id
    assert hold["payload"]["fields"] == {"activity": ["Build a school", 1]}
    assert "activity" in hold["detail"]
    # A district officer may apply it as theirs.
    (theirs,) = held(client, dmk, op.op_id)
    decided = reapply(client, dmk, theirs["id"])
    assert decided.status_code == 200 and decided.json["result"] == "applied", decided.json
    assert stored(app, record_id)["activity"] == ("Build a school", 2)
    assert not held(client, caf, op.op_id)


def test_an_officer_dismisses_a_cafs_held_change_and_the_history_says_why(
        app: Flask, client: FlaskClient, world: World) -> None:
    record_id = jaap(Device(client, "focal"))
    caf, dmk = Device(client, "caf"), Device(client, "dmk")
    op = record_op(caf, "jaap_action", record_id, {"section": ("B", 1)})
    assert receipts(caf.push(op))[0]["result"] == "needs_mapping"
    (hold,) = held(client, dmk, op.op_id)

    answer = client.post(f"/api/v1/sync/quarantine/{hold['id']}/dismiss",
                         headers=bearer(dmk.token), json={"reason": "the plan stands"})

    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "dismissed"
    assert not held(client, caf, op.op_id)
    assert stored(app, record_id)["section"] == ("A", 1)
    with Session(app.extensions["isaf_engine"]) as session:
        assert session.scalars(select(AuditEvent.comment).where(
            AuditEvent.record_id == record_id, AuditEvent.action == "dismiss")).all() == [
            "not_permitted: the plan stands"]


def test_a_caf_may_make_a_scorecard_session_of_their_commune_but_no_jaap_action(
        app: Flask, client: FlaskClient, world: World) -> None:
    caf = Device(client, "caf")

    plan_id, plan = create(caf, "jaap_action", {"section": "A", "activity": "Mine"})
    assert plan["result"] == "rejected_scope"
    assert plan["message"] == "your role may not create a JAAP action"
    assert header(app, plan_id) is None
    elsewhere_id, elsewhere = create(caf, "scorecard_session", {"kind": "community"},
                                     commune=None, unit=world.units["other_commune"])
    assert elsewhere["result"] == "rejected_scope" and header(app, elsewhere_id) is None

    session_id = scorecard(caf, world, "home_cs")

    made_here = header(app, session_id)
    assert made_here is not None
    assert (made_here["kind"], made_here["commune"], made_here["unit_id"]) == (
        "scorecard_session", HOME, world.units["home_cs"])  # the unit's commune


