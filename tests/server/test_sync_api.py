"""The sync endpoints through HTTP: receipts, conflicts, quarantine, locks, scope, mapping
of forms created twice, both wire forms of an operation, and refusal of malformed or
hostile bodies."""

from __future__ import annotations

import gzip
import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport
from client.sync.transport import Transport
from common.forms import load_definitions
from common.forms.store import PublishedDefinition
from common.sync.protocol import Layout, Operation, encode, encode_push
from server.cli import FORMS_DIR
from tests.conftest import form_version
from tests.server.conftest import PASSWORD, World, bearer, login


class Device:
    """A test device: its id, its user's token, its operation counter."""

    def __init__(self, client: FlaskClient, username: str) -> None:
        self.client = client
        self.id = str(uuid.uuid4())
        self.token = login(client, username, device_id=self.id)["access_token"]
        self.seq = 0

    def op(self, record_id: str, fields: dict[str, tuple[Any, int]], *,
           natural_key: dict[str, Any] | None = None, **extra: Any) -> Operation:
        self.seq += 1
        form = (natural_key or {}).get("form_code", "health_center")
        extra.setdefault("definition_version", form_version(form))
        return Operation(op_id=str(uuid.uuid4()), device_id=self.id, device_seq=self.seq,
                         entity="form", record_id=record_id, fields=fields,
                         natural_key=natural_key, **extra)

    def push(self, *ops: Operation, raw: bytes | None = None) -> Any:
        body = raw if raw is not None else encode(
            {"protocol": 1, "device_id": self.id, "epoch": None,
             "ops": [o.payload() for o in ops]})
        return self.client.post("/api/v1/sync/push", data=body,
                                headers={**bearer(self.token), "Content-Type":
                                         "application/json"})

    def checksum(self) -> dict[str, Any]:
        answer = self.client.get("/api/v1/sync/checksum", headers=bearer(self.token))
        assert answer.status_code == 200, answer.json
        return answer.json  # type: ignore[no-any-return]

    def settle(self, timeout: float = 20.0) -> None:
        """Wait until the scope holds no change a pull cannot give yet: on PostgreSQL a
        write still running in this database (another test's, a moment ago) holds the
        feed back until it ends."""
        deadline = time.monotonic() + timeout
        while True:
            answer = self.client.get("/api/v1/sync/checksum", headers=bearer(self.token),
                                     query_string={"only": "settled"})
            assert answer.status_code == 200, answer.json
            if answer.json["settled"]:
                return
            assert time.monotonic() < deadline, "the scope never settled"
            time.sleep(0.05)

    def pull(self, cursor: str = "", max_bytes: int = 65536, *, settle: bool = True) -> Any:
        """A page of the feed, once the scope is settled (`settle=False`: at once, for a
        test that holds a write open on purpose)."""
        if settle:
            self.settle()
        return self.client.get("/api/v1/sync/pull", headers=bearer(self.token),
                               query_string={"protocol": 1, "cursor": cursor,
                                             "max_bytes": max_bytes})


def key(world: World, unit: str = "home", year: int = 2026) -> dict[str, Any]:
    return {"unit_id": world.units[unit], "year": year, "form_code": "health_center"}


