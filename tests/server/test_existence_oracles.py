"""Outside the caller's scope, nothing exists: an id of something there is answered exactly
as an id of nothing at all (ROLES.md, "Outside the scope, records do not exist"), by every
endpoint and every push receipt, on SQLite and PostgreSQL.

The endpoints are not listed by hand: every operation of the OpenAPI document (which must
describe every route of the application) is taken, and each of its parameters (path,
query, body) is either an id, compared, or named in NOT_IDS; a new parameter nobody
classified fails `test_every_parameter_is_classified`, so a new endpoint cannot slip past.
For each id parameter, the answer to every existing thing outside the caller's scope (a
form in any state, a form's alias, records of each kind, units, a held operation, another
user's device and account, areas) is compared with the answer to a random id of the same
shape, for a unit editor and a commune focal point: status, code, message and details (or
the whole body of a 2xx), with the ids themselves replaced by <ID>.

Two answers tell an id apart on purpose, and are compared differently: a new form's or
record's id chosen by the client that is already taken (by anything, anywhere) is refused
with the same words whether what holds it lies inside the scope or not (compared with an
id taken inside the scope); and public reference data (areas, definitions, published
figures) exists for everyone.
"""

from __future__ import annotations

import base64
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert
from sqlalchemy.orm import Session

from common.sync.kinds import KINDS
from common.sync.protocol import Operation
from server.data.models import FormAlias, FormRecord, SyncQuarantine, SyncRecord
from tests.conftest import form_version
from tests.server.conftest import World, bearer
from tests.server.test_sync_api import Device, key, receipts

#: The low-scope callers: a unit's editor (home unit) and a commune's focal point (010201).
CALLERS = ("editor", "focal")
#: Operations whose ids are not the scope's business, each with why.
EXEMPT = {
    "/api/v1/areas": "the geography is public reference data (ROLES.md)",
    "/api/v1/areas/{code}": "the geography is public reference data (ROLES.md)",
    "/api/v1/definitions/{form}/{version}": "published definitions are public (ROLES.md)",
    "/api/v1/public/forms": "published figures are public: an area's list is everyone's",
    "/api/v1/figures": "an area's figures are aggregates of its final forms, which the "
                       "public pages show everyone (docs/WEB.md)",
    "/api/v1/auth/login": "signing in has no caller, hence no scope",
    "/api/v1/sync/push": "its ids travel inside operations: test_push_receipts, below",
    "/api/v1/sync/bundles": "its ids travel inside a signed file (server/sync/bundles.py)",
}
#: Parameters that name something by a UUID.
UUID_PARAMS = frozenset({"form_id", "unit_id", "user_id", "quarantine_id", "device_id"})
#: Parameters that name an area by its code.
AREA_PARAMS = frozenset({"area", "area_code", "scope", "parent", "code"})
#: The id a client chooses for something new: compared with an id taken inside the scope.
NEW_ID_PARAMS = frozenset({("POST", "/api/v1/forms", "id")})
#: Parameters that name nothing by id.
NOT_IDS = frozenset({
    "action", "active", "comment", "confirmations", "cursor", "delegated_approval", "form_ids",
    "device_name", "epoch", "form", "form_code", "full_name", "include_inactive",
    "keep_signed_in", "kind", "official_only",
    "language", "level", "limit", "max_bytes", "new_password", "offset", "old_password",
    "only", "ops", "password", "protocol", "public_key", "reason", "role", "service",
    "status", "username", "values", "version", "year"})
#: Flask rules that are not API operations (test_app_errors.py).
NOT_OPERATIONS = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/docs/assets/<path:filename>",
                  "/static/<path:filename>"}
#: Values of parameters that are not under test, when the operation needs them.
DEFAULTS: dict[str, Any] = {"year": 2026, "protocol": 1, "form_code": "health_center",
                            "values": {}, "confirmations": {}, "comment": "why",
                            "reason": "why", "full_name": "Somebody", "role": "unit_editor",
                            "username": "somebody.new", "password": "a long password 1",
                            "public_key": base64.b64encode(os.urandom(32)).decode()}
