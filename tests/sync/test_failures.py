"""The failures of docs/SYNC.md, each against a real server process over real
HTTP, with faults injected by a proxy between client and server."""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from client.store.repository import LocalStore
from client.sync.engine import SyncReport
from client.sync.transport import TransportError
from common.db import make_engine
from tests.conftest import ROOT
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Client, Link, choose_own_password

#: Each test module gets a server (and database) of its own, so a year must only be new
#: within a module: cycling through 70 years never repeats one in a module's run.
_years = itertools.cycle(range(2030, 2100))


def fresh_year() -> int:
    """A year no test of this session used yet (forms are unique per unit and year)."""
    return next(_years)


def fresh_form(client: Client, link: Link, unit: str = "home") -> str:
    """A new health-center form made offline on this client (a year no test used)."""
    client.engine.refresh_reference_data()
    return client.store.create_form(unit_id=link.world.units[unit], year=fresh_year(),
                                    form_code="health_center")


def server_values(client: Client, form_id: str) -> dict[str, object]:
    return client.transport.get(f"/api/v1/forms/{form_id}")["values"]  # type: ignore[no-any-return]


def test_an_offline_form_reaches_the_server_and_another_computer(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": "៣២០", "anc4": 250})
    report = editor.engine.sync()
    assert report.results == {"applied": 1} and report.checksum_ok
    assert editor.store.unsent_count() == 0
    assert server_values(editor, form_id) == {"anc1": 320, "anc4": 250}
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(form_id) == {"anc1": 320, "anc4": 250}


def test_cut_after_the_server_committed_is_a_duplicate_on_retry(
        make_client: Callable[..., Client], link: Link) -> None:
    editor = make_client("editor")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 100})
    link.proxy.cut_response_after = 0  # the answer to the push never arrives
    report = SyncReport()
    editor.engine.push(report)  # the transport retries on a new connection
    assert link.proxy.cuts >= 1
    assert report.results == {"duplicate": 1}
    history = editor.transport.get(f"/api/v1/forms/{form_id}/history")
    assert [e["field"] for e in history if e["action"] == "value"] == ["anc1"]


def test_cut_in_the_middle_of_an_upload_commits_nothing_and_the_retry_applies(
        make_client: Callable[..., Client], link: Link) -> None:
    editor = make_client("editor")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {f"staff_nurses.{s}": 3 for s in ("female", "male")})
    link.proxy.cut_request_after = 200  # the headers and a little of the body
    report = SyncReport()
    editor.engine.push(report)
    assert report.results == {"applied": 1}
    assert server_values(editor, form_id) == {"staff_nurses.female": 3, "staff_nurses.male": 3}


def test_cut_in_the_middle_of_a_pull_page_changes_nothing_locally(
        make_client: Callable[..., Client], link: Link) -> None:
    editor = make_client("editor")
    dmk = make_client("dmk", retries=0)
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 7, "anc4": 5, "pnc1": 4})
    editor.engine.sync()
    dmk.engine.refresh_reference_data()
    cursor = dmk.store.get_state("cursor")
    link.proxy.cut_response_after = 300
    with pytest.raises(TransportError):
        dmk.engine.pull(SyncReport())
    assert dmk.store.get_state("cursor") == cursor
    assert dmk.store.values(form_id) == {}
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(form_id) == {"anc1": 7, "anc4": 5, "pnc1": 4}


def test_pending_local_edits_are_never_overwritten_by_a_pull(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 10})
    editor.engine.sync()
    dmk.engine.sync()
    dmk.store.save_values(form_id, {"anc1": 11})
    dmk.engine.sync()
    editor.store.save_values(form_id, {"anc1": 12})  # pending, on the old base
    editor.engine.pull(SyncReport())
    assert editor.store.values(form_id)["anc1"] == 12
    report = editor.engine.sync()
    assert report.results.get("conflict") == 1
    conflicts = [c for c in editor.store.open_conflicts() if c.form_id == form_id]
    assert [(c.base, c.current, c.incoming) for c in conflicts] == [(10, 11, 12)]
    # The editor's screen shows the server's value now, with the conflict beside it.
    assert editor.store.values(form_id)["anc1"] == 11


