"""The pull's horizon on PostgreSQL (server/data/models.py, `feed_horizon`): a write still
in progress in this database holds back what computers can pull, and the pull says so
(`behind`); a write in another database of the same cluster holds back nothing, though
transaction ids, and so the snapshot's list of running ones, are the whole cluster's.

The server here runs on a database made for this module, and "another database" is one
made for it too: no other work (other test runs on the shared test database) writes in
"this database" meanwhile, and the writes these cases hold open elsewhere hold back no one
else's tests.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from server.data.models import feed_horizon, last_feed_horizon
from tests.conftest import POSTGRES_ENV
from tests.server.conftest import World
from tests.server.test_sync_api import Device, key, receipts


def own_database(purpose: str) -> Iterator[str]:
    """The URL of a new database in the PostgreSQL cluster of ISAF_TEST_POSTGRES_URL,
    dropped afterwards (skips when PostgreSQL is not configured, or refuses)."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to run this on PostgreSQL")
    name = f"isaf_horizon_{purpose}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError as exc:  # no right to create databases: cannot run here
        admin.dispose()
        pytest.skip(f"cannot create a database for the horizon cases: {exc}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=[pytest.param("postgresql",
                                                     marks=pytest.mark.postgres)])
def module_database_url() -> Iterator[str]:
    """The server's database: one of its own (this module's cases are PostgreSQL's:
    SQLite has no horizon)."""
    yield from own_database("here")


@pytest.fixture(scope="module")
def elsewhere(module_database_url: str) -> Iterator[Engine]:
    """Another database of the same cluster, made for the module too: the writes held
    open there must hold back no one, not even other test runs sharing the cluster."""
    for url in own_database("elsewhere"):
        engine = create_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def write_in_progress(engine: Engine, *, insert: bool = True) -> Iterator[Connection]:
    """A transaction of `engine`'s database that has written (so it holds a transaction
    id) and stays open until the block ends; then it rolls back. Without `insert` it only
    takes its id (`pg_current_xact_id()`), touching no table."""
    with engine.connect() as connection:
        if insert:
            connection.execute(text("CREATE TEMPORARY TABLE held (n integer)"))
            connection.execute(text("INSERT INTO held VALUES (1)"))
        connection.execute(text("SELECT pg_current_xact_id()"))
        try:
            yield connection
        finally:
            connection.rollback()


def end_one(engine: Engine) -> None:
    """A transaction that takes an id and commits: the snapshots taken after it list the
    ids still running below it (those at or above the last one ended are left out)."""
    with engine.connect() as ended:
        ended.execute(text("SELECT pg_current_xact_id()"))
        ended.commit()


def xid_of(connection: Connection) -> int:
    return int(connection.execute(text("SELECT pg_current_xact_id()::text")).scalar_one())


def pull_all(device: Device, cursor: str = "") -> tuple[str, dict[tuple[str, str], Any],
                                                         dict[str, Any]]:
    """Pull to the end of the feed: the last cursor, the values seen, the last page."""
    values: dict[tuple[str, str], Any] = {}
    while True:
        page = device.pull(cursor, settle=False)  # the tests wait, or hold a write, themselves
        assert page.status_code == 200, page.json
        values.update({(c["f"], c["k"]): c["v"] for c in page.json["changes"]
                       if c["t"] == "value"})
        cursor = page.json["next"]
        if not page.json["more"]:
            return cursor, values, page.json


def settled(device: Device) -> bool:
    return bool(device.client.get("/api/v1/sync/checksum", query_string={"only": "settled"},
                                  headers={"Authorization": f"Bearer {device.token}"}
                                  ).json["settled"])


def wait_until_settled(device: Device, seconds: float = 10) -> None:
    """Until the server says every change of the device's scope can be pulled. A write of
    PostgreSQL's own in this database (autovacuum analysing a table) may hold the horizon
    for a moment; a write in another database must not hold it at all."""
    deadline = time.monotonic() + seconds
    while not settled(device):
        assert time.monotonic() < deadline, f"the scope did not settle in {seconds} s"
        time.sleep(0.05)


def test_a_write_left_open_in_another_database_holds_no_pull_back(
        client: FlaskClient, world: World, elsewhere: Engine) -> None:
    """The failure of issue #16 (item 9): other databases of the cluster busy writing, a
    form pushed here is not in the next pull. Writes there, one with a table written and
    one that only took its transaction id, stay open the whole time."""
    editor, dmk = Device(client, "editor"), Device(client, "dmk")
    cursor, _, _ = pull_all(dmk)
    with write_in_progress(elsewhere), write_in_progress(elsewhere, insert=False):
        form_id = str(uuid.uuid4())
        receipts(editor.push(editor.op(form_id, {"anc1": (41, 0)},
                                       natural_key=key(world, "home", 2061))))
        wait_until_settled(dmk)  # never, before: the writes elsewhere held it
        _, values, last = pull_all(dmk, cursor)
        assert values == {(form_id, "anc1"): 41}
        assert "behind" not in last
        assert dmk.checksum()["settled"] is True


