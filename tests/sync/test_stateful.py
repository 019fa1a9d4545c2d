"""A random schedule of edits, syncs, dropped connections, conflict resolutions and client
restarts across three computers and a real server (Hypothesis stateful testing).

The invariant, checked once the link heals: every operation ever created ended applied,
in conflict or quarantined (none pending, none lost), and every computer shows exactly
what the server holds."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport
from client.sync.transport import ServerRefusal, Transport, TransportError
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link

FIELDS = ("anc1", "anc4", "pnc1", "staff_nurses.female")
USERS = ("editor", "focal", "dmk")
EXAMPLES = int(os.environ.get("ISAF_STATEFUL_EXAMPLES", "12"))


class Computer:
    """One client computer whose process can be restarted."""

    def __init__(self, link: Link, path: Path, username: str) -> None:
        self.link, self.path, self.username = link, path, username
        self.open()

    def open(self) -> None:
        self.store = LocalStore(self.path)
        self.transport = Transport(self.link.proxy.url, retries=1, backoff=0.001)
        self.transport.login(self.username, PASSWORD, device_id=self.store.device_id)
        self.engine = SyncEngine(self.store, self.transport)

    def close(self) -> None:
        self.transport.close()
        self.store.close()


def make_machine(link: Link, folder: Path) -> type[RuleBasedStateMachine]:
    counter = iter(range(10**6))

    class Schedule(RuleBasedStateMachine):
        """Three computers editing one form, over a link that sometimes drops."""

        @initialize()
        def start(self) -> None:
            run = next(counter)
            self.computers = [Computer(link, folder / f"{run}-{u}.sqlite", u) for u in USERS]
            first = self.computers[0]
            first.engine.refresh_reference_data()
            year = 2015 + run % 85
            unit = link.world.units["home"]
            existing = first.transport.get("/api/v1/forms", unit_id=unit, year=year)
            if existing:  # a form left by an earlier example: work on it
                self.form_id = existing[0]["id"]
            else:
                self.form_id = first.store.create_form(unit_id=unit, year=year,
                                                       form_code="health_center")
            for computer in self.computers:
                computer.engine.sync()

        @rule(who=st.integers(0, 2), field=st.sampled_from(FIELDS),
              value=st.integers(0, 40) | st.none())
        def edit(self, who: int, field: str, value: int | None) -> None:
            computer = self.computers[who]
            if computer.store.form(self.form_id) is None:
                return
            computer.store.save_values(self.form_id, {field: value})

        @rule(who=st.integers(0, 2), cut=st.none() | st.integers(0, 400),
              upload=st.booleans())
        def sync(self, who: int, cut: int | None, upload: bool) -> None:
            if cut is not None:
                if upload:
                    link.proxy.cut_request_after = cut
                else:
                    link.proxy.cut_response_after = cut
            try:
                self.computers[who].engine.sync()
            except TransportError:
                pass  # the link dropped for good this time; everything is kept for later
            finally:
                link.proxy.cut_request_after = link.proxy.cut_response_after = None

        @rule(who=st.integers(0, 2))
        def pull_only(self, who: int) -> None:
            # A pull while edits wait to be sent (an edit made during a sync): the pull
            # must leave those edits alone.
            with contextlib.suppress(TransportError):
                self.computers[who].engine.pull(SyncReport())

        @rule(who=st.integers(0, 2), keep_mine=st.booleans())
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
        @rule(who=st.integers(0, 2))
        def restart(self, who: int) -> None:
            self.computers[who].close()
            self.computers[who].open()

        @invariant()
        def nothing_is_lost_locally(self) -> None:
            # Every value a computer shows that the server does not have yet is in an
            # operation waiting to leave.
            for computer in getattr(self, "computers", []):
                unsent = {}
                for op in computer.store.outbox("pending", "sent"):
                    if op.record_id == self.form_id:
                        unsent.update({k: v[0] for k, v in op.payload["fields"].items()})
                with computer.store.transaction() as session:
                    from sqlalchemy import select

                    from client.store.models import LocalValue

                    for row in session.scalars(select(LocalValue).where(
                            LocalValue.form_id == self.form_id, LocalValue.pending.is_(True))):
                        assert unsent.get(row.field, object()) == row.value

        def teardown(self) -> None:
            if not hasattr(self, "computers"):
                return
            try:
                for _ in range(3):  # the link heals; everyone syncs until it settles
                    for computer in self.computers:
                        computer.engine.sync()
                server = self.computers[2].transport.get(f"/api/v1/forms/{self.form_id}")
                for computer in self.computers:
                    states = {op.state for op in computer.store.outbox()}
                    assert states <= {"acked", "conflict", "quarantined"}, states
                    assert computer.store.values(self.form_id) == server["values"]
                    assert computer.engine.verify()
            except ServerRefusal as refusal:  # pragma: no cover - shown if it happens
                pytest.fail(f"the server refused: {refusal.body}")
            finally:
                for computer in self.computers:
                    computer.close()

    return Schedule


def test_random_schedules_converge_and_lose_nothing(link: Link, tmp_path: Path,
                                                    make_client: Callable[..., object]) -> None:
    machine = make_machine(link, tmp_path)
    machine.TestCase.settings = settings(
        max_examples=EXAMPLES, stateful_step_count=25, deadline=None, database=None,
        suppress_health_check=list(HealthCheck))
    machine.TestCase().runTest()
