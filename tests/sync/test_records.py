"""Records of other kinds than forms (JAAP actions, scorecard sessions, facilitators:
common/sync/kinds.py), end to end: a real server process, a fault-injecting proxy, and
computers with their own local stores.

What a person would notice: a record made on one computer reaches the computers whose
scope covers it, with the same values (and never a unit editor's computer when it holds
personal data); a role that may write only some columns has the others kept aside, for an
officer to re-apply; concurrent edits conflict only on the same column, and a district
officer's choice settles them everywhere; bad links, deletes, USB bundles and a server
restored from a backup lose nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from client.store.errors import StoreError
from client.store.models import LocalRecord, LocalValue, OutboxOperation
from client.sync.bundles import export_bundle, import_return
from client.sync.engine import SyncReport
from client.sync.transport import TransportError
from common.db import make_engine
from server.data.audit import entries
from server.data.models import AuditEvent, RecordValue, SyncRecord
from tests.sync.conftest import Client, Link
from tests.sync.test_bundles import carry, offline_commune

#: Records have no natural key: one year serves every test.
YEAR = 2026
COMMUNE = "010201"
#: A priority activity as a commune writes it, in Khmer.
ACTIVITY_KM = "សាងសង់អណ្ដូងទឹកស្អាតនៅភូមិថ្មី"
#: A facilitator's personal data: never on a unit editor's computer.
FACILITATOR_NAME = "សុខ ចាន់ធា"
FACILITATOR_PHONE = "012 345 678"

MakeClient = Callable[..., Client]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def server_db(link: Link) -> Iterator[Engine]:
    """The server's own database, to check what it holds (there is no records API)."""
    engine = make_engine(link.server.url)
    yield engine
    engine.dispose()


def online(make_client: MakeClient, username: str, **options: Any) -> Client:
    """A computer of `username` after a first sync: it knows the communes and units of
    its scope and has registered its signing key."""
    client = make_client(username, **options)
    assert client.engine.sync().checksum_ok
    return client


def jaap_action(client: Client, *, unit_id: str | None = None, **values: Any) -> str:
    """A JAAP action made on `client` (offline), in the home commune or of a unit."""
    owner: dict[str, Any] = {"unit_id": unit_id} if unit_id else {"commune_code": COMMUNE}
    return client.store.create_record(
        "jaap_action", {"section": "A", "activity": ACTIVITY_KM, **values}, year=YEAR, **owner)


def shared_action(owner: Client, others: list[Client], **values: Any) -> str:
    """A JAAP action made on `owner`, synced, and pulled by every other computer."""
    record_id = jaap_action(owner, **values)
    assert owner.engine.sync().checksum_ok
    for other in others:
        assert other.engine.sync().checksum_ok
        assert other.store.values(record_id) == owner.store.values(record_id)
    return record_id


def server_record(engine: Engine, record_id: str) -> tuple[SyncRecord | None, dict[str, Any]]:
    """The server's header of a record and its column values (None ones left out)."""
    with Session(engine) as session:
        header = session.get(SyncRecord, record_id)
        values = {v.field: v.value for v in session.scalars(
            select(RecordValue).where(RecordValue.record_id == record_id))
            if v.value is not None}
    return header, values


def audit_actions(engine: Engine, record_id: str) -> list[tuple[str, str | None]]:
    """(action, column) of every entry of a record's history on the server, in order (a
    value changed is one entry, also when one event changed several)."""
    with Session(engine) as session:
        return [(entry["action"], entry["field"]) for event in session.scalars(
            select(AuditEvent).where(AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id)) for entry in entries(event)]


def record_ids(client: Client, kind: str = "jaap_action") -> set[str]:
    """The records of a kind a computer shows (not deleted)."""
    return {r.id for r in client.store.records(kind)}


def ops_of(client: Client, record_id: str) -> list[OutboxOperation]:
    """A record's outbox operations on a computer, oldest first."""
    return [op for op in client.store.outbox() if op.record_id == record_id]


