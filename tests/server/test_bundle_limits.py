"""What a hostile USB bundle upload may cost the server (issue #16, items 2 to 4).

- A zip bomb (a small upload whose member inflates to hundreds of MB) is refused while it
  is read, in bounded memory, whatever sizes the archive declares.
- A signed bundle naming absurd operation numbers (device_seq 10^15) costs what its real
  operations cost: missing numbers are reported as a few ranges, never listed one by one.
- Only the roles that carry bundles may upload one at all; others get 403 before the body
  is read, and nothing is stored.
- A refused upload leaves a small record (who, when, size, SHA-256, reason, the claimed
  computer), never the upload itself.

Memory is measured with tracemalloc around the request: every buffer the bundle's reading
makes (zipfile's, zlib's and bz2's output) is a Python object, so it is counted. The bounds
are generous on purpose: they separate "a few MB" from "hundreds of MB", not tune anything.
"""

from __future__ import annotations

import bz2
import hashlib
import io
import json
import os
import signal
import struct
import tracemalloc
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.sync.bundle import new_device_key, write_bundle
from common.sync.protocol import Operation, encode_push
from server.cli import main as isaf
from server.sync.bundles import REFUSED_HEAD_BYTES
from server.sync.models import SyncBundle
from tests.conftest import form_version
from tests.server.conftest import World, bearer, login

MB = 1024 * 1024
#: What a member of the bombs below inflates to.
BOMB_BYTES = 200 * MB
#: The most a refused bomb, or an absurd bundle, may add to the worker's peak memory.
MEMORY_BOUND = 40 * MB
OCTETS = {"Content-Type": "application/octet-stream"}


# --------------------------------------------------------------------------- helpers


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """The peak of Python allocations inside the block, above what was held before it
    (one value in the yielded list, once the block ends)."""
    result: list[int] = []
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        yield result
        _, peak = tracemalloc.get_traced_memory()
        result.append(peak - before)
    finally:
        tracemalloc.stop()