#: Area codes outside both callers' scopes, each with a code of the same shape that names
#: no area (and does not overlap the callers' scopes either).
AREAS = {"0103": "0199", "010202": "010299", "02": "99", "020101": "990101"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Elsewhere:
    """Ids of what exists outside both callers' scopes, by what it is; the ids among them
    a new form or record cannot take; one inside the scope that is taken."""

    ids: dict[str, str]
    taken: tuple[str, ...]
    taken_here: str
    #: An operation another device pushed (its payload), for a replay.
    their_op: dict[str, Any]


def _form(world: World, unit: str, author: str, **extra: Any) -> dict[str, Any]:
    row = {"id": str(uuid.uuid4()), "unit_id": world.units[unit], "year": 2026,
           "form_code": "health_center",
           "definition_version": form_version("health_center"), "status": "draft",
           "created_by": author, "server_seq": 1, "problems": [], "revision": 1,
           "deleted": False}
    return {**row, **extra}


@pytest.fixture(scope="module")
def elsewhere(app: Flask, client: FlaskClient, world: World) -> Elsewhere:
    """Things outside the callers' scopes (the neighbouring commune, the other province),
    made by the district officer (a push, for a real receipt) and as rows."""
    dmk = Device(client, "dmk")
    pushed = str(uuid.uuid4())
    op = dmk.op(pushed, {"anc1": (5, 0)}, natural_key=key(world, "other_commune", 2030))
    assert receipts(dmk.push(op))[0]["result"] == "applied"
    author = world.users["dmk"]
    approved = _form(world, "other_commune", author, status="approved", year=2031)
    deleted = _form(world, "other_commune", author, deleted=True, year=2032)
    far = _form(world, "other_province", author, year=2033)
    here = _form(world, "home", author, year=2034)
    alias = str(uuid.uuid4())
    record, facilitator, scorecard = (str(uuid.uuid4()) for _ in range(3))
    hold = str(uuid.uuid4())
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        session.execute(insert(FormRecord.__table__), [approved, deleted, far, here])
        session.execute(insert(FormAlias.__table__), [{"alias_id": alias, "form_id": pushed}])
        common = {"created_by": author, "revision": 1, "server_seq": 1, "deleted": False,
                  "unit_id": None, "year": 2026}
        session.execute(insert(SyncRecord.__table__), [
            {**common, "id": record, "kind": "jaap_action", "commune_code": "010202"},
            {**common, "id": facilitator, "kind": "facilitator", "commune_code": "010202",
             "year": None},
            {**common, "id": scorecard, "kind": "scorecard_session", "commune_code": "020101",
             "unit_id": world.units["other_province"]}])
        session.execute(insert(SyncQuarantine.__table__), [{
            "id": hold, "op_id": str(uuid.uuid4()), "device_id": dmk.id, "user_id": author,
            "form_id": pushed, "reason": "delete_conflict", "detail": "test",
            "payload": op.payload(), "status": "held"}])
    ids = {"form": pushed, "approved_form": approved["id"], "deleted_form": deleted["id"],
           "far_form": far["id"], "alias": alias, "record": record,
           "facilitator": facilitator, "scorecard": scorecard,
           "unit": world.units["other_commune"], "far_unit": world.units["other_province"],
           "hold": hold, "device": dmk.id, "user": author}
    taken = ("form", "approved_form", "deleted_form", "far_form", "alias", "record",
             "facilitator", "scorecard")
    return Elsewhere(ids, taken, here["id"], op.payload())


def _spec(client: FlaskClient) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json  # type: ignore[no-any-return]


def _body_schema(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    ref = schema.get("$ref")
    return spec["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


@dataclass(frozen=True)
class Param:
    """One parameter of one API operation."""

    method: str
    path: str
    where: str  # path, query or body
    name: str
    enum: tuple[str, ...] = ()


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, list[Param]]]:
    """(method, path, its parameters) of every operation of the OpenAPI document."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            params = [Param(method.upper(), path, p["in"], p["name"],
                            tuple(p.get("schema", {}).get("enum", ())))
                      for p in item.get("parameters", []) + operation.get("parameters", [])]
            body = _body_schema(spec, operation)
            params += [Param(method.upper(), path, "body", name)
                       for name in (body or {}).get("properties", {})]
            yield method.upper(), path, params


def _id_params(client: FlaskClient) -> list[Param]:
    return [p for _, path, params in _operations(_spec(client)) if path not in EXEMPT
            for p in params if p.name not in NOT_IDS]


def test_every_route_is_described_and_every_parameter_is_classified(
        app: Flask, client: FlaskClient) -> None:
    spec = _spec(client)
    described = {re.sub(r"\{([^}]+)\}", r"\1", p) for p in spec["paths"]}
    for rule in app.url_map.iter_rules():
        # The web pages (HTML, server/web) are not API operations: tests/server/web holds
        # their own checks of what each may show.
        if rule.rule in NOT_OPERATIONS or not rule.rule.startswith("/api/"):
            continue
        bare = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"\1", rule.rule)
        assert bare in described, f"{rule.rule} is not in the OpenAPI document"
    unknown = {(p.method, p.path, p.name) for p in _id_params(client)
               if p.name not in UUID_PARAMS | AREA_PARAMS
               and (p.method, p.path, p.name) not in NEW_ID_PARAMS}
    assert not unknown, ("parameters nobody classified: add them to UUID_PARAMS, "
                         f"AREA_PARAMS, NEW_ID_PARAMS or NOT_IDS: {sorted(unknown)}")


def _normalised(value: Any, ids: tuple[str, ...]) -> Any:
    """`value` with the compared ids (and any UUID) replaced by <ID>."""
    if isinstance(value, str):
        for one in ids:
            value = value.replace(one, "<ID>")
        return UUID.sub("<ID>", value)
    if isinstance(value, dict):
        return {k: _normalised(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v, ids) for v in value]
    return value


def _answer(client: FlaskClient, param: Param, siblings: list[Param], value: str, *,
            token: str, own_device: str, own_unit: str, action: str) -> tuple[int, Any]:
    """The status and body of `param`'s operation with `value` for it, every other
    parameter valid and as far inside the scope as it goes (the caller's own unit and
    device; a fresh id for anything else), so the request gets as far as it can."""
    path = param.path.replace("{action}", action)
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    for other in siblings:
        if other.name == param.name and other.where == param.where:
            given: Any = value
        elif other.name == "device_id":
            given = own_device
        elif other.name == "unit_id":
            given = own_unit
        elif other.name in UUID_PARAMS or other.name == "id":
            given = str(uuid.uuid4())
        elif other.name in DEFAULTS:
            given = DEFAULTS[other.name]
        else:
            continue  # optional: left out
        if other.where == "path":
            path = path.replace("{" + other.name + "}", str(given))
        elif other.where == "query":
            query[other.name] = given
        else:
            body[other.name] = given
    kwargs: dict[str, Any] = {"headers": bearer(token), "query_string": query}
    if param.method in ("POST", "PATCH", "PUT"):
        kwargs["json"] = body
    response = client.open(path, method=param.method, **kwargs)
    if response.mimetype != "application/json":
        return response.status_code, response.mimetype
    return response.status_code, response.json


def _compared(answer: tuple[int, Any], ids: tuple[str, ...]) -> tuple[int, Any]:
    status, body = answer
    if status >= 400 and isinstance(body, dict):
        body = {k: body.get(k) for k in ("status", "code", "message", "details")}
    return status, _normalised(body, ids)


@pytest.mark.parametrize("caller", CALLERS)
def test_an_id_outside_the_scope_is_answered_as_a_random_one(
        client: FlaskClient, world: World, elsewhere: Elsewhere, caller: str) -> None:
    device = Device(client, caller)
    compared = 0
    told_apart: list[str] = []
    operations = {(method, path): params for method, path, params in _operations(_spec(client))}
    for param in _id_params(client):
        siblings = operations[(param.method, param.path)]
        # Every workflow step of /forms/{form_id}/{action}: each is its own operation.
        actions = next((p.enum for p in siblings if p.name == "action"), ("-",))
        for action in actions:
            def ask(value: str, param: Param = param, siblings: list[Param] = siblings,
                    action: str = action) -> tuple[int, Any]:
                return _answer(client, param, siblings, value, token=device.token,
                               own_device=device.id, own_unit=world.units["home"],
                               action=action)

            if (param.method, param.path, param.name) in NEW_ID_PARAMS:
                # Taken is told, alike for what lies outside and inside the scope.
                inside = ask(elsewhere.taken_here)
                for what in elsewhere.taken:
                    outside = ask(elsewhere.ids[what])
                    if _compared(outside, (elsewhere.ids[what],)) != _compared(
                            inside, (elsewhere.taken_here,)):
                        told_apart.append(f"{param.method} {param.path} {param.name}={what}: "
                                          f"{outside} (in scope: {inside})")
                    compared += 1
                continue
            if param.name in AREA_PARAMS:
                pairs = list(AREAS.items())
            else:
                pairs = [(thing, str(uuid.uuid4())) for thing in elsewhere.ids.values()]
            for existing, random in pairs:
                found, unknown = ask(existing), ask(random)
                if _compared(found, (existing,)) != _compared(unknown, (random,)):
                    told_apart.append(f"{param.method} {param.path} ({action}) {param.where} "
                                      f"{param.name}={existing}: {found} (random: {unknown})")
                compared += 1
    assert not told_apart, "\n".join(told_apart)
    assert compared > 100  # every id parameter was reached


# --------------------------------------------------------------------------- push


def _op(device: Device, entity: str, record_id: str, shape: str, world: World
        ) -> Operation:
    """An operation of `shape` on `record_id`: an edit or a delete of what the id names, or
    the creation of a form (natural key) or record (owner) in or outside the scope."""
    device.seq += 1
    fields: dict[str, tuple[Any, int]] = (
        {"anc1": (1, 1)} if entity == "form" else {"section": ("A", 1), "activity": ("x", 1)})
    extra: dict[str, Any] = {}
    if shape == "delete":
        fields, extra = {"": (None, 1)}, {"delete": True}
    elif shape.startswith("create"):
        here = shape == "create_here"
        if entity == "form":
            extra["natural_key"] = key(world, "home" if here else "other_commune", 2040)
        else:
            extra["owner"] = {"commune_code": "010201" if here else "010202", "year": 2026}
    return Operation(op_id=str(uuid.uuid4()), device_id=device.id, device_seq=device.seq,
                     entity=entity, record_id=record_id,
                     definition_version=(form_version("health_center") if entity == "form"
                                         else KINDS[entity].version),
                     fields=fields, **extra)


def _receipt(receipt: dict[str, Any], ids: tuple[str, ...]) -> dict[str, Any]:
    return _normalised({k: v for k, v in receipt.items() if k != "op_id"}, ids)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("entity", ["form", "jaap_action"])
@pytest.mark.parametrize("shape", ["edit", "delete", "create_elsewhere"])
def test_push_receipts_of_an_id_outside_the_scope_are_those_of_a_random_one(
        client: FlaskClient, world: World, elsewhere: Elsewhere, caller: str, entity: str,
        shape: str) -> None:
    device = Device(client, caller)
    for what, existing in elsewhere.ids.items():
        random = str(uuid.uuid4())
        found, unknown = receipts(device.push(_op(device, entity, existing, shape, world),
                                              _op(device, entity, random, shape, world)))
        assert "record_id" not in found, (what, found)
        assert _receipt(found, (existing,)) == _receipt(unknown, (random,)), (
            what, found, unknown)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("entity", ["form", "jaap_action"])
def test_a_new_id_taken_outside_the_scope_is_told_taken_and_nothing_more(
        client: FlaskClient, world: World, elsewhere: Elsewhere, caller: str,
        entity: str) -> None:
    """What a creation under a taken id answers is the same whatever holds the id (a form
    in any state, an alias, a record of any kind) and wherever: that the id is taken, or
    the refusal a free id gets there too (a unit editor may create no JAAP action)."""
    device = Device(client, caller)
    answers = {what: receipts(device.push(_op(device, entity, elsewhere.ids[what],
                                              "create_here", world)))[0]
               for what in elsewhere.taken}
    first = answers[elsewhere.taken[0]]
    for what, receipt in answers.items():
        assert "record_id" not in receipt, (what, receipt)
        assert _receipt(receipt, (elsewhere.ids[what],)) == _receipt(
            first, (elsewhere.ids[elsewhere.taken[0]],)), (what, receipt, first)
    if caller == "editor" and entity != "form":
        assert first["result"] == "rejected_scope"
    else:
        label = "form" if entity == "form" else "JAAP action"
        assert (first["result"], first["message"]) == (
            "rejected", f"this id is already taken: a new {label} needs a new id")


@pytest.mark.parametrize("caller", CALLERS)
def test_another_devices_operation_replayed_is_refused_as_any_naming_it(
        client: FlaskClient, elsewhere: Elsewhere, caller: str) -> None:
    """An operation copied from another device (its id, device and all) gets the refusal
    of any operation naming another device, never that device's receipt."""
    device = Device(client, caller)
    theirs = Operation.from_payload(elsewhere.their_op)
    fresh = Operation.from_payload({**elsewhere.their_op, "op_id": str(uuid.uuid4())})
    replayed, new = receipts(device.push(theirs, fresh))
    assert _receipt(replayed, ()) == _receipt(new, ()) == {
        "result": "rejected", "message": "the operation names another device"}
