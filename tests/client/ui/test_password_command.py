"""`isaf-desk password` against the real server process of tests/sync: the password
changes on the server, the command line goes on with the new sign-in, and the store's key
follows (the new password opens it, the old one not); an account whose password an
administrator chose is told at `login` and freed by the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from client.cli import main as desk
from tests.client.ui.test_password_change import account  # noqa: F401 - the fixture
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

NEW_PASSWORD = "my very own password"


def test_the_password_command_changes_it_and_the_store_follows(
        link: Link, account: Callable[..., str], tmp_path: Path) -> None:  # noqa: F811
    runner = CliRunner()
    store = str(tmp_path / "desk.sqlite")
    username = account(must_change=True)
    server = f"http://127.0.0.1:{link.server.port}"
    signed_in = runner.invoke(desk, ["--store", store, "login", "--server", server, username,
                                     "--password", PASSWORD])
    assert signed_in.exit_code == 0, signed_in.output
    assert "choose your own now with 'isaf-desk password'" in signed_in.output
    held = runner.invoke(desk, ["--store", store, "sync", "now"],
                         env={"ISAF_DESK_PASSWORD": PASSWORD})
    assert held.exit_code == 1 and "choose your own password first" in held.output

    short = runner.invoke(desk, ["--store", store, "password"],
                          input=f"{PASSWORD}\nshort\nshort\n")
    assert short.exit_code == 1 and "the new password is too short" in short.output
    wrong = runner.invoke(desk, ["--store", store, "password"],
                          input=f"not it\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert wrong.exit_code == 1 and "cannot be unlocked" in wrong.output  # checked here first

    changed = runner.invoke(desk, ["--store", store, "password"],
                            input=f"{PASSWORD}\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert changed.exit_code == 0, changed.output
    assert "password changed" in changed.output and NEW_PASSWORD not in changed.output
    # The command line goes on with the new sign-in, unlocked by the new password only.
    synced = runner.invoke(desk, ["--store", store, "sync", "now"],
                           env={"ISAF_DESK_PASSWORD": NEW_PASSWORD})
    assert synced.exit_code == 0, synced.output
    status = runner.invoke(desk, ["--store", store, "sync", "status"],
                           env={"ISAF_DESK_PASSWORD": NEW_PASSWORD})
    assert status.exit_code == 0 and json.loads(status.output)["unsent"] == 0
    old = runner.invoke(desk, ["--store", store, "sync", "status"],
                        env={"ISAF_DESK_PASSWORD": PASSWORD})
    assert old.exit_code == 1 and "cannot be unlocked" in old.output
