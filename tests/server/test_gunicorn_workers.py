"""The key flows against a real gunicorn with several workers, on PostgreSQL and Redis:
nothing a request needs may live inside one worker.

Each request opens a new connection, so gunicorn hands them to whichever worker is free;
the access log (which names the worker's pid) proves that several workers answered.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from common.db import make_engine
from server.database import upgrade
from tests.conftest import POSTGRES_ENV, ROOT, fresh_database
from tests.server.conftest import PASSWORD, World, seed_world

REDIS_URL = os.environ.get("ISAF_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
pytestmark = pytest.mark.postgres


def _redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A gunicorn server in a subprocess, and a tiny JSON client for it."""

    def __init__(self, base: str, log: Path) -> None:
        self.base = base
        self.log = log

    def call(self, method: str, path: str, body: dict[str, Any] | None = None,
             token: str | None = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.base + path, method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", "Connection": "close",
                     **({"Authorization": f"Bearer {token}"} if token else {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def worker_pids(self) -> set[str]:
        return {line.split()[0] for line in self.log.read_text().splitlines()
                if line.startswith("pid=")}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, World]]:
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV}")
    if not _redis_available():
        pytest.skip(f"Redis not reachable at {REDIS_URL} (set ISAF_TEST_REDIS_URL)")
    folder = tmp_path_factory.mktemp("gunicorn")
    databases = fresh_database("postgresql", folder)
    url = next(databases)
    engine = make_engine(url)
    upgrade(engine)
    world = seed_world(engine)
    engine.dispose()
    port = _free_port()
    log = folder / "access.log"
    env = {**os.environ, "DATABASE_URL": url, "ISAF_ENV": "production",
           "ISAF_SECRET_KEY": secrets.token_urlsafe(48), "ISAF_RATELIMIT_STORAGE": REDIS_URL,
           "ISAF_RATELIMIT_PREFIX": f"test-{uuid.uuid4().hex}",
           "ISAF_LOGIN_LIMIT_ACCOUNT": "3 per 15 minutes", "ISAF_BIND": f"127.0.0.1:{port}",
           "ISAF_WORKERS": "3", "ISAF_ACCESS_LOG": str(log)}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    errors = folder / "error.log"
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "packaging/server/gunicorn.conf.py"),
         "--access-logformat", "pid=%(p)s %(r)s %(s)s", "--error-logfile", str(errors),
         "server.wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(errors.read_text()) from None
                time.sleep(0.2)
        yield Server(base, log), world
    finally:
        process.terminate()
        process.wait(timeout=30)
        next(databases, None)


def test_sign_in_work_and_sign_out_across_workers(server: tuple[Server, World]) -> None:
    srv, world = server
    # Sign-ins arriving together (each hashes a password) keep several workers busy.
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: srv.call("POST", "/api/v1/auth/login", {
            "username": "editor", "password": PASSWORD}), range(6)))
    assert [status for status, _ in answers] == [200] * 6
    assert len(srv.worker_pids()) >= 2
    # A token issued by one worker works on the others, and so does what it wrote.
    tokens = answers[0][1]
    access = tokens["access_token"]
    form_id = str(uuid.uuid4())
    status, _ = srv.call("POST", "/api/v1/forms", {
        "id": form_id, "unit_id": world.units["home"], "year": 2026,
        "form_code": "health_center"}, access)
    assert status == 201
    status, _ = srv.call("PATCH", f"/api/v1/forms/{form_id}/values",
                         {"values": {"anc1": 320}}, access)
    assert status == 200
    for _ in range(6):  # whichever worker answers sees the same data
        status, body = srv.call("GET", f"/api/v1/forms/{form_id}", token=access)
        assert status == 200 and body["values"]["anc1"] == 320
    # Refresh rotation: reusing a spent refresh token is caught by any worker.
    status, rotated = srv.call("POST", "/api/v1/auth/refresh", token=tokens["refresh_token"])
    assert status == 200
    assert srv.call("POST", "/api/v1/auth/refresh", token=tokens["refresh_token"])[0] == 401
    assert srv.call("POST", "/api/v1/auth/refresh", token=rotated["refresh_token"])[0] == 401
    # Logout on one worker stops the token on every worker.
    status, fresh = srv.call("POST", "/api/v1/auth/login",
                             {"username": "editor", "password": PASSWORD})
    assert srv.call("POST", "/api/v1/auth/logout", token=fresh["access_token"])[0] == 204
    for _ in range(6):
        assert srv.call("GET", "/api/v1/auth/me", token=fresh["access_token"])[0] == 401


def test_failed_logins_are_counted_across_workers(server: tuple[Server, World]) -> None:
    srv, _ = server
    wrong = {"username": "caf", "password": "not the password"}
    assert [srv.call("POST", "/api/v1/auth/login", wrong)[0] for _ in range(3)] == [401] * 3
    for _ in range(4):
        status, body = srv.call("POST", "/api/v1/auth/login",
                                {"username": "caf", "password": PASSWORD})
        assert status == 429
        assert body["code"] == "too_many_requests"
