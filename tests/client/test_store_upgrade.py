"""Upgrades keep unsent work: every kept store of an earlier release (tests/fixtures/stores/)
opens with this release through a real sign-in, with its figures, unsent edits, held
change, open conflict, JAAP action and sync state intact; a store is backed up before its
schema changes; a failed step changes nothing and leaves the backup; a store of a newer
release is not opened; daily backups are kept and a backup can be put back."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection

from client.profiles import Profiles
from client.session import sign_in
from client.store import migrations
from client.store.migrations import Step, StoreMigrationError, StoreTooNewError
from client.store.repository import LocalStore
from common.db import utc_now
from tests.fixtures.stores.make_fixture import PASSWORD, USER, contents

KEPT = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
RELEASES = sorted(p for p in KEPT.iterdir() if (p / "expected.json").exists())
#: Nothing listens here: the sign-in goes offline at once.
NO_SERVER = "http://127.0.0.1:9"


def _laptop(kept: Path, home: Path) -> Profiles:
    """A copy of a kept data folder whose account last signed in online yesterday (the
    kept date is long past the offline limit)."""
    shutil.copytree(kept, home)
    accounts_file = home / "accounts.json"
    accounts: dict[str, Any] = json.loads(accounts_file.read_text(encoding="utf-8"))
    for entry in accounts.values():
        entry["last_online"] = (utc_now() - timedelta(days=1)).isoformat()
    accounts_file.write_text(json.dumps(accounts), encoding="utf-8")
    return Profiles(home)


def test_there_is_a_kept_store_of_the_previous_release() -> None:
    assert [p.name for p in RELEASES][:1] == ["0.1.0"]


@pytest.mark.parametrize("kept", RELEASES, ids=lambda p: p.name)
def test_a_kept_store_opens_after_an_offline_sign_in_with_everything_intact(
        kept: Path, tmp_path: Path) -> None:
    expected = json.loads((kept / "expected.json").read_text(encoding="utf-8"))
    profiles = _laptop(kept, tmp_path / "home")
    session = sign_in(profiles, NO_SERVER, USER["username"], PASSWORD, timeout=2)
    try:
        assert not session.online
        found = json.loads(json.dumps(contents(session.store)))  # as plain as the file
        assert found == expected
        assert found["unsent"] >= 2  # the edits and the JAAP action are still to send
        with session.store.engine.connect() as connection:
            assert migrations.schema_version(connection) == migrations.CURRENT
    finally:
        session.close()


def _store_with_a_form(path: Path) -> tuple[LocalStore, str]:
    from tests.client.ui.conftest import seed_store

    store = LocalStore(path)
    units = seed_store(store)
    form_id = store.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    store.save_values(form_id, {"catchment_villages": 14, "hc_chief_name": "សុខ ចាន់ធី"})
    return store, form_id


def _plain_version(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])


def test_a_new_store_has_the_newest_version_and_no_backup(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.sqlite")
    store.close()
    assert store.migration_backup is None
    assert _plain_version(tmp_path / "store.sqlite") == migrations.CURRENT
    assert migrations.backups(tmp_path / "store.sqlite") == []


def _add_a_column(connection: Connection) -> None:
    if not migrations.has_column(connection, "local_form", "note"):
        connection.exec_driver_sql("ALTER TABLE local_form ADD COLUMN note TEXT")


def test_a_new_step_backs_the_store_up_then_changes_it_keeping_every_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.sqlite"
    store, form_id = _store_with_a_form(path)
    before = store.values(form_id), store.unsent_count()
    store.close()
    monkeypatch.setattr(migrations, "STEPS", (
        *migrations.STEPS, Step(migrations.CURRENT + 1, "a note on forms", _add_a_column)))
    store = LocalStore(path)
    try:
        assert (store.values(form_id), store.unsent_count()) == before
        assert store.migration_backup is not None and store.migration_backup.exists()
        with store.engine.connect() as connection:
            assert migrations.has_column(connection, "local_form", "note")
            assert migrations.schema_version(connection) == migrations.CURRENT + 1
    finally:
        store.close()
    # The backup is the store as it was: the version before, its values.
    backup = migrations.backups(path)[0]
    assert backup.why == f"before-v{migrations.CURRENT + 1}"
    assert _plain_version(backup.path) == migrations.CURRENT
    old = LocalStore(backup.path)
    try:
        assert old.values(form_id) == before[0]
    finally:
        old.close()


def _fail(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE local_form ADD COLUMN half_done TEXT")
    raise RuntimeError("a step that breaks half-way")


def test_a_failed_step_changes_nothing_and_leaves_the_backup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.sqlite"
    store, form_id = _store_with_a_form(path)
    values = store.values(form_id)
    store.close()
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", (
            *migrations.STEPS, Step(migrations.CURRENT + 1, "breaks", _fail)))
        with pytest.raises(StoreMigrationError) as refused:
            LocalStore(path)
    assert refused.value.backup is not None and refused.value.backup.exists()
    assert "nothing in it was changed" in str(refused.value).lower()
    assert _plain_version(path) == migrations.CURRENT
    with sqlite3.connect(path) as raw:
        columns = [row[1] for row in raw.execute("PRAGMA table_info(local_form)")]
    assert "half_done" not in columns
    # Without the broken step (the release fixed), the store opens as it was.
    store = LocalStore(path)
    try:
        assert store.values(form_id) == values
    finally:
        store.close()


def test_a_store_of_a_newer_release_is_not_opened_nor_changed(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store, _form_id = _store_with_a_form(path)
    store.close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {migrations.CURRENT + 1}")
    kept = path.read_bytes()
    with pytest.raises(StoreTooNewError) as refused:
        LocalStore(path)
    assert "newer version of ISAF Desk" in str(refused.value)
    assert path.read_bytes() == kept
    assert migrations.backups(path) == []


def test_one_daily_backup_a_day_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store, _form_id = _store_with_a_form(path)
    store.close()
    folder = migrations.backups_folder(path)
    folder.mkdir()
    for days in range(1, 10):  # nine older daily backups
        stamp = (utc_now() - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
        shutil.copyfile(path, folder / f"store.{stamp}.daily.sqlite")
    store = LocalStore(path, daily_backup=True)
    store.close()
    daily = [b for b in migrations.backups(path) if b.why == "daily"]
    assert len(daily) == migrations.KEEP_DAILY
    assert daily[0].made_at.date() == utc_now().date()
    store = LocalStore(path, daily_backup=True)  # the same day: no second copy
    store.close()
    assert [b for b in migrations.backups(path) if b.why == "daily"] == daily


def test_a_backup_put_back_keeps_the_store_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store, form_id = _store_with_a_form(path)
    store.close()
    store = LocalStore(path, daily_backup=True)
    store.save_values(form_id, {"catchment_villages": 99})
    store.close()
    chosen = migrations.backups(path)[0]
    replaced = migrations.restore(path, chosen.path)
    store = LocalStore(path)
    try:
        assert store.values(form_id)["catchment_villages"] == 14
    finally:
        store.close()
    assert replaced is not None
    newer = LocalStore(replaced)
    try:
        assert newer.values(form_id)["catchment_villages"] == 99
    finally:
        newer.close()
