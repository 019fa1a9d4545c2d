"""The bundle endpoints' own rules: key registration, and refusal of what is not a bundle.
The whole journey of a bundle is in tests/sync/test_bundles.py."""

from __future__ import annotations

import uuid

from flask.testing import FlaskClient

from common.sync.bundle import new_device_key, public_key_of, server_key_from_secret
from tests.server.conftest import World, bearer, login


def _device(client: FlaskClient, username: str) -> tuple[str, dict[str, str]]:
    device_id = str(uuid.uuid4())
    return device_id, bearer(login(client, username, device_id=device_id)["access_token"])


def test_a_device_registers_its_key_once(client: FlaskClient, world: World) -> None:
    device_id, auth = _device(client, "focal")
    _, public = new_device_key()
    first = client.post("/api/v1/sync/device-key", headers=auth,
                        json={"device_id": device_id, "public_key": public})
    assert first.status_code == 200 and first.json["registered"] is True
    secret = client.application.config["SECRET_KEY"]
    assert first.json["server_key"] == public_key_of(server_key_from_secret(secret))
    again = client.post("/api/v1/sync/device-key", headers=auth,
                        json={"device_id": device_id, "public_key": public})
    assert again.status_code == 200 and again.json["registered"] is False
    _, another = new_device_key()
    swapped = client.post("/api/v1/sync/device-key", headers=auth,
                          json={"device_id": device_id, "public_key": another})
    assert swapped.status_code == 409 and swapped.json["code"] == "key_mismatch"


def test_nobody_registers_a_key_for_someone_elses_device(client: FlaskClient,
                                                          world: World) -> None:
    device_id, _ = _device(client, "focal")
    _, intruder = _device(client, "editor")
    _, public = new_device_key()
    response = client.post("/api/v1/sync/device-key", headers=intruder,
                           json={"device_id": device_id, "public_key": public})
    assert response.status_code == 403


def test_a_key_that_is_not_a_key_is_refused(client: FlaskClient, world: World) -> None:
    device_id, auth = _device(client, "focal")
    response = client.post("/api/v1/sync/device-key", headers=auth,
                           json={"device_id": device_id, "public_key": "A" * 43 + "!"})
    assert response.status_code == 400 and "Ed25519" in response.json["message"]


def test_what_is_not_a_bundle_is_refused_clearly(client: FlaskClient, world: World) -> None:
    _, auth = _device(client, "dmk")
    for body in (b"", b"hello", b"PK\x03\x04junk"):
        response = client.post("/api/v1/sync/bundles", data=body,
                               headers={**auth, "Content-Type": "application/octet-stream"})
        assert response.status_code == 422, response.json
        assert response.json["code"] == "bundle_refused"
        assert "nothing was applied" in response.json["message"]


def test_bundles_need_a_signed_in_caller(client: FlaskClient, world: World) -> None:
    assert client.post("/api/v1/sync/bundles", data=b"x").status_code == 401
    assert client.post("/api/v1/sync/device-key", json={}).status_code == 401
