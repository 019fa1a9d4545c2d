"""Putting a backup of an account's data back in place (the desktop's "Restore a backup…"
and `isaf-desk restore`).

ISAF Desk keeps copies of each account's store beside it (client/store/migrations.py): one
a day, and one before each upgrade of its schema. Putting one back needs the account's
password, as a sign-in does (the copy is encrypted with the account's key) and the store
must not be open anywhere (the application signs out first). The store it replaces is
kept as a copy too, so a restore can itself be undone.

A copy is older than the store it replaces: what was typed after it and not sent is not
in it (the person is told so before). What the server already has comes back at the next
sync. Two things of the replaced store are carried into the copy, when it can be read:
its operation counter, so this computer never numbers two operations alike, and its
sign-in tokens, since the copy's may have been replaced since on the server (a reused one
would end the sign-in). When it cannot be read (lost, damaged: the usual reason to
restore), the counter jumps far ahead instead, and the next sync asks for a sign-in with
a connection if the copy's tokens are no longer valid.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from client.profiles import Profiles, SignInError
from client.session import lock_store
from client.store import migrations
from client.store.crypto import encrypt_plain_store, open_engine
from client.store.errors import StoreError
from client.store.repository import LocalStore

log = logging.getLogger(__name__)

#: How far the operation counter jumps when the replaced store's cannot be read: more
#: operations than a computer makes in years, far below the protocol's limit (2^53).
COUNTER_JUMP = 10_000_000
_CARRIED = ("access_token", "refresh_token")


@dataclass(frozen=True)
class Restored:
    """What a restore did: the copy put back, and where the replaced store was kept
    (None when there was none)."""

    backup: migrations.Backup
    replaced_kept_at: Path | None


def backups_of(profiles: Profiles, username: str) -> list[migrations.Backup]:
    """The copies of an account's store on this computer, newest first."""
    profile = profiles.profile(username)
    return migrations.backups(profile.store_path) if profile is not None else []


def restore(profiles: Profiles, username: str, password: str,
            chosen: migrations.Backup) -> Restored:
    """Put the copy `chosen` back as the account's store. SignInError for a wrong password
    (with the offline sign-in's waits), StoreInUseError while the store is open, a
    StoreError when the copy cannot be opened with the account's key (nothing changed)."""
    profile = profiles.profile(username)
    if profile is None or chosen.path.parent != migrations.backups_folder(profile.store_path):
        raise StoreError("this copy is not one of this account's on this computer")
    # The password as an offline sign-in checks it (verifier, waits after wrong ones); an
    # offline period that is over does not matter here (it is told after the check).
    try:
        profiles.sign_in_offline(username, password)
    except SignInError as refusal:
        if refusal.reason != "expired":
            raise
    key = profiles.unlock(username, password) if profiles.has_store_key(username) else None
    return put_back(profile.store_path, key, chosen)


def put_back(path: Path, key: bytes | None, chosen: migrations.Backup) -> Restored:
    """Put the copy `chosen` back as the store at `path` (its key: `key`), holding the
    store's lock meanwhile. StoreInUseError while the store is open, a StoreError when
    the copy does not open with `key` (nothing changed)."""
    lock = lock_store(path)
    try:
        _check_opens(chosen.path, key)
        carried = _carried_state(path, key)
        kept = migrations.restore(path, chosen.path)
        if key is not None:
            encrypt_plain_store(path, key)
        store = LocalStore(path, key=key)
        try:
            _carry(store, carried)
        finally:
            store.close()
    finally:
        lock.release()
    log.warning("the store %s was put back from %s", path, chosen.path)
    return Restored(chosen, kept)


def _check_opens(path: Path, key: bytes | None) -> None:
    """StoreError unless the copy opens with `key` and holds a store's tables (it is only
    read: a copy is brought up to date once it is back in place, after its own backup)."""
    engine = open_engine(f"sqlite:///{path}", key)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
    except DBAPIError as error:
        raise StoreError(f"this copy cannot be read: {error.orig}") from None
    finally:
        engine.dispose()
    if not {"local_form", "outbox", "sync_state"} <= tables:
        raise StoreError("this copy holds no ISAF Desk data")


def _carried_state(path: Path, key: bytes | None) -> dict[str, str | None] | None:
    """The replaced store's operation counter and tokens, or None when it cannot be read."""
    if not path.exists():
        return None
    try:
        store = LocalStore(path, key=key)
    except StoreError as problem:
        log.warning("the store being replaced cannot be read (%s): its counter jumps", problem)
        return None
    try:
        return {name: store.get_state(name) for name in ("device_seq", *_CARRIED)}
    finally:
        store.close()


def _carry(store: LocalStore, carried: dict[str, str | None] | None) -> None:
    restored = int(store.get_state("device_seq") or 0)
    if carried is None:
        store.set_state("device_seq", str(restored + COUNTER_JUMP))
        return
    store.set_state("device_seq", str(max(restored, int(carried["device_seq"] or 0))))
    if carried.get("refresh_token"):
        for name in _CARRIED:
            store.set_state(name, carried[name])