def receipts(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.json
    return response.json["receipts"]


def test_push_applies_and_a_retry_is_a_duplicate(client: FlaskClient, world: World) -> None:
    device = Device(client, "editor")
    form_id = str(uuid.uuid4())
    op = device.op(form_id, {"anc1": ("៣២០", 0), "anc4": (250, 0)},
                   natural_key=key(world, year=2016))
    first = receipts(device.push(op))[0]
    assert first["result"] == "applied" and first["revisions"] == {"anc1": 1, "anc4": 1}
    retry = receipts(device.push(op))[0]
    assert retry["result"] == "duplicate" and retry["revisions"] == first["revisions"]
    history = client.get(f"/api/v1/forms/{form_id}/history",
                         headers=bearer(device.token)).json
    assert [e["field"] for e in history if e["action"] == "value"] == ["anc1", "anc4"]
    form = client.get(f"/api/v1/forms/{form_id}", headers=bearer(device.token)).json
    assert form["values"]["anc1"] == 320  # Khmer digits read once, on the server too


def test_concurrent_edits_of_one_field_make_a_conflict_that_blocks_approval(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor, dmk = Device(client, "editor"), Device(client, "dmk")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (300, 0)},
                                   natural_key=key(world, year=2015))))
    # Both edit anc1 from revision 1, offline; the district officer syncs first.
    assert receipts(dmk.push(dmk.op(form_id, {"anc1": (310, 1), "anc4": (200, 0)})))[0][
        "result"] == "applied"
    late = receipts(editor.push(editor.op(form_id, {"anc1": (305, 1), "pnc1": (150, 0)})))[0]
    assert late["result"] == "conflict" and list(late["conflicts"]) == ["anc1"]
    assert late["revisions"]["pnc1"] == 1  # a different field of the same form applies
    # Equal values are no conflict.
    same = receipts(editor.push(editor.op(form_id, {"anc4": (200, 0)})))[0]
    assert same["result"] == "applied"
    page = dmk.pull().json
    conflict = next(c for c in page["conflicts"] if c["form_id"] == form_id)
    assert (conflict["base"], conflict["current"], conflict["incoming"]) == (300, 310, 305)
    form = client.get(f"/api/v1/forms/{form_id}", headers=headers["dmk"]).json
    assert form["values"]["anc1"] == 310  # the current value stays until a person decides
    from tests.server.test_forms_api import act, complete_values

    complete_values(client, headers["dmk"], form)
    assert act(client, headers["dmk"], form_id, "submit").status_code == 200
    blocked = client.post(f"/api/v1/forms/{form_id}/approve", headers=headers["dmk"], json={})
    assert blocked.status_code == 409 and blocked.json["details"]["open_conflicts"] == 1
    # Resolving is a new write that names the conflict.
    current_rev = next(c["r"] for c in dmk.pull().json["changes"]
                       if c.get("f") == form_id and c["k"] == "anc1")
    resolved = receipts(dmk.push(dmk.op(form_id, {"anc1": (305, current_rev)},
                                        resolves={"anc1": conflict["id"]})))[0]
    assert resolved["result"] == "applied"
    after = dmk.pull().json
    assert all(c["status"] != "open" for c in after["conflicts"] if c["form_id"] == form_id)
    history = client.get(f"/api/v1/forms/{form_id}/history", headers=headers["dmk"]).json
    kept = [(e["action"], e["new_value"]) for e in history if e["field"] == "anc1"]
    assert ("conflict", 305) in kept and ("value", 310) in kept


def test_the_same_form_created_on_two_devices_becomes_one(
        client: FlaskClient, world: World) -> None:
    a, b = Device(client, "editor"), Device(client, "focal")
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    receipts(a.push(a.op(first, {"anc1": (100, 0), "anc4": (80, 0)},
                         natural_key=key(world, year=2099))))
    mapped = receipts(b.push(b.op(second, {"anc1": (100, 0), "anc4": (90, 0)},
                                  natural_key=key(world, year=2099))))[0]
    assert mapped["record_id"] == first
    assert mapped["result"] == "conflict" and list(mapped["conflicts"]) == ["anc4"]
    # Later operations under the second id land on the kept form.
    later = receipts(b.push(b.op(second, {"pnc1": (70, 0)})))[0]
    assert later["record_id"] == first and later["result"] == "applied"


