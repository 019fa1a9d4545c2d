"""`make demo` (packaging/demo.py): the server starts before the client, answers with the
documented account, and stops when the client closes, whatever happened; without a display
it says what to do."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest

from common.db import make_engine
from server.database import upgrade
from tests.conftest import ROOT
from tests.server.conftest import PASSWORD, seed_world


def _load_demo() -> ModuleType:
    # packaging/ is a folder of tools, not a package: load the script by its path.
    spec = importlib.util.spec_from_file_location("isaf_demo", ROOT / "packaging" / "demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


demo = _load_demo()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _login(url: str, username: str, password: str) -> dict[str, object]:
    request = urllib.request.Request(
        f"{url}/api/v1/auth/login", method="POST",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


@pytest.fixture
def world_url(tmp_path: Path) -> str:
    """A small seeded database (the full demo takes seconds to prepare)."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    engine = make_engine(url)
    upgrade(engine)
    seed_world(engine)
    engine.dispose()
    return url


def _options(url: str, tmp_path: Path, **extra: object) -> object:
    return demo.DemoOptions(database_url=url, port=_free_port(), data_dir=tmp_path / "desk",
                            prepare=False, user="dmk", **extra)


def test_the_server_answers_while_the_client_runs_and_stops_after(
        world_url: str, tmp_path: Path) -> None:
    options = _options(world_url, tmp_path)
    seen = []

    def client(given: object) -> int:
        # The client is opened with the server's address and the account, and the server
        # already answers: the sign-in screen's first attempt works.
        seen.append(given)
        assert _login(given.server_url, "dmk", PASSWORD)["user"]["role"] == "dmk_officer"  # type: ignore[attr-defined, index]
        return 0

    assert demo.run(options, client=client) == 0
    assert seen == [options]
    assert not demo.port_in_use(options.host, options.port)  # the server is gone
    assert (tmp_path / "demo-server.log").exists()


def test_the_server_stops_even_when_the_client_fails(world_url: str, tmp_path: Path) -> None:
    options = _options(world_url, tmp_path)

    def client(_given: object) -> int:
        raise RuntimeError("the window crashed")

    with pytest.raises(RuntimeError, match="the window crashed"):
        demo.run(options, client=client)
    assert not demo.port_in_use(options.host, options.port)


def test_a_busy_port_is_said_in_words(world_url: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        options = demo.DemoOptions(database_url=world_url, port=busy.getsockname()[1],
                                   data_dir=tmp_path / "desk", prepare=False)
        assert demo.run(options, client=lambda _o: pytest.fail("no client")) == 1
    assert "already in use" in capsys.readouterr().err


def test_a_server_that_cannot_start_is_reported_with_its_log(tmp_path: Path) -> None:
    options = demo.DemoOptions(database_url=f"sqlite:///{tmp_path / 'missing' / 'x.sqlite'}",
                               port=_free_port(), data_dir=tmp_path / "desk", prepare=False)
    with pytest.raises(RuntimeError, match="demo server"):
        demo.start_server(options)


def test_without_a_display_the_demo_says_how_to_run_it(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "demo.py"),
                           "--database-url", f"sqlite:///{tmp_path / 'demo.sqlite'}"],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "xvfb-run -a make demo" in done.stderr and "--server-only" in done.stderr
    assert "qt.qpa" not in done.stderr
    assert not (tmp_path / "demo.sqlite").exists()  # nothing was prepared for nothing


@pytest.mark.slow
def test_the_prepared_demo_signs_in_the_documented_account(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    options = demo.DemoOptions(database_url=url, port=_free_port(),
                               data_dir=tmp_path / "desk")
    roles = []

    def client(given: object) -> int:
        roles.append(_login(given.server_url, given.user, demo.DEMO_PASSWORD)["user"])  # type: ignore[attr-defined]
        return 0

    assert demo.run(options, client=client) == 0
    assert roles[0]["username"] == demo.DEFAULT_USER and roles[0]["role"] == "dmk_officer"
