"""What a hostile request costs a server worker (issue #16): its time and its peak memory.

Each hostile request is sent to an in-process server on SQLite and timed (best of REPEATS),
against a baseline measured in the same run: a plain refused request of the same kind (a
sign-in with a wrong-shaped body; a bundle upload of a few bytes), as large as the hostile
one where size alone costs time (7 MB of `{}` against one 7 MB text). Peak
memory is traced (tracemalloc) around one request; the bound is the request's own body
held twice (as bytes and as text) plus 2 MB, since what is refused must not be parsed.

- a sign-in body of 7 MB of `{},{},...` (parsed whole, it took 374 MB and seconds);
- a sign-in body nested 100,000 levels deep;
- a sign-in body with an integer of 4,000 digits;
- a bundle whose payload inflates to 200 MB while declaring 100 bytes;
- a signed bundle naming operations 1 to 10^15.

Targets: each hostile request within 5x its baseline's time, and within its memory bound.
Run with `python -m bench hostile`.
"""

from __future__ import annotations

import io
import tempfile
import tracemalloc
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from bench.figures import Figure, best_of
from bench.servers import form_version, seed_one_commune
from common.sync.bundle import new_device_key, write_bundle
from common.sync.protocol import Operation, encode_push
from server.accounts.service import create_user
from server.app import create_app
from server.database import upgrade

REPEATS = 5
TIME_TARGET = 5.0
MB = 1024 * 1024
PASSWORD = "bench password 2026"


def _server(folder: Path) -> tuple[FlaskClient, dict[str, str], Any]:
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'hostile.sqlite'}",
                      "ISAF_ENV": "testing", "LOGIN_LIMIT_PER_ACCOUNT": "100000 per minute",
                      "LOGIN_LIMIT_PER_ADDRESS": "100000 per minute"})
    engine = app.extensions["isaf_engine"]
    upgrade(engine)
    with Session(engine) as session, session.begin():
        seed_one_commune(session)
        officer = create_user(session, username="dmk", full_name="DMK", role="dmk_officer",
                              password=PASSWORD, area_code="0102")
        focal = create_user(session, username="focal", full_name="Focal",
                            role="commune_focal_point", password=PASSWORD,
                            area_code="010201")
        ids = {"officer": officer.id, "focal": focal.id}
    client = app.test_client()

    def token(username: str, device: str) -> str:
        answer = client.post("/api/v1/auth/login", json={
            "username": username, "password": PASSWORD, "device_id": device})
        return str(answer.json["access_token"])

    officer_device, focal_device = str(uuid.uuid4()), str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {token('dmk', officer_device)}",
               "Content-Type": "application/octet-stream"}
    private, public = new_device_key()
    focal_token = token("focal", focal_device)
    client.post("/api/v1/sync/device-key", headers={"Authorization": f"Bearer {focal_token}"},
                json={"device_id": focal_device, "public_key": public})
    return client, headers, {"device": focal_device, "user": ids["focal"], "key": private}


def _bomb() -> bytes:
    """A bundle whose payload declares 100 bytes and inflates to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{}")
        with archive.open("payload.json.gz", "w", force_zip64=True) as member:
            chunk = bytes(MB)
            for _ in range(200):
                member.write(chunk)
        archive.writestr("signature", bytes(64))
    return buffer.getvalue()


def _absurd(computer: dict[str, Any]) -> bytes:
    """A bundle signed by a registered computer, naming operations 1 to 10^15."""
    ops = [Operation(op_id=str(uuid.uuid4()), device_id=computer["device"], device_seq=seq,
                     entity="form", record_id=str(uuid.uuid4()),
                     definition_version=form_version("health_center"))
           for seq in (1, 10**15)]
    manifest = {"kind": "push", "bundle_id": str(uuid.uuid4()), "bundle_seq": 1,
                "device_id": computer["device"], "user_id": computer["user"], "scope": None,
                "epoch": None, "cursor": "", "op_count": 2, "device_seq": [1, 10**15],
                "form_versions": []}
    return write_bundle(manifest, encode_push(computer["device"], None,
                                              [op.payload() for op in ops]), computer["key"])


def _peak(send: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        send()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run() -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        client, officer, computer = _server(Path(folder))
        json_type = {"Content-Type": "application/json"}
        login, bundles = "/api/v1/auth/login", "/api/v1/sync/bundles"
        #: (name, path, headers, hostile body, the baseline's small body)
        cases = [
            # Its baseline is as large: one 7 MB text, read by the parser in one go.
            ("7 MB of {} at sign-in", login, json_type,
             b"[" + b"{}," * (7 * MB // 3) + b"{}]",
             b'{"username": "' + b"a" * (7 * MB) + b'"}'),
            ("nested 100,000 deep at sign-in", login, json_type,
             b"[" * 100_000 + b"]" * 100_000, b'{"username": 1}'),
            ("a 4,000-digit integer at sign-in", login, json_type,
             b'{"username": ' + b"7" * 4000 + b"}", b'{"username": 1}'),
            ("a bundle inflating to 200 MB", bundles, officer, _bomb(), b"not a bundle"),
            ("a signed bundle naming operation 10^15", bundles, officer, _absurd(computer),
             b"not a bundle"),
        ]
        for name, path, headers, body, small in cases:
            def send(data: bytes, path: str = path, headers: dict[str, str] = headers) -> Any:
                return client.post(path, data=data, headers=headers)

            status = send(body).status_code
            base = best_of(REPEATS, lambda small=small, send=send: send(small))
            took = best_of(REPEATS, lambda body=body, send=send: send(body))
            peak = _peak(lambda body=body, send=send: send(body))
            bound = 2 * len(body) + 2 * MB
            figures.append(Figure(f"hostile: {name} ({status}), time", took * 1000, "ms",
                                  f"<= {TIME_TARGET:g}x base", base * 1000,
                                  "the same refusal, a harmless body",
                                  took <= TIME_TARGET * base))
            figures.append(Figure(f"hostile: {name}, peak memory", peak / MB, "MB",
                                  f"<= {bound / MB:.1f} MB", None, None, peak <= bound))
    return figures
