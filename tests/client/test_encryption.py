"""The local store encrypted at rest (client/store/crypto.py), on real SQLCipher files: the
file shows nothing without its key; no key, a wrong key or another account's password do
not open it; the password opens it offline; a password changed on the server is taken at
the next sign-in with a connection (the device's secret re-wraps the key); a password
change here re-wraps it; a store of the previous release is encrypted with everything in
it; and the command line asks the password."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from client.cli import main as desk
from client.profiles import Profiles, SignInError
from client.session import sign_in
from client.store import crypto
from client.store.errors import (
    StoreConversionError,
    StoreKeyError,
    StoreUnavailableError,
)
from client.store.repository import LocalStore
from common.db import make_engine, new_id, utc_now
from server.accounts.service import update_user
from tests.fixtures.stores.make_fixture import PASSWORD as KEPT_PASSWORD
from tests.fixtures.stores.make_fixture import USER as KEPT_USER
from tests.fixtures.stores.make_fixture import contents
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process

#: Nothing listens here: a sign-in goes offline at once.
NO_SERVER = "http://127.0.0.1:9"
KEPT = Path(__file__).resolve().parents[1] / "fixtures" / "stores" / "0.1.0"
TOKEN = "an-access-token-nobody-may-read"
FIGURE = "Kampong Thom figure 48213"
OTHER_PASSWORD = "a password of another account"


def _user(name: str, number: int) -> dict[str, Any]:
    return {"id": f"00000000-0000-4000-8000-{number:012d}", "username": name,
            "full_name": name.title(), "role": "commune_focal_point", "area_code": "010201",
            "unit_id": None, "language": "en"}


@pytest.fixture
def profiles(tmp_path: Path) -> Profiles:
    """A computer where `focal` and `caf` signed in online yesterday, with an empty store
    each (plain, as the previous release left them)."""
    kept = Profiles(tmp_path / "home")
    for number, (name, password) in enumerate((("focal", PASSWORD),
                                                ("caf", OTHER_PASSWORD)), start=1):
        LocalStore(kept.remember(name, password, _user(name, number), NO_SERVER)
                   .store_path).close()
    return kept


def _write(profiles: Profiles, username: str, password: str) -> Path:
    """Sign in offline, keep a token and a figure, sign out; the store's path."""
    session = sign_in(profiles, NO_SERVER, username, password, timeout=2)
    try:
        assert not session.online
        session.store.set_state("access_token", TOKEN)
        session.store.set_state("note", FIGURE)
        return session.profile.store_path
    finally:
        session.close()


def _read(profiles: Profiles, username: str, password: str, server: str = NO_SERVER) -> str:
    session = sign_in(profiles, server, username, password, timeout=5)
    try:
        return session.store.get_state("note") or ""
    finally:
        session.close()


