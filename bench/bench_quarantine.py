"""The held-operations list (GET /sync/quarantine, `server.sync.holds.quarantine_for`) of
a district officer, after one push of 2,000 held operations elsewhere (issue #16: it took
3 to 5 seconds when the list read every hold of the country and each hold's form one by
one). Target: its time depends on the caller's scope, not the country's: at most 1.5x the
same list when nothing is held elsewhere, measured in the same run (the baseline).

The world, seeded by bulk inserts: two provinces of four districts of five communes, a
health center in each commune; in the officer's district, 40 forms with 120 holds (own,
others', locked, delete-and-edit clashes, of JAAP actions too); then, in a district of the
other province, 100 approved forms receiving 2,000 held edits (20 each, as one push of a
late computer leaves them). The list is asked REPEATS times, and the best time kept, before
and after the 2,000 arrive. On SQLite, and on PostgreSQL when reachable
(ISAF_BENCH_POSTGRES_URL, default the test server), after ANALYZE (as autovacuum does
after a bulk change).

Run with `python -m bench quarantine`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session

from bench.figures import Figure, best_of
from bench.servers import form_version, postgres_schema, postgres_unreachable
from common.db import make_engine
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.units.models import ServiceUnit
from server.accounts.models import User
from server.accounts.service import create_user
from server.data.models import FormRecord, SyncQuarantine, SyncRecord
from server.database import upgrade
from server.sync.holds import quarantine_for

POSTGRES_URL = os.environ.get("ISAF_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
HELD_ELSEWHERE = 2000
FORMS_ELSEWHERE = 100
REPEATS = 7
TARGET = 1.5
_Rows = list[dict[str, Any]]


def _seed(engine: Engine) -> tuple[str, str, _Rows]:
    """The world (see the module docstring): the officer's id, the id of a user of the
    other province who sends the holds elsewhere, and the forms there."""
    areas = []
    for p in ("01", "02"):
        areas.append(AreaRecord(p, "province", "province", f"ខេត្ត {p}", f"Province {p}"))
        for d in range(1, 5):
            district = f"{p}{d:02d}"
            areas.append(AreaRecord(district, "district", "district", f"ស្រុក {district}",
                                    f"District {district}"))
            areas += [AreaRecord(f"{district}{c:02d}", "commune", "commune", f"ឃុំ {c}",
                                 f"Commune {district}{c:02d}") for c in range(1, 6)]
    with Session(engine) as session, session.begin():
        apply_import(session, AreaSource("bench", areas))
        units = {a.code: ServiceUnit(code=f"HC{a.code}", kind="health_center",
                                     commune_code=a.code, name_km="មណ្ឌលសុខភាព",
                                     name_en=f"Health center {a.code}")
                 for a in areas if a.level == "commune"}
        session.add_all(units.values())
        session.flush()
        officer = create_user(session, username="dmk.0102", full_name="DMK", role="dmk_officer",
                              password="bench password 2026", area_code="0102")
        editor = create_user(session, username="hc.010201", full_name="Editor",
                             role="unit_editor", password="bench password 2026",
                             unit_id=units["010201"].id)
        sender = create_user(session, username="dmk.0201", full_name="Elsewhere",
                             role="dmk_officer", password="bench password 2026",
                             area_code="0201")
        ids = (officer.id, editor.id, sender.id)
        unit_ids = {code: unit.id for code, unit in units.items()}
    officer_id, editor_id, sender_id = ids
    forms: _Rows = []
    records: _Rows = []
    holds: _Rows = []
    # In the officer's district: 40 forms, each with three holds (the officer's own, an
    # editor's locked edit, a clash), and 40 JAAP actions with a held change each.
    for n in range(40):
        commune = f"0102{n % 5 + 1:02d}"
        form = _form(unit_ids[commune], 2015 + n, editor_id)
        forms.append(form)
        holds += [_hold(officer_id, "locked", form_id=form["id"]),
                  _hold(editor_id, "locked", form_id=form["id"]),
                  _hold(editor_id, "delete_conflict", form_id=form["id"])]
        record = _record(commune, editor_id)
        records.append(record)
        holds.append(_hold(editor_id, "not_permitted", record_id=record["id"]))
    # Elsewhere: one late computer's push, 2,000 edits of 100 approved forms, all held.
    elsewhere = [_form(unit_ids[f"0201{n % 5 + 1:02d}"], 2015 + n // 5, sender_id)
                 for n in range(FORMS_ELSEWHERE)]
    _insert(engine, forms + elsewhere, records, holds)
    return officer_id, sender_id, elsewhere


def _form(unit_id: str, year: int, author: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "unit_id": unit_id, "year": year,
            "form_code": "health_center",
            "definition_version": form_version("health_center"), "status": "approved",
            "created_by": author, "server_seq": 1, "problems": [], "revision": 1,
            "deleted": False}


def _record(commune: str, author: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "kind": "jaap_action", "commune_code": commune,
            "unit_id": None, "year": 2026, "created_by": author, "revision": 1,
            "server_seq": 1, "deleted": False}


def _hold(author: str, reason: str, *, form_id: str | None = None,
          record_id: str | None = None) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "op_id": str(uuid.uuid4()),
            "device_id": str(uuid.uuid4()), "user_id": author, "form_id": form_id,
            "record_id": record_id, "reason": reason, "detail": "bench",
            "payload": {"fields": {"anc1": [1, 1]}}, "status": "held"}


def _insert(engine: Engine, forms: _Rows, records: _Rows, holds: _Rows) -> None:
    with Session(engine) as session, session.begin():
        for table, rows in ((FormRecord, forms), (SyncRecord, records),
                            (SyncQuarantine, holds)):
            if rows:
                session.execute(insert(table.__table__), rows)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _lister(engine: Engine, officer_id: str) -> Callable[[], int]:
    def listed() -> int:
        with Session(engine) as session:
            officer = session.get(User, officer_id)
            assert officer is not None
            return len(quarantine_for(session, officer))
    return listed


def _measure(url: str, name: str) -> list[Figure]:
    engine = make_engine(url)
    try:
        upgrade(engine)
        officer_id, sender_id, elsewhere = _seed(engine)
        listed = _lister(engine, officer_id)
        shown = listed()
        before = best_of(REPEATS, listed) * 1000
        _insert(engine, [], [], [_hold(sender_id, "locked", form_id=elsewhere[n % len(
            elsewhere)]["id"]) for n in range(HELD_ELSEWHERE)])
        assert listed() == shown, "holds elsewhere must not reach a district's list"
        after = best_of(REPEATS, listed) * 1000
    finally:
        engine.dispose()
    print(f"  {name}: {shown} holds listed; {before:.1f} ms, then {after:.1f} ms with "
          f"{HELD_ELSEWHERE} held elsewhere", file=sys.stderr)
    return [Figure(f"held-operations list, district officer, {HELD_ELSEWHERE} held "
                   f"elsewhere ({name})", after, "ms", f"<= {TARGET}x baseline", before,
                   "the same list, nothing held elsewhere", after <= TARGET * before)]


def run() -> list[Figure]:
    """The figure on SQLite, and on PostgreSQL when it is reachable."""
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        figures += _measure(f"sqlite:///{folder}/bench.sqlite", "SQLite")
    reason = postgres_unreachable(POSTGRES_URL)
    if reason:
        print(f"bench_quarantine: PostgreSQL skipped: {reason} (set "
              "ISAF_BENCH_POSTGRES_URL)", file=sys.stderr)
        return figures
    with postgres_schema(POSTGRES_URL) as url:
        figures += _measure(url, "PostgreSQL")
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
