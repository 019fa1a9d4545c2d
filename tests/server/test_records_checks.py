"""Records of other kinds than forms through sync (common/sync/kinds.py), continued from
tests/server/test_records.py, through HTTP on SQLite and PostgreSQL.

Covered here: the checks of columns and of a record's owner, ids that name a record or a
form, tombstones and the holds around them, idempotent retries, the feed's pages, the
checksum of the records in a scope, and migration 0009 walked down and up with records
present.

The module shares one database: every test makes its own records (fresh ids), and
asserts on those, or on what its own changes add to a checksum.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from common.sync.checksum import digest
from common.sync.kinds import KINDS
from common.sync.protocol import Operation, encode
from server.accounts.models import User
from server.data.models import FormRecord
from server.sync import service
from tests.conftest import form_version
from tests.server.conftest import World, seed_world
from tests.server.records_helpers import (
    FAR,
    FORM_YEARS,
    HOME,
    NEIGHBOUR,
    checksum,
    create,
    deleted,
    events,
    facilitator,
    fresh,
    header,
    held,
    jaap,
    made,
    make_neighbours,
    owner_of,
    pull_all,
    push_one,
    record_op,
    revision,
    scorecard,
    seen,
    settle,
    stored,
)
from tests.server.test_sync_api import Device, key, receipts
from tests.server.test_sync_rules import reapply


@pytest.fixture(scope="module")
def neighbours(app: Flask, world: World) -> dict[str, str]:
    """Accounts of the neighbouring commune and the far district (username -> user id)."""
    return make_neighbours(app, world)


# --------------------------------------------------------------------------- checks


@pytest.mark.parametrize(("entity", "column", "value", "reason", "says"), [
    ("jaap_action", "progress_percent", 150, "invalid", "at most 100"),
    ("jaap_action", "number", 0, "invalid", "at least 1"),
    ("jaap_action", "progress_status", "finished", "invalid", "one of not_started"),
    ("jaap_action", "start", "2026-13", "invalid", "a month YYYY-MM expected"),
    ("jaap_action", "beneficiaries_total", 2.5, "invalid", "a whole number expected"),
    ("jaap_action", "budget", 5, "unknown_field", "unknown column"),
    ("scorecard_session", "date", "2026-13-40", "invalid", "a date YYYY-MM-DD expected"),
    ("scorecard_session", "vote:XX1:f:3", 4, "unknown_field", "unknown column"),
    ("scorecard_session", "vote:PS1:f:6", 4, "unknown_field", "unknown column"),
    ("facilitator", "module_m1", "yes", "invalid", "true or false expected"),
    ("facilitator", "age", 12, "invalid", "at least 15"),
])
def test_a_value_a_column_refuses_is_held_and_the_answer_says_why(
        app: Flask, client: FlaskClient, world: World, entity: str, column: str, value: Any,
        reason: str, says: str) -> None:
    device = Device(client, "focal")
    record_id = {"jaap_action": lambda: jaap(device),
                 "scorecard_session": lambda: scorecard(device, world),
                 "facilitator": lambda: facilitator(device)}[entity]()
    before = stored(app, record_id)

    op = record_op(device, entity, record_id, {column: (value, 0)})
    answer = receipts(device.push(op))[0]

    assert answer["result"] == "needs_mapping" and answer["quarantined"] == [column]
    assert f"{column}: {says}" in answer["message"]
    assert stored(app, record_id) == before
    (hold,) = held(client, device, op.op_id)
    assert hold["reason"] == reason and says in hold["detail"]
    assert hold["payload"]["fields"] == {column: [value, 0]}


def test_vote_columns_of_known_indicators_are_columns(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = scorecard(focal, world)

    answer = push_one(focal, "scorecard_session", record_id, fresh({
        "vote:PS1:f:3": 4, "vote:HC12:m:5": "7", "participants_female": 12}))

    assert answer["result"] == "applied", answer
    assert stored(app, record_id)["vote:HC12:m:5"] == (7, 1)
    _, columns = seen(Device(client, "dmk"), record_id)
    assert columns["vote:PS1:f:3"]["v"] == 4


def test_a_value_that_is_not_json_scalar_never_reaches_a_record(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = jaap(focal)
    body = {"protocol": 1, "device_id": focal.id, "epoch": None, "ops": [
        {**record_op(focal, "jaap_action", record_id, {}).payload(),
         "fields": {"activity": [{"nested": 1}, 1]}}]}

    response = focal.push(raw=encode(body))

    assert response.status_code == 400 and response.json["code"] == "protocol_error"
    assert stored(app, record_id)["activity"] == ("Build a well", 1)


def test_a_required_column_is_neither_left_out_nor_cleared(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = jaap(focal)

    cleared = push_one(focal, "jaap_action", record_id, {"activity": (None, 1)})
    bare_id, bare = create(focal, "jaap_action", {"location": "Phum Thmei"})

    assert cleared["result"] == "needs_mapping" and cleared["quarantined"] == ["activity"]
    assert "required" in cleared["message"]
    assert stored(app, record_id)["activity"] == ("Build a well", 1)
    assert bare["result"] == "needs_mapping" and "activity" in bare["message"]
    assert header(app, bare_id) is None


@pytest.mark.parametrize(("entity", "owner", "result", "says"), [
    ("scorecard_session", {"commune_code": HOME, "year": 2026}, "rejected",
     "a Scorecard session belongs to a unit"),
    ("jaap_action", {"commune_code": HOME}, "rejected", "a JAAP action belongs to a year"),
    ("facilitator", {"commune_code": HOME, "year": 2026}, "rejected",
     "a Facilitator (CAF) has no year"),
    ("facilitator", {"unit": "home"}, "rejected", "a Facilitator (CAF) belongs to no unit"),
    ("jaap_action", {"commune_code": "020101", "year": 2026}, "rejected_scope",
     "this commune is outside your scope"),
    ("jaap_action", {"commune_code": NEIGHBOUR, "year": 2026}, "rejected_scope",
     "this commune is outside your scope"),
    # A unit outside the scope answers as an unknown unit does (the last case), in the
    # same words: nothing is said of its commune (ROLES.md).
    ("jaap_action", {"unit": "other_commune", "year": 2026}, "rejected_scope",
     "this unit is outside your scope"),
    # The scope comes before the geography: a code outside it is refused as outside,
    # whether it is a commune or not; inside a district officer's, a code that is no
    # commune is told so.
    ("jaap_action", {"commune_code": "010299", "year": 2026}, "rejected_scope",
     "this commune is outside your scope"),
    ("jaap_action", {"commune_code": "010299", "year": 2026, "as": "dmk"}, "rejected",
     "010299 is not a commune"),
    ("jaap_action", {"commune_code": "010200", "year": 2026, "as": "dmk"}, "rejected",
     "010200 is not a commune"),
    # A unit of another commune than the one named: refused, saying so.
    ("jaap_action", {"commune_code": NEIGHBOUR, "unit": "home", "year": 2026},
     "rejected", f"the unit is not in commune {NEIGHBOUR}"),
    ("scorecard_session", {"unit_id": str(uuid.uuid4()), "year": 2026}, "rejected_scope",
     "this unit is outside your scope"),
])
def test_an_owner_that_does_not_suit_makes_no_record(
        app: Flask, client: FlaskClient, world: World, entity: str, owner: dict[str, Any],
        result: str | tuple[str, ...], says: str) -> None:
    focal = Device(client, owner.get("as", "focal"))
    where = {k: v for k, v in owner.items() if k not in ("unit", "as")}
    if "unit" in owner:
        where["unit_id"] = world.units[owner["unit"]]
    record_id = str(uuid.uuid4())

    answer = receipts(focal.push(record_op(focal, entity, record_id, fresh({"name": "x"}),
                                           owner=where)))[0]

    assert answer["result"] in ((result,) if isinstance(result, str) else result), answer
    assert says in answer["message"]
    assert header(app, record_id) is None and stored(app, record_id) == {}


def test_a_record_is_named_by_its_id_and_kind_never_a_natural_key(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = str(uuid.uuid4())
    keyed = receipts(focal.push(record_op(
        focal, "jaap_action", record_id, fresh({"activity": "x"}),
        owner=owner_of("jaap_action"), natural_key=key(world, year=next(FORM_YEARS)))))[0]
    assert keyed["result"] == "rejected" and header(app, record_id) is None
    assert keyed["message"] == "a JAAP action has no natural key"

    # An unknown id answers as one outside the scope (tests/server/test_existence_oracles.py).
    ownerless = push_one(focal, "jaap_action", record_id, fresh({"activity": "x"}))
    assert ownerless["result"] == "rejected_scope"
    assert ownerless["message"] == ("no JAAP action with this id in your scope, and no owner "
                                    "to create one")

    person = facilitator(focal)
    wrong_kind = push_one(focal, "jaap_action", person, {"activity": ("x", 0)},
                          owner=owner_of("jaap_action"))
    assert (wrong_kind["result"], wrong_kind["message"]) == ("rejected",
                                                             "this record is a facilitator")
    form_id = str(uuid.uuid4())
    editor = Device(client, "editor")
    assert receipts(editor.push(editor.op(form_id, {"anc1": (1, 0)}, natural_key=key(
        world, year=next(FORM_YEARS)))))[0]["result"] == "applied"
    named_form = push_one(focal, "jaap_action", form_id, fresh({"activity": "x"}),
                          owner=owner_of("jaap_action"))
    assert (named_form["result"], named_form["message"]) == ("rejected", "this id names a form")
    assert header(app, form_id) is None


#: The form path and the record path keep their ids apart: a form is never made under a
#: record's id (the two tests below run in the far district, where nobody else pulls).
def test_a_form_is_never_made_under_a_records_id(
        app: Flask, client: FlaskClient, world: World, neighbours: dict[str, str]) -> None:
    # In the far district: while the bug stands, the form it makes would be pulled (and
    # counted) beside the record by the other tests' officers.
    officer = Device(client, "dmk_far")
    record_id = jaap(officer, commune=FAR)

    form = officer.op(record_id, {"anc1": (1, 0)},
                      natural_key=key(world, "other_province", next(FORM_YEARS)))
    answer = receipts(officer.push(form))[0]

    with Session(app.extensions["isaf_engine"]) as session:
        assert session.get(FormRecord, record_id) is None
    assert answer["result"] == "rejected"


def test_a_batch_naming_one_id_as_a_record_and_a_form_is_answered(
        app: Flask, client: FlaskClient, world: World, neighbours: dict[str, str]) -> None:
    officer = Device(client, "dmk_far")  # as above: nobody else pulls what this makes
    record_id = jaap(officer, commune=FAR)
    progress = record_op(officer, "jaap_action", record_id, {"progress_percent": (5, 0)})
    form = officer.op(record_id, {"anc1": (1, 0)},
                      natural_key=key(world, "other_province", next(FORM_YEARS)))

    response = officer.push(progress, form)

    assert response.status_code == 200, response.json
    assert [r["result"] for r in response.json["receipts"]] == ["applied", "rejected"]
    assert "anc1" not in stored(app, record_id)


def test_an_operation_for_a_later_version_of_the_kind_is_held(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = jaap(focal)

    op = record_op(focal, "jaap_action", record_id, {"activity": ("New words", 1)},
                   definition_version=KINDS["jaap_action"].version + 1)
    answer = receipts(focal.push(op))[0]

    assert answer["result"] == "needs_mapping" and answer["quarantined"] == ["activity"]
    assert stored(app, record_id)["activity"] == ("Build a well", 1)
    assert [h["reason"] for h in held(client, focal, op.op_id)] == ["unknown_version"]


# --------------------------------------------------------------------------- deletes


def delete_op(device: Device, entity: str, record_id: str, base: int) -> Operation:
    """A delete of a record the device last saw at header revision `base`."""
    return record_op(device, entity, record_id, {"": (None, base)}, delete=True)


def test_a_delete_on_the_current_revision_leaves_a_tombstone(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id = jaap(focal)
    before = checksum(dmk)
    current = revision(app, record_id)

    answer = receipts(focal.push(delete_op(focal, "jaap_action", record_id, current)))[0]

    assert (answer["result"], answer["record_id"]) == ("applied", record_id)
    assert deleted(app, record_id)
    got, _ = seen(dmk, record_id)
    assert got is not None and got["deleted"] is True and got["rev"] == current + 1
    after = checksum(dmk)
    assert (after["records"], after["record_values"]) == (before["records"] - 1,
                                                          before["record_values"] - 3)
    assert events(app, record_id)[-1] == ("delete", None)


def test_a_delete_on_a_stale_base_is_held_and_an_officer_decides(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id = jaap(focal)
    assert push_one(dmk, "jaap_action", record_id, {"location": ("Phum Chas", 1)})[
        "result"] == "applied"  # the header moves to revision 2

    stale = delete_op(focal, "jaap_action", record_id, revision(app, record_id) - 1)
    answer = receipts(focal.push(stale))[0]

    assert answer["result"] == "conflict" and not deleted(app, record_id)
    (hold,) = held(client, dmk, stale.op_id)
    assert hold["reason"] == "delete_conflict"
    # Its author alone may not override the later change; the officer may.
    assert reapply(client, focal, hold["id"]).json["result"] == "conflict"
    assert not deleted(app, record_id)
    decided = reapply(client, dmk, hold["id"])
    assert decided.status_code == 200 and decided.json["result"] == "applied", decided.json
    assert deleted(app, record_id)


def test_an_edit_after_a_delete_is_held_never_a_resurrection(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    record_id = jaap(focal)
    assert receipts(dmk.push(delete_op(dmk, "jaap_action", record_id,
                                       revision(app, record_id))))[0]["result"] == "applied"

    late = record_op(focal, "jaap_action", record_id, {"activity": ("Too late", 1)})
    answer = receipts(focal.push(late))[0]

    assert (answer["result"], answer["record_id"]) == ("conflict", record_id)
    assert [h["reason"] for h in held(client, focal, late.op_id)] == ["deleted"]
    assert deleted(app, record_id)
    assert stored(app, record_id)["activity"] == ("Build a well", 1)


def test_only_a_kinds_creators_delete_its_records(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal, caf = Device(client, "focal"), Device(client, "caf")
    plan = jaap(focal)
    refused = receipts(caf.push(delete_op(caf, "jaap_action", plan, revision(app, plan))))[0]
    assert (refused["result"], refused["message"]) == (
        "rejected", "your role may not delete a JAAP action")
    assert not deleted(app, plan)
    editor = Device(client, "editor")
    session_id = scorecard(focal, world)
    assert receipts(editor.push(delete_op(editor, "scorecard_session", session_id,
                                          revision(app, session_id))))[0][
        "result"] == "rejected_scope"

    # A CAF makes scorecard sessions (kinds.py: creators), so a CAF deletes them.
    assert "caf" in KINDS["scorecard_session"].creators
    answer = receipts(caf.push(delete_op(caf, "scorecard_session", session_id,
                                         revision(app, session_id))))[0]
    assert answer["result"] == "applied"
    assert deleted(app, session_id)


# --------------------------------------------------------------------------- retries


def test_the_same_operation_twice_is_a_duplicate_written_once(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = str(uuid.uuid4())
    op = record_op(focal, "jaap_action", record_id,
                   fresh({"section": "B", "activity": "Train midwives"}),
                   owner=owner_of("jaap_action"))
    first = receipts(focal.push(op))[0]
    trail = events(app, record_id)
    columns = stored(app, record_id)

    again = receipts(focal.push(op))[0]
    twice = receipts(focal.push(op, op))

    assert (again["result"], again["original"]) == ("duplicate", "applied")
    assert again["revisions"] == first["revisions"] == {"section": 1, "activity": 1}
    assert [(r["result"], r["original"]) for r in twice] == [("duplicate", "applied")] * 2
    assert events(app, record_id) == trail and stored(app, record_id) == columns
    assert revision(app, record_id) == 2


def test_the_same_operation_twice_in_its_first_batch_is_applied_once(
        app: Flask, client: FlaskClient, world: World) -> None:
    focal = Device(client, "focal")
    record_id = jaap(focal)
    op = record_op(focal, "jaap_action", record_id, {"location": ("Phum Chas", 1)})

    first, second = receipts(focal.push(op, op))

    assert first["result"] == "applied"
    assert (second["result"], second["original"]) == ("duplicate", "applied")
    assert stored(app, record_id)["location"] == ("Phum Chas", 2)
    assert events(app, record_id).count(("value", "location")) == 2  # made, then changed


# --------------------------------------------------------------------------- feed


def test_a_large_record_is_pulled_in_pages_each_column_once(
        client: FlaskClient, world: World) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    _, _, cursor = pull_all(dmk)
    votes = {f"vote:PS{i}:{sex}:{score}": i + score
             for i in range(1, 9) for sex in "fm" for score in range(1, 6)}
    record_id = made(focal, "scorecard_session", {"kind": "combined", "date": "2026-05-02",
                                                  **votes},
                     commune=None, unit=world.units["home"])

    pages, got = 0, []
    settle(dmk)
    while True:
        page = dmk.pull(cursor, max_bytes=1024).json
        pages += 1
        got += [c for c in page["changes"] if c.get("f") == record_id
                or c.get("id") == record_id]
        cursor = page["next"]
        if not page["more"]:
            break

    assert pages > 1
    assert got[0]["t"] == "record"  # the header first: its key sorts first
    columns = [c["k"] for c in got if c["t"] == "value"]
    assert sorted(columns) == sorted([*votes, "kind", "date"])
    assert len(set(columns)) == len(columns)  # nothing twice across the pages


# --------------------------------------------------------------------------- checksum


def live_records(device: Device) -> tuple[int, list[tuple[str, str, int]]]:
    """(records, (record, column, revision) rows) the device holds after a full pull,
    deleted records left out: what its checksum is compared with."""
    changes, _, _ = pull_all(device)
    deleted: dict[str, bool] = {}
    rows: dict[tuple[str, str], int] = {}
    for change in changes:
        if change["t"] == "record":
            deleted[change["id"]] = change["deleted"]
        elif change["t"] == "value":
            # A column unchanged since keeps its older change number: it may come before
            # its record's newest header. Forms' values are told apart at the end.
            rows[(change["f"], change["k"])] = change["r"]
    live = [(r, k, rev) for (r, k), rev in rows.items() if r in deleted and not deleted[r]]
    return sum(not d for d in deleted.values()), live


def test_the_checksum_counts_the_records_in_the_callers_scope(
        client: FlaskClient, world: World, neighbours: dict[str, str]) -> None:
    focal, dmk = Device(client, "focal"), Device(client, "dmk")
    editor, next_door = Device(client, "editor"), Device(client, "focal_next")
    before = {name: checksum(device) for name, device in
              (("dmk", dmk), ("editor", editor), ("next", next_door))}

    jaap(focal)  # three columns each
    jaap(focal, unit=world.units["home"])
    facilitator(focal)
    after = {name: checksum(device) for name, device in
             (("dmk", dmk), ("editor", editor), ("next", next_door))}

    def grew(name: str) -> tuple[int, int]:
        return (after[name]["records"] - before[name]["records"],
                after[name]["record_values"] - before[name]["record_values"])

    assert grew("dmk") == (3, 9)
    assert grew("editor") == (1, 3)  # only its unit's action: no commune-wide, no person
    assert grew("next") == (0, 0) and after["next"]["record_digest"] == \
        before["next"]["record_digest"]
    for device, name in ((dmk, "dmk"), (editor, "editor")):
        count, live = live_records(device)
        assert after[name]["records"] == count, name
        assert after[name]["record_values"] == len(live), name
        assert after[name]["record_digest"] == digest(live), name
    # Forms are compared as before: the record counts are beside them, not in them.
    assert after["dmk"]["forms"] == before["dmk"]["forms"]
    assert after["dmk"]["digest"] == before["dmk"]["digest"]


# --------------------------------------------------------------------------- migration


def test_0009_walks_down_with_records_and_up_again(engine: Engine) -> None:
    """A downgrade below 0009 removes the records with their history, conflicts and
    holds, keeps the forms' own; the upgrade gives the schema the models describe."""
    from alembic import command

    from server.database import alembic_config, current_revision, head_revision, upgrade
    from server.models import metadata

    world = seed_world(engine)
    record_id, form_id = str(uuid.uuid4()), str(uuid.uuid4())
    with Session(engine) as session, session.begin():
        focal, dmk = session.get(User, world.users["focal"]), session.get(User,
                                                                         world.users["dmk"])
        assert focal is not None and dmk is not None
        devices = {"focal": str(uuid.uuid4()), "dmk": str(uuid.uuid4())}

        def push(user: User, op: dict[str, Any]) -> str:
            device = devices[user.username]
            version = (form_version("health_center") if op["entity"] == "form"
                       else KINDS[op["entity"]].version)
            payload = {"op_id": str(uuid.uuid4()), "device_id": device, "device_seq": 1,
                       "definition_version": version, **op}
            return service.push(session, user, device, [Operation.from_payload(payload)])[
                0].result

        assert push(focal, {"entity": "jaap_action", "record_id": record_id,
                            "owner": {"commune_code": HOME, "year": 2026},
                            "fields": {"section": ["A", 0], "activity": ["Well", 0]}}) \
            == "applied"
        assert push(dmk, {"entity": "jaap_action", "record_id": record_id,
                          "fields": {"activity": ["Two wells", 1]}}) == "applied"
        assert push(focal, {"entity": "jaap_action", "record_id": record_id,
                            "fields": {"activity": ["A school", 1], "budget": [1, 0]}}) \
            == "conflict"
        assert push(focal, {"entity": "form", "record_id": form_id, "fields": {
            "anc1": [5, 0]}, "natural_key": {"unit_id": world.units["home"], "year": 2026,
                                             "form_code": "health_center"}}) == "applied"

    def count(table: str, where: str = "") -> int:
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                f"SELECT COUNT(*) FROM {table} {where}").scalar_one()

    assert count("audit_event", "WHERE record_id IS NOT NULL") > 0
    assert count("sync_conflict", "WHERE record_id IS NOT NULL") == 1
    assert count("sync_quarantine", "WHERE record_id IS NOT NULL") == 1
    form_events = count("audit_event", "WHERE form_id IS NOT NULL")

    command.downgrade(alembic_config(engine), "0008")

    tables = set(inspect(engine).get_table_names())
    assert not tables & {"sync_record", "record_value"}
    for table in ("audit_event", "sync_conflict", "sync_quarantine"):
        assert "record_id" not in {c["name"] for c in inspect(engine).get_columns(table)}
    assert count("audit_event") == form_events > 0  # the form's history stays whole
    assert count("sync_conflict") == 0 and count("sync_quarantine") == 0
    assert count("form_record") == 1

    upgrade(engine)

    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    assert count("sync_record") == 0 and count("audit_event") == form_events