@contextmanager
def guard(seconds: int) -> Iterator[None]:
    """Fail the block instead of hanging if it runs away (the code before this fix built
    a list of every number up to 10^15). A guard only: the tests measure memory, not
    time."""
    def _stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _zeros_deflated(size: int) -> bytes:
    """`size` zero bytes as a raw deflate stream (about a thousandth of the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(MB)
    return b"".join([*(packer.compress(block) for _ in range(size // MB)), packer.flush()])


@cache
def _zeros_bzip2(size: int) -> bytes:
    packer = bz2.BZ2Compressor(9)
    block = bytes(MB)
    return b"".join([*(packer.compress(block) for _ in range(size // MB)), packer.flush()])


def raw_zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A ZIP archive written by hand, so it can lie: each member is (name, compression
    method, stored bytes, CRC-32, declared inflated size)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, method, body, crc, declared in members:
        encoded = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc,
                              len(body), declared, len(encoded), 0))
        out.write(encoded + body)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21,
                                  crc, len(body), declared, len(encoded), 0, 0, 0, 0, 0,
                                  offset))
        central.write(encoded)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                          len(directory), start, 0))
    return out.getvalue()


def bomb(method: str, declared: int) -> bytes:
    """A bundle-shaped archive whose payload.bin inflates to BOMB_BYTES but declares
    `declared` bytes (the CRC is of the zeros, so only the size lies)."""
    crc = zlib.crc32(bytes(MB))
    for _ in range(BOMB_BYTES // MB - 1):
        crc = zlib.crc32(bytes(MB), crc)
    body, number = ((_zeros_deflated(BOMB_BYTES), zipfile.ZIP_DEFLATED) if method == "deflate"
                    else (_zeros_bzip2(BOMB_BYTES), zipfile.ZIP_BZIP2))
    manifest = b'{"format":"isaf-desk-bundle","format_version":1,"kind":"push"}'
    return raw_zip([("manifest.json", 0, manifest, zlib.crc32(manifest), len(manifest)),
                    ("payload.bin", number, body, crc, declared),
                    ("signature", 0, bytes(64), zlib.crc32(bytes(64)), 64)])


class Computer:
    """A commune computer that signed in once: its device and signing key registered."""

    def __init__(self, client: FlaskClient, world: World, username: str = "focal") -> None:
        self.id = str(uuid.uuid4())
        self.user_id = world.users[username]
        token = login(client, username, device_id=self.id)["access_token"]
        self.private_key, public = new_device_key()
        answer = client.post("/api/v1/sync/device-key", headers=bearer(token),
                             json={"device_id": self.id, "public_key": public})
        assert answer.status_code == 200, answer.json

    def bundle(self, seqs: list[int], **manifest: Any) -> bytes:
        """A signed bundle of one operation per number of `seqs` (each names an unknown
        record without a natural key, so the server refuses it and stores nothing but
        receipts)."""
        ops = [Operation(op_id=str(uuid.uuid4()), device_id=self.id, device_seq=seq,
                         entity="form", record_id=str(uuid.uuid4()),
                         definition_version=form_version("health_center"))
               for seq in seqs]
        body = {"kind": "push", "bundle_id": str(uuid.uuid4()), "bundle_seq": 1,
                "device_id": self.id, "user_id": self.user_id, "scope": None,
                "epoch": None, "cursor": "", "op_count": len(ops),
                "device_seq": [min(seqs), max(seqs)] if seqs else [0, 0],
                "form_versions": [], **manifest}
        return write_bundle(body, encode_push(self.id, None, [o.payload() for o in ops]),
                            self.private_key)


@pytest.fixture(scope="module")
def auth(client: FlaskClient, world: World) -> Callable[[str], dict[str, str]]:
    """An Authorization header (with a registered device) per username, made once."""
    made: dict[str, dict[str, str]] = {}

    def header(username: str) -> dict[str, str]:
        if username not in made:
            made[username] = bearer(login(client, username,
                                          device_id=str(uuid.uuid4()))["access_token"])
        return made[username]
    return header


def upload(client: FlaskClient, header: dict[str, str], data: bytes) -> Any:
    return client.post("/api/v1/sync/bundles", data=data, headers={**header, **OCTETS})


def refused_rows(app: Flask) -> list[SyncBundle]:
    with Session(app.extensions["isaf_engine"]) as session:
        return list(session.scalars(select(SyncBundle).where(SyncBundle.status == "refused")
                                    .order_by(SyncBundle.received_at)))


def count_rows(app: Flask) -> int:
    with Session(app.extensions["isaf_engine"]) as session:
        return session.scalar(select(func.count()).select_from(SyncBundle)) or 0


# --------------------------------------------------------------------------- 2: zip bombs


@pytest.mark.parametrize(("method", "declared"), [
    ("deflate", 100),             # declares 100 bytes: the old code inflated it all first
    ("deflate", 16 * MB),         # declares as much as a payload may hold
    ("deflate", BOMB_BYTES),      # declares the truth: refused before reading
    ("bzip2", 100),               # one bz2 call inflated it all, whatever the bound
])
def test_a_zip_bomb_is_refused_in_bounded_memory(
        app: Flask, client: FlaskClient, auth: Callable[[str], dict[str, str]],
        method: str, declared: int) -> None:
    data = bomb(method, declared)
    assert len(data) < MB  # a small upload
    with guard(120), peak_memory() as peak:
        response = upload(client, auth("dmk"), data)
    assert response.status_code == 422, response.json
    assert response.json["details"]["reason"] in ("bundle_too_large", "bundle_invalid")
    assert peak[0] < MEMORY_BOUND, f"peak {peak[0] / MB:.1f} MB"
    kept = refused_rows(app)[-1]
    assert kept.summary["upload_sha256"] == hashlib.sha256(data).hexdigest()


def test_an_upload_beyond_the_request_limit_is_refused_unread(
        app: Flask, client: FlaskClient, auth: Callable[[str], dict[str, str]]) -> None:
    """MAX_CONTENT_LENGTH (ISAF_MAX_REQUEST_MB, 8 MB by default) caps the body itself."""
    before = count_rows(app)
    response = upload(client, auth("dmk"), os.urandom(9 * MB))
    assert response.status_code == 413, response.json
    assert count_rows(app) == before


# --------------------------------------------------------------------------- 3: device_seq


@pytest.mark.parametrize("last", [10**7, 10**15])
def test_absurd_operation_numbers_cost_what_the_operations_cost(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]],
        last: int) -> None:
    computer = Computer(client, world)
    data = computer.bundle([1, 5, last], bundle_seq=3)
    with guard(120), peak_memory() as peak:
        response = upload(client, auth("dmk"), data)
    assert response.status_code == 200, response.json
    report = response.json["report"]
    assert sum(report["results"].values()) == 3
    notes = " ".join(report["notes"])
    assert f"operations 2-4, 6-{last - 1} of this computer" in notes
    assert "bundle(s) 1-2 of this computer never arrived" in notes
    assert peak[0] < MEMORY_BOUND / 2, f"peak {peak[0] / MB:.1f} MB"


def test_an_absurd_bundle_count_costs_nothing_either(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]]) -> None:
    """The largest count the table holds; the code before this fix listed every number
    below it (two billion) and was killed."""
    computer = Computer(client, world)
    data = computer.bundle([1], bundle_seq=2**31 - 1)
    with guard(120), peak_memory() as peak:
        response = upload(client, auth("dmk"), data)
    assert response.status_code == 200, response.json
    assert (f"bundle(s) 1-{2**31 - 2} of this computer never arrived"
            in " ".join(response.json["report"]["notes"]))
    assert peak[0] < MEMORY_BOUND / 2, f"peak {peak[0] / MB:.1f} MB"


def test_many_gaps_are_reported_as_a_few_ranges(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]]) -> None:
    computer = Computer(client, world)
    seqs = list(range(2, 4000, 2))  # 1999 gaps of one operation each
    response = upload(client, auth("dmk"), computer.bundle(seqs))
    assert response.status_code == 200, response.json
    (note,) = [n for n in response.json["report"]["notes"] if n.startswith("operations")]
    assert note.startswith("operations 1, 3, 5, ")
    assert "and 1989 more ranges" in note and len(note) < 400


@pytest.mark.parametrize("manifest", [
    {"bundle_seq": 2**31},            # beyond any real count (and the column)
    {"bundle_seq": "1"},
    {"device_seq": [1, 10**30]},      # refused by the manifest's JSON reader already
    {"device_seq": [True, 3]},
])
def test_impossible_counts_in_a_signed_manifest_are_refused(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]],
        manifest: dict[str, Any]) -> None:
    computer = Computer(client, world)
    response = upload(client, auth("dmk"), computer.bundle([1, 3], **manifest))
    assert response.status_code == 422, response.json
    assert response.json["details"]["reason"] in ("bundle_invalid", "bundle_tampered")


# --------------------------------------------------------------------------- 4: who stores what


@pytest.mark.parametrize("username", ["caf", "focal", "editor"])
def test_a_role_that_never_carries_bundles_gets_403_and_nothing_is_stored(
        app: Flask, client: FlaskClient, auth: Callable[[str], dict[str, str]],
        username: str) -> None:
    before = count_rows(app)
    body = io.BytesIO(os.urandom(7 * MB))
    response = client.post("/api/v1/sync/bundles", input_stream=body,
                           headers={**auth(username), **OCTETS,
                                    "Content-Length": str(7 * MB)})
    assert response.status_code == 403, response.json
    assert "may not import USB bundles" in response.json["message"]
    assert body.tell() == 0  # refused before a byte of the body was read
    assert count_rows(app) == before


def test_a_refusal_keeps_a_small_record_whatever_the_upload(
        app: Flask, client: FlaskClient, world: World,
        auth: Callable[[str], dict[str, str]]) -> None:
    computer = Computer(client, world)
    forger, _ = new_device_key()
    manifest = {"kind": "push", "bundle_id": str(uuid.uuid4()), "bundle_seq": 1,
                "device_id": computer.id, "user_id": computer.user_id, "op_count": 1,
                "device_seq": [1, 1]}
    # Signed with another key, around 5 MB of junk: refused, its manifest readable.
    forged = write_bundle(manifest, os.urandom(5 * MB), forger)
    uploads = [b"x", os.urandom(7 * MB), forged]
    before = len(refused_rows(app))
    for data in uploads:
        response = upload(client, auth("dmk"), data)
        assert response.status_code == 422, response.json
    rows = refused_rows(app)[before:]
    assert len(rows) == len(uploads)
    for row, data in zip(rows, uploads, strict=True):
        assert row.carried_by == world.users["dmk"]
        assert row.summary["upload_bytes"] == len(data)
        assert row.summary["upload_sha256"] == hashlib.sha256(data).hexdigest()
        assert row.content == data[:REFUSED_HEAD_BYTES]
        stored = len(row.content or b"") + len(row.reason or "") + len(str(row.summary))
        assert stored < REFUSED_HEAD_BYTES + 2048, stored
    # What was readable of the manifest says which computer the refused bundle claims.
    assert rows[2].device_id == computer.id and rows[2].user_id == computer.user_id
    assert rows[2].summary["manifest"]["device_seq"] == [1, 1]


def test_an_administrator_lists_the_refusals(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]],
        module_database_url: str) -> None:
    junk = os.urandom(100_000)
    assert upload(client, auth("province"), junk).status_code == 422
    result = CliRunner().invoke(isaf, ["--database-url", module_database_url, "sync",
                                       "refused-bundles", "--limit", "1"])
    assert result.exit_code == 0, result.output
    (latest,) = json.loads(result.output)
    assert latest["carried_by"] == "province" and latest["upload_bytes"] == len(junk)
    assert latest["upload_sha256"] == hashlib.sha256(junk).hexdigest()
    assert latest["reason"].startswith("bundle_invalid: ")


# --------------------------------------------------------------------------- 8: oracles


def test_a_computer_outside_the_scope_is_answered_as_one_that_never_existed(
        client: FlaskClient, world: World, auth: Callable[[str], dict[str, str]]) -> None:
    # A bundle forged in the name of the province officer's computer (outside a district
    # officer's scope) and one naming a random id: the same refusal, word for word, so a
    # district officer cannot probe for computers elsewhere.
    elsewhere = Computer(client, world, "province")
    forger, _ = new_device_key()
    answers = []
    for device_id in (elsewhere.id, str(uuid.uuid4())):
        manifest = {"kind": "push", "bundle_id": str(uuid.uuid4()), "bundle_seq": 1,
                    "device_id": device_id, "user_id": elsewhere.user_id, "op_count": 0,
                    "device_seq": [0, 0]}
        response = upload(client, auth("dmk"),
                          write_bundle(manifest, encode_push(device_id, None, []), forger))
        assert response.status_code == 422, response.json
        answers.append(response.json)
    assert answers[0] == answers[1]
    assert answers[0]["details"]["reason"] == "unknown_device"


def test_a_device_that_changes_hands_loses_its_signing_key(
        app: Flask, client: FlaskClient, world: World) -> None:
    # A device id is seen in form histories: whoever signs in with it takes the device,
    # but never the key its owner registered, and a key they register goes with them.
    from server.accounts.models import Device

    officer = Computer(client, world, "dmk")
    login(client, "caf", device_id=officer.id)
    with Session(app.extensions["isaf_engine"]) as session:
        device = session.get(Device, officer.id)
        assert device is not None and device.user_id == world.users["caf"]
        assert device.public_key is None
    _, intruder_public = new_device_key()
    caf = bearer(login(client, "caf", device_id=officer.id)["access_token"])
    assert client.post("/api/v1/sync/device-key", headers=caf, json={
        "device_id": officer.id, "public_key": intruder_public}).status_code == 200
    # The officer signs in again: the device is theirs, the intruder's key gone; their own
    # computer registers its key again at its next sync.
    login(client, "dmk", device_id=officer.id)
    with Session(app.extensions["isaf_engine"]) as session:
        assert session.get(Device, officer.id).public_key is None  # type: ignore[union-attr]
