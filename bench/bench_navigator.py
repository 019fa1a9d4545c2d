"""The navigator's first fill at national scope: a national officer's laptop opens the main
window, and the table of units and the tree of areas fill.

The local store holds the nation, as a national computer would after a pull: 25 provinces
of 8 districts of 8 communes (1,600 communes; the country has 1,652), 7.6 units a commune
(12,160 units; the country has about 12,530), and every unit's form of the year, in every
status, a tenth with an unsent change. Khmer interface.

What is timed, the best of REPEATS:
- the read (off the GUI thread: `read_scope`, the units with their form's status, unsent
  changes and conflicts, the years, the areas, and the sort and search keys);
- what the GUI thread does with it (`Navigator._show_scope`: the table and the tree of
  1,825 areas with their counts filled) — the only part the person could feel as a stall;
- a Navigator built and shown until its first read is on screen (`loaded`), as the main
  window does it.

Baseline, measured in the same run: the bare query of the same rows with Python's own
sqlite3 (units joined with their form of the year, fetched as tuples).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.figures import Figure, best_of
from bench.servers import form_version
from client.context import AppContext
from client.qt import QApplication
from client.session import UserSession
from client.store.models import LocalForm, OutboxOperation
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.navigator import Navigator
from client.ui.unit_keys import read_scope
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.units.models import ServiceUnit
from common.workflow import STATUSES

PROVINCES, DISTRICTS, COMMUNES = 25, 8, 8
#: Units of a commune, in turn: 7 and 8 (7.6 on average, as in the country).
UNITS_PER_COMMUNE = (7, 8, 8, 7, 8)
YEAR = 2026
REPEATS = 5
BARE_QUERY = ("SELECT u.id, u.code, u.kind, u.name_km, u.name_en, u.commune_code, f.id, "
              "f.status FROM service_unit u LEFT JOIN local_form f ON f.unit_id = u.id "
              "AND f.year = ? AND f.deleted = 0 WHERE u.active = 1 "
              "ORDER BY u.commune_code, u.code")


def _nation(store: LocalStore) -> int:
    """Areas, units and a form of YEAR for each unit; the number of units."""
    areas, communes = [], []
    for p in range(1, PROVINCES + 1):
        province = f"{p:02d}"
        areas.append(AreaRecord(province, "province", "province", f"ខេត្ត {p}",
                                f"Province {p}"))
        for d in range(1, DISTRICTS + 1):
            district = f"{province}{d:02d}"
            areas.append(AreaRecord(district, "district", "district", f"ស្រុក {district}",
                                    f"District {district}"))
            for c in range(1, COMMUNES + 1):
                code = f"{district}{c:02d}"
                areas.append(AreaRecord(code, "commune", "commune", f"ឃុំ {code}",
                                        f"Commune {code}"))
                communes.append(code)
    units = 0
    with store.transaction() as session:
        apply_import(session, AreaSource("bench", areas))
        for n, commune in enumerate(communes):
            for u in range(UNITS_PER_COMMUNE[n % len(UNITS_PER_COMMUNE)]):
                kind = ("cs_admin", "health_center")[u] if u < 2 else "primary_school"
                unit = ServiceUnit(id=f"u-{commune}-{u}", code=f"{commune}{u:02d}",
                                   kind=kind, commune_code=commune,
                                   name_km=f"អង្គភាព {commune} {u}",
                                   name_en=f"Unit {commune} {u}")
                form = LocalForm(id=f"f-{commune}-{u}", unit_id=unit.id, year=YEAR,
                                 form_code=kind, definition_version=form_version(kind),
                                 status=STATUSES[units % len(STATUSES)], server_revision=1)
                session.add_all([unit, form])
                if units % 10 == 0:
                    session.add(OutboxOperation(
                        op_id=f"op-{units}", device_seq=units, record_id=form.id,
                        state="pending", payload={}, payload_hash="-"))
                units += 1
    return units


def _context(home: Path) -> AppContext:
    context = AppContext(home)
    context.settings.language = "km"
    user = {"id": "00000000-0000-4000-8000-00000000b0b1", "username": "nation",
            "full_name": "Bench", "role": "national_admin", "area_code": "",
            "unit_id": None, "language": "km"}
    profile = context.profiles.remember("nation", "bench password", user,
                                        "http://127.0.0.1:9")
    store = LocalStore(profile.store_path)
    _nation(store)
    transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport,
                                      SyncEngine(store, transport), online=False))
    return context


def _first_fill(context: AppContext, app: QApplication) -> tuple[float, int]:
    """Seconds from building a Navigator to its first read shown, and the rows shown."""
    start = time.perf_counter()
    navigator = Navigator(context)
    navigator.show()
    while navigator.scope is None:
        app.processEvents()
        time.sleep(0.0005)
    took = time.perf_counter() - start
    rows = navigator.model.rowCount()
    navigator.deleteLater()
    app.processEvents()
    return took, rows


def run() -> list[Figure]:
    """Fill a national navigator REPEATS times, and read the bare query as often."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        context = _context(Path(folder) / "home")
        try:
            store = context.session.store  # type: ignore[union-attr]
            path = context.session.profile.store_path  # type: ignore[union-attr]
            with sqlite3.connect(path) as bare:
                baseline = best_of(REPEATS, lambda: bare.execute(BARE_QUERY, (YEAR,))
                                   .fetchall())
            read = best_of(REPEATS, lambda: read_scope(store, YEAR, "km", 1))
            shown = Navigator(context)
            while shown.scope is None:
                app.processEvents()
            scope = read_scope(store, YEAR, "km", 0)
            generations = itertools.count(10**6)  # each newer than what is shown
            show = best_of(REPEATS, lambda: shown._show_scope(
                replace(scope, generation=next(generations))))
            fills = [_first_fill(context, app) for _ in range(REPEATS)]
            shown.deleteLater()
            app.processEvents()
        finally:
            context.end_session()
    units = fills[0][1]
    if units < 12_000:
        raise RuntimeError(f"the navigator showed {units} units, not the nation")
    bare_name = "sqlite3: the same units and forms, bare query"
    return [
        Figure(f"navigator: read the nation's units off the GUI thread ({units} units)",
               read * 1000, "ms", "-", baseline * 1000, bare_name),
        Figure("navigator: fill table and tree on the GUI thread (nation)", show * 1000,
               "ms", "<= 200 ms", baseline * 1000, bare_name, show <= 0.2),
        Figure("navigator: built until its first read is shown (nation)",
               min(f[0] for f in fills) * 1000, "ms", "-", baseline * 1000, bare_name),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