def test_two_edits_of_one_field_conflict_and_a_resolution_settles_it(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 50, "anc4": 40})
    editor.engine.sync()
    dmk.engine.sync()
    editor.store.save_values(form_id, {"anc1": 51})
    dmk.store.save_values(form_id, {"anc1": 52, "pnc1": 30})
    assert dmk.engine.sync().results == {"applied": 1}
    assert editor.engine.sync().results == {"conflict": 1}
    dmk.engine.sync()
    (conflict,) = [c for c in dmk.store.open_conflicts() if c.form_id == form_id]
    assert (conflict.current, conflict.incoming) == (52, 51)
    dmk.store.resolve_conflict(conflict.id, 51)
    assert dmk.engine.sync().results == {"applied": 1}
    editor.engine.sync()
    assert editor.store.values(form_id)["anc1"] == dmk.store.values(form_id)["anc1"] == 51
    assert not [c for c in editor.store.open_conflicts() if c.form_id == form_id]
    assert server_values(dmk, form_id)["pnc1"] == 30  # the other field applied all along


def test_equal_offline_values_and_different_fields_do_not_conflict(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal = make_client("editor"), make_client("focal")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 1})
    editor.engine.sync()
    focal.engine.sync()
    editor.store.save_values(form_id, {"anc1": 9, "anc4": 2})
    focal.store.save_values(form_id, {"anc1": 9, "pnc1": 3})
    editor.engine.sync()
    assert focal.engine.sync().results == {"applied": 1}
    editor.engine.sync()
    assert editor.store.values(form_id) == focal.store.values(form_id) == {
        "anc1": 9, "anc4": 2, "pnc1": 3}


def test_the_same_form_created_on_two_computers_ends_as_one(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal = make_client("editor"), make_client("focal")
    editor.engine.refresh_reference_data()
    focal.engine.refresh_reference_data()
    year = next(_years)
    unit = link.world.units["home"]
    mine = editor.store.create_form(unit_id=unit, year=year, form_code="health_center")
    theirs = focal.store.create_form(unit_id=unit, year=year, form_code="health_center")
    editor.store.save_values(mine, {"anc1": 5, "anc4": 4})
    focal.store.save_values(theirs, {"anc1": 5, "anc4": 3, "pnc1": 2})
    editor.engine.sync()
    report = focal.engine.sync()
    assert report.results == {"conflict": 1}  # anc4 differs; anc1 is equal; pnc1 is new
    assert [f.id for f in focal.store.forms() if f.year == year] == [mine]
    editor.engine.sync()
    assert editor.store.values(mine) == {"anc1": 5, "anc4": 4, "pnc1": 2}


def test_an_edit_to_an_approved_form_is_held_and_shown(
        make_client: Callable[..., Client], link: Link) -> None:
    import random

    from server.demo_values import demo_values_with_warnings

    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    definition = editor.store.latest_definition("health_center")
    assert definition is not None
    values, confirmations = demo_values_with_warnings(definition, random.Random(3))
    editor.store.save_values(form_id, values, confirmations=confirmations)
    editor.engine.sync()
    editor.transport.post(f"/api/v1/forms/{form_id}/submit", json={})
    dmk.transport.post(f"/api/v1/forms/{form_id}/approve", json={})
    dmk.engine.sync()
    with pytest.raises(Exception, match="approved"):
        dmk.store.save_values(form_id, {"anc1": 1})  # the local store knows the lock too
    editor.store.save_values(form_id, {"anc1": values["anc1"] + 1})  # before pulling
    report = editor.engine.sync()
    assert report.results == {"rejected_locked": 1}
    held = editor.transport.get("/api/v1/sync/quarantine")
    assert any(h["form_id"] == form_id and h["reason"] == "locked" for h in held)
    assert [op.state for op in editor.store.outbox("quarantined")][-1] == "quarantined"


def test_a_client_clock_a_year_off_changes_nothing(
        make_client: Callable[..., Client], link: Link, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    import client.store.repository as repository

    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 1})
    editor.engine.sync()
    dmk.engine.sync()
    # The editor's computer thinks it is a year later; its edit is still judged on its
    # base revision, not on its clock.
    monkeypatch.setattr(repository, "utc_now", lambda: datetime(2027, 11, 22, tzinfo=UTC))
    dmk.store.save_values(form_id, {"anc1": 2})
    editor.store.save_values(form_id, {"anc1": 3})
    dmk.engine.sync()
    assert editor.engine.sync().results == {"conflict": 1}
    assert server_values(dmk, form_id)["anc1"] == 2