def test_locked_forms_quarantine_and_reapply_after_unlock(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    from tests.server.test_forms_api import act, complete_values

    editor = Device(client, "editor")
    form = client.post("/api/v1/forms", headers=headers["editor"], json={
        "id": str(uuid.uuid4()), "unit_id": world.units["home"], "year": 2098,
        "form_code": "health_center"}).json
    complete_values(client, headers["editor"], form)
    act(client, headers["editor"], form["id"], "submit")
    act(client, headers["dmk"], form["id"], "approve")
    locked = receipts(editor.push(editor.op(form["id"], {"anc1": (999, 0)})))[0]
    assert locked["result"] == "rejected_locked"
    held = client.get("/api/v1/sync/quarantine", headers=bearer(editor.token)).json
    mine = [h for h in held if h["op_id"] == locked["op_id"]]
    assert mine and mine[0]["reason"] == "locked"
    # The approver sees it too; after an unlock, it is applied again (as a conflict here,
    # since anc1 changed after the device's base).
    assert any(h["op_id"] == locked["op_id"] for h in client.get(
        "/api/v1/sync/quarantine", headers=headers["dmk"]).json)
    act(client, headers["admin"], form["id"], "unlock", "a figure was wrong")
    again = client.post(f"/api/v1/sync/quarantine/{mine[0]['id']}/reapply",
                        headers=bearer(editor.token), json={"device_id": editor.id})
    assert again.status_code == 200 and again.json["result"] in ("applied", "conflict")
    assert not [h for h in client.get("/api/v1/sync/quarantine",
                                      headers=bearer(editor.token)).json
                if h["op_id"] == locked["op_id"]]


def test_unknown_and_invalid_fields_are_kept_aside_never_dropped(
        client: FlaskClient, world: World) -> None:
    editor = Device(client, "editor")
    form_id = str(uuid.uuid4())
    receipt = receipts(editor.push(editor.op(
        form_id, {"anc1": (200, 0), "old_field_of_v0": (5, 0), "anc4": ("many", 0)},
        natural_key=key(world, year=2097))))[0]
    assert receipt["result"] == "needs_mapping"
    assert sorted(receipt["quarantined"]) == ["anc4", "old_field_of_v0"]
    assert receipt["revisions"] == {"anc1": 1}
    held = [h for h in client.get("/api/v1/sync/quarantine", headers=bearer(editor.token)).json
            if h["op_id"] == receipt["op_id"]]
    assert held[0]["payload"]["fields"] == {"anc4": ["many", 0], "old_field_of_v0": [5, 0]}


def test_scope_is_enforced_on_push_and_pull(client: FlaskClient, world: World) -> None:
    editor, dmk = Device(client, "editor"), Device(client, "dmk")
    outside = str(uuid.uuid4())
    refused = receipts(editor.push(editor.op(outside, {"anc1": (1, 0)},
                                             natural_key=key(world, "other_commune", 2096))))
    assert refused[0]["result"] == "rejected_scope"
    theirs = str(uuid.uuid4())
    receipts(dmk.push(dmk.op(theirs, {"anc1": (5, 0)},
                             natural_key=key(world, "other_commune", 2096))))
    assert receipts(editor.push(editor.op(theirs, {"anc1": (6, 1)})))[0][
        "result"] == "rejected_scope"
    seen, cursor = set(), ""
    while True:
        page = editor.pull(cursor).json
        seen |= {c.get("id") or c.get("f") for c in page["changes"]}
        cursor = page["next"]
        if not page["more"]:
            break
    assert theirs not in seen
    assert page["scope"] == "unit_editor:" + world.units["home"]


def test_pull_pages_by_size_and_resumes_inside_a_commit(client: FlaskClient,
                                                        world: World) -> None:
    dmk = Device(client, "dmk")
    form_id = str(uuid.uuid4())
    many = {f"staff_{k}.{s}": (i, 0) for i, (k, s) in enumerate(
        (k, s) for k in ("doctors", "midwives", "nurses", "support") for s in ("female",
                                                                               "male"))}
    receipts(dmk.push(dmk.op(form_id, many, natural_key=key(world, "other_commune", 2095))))
    cursor, pages, got = "", 0, []
    while True:
        page = dmk.pull(cursor, max_bytes=1024).json
        pages += 1
        got += [c for c in page["changes"] if c.get("f") == form_id]
        cursor = page["next"]
        if not page["more"]:
            break
    assert pages > 1
    assert sorted(c["k"] for c in got) == sorted(many)
    assert len({c["k"] for c in got}) == len(got)  # nothing twice


@pytest.mark.parametrize(("body", "status", "code"), [
    (json.dumps({"protocol": 99, "device_id": "x", "ops": []}).encode(), 400,
     "unsupported_protocol"),
    (b"not json at all", 400, "protocol_error"),
    (gzip.compress(b"{" * 10), 400, "protocol_error"),
    (gzip.compress(b" " * (64 * 1024 * 1024)), 413, "too_large"),
])
def test_hostile_or_old_bodies_are_refused(client: FlaskClient, world: World, body: bytes,
                                           status: int, code: str) -> None:
    device = Device(client, "editor")
    response = device.push(raw=body)
    assert response.status_code == status
    assert response.json["code"] == code
    if code == "unsupported_protocol":
        assert response.json["details"]["supported"] == [1, 1]
        assert "unsent changes are kept" in response.json["message"]


def test_a_reused_op_id_with_another_payload_is_refused_and_kept(
        client: FlaskClient, world: World) -> None:
    device = Device(client, "editor")
    form_id = str(uuid.uuid4())
    op = device.op(form_id, {"anc1": (1, 0)}, natural_key=key(world, year=2094))
    receipts(device.push(op))
    forged = Operation(**{**op.__dict__, "fields": {"anc1": (2, 0)}})
    answer = receipts(device.push(forged))[0]
    assert answer["result"] == "rejected"
    held = client.get("/api/v1/sync/quarantine", headers=bearer(device.token)).json
    assert any(h["op_id"] == op.op_id and h["reason"] == "op_id_reused" for h in held)


def test_a_device_of_another_user_cannot_push(client: FlaskClient, world: World) -> None:
    editor, focal = Device(client, "editor"), Device(client, "focal")
    body = encode({"protocol": 1, "device_id": focal.id, "ops": []})
    response = client.post("/api/v1/sync/push", data=body, headers=bearer(editor.token))
    assert response.status_code == 403


def test_checksums_agree_with_what_was_pulled(client: FlaskClient, world: World) -> None:
    from common.sync.checksum import digest

    dmk = Device(client, "dmk")
    receipts(dmk.push(dmk.op(str(uuid.uuid4()), {"anc1": (3, 0)},
                             natural_key=key(world, "other_commune", 2093))))
    values: dict[tuple[str, str], int] = {}
    forms: dict[str, bool] = {}
    cursor = ""
    while True:
        page = dmk.pull(cursor).json
        for change in page["changes"]:
            if change["t"] == "form":
                forms[change["id"]] = change["deleted"]
            else:
                values[(change["f"], change["k"])] = change["r"]
        cursor = page["next"]
        if not page["more"]:
            break
    server = client.get("/api/v1/sync/checksum", headers=bearer(dmk.token)).json
    live = [(f, k, r) for (f, k), r in values.items() if not forms.get(f)]
    assert server["values"] == len(live)
    assert server["digest"] == digest(live)


def test_a_retry_gets_the_first_answer_and_deletes_check_their_base(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor = Device(client, "editor")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (1, 0)}, natural_key=key(world,
                                                                            year=2092))))
    revision = client.get(f"/api/v1/forms/{form_id}", headers=headers["editor"]).json[
        "revision"]
    stale = editor.op(form_id, {"": (None, revision - 1)}, delete=True)
    first = receipts(editor.push(stale))[0]
    assert first["result"] == "conflict"
    retry = receipts(editor.push(stale))[0]
    assert retry["result"] == "duplicate" and retry["original"] == "conflict"
    fresh = receipts(editor.push(editor.op(form_id, {"": (None, revision)}, delete=True)))[0]
    assert fresh["result"] == "applied"
    dmk = Device(client, "dmk")
    cursor, deleted = "", None
    while True:
        page = dmk.pull(cursor).json
        deleted = next((c["deleted"] for c in page["changes"] if c.get("id") == form_id),
                       deleted)
        cursor = page["next"]
        if not page["more"]:
            break
    assert deleted is True


