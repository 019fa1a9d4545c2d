"""The local store encrypted at rest: opening it with its key, encrypting a plain one, and
keeping its key only wrapped.

Every account's store is an SQLCipher file (AES-256 pages, each with its HMAC) opened with a
random 256-bit *data key* given raw (`PRAGMA key = "x'...'"`): no key derivation when a
store opens, so opening stays as fast as a plain SQLite file. The data key is never written
down as it is. It is kept *wrapped* (AES-GCM) under:

- a key derived from the person's password with scrypt, with a salt of its own (never the
  offline verifier's: the verifier must tell nothing about the wrapping key); and
- a random secret the server keeps for this computer (the device's `store_key`), sent only
  in the answer to a sign-in with the right password from this computer. It lets a sign-in
  with a connection open the store after the password was changed elsewhere, and wrap the
  key again under the new one.

Where the wrapped keys live is the caller's choice: with the account in `accounts.json`
(client/profiles.py), or for a store the command line opens outside a profile, in
`<store>.key` beside it (`KeyFile`). docs/SECURITY.md says what this protects against.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import sqlite3
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlcipher3 import dbapi2

from client.store.errors import (
    StoreConversionError,
    StoreDiskError,
    StoreKeyError,
    StoreReadOnlyError,
    StoreUnavailableError,
    StoreUnreadableError,
)
from common.db import make_engine

#: Bytes of a data key, and of the server's device secret (AES-256).
KEY_BYTES = 32
#: What every plain SQLite file starts with; an encrypted one starts with random bytes.
SQLITE_HEADER = b"SQLite format 3\x00"
#: scrypt's cost for the password's wrapping key: as the verifier's (client/profiles.py).
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
#: SQLite's "file is not a database": what SQLCipher says for a wrong key.
_NOT_A_DATABASE = 26
#: What an interrupted encryption may leave beside a store (never a plain copy: the
#: partial file is encrypted from its first page).
_PARTIAL = ".encrypting"
_SIDE_FILES = ("", "-wal", "-shm", "-journal")

Wrappings = dict[str, dict[str, str]]


def new_data_key() -> bytes:
    """A new random data key for a store."""
    return secrets.token_bytes(KEY_BYTES)


def is_plain(path: Path) -> bool:
    """Whether the file at `path` is a plain (not encrypted) SQLite database."""
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except (FileNotFoundError, NotADirectoryError):
        return False


# --------------------------------------------------------------------------- opening


def open_engine(url: str, key: bytes | None) -> Engine:
    """The engine of a local store: plain SQLite without a key, SQLCipher with one.

    The key is set on each new connection before anything is read, and checked at once:
    a key that does not open the file raises StoreKeyError (not "file is not a database").
    """
    if key is None:
        return make_engine(url)
    if len(key) != KEY_BYTES:
        raise ValueError("a store's key is 32 bytes")
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError("an encrypted store needs a file")
    # The same dialect as a plain store (a pool of connections for a file, shared across
    # threads), with SQLCipher's driver and connections made here, so the key comes first.
    return make_engine(url, module=dbapi2, creator=partial(_connect, Path(database), key))


def _connect(path: Path, key: bytes) -> Any:
    connection = dbapi2.connect(str(path), check_same_thread=False)
    try:
        # A wrong key is told by StoreKeyError: SQLCipher's own log line would only repeat
        # it on the console.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"{_key_literal(key)}\"")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", None) == _NOT_A_DATABASE:
            raise StoreKeyError(path.absolute()) from None
        raise
    return connection


def _key_literal(key: bytes) -> str:
    # SQLCipher's raw key form: the bytes themselves, no derivation from a passphrase.
    return f"x'{key.hex()}'"


def plain_state(path: Path, name: str) -> str | None:
    """A kept fact of a plain store (its device id), read without opening it as a store
    (which would migrate it, and back up a plain copy, before it is encrypted)."""
    if not is_plain(path):
        return None
    connection = dbapi2.connect(str(path))
    try:
        row = connection.execute("SELECT value FROM sync_state WHERE key = ?",
                                 (name,)).fetchone()
    except dbapi2.Error:
        return None
    finally:
        connection.close()
    return str(row[0]) if row and row[0] is not None else None


# --------------------------------------------------------------------------- encrypting


def encrypt_plain_store(path: Path, key: bytes) -> bool:
    """Encrypt the plain store at `path` with `key` in place; False when it is not a plain
    store (already encrypted, or missing), True when it was encrypted.

    The encrypted copy is written beside it, checked (every table holds as many rows as
    the original), then put in its place at once; the plain original is overwritten where
    the system allows it, and no plain copy is kept. If anything fails, the original is
    left exactly as it was, and the store's own problem is raised (StoreReadOnlyError,
    StoreUnreadableError, StoreDiskError), else StoreConversionError. The caller holds the
    store's lock: nothing else writes the file meanwhile.
    """
    if not is_plain(path):
        return False
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreReadOnlyError(path.absolute())  # said before a whole copy is written
    partial_file = path.with_name(path.name + _PARTIAL)
    try:
        _remove(partial_file)  # what an interrupted encryption left
        counts = _export(path, partial_file, key)
        connection = _connect(partial_file, key)
        try:
            if _counts(connection, "main") != counts:
                raise StoreConversionError(path, "the encrypted copy differs from the file")
        finally:
            connection.close()
        _fsync(partial_file)
        _replace_plain(path, partial_file)
    except (dbapi2.Error, OSError, StoreKeyError, StoreConversionError) as error:
        with contextlib.suppress(OSError):
            _remove(partial_file)  # nothing when the replace was done
        raise _conversion_error(error, path.absolute()) from error
    return True


def _conversion_error(error: Exception, path: Path) -> StoreUnavailableError:
    """What a failed encryption tells: the store's own problem when it has one (read-only,
    damaged, a full disk), else that it could not be encrypted."""
    if isinstance(error, StoreConversionError):
        return error
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if isinstance(error, PermissionError) or primary in (sqlite3.SQLITE_READONLY,
                                                          sqlite3.SQLITE_PERM):
        return StoreReadOnlyError(path)
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) \
            or primary == sqlite3.SQLITE_FULL:
        return StoreDiskError(path)
    if primary in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return StoreUnreadableError(path)
    return StoreConversionError(path, str(error))


def _export(source: Path, target: Path, key: bytes) -> dict[str, int]:
    """Copy every table of the plain `source` into a new encrypted `target`; the row
    counts of the source's tables."""
    plain = dbapi2.connect(str(source), isolation_level=None)
    try:
        # Everything into the main file first: the write-ahead log of a plain store holds
        # figures too, and must not outlive it.
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), _key_literal(key)))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        counts = _counts(plain, "main")
        plain.execute("DETACH DATABASE encrypted")
        return counts
    finally:
        plain.close()