def test_pushing_outside_the_scope_is_refused_and_nothing_leaks(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    theirs = fresh_form(dmk, link, unit="other_commune")
    dmk.store.save_values(theirs, {"anc1": 8})
    dmk.engine.sync()
    editor.engine.sync()
    assert editor.store.form(theirs) is None
    # A unit editor forging an operation for a unit outside their scope.
    editor.store.create_form(unit_id=link.world.units["other_commune"], year=next(_years),
                             form_code="health_center", form_id=str(uuid.uuid4()))
    assert editor.engine.sync().results == {"rejected_scope": 1}


def test_a_process_killed_while_saving_keeps_values_and_outbox_together(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    editor = make_client("editor")
    form_id = fresh_form(editor, link)
    path = Path(str(editor.store.engine.url.database))
    process = subprocess.Popen([sys.executable, "-m", "tests.sync.save_forever", str(path),
                                form_id], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    saved = 0
    for line in process.stdout:
        saved = int(line)
        if saved >= 40:
            break
    process.send_signal(signal.SIGKILL)  # no clean shutdown: as a power cut or a crash
    process.wait(timeout=30)
    process.stdout.close()
    store = LocalStore(path)
    try:
        values = store.values(form_id)
        assert values["anc1"] >= saved  # every save reported as committed is there
        unsent = [op for op in store.outbox("pending", "sent") if op.record_id == form_id]
        folded: dict[str, object] = {}
        for op in unsent:
            folded.update({k: v[0] for k, v in op.payload["fields"].items()})
        # Whatever value the screen shows, its outbox operation carries the same.
        assert {k: folded[k] for k in values} == values
    finally:
        store.close()
    report = editor.engine.sync()
    assert report.checksum_ok
    assert server_values(editor, form_id)["anc1"] == values["anc1"]


def test_a_server_restored_from_a_backup_gets_the_clients_operations_again(
        make_client: Callable[..., Client], link: Link) -> None:
    from click.testing import CliRunner
    from sqlalchemy import delete, select

    from server.cli import main
    from server.data.models import AuditEvent, FieldValue, FormRecord
    from server.sync.models import SyncReceipt

    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 21, "anc4": 20})
    editor.engine.sync()
    editor.store.save_values(form_id, {"anc4": 19})
    editor.engine.sync()
    # The server is restored from a backup taken before the form existed.
    engine = make_engine(link.server.url)
    with Session(engine) as session, session.begin():
        ops = [op.op_id for op in editor.store.outbox() if op.record_id == form_id]
        session.execute(delete(SyncReceipt).where(SyncReceipt.op_id.in_(ops)))
        session.execute(delete(FieldValue).where(FieldValue.form_id == form_id))
        session.execute(delete(AuditEvent).where(AuditEvent.form_id == form_id))
        session.execute(delete(FormRecord).where(FormRecord.id == form_id))
    result = CliRunner().invoke(main, ["--database-url", link.server.url, "db", "new-epoch"])
    assert result.exit_code == 0 and "new epoch" in result.output
    report = editor.engine.sync()
    assert report.epoch_changed and report.checksum_ok
    assert server_values(editor, form_id) == {"anc1": 21, "anc4": 19}
    with Session(engine) as session:
        assert session.scalar(select(FormRecord.id).where(FormRecord.id == form_id))
    engine.dispose()
    # Another computer that had pulled before the restore also ends equal to the server.
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.values(form_id) == {"anc1": 21, "anc4": 19}


def test_an_operation_for_a_form_version_the_server_lacks_is_held_not_lost(
        make_client: Callable[..., Client], link: Link) -> None:
    editor = make_client("editor")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 4})
    editor.engine.sync()
    # A newer client wrote with version 99, which this server has never published.
    with editor.store.transaction() as session:
        from client.store.models import LocalForm

        session.get(LocalForm, form_id).definition_version = 99
    editor.store.save_values(form_id, {"anc4": 3})
    assert editor.engine.sync().results == {"needs_mapping": 1}
    held = editor.transport.get("/api/v1/sync/quarantine")
    assert any(h["form_id"] == form_id and h["reason"] == "unknown_version" for h in held)


