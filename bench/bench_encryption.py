"""What encrypting the local store costs (target: docs/BENCHMARKS.md): opening and saving a
150-field form on an encrypted store within 1.3 times the same on a plain store, measured
in the same run.

Both stores hold the same province (bench/bench_client_form.py's builder: 480 units, 960
filled forms): the plain one is built, then copied and encrypted the way a store of an
earlier version is at its first sign-in (client/store/crypto.py), so the two files hold
exactly the same rows. Each figure's baseline is the plain store's:

- opening the form in the form editor, Khmer, shown and painted (what a person waits for);
- the store's part of that opening alone (the form, its values, its draft, the conflicts);
- saving 150 changed figures (values and outbox in one transaction), from the editor's
  save to its "saved", and by `LocalStore.save_values` directly;
- opening the store itself (connection, key, schema check) and a first read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.bench_client_form import (
    REPEATS,
    _dispose,
    _province,
    _save_times,
    _timed,
    _wide_health_center,
    another_wide_form,
    open_counts,
)
from bench.figures import Figure, best_of
from client.context import AppContext
from client.fonts import install_fonts
from client.qt import QApplication
from client.session import UserSession
from client.store import crypto, entry
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor
from common.forms import load_definitions
from server.cli import FORMS_DIR

TARGET = 1.3
NOWHERE = "http://127.0.0.1:9"
#: The quick figures (a few milliseconds) are taken more often, plain and encrypted in
#: turn, so a moment of load elsewhere on the machine does not fall on one side only.
QUICK_REPEATS = 30


def _build(folder: Path) -> tuple[Path, Path, bytes, str]:
    """The plain store and its encrypted copy; the key, and the form to open."""
    plain = folder / "plain" / "store.sqlite"
    plain.parent.mkdir(parents=True)
    store = LocalStore(plain)
    real = {d.form: d for d in load_definitions(FORMS_DIR)}
    definitions = {**real, "health_center": _wide_health_center(real["health_center"])}
    made = _province(store, {**definitions, "health_center_real": real["health_center"]})
    store.close()
    encrypted = folder / "encrypted" / "store.sqlite"
    encrypted.parent.mkdir()
    shutil.copyfile(plain, encrypted)
    key = crypto.new_data_key()
    assert crypto.encrypt_plain_store(encrypted, key)
    return plain, encrypted, key, made["form"]


def _context(home: Path, store: LocalStore) -> AppContext:
    context = AppContext(home)
    context.settings.language = "km"
    user = {"id": "00000000-0000-4000-8000-00000000b0b1", "username": "province",
            "full_name": "Bench", "role": "dmk_officer", "area_code": "01", "unit_id": None,
            "language": "km"}
    profile = context.profiles.remember("province", "bench password", user, NOWHERE)
    transport = Transport(NOWHERE, retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport,
                                      SyncEngine(store, transport), online=False))
    return context


def _store_reads(store: LocalStore, form_id: str) -> Callable[[], object]:
    def read() -> object:
        return (store.form(form_id), store.values(form_id), entry.read_draft(store, form_id),
                store.open_conflicts())

    return read


def _cold_open(path: Path, key: bytes | None, form_id: str) -> Callable[[], object]:
    def open_and_read() -> None:
        store = LocalStore(path, key=key)
        store.values(form_id)
        store.close()

    return open_and_read


def _in_turn(plain: Callable[[], object], encrypted: Callable[[], object]) -> tuple[float, float]:
    """The fastest of QUICK_REPEATS runs of each, taken in turn."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(QUICK_REPEATS):
        for work, kept in ((plain, times[0]), (encrypted, times[1])):
            kept.append(best_of(1, work))
    return min(times[0]), min(times[1])


def _quick(plain: Path, encrypted: Path, key: bytes, form_id: str) -> dict[str, tuple[float,
                                                                                      float]]:
    """Opening each store, and the store's reads of opening the form: (plain, encrypted)."""
    figures = {"cold": _in_turn(_cold_open(plain, None, form_id),
                                _cold_open(encrypted, key, form_id))}
    stores = LocalStore(plain), LocalStore(encrypted, key=key)
    try:
        figures["reads"] = _in_turn(_store_reads(stores[0], form_id),
                                    _store_reads(stores[1], form_id))
    finally:
        for store in stores:
            store.close()
    return figures


def _measure(app: QApplication, home: Path, path: Path, key: bytes | None,
             form_id: str) -> dict[str, float]:
    """The editor's figures on one store: seconds, fastest of REPEATS."""
    figures: dict[str, float] = {}
    store = LocalStore(path, key=key)
    context = _context(home, store)
    try:
        definition = store.latest_definition("health_center")  # the wide one
        assert definition is not None and len(definition.field_keys) == 150
        _timed(1, lambda: FormEditor(context, form_id), app)  # fonts and caches warm
        figures["open"] = min(_timed(REPEATS, lambda: FormEditor(context, form_id), app))
        editor = FormEditor(context, form_id)
        editor.show()
        app.processEvents()
        numbers = open_counts(editor, definition)
        figures["save"] = _save_times(app, editor, numbers, REPEATS)
        _dispose(editor, app)
        other = another_wide_form(store, form_id)
        times = []
        for round_ in range(REPEATS):
            changes = {k: 300 + round_ % 2 for k in numbers}
            start = time.perf_counter()
            store.save_values(other, changes)
            times.append(time.perf_counter() - start)
        figures["direct"] = min(times)
        figures["fields"] = len(numbers)
    finally:
        context.end_session()
    return figures


def run() -> list[Figure]:
    """The same form opened and saved on a plain and on an encrypted store."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    install_fonts(app)
    with tempfile.TemporaryDirectory() as folder:
        plain, encrypted, key, form_id = _build(Path(folder))
        # The time it takes to encrypt a province's store at a first sign-in.
        again = Path(folder) / "again.sqlite"
        shutil.copyfile(plain, again)
        started = time.perf_counter()
        crypto.encrypt_plain_store(again, crypto.new_data_key())
        convert = time.perf_counter() - started
        base = _measure(app, Path(folder) / "home-plain", plain, None, form_id)
        enc = _measure(app, Path(folder) / "home-encrypted", encrypted, key, form_id)
        for name, (plain_time, encrypted_time) in _quick(plain, encrypted, key,
                                                           form_id).items():
            base[name], enc[name] = plain_time, encrypted_time
    fields = int(enc["fields"])
    named = [
        ("open", "open a 150-field form in the editor, Khmer", "editor on a plain store"),
        ("reads", "the store's reads of opening that form", "same reads, plain store"),
        ("save", f"save {fields} changed figures from the editor", "editor on a plain store"),
        ("direct", f"LocalStore.save_values of {fields} figures", "same, plain store"),
        ("cold", "open the store and read a form's values", "same, plain store"),
    ]
    figures = [Figure(f"encrypted store: {what}", enc[name] * 1000, "ms",
                      f"<= {TARGET}x plain", base[name] * 1000, baseline,
                      enc[name] <= TARGET * base[name])
               for name, what, baseline in named]
    figures.append(Figure("encrypted store: encrypt a province's plain store (960 forms)",
                          convert * 1000, "ms", "once, at sign-in"))
    return figures
