"""Deleting a form on a computer, end to end: a real server process, computers with their
own stores (docs/SYNC.md "Deletes" and failure 14, a concurrent edit and delete:
a conflict, never a resurrection, and nothing silently lost)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from client.store.errors import StoreError
from client.store.models import OutboxOperation
from tests.sync.conftest import Client, Link

#: Each test module gets a server (and database) of its own, so a year must only be new
#: within a module: cycling through 70 years never repeats one in a module's run.
_years = itertools.cycle(range(2030, 2100))


def shared_form(owner: Client, others: list[Client], link: Link, values: dict[str, Any]) -> str:
    """A form made on `owner` with `values`, synced, and pulled by every other computer."""
    owner.engine.refresh_reference_data()
    form_id = owner.store.create_form(unit_id=link.world.units["home"], year=next(_years),
                                      form_code="health_center")
    owner.store.save_values(form_id, values)
    assert owner.engine.sync().checksum_ok
    for other in others:
        assert other.engine.sync().checksum_ok
        assert other.store.values(form_id) == values
    return form_id


def held(client: Client, op_id: str) -> list[dict[str, Any]]:
    """The server's held operations with this op id that `client`'s user may see."""
    return [h for h in client.transport.get("/api/v1/sync/quarantine") if h["op_id"] == op_id]


def last_op(client: Client, form_id: str, **payload: Any) -> OutboxOperation:
    """The newest outbox operation of a form whose payload has these keys and values."""
    return [op for op in client.store.outbox() if op.record_id == form_id
            and all(op.payload.get(k) == v for k, v in payload.items())][-1]


def anc1_history(client: Client, form_id: str) -> list[Any]:
    """Every value anc1 ever took on the server."""
    history = client.transport.get(f"/api/v1/forms/{form_id}/history")
    return [e["new_value"] for e in history if e["field"] == "anc1" and e["action"] == "value"]


def test_a_delete_reaches_the_server_and_another_computer(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = shared_form(editor, [dmk], link, {"anc1": 30})
    editor.store.delete_form(form_id)
    assert form_id not in [f.id for f in editor.store.forms()]
    report = editor.engine.sync()
    assert report.results == {"applied": 1} and report.checksum_ok
    assert form_id not in [f.id for f in editor.store.forms()]
    assert dmk.engine.sync().checksum_ok
    assert form_id not in [f.id for f in dmk.store.forms()]
    pulled = dmk.store.form(form_id)
    assert pulled is not None and pulled.deleted  # a tombstone, not a hard delete


def test_failure_14_the_delete_first_holds_the_later_edit(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal, dmk = make_client("editor"), make_client("focal"), make_client("dmk")
    form_id = shared_form(editor, [focal, dmk], link, {"anc1": 10})
    editor.store.save_values(form_id, {"anc1": 11})  # computer A, offline
    focal.store.delete_form(form_id)  # computer B, offline
    assert focal.engine.sync().results == {"applied": 1}
    report = editor.engine.sync()
    assert report.results == {"conflict": 1} and report.checksum_ok
    # Never a resurrection: the form stays deleted everywhere, the edit did not apply.
    assert form_id not in [f.id for f in editor.store.forms()]
    assert anc1_history(dmk, form_id) == [10]
    # Never lost: the edit is held, for its sender and for the district officer.
    edit = last_op(editor, form_id, fields={"anc1": [11, 1]})
    assert edit.state == "conflict" and edit.receipt is not None
    assert edit.receipt["message"] == "the form was deleted; this change is kept aside"
    for viewer in (editor, dmk):
        (hold,) = held(viewer, edit.op_id)
        assert hold["reason"] == "deleted" and hold["payload"]["fields"]["anc1"][0] == 11
    for computer in (editor, focal, dmk):
        assert computer.engine.sync().checksum_ok
        assert form_id not in [f.id for f in computer.store.forms()]


def test_failure_14_the_edit_first_holds_the_delete_and_the_form_comes_back(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal, dmk = make_client("editor"), make_client("focal"), make_client("dmk")
    form_id = shared_form(editor, [focal, dmk], link, {"anc1": 20})
    editor.store.save_values(form_id, {"anc1": 21})  # computer A, offline
    focal.store.delete_form(form_id)  # computer B, offline
    assert editor.engine.sync().results == {"applied": 1}
    report = focal.engine.sync()
    assert report.results == {"conflict": 1} and report.checksum_ok
    # The edit stands; the deleting computer shows the form again, with the edit.
    assert form_id in [f.id for f in focal.store.forms()]
    assert focal.store.values(form_id) == {"anc1": 21}
    delete = last_op(focal, form_id, delete=True)
    assert delete.state == "conflict" and delete.receipt is not None
    assert delete.receipt["message"] == "the form was edited elsewhere; it was not deleted"
    for viewer in (focal, dmk):
        (hold,) = held(viewer, delete.op_id)
        assert hold["reason"] == "delete_conflict"
    for computer in (editor, focal, dmk):
        assert computer.engine.sync().checksum_ok
        assert computer.store.values(form_id) == {"anc1": 21}
    assert anc1_history(dmk, form_id) == [20, 21]


def test_unsent_edits_of_a_refused_delete_come_back_and_are_sent(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal = make_client("editor"), make_client("focal")
    form_id = shared_form(editor, [focal], link, {"anc1": 40, "anc4": 30})
    editor.store.save_values(form_id, {"anc1": 41})
    focal.store.save_values(form_id, {"anc4": 31, "pnc1": 5})  # then deleted, unsent
    focal.store.delete_form(form_id)
    assert [op.payload["fields"] for op in focal.store.outbox("pending")] == [
        {"": [None, 2], "anc4": [31, 1], "pnc1": [5, 0]}]  # the edits ride with the delete
    editor.engine.sync()
    report = focal.engine.sync()
    # The delete is held; its edits went again, on their own bases, and applied.
    assert report.results == {"conflict": 1, "applied": 1} and report.checksum_ok
    assert focal.store.values(form_id) == {"anc1": 41, "anc4": 31, "pnc1": 5}
    assert editor.engine.sync().checksum_ok
    assert editor.store.values(form_id) == {"anc1": 41, "anc4": 31, "pnc1": 5}


def test_deleting_a_form_never_sent_sends_nothing(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    editor.engine.refresh_reference_data()
    form_id = editor.store.create_form(unit_id=link.world.units["home"], year=next(_years),
                                       form_code="health_center")
    editor.store.save_values(form_id, {"anc1": 3})
    editor.store.delete_form(form_id)
    assert editor.store.form(form_id) is None and editor.store.outbox() == []
    report = editor.engine.sync()
    assert report.pushed == 0 and report.results == {} and report.checksum_ok
    assert dmk.engine.sync().checksum_ok
    assert dmk.store.form(form_id) is None  # the server never heard of it


def test_deleting_a_submitted_form_is_refused_on_the_computer(
        make_client: Callable[..., Client], link: Link) -> None:
    import random

    from server.demo_values import demo_values_with_warnings

    editor = make_client("editor")
    editor.engine.refresh_reference_data()
    definition = editor.store.latest_definition("health_center")
    assert definition is not None
    values, confirmations = demo_values_with_warnings(definition, random.Random(5))
    form_id = editor.store.create_form(unit_id=link.world.units["home"], year=next(_years),
                                       form_code="health_center")
    editor.store.save_values(form_id, values, confirmations=confirmations)
    editor.engine.sync()
    editor.transport.post(f"/api/v1/forms/{form_id}/submit", json={})
    assert editor.engine.sync().checksum_ok  # the computer learns the form is submitted
    with pytest.raises(StoreError, match="the form is submitted"):
        editor.store.delete_form(form_id)
    assert form_id in [f.id for f in editor.store.forms()]
    assert editor.store.unsent_count() == 0


def test_two_computers_deleting_the_same_form_agree(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, focal = make_client("editor"), make_client("focal")
    form_id = shared_form(editor, [focal], link, {"anc1": 50})
    editor.store.delete_form(form_id)
    focal.store.delete_form(form_id)
    assert focal.engine.sync().results == {"applied": 1}
    report = editor.engine.sync()
    # The second delete finds a deleted form: held, not applied twice; the form stays gone.
    assert report.results == {"conflict": 1} and report.checksum_ok
    for computer in (editor, focal):
        assert form_id not in [f.id for f in computer.store.forms()]
        assert computer.engine.sync().checksum_ok


def test_a_form_deleted_then_made_again_reaches_the_server(
        make_client: Callable[..., Client], link: Link) -> None:
    editor, dmk = make_client("editor"), make_client("dmk")
    form_id = shared_form(editor, [dmk], link, {"anc1": 60})
    form = editor.store.form(form_id)
    assert form is not None
    editor.store.delete_form(form_id)
    assert editor.engine.sync().results == {"applied": 1}
    again = editor.store.create_form(unit_id=form.unit_id, year=form.year,
                                     form_code=form.form_code)
    editor.store.save_values(again, {"anc1": 61})
    report = editor.engine.sync()
    assert report.results == {"applied": 1} and report.checksum_ok
    # One form for that unit and year, whichever id the server keeps for it.
    assert [editor.store.values(f.id) for f in editor.store.forms()
            if f.year == form.year] == [{"anc1": 61}]
    assert dmk.engine.sync().checksum_ok
    assert [dmk.store.values(f.id) for f in dmk.store.forms() if f.year == form.year] == [
        {"anc1": 61}]
