"""A real browser on a real server: Debian's chromium driven by Playwright, against the
server in its own process on a database `isaf demo` prepared.

The demo is the world a citizen or an officer would meet: Banteay Meanchey's units, two
districts with figures for 2025 and 2026, forms in every workflow status, JAAP actions.
It is made once for the whole browser suite (about 10 s), on SQLite; tests that change
it do so in the second demo district (0103), which the other tests never read.

Playwright drives the system's chromium (`executable_path`): Playwright's own browser
download is not used. Without chromium or Playwright, every browser test is skipped with
that reason.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from common.db import make_engine
from common.units.models import ServiceUnit
from server.data.models import FormRecord
from tests.conftest import ROOT

#: The system chromium (Debian's `chromium` package, installed by .ci/run).
CHROMIUM = Path(os.environ.get("ISAF_TEST_CHROMIUM", "/usr/bin/chromium"))
#: A cheap phone's screen, in CSS pixels.
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
#: The demo accounts' password (README: a demo only).
DEMO_PASSWORD = "isaf-demo-2026"
#: How long a page action may wait: a missing element fails in seconds, not half a minute.
TIMEOUT_MS = 10_000


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"no chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_demo(url: str) -> None:
    """Run `isaf demo` on the empty database at `url`, as an administrator would."""
    result = subprocess.run([sys.executable, "-m", "server.cli", "--database-url", url, "demo"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"isaf demo failed:\n{result.stdout}\n{result.stderr}")


class WebServer:
    """The server (werkzeug, threaded, testing mode) in a process of its own."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            # tests/sync/serve.py: the server the sync tests run, with generous login limits.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.serve", self.url, str(self.port)],
                cwd=ROOT, stdout=log, stderr=log)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/api/v1/definitions", timeout=2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text(errors="replace")) from None
                time.sleep(0.1)
        raise RuntimeError("the server did not start in 30 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database `isaf demo` prepared, shared by the browser tests."""
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.sqlite'}"
    prepare_demo(url)
    return url


@pytest.fixture(scope="session")
def demo_engine(demo_url: str) -> Iterator[Engine]:
    """An engine on the demo database, for what a test reads or changes behind the pages."""
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def server(demo_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base address of a running server on the demo database."""
    web = WebServer(demo_url, tmp_path_factory.mktemp("server"))
    web.start()
    yield web.base
    web.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless chromium, the system's own."""
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page at a cheap phone's width (no cache, no cookies), on the server."""
    context = browser.new_context(viewport=PHONE, base_url=server, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page at an office computer's width, on the server."""
    context = browser.new_context(viewport=DESKTOP, base_url=server, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def unit(engine: Engine, code: str) -> ServiceUnit:
    """The demo unit with `code`."""
    with Session(engine) as session:
        found = session.scalars(select(ServiceUnit).where(ServiceUnit.code == code)).one()
        session.expunge(found)
        return found


def statuses(engine: Engine, code: str) -> dict[int, str]:
    """Year -> status of the demo unit's forms (deleted ones left out)."""
    with Session(engine) as session:
        return dict(session.execute(
            select(FormRecord.year, FormRecord.status)
            .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
            .where(ServiceUnit.code == code, FormRecord.deleted.is_(False))).tuples().all())
