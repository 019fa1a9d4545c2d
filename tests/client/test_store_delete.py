"""Deleting a form on one computer, without a server: what the local store refuses, what
it sends, and how a delete's answer is settled (LocalStore.delete_form, SyncEngine._settle).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from client.store.errors import StoreError
from client.store.models import LocalForm, LocalValue, OutboxOperation
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from common.sync.protocol import Receipt

UNIT = "979e71da-0000-4000-8000-000000000001"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    local = LocalStore(tmp_path / "store.sqlite")
    yield local
    local.close()


def made_here(store: LocalStore, year: int = 2030) -> str:
    """A form made on this computer, nothing of it sent yet (no definition: no checks)."""
    return store.create_form(unit_id=UNIT, year=year, form_code="health_center",
                             definition_version=1)


def known_to_server(store: LocalStore, revision: int = 3, **values: Any) -> str:
    """A form the server took and this computer pulled back: header at `revision`, each
    value at revision 1, every operation acknowledged."""
    form_id = made_here(store)
    if values:
        store.save_values(form_id, values)
    with store.transaction() as session:
        for op in session.scalars(select(OutboxOperation)):
            op.state, op.receipt = "acked", {"op_id": op.op_id, "result": "applied",
                                             "record_id": form_id}
        session.get(LocalForm, form_id).server_revision = revision  # type: ignore[union-attr]
        for row in session.scalars(select(LocalValue).where(LocalValue.form_id == form_id)):
            row.server_value, row.server_revision, row.pending = row.value, 1, False
    return form_id


def settle(store: LocalStore, op: OutboxOperation, result: str, **receipt: Any) -> None:
    """Answer one sent operation as the server would, the way a push does."""
    engine = SyncEngine(store, transport=None)  # type: ignore[arg-type]  # no link needed
    with store.transaction() as session:
        row = session.get(OutboxOperation, op.op_id)
        assert row is not None
        row.state = "sent"
        engine._settle(session, row, Receipt(op.op_id, result, **receipt))


def test_a_form_never_sent_disappears_and_nothing_is_sent(store: LocalStore) -> None:
    form_id = made_here(store)
    store.save_values(form_id, {"anc1": 4})
    store.delete_form(form_id)
    assert store.form(form_id) is None
    assert store.values(form_id) == {}
    assert store.outbox() == [] and store.unsent_count() == 0
    # The same unit, year and form can be made again at once.
    assert made_here(store) != form_id


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_a_form_past_draft_or_returned_is_refused(store: LocalStore, status: str) -> None:
    form_id = known_to_server(store)
    with store.transaction() as session:
        session.get(LocalForm, form_id).status = status  # type: ignore[union-attr]
    with pytest.raises(StoreError, match=f"the form is {status}: only a draft or returned"):
        store.delete_form(form_id)
    assert [f.id for f in store.forms()] == [form_id]
    assert store.unsent_count() == 0


def test_a_returned_form_is_deleted_with_a_delete_based_on_its_header(
        store: LocalStore) -> None:
    form_id = known_to_server(store, revision=5, anc1=1)
    with store.transaction() as session:
        session.get(LocalForm, form_id).status = "returned"  # type: ignore[union-attr]
    store.delete_form(form_id)
    assert store.forms() == []
    (op,) = store.outbox("pending")
    assert op.payload["delete"] is True and op.payload["fields"] == {"": [None, 5]}
    assert op.device_seq == max(o.device_seq for o in store.outbox())
    with pytest.raises(StoreError, match="no such form"):
        store.save_values(form_id, {"anc1": 2})


def test_unsent_edits_ride_inside_the_delete_on_their_first_base(store: LocalStore) -> None:
    form_id = known_to_server(store, revision=3, anc1=1, anc4=2)
    store.save_values(form_id, {"anc1": 10, "pnc1": 7})
    store.save_values(form_id, {"anc1": 11})
    store.delete_form(form_id)
    (op,) = store.outbox("pending")  # the edit operation became part of the delete
    assert op.payload["fields"] == {"": [None, 3], "anc1": [11, 1], "pnc1": [7, 0]}
    assert store.values(form_id) == {"anc1": 11, "anc4": 2, "pnc1": 7}


def test_changes_on_their_way_or_not_fetched_back_are_refused(store: LocalStore) -> None:
    on_the_way = made_here(store)
    with store.transaction() as session:
        for op in session.scalars(select(OutboxOperation)):
            op.state = "sent"
    with pytest.raises(StoreError, match="on their way to the server"):
        store.delete_form(on_the_way)
    not_pulled = made_here(store, year=2031)
    with store.transaction() as session:
        for op in session.scalars(select(OutboxOperation).where(
                OutboxOperation.record_id == not_pulled)):
            op.state, op.receipt = "acked", {"op_id": op.op_id, "result": "applied",
                                             "record_id": not_pulled}
    with pytest.raises(StoreError, match="not fetched it back yet"):
        store.delete_form(not_pulled)
    assert {f.id for f in store.forms()} == {on_the_way, not_pulled}


def test_an_applied_delete_stays_and_its_edits_go_with_the_form(store: LocalStore) -> None:
    form_id = known_to_server(store, anc1=1)
    store.save_values(form_id, {"anc1": 2})
    store.delete_form(form_id)
    (op,) = store.outbox("pending")
    with store.transaction() as session:
        # A pull-only run before the answer showed the form again (an older header).
        session.get(LocalForm, form_id).deleted = False  # type: ignore[union-attr]
    settle(store, op, "applied", record_id=form_id)
    assert store.forms() == [] and store.unsent_count() == 0
    assert [o.state for o in store.outbox() if o.op_id == op.op_id] == ["acked"]


@pytest.mark.parametrize("result", ["conflict", "rejected", "rejected_locked"])
def test_a_delete_not_applied_brings_the_form_back_with_its_edits(
        store: LocalStore, result: str) -> None:
    form_id = known_to_server(store, revision=3, anc1=1)
    store.save_values(form_id, {"anc1": 2})
    store.delete_form(form_id)
    (op,) = store.outbox("pending")
    settle(store, op, result, record_id=form_id, message="the form was edited elsewhere")
    assert [f.id for f in store.forms()] == [form_id]
    (kept,) = [o for o in store.outbox() if o.op_id == op.op_id]
    assert kept.receipt is not None and kept.receipt["message"] == "the form was edited elsewhere"
    # The edit is shown, still unsent, and goes again on the base it was typed on.
    assert store.values(form_id) == {"anc1": 2}
    (again,) = store.outbox("pending")
    assert again.payload["fields"] == {"anc1": [2, 1]} and "delete" not in again.payload
    with store.transaction() as session:
        assert session.get(LocalValue, (form_id, "anc1")).pending  # type: ignore[union-attr]


def test_a_retried_delete_is_settled_by_its_first_answer(store: LocalStore) -> None:
    form_id = known_to_server(store)
    store.delete_form(form_id)
    (op,) = store.outbox("pending")
    settle(store, op, "duplicate", record_id=form_id, original="conflict")
    assert [f.id for f in store.forms()] == [form_id]
    assert store.outbox("pending") == []  # a bare delete carried no edits to send again


def test_an_edit_made_since_keeps_its_newer_value_when_the_delete_comes_back(
        store: LocalStore) -> None:
    form_id = known_to_server(store, revision=3, anc1=1)
    store.save_values(form_id, {"anc1": 2})
    store.delete_form(form_id)
    (op,) = store.outbox("pending")
    with store.transaction() as session:
        # A pull-only run showed the form again (someone edited it) before the answer.
        session.get(LocalForm, op.record_id).deleted = False  # type: ignore[union-attr]
        session.get(OutboxOperation, op.op_id).state = "sent"  # type: ignore[union-attr]
    store.save_values(form_id, {"anc1": 3})
    settle(store, op, "conflict", record_id=form_id)
    (again,) = store.outbox("pending")
    assert again.payload["fields"] == {"anc1": [3, 1]}
    assert store.values(form_id) == {"anc1": 3}


def test_a_header_pulled_since_the_delete_keeps_the_servers_word(store: LocalStore) -> None:
    form_id = known_to_server(store, revision=3)
    store.delete_form(form_id)
    (op,) = store.outbox("pending")
    with store.transaction() as session:
        # Another computer's delete was pulled while this one was on its way.
        form = session.get(LocalForm, form_id)
        assert form is not None
        form.server_revision, form.deleted = 4, True
    settle(store, op, "conflict", record_id=form_id, message="the form was deleted")
    assert store.forms() == []