def test_a_read_only_role_is_told_it_may_not_change_forms(client: FlaskClient,
                                                          world: World) -> None:
    editor, caf = Device(client, "editor"), Device(client, "caf")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (1, 0)}, natural_key=key(world,
                                                                            year=2091))))
    answer = receipts(caf.push(caf.op(form_id, {"anc1": (2, 1)})))[0]
    assert answer["result"] == "rejected_scope"
    assert answer["message"] == "your role may not change forms"


def test_an_edit_after_a_delete_is_held_never_a_resurrection(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor, dmk = Device(client, "editor"), Device(client, "dmk")
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (1, 0)}, natural_key=key(world,
                                                                            year=2090))))
    revision = client.get(f"/api/v1/forms/{form_id}", headers=headers["editor"]).json[
        "revision"]
    assert receipts(dmk.push(dmk.op(form_id, {"": (None, revision)}, delete=True)))[0][
        "result"] == "applied"
    late = receipts(editor.push(editor.op(form_id, {"anc1": (2, 1)})))[0]
    assert late["result"] == "conflict"
    held = client.get("/api/v1/sync/quarantine", headers=bearer(editor.token)).json
    assert any(h["op_id"] == late["op_id"] and h["reason"] == "deleted" for h in held)
    history = client.get(f"/api/v1/forms/{form_id}/history", headers=headers["dmk"]).json
    assert [e["new_value"] for e in history if e["field"] == "anc1"] == [1]


