"""Change numbers (`server_seq`) on PostgreSQL: taken from transaction ids, so pushes do not
queue for a counter, yet no cursor skips a change that commits late, and numbers go on
above the stored ones after a backup is restored into a new database cluster.

SQLite numbers changes from its counter row, one writer at a time: these cases are
PostgreSQL's (server/data/models.py, `next_server_seq`)."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from server.accounts.models import User
from server.cli import main
from server.data import models
from server.data.models import FieldValue, FormRecord, align_seq_offset
from server.errors import ChangeNumbersBehindError
from server.sync.service import push
from server.warmup import warm
from tests.server.conftest import World
from tests.server.test_sync_api import Device, key, receipts


def postgresql_only(app: Flask, why: str) -> Engine:
    engine: Engine = app.extensions["isaf_engine"]
    if engine.dialect.name != "postgresql":
        pytest.skip(f"{why} (the case runs on PostgreSQL)")
    return engine


def pull_all(device: Device, cursor: str = "", *, settle: bool = True
             ) -> tuple[str, dict[tuple[str, str], Any]]:
    """Pull to the end of the feed: the last cursor and the values seen on the way
    (`settle=False`: without waiting for writes still running)."""
    values: dict[tuple[str, str], Any] = {}
    while True:
        page = device.pull(cursor, settle=settle).json
        values.update({(c["f"], c["k"]): c["v"] for c in page["changes"] if c["t"] == "value"})
        cursor = page["next"]
        if not page["more"]:
            return cursor, values


def test_a_change_that_commits_late_is_not_skipped_and_does_not_hold_up_others(
        app: Flask, client: FlaskClient, world: World) -> None:
    """Two pushes overlap: the one that started first commits last. The second commits
    without waiting for it, and a pull made in between can never move its cursor past the
    first one's changes (SYNC.md: a cursor must not skip a change that commits late)."""
    engine = postgresql_only(app, "SQLite lets one writer at a time: no push can commit "
                                  "while another is open")
    slow, quick, reader = (Device(client, "editor"), Device(client, "dmk"),
                           Device(client, "province"))
    slow_form, quick_form = str(uuid.uuid4()), str(uuid.uuid4())
    cursor, _ = pull_all(reader)
    with Session(engine) as session, ThreadPoolExecutor(1) as pool:
        # The slow push is decided and written, but has not committed yet.
        editor = session.get(User, world.users["editor"])
        applied = push(session, editor, slow.id, [slow.op(
            slow_form, {"anc1": (11, 0)}, natural_key=key(world, "home", 2085))])
        assert applied[0].result == "applied"
        # In a thread, so that a push that waits for the slow one fails here, not hangs.
        answer = pool.submit(quick.push, quick.op(
            quick_form, {"anc1": (22, 0)}, natural_key=key(world, "other_commune", 2085)))
        try:
            quick_push = receipts(answer.result(timeout=30))
        except FuturesTimeout:
            session.rollback()
            pytest.fail("a push waited for another, still open, to commit")
        assert quick_push[0]["result"] == "applied"
        cursor, between = pull_all(reader, cursor, settle=False)
        assert (slow_form, "anc1") not in between  # not committed yet
        # The quick change is committed but waits behind the slow one: the reader's
        # checksum says its scope is not settled, so a computer does not compare yet.
        assert (quick_form, "anc1") not in between
        assert reader.checksum()["settled"] is False
        session.commit()
    _, later = pull_all(reader, cursor)
    assert later == {(slow_form, "anc1"): 11, (quick_form, "anc1"): 22}
    assert reader.checksum()["settled"] is True



def restore_from_a_cluster_far_ahead(engine: Engine) -> int:
    """Make the stored numbers what a backup from a busier cluster would hold: far above
    this cluster's transaction ids. The highest number now stored."""
    with Session(engine) as session, session.begin():
        ahead = session.scalar(select(func.max(FieldValue.server_seq))) + 10**9
        session.execute(text("UPDATE field_value SET server_seq = server_seq + 1000000000"))
        session.execute(text("UPDATE form_record SET server_seq = server_seq + 1000000000"))
    return int(ahead)


def test_after_a_restore_into_a_new_cluster_the_server_refuses_until_the_new_epoch(
        app: Flask, client: FlaskClient, world: World, module_database_url: str,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = postgresql_only(app, "SQLite's counter is part of the data a backup restores")
    editor = Device(client, "editor")
    receipts(editor.push(editor.op(str(uuid.uuid4()), {"anc1": (1, 0)},
                                   natural_key=key(world, "home", 2081))))
    ahead = restore_from_a_cluster_far_ahead(engine)
    monkeypatch.setattr(models, "_ALIGNED", set())  # the server process starts again
    # It refuses to start, saying what to do ...
    with caplog.at_level(logging.ERROR, logger="server.warmup"), \
            pytest.raises(ChangeNumbersBehindError):
        warm(app)
    assert "isaf db new-epoch" in caplog.text
    # ... and a process that started before the restore refuses to number a change (one
    # that had numbered some already does not check again: restore with the service
    # stopped).
    refused = editor.push(editor.op(str(uuid.uuid4()), {"anc1": (2, 0)},
                                    natural_key=key(world, "home", 2082)))
    assert refused.status_code == 503, refused.json
    assert refused.json["code"] == "change_numbers_behind"
    result = CliRunner().invoke(main, ["--database-url", module_database_url,
                                       "db", "new-epoch"])
    assert result.exit_code == 0, result.output
    warm(app)  # starts now
    reader = Device(client, "dmk")
    cursor, _ = pull_all(reader)  # up to the highest restored number
    form_id = str(uuid.uuid4())
    receipts(editor.push(editor.op(form_id, {"anc1": (7, 0)},
                                   natural_key=key(world, "home", 2083))))
    with Session(engine) as session:
        assert session.get(FormRecord, form_id).server_seq > ahead
    _, later = pull_all(reader, cursor)
    assert later == {(form_id, "anc1"): 7}
    # The offset only grows: a second new-epoch moves nothing back.
    with Session(engine) as session, session.begin():
        assert align_seq_offset(session) == 0
