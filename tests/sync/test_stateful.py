"""A random schedule of edits, syncs, dropped connections, conflict resolutions and client
restarts across four computers and a real server (Hypothesis stateful testing).

Forms and records of another kind (JAAP actions: common/sync/kinds.py) share the history:
a commune focal point and a district officer make, edit and delete JAAP actions (of the
commune, or of the unit the editor works for), a CAF writes their progress and now and
then a plan column, which the server keeps aside (not_permitted); everyone syncs over a
link that drops.

The invariant, checked once the link heals: every operation ever created ended applied,
in conflict or quarantined (none pending, none lost); every change a computer sent to a
JAAP action's column was applied, or is held by the server (a conflict or a hold); the
server's value of each column is the last applied write of some computer; and every
computer shows exactly what the server holds in its scope: a unit's editor the actions of
its unit and none of the commune's."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from client.store.errors import StoreError
from client.store.models import LocalRecord, LocalValue
from client.store.repository import LocalStore
from client.sync.engine import SyncReport
from client.sync.transport import ServerRefusal, Transport, TransportError
from common.db import make_engine
from server.data.models import RecordValue, SyncConflict, SyncQuarantine, SyncRecord
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, SettlingEngine

FIELDS = ("anc1", "anc4", "pnc1", "staff_nurses.female")
#: The computers, by user. The form rules use the first three (a CAF only reads forms);
#: the record rules name theirs.
USERS = ("editor", "focal", "dmk", "caf")
FORM_USERS = 3
#: Schedules, and steps in each. Records made the histories longer (a fourth computer,
#: more rules): fewer, longer schedules keep the file's time where it was (about half a
#: minute per database) within the suite's budget. Raise them to search harder.
EXAMPLES = int(os.environ.get("ISAF_STATEFUL_EXAMPLES", "10"))
STEPS = int(os.environ.get("ISAF_STATEFUL_STEPS", "30"))

KIND = "jaap_action"
COMMUNE = "010201"
#: Who may make and delete a JAAP action (kinds.py: creators), who writes its columns.
CREATORS = ("focal", "dmk")
WRITERS = ("focal", "dmk", "caf")

#: Columns of the plan (a CAF may not write them) and of progress (a CAF may), each with
#: a few values, so that two computers sometimes write the same one. The required columns
#: are never cleared (the store refuses that locally).
PLAN = {
    "activity": st.sampled_from(("សាងសង់អណ្ដូងទឹកស្អាត", "ជួសជុលផ្លូវ", "well")),
    "location": st.sampled_from(("ភូមិថ្មី", "ភូមិចាស់")) | st.none(),
    "cost_khr": st.integers(0, 5).map(lambda n: n * 100_000) | st.none(),
    "start": st.sampled_from(("2026-01", "2026-06")) | st.none(),
}
PROGRESS = {
    "progress_status": st.sampled_from(("not_started", "in_progress", "done")) | st.none(),
    "progress_percent": st.integers(0, 4).map(lambda n: n * 25) | st.none(),
    "progress_note": st.sampled_from(("ល្អ", "late")) | st.none(),
}


def _changes(columns: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    one = st.one_of([st.tuples(st.just(key), values) for key, values in columns.items()])
    return st.lists(one, min_size=1, max_size=2).map(dict)


class Computer:
    """One client computer whose process can be restarted."""

    def __init__(self, link: Link, path: Path, username: str) -> None:
        self.link, self.path, self.username = link, path, username
        self.open()

    def open(self) -> None:
        self.store = LocalStore(self.path)
        self.transport = Transport(self.link.proxy.url, retries=1, backoff=0.001)
        self.transport.login(self.username, PASSWORD, device_id=self.store.device_id)
        self.engine = SettlingEngine(self.store, self.transport,
                                     server=self.link.direct_url)

    def close(self) -> None:
        self.transport.close()
        self.store.close()


def server_records(engine: Engine) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """The JAAP actions the server holds (not deleted): id -> (unit, values without None)."""
    with Session(engine) as session:
        headers = {r.id: r.unit_id for r in session.scalars(select(SyncRecord).where(
            SyncRecord.kind == KIND, SyncRecord.deleted.is_(False)))}
        values: dict[str, dict[str, Any]] = {record_id: {} for record_id in headers}
        for row in session.scalars(select(RecordValue).where(
                RecordValue.record_id.in_(list(headers)))):
            if row.value is not None:
                values[row.record_id][row.field] = row.value
    return {record_id: (unit, values[record_id]) for record_id, unit in headers.items()}


class Schedule(RuleBasedStateMachine):
    """Four computers editing one form and a few JAAP actions, over a link that
    sometimes drops. Run through a subclass that `make_machine` binds to a test's link,
    folder and server database."""

    link: ClassVar[Link]
    folder: ClassVar[Path]
    server_db: ClassVar[Engine]
    #: Numbers the examples of one run, for their files and their form's year.
    runs: ClassVar[Iterator[int]]

    @initialize()
    def start(self) -> None:
        run = next(self.runs)
        self.computers = [Computer(self.link, self.folder / f"{run}-{u}.sqlite", u) for u in USERS]
        first = self.computers[0]
        first.engine.refresh_reference_data()
        self.year = year = 2015 + run % 85
        unit = self.link.world.units["home"]
        existing = first.transport.get("/api/v1/forms", unit_id=unit, year=year)
        if existing:  # a form left by an earlier example: work on it
            self.form_id = existing[0]["id"]
        else:
            self.form_id = first.store.create_form(unit_id=unit, year=year,
                                                   form_code="health_center")
        #: The JAAP actions this example made, in the order they were made: one of
        #: the commune and one of the unit to begin with, so that the first edits
        #: have something to work on.
        focal = self.computer("focal")
        focal.engine.refresh_reference_data()
        self.actions = [focal.store.create_record(KIND, {"section": "A", "activity": "well"},
                                                  year=year, **owner)
                        for owner in ({"commune_code": COMMUNE}, {"unit_id": unit})]
        for computer in self.computers:
            computer.engine.sync()

    def computer(self, username: str) -> Computer:
        return self.computers[USERS.index(username)]

    # ------------------------------------------------------------------ forms

    @rule(who=st.integers(0, FORM_USERS - 1), field=st.sampled_from(FIELDS),
          value=st.integers(0, 40) | st.none())
    def edit(self, who: int, field: str, value: int | None) -> None:
        computer = self.computers[who]
        if computer.store.form(self.form_id) is None:
            return
        computer.store.save_values(self.form_id, {field: value})

    @rule(who=st.integers(0, len(USERS) - 1), cut=st.none() | st.integers(0, 400),
          upload=st.booleans())
    def sync(self, who: int, cut: int | None, upload: bool) -> None:
        if cut is not None:
            if upload:
                self.link.proxy.cut_request_after = cut
            else:
                self.link.proxy.cut_response_after = cut
        try:
            self.computers[who].engine.sync()
        except TransportError:
            pass  # the link dropped for good this time; everything is kept for later
        finally:
            self.link.proxy.cut_request_after = self.link.proxy.cut_response_after = None

    @rule(who=st.integers(0, len(USERS) - 1))
    def pull_only(self, who: int) -> None:
        # A pull while edits wait to be sent (an edit made during a sync): the pull
        # must leave those edits alone.
        with contextlib.suppress(TransportError):
            self.computers[who].engine.pull(SyncReport())

    @rule(who=st.integers(0, FORM_USERS - 1), keep_mine=st.booleans())
    def resolve(self, who: int, keep_mine: bool) -> None:
        computer = self.computers[who]
        if computer.username == "editor":
            return  # resolving is a district officer's or focal point's work here
        for conflict in computer.store.open_conflicts():
            if conflict.form_id == self.form_id:
                computer.store.resolve_conflict(
                    conflict.id, conflict.incoming if keep_mine else conflict.current)
                return

    @precondition(lambda self: hasattr(self, "computers"))
    @rule(who=st.integers(0, len(USERS) - 1))
    def restart(self, who: int) -> None:
        self.computers[who].close()
        self.computers[who].open()

    # ------------------------------------------------------------------ JAAP actions

    def visible_action(self, computer: Computer, pick: int) -> str | None:
        """One of this example's JAAP actions that `computer` shows, or None."""
        shown = {r.id for r in computer.store.records(KIND)}
        mine = [record_id for record_id in self.actions if record_id in shown]
        return mine[pick % len(mine)] if mine else None

    @rule(who=st.sampled_from(CREATORS), of_unit=st.booleans(),
          extra=st.none() | _changes({**PLAN, **PROGRESS}))
    def create_action(self, who: str, of_unit: bool, extra: dict[str, Any] | None) -> None:
        owner = {"unit_id": self.link.world.units["home"]} if of_unit \
            else {"commune_code": COMMUNE}
        values = {"section": "A", "activity": "well", **(extra or {})}
        self.actions.append(self.computer(who).store.create_record(
            KIND, values, year=self.year, **owner))

    @rule(who=st.sampled_from(WRITERS), pick=st.integers(0, 7),
          plan=_changes(PLAN), progress=_changes(PROGRESS), stray=st.integers(0, 2))
    def edit_action(self, who: str, pick: int, plan: dict[str, Any],
                    progress: dict[str, Any], stray: int) -> None:
        computer = self.computer(who)
        record_id = self.visible_action(computer, pick)
        if record_id is None:
            return
        if who != "caf":
            changes = {**plan, **progress} if stray else plan
        elif stray == 0:
            # Now and then a CAF changes the plan too: the server keeps that column
            # aside (not_permitted) and applies the progress.
            changes = {**progress, **dict([next(iter(plan.items()))])}
        else:
            changes = progress
        computer.store.save_record(record_id, changes)

    @rule(pair=st.permutations(WRITERS).map(lambda order: (order[0], order[1])),
          pick=st.integers(0, 7),
          clash=st.one_of([st.tuples(st.just(key), values, values)
                           for key, values in PROGRESS.items()]),
          resolver=st.none() | st.sampled_from(WRITERS), keep_mine=st.booleans())
    def clash_on_action(self, pair: tuple[str, str], pick: int,
                        clash: tuple[str, Any, Any], resolver: str | None,
                        keep_mine: bool) -> None:
        # Two computers change the same column of an action, each on the revision it
        # last saw, then sync one after the other: the second meets the first (a
        # conflict, unless both wrote the same value or the second had seen the
        # first's). Then perhaps someone chooses at once (sent with their next sync):
        # a district officer's choice settles it, anyone else's is kept aside.
        first, second = (self.computer(who) for who in pair)
        shown = {r.id for r in second.store.records(KIND)}
        record_id = self.visible_action(first, pick)
        if record_id is None or record_id not in shown:
            return
        key, mine, theirs = clash
        first.store.save_record(record_id, {key: mine})
        second.store.save_record(record_id, {key: theirs})
        first.engine.sync()
        second.engine.sync()
        if resolver is not None:
            with contextlib.suppress(TransportError):
                self.computer(resolver).engine.pull(SyncReport())
            self.resolve_action(resolver, keep_mine)

    @rule(who=st.sampled_from(CREATORS), pick=st.integers(0, 7), rarely=st.integers(0, 4))
    def delete_action(self, who: str, pick: int, rarely: int) -> None:
        computer = self.computer(who)
        record_id = self.visible_action(computer, pick)
        if rarely or record_id is None:
            return
        # Refused while changes are on their way, or before the server's revision came
        # back (the store says: sync first): nothing changes then.
        with contextlib.suppress(StoreError):
            computer.store.delete_record(record_id)

    @rule(who=st.sampled_from(WRITERS), keep_mine=st.booleans())
    def resolve_action(self, who: str, keep_mine: bool) -> None:
        # Only a district officer's choice settles a conflict; a focal point's or a
        # CAF's is kept aside for one (resolver_needed).
        computer = self.computer(who)
        for conflict in computer.store.open_conflicts():
            if conflict.form_id in self.actions:
                computer.store.resolve_conflict(
                    conflict.id, conflict.incoming if keep_mine else conflict.current)
                return

    # ------------------------------------------------------------------ invariants

    @invariant()
    def nothing_is_lost_locally(self) -> None:
        # Every value a computer shows that the server does not have yet (of the form
        # or of a record) is in an operation waiting to leave.
        for computer in getattr(self, "computers", []):
            unsent: dict[tuple[str, str], Any] = {}
            for op in computer.store.outbox("pending", "sent"):
                for key, (value, _) in op.payload.get("fields", {}).items():
                    unsent[(op.record_id, key)] = value
            with computer.store.transaction() as session:
                for row in session.scalars(select(LocalValue).where(
                        LocalValue.pending.is_(True))):
                    assert unsent.get((row.form_id, row.field), object()) == row.value, \
                        (computer.username, row.form_id, row.field)

    def teardown(self) -> None:
        if not hasattr(self, "computers"):
            return
        try:
            for _ in range(3):  # the link heals; everyone syncs until it settles
                for computer in self.computers:
                    computer.engine.sync()
            server = self.computer("dmk").transport.get(f"/api/v1/forms/{self.form_id}")
            for computer in self.computers:
                states = {op.state for op in computer.store.outbox()}
                assert states <= {"acked", "conflict", "quarantined"}, states
                assert computer.store.values(self.form_id) == server["values"]
                assert computer.engine.verify()
            self.check_actions()
        except ServerRefusal as refusal:  # pragma: no cover - shown if it happens
            pytest.fail(f"the server refused: {refusal.body}")
        finally:
            for computer in self.computers:
                computer.close()

    def check_actions(self) -> None:
        """The JAAP actions: the same everywhere in scope, and nothing lost."""
        held = server_records(self.server_db)
        home = self.link.world.units["home"]
        for computer in self.computers:
            shown = {r.id: r for r in computer.store.records(KIND)}
            if computer.username == "editor":
                # Only the actions of its unit: never one of the commune's, not even
                # a deleted one.
                with computer.store.transaction() as session:
                    units = set(session.scalars(select(LocalRecord.unit_id)))
                assert units <= {home}, units
                expected = {rid for rid, (unit, _) in held.items() if unit == home}
            else:
                expected = set(held)
            assert set(shown) == expected, computer.username
            for record_id in expected & set(self.actions):
                assert computer.store.values(record_id) == held[record_id][1], \
                    (computer.username, record_id)
        last_applied: dict[tuple[str, str], list[Any]] = {}
        with Session(self.server_db) as session:
            for computer in self.computers:
                mine: dict[tuple[str, str], Any] = {}
                for op in computer.store.outbox():
                    if op.record_id in self.actions:
                        self.check_accounted(session, op.payload, op.receipt or {}, mine)
                for where, value in mine.items():
                    last_applied.setdefault(where, []).append(value)
        for record_id in set(self.actions) & set(held):
            values = held[record_id][1]
            for key in {*values, *(k for r, k in last_applied if r == record_id)}:
                # What the server holds is what some computer wrote last (and had
                # applied); with no write applied, the column is empty.
                assert values.get(key) in last_applied.get((record_id, key), [None]), \
                    (record_id, key, values.get(key), last_applied.get((record_id, key)))

    def check_accounted(self, session: Session, payload: dict[str, Any],
                        receipt: dict[str, Any], applied: dict[tuple[str, str], Any]
                        ) -> None:
        """Every column an operation sent was applied (noted in `applied`, the latest
        write winning), or the server holds it: a conflict keeps the value, or a hold
        keeps the operation's column."""
        if payload.get("delete"):
            # Applied, the record went with its unsent edits (as the user asked);
            # otherwise they were queued again in a later operation, judged there.
            assert receipt["result"] in ("applied", "conflict") or (
                receipt.get("original") in ("applied", "conflict")), receipt
            return
        fields = {k: v for k, (v, _) in payload.get("fields", {}).items()}
        revisions = receipt.get("revisions", {})
        conflicts = receipt.get("conflicts", {})
        holds = {}
        for hold in session.scalars(select(SyncQuarantine).where(
                SyncQuarantine.op_id == payload["op_id"])):
            holds.update({k: v for k, (v, _) in hold.payload.get("fields", {}).items()})
        for key, value in fields.items():
            where = (payload["record_id"], key)
            if key in revisions and key not in conflicts:
                applied[where] = value
            elif key in conflicts:
                conflict = session.get(SyncConflict, conflicts[key])
                assert conflict is not None, (where, receipt)
                assert conflict.incoming_value == value or holds.get(key) == value, \
                    (where, value, conflict.incoming_value, holds)
            else:
                assert holds.get(key, object()) == value, (where, value, receipt, holds)



def make_machine(link: Link, folder: Path, server_db: Engine) -> type[RuleBasedStateMachine]:
    """The schedule's machine for one test: its link, folder and server database."""
    return type("BoundSchedule", (Schedule,), {
        "link": link, "folder": folder, "server_db": server_db, "runs": iter(range(10**6))})


@pytest.fixture
def server_db(link: Link) -> Iterator[Engine]:
    """The server's own database, to read the JAAP actions it holds (there is no records
    API)."""
    engine = make_engine(link.server.url)
    yield engine
    engine.dispose()


def test_random_schedules_converge_and_lose_nothing(link: Link, tmp_path: Path,
                                                    server_db: Engine,
                                                    make_client: Callable[..., object]) -> None:
    machine = make_machine(link, tmp_path, server_db)
    machine.TestCase.settings = settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, database=None,
        suppress_health_check=list(HealthCheck))
    machine.TestCase().runTest()