# --------------------------------------------------------------------------- wire forms


def health_center_layout() -> Layout:
    return Layout.of(next(d for d in load_definitions(FORMS_DIR) if d.form == "health_center"))


def compact(device: Device, *ops: Operation) -> bytes:
    """A push body with every operation in the compact wire form."""
    return encode_push(device.id, None, [o.payload() for o in ops],
                       layouts={o.op_id: health_center_layout() for o in ops})


def test_compact_and_explicit_operations_are_the_same_operations(
        client: FlaskClient, world: World) -> None:
    device = Device(client, "editor")
    form_id = str(uuid.uuid4())
    created = device.op(form_id, {"anc1": ("៣២០", 0), "anc4": (250, 0), "old_field": (1, 0)},
                        natural_key=key(world, year=2089))
    edit = device.op(form_id, {"anc1": (321, 1), "pnc1": (90, 0)})
    body = compact(device, created, edit)
    assert b'"values"' in gzip.decompress(body) and b"pnc1" not in gzip.decompress(body)
    first = receipts(device.push(raw=body))
    assert [r["result"] for r in first] == ["needs_mapping", "applied"]  # old_field is held
    assert first[1]["revisions"] == {"anc1": 2, "pnc1": 1}
    # The same operations sent explicit are known by their hash: nothing applies twice.
    retry = receipts(device.push(created, edit))
    assert [(r["result"], r["original"]) for r in retry] == [("duplicate", "needs_mapping"),
                                                             ("duplicate", "applied")]
    held = [h for h in client.get("/api/v1/sync/quarantine", headers=bearer(device.token)).json
            if h["op_id"] == created.op_id]
    assert held[0]["payload"]["fields"] == {"old_field": [1, 0]}


def compact_body(device: Device, world: World, **change: Any) -> bytes:
    op = device.op(str(uuid.uuid4()), {"anc1": (5, 0), "anc4": (3, 0)},
                   natural_key=key(world, year=2088))
    message = json.loads(gzip.decompress(compact(device, op)))
    message["ops"][0].update(change)
    return json.dumps(message).encode()