def held(client: Client, op_id: str) -> list[dict[str, Any]]:
    """The server's held operations with this op id that `client`'s user may see."""
    return [h for h in client.transport.get("/api/v1/sync/quarantine") if h["op_id"] == op_id]


def open_conflicts_of(client: Client, record_id: str) -> list[Any]:
    return [c for c in client.store.open_conflicts() if c.form_id == record_id]


# --------------------------------------------------------------------------- 1. scope


def test_a_jaap_action_reaches_the_district_and_not_the_unit_editor(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal, dmk, editor = (online(make_client, u) for u in ("focal", "dmk", "editor"))
    record_id = jaap_action(focal, cost_khr="1,200,000", location="ភូមិថ្មី",
                            start="2026-03")
    expected = {"section": "A", "activity": ACTIVITY_KM, "cost_khr": 1_200_000,
                "location": "ភូមិថ្មី", "start": "2026-03"}
    assert focal.store.values(record_id) == expected
    report = focal.engine.sync()
    assert report.results == {"applied": 1} and report.checksum_ok
    header, values = server_record(server_db, record_id)
    assert header is not None and header.commune_code == COMMUNE and header.year == YEAR
    assert values == expected

    report = dmk.engine.sync()
    assert report.checksum_ok
    assert record_id in record_ids(dmk)
    assert dmk.store.values(record_id) == expected
    pulled = dmk.store.record(record_id)
    assert pulled is not None and (pulled.commune_code, pulled.year) == (COMMUNE, YEAR)

    # A commune-wide action is not the unit editor's: nothing of it reaches them.
    assert editor.engine.sync().checksum_ok
    assert editor.store.record(record_id) is None and editor.store.values(record_id) == {}

    # One that names the editor's unit does.
    for_unit = jaap_action(focal, unit_id=link.world.units["home"], activity="ជួសជុលបន្ទប់")
    assert focal.engine.sync().results == {"applied": 1}
    assert editor.engine.sync().checksum_ok
    assert record_ids(editor) == {for_unit}
    assert editor.store.values(for_unit) == {"section": "A", "activity": "ជួសជុលបន្ទប់"}
    mine = editor.store.record(for_unit)
    assert mine is not None and mine.commune_code == COMMUNE


# --------------------------------------------------------------------------- 2. personal


def _rows_with(client: Client, text: str) -> list[tuple[str, str]]:
    """Every local value row, on any record or form, holding `text`."""
    with client.store.transaction() as session:
        return [(v.form_id, v.field) for v in session.scalars(select(LocalValue))
                if text in json.dumps([v.value, v.server_value], ensure_ascii=False)]


def test_a_facilitator_never_reaches_the_unit_editor(
        make_client: MakeClient, link: Link) -> None:
    dmk, focal, editor = (online(make_client, u) for u in ("dmk", "focal", "editor"))
    person = {"name": FACILITATOR_NAME, "sex": "f", "phone": FACILITATOR_PHONE, "age": 34,
              "module_m1": True}
    facilitator = dmk.store.create_record("facilitator", person, commune_code=COMMUNE)
    assert dmk.engine.sync().results == {"applied": 1}
    for officer in (dmk, focal):  # the commune's scope and above
        assert officer.engine.sync().checksum_ok
        assert officer.store.values(facilitator) == person
        assert record_ids(officer, "facilitator") >= {facilitator}
    for download in ("sync", "full re-download"):
        if download == "full re-download":
            editor.store.set_state("cursor", "")
        report = editor.engine.sync()
        assert report.checksum_ok, download
        assert editor.store.records("facilitator") == [], download
        assert editor.store.record(facilitator) is None, download
        assert _rows_with(editor, FACILITATOR_NAME) == [], download
        assert _rows_with(editor, FACILITATOR_PHONE) == [], download
    assert report.pulled > 0  # the re-download did pull (the editor's own scope)


# --------------------------------------------------------------------------- 3. CAF


#: What a CAF records of a JAAP action's progress (the columns a CAF may write).
PROGRESS = {"progress_status": "in_progress", "progress_percent": 40,
            "progress_month": "2026-06", "progress_note": "បានចាប់ផ្ដើម"}
#: A change to the plan itself, which a CAF may not make.
CAF_ACTIVITY = "ផ្លាស់ប្ដូរផែនការ"


def caf_changes_plan_and_progress(make_client: MakeClient
                                  ) -> tuple[Client, Client, Client, str, OutboxOperation]:
    """(focal, caf, dmk, record, the CAF's operation): a JAAP action shared by the three,
    then the CAF's progress and change of `activity` sent (progress applied, the activity
    kept aside on the server)."""
    focal, caf, dmk = (online(make_client, u) for u in ("focal", "caf", "dmk"))
    record_id = shared_action(focal, [caf, dmk], cost_khr=500_000)
    caf.store.save_record(record_id, {**PROGRESS, "activity": CAF_ACTIVITY})
    report = caf.engine.sync()
    assert report.results == {"needs_mapping": 1} and report.checksum_ok
    (op,) = ops_of(caf, record_id)
    assert op.state == "quarantined" and op.receipt is not None
    assert op.receipt["result"] == "needs_mapping"
    assert op.receipt["quarantined"] == ["activity"]
    assert "activity" in op.receipt["message"] and "kept aside" in op.receipt["message"]
    return focal, caf, dmk, record_id, op


def test_a_caf_writes_progress_and_the_plan_is_kept_aside_for_the_officer(
        make_client: MakeClient, link: Link) -> None:
    focal, caf, dmk, record_id, op = caf_changes_plan_and_progress(make_client)
    # The progress applied and reaches the district officer; the plan did not change.
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(record_id) == {
        "section": "A", "activity": ACTIVITY_KM, "cost_khr": 500_000, **PROGRESS}

    (hold,) = held(caf, op.op_id)  # the CAF sees what was kept aside, and why
    assert hold["reason"] == "not_permitted" and hold["status"] == "held"
    assert hold["payload"]["fields"] == {"activity": [CAF_ACTIVITY, 1]}
    assert "activity" in hold["detail"]
    (seen,) = held(dmk, op.op_id)
    assert seen["id"] == hold["id"] and seen["may_decide"]
    receipt = dmk.transport.post_once(f"/api/v1/sync/quarantine/{hold['id']}/reapply",
                                      json={"device_id": dmk.store.device_id})
    assert receipt["result"] == "applied" and "activity" in receipt["revisions"]
    assert held(dmk, op.op_id) == [] and held(caf, op.op_id) == []  # settled
    for computer in (focal, caf, dmk):
        assert computer.engine.sync().checksum_ok
        assert computer.store.values(record_id) == {
            "section": "A", "activity": CAF_ACTIVITY, "cost_khr": 500_000, **PROGRESS}


def test_the_cafs_computer_shows_the_servers_plan_again_after_sync(
        make_client: MakeClient, link: Link) -> None:
    _, caf, _, record_id, _ = caf_changes_plan_and_progress(make_client)
    assert caf.engine.sync().checksum_ok  # and once more, for good measure
    assert caf.store.values(record_id) == {
        "section": "A", "activity": ACTIVITY_KM, "cost_khr": 500_000, **PROGRESS}


# --------------------------------------------------------------------------- 4. conflicts


def test_different_columns_edited_offline_both_apply(
        make_client: MakeClient, link: Link) -> None:
    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = shared_action(focal, [dmk])
    focal.store.save_record(record_id, {"location": "ភូមិចាស់"})
    dmk.store.save_record(record_id, {"cost_khr": 2_500_000, "implementer": "ឃុំ"})
    assert focal.engine.sync().results == {"applied": 1}
    assert dmk.engine.sync().results == {"applied": 1}
    assert focal.engine.sync().checksum_ok
    expected = {"section": "A", "activity": ACTIVITY_KM, "location": "ភូមិចាស់",
                "cost_khr": 2_500_000, "implementer": "ឃុំ"}
    assert focal.store.values(record_id) == dmk.store.values(record_id) == expected
    assert not open_conflicts_of(focal, record_id) and not open_conflicts_of(dmk, record_id)


def test_the_same_column_conflicts_and_the_district_officer_settles_it(
        make_client: MakeClient, link: Link) -> None:
    focal, dmk, caf = (online(make_client, u) for u in ("focal", "dmk", "caf"))
    record_id = shared_action(focal, [dmk, caf], location="ភូមិក")
    dmk.store.save_record(record_id, {"location": "ភូមិខ"})
    focal.store.save_record(record_id, {"location": "ភូមិគ"})
    assert dmk.engine.sync().results == {"applied": 1}
    report = focal.engine.sync()
    assert report.results == {"conflict": 1} and report.checksum_ok and report.conflicts
    (conflict,) = open_conflicts_of(focal, record_id)
    assert (conflict.field, conflict.base, conflict.current, conflict.incoming) == (
        "location", "ភូមិក", "ភូមិខ", "ភូមិគ")
    assert focal.store.values(record_id)["location"] == "ភូមិខ"  # the server's, for now

    dmk.engine.sync()
    (theirs,) = open_conflicts_of(dmk, record_id)
    assert theirs.id == conflict.id
    dmk.store.resolve_conflict(conflict.id, "ភូមិគ")
    assert dmk.engine.sync().results == {"applied": 1}
    for computer in (focal, dmk, caf):
        report = computer.engine.sync()
        assert report.checksum_ok
        assert computer.store.values(record_id)["location"] == "ភូមិគ"
        assert computer.store.open_conflicts() == []


# --------------------------------------------------------------------------- 5. faults


def test_a_push_cut_before_its_answer_is_one_record_on_the_server(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = jaap_action(focal, cost_khr=90_000)
    link.proxy.cut_response_after = 0  # the server commits; its answer never arrives
    cuts = link.proxy.cuts
    report = SyncReport()
    focal.engine.push(report)  # the transport retries on a new connection
    assert link.proxy.cuts > cuts
    assert report.results == {"duplicate": 1}
    (op,) = ops_of(focal, record_id)
    assert op.state == "acked"
    with Session(server_db) as session:
        assert session.scalar(select(func.count()).select_from(SyncRecord)
                              .where(SyncRecord.id == record_id)) == 1
    assert audit_actions(server_db, record_id).count(("create", None)) == 1
    assert server_record(server_db, record_id)[1] == {
        "section": "A", "activity": ACTIVITY_KM, "cost_khr": 90_000}
    assert focal.engine.sync().checksum_ok and focal.store.unsent_count() == 0
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(record_id) == focal.store.values(record_id)


def test_a_pull_cut_in_the_middle_resumes_and_brings_every_record(
        make_client: MakeClient, link: Link) -> None:
    focal = online(make_client, "focal")
    dmk = online(make_client, "dmk", retries=0)
    made = {jaap_action(focal, number=n, cost_khr=f"{n},000") for n in range(1, 41)}
    assert focal.engine.sync().results == {"applied": 40}
    dmk.engine.page_bytes = 2048  # many small pages
    get, pulls = dmk.transport.get, []

    def cut_the_third_page(path: str, **params: Any) -> Any:
        if path.endswith("/pull"):
            pulls.append(params["cursor"])
            if len(pulls) == 3:
                link.proxy.cut_response_after = 300  # headers and a little of the page
        return get(path, **params)

    dmk.transport.get = cut_the_third_page  # type: ignore[method-assign]
    with pytest.raises(TransportError):
        dmk.engine.pull(SyncReport())
    # The two pages before the cut are kept, with their cursor; nothing of the third.
    arrived = record_ids(dmk) & made
    assert 0 < len(arrived) < 40
    assert dmk.store.get_state("cursor") == pulls[2]
    report = dmk.engine.sync()
    assert report.checksum_ok and not report.repulled
    assert pulls[3] == pulls[2]  # resumed where the cut page began, not from the start
    assert record_ids(dmk) >= made
    for record_id in made:
        values = dmk.store.values(record_id)
        assert values == focal.store.values(record_id)
        assert values["cost_khr"] == values["number"] * 1000


# --------------------------------------------------------------------------- 6. deletes


def test_a_delete_reaches_another_computer_as_a_tombstone(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = shared_action(focal, [dmk])
    focal.store.delete_record(record_id)
    assert record_id not in record_ids(focal)
    report = focal.engine.sync()
    assert report.results == {"applied": 1} and report.checksum_ok
    assert record_id not in record_ids(focal)
    assert dmk.engine.sync().checksum_ok
    assert record_id not in record_ids(dmk)
    tombstone = dmk.store.record(record_id)
    assert tombstone is not None and tombstone.deleted
    header, values = server_record(server_db, record_id)
    assert header is not None and header.deleted and values  # kept, not erased


def test_an_edit_after_a_delete_is_held_never_a_resurrection(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = shared_action(focal, [dmk], location="ភូមិក")
    dmk.store.save_record(record_id, {"location": "ភូមិខ"})  # offline
    focal.store.delete_record(record_id)  # offline
    assert focal.engine.sync().results == {"applied": 1}
    report = dmk.engine.sync()
    assert report.results == {"conflict": 1} and report.checksum_ok
    (edit,) = ops_of(dmk, record_id)[-1:]
    assert edit.state == "conflict" and edit.receipt is not None
    assert edit.receipt["message"] == "the JAAP action was deleted; this change is kept aside"
    for computer in (focal, dmk):
        assert computer.engine.sync().checksum_ok
        assert record_id not in record_ids(computer)
    header, values = server_record(server_db, record_id)
    assert header is not None and header.deleted and values["location"] == "ភូមិក"
    # Never lost: the edit is kept on the server, for its sender to see.
    (hold,) = held(dmk, edit.op_id)
    assert hold["reason"] == "deleted"
    assert hold["payload"]["fields"]["location"][0] == "ភូមិខ"


def test_a_delete_after_an_edit_is_held_and_the_record_comes_back(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = shared_action(focal, [dmk], location="ភូមិក")
    dmk.store.save_record(record_id, {"location": "ភូមិខ"})  # offline
    focal.store.delete_record(record_id)  # offline
    assert dmk.engine.sync().results == {"applied": 1}
    report = focal.engine.sync()
    assert report.results == {"conflict": 1} and report.checksum_ok
    deleting = [op for op in ops_of(focal, record_id) if op.payload.get("delete")][-1]
    assert deleting.state == "conflict" and deleting.receipt is not None
    assert deleting.receipt["message"] == "the JAAP action was edited elsewhere; it was " \
                                          "not deleted"
    (hold,) = held(focal, deleting.op_id)
    assert hold["reason"] == "delete_conflict"
    # The edit stands; the deleting computer shows the record again, with the edit.
    for computer in (focal, dmk):
        assert computer.engine.sync().checksum_ok
        assert record_id in record_ids(computer)
        assert computer.store.values(record_id)["location"] == "ភូមិខ"
    header, _ = server_record(server_db, record_id)
    assert header is not None and not header.deleted


def test_deleting_a_record_never_sent_sends_nothing(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    focal = online(make_client, "focal")
    record_id = jaap_action(focal)
    focal.store.delete_record(record_id)
    assert focal.store.record(record_id) is None and focal.store.values(record_id) == {}
    assert ops_of(focal, record_id) == []
    report = focal.engine.sync()
    assert report.pushed == 0 and report.checksum_ok
    assert server_record(server_db, record_id) == (None, {})


# --------------------------------------------------------------------------- 7. refusals


#: (kind, values, owner, the column the store names): records the store refuses.
REFUSED: list[tuple[str, dict[str, Any], dict[str, Any], str | None]] = [
    ("jaap_action", {"section": "A"}, {"commune_code": COMMUNE, "year": YEAR}, "activity"),
    ("jaap_action", {"section": "A", "activity": "ក", "progress_percent": 150},
     {"commune_code": COMMUNE, "year": YEAR}, "progress_percent"),
    ("jaap_action", {"section": "C", "activity": "ក"},
     {"commune_code": COMMUNE, "year": YEAR}, "section"),
    ("jaap_action", {"section": "A", "activity": "ក"}, {"commune_code": COMMUNE}, "year"),
    ("scorecard_session", {"kind": "community", "date": "2026-05-02"},
     {"commune_code": COMMUNE, "year": YEAR}, "unit_id"),
    ("facilitator", {"name": "ក", "sex": "m"}, {"commune_code": COMMUNE, "year": YEAR},
     "year"),
    ("budget_line", {"amount": 1}, {"commune_code": COMMUNE, "year": YEAR}, None),
]


def test_a_record_the_store_refuses_leaves_nothing_behind(
        make_client: MakeClient, link: Link) -> None:
    focal = make_client("focal")
    focal.engine.refresh_reference_data()
    for kind, values, owner, problem in REFUSED:
        case = f"{kind} {values} {owner}"
        with pytest.raises(StoreError) as refused:
            focal.store.create_record(kind, values, **owner)
        if problem is not None:
            assert [p["field"] for p in refused.value.problems] == [problem], case
        assert focal.store.outbox() == [] and focal.store.unsent_count() == 0, case
        with focal.store.transaction() as session:
            assert session.scalar(select(func.count()).select_from(LocalRecord)) == 0, case
            assert session.scalar(select(func.count()).select_from(LocalValue)) == 0, case
    # The same computer makes a right one, so the refusals were about the values.
    jaap_action(focal)
    assert len(focal.store.outbox("pending")) == 1


def test_a_change_the_store_refuses_leaves_the_record_as_it_was(
        make_client: MakeClient, link: Link) -> None:
    focal = online(make_client, "focal")
    record_id = jaap_action(focal, progress_percent=10)
    assert focal.engine.sync().checksum_ok
    for changes in ({"progress_percent": 150}, {"activity": None}, {"colour": "red"},
                    {"progress_month": "2026-13"}):
        with pytest.raises(StoreError):
            focal.store.save_record(record_id, changes)
    assert focal.store.outbox("pending") == []
    assert focal.store.values(record_id) == {"section": "A", "activity": ACTIVITY_KM,
                                             "progress_percent": 10}


# --------------------------------------------------------------------------- 8. bundles


def test_a_record_travels_in_a_bundle_carried_by_the_district_officer(
        make_client: MakeClient, link: Link, server_db: Engine, tmp_path: Path) -> None:
    focal, dmk = offline_commune(make_client, link), online(make_client, "dmk")
    record_id = jaap_action(focal, cost_khr="3,000,000")
    facilitator = focal.store.create_record("facilitator", {"name": "ចាន់ សុភា", "sex": "m"},
                                            commune_code=COMMUNE)
    exported = export_bundle(focal.store, focal.engine, tmp_path / "commune.isafbundle")
    assert exported.manifest["op_count"] == 2
    data = exported.path.read_bytes()

    report, returned = carry(dmk, data)
    assert report["results"] == {"applied": 2} and not report["already_imported"]
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(record_id) == {"section": "A", "activity": ACTIVITY_KM,
                                           "cost_khr": 3_000_000}
    assert dmk.store.values(facilitator) == {"name": "ចាន់ សុភា", "sex": "m"}
    history = audit_actions(server_db, record_id)

    again, _ = carry(dmk, data)  # the same stick, a second time
    assert again["already_imported"] and again["results"] == {"duplicate": 2}
    assert audit_actions(server_db, record_id) == history
    assert dmk.engine.sync().checksum_ok

    outcome = import_return(focal.store, focal.engine, returned)
    assert outcome.results == {"applied": 2} and outcome.checksum_ok
    assert focal.store.unsent_count() == 0 and focal.engine.verify()


def test_a_record_bundle_imported_by_command_twice_applies_once(
        make_client: MakeClient, link: Link, server_db: Engine, tmp_path: Path) -> None:
    from server.cli import main as isaf

    focal, dmk = offline_commune(make_client, link), online(make_client, "dmk")
    record_id = jaap_action(focal, progress_status="not_started")
    path = export_bundle(focal.store, focal.engine, tmp_path / "cmd.isafbundle").path
    command = ["--database-url", link.server.url, "sync", "import-bundle", str(path)]
    first = CliRunner().invoke(isaf, command)
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["results"] == {"applied": 1}
    history = audit_actions(server_db, record_id)
    second = CliRunner().invoke(isaf, command)
    assert second.exit_code == 0, second.output
    assert json.loads(second.output)["results"] == {"duplicate": 1}
    assert audit_actions(server_db, record_id) == history
    outcome = import_return(focal.store, focal.engine,
                            Path(report["return_file"]).read_bytes())
    assert outcome.checksum_ok and focal.store.unsent_count() == 0
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(record_id) == focal.store.values(record_id)


# --------------------------------------------------------------------------- 9. restore


def test_records_lost_by_a_restored_server_are_pushed_again(
        make_client: MakeClient, link: Link, server_db: Engine) -> None:
    """As test_failures' restore of a form: the server loses everything of a record (its
    receipts too) and takes a new epoch; the computer that made it gives it again."""
    from server.cli import main as isaf
    from server.data.models import SyncConflict, SyncQuarantine
    from server.sync.models import SyncReceipt

    focal, dmk = online(make_client, "focal"), online(make_client, "dmk")
    record_id = shared_action(focal, [dmk], cost_khr=700_000)
    focal.store.save_record(record_id, {"progress_percent": 20})
    assert focal.engine.sync().results == {"applied": 1}
    expected = {"section": "A", "activity": ACTIVITY_KM, "cost_khr": 700_000,
                "progress_percent": 20}
    with Session(server_db) as session, session.begin():
        ops = [op.op_id for op in ops_of(focal, record_id)]
        session.execute(delete(SyncReceipt).where(SyncReceipt.op_id.in_(ops)))
        session.execute(delete(SyncQuarantine).where(SyncQuarantine.record_id == record_id))
        session.execute(delete(SyncConflict).where(SyncConflict.record_id == record_id))
        session.execute(delete(AuditEvent).where(AuditEvent.record_id == record_id))
        session.execute(delete(RecordValue).where(RecordValue.record_id == record_id))
        session.execute(delete(SyncRecord).where(SyncRecord.id == record_id))
    result = CliRunner().invoke(isaf, ["--database-url", link.server.url, "db", "new-epoch"])
    assert result.exit_code == 0 and "new epoch" in result.output
    assert server_record(server_db, record_id) == (None, {})  # lost with the restore
    report = focal.engine.sync()
    assert report.epoch_changed and report.checksum_ok
    header, values = server_record(server_db, record_id)
    assert header is not None and (header.commune_code, header.year) == (COMMUNE, YEAR)
    assert values == expected
    assert focal.store.values(record_id) == expected
    # A computer that had pulled before the restore ends equal to the server too.
    report = dmk.engine.sync()
    assert report.epoch_changed and report.checksum_ok
    assert dmk.store.values(record_id) == expected