def test_an_edit_made_while_its_field_was_on_the_way_is_no_conflict(
        make_client: Callable[..., Client], link: Link) -> None:
    editor = make_client("editor", retries=0)
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 1})
    link.proxy.cut_response_after = 0  # the push arrives; its answer does not
    with pytest.raises(TransportError):
        editor.engine.push(SyncReport())
    editor.store.save_values(form_id, {"anc1": 2})  # a new operation, on the old base
    report = editor.engine.sync()
    assert report.results == {"duplicate": 1, "applied": 1}
    assert server_values(editor, form_id)["anc1"] == 2
    assert not [c for c in editor.store.open_conflicts() if c.form_id == form_id]


def test_a_smaller_scope_leaves_nothing_of_the_old_one(
        make_client: Callable[..., Client], link: Link) -> None:
    admin = make_client("admin")
    made = admin.transport.post("/api/v1/users", json={
        "username": f"mover{uuid.uuid4().hex[:6]}", "full_name": "Mover",
        "password": PASSWORD, "role": "dmk_officer", "area_code": "0102"})
    choose_own_password(link, made["username"])
    mover = make_client(made["username"])
    theirs = fresh_form(mover, link, unit="other_commune")
    mover.store.save_values(theirs, {"anc1": 4})
    assert mover.engine.sync().checksum_ok
    admin.transport._send("PATCH", f"/api/v1/users/{made['id']}",
                          json={"role": "commune_focal_point", "area_code": "010201"})
    report = mover.engine.sync()
    assert report.checksum_ok
    assert mover.store.form(theirs) is None


def _both_up_to_date_on_postgresql(make_client: Callable[..., Client],
                                   link: Link) -> tuple[Client, Client, str]:
    """An editor and a district officer, both synced with a form (anc1 = 1); skipped on
    SQLite, where one writer at a time means nothing commits behind an open write."""
    if not link.server.url.startswith("postgresql"):
        pytest.skip("SQLite lets one writer at a time: nothing commits behind an open "
                    "write (the case runs on PostgreSQL)")
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 1})
    editor.engine.sync()
    assert dmk.engine.sync().checksum_ok
    return editor, dmk, form_id


def test_changes_waiting_behind_an_open_write_are_pulled_before_comparing(
        make_client: Callable[..., Client], link: Link) -> None:
    """On PostgreSQL a pull stops below the oldest write still in progress. A change
    committed behind it is counted by the checksum but not pullable yet: the computer
    pulls again before comparing, instead of starting its whole download again."""
    editor, dmk, form_id = _both_up_to_date_on_postgresql(make_client, link)
    editor.engine.settle = dmk.engine.settle = False  # the case is a scope not settled
    engine = make_engine(link.server.url)
    blocker = Session(engine)
    try:
        # Some write elsewhere, begun and not yet committed.
        blocker.execute(text("SELECT pg_current_xact_id()"))
        editor.store.save_values(form_id, {"anc1": 2})
        assert editor.engine.sync().results == {"applied": 1}
        get, answers = dmk.transport.get, []

        def ask(path: str, **params: object) -> object:
            answer = get(path, **params)
            if path.endswith("/checksum"):
                answers.append(answer["settled"])
                blocker.rollback()  # the write ends once the computer has compared
            return answer

        dmk.transport.get = ask  # type: ignore[method-assign]
        report = dmk.engine.sync()
    finally:
        blocker.close()
        engine.dispose()
    assert answers[:2] == [False, True]
    assert report.checksum_ok and not report.repulled
    assert report.behind is None  # the last pull, once the write ended, got everything
    assert dmk.store.values(form_id) == {"anc1": 2}


