"""The workflow steps of client/actions.py without any screen: a form moved along through
the real server process of tests/sync (sync, the move, sync again), a move retried after
its answer was lost, a refusal that still leaves this computer synced, a move without a
connection, and a delete with the draft it kept."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from client import actions
from client.store import entry
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport
from client.sync.transport import ServerRefusal, Transport, TransportError
from common.forms import load_definition
from server.cli import FORMS_DIR
from server.demo_values import demo_values_with_warnings
from tests.sync.conftest import Client, Link, link, make_client  # noqa: F401 - fixtures
from tests.sync.test_failures import fresh_year

DEFINITION = load_definition(FORMS_DIR / "health_center.yaml")


def complete_form(client: Client, link: Link) -> str:  # noqa: F811 - the fixture's name
    """A health-center form of a new year with every figure, consistent, its warnings
    confirmed with reasons: the server accepts it for submission."""
    client.engine.refresh_reference_data()
    form_id = client.store.create_form(unit_id=link.world.units["home"], year=fresh_year(),
                                       form_code="health_center")
    values, confirmations = demo_values_with_warnings(DEFINITION, random.Random(7))
    client.store.save_values(form_id, values, confirmations=confirmations)
    return form_id


def status(client: Client, form_id: str) -> str:
    form = client.store.form(form_id)
    assert form is not None
    return form.status


def test_a_form_goes_up_with_its_figures_and_comes_back_submitted_then_approved(
        make_client: Callable[..., Client], link: Link) -> None:  # noqa: F811
    focal = make_client("focal")
    form_id = complete_form(focal, link)  # nothing of it on the server yet
    report = actions.move_form(focal.engine, focal.transport, form_id=form_id,
                               action="submit", comment=None)
    assert isinstance(report, SyncReport)
    assert status(focal, form_id) == "submitted"
    assert focal.store.unsent_count() == 0  # the figures went up before the move

    officer = make_client("dmk")
    officer.engine.sync()
    actions.move_form(officer.engine, officer.transport, form_id=form_id, action="approve",
                      comment=None)
    assert status(officer, form_id) == "approved"
    focal.engine.sync()
    assert status(focal, form_id) == "approved"


def test_a_move_asked_again_after_its_answer_was_lost_is_taken_as_done(
        make_client: Callable[..., Client], link: Link) -> None:  # noqa: F811
    focal = make_client("focal")
    form_id = complete_form(focal, link)
    focal.engine.sync()
    # The first attempt reached the server; its answer never came back here.
    focal.transport.post(f"/api/v1/forms/{form_id}/submit", json={"comment": None})
    actions.move_form(focal.engine, focal.transport, form_id=form_id, action="submit",
                      comment=None)
    assert status(focal, form_id) == "submitted"


def test_a_refused_move_is_raised_after_a_sync_shows_the_form_as_the_server_has_it(
        make_client: Callable[..., Client], link: Link) -> None:  # noqa: F811
    focal = make_client("focal")
    form_id = complete_form(focal, link)
    with pytest.raises(ServerRefusal) as refused:
        actions.move_form(focal.engine, focal.transport, form_id=form_id, action="approve",
                          comment=None)
    assert refused.value.status == 403
    assert status(focal, form_id) == "draft"
    assert focal.store.unsent_count() == 0  # synced before and after the refusal
    assert focal.store.form(form_id).server_revision is not None  # type: ignore[union-attr]


class CountingEngine(SyncEngine):
    """A sync engine that counts its syncs."""

    syncs = 0

    def sync(self, **options: object) -> SyncReport:  # type: ignore[override] # counts only
        self.syncs += 1
        return super().sync(**options)  # type: ignore[arg-type] # passed through as given


def test_without_a_connection_nothing_is_tried(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "offline.sqlite")
    transport = Transport("http://127.0.0.1:9", retries=0, backoff=0.01, timeout=2)
    engine = CountingEngine(store, transport)
    try:
        with pytest.raises(TransportError):
            actions.move_form(engine, transport, form_id="f", action="submit", comment=None)
        assert engine.syncs == 0  # said at once, not after a sync's retries
    finally:
        transport.close()
        store.close()


def test_a_deleted_form_takes_its_kept_draft_with_it(
        make_client: Callable[..., Client], link: Link) -> None:  # noqa: F811
    focal = make_client("focal")
    focal.engine.refresh_reference_data()
    form_id = actions.create_form(focal.store, unit_id=link.world.units["home"],
                                  year=fresh_year(), form_code="health_center")
    entry.write_draft(focal.store, form_id, entry.Draft(values={"anc1": 7}))
    assert entry.read_draft(focal.store, form_id)
    actions.delete_form(focal.store, form_id)
    assert focal.store.form(form_id) is None
    assert entry.read_draft(focal.store, form_id) is None
    assert focal.store.unsent_count() == 0  # the server never had it: nothing to tell
