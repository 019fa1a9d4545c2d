"""The local store's errors, and how a file or SQLite problem becomes one.

`StoreError` is a change the store refuses. `StoreUnavailableError` and its kinds say the
store's file itself cannot be used (lost, read-only, unreadable, disk full, in use, locked
with another key, not yet encrypted), in words a screen can show: `unavailable_error` turns
SQLite's error codes into them, and `file_identity` tells the file opened from one put in
its place.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError


class StoreError(ValueError):
    """A change the local store refuses; nothing was written."""

    def __init__(self, message: str, problems: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StoreUnavailableError(StoreError):
    """The store's file itself cannot be used (gone, read-only, damaged, disk full, open
    elsewhere): nothing was written. The message is a clause a screen can put after "Not
    saved: "; `reason` tells screens which it is, to say it in the person's language, and
    `path` is where the file is (or was expected)."""

    reason = "unavailable"

    def __init__(self, path: Path | None, message: str | None = None) -> None:
        self.path = path
        super().__init__(message or self.describe())

    @property
    def where(self) -> str:
        """The file's path as text (or a stand-in for a store with no file)."""
        return str(self.path) if self.path is not None else "(no file)"

    def describe(self) -> str:
        """What happened, in plain English."""
        return f"this account's data file cannot be used ({self.where})"


class StoreLostError(StoreUnavailableError):
    """The store's file is missing, or another file took its place: it was deleted or
    moved (while the application ran, or since the last sign-in). On Linux a deleted file
    still takes writes through the open connection, so without this check a save would be
    reported and lost with the file."""

    reason = "lost"

    def __init__(self, path: Path | None, message: str | None = None, *,
                 replaced: bool = False, can_start_again: bool = False) -> None:
        self.replaced = replaced
        #: At sign-in: the server answered, so the person may start again from its copy.
        self.can_start_again = can_start_again
        super().__init__(path, message)

    def describe(self) -> str:
        """What happened, in plain English."""
        what = "replaced by another file" if self.replaced else "deleted or moved"
        return (f"this account's data file was {what} while ISAF Desk was open "
                f"({self.where}), so nothing can be saved in it. Write down what you typed, "
                "then close ISAF Desk and sign in again with a connection to the server")


class StoreReadOnlyError(StoreUnavailableError):
    """The store's file (or its folder) may be read but not written."""

    reason = "read_only"

    def describe(self) -> str:
        """What happened, in plain English."""
        return (f"this account's data file is read-only ({self.where}). Ask whoever looks "
                "after this computer to allow writing to the file and its folder")


class StoreUnreadableError(StoreUnavailableError):
    """The file is there but is not a store this application can read (damaged, another
    kind of file, or a folder it may not open). It is left as it is."""

    reason = "unreadable"

    def describe(self) -> str:
        """What happened, in plain English."""
        return (f"this account's data file cannot be read: it is damaged, or it is not an "
                f"ISAF Desk data file ({self.where}). It is left as it is: ask your district "
                "office for help")


class StoreDiskError(StoreUnavailableError):
    """The disk is full, or failed while writing."""

    reason = "disk"

    def describe(self) -> str:
        """What happened, in plain English."""
        return (f"the computer's disk is full or could not be written ({self.where}). Free "
                "some space (empty the recycle bin, remove old downloads), then save again")


class StoreInUseError(StoreUnavailableError):
    """Another ISAF Desk program on this computer (a window, or a command) has this
    account's store open: two writers would save over each other's figures."""

    reason = "in_use"

    def describe(self) -> str:
        """What happened, in plain English."""
        return (f"this account's data is open in ISAF Desk on this computer ({self.where}): "
                "close it first")


class StoreKeyError(StoreUnavailableError):
    """The store is encrypted and the key given does not open it: the password is not the
    one that locks this account's data on this computer (another account's, or one
    changed elsewhere without a sign-in with a connection since), or the file is damaged.
    Encryption cannot tell the two apart. The file is left as it is."""

    reason = "key"

    def describe(self) -> str:
        """What happened, in plain English."""
        return (f"this account's data file cannot be unlocked with this password "
                f"({self.where}): it is locked with the password of the last sign-in on this "
                "computer, or it is damaged. It is left as it is: sign in with a connection "
                "to the server, or ask your district office for help")


class StoreConversionError(StoreUnavailableError):
    """A store made by an earlier version (not encrypted) could not be encrypted: the
    original file is left exactly as it was, and nothing was lost."""

    reason = "not_encrypted"

    def __init__(self, path: Path | None, cause: str = "") -> None:
        self.cause = cause
        super().__init__(path)

    def describe(self) -> str:
        """What happened, in plain English."""
        why = f" ({self.cause})" if self.cause else ""
        return (f"this account's data file could not be encrypted{why}; it is left as it "
                f"was, with everything in it ({self.where}). Free some space on the disk and "
                "sign in again, or ask your district office for help")


def file_of(engine: Engine) -> Path | None:
    """The database file an SQLite engine opens (a `file:` URI's too); None in memory."""
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    if database.startswith("file:"):
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database).absolute()


def file_identity(path: Path | None) -> tuple[int, int] | None:
    """Which file is at `path` now (device and inode), or None when none is."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # the folder itself became a file
        return None
    return status.st_dev, status.st_ino


#: SQLite's primary result codes that say the file cannot be used, and what to tell.
_UNAVAILABLE: dict[int, type[StoreUnavailableError]] = {
    sqlite3.SQLITE_READONLY: StoreReadOnlyError,
    sqlite3.SQLITE_PERM: StoreReadOnlyError,
    sqlite3.SQLITE_NOTADB: StoreUnreadableError,
    sqlite3.SQLITE_CORRUPT: StoreUnreadableError,
    sqlite3.SQLITE_CANTOPEN: StoreUnreadableError,
    sqlite3.SQLITE_FULL: StoreDiskError,
    sqlite3.SQLITE_IOERR: StoreDiskError,
}


def unavailable_error(error: DBAPIError, path: Path | None) -> StoreUnavailableError | None:
    """The plain error for a database error that means the file cannot be used; None for
    any other (a locked database, a bug), which goes on as it was."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is None:
        return None
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return StoreLostError(path)  # SQLite noticed itself that the file was moved
    kind = _UNAVAILABLE.get(code & 0xFF)
    if kind is StoreDiskError and path is not None and file_identity(path) is None:
        kind = StoreLostError  # a write error because the file (or its journal) went away
    return kind(path) if kind is not None else None