def test_a_write_open_in_this_database_still_holds_the_pull_and_the_pull_says_why(
        app: Flask, client: FlaskClient, world: World) -> None:
    """The safety the horizon is for: a write of this database that began before a push
    and has not ended may still commit changes numbered below the push's, so the pull
    stops below it, and says why on its last page. A person whose scope has nothing
    waiting is told nothing."""
    engine: Engine = app.extensions["isaf_engine"]
    editor, dmk = Device(client, "editor"), Device(client, "dmk")
    cursor, _, _ = pull_all(dmk)
    form_id = str(uuid.uuid4())
    with write_in_progress(engine):
        receipts(dmk.push(dmk.op(form_id, {"anc1": (52, 0)},
                                 natural_key=key(world, "other_commune", 2062))))
        _, values, last = pull_all(dmk, cursor)
        assert (form_id, "anc1") not in values  # committed, but behind the open write
        assert last["behind"]["reason"] == "write_in_progress"
        assert isinstance(last["behind"]["running_for"], int)  # the server's own role
        assert last["behind"]["running_for"] >= 0
        assert not settled(dmk)
        # The editor of the home health center: nothing of theirs waits.
        _, _, theirs = pull_all(editor)
        assert "behind" not in theirs
    wait_until_settled(dmk)
    _, values, last = pull_all(dmk, cursor)
    assert values == {(form_id, "anc1"): 52}
    assert "behind" not in last


def test_the_horizon_is_the_oldest_write_of_this_database(
        app: Flask, world: World, elsewhere: Engine) -> None:
    """feed_horizon itself: bounded by this database's write in progress (at its id), not
    by older ones elsewhere; read again in the same transaction, a write begun elsewhere
    meanwhile is told apart too (PostgreSQL's copy of pg_stat_activity, kept for the
    transaction, is renewed)."""
    engine: Engine = app.extensions["isaf_engine"]
    with write_in_progress(elsewhere) as older_elsewhere, write_in_progress(engine) as here:
        outside, mine = xid_of(older_elsewhere), xid_of(here)
        assert outside < mine
        with write_in_progress(elsewhere):
            end_one(engine)
            with Session(engine) as reader:
                until = feed_horizon(reader)
                horizon = last_feed_horizon(reader)
                offset = int(reader.scalar(text(
                    "SELECT COALESCE((SELECT CAST(value AS BIGINT) FROM server_state"
                    " WHERE key = 'seq_offset'), 0)")))
                # At this database's write (or below, should autovacuum be analysing a
                # table here at that moment), never at the older one elsewhere.
                assert horizon is not None and horizon.holder is not None
                assert horizon.holder != outside and horizon.holder <= mine
                assert until == horizon.holder + offset
    with write_in_progress(elsewhere), Session(engine) as reader:
        end_one(engine)
        # The snapshot lists a running id: pg_stat_activity is read, and PostgreSQL keeps
        # that copy for the rest of the transaction.
        feed_horizon(reader)
        with write_in_progress(elsewhere) as begun_since:
            end_one(engine)
            feed_horizon(reader)
            horizon = last_feed_horizon(reader)
            assert horizon is not None and horizon.holder != xid_of(begun_since), \
                "a write begun elsewhere after the transaction's first reading held it"


def test_a_role_without_privileges_tells_other_databases_writes_apart(
        app: Flask, world: World, elsewhere: Engine) -> None:
    """The server need not be a superuser, nor a member of pg_read_all_stats: PostgreSQL
    shows every session's database and transaction id to any role (a write elsewhere by
    another role, here the superuser of the test cluster)."""
    engine: Engine = app.extensions["isaf_engine"]
    role = f"isaf_horizon_{uuid.uuid4().hex[:8]}"
    with engine.connect() as admin:
        admin.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        admin.execute(text(f'GRANT SELECT ON server_state TO "{role}"'))
        admin.commit()
    try:
        with write_in_progress(elsewhere) as outside:
            end_one(engine)
            with Session(engine) as reader:
                reader.execute(text(f'SET LOCAL ROLE "{role}"'))
                assert not reader.scalar(text(
                    "SELECT pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')"
                    " OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"))
                running = reader.scalar(text("SELECT pg_current_snapshot()::text"))
                assert str(xid_of(outside)) in running.split(":")[2].split(",")
                feed_horizon(reader)
                horizon = last_feed_horizon(reader)
                assert horizon is not None and horizon.holder != xid_of(outside)
    finally:
        with engine.connect() as admin:
            admin.execute(text(f'DROP OWNED BY "{role}"'))
            admin.execute(text(f'DROP ROLE "{role}"'))
            admin.commit()
