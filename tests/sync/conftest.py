"""A real server process (SQLite, then PostgreSQL when configured) behind a fault-injecting
proxy, and clients with their own local stores.

Their engines (`SettlingEngine`) wait, before every pull, until the server says the
person's scope has settled: on PostgreSQL a pull stops below the oldest write still in
progress in the database (docs/SYNC.md, "Revisions and the change counter"), so a pull
made right after another computer's push could miss it while any other write of the
database happened to be open, and the engine's own few retries before comparing (1.5 s
in all) are no guarantee. Tests of what an unsettled scope does turn the wait off.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from client.store.repository import LocalStore
from client.sync.engine import Progress, SyncEngine, SyncReport
from client.sync.transport import Transport
from common.db import make_engine
from server.database import upgrade
from tests.conftest import ROOT
from tests.server.conftest import PASSWORD, World, seed_world
from tests.sync.proxy import FaultProxy


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """The server in a subprocess; can be stopped and started again on the same port."""

    def __init__(self, url: str, folder: Path, *, protocols: str | None = None) -> None:
        self.url = url
        #: The protocol versions the server speaks ("2-2"), when not this release's.
        self.protocols = protocols
        self.port = _free_port()
        self.log = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.serve", self.url, str(self.port),
                 *([self.protocols] if self.protocols else [])],
                cwd=ROOT, stdout=log, stderr=log)
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/definitions",
                                       timeout=2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None


@dataclass
class Link:
    """What a sync test works with."""

    server: ServerProcess
    proxy: FaultProxy
    world: World

    @property
    def direct_url(self) -> str:
        """The server itself, not through the proxy (whose faults are for the engine)."""
        return f"http://127.0.0.1:{self.server.port}"


#: How long a pull waits for the server's scope to settle before the test fails.
SETTLE_SECONDS = 20.0


class SettlingEngine(SyncEngine):
    """The client's sync engine, except that every pull first waits until the server says
    every change of this person's scope can be pulled (`GET /sync/checksum?only=settled`,
    polled: never a fixed sleep). So a pull right after a push sees that push whatever else
    the server's database is doing at that moment.

    It asks the server directly (`server`, the address without the proxy), so the
    proxy's one-shot faults and the transport's request counts are the engine's own, as a
    test sets them. `settle = False` turns the wait off (a test of an unsettled scope).
    """

    def __init__(self, store: LocalStore, transport: Transport, *,
                 server: str | None = None, **options: Any) -> None:
        super().__init__(store, transport, **options)
        self.server = (server or transport.base_url).rstrip("/")
        self.settle = True

    def pull(self, report: SyncReport, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> None:
        if self.settle:
            self.wait_until_settled()
        super().pull(report, progress=progress, cancelled=cancelled)

    def wait_until_settled(self, seconds: float = SETTLE_SECONDS) -> None:
        """Return once the server says the scope settled. A server that cannot be asked
        (stopped, or never signed in to) is not waited for: the pull meets the same."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                answer = httpx.get(f"{self.server}/api/v1/sync/checksum",
                                   params={"only": "settled"}, timeout=10, headers={
                                       "Authorization": f"Bearer {self.transport.access_token}"})
            except httpx.HTTPError:
                return
            if answer.status_code == 401 and self.transport.refresh_token:
                self.transport.get("/api/v1/auth/me")  # refreshes the expired token
            elif answer.status_code != 200 or answer.json()["settled"]:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the server's scope did not settle in {seconds:.0f} s: "
                                     "a write left open in its database?")
            time.sleep(0.02)


@pytest.fixture(scope="module")
def link(module_database_url: str,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Link]:
    engine = make_engine(module_database_url)
    upgrade(engine)
    world = seed_world(engine)
    engine.dispose()
    server = ServerProcess(module_database_url, tmp_path_factory.mktemp("server"))
    server.start()
    proxy = FaultProxy(server.port)
    try:
        yield Link(server, proxy, world)
    finally:
        proxy.close()
        server.stop()


def choose_own_password(link: Link, username: str) -> None:
    """What the person of an account an administrator just made does first: choose their
    own password (until then the server allows nothing else). Chosen twice, to end on
    PASSWORD again, so the tests' clients sign in as usual."""
    for old, new in ((PASSWORD, PASSWORD + " once"), (PASSWORD + " once", PASSWORD)):
        transport = Transport(link.direct_url, retries=0, timeout=30)
        try:
            transport.login(username, old, device_id=None)
            transport.post("/api/v1/auth/password",
                           json={"old_password": old, "new_password": new})
        finally:
            transport.close()


@dataclass
class Client:
    """One computer: its local store, its link to the server, its engine."""

    store: LocalStore
    transport: Transport
    engine: SettlingEngine


@pytest.fixture
def make_client(link: Link, tmp_path: Path) -> Iterator[Callable[..., Client]]:
    made: list[Client] = []

    def make(username: str, *, retries: int = 3, name: str | None = None) -> Client:
        store = LocalStore(tmp_path / f"{name or username}-{len(made)}.sqlite")
        transport = Transport(link.proxy.url, retries=retries, backoff=0.01, timeout=30)
        transport.login(username, PASSWORD, device_id=store.device_id)
        client = Client(store, transport,
                        SettlingEngine(store, transport, server=link.direct_url))
        made.append(client)
        return client

    yield make
    for client in made:
        client.transport.close()
        client.store.close()
