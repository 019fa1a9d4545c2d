"""Versions of the local store's schema, the steps between them, and the backups around
them.

A store's version is SQLite's `user_version` (a number in the file's header, read without
reading any table). A new store gets every table of this release and the newest version.
An older store is first copied to its profile's `backups/` folder, then each step after
its version runs, all in ONE transaction that also writes the new version: SQLite changes
its schema transactionally, so a step that fails leaves the file exactly as it was, and
the backup beside it. A store written by a newer release is never opened: its tables may
mean what this release does not know, and writing them could lose what that release kept.

Version 1 is the schema of release 0.1.0, which wrote no version: a store with tables and
`user_version` 0 is one of those. A release that changes the schema adds a step to
`STEPS`, and a store made by the release before it to `tests/fixtures/stores/` (the test
there opens every kept store with this release and checks nothing was lost).

Backups (`backup`, `backups`, `restore`) are plain copies of the file, so a backup of an
encrypted store is as encrypted as the store. Besides the one before a migration, the
application keeps one a day (`daily_backup`), the newest `KEEP_DAILY`.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect

from client.store.errors import StoreUnavailableError
from client.store.models import table_definitions
from common.db import utc_now

log = logging.getLogger(__name__)

#: Daily backups kept per store (older ones are deleted as new ones are made).
KEEP_DAILY = 7
#: The folder, beside the store, that holds its backups.
BACKUP_FOLDER = "backups"
#: When a backup was made, in its file's name: to the microsecond, so two backups made
#: within a second (a restore undone at once) never take one another's place.
_STAMP = "%Y%m%d-%H%M%S-%f"
_STAMPS = (_STAMP, "%Y%m%d-%H%M%S")


@dataclass(frozen=True)
class Step:
    """The change from version `version - 1` to `version` of the schema."""

    version: int
    summary: str
    apply: Callable[[Connection], None]


#: The tables of release 0.1.0's stores.
V1_TABLES = ("admin_area", "service_unit", "form_definition", "local_form",
             "local_record", "local_value", "outbox", "local_conflict",
             "local_conflict_authors", "sync_state")


def _v1_tables(connection: Connection) -> None:
    """Release 0.1.0's tables that a store made before it lacks (0.1.0 made what was
    missing at every opening). They are made as this release defines them, so a later
    step that adds a column to one of them checks that it is missing first
    (`has_column`)."""
    tables = [t for t in table_definitions() if t.name in V1_TABLES]
    for metadata in {id(t.metadata): t.metadata for t in tables}.values():
        metadata.create_all(connection, tables=[t for t in tables if t.metadata is metadata])


def has_column(connection: Connection, table: str, column: str) -> bool:
    """True when `table` has `column` (for steps that add one)."""
    return any(c["name"] == column for c in inspect(connection).get_columns(table))


#: Every step, in order. Version 1 is release 0.1.0's schema.
STEPS: tuple[Step, ...] = (
    Step(1, "the tables of release 0.1.0", _v1_tables),
)
#: The version this release writes.
CURRENT = STEPS[-1].version


class StoreTooNewError(StoreUnavailableError):
    """The store was written by a newer release of ISAF Desk (its schema version is above
    this release's): it is not opened, so nothing in it is misread or lost."""

    reason = "too_new"

    def __init__(self, path: Path | None, version: int) -> None:
        self.version = version
        super().__init__(path)

    def describe(self) -> str:
        return (f"this account's data file ({self.where}) was written by a newer version "
                "of ISAF Desk: install that version again (or a newer one) to open it; "
                "nothing in it was changed")


class StoreMigrationError(StoreUnavailableError):
    """A step of the migration failed: the store is as it was before, and `backup` holds
    a copy made before the migration started."""

    reason = "migration_failed"

    def __init__(self, path: Path | None, backup: Path | None, detail: str) -> None:
        self.backup = backup
        self.detail = detail
        super().__init__(path)

    def describe(self) -> str:
        kept = f"; a copy made before it is at {self.backup}" if self.backup else ""
        return (f"this account's data file ({self.where}) could not be brought up to this "
                f"version of ISAF Desk ({self.detail}). Nothing in it was changed{kept}. "
                "Tell your help desk")


@dataclass(frozen=True)
class Backup:
    """One backup of a store: its file, when it was made (UTC), and why ("daily",
    "before-v2", "before-restore")."""

    path: Path
    made_at: datetime
    why: str


def schema_version(connection: Connection) -> int:
    """The store's schema version (0: release 0.1.0's or an empty file)."""
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def prepare(engine: Engine, path: Path | None, create: Callable[[Connection], None], *,
            steps: Sequence[Step] | None = None) -> Path | None:
    """Make a new store's tables (`create`), or bring an older store to the newest version
    after backing it up; the backup's path when one was made. StoreTooNewError for a store
    of a newer release, StoreMigrationError when a step fails (nothing changed)."""
    steps = STEPS if steps is None else steps
    newest = steps[-1].version if steps else 0
    with engine.connect() as connection:
        stored = schema_version(connection)
        empty = not inspect(connection).get_table_names()
    if stored > newest:
        raise StoreTooNewError(path, stored)
    if empty:
        with _one_transaction(engine) as connection:
            create(connection)
            connection.exec_driver_sql(f"PRAGMA user_version = {int(newest)}")
        return None
    if stored == newest:
        return None
    # Tables and no version: a store of release 0.1.0 (or made before it), whose step 1
    # makes any table it lacks.
    pending = [step for step in steps if step.version > stored]
    made = None
    if pending:
        try:
            made = backup(engine, path, why=f"before-v{newest}")
        except OSError as error:  # no migration without a whole copy to go back to
            raise StoreMigrationError(path, None, f"no backup could be made: {error}") \
                from error
    try:
        with _one_transaction(engine) as connection:
            for step in pending:
                log.info("local store %s: %s (version %d)", path, step.summary, step.version)
                step.apply(connection)
            connection.exec_driver_sql(f"PRAGMA user_version = {int(newest)}")
    except Exception as error:
        log.exception("the local store %s could not be migrated", path)
        raise StoreMigrationError(path, made, str(error)) from error
    return made


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose every statement, schema changes included, is in one transaction
    committed at the end of the block or rolled back. Python's sqlite3 module begins a
    transaction only before a change of rows, so an ALTER TABLE would be committed at
    once: here the transaction is begun and ended by hand."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.exec_driver_sql("ROLLBACK")
            raise
        connection.exec_driver_sql("COMMIT")


def backups_folder(path: Path) -> Path:
    """Where the backups of the store at `path` are kept."""
    return path.parent / BACKUP_FOLDER


def backup(engine: Engine | None, path: Path | None, *, why: str) -> Path | None:
    """Copy the store at `path` into its backups folder (None for a store with no file).
    What the write-ahead log holds is written into the file first, so the copy is whole."""
    if path is None or not path.exists():
        return None
    if engine is not None:
        with engine.connect() as connection:
            busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
        if busy and busy[0]:
            # Another connection holds the log: a copy of the file alone would miss what
            # the log holds. Backups are made when the store is opened, before any other.
            raise OSError(f"the store {path} is busy: its log could not be written back")
    folder = backups_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.{utc_now().strftime(_STAMP)}.{why}{path.suffix}"
    if target.exists():  # the same microsecond: a clock set back
        raise OSError(f"a backup named {target.name} is there already")
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(path, partial)
    with open(partial, "rb+") as written:
        os.fsync(written.fileno())  # on disk before it counts as a backup
    os.replace(partial, target)
    return target


def backups(path: Path) -> list[Backup]:
    """The backups of the store at `path`, newest first."""
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob(f"{path.stem}.*{path.suffix}"):
        parts = file.name[len(path.stem) + 1:-len(path.suffix) or None].split(".", 1)
        made = _made_at(parts[0])
        if made is not None:  # else not one of ours
            found.append(Backup(file, made, parts[1] if len(parts) > 1 else ""))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def _made_at(stamp: str) -> datetime | None:
    """When a backup was made (UTC), from its name; None for a name not ours."""
    for form in _STAMPS:
        try:
            return datetime.strptime(stamp, form).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def daily_backup(engine: Engine, path: Path | None, *, keep: int = KEEP_DAILY) -> Path | None:
    """Today's backup of the store, unless one was made today; the oldest daily backups
    beyond `keep` are deleted. The new backup's path, or None."""
    if path is None:
        return None
    made = backups(path)
    today = utc_now().date()
    daily = [b for b in made if b.why == "daily"]
    if daily and daily[0].made_at.date() == today:
        return None
    try:
        new = backup(engine, path, why="daily")
    except OSError as error:  # a missed daily copy must not stop anyone working
        log.warning("no daily backup of %s: %s", path, error)
        return None
    for old in [b for b in backups(path) if b.why == "daily"][keep:]:
        old.path.unlink(missing_ok=True)
    return new


def restore(path: Path, chosen: Path) -> Path | None:
    """Put the backup `chosen` in place of the store at `path`, which must not be open;
    the store it replaces is kept as a backup first ("before-restore"). The path of that
    backup, or None when there was no store."""
    if not chosen.is_file():
        raise FileNotFoundError(chosen)
    kept = backup(None, path, why="before-restore") if path.exists() else None
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(chosen, partial)
    # The replaced store's write-ahead log (left by a crash) belongs to it, not to the copy
    # put back: it goes with the kept store, under the name SQLite looks for beside it.
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    if wal.exists():
        if kept is not None and wal.stat().st_size:
            os.replace(wal, kept.with_name(kept.name + "-wal"))
        else:
            wal.unlink()
    shm.unlink(missing_ok=True)
    os.replace(partial, path)
    return kept
