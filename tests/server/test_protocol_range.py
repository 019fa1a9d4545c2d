"""The server and its clients check each other's protocol range: every answer names the
versions the server speaks, and a sync request from a client that shares none of them is
refused with 426 before its body is read: nothing it sent is applied."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from common.sync.protocol import (
    PROTOCOL_HEADER,
    Operation,
    encode,
    parse_versions,
    upgrade_needed,
    versions_text,
)
from server.app import create_app
from server.database import upgrade
from tests.conftest import form_version
from tests.server.conftest import World, bearer, login, new_form

#: A year of its own for each form made here: a unit has one form a year.
_YEARS = itertools.count(2040)


@pytest.fixture(scope="module")
def newer_app(module_database_url: str) -> Iterator[Flask]:
    """A server that speaks only protocol 2: every client of this release is too old."""
    application = create_app({"DATABASE_URL": module_database_url, "ISAF_ENV": "testing",
                              "SYNC_PROTOCOLS": range(2, 3)})
    upgrade(application.extensions["isaf_engine"])
    yield application
    application.extensions["isaf_engine"].dispose()


@pytest.fixture(scope="module")
def newer_world(newer_app: Flask, world: World) -> World:
    """The test world: the newer server runs on the same database as `app`."""
    return world


def _push(client: FlaskClient, token: str, device_id: str, form_id: str,
          header: str | None) -> tuple[int, dict[str, object], str | None]:
    op = Operation(op_id=str(uuid.uuid4()), device_id=device_id, device_seq=1,
                   entity="form", record_id=form_id,
                   definition_version=form_version("health_center"),
                   fields={"catchment_villages": (17, 1)})
    body = encode({"protocol": 1, "device_id": device_id, "epoch": None,
                   "ops": [op.payload()]})
    headers = {**bearer(token), "Content-Type": "application/json"}
    if header is not None:
        headers[PROTOCOL_HEADER] = header
    answer = client.post("/api/v1/sync/push", data=body, headers=headers)
    return answer.status_code, answer.json or {}, answer.headers.get(PROTOCOL_HEADER)


def _value(client: FlaskClient, token: str, form_id: str) -> object:
    form = client.get(f"/api/v1/forms/{form_id}", headers=bearer(token)).json
    return (form.get("values") or {}).get("catchment_villages")


def test_every_answer_names_the_versions_the_server_speaks(client: FlaskClient,
                                                          world: World) -> None:
    for answer in (client.get("/api/v1/geography/levels"),
                   client.post("/api/v1/auth/login", json={"username": "x", "password": "y"}),
                   client.get("/api/v1/no-such-thing")):
        assert answer.headers.get(PROTOCOL_HEADER) == "1-1"


def test_a_client_that_is_too_old_is_refused_before_its_changes_are_read(
        newer_app: Flask, newer_world: World) -> None:
    client = newer_app.test_client()
    device = str(uuid.uuid4())
    token = login(client, "focal", device_id=device)["access_token"]
    form_id = new_form(client, bearer(token), newer_world.units["home"],
                       year=next(_YEARS))["id"]
    status, body, named = _push(client, token, device, form_id, header="1-1")
    assert (status, body["code"], named) == (426, "client_too_old", "2-2")
    assert "too old" in str(body["message"]) and "kept" in str(body["message"])
    assert body["details"] == {"server": "2-2", "client": "1-1"}
    assert _value(client, token, form_id) is None  # nothing applied
    pulled = client.get("/api/v1/sync/pull", headers={**bearer(token), PROTOCOL_HEADER: "1-1"},
                        query_string={"protocol": 1})
    assert (pulled.status_code, pulled.json["code"]) == (426, "client_too_old")


def test_a_client_newer_than_the_server_is_told_the_server_must_be_upgraded(
        client: FlaskClient, world: World) -> None:
    device = str(uuid.uuid4())
    token = login(client, "focal", device_id=device)["access_token"]
    form_id = new_form(client, bearer(token), world.units["home"], year=next(_YEARS))["id"]
    status, body, _named = _push(client, token, device, form_id, header="3-4")
    assert (status, body["code"]) == (426, "server_too_old")
    assert _value(client, token, form_id) is None


@pytest.mark.parametrize("header", [None, "1-1", "1-5", "garbage", "9-1", "-", "1-"])
def test_a_client_sharing_a_version_or_naming_none_syncs_as_before(
        client: FlaskClient, world: World, header: str | None) -> None:
    device = str(uuid.uuid4())
    token = login(client, "focal", device_id=device)["access_token"]
    form_id = new_form(client, bearer(token), world.units["home"], year=next(_YEARS))["id"]
    status, body, named = _push(client, token, device, form_id, header=header)
    assert status == 200, body
    assert named == "1-1"
    assert _value(client, token, form_id) == 17


def test_ranges_say_which_side_must_be_upgraded() -> None:
    assert versions_text(range(1, 2)) == "1-1"
    assert parse_versions("2-5") == range(2, 6)
    assert [parse_versions(t) for t in (None, "", "5-2", "a-b", "1", "1-1-1", "9999999-1")] \
        == [None] * 7
    assert upgrade_needed(range(1, 2), range(2, 3)) == "client"
    assert upgrade_needed(range(3, 5), range(1, 3)) == "server"
    assert upgrade_needed(range(1, 3), range(2, 4)) is None
