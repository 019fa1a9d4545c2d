"""A real server process (SQLite, then PostgreSQL when configured) behind a fault-injecting
proxy, and clients with their own local stores."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
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

    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.port = _free_port()
        self.log = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.serve", self.url, str(self.port)],
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


@dataclass
class Client:
    """One computer: its local store, its link to the server, its engine."""

    store: LocalStore
    transport: Transport
    engine: SyncEngine


@pytest.fixture
def make_client(link: Link, tmp_path: Path) -> Iterator[Callable[..., Client]]:
    made: list[Client] = []

    def make(username: str, *, retries: int = 3, name: str | None = None) -> Client:
        store = LocalStore(tmp_path / f"{name or username}-{len(made)}.sqlite")
        transport = Transport(link.proxy.url, retries=retries, backoff=0.01, timeout=30)
        transport.login(username, PASSWORD, device_id=store.device_id)
        client = Client(store, transport, SyncEngine(store, transport))
        made.append(client)
        return client

    yield make
    for client in made:
        client.transport.close()
        client.store.close()
