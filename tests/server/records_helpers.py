"""What the tests of records of other kinds than forms through sync share
(tests/server/test_records.py, tests/server/test_records_checks.py): the accounts beyond
the test world's, and helpers that push operations on records and read what the server
holds of them.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.sync.kinds import KINDS
from common.sync.protocol import Operation
from server.accounts.service import create_user
from server.data.audit import entries
from server.data.models import (
    AuditEvent,
    RecordValue,
    SyncConflict,
    SyncRecord,
)
from tests.server.conftest import PASSWORD, World
from tests.server.test_sync_api import Device, receipts
from tests.server.test_sync_rules import holds
from tests.server.test_sync_rules import pull_all as pull_from

#: Records have no natural key: their years only vary (within the protocol's 2015-2100).
RECORD_YEARS = itertools.cycle(range(2030, 2101))
#: A form is one per unit, year and form code: each form made here gets its own year (the
#: module shares one database).
FORM_YEARS = itertools.count(2015)
HOME = "010201"  # the commune of the test world's "home" unit, and of focal and caf
NEIGHBOUR = "010202"  # another commune of the same district (dmk's scope: 0102)
FAR = "020101"  # a commune of the other province: no other account's scope reaches it
#: Accounts beyond the world's: the neighbouring commune's people and an editor there, and
#: an officer of the far district (for tests whose records nobody else may pull).
#: username -> (role, area code, unit key)
NEIGHBOURS = {
    "focal_next": ("commune_focal_point", NEIGHBOUR, None),
    "caf_next": ("caf", NEIGHBOUR, None),
    "editor_next": ("unit_editor", None, "other_commune"),
    "dmk_far": ("dmk_officer", "0201", None),
}

Values = dict[str, Any]



def make_neighbours(app: Flask, world: World) -> dict[str, str]:
    """Make the accounts of the neighbouring commune and the far district (username ->
    user id); each test module that needs them makes them once, in its own database."""
    made: dict[str, str] = {}
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        for username, (role, area, unit_key) in NEIGHBOURS.items():
            user = create_user(session, username=username, full_name=username.title(),
                               password=PASSWORD, role=role, area_code=area,
                               unit_id=world.units[unit_key] if unit_key else None)
            made[username] = user.id
    return made



def record_op(device: Device, entity: str, record_id: str, fields: dict[str, tuple[Any, int]],
              **extra: Any) -> Operation:
    """An operation of `device` on a record of kind `entity` (Device.op makes forms')."""
    device.seq += 1
    return Operation(op_id=str(uuid.uuid4()), device_id=device.id, device_seq=device.seq,
                     entity=entity, record_id=record_id,
                     definition_version=extra.pop("definition_version", KINDS[entity].version),
                     fields=fields, **extra)


def fresh(values: Values) -> dict[str, tuple[Any, int]]:
    """Values as changes of columns the device never had a server value for."""
    return {k: (v, 0) for k, v in values.items()}


def owner_of(entity: str, *, commune: str | None = HOME, unit: str | None = None,
             year: int | None = None) -> dict[str, Any]:
    """An owner for a new record of `entity`, with a year when the kind needs one."""
    if year is None and KINDS[entity].needs_year:
        year = next(RECORD_YEARS)
    owner = {"commune_code": commune, "year": year, "unit_id": unit}
    return {k: v for k, v in owner.items() if v is not None}


def create(device: Device, entity: str, values: Values, **where: Any
           ) -> tuple[str, dict[str, Any]]:
    """Push the creation of a record; (its id, the receipt)."""
    record_id = str(uuid.uuid4())
    op = record_op(device, entity, record_id, fresh(values), owner=owner_of(entity, **where))
    return record_id, receipts(device.push(op))[0]


def made(device: Device, entity: str, values: Values, **where: Any) -> str:
    """A record `device` created (asserting it applied): its id."""
    record_id, receipt = create(device, entity, values, **where)
    assert receipt["result"] == "applied", receipt
    return record_id


def push_one(device: Device, entity: str, record_id: str,
             fields: dict[str, tuple[Any, int]], **extra: Any) -> dict[str, Any]:
    """The receipt of one operation on an existing record."""
    return receipts(device.push(record_op(device, entity, record_id, fields, **extra)))[0]


def jaap(device: Device, **where: Any) -> str:
    """A JAAP action with its plan filled in (every column at revision 1)."""
    return made(device, "jaap_action", {"section": "A", "activity": "Build a well",
                                        "location": "Phum Thmei"}, **where)


def scorecard(device: Device, world: World, unit: str = "home") -> str:
    """A scorecard session of a unit (every column at revision 1)."""
    return made(device, "scorecard_session", {"kind": "community", "date": "2026-03-14"},
                commune=None, unit=world.units[unit])


def facilitator(device: Device, commune: str = HOME) -> str:
    """A facilitator of a commune (every column at revision 1)."""
    return made(device, "facilitator", {"name": "Sok Chan", "sex": "f", "phone": "012 345"},
                commune=commune)


def stored(app: Flask, record_id: str) -> dict[str, tuple[Any, int]]:
    """A record's columns on the server: key -> (value, revision)."""
    with Session(app.extensions["isaf_engine"]) as session:
        return {k: (v, r) for k, v, r in session.execute(
            select(RecordValue.field, RecordValue.value, RecordValue.revision)
            .where(RecordValue.record_id == record_id))}


def header(app: Flask, record_id: str) -> dict[str, Any] | None:
    """A record's header on the server, or None."""
    with Session(app.extensions["isaf_engine"]) as session:
        record = session.get(SyncRecord, record_id)
        if record is None:
            return None
        return {"kind": record.kind, "commune": record.commune_code, "unit_id": record.unit_id,
                "year": record.year, "revision": record.revision, "deleted": record.deleted}


def revision(app: Flask, record_id: str) -> int:
    """A record's header revision on the server (the base a delete names)."""
    found = header(app, record_id)
    assert found is not None
    return int(found["revision"])


def deleted(app: Flask, record_id: str) -> bool:
    """Whether the record is a tombstone on the server."""
    found = header(app, record_id)
    assert found is not None
    return bool(found["deleted"])


def events(app: Flask, record_id: str) -> list[tuple[str, str | None]]:
    """A record's audit trail as a history reads it (a value changed is one entry, also
    when one event changed several): (action, field), oldest first."""
    with Session(app.extensions["isaf_engine"]) as session:
        return [(entry["action"], entry["field"]) for event in session.scalars(
            select(AuditEvent).where(AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id)) for entry in entries(event)]


def conflict_row(app: Flask, conflict_id: str) -> SyncConflict:
    with Session(app.extensions["isaf_engine"]) as session:
        conflict = session.get(SyncConflict, conflict_id)
        assert conflict is not None
        session.expunge(conflict)
        return conflict


def settle(device: Device) -> None:
    """Wait until the device's scope holds no change a pull cannot give yet (a write still
    running in this database holds the feed back; `Device.settle`)."""
    device.settle()


def pull_all(device: Device, cursor: str = "") -> tuple[list[dict[str, Any]],
                                                        list[dict[str, Any]], str]:
    """Every change and conflict after `cursor` (once the scope is settled), and the
    cursor at the end."""
    settle(device)
    return pull_from(device, cursor)


def checksum(device: Device) -> dict[str, Any]:
    """The device's checksum, once its scope is settled (so the counts are pullable)."""
    settle(device)
    return device.checksum()


def seen(device: Device, record_id: str) -> tuple[dict[str, Any] | None, Values]:
    """What `device` pulls of a record: its newest header (None when it gets none) and
    its columns' newest changes by key."""
    changes, _, _ = pull_all(device)
    found: dict[str, Any] | None = None
    columns: Values = {}
    for change in changes:
        if change["t"] == "record" and change["id"] == record_id:
            found = change
        elif change["t"] == "value" and change["f"] == record_id:
            columns[change["k"]] = change
    return found, columns


def held(client: FlaskClient, device: Device, op_id: str) -> list[dict[str, Any]]:
    """The holds of one operation that `device`'s user is shown."""
    return [h for h in holds(client, device) if h["op_id"] == op_id]

