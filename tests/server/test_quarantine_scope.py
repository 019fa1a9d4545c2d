"""The held-operations list (GET /sync/quarantine, `server.sync.holds.quarantine_for`) is worked out
by the database, from the caller's scope: on SQLite and PostgreSQL.

Covered: it shows exactly the holds `may_see_and_decide` (the rule a decision applies to
one hold) lets each account see, with the same `may_decide`, over every kind of hold
(own or another's; of a form or a record inside, beside or outside the scope, deleted,
missing or none; locked or a delete-and-edit clash; a personal record); its number of SQL
statements does not grow with holds outside the caller's scope (2,000 of them, inserted
directly); and its pages.

The holds, forms and records are inserted as rows (fast, and with ids the tests choose),
not pushed: the rules of who may push what are tests/server/test_sync_*.py's.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session

from common.units.models import ServiceUnit
from server.accounts.models import User
from server.data.models import FormRecord, SyncQuarantine, SyncRecord
from server.sync import holds as sync_holds
from tests.conftest import form_version
from tests.server.conftest import ACCOUNTS, World

#: Every form made here gets its own year (one live form per unit, year and form code).
YEARS = itertools.count(2015)
#: Where a hold's form or record lies, against the test world's accounts: the home unit
#: (every account's scope), the neighbouring commune (the district's), the neighbouring
#: district (the province's), the other province (only the country's).
PLACES = ("home", "other_commune", "other_district", "other_province")
COMMUNES = {"home": "010201", "other_commune": "010202", "other_district": "010301",
            "other_province": "020101"}


def _engine(app: Flask) -> Engine:
    return app.extensions["isaf_engine"]  # type: ignore[no-any-return]


def _form(world: World, place: str, author: str, *, deleted: bool = False) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "unit_id": world.units[place], "year": next(YEARS),
            "form_code": "health_center",
            "definition_version": form_version("health_center"), "status": "approved",
            "created_by": author, "server_seq": 1, "problems": [], "revision": 1,
            "deleted": deleted}


def _record(world: World, place: str, author: str, kind: str) -> dict[str, Any]:
    # A scorecard session belongs to a unit; a JAAP action and a facilitator (personal:
    # never a unit editor's) to a commune.
    return {"id": str(uuid.uuid4()), "kind": kind, "commune_code": COMMUNES[place],
            "unit_id": world.units[place] if kind == "scorecard_session" else None,
            "year": None if kind == "facilitator" else 2026, "created_by": author,
            "revision": 1, "server_seq": 1, "deleted": False}


def _hold(author: str, reason: str, *, form_id: str | None = None,
          record_id: str | None = None) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "op_id": str(uuid.uuid4()),
            "device_id": str(uuid.uuid4()), "user_id": author, "form_id": form_id,
            "record_id": record_id, "reason": reason, "detail": "test",
            "payload": {"fields": {"anc1": [1, 1]}}, "status": "held"}


def _insert(engine: Engine, forms: list[dict[str, Any]], records: list[dict[str, Any]],
            holds: list[dict[str, Any]]) -> None:
    with Session(engine) as session, session.begin():
        for table, rows in ((FormRecord, forms), (SyncRecord, records),
                            (SyncQuarantine, holds)):
            if rows:
                session.execute(insert(table.__table__), rows)


@pytest.fixture(scope="module")
def every_kind_of_hold(app: Flask, world: World) -> set[str]:
    """Holds of every kind that decides who sees them, by three authors (the unit's
    editor, the district officer, the provincial officer with delegated approval); their
    ids."""
    forms: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    holds: list[dict[str, Any]] = []
    for author_name in ("editor", "dmk", "province_delegated"):
        author = world.users[author_name]
        for reason in ("locked", "delete_conflict", "deleted"):
            for place in PLACES:
                form = _form(world, place, author, deleted=reason == "deleted")
                forms.append(form)
                holds.append(_hold(author, reason, form_id=form["id"]))
                for kind in ("jaap_action", "scorecard_session", "facilitator"):
                    record = _record(world, place, author, kind)
                    records.append(record)
                    holds.append(_hold(author, reason, record_id=record["id"]))
            # A hold whose form or record is not there (a row never made), and one that
            # names neither (a creation held whole, a reused operation id).
            holds.append(_hold(author, reason, form_id=str(uuid.uuid4())))
            holds.append(_hold(author, reason, record_id=str(uuid.uuid4())))
            holds.append(_hold(author, reason))
    # One settled: never listed.
    settled = _hold(world.users["editor"], "locked")
    settled["status"] = "dismissed"
    holds.append(settled)
    _insert(_engine(app), forms, records, holds)
    return {h["id"] for h in holds}


@pytest.mark.parametrize("username", sorted(ACCOUNTS))
def test_the_list_is_exactly_what_the_rule_for_one_hold_says(
        app: Flask, world: World, every_kind_of_hold: set[str], username: str) -> None:
    with Session(_engine(app)) as session:
        user = session.get(User, world.users[username])
        assert user is not None
        listed = {hold.id: decides for hold, decides in sync_holds.quarantine_for(session, user)
                  if hold.id in every_kind_of_hold}
        expected = {}
        for hold in session.scalars(select(SyncQuarantine).where(
                SyncQuarantine.id.in_(every_kind_of_hold),
                SyncQuarantine.status == "held")):
            sees, decides = sync_holds.may_see_and_decide(session, user, hold)
            if sees:
                expected[hold.id] = decides
    assert listed == expected
    assert listed, "every account sees some of these holds"


def test_the_list_is_ordered_and_pages(app: Flask, world: World,
                                       every_kind_of_hold: set[str]) -> None:
    with Session(_engine(app)) as session:
        dmk = session.get(User, world.users["dmk"])
        assert dmk is not None
        whole = sync_holds.quarantine_for(session, dmk)
        assert [(h.created_at, h.id) for h, _ in whole] == sorted(
            (h.created_at, h.id) for h, _ in whole)
        pages: list[tuple[SyncQuarantine, bool]] = []
        after = None
        while True:
            page = sync_holds.quarantine_for(session, dmk, limit=7, after=after)
            pages += page
            if len(page) < 7:
                break
            after = (page[-1][0].created_at, page[-1][0].id)
        assert [(h.id, d) for h, d in pages] == [(h.id, d) for h, d in whole]


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


Rows = list[dict[str, Any]]


def _elsewhere(world: World, author: str, count: int) -> tuple[Rows, Rows, Rows, Rows]:
    """Rows of units, forms, records and `count` holds outside the district officer's
    scope (the neighbouring district and the other province), each hold of a form or
    record of its own (the worst case of the old list, which read each hold's form)."""
    forms: Rows = []
    records: Rows = []
    holds: Rows = []
    units: Rows = []
    for n in range(count // 100 + 1):
        # Units of their own, so each of their forms can have a year of its own.
        place = ("other_district", "other_province")[n % 2]
        units.append({"id": str(uuid.uuid4()), "code": f"HCX{n:05d}",
                      "kind": "health_center", "commune_code": COMMUNES[place],
                      "name_km": "អង្គភាព", "name_en": f"Unit {n}", "active": True})
    for n in range(count):
        unit, place = units[n // 100], ("other_district", "other_province")[(n // 100) % 2]
        if n % 4:
            form = _form(world, place, author)
            form.update(unit_id=unit["id"], year=2015 + n % 100)
            forms.append(form)
            holds.append(_hold(author, "locked", form_id=form["id"]))
        else:
            record = _record(world, place, author, "jaap_action")
            records.append(record)
            holds.append(_hold(author, "delete_conflict", record_id=record["id"]))
    return units, forms, records, holds


def test_the_list_costs_the_same_number_of_statements_whatever_is_held_elsewhere(
        app: Flask, client: FlaskClient, world: World, headers: dict[str, dict[str, str]],
        every_kind_of_hold: set[str]) -> None:
    engine = _engine(app)

    def listed() -> tuple[int, int, int]:
        with Session(engine) as session:
            dmk = session.get(User, world.users["dmk"])
            with _statements(engine) as run:
                shown = sync_holds.quarantine_for(session, dmk)
            in_service = len(run)
        with _statements(engine) as run:
            answer = client.get("/api/v1/sync/quarantine", headers=headers["dmk"])
        assert answer.status_code == 200
        assert len(answer.json) == len(shown)
        return in_service, len(run), len(shown)

    before, before_http, shown_before = listed()
    units, forms, records, holds = _elsewhere(world, world.users["province_delegated"],
                                              2000)
    with Session(engine) as session, session.begin():
        session.execute(insert(ServiceUnit.__table__), units)
    _insert(engine, forms, records, holds)

    after, after_http, shown_after = listed()
    # The same list (nothing of the 2,000 is the district's), in as many statements: one
    # for the list itself, whatever the country holds.
    assert shown_after == shown_before > 0
    assert after == before == 1
    assert after_http == before_http