def _everything_under(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_the_files_on_disk_show_nothing_of_the_store(profiles: Profiles) -> None:
    path = _write(profiles, "focal", PASSWORD)
    assert not crypto.is_plain(path)
    assert path.read_bytes()[:16] != crypto.SQLITE_HEADER
    on_disk = _everything_under(profiles.root)  # the store, its log, accounts.json
    key = profiles.unlock("focal", PASSWORD)
    for secret in (TOKEN, FIGURE, key.hex()):
        assert secret.encode() not in on_disk
    assert key not in on_disk


def test_the_store_does_not_open_without_its_key(profiles: Profiles) -> None:
    path = _write(profiles, "focal", PASSWORD)
    with pytest.raises(StoreUnavailableError):
        LocalStore(path)
    with pytest.raises(StoreKeyError) as wrong:
        LocalStore(path, key=crypto.new_data_key())
    assert "cannot be unlocked" in str(wrong.value) and wrong.value.reason == "key"
    with sqlite3.connect(path) as raw, pytest.raises(sqlite3.DatabaseError):
        raw.execute("SELECT * FROM sync_state").fetchall()
    assert _read(profiles, "focal", PASSWORD) == FIGURE  # nothing was changed by the tries


def test_another_accounts_password_does_not_open_it(profiles: Profiles) -> None:
    focal_store = _write(profiles, "focal", PASSWORD)
    caf_store = _write(profiles, "caf", OTHER_PASSWORD)
    assert focal_store != caf_store
    with pytest.raises(StoreKeyError):
        profiles.unlock("focal", OTHER_PASSWORD)
    with pytest.raises(StoreKeyError):
        LocalStore(focal_store, key=profiles.unlock("caf", OTHER_PASSWORD))
    with pytest.raises(SignInError) as refused:
        sign_in(profiles, NO_SERVER, "focal", OTHER_PASSWORD, timeout=2)
    assert refused.value.reason == "wrong_password"
    assert _read(profiles, "focal", PASSWORD) == FIGURE
    assert _read(profiles, "caf", OTHER_PASSWORD) == FIGURE


def test_an_offline_sign_in_unlocks_the_store_each_time(profiles: Profiles) -> None:
    _write(profiles, "focal", PASSWORD)
    wrapped = json.loads((profiles.root / "accounts.json").read_text())["focal"]["store_key"]
    assert set(wrapped) == {"password"}  # no server's secret offline
    for _ in range(2):
        assert _read(profiles, "focal", PASSWORD) == FIGURE


def test_a_password_change_rewraps_the_key(profiles: Profiles) -> None:
    _write(profiles, "focal", PASSWORD)
    new = "the focal point's new password"
    with pytest.raises(SignInError):
        profiles.rewrap("focal", "not the password", new)
    profiles.rewrap("focal", PASSWORD, new)
    assert _read(profiles, "focal", new) == FIGURE
    with pytest.raises(StoreKeyError):
        profiles.unlock("focal", PASSWORD)
    with pytest.raises(SignInError):  # the offline verifier took the new password too
        sign_in(profiles, NO_SERVER, "focal", PASSWORD, timeout=2)


# ----------------------------------------------------------------- a store of before


def _laptop_of_the_previous_release(home: Path) -> Profiles:
    shutil.copytree(KEPT, home, ignore=shutil.ignore_patterns("expected.json"))
    accounts_file = home / "accounts.json"
    accounts = json.loads(accounts_file.read_text(encoding="utf-8"))
    for entry in accounts.values():
        entry["last_online"] = (utc_now() - timedelta(days=1)).isoformat()
    accounts_file.write_text(json.dumps(accounts), encoding="utf-8")
    return Profiles(home)


def test_a_plain_store_of_before_is_encrypted_with_everything_in_it(tmp_path: Path) -> None:
    expected = json.loads((KEPT / "expected.json").read_text(encoding="utf-8"))
    profiles = _laptop_of_the_previous_release(tmp_path / "home")
    path = profiles.profile(KEPT_USER["username"]).store_path  # type: ignore[union-attr]
    assert crypto.is_plain(path)
    for _ in range(2):  # encrypted at the first sign-in, opened as it is at the next
        session = sign_in(profiles, NO_SERVER, KEPT_USER["username"], KEPT_PASSWORD, timeout=2)
        try:
            assert json.loads(json.dumps(contents(session.store))) == expected
        finally:
            session.close()
        assert not crypto.is_plain(path)
    # No plain copy anywhere: not beside the store, not among its backups.
    on_disk = _everything_under(tmp_path / "home")
    assert b"kept-access-token" not in on_disk and crypto.SQLITE_HEADER not in on_disk
    assert not list(path.parent.glob("*.encrypting*"))


def test_a_store_that_cannot_be_encrypted_is_left_as_it_was(tmp_path: Path) -> None:
    profiles = _laptop_of_the_previous_release(tmp_path / "home")
    path = profiles.profile(KEPT_USER["username"]).store_path  # type: ignore[union-attr]
    before = path.read_bytes()
    # Something in the way of the encrypted copy (a folder where it would be written).
    obstacle = path.with_name(path.name + ".encrypting")
    obstacle.mkdir()
    (obstacle / "something").write_text("kept")
    with pytest.raises(StoreConversionError) as refused:
        sign_in(profiles, NO_SERVER, KEPT_USER["username"], KEPT_PASSWORD, timeout=2)
    assert refused.value.reason == "not_encrypted" and "left as it was" in str(refused.value)
    assert path.read_bytes() == before and crypto.is_plain(path)
    shutil.rmtree(obstacle)
    session = sign_in(profiles, NO_SERVER, KEPT_USER["username"], KEPT_PASSWORD, timeout=2)
    try:
        assert session.store.get_state("access_token") == "kept-access-token"
    finally:
        session.close()
    assert not crypto.is_plain(path)


# ----------------------------------------------------------------- with the server


@pytest.fixture
def server_password(link: Link, module_database_url: str) -> Iterator[Any]:  # noqa: F811
    """Sets an account's password on the server (as an administrator's reset does); every
    account changed gets its password back afterwards."""
    engine = make_engine(module_database_url)
    changed: list[str] = []

    def reset(username: str, password: str) -> None:
        with Session(engine) as session, session.begin():
            update_user(session, link.world.users[username], {"password": password})
        changed.append(username)

    yield reset
    for username in changed:
        with Session(engine) as session, session.begin():
            update_user(session, link.world.users[username], {"password": PASSWORD})
    engine.dispose()


def _server(link: Link) -> str:  # noqa: F811 - `link` is the fixture's value here
    return f"http://127.0.0.1:{link.server.port}"


def test_an_online_sign_in_after_a_reset_elsewhere_opens_the_store_and_rewraps_it(
        link: Link, server_password: Any, tmp_path: Path) -> None:  # noqa: F811
    profiles = Profiles(tmp_path / "home")
    session = sign_in(profiles, _server(link), "province", PASSWORD, timeout=30)
    try:
        assert session.online
        session.store.set_state("note", FIGURE)
        path = session.profile.store_path
    finally:
        session.close()
    assert not crypto.is_plain(path)
    wrapped = json.loads((profiles.root / "accounts.json").read_text())["province"]
    assert set(wrapped["store_key"]) == {"password", "device"}
    new = "reset by the national administrator"
    server_password("province", new)
    # The old password no longer signs in online, and the new one never wrapped the key:
    # the server's secret for this computer opens it, and it is wrapped under the new one.
    with pytest.raises(StoreKeyError):
        profiles.unlock("province", new)
    assert _read(profiles, "province", new, server=_server(link)) == FIGURE
    assert _read(profiles, "province", new) == FIGURE  # offline, with the new password
    with pytest.raises(StoreKeyError):
        profiles.unlock("province", PASSWORD)


def test_the_devices_secret_comes_only_with_a_sign_in_by_password(link: Link) -> None:  # noqa: F811
    device = new_id()
    with httpx.Client(base_url=_server(link), timeout=30) as http:
        def login(username: str, device_id: str | None) -> dict[str, Any]:
            body = {"username": username, "password": PASSWORD, "device_name": "laptop"}
            if device_id:
                body["device_id"] = device_id
            answer = http.post("/api/v1/auth/login", json=body)
            assert answer.status_code == 200, answer.text
            return dict(answer.json())

        first = login("editor", device)
        assert crypto.device_secret(first["device_key"]) is not None
        assert login("editor", device)["device_key"] == first["device_key"]
        assert login("editor", None).get("device_key") is None
        refreshed = http.post("/api/v1/auth/refresh", headers={
            "Authorization": f"Bearer {first['refresh_token']}"})
        assert refreshed.status_code == 200 and "device_key" not in refreshed.json()
        # The device passes to another account: it never gets the secret the first
        # account's store key is wrapped under, and the first gets a new one back.
        other = login("caf", device)["device_key"]
        assert other not in (None, first["device_key"])
        assert login("editor", device)["device_key"] not in (first["device_key"], other)


def test_the_command_line_encrypts_its_store_and_asks_the_password(
        link: Link, tmp_path: Path) -> None:  # noqa: F811
    runner = CliRunner()
    store = tmp_path / "desk.sqlite"
    signed_in = runner.invoke(desk, ["--store", str(store), "login", "--server", _server(link),
                                     "dmk", "--password", PASSWORD])
    assert signed_in.exit_code == 0, signed_in.output
    assert not crypto.is_plain(store) and (tmp_path / "desk.sqlite.key").exists()
    assert PASSWORD.encode() not in (tmp_path / "desk.sqlite.key").read_bytes()
    asked = runner.invoke(desk, ["--store", str(store), "sync", "status"],
                          input=f"{PASSWORD}\n")
    assert asked.exit_code == 0, asked.output
    assert "Password" in asked.output and PASSWORD not in asked.output
    scripted = runner.invoke(desk, ["--store", str(store), "sync", "status"],
                             env={"ISAF_DESK_PASSWORD": PASSWORD})
    assert scripted.exit_code == 0 and json.loads(scripted.output)["unsent"] == 0
    wrong = runner.invoke(desk, ["--store", str(store), "sync", "status"],
                          env={"ISAF_DESK_PASSWORD": "not the password"})
    assert wrong.exit_code == 1 and "cannot be unlocked" in wrong.output
    assert "Traceback" not in wrong.output