@pytest.mark.parametrize(("change", "says"), [
    ({"values": [5, 3, 1]}, "3 values for 2 present fields"),
    ({"values": [5, [3]]}, "a value is a number"),
    ({"bases": [0]}, "bases is one revision"),
    ({"bases": 2**62}, "bases is one revision"),
    ({"present": [2**62]}, "present runs add up"),
    ({"definition_version": 2**62}, "names its form, definition_version"),
    ({"extra": "anc1"}, "extra maps"),
])
def test_malformed_compact_operations_are_a_protocol_error(
        client: FlaskClient, world: World, change: dict[str, Any], says: str) -> None:
    device = Device(client, "editor")
    response = device.push(raw=compact_body(device, world, **change))
    assert response.status_code == 400, response.json
    assert response.json["code"] == "protocol_error" and says in response.json["message"]


@pytest.mark.parametrize("body", [b'{"protocol": 1, "device_id": NaN, "ops": []}',
                                  b'{"protocol": 1, "ops": [' + b"9" * 5000 + b"]}",
                                  b'{"protocol": 1e999, "ops": []}'])
def test_numbers_json_cannot_carry_are_a_protocol_error(client: FlaskClient, world: World,
                                                        body: bytes) -> None:
    response = Device(client, "editor").push(raw=body)
    assert response.status_code == 400 and response.json["code"] == "protocol_error"


def test_a_compact_operation_the_server_cannot_read_is_refused_then_resent_in_full(
        app: Flask, world: World, tmp_path: Path) -> None:
    # A computer holding a version the server lacks (a server restored from a backup made
    # before that version was published): its compact push is refused, nothing applied;
    # the push sends the operation again explicit, and the server holds every value.
    store = LocalStore(tmp_path / "computer.sqlite")
    transport = Transport("http://isaf.test", retries=0)
    transport._client.close()
    transport._client = httpx.Client(transport=httpx.WSGITransport(app=app),
                                     base_url="http://isaf.test",
                                     headers={"Accept-Encoding": "gzip"})
    try:
        transport.login("editor", PASSWORD, device_id=store.device_id)
        engine = SyncEngine(store, transport)
        engine.refresh_reference_data()
        current = store.latest_definition("health_center")
        assert current is not None
        with store.transaction() as session:
            session.add(PublishedDefinition(
                form="health_center", version=current.version + 50,
                service_kind=current.service_kind, title_km=current.title.km,
                title_en=current.title.en, checksum="only on this computer",
                content={**current.source, "version": current.version + 50}))
        known = store.create_form(unit_id=world.units["home"], year=2087,
                                  form_code="health_center",
                                  definition_version=current.version)
        store.save_values(known, {"anc1": 12})
        unknown = store.create_form(unit_id=world.units["home"], year=2086,
                                    form_code="health_center",
                                    definition_version=current.version + 50)
        store.save_values(unknown, {"anc1": 40, "anc4": 30, "hc_chief_name": "សុខ ចាន់"})
        report = SyncReport()
        before = transport.requests
        engine.push(report)  # refused once (nothing applied), then sent in full at once
        assert transport.requests - before == 2
        assert report.results == {"applied": 1, "needs_mapping": 1}
        held = [h for h in transport.get("/api/v1/sync/quarantine")
                if h["payload"]["record_id"] == unknown]
        assert held[0]["reason"] == "unknown_version"
        assert held[0]["payload"]["fields"] == {"anc1": [40, 0], "anc4": [30, 0],
                                                "hc_chief_name": ["សុខ ចាន់", 0]}
        # What the server knows again travels compact.
        store.save_values(known, {"anc1": 13})
        sent = transport.bytes_sent
        engine.push(report)
        assert report.results["applied"] == 2
        assert transport.bytes_sent - sent < 400
    finally:
        transport.close()
        store.close()