def test_a_scope_that_never_settles_is_not_compared_and_not_downloaded_again(
        make_client: Callable[..., Client], link: Link) -> None:
    """While a write stays open the whole time, the computer cannot compare: it says so
    (checksum_ok None, "not compared"), rather than a false difference followed by a
    whole download that would not settle it either. The next sync compares."""
    editor, dmk, form_id = _both_up_to_date_on_postgresql(make_client, link)
    editor.engine.settle = dmk.engine.settle = False  # the case is a scope not settled
    engine = make_engine(link.server.url)
    try:
        with Session(engine) as blocker:
            blocker.execute(text("SELECT pg_current_xact_id()"))  # open all along
            editor.store.save_values(form_id, {"anc1": 2})
            editor.engine.sync()
            report = dmk.engine.sync()
            assert report.checksum_ok is None and not report.repulled
            assert dmk.store.values(form_id) == {"anc1": 1}  # not pullable yet
            # And the computer is told why: a write in progress on the server, running
            # for as long as the blocker has (the server shows its own role's sessions).
            assert report.behind is not None
            assert report.behind["reason"] == "write_in_progress"
            assert isinstance(report.behind["running_for"], int)
        dmk.engine.settle = True
        later = dmk.engine.sync()
    finally:
        engine.dispose()
    assert later.checksum_ok and dmk.store.values(form_id) == {"anc1": 2}
    assert later.behind is None


def test_a_server_restored_into_a_new_cluster_says_what_to_do_until_the_new_epoch(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    """A backup restored into another PostgreSQL cluster: change numbers would start below
    the restored ones. A server refuses to start there; one already running refuses to
    number a change; the computer shows the server's reason instead of retrying, keeps its
    change, and syncs once `isaf db new-epoch` has run."""
    from click.testing import CliRunner

    from client.sync.transport import ServerRefusal, Transport
    from server.cli import main
    from tests.server.conftest import PASSWORD
    from tests.server.test_change_numbers import restore_from_a_cluster_far_ahead
    from tests.sync.conftest import ServerProcess, SettlingEngine

    if not link.server.url.startswith("postgresql"):
        pytest.skip("SQLite's counter is part of the data a backup restores (the case runs "
                    "on PostgreSQL)")
    editor = make_client("editor")
    form_id = fresh_form(editor, link)
    editor.store.save_values(form_id, {"anc1": 5})
    editor.engine.sync()
    running = ServerProcess(link.server.url, tmp_path)
    running.start()  # before the restore, and no change numbered yet
    starting = ServerProcess(link.server.url, tmp_path / "starting")
    (tmp_path / "starting").mkdir()
    slept: list[float] = []  # a retry waits first
    transport = Transport(f"http://127.0.0.1:{running.port}", retries=3, backoff=0.01,
                          sleep=slept.append)
    try:
        engine = make_engine(link.server.url)
        restore_from_a_cluster_far_ahead(engine)
        engine.dispose()
        with pytest.raises(RuntimeError, match="isaf db new-epoch"):
            starting.start()
        transport.login("editor", PASSWORD, device_id=editor.store.device_id)
        computer = SettlingEngine(editor.store, transport)  # the running server, directly
        editor.store.save_values(form_id, {"anc1": 6})
        with pytest.raises(ServerRefusal, match="isaf db new-epoch"):
            computer.sync()
        assert slept == []  # said at once, not retried
        assert editor.store.unsent_count() == 1  # kept for later
        result = CliRunner().invoke(main, ["--database-url", link.server.url,
                                           "db", "new-epoch"])
        assert result.exit_code == 0, result.output
        report = computer.sync()
        assert report.epoch_changed and report.checksum_ok
    finally:
        transport.close()
        running.stop()
        starting.stop()
    assert server_values(editor, form_id)["anc1"] == 6