def _counts(connection: Any, schema: str) -> dict[str, int]:
    tables = [row[0] for row in connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%'")]
    return {table: int(connection.execute(
        f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]) for table in tables}


def _replace_plain(path: Path, encrypted: Path) -> None:
    """Put `encrypted` in the place of the plain store at `path`, and overwrite the plain
    file's content: a plain copy left on the disk would defeat the encryption."""
    old = None
    if os.name == "posix":
        # Kept open across the replace, to overwrite the old content afterwards (Windows
        # does not let a file open here be replaced, so there the old blocks are only
        # freed).
        with contextlib.suppress(OSError):
            old = open(path, "r+b")  # noqa: SIM115 - closed below, after the replace
    try:
        os.replace(encrypted, path)
        for suffix in _SIDE_FILES[1:]:
            # The plain store's empty log and index (checkpointed above) would be taken
            # for the new file's own.
            with contextlib.suppress(FileNotFoundError):
                os.remove(path.with_name(path.name + suffix))
        _fsync_folder(path.parent)
        if old is not None:
            with contextlib.suppress(OSError):
                _overwrite(old)
    finally:
        if old is not None:
            old.close()


def _overwrite(file: Any) -> None:
    size = os.fstat(file.fileno()).st_size
    file.seek(0)
    block = b"\0" * 65536
    for _ in range(0, size, len(block)):
        file.write(block)
    file.flush()
    os.fsync(file.fileno())


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(partial_file: Path) -> None:
    for suffix in _SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.remove(partial_file.with_name(partial_file.name + suffix))


# --------------------------------------------------------------------------- wrapping


def device_secret(text: object) -> bytes | None:
    """The server's device secret from a sign-in's answer (hex), or None if it has none."""
    if not isinstance(text, str):
        return None
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        return None
    return secret if len(secret) == KEY_BYTES else None


def unlock(wrappings: Mapping[str, Mapping[str, str]] | None, password: str, *,
           device_key: bytes | None = None, allow_new: bool = False,
           store: Path | None = None) -> tuple[bytes, Wrappings]:
    """The data key, and the wrappings to keep from now on.

    The password's wrapping is tried first, then the device's (with the server's secret
    of a sign-in with a connection); a key found with the device's is wrapped again under
    `password` (it was changed elsewhere). With no wrapping yet (a first sign-in, a store
    of an earlier version), or none that opens when `allow_new` (there is no store file to
    open), a new key is made. StoreKeyError (naming `store`) when neither opens.
    """
    kept: Wrappings = {name: dict(blob) for name, blob in (wrappings or {}).items()}
    key = _unwrap_with_password(kept["password"], password) if "password" in kept else None
    if key is None and device_key is not None and "device" in kept:
        key = _unwrap(kept["device"], device_key, b"device")
    if key is None:
        if kept and not allow_new:
            raise StoreKeyError(store)
        key, kept = new_data_key(), {}
    if "password" not in kept or _unwrap_with_password(kept["password"], password) != key:
        kept["password"] = _wrap_with_password(key, password)
    if device_key is not None and ("device" not in kept
                                   or _unwrap(kept["device"], device_key, b"device") != key):
        kept["device"] = _wrap(key, device_key, b"device")
    return key, kept


def rewrap(wrappings: Mapping[str, Mapping[str, str]], old_password: str,
           new_password: str) -> Wrappings | None:
    """The wrappings with the key under `new_password` instead of `old_password`; None when
    `old_password` does not open it."""
    if "password" not in wrappings:
        return None
    key = _unwrap_with_password(wrappings["password"], old_password)
    if key is None:
        return None
    kept: Wrappings = {name: dict(blob) for name, blob in wrappings.items()}
    kept["password"] = _wrap_with_password(key, new_password)
    return kept


def _password_key(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=KEY_BYTES, **_SCRYPT)


def _wrap_with_password(key: bytes, password: str) -> dict[str, str]:
    salt = secrets.token_bytes(16)
    return {"salt": salt.hex(), **_wrap(key, _password_key(password, salt), b"password")}


def _unwrap_with_password(blob: Mapping[str, str], password: str) -> bytes | None:
    try:
        salt = bytes.fromhex(blob["salt"])
    except (KeyError, ValueError):
        return None
    return _unwrap(blob, _password_key(password, salt), b"password")


def _wrap(key: bytes, secret: bytes, purpose: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    # The purpose is authenticated with it: a wrapping cannot be passed off as the other.
    wrapped = AESGCM(secret).encrypt(nonce, key, b"isaf-desk store key/" + purpose)
    return {"nonce": nonce.hex(), "wrapped": wrapped.hex()}


def _unwrap(blob: Mapping[str, str], secret: bytes, purpose: bytes) -> bytes | None:
    try:
        key = AESGCM(secret).decrypt(bytes.fromhex(blob["nonce"]),
                                     bytes.fromhex(blob["wrapped"]),
                                     b"isaf-desk store key/" + purpose)
    except (InvalidTag, KeyError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


class KeyFile:
    """The wrapped key of a store the command line opens outside a profile: a small JSON
    file `<store>.key` beside the store (the person's user id, the device id the server
    knows this store by, and the wrappings). Nothing in it opens the store without the
    password or the server's device secret."""

    def __init__(self, store: Path) -> None:
        self.path = store.with_name(store.name + ".key")

    def exists(self) -> bool:
        """Whether the store has a key kept here."""
        return self.path.exists()

    def load(self) -> dict[str, Any]:
        """What the file holds ({} when there is none)."""
        if not self.path.exists():
            return {}
        loaded = json.loads(self.path.read_text(encoding="utf-8"))
        return loaded if isinstance(loaded, dict) else {}

    @property
    def device_id(self) -> str | None:
        """The device id the server knows the store by, if kept."""
        return self.load().get("device_id")

    def unlock(self, password: str, *, device_key: bytes | None = None,
               allow_new: bool = False, device_id: str | None = None) -> bytes:
        """The store's data key (see `unlock`); the wrappings and device id are kept."""
        entry = self.load()
        key, kept = unlock(entry.get("store_key"), password, device_key=device_key,
                           allow_new=allow_new, store=self.path.with_suffix(""))
        if kept != entry.get("store_key") or (device_id and device_id != entry.get("device_id")):
            entry["store_key"] = kept
            if device_id:
                entry["device_id"] = device_id
            self._save(entry)
        return key

    def rewrap(self, old_password: str, new_password: str) -> bool:
        """After a password change: the key wrapped under `new_password` instead of
        `old_password` (`rewrap`); False, and nothing changed, when `old_password` does
        not open it."""
        entry = self.load()
        wrappings = rewrap(entry.get("store_key") or {}, old_password, new_password)
        if wrappings is None:
            return False
        entry["store_key"] = wrappings
        self._save(entry)
        return True

    def _save(self, entry: dict[str, Any]) -> None:
        partial_file = self.path.with_name(self.path.name + ".partial")
        partial_file.write_text(json.dumps(entry, indent=1), encoding="utf-8")
        os.replace(partial_file, self.path)
