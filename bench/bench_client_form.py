"""The form entry screen (targets: docs/BENCHMARKS.md): open a 150-field form <= 200 ms, save it
(data and outbox committed) <= 30 ms.

The local store holds a province's worth of data, as a provincial computer would after a
pull: an average province has 1,652 / 25 = 66 communes in 8 districts, and a commune has
on average 5.8 primary schools (9,622 / 1,652) and 0.8 health centers (1,256 / 1,652). So:
8 districts, 64 communes of which 60 hold units, 480 units (a commune administration, a
health center and 6 schools each), and every unit's forms of 2025 and 2026 (960 forms),
every one filled with demo figures. The form opened is a health
center's, on a definition made for this run: the real health-center form plus a section
of 40 counts, 150 fields in all, in Khmer with the shipped Khmer font.

Baselines, measured in the same run: for opening, the same number of plain labelled
QLineEdits in a QFormLayout, shown; for saving, `LocalStore.save_values` called directly
with the same changes (no screen, no worker thread).
"""

from __future__ import annotations

import copy
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.figures import Figure
from client.context import AppContext
from client.fonts import install_fonts
from client.qt import QApplication, QEvent, QFormLayout, QLineEdit, QWidget
from client.session import UserSession
from client.store.models import LocalForm, LocalValue
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.form_editor import FormEditor
from common.forms import FormDefinition, build_definition, load_definitions
from common.forms.store import publish_definition
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.units.models import ServiceUnit
from server.cli import FORMS_DIR
from server.demo_values import demo_values

DISTRICTS = 8
COMMUNES_PER_DISTRICT = 8  # 64 communes; the last four have no units (as in the field)
COMMUNES_WITH_UNITS = 60
SCHOOLS_PER_COMMUNE = 6  # the national average is 5.8
#: Both years a computer keeps after a pull: this round, and last year's for comparisons.
YEARS = (2026, 2025)
EXTRA_COUNTS = 40
REPEATS = 7


def _wide_health_center(real: FormDefinition) -> FormDefinition:
    """The health-center form with a section of 40 more counts: 150 fields."""
    source: dict[str, Any] = copy.deepcopy(dict(real.source))
    source["version"] = real.version + 1
    source["sections"].append({
        "code": "bench_extra",
        "title": {"km": "សូចនាករបន្ថែម", "en": "Additional indicators"},
        "indicators": [{
            "code": f"bench_count_{n}",
            "label": {"km": f"ចំនួនអ្នកជំងឺដែលបានទទួលសេវាបន្ថែម លេខ {n}",
                      "en": f"Patients who received additional service number {n}"},
            "type": "count", "unit": {"km": "នាក់", "en": "persons"}, "min": 0,
            "expected": {"min": 0, "max": 5000}} for n in range(1, EXTRA_COUNTS + 1)],
    })
    return build_definition(source, filename="bench-health-center")


def _province(store: LocalStore, definitions: dict[str, FormDefinition]) -> dict[str, str]:
    """Areas, units and filled forms of a province in one transaction; unit kind -> the
    first unit's id of each kind, and 'form' -> the form the benchmark opens."""
    rng = random.Random(2026)
    areas = [AreaRecord("01", "province", "province", "ខេត្តសាកល្បង", "Bench province")]
    communes = []
    for d in range(1, DISTRICTS + 1):
        district = f"01{d:02d}"
        areas.append(AreaRecord(district, "district", "district", f"ស្រុក {d}",
                                f"District {d}"))
        for c in range(1, COMMUNES_PER_DISTRICT + 1):
            code = f"{district}{c:02d}"
            areas.append(AreaRecord(code, "commune", "commune", f"ឃុំ {code}",
                                    f"Commune {code}"))
            communes.append(code)
    made: dict[str, str] = {}
    with store.transaction() as session:
        apply_import(session, AreaSource("bench", areas))
        for definition in definitions.values():
            publish_definition(session, definition)
        forms: list[LocalForm] = []
        values: list[LocalValue] = []

        def add_form(unit: ServiceUnit, year: int, definition: FormDefinition) -> str:
            form = LocalForm(id=f"{unit.code}-{year}", unit_id=unit.id, year=year,
                             form_code=definition.form,
                             definition_version=definition.version, status="draft",
                             server_revision=1)
            forms.append(form)
            for key, value in demo_values(definition, rng).items():
                values.append(LocalValue(form_id=form.id, field=key, value=value,
                                         server_value=value, server_revision=1))
            return form.id

        for commune in communes[:COMMUNES_WITH_UNITS]:
            kinds = [("health_center", f"HC{commune}"), ("cs_admin", f"CS{commune}")] + [
                ("primary_school", f"PS{commune}{n}") for n in range(SCHOOLS_PER_COMMUNE)]
            for kind, code in kinds:
                unit = ServiceUnit(code=code, kind=kind, commune_code=commune,
                                   name_km=f"អង្គភាព {code}", name_en=f"Unit {code}")
                session.add(unit)
                session.flush()
                made.setdefault(kind, unit.id)
                for year in YEARS:
                    form_id = add_form(unit, year, definitions[kind])
                    made.setdefault("form", form_id)  # the first health center's of 2026
        session.add_all(forms)
        session.add_all(values)
    return made


def open_counts(editor: FormEditor, definition: FormDefinition) -> list[str]:
    """The keys of the editor's count fields with no upper bound: every one can take any
    figure a save round writes."""
    return [k for k in definition.entered_field_keys()
            if isinstance(editor.field_widget(k), QLineEdit)
            and definition.field(k).indicator.type == "count"
            and definition.field(k).indicator.max is None]


def another_wide_form(store: LocalStore, form_id: str) -> str:
    """A health-center form on the 150-field definition other than `form_id` (for saves
    that do not go through the editor)."""
    wide = store.latest_definition("health_center")  # the wide one is the newest version
    assert wide is not None
    return next(f.id for f in store.forms() if f.form_code == "health_center"
                and f.id != form_id and f.definition_version == wide.version)


def _context(home: Path) -> tuple[AppContext, dict[str, str]]:
    context = AppContext(home)
    context.settings.language = "km"
    user = {"id": "00000000-0000-4000-8000-00000000b0b0", "username": "province",
            "full_name": "Bench", "role": "dmk_officer", "area_code": "01", "unit_id": None,
            "language": "km"}
    profile = context.profiles.remember("province", "bench password", user,
                                        "http://127.0.0.1:9")
    store = LocalStore(profile.store_path)
    real = {d.form: d for d in load_definitions(FORMS_DIR)}
    definitions = {**real, "health_center": _wide_health_center(real["health_center"])}
    made = _province(store, {**definitions, "health_center_real": real["health_center"]})
    transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport,
                                      SyncEngine(store, transport), online=False))
    return context, made


def _timed(repeats: int, build: Callable[[], QWidget], app: QApplication) -> list[float]:
    """Times to build a screen and have it shown, laid out and painted, in run order."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        widget = build()
        widget.resize(1200, 900)
        widget.show()
        app.processEvents()
        times.append(time.perf_counter() - start)
        _dispose(widget, app)
    return times


def _dispose(widget: QWidget, app: QApplication) -> None:
    # Outside a running event loop deleteLater() waits forever: a closed editor left
    # alive would still answer every later save's "values changed".
    widget.close()
    widget.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def _plain_form(labels: list[str]) -> QWidget:
    widget = QWidget()
    layout = QFormLayout(widget)
    for label in labels:
        layout.addRow(label, QLineEdit())
    return widget


def _wait_for(app: QApplication, done: Callable[[], bool], timeout: float = 10.0) -> None:
    limit = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > limit:
            raise TimeoutError("the save did not end")
        app.processEvents()
        time.sleep(0.0002)


def _save_times(app: QApplication, editor: FormEditor, fields: list[str],
                repeats: int) -> float:
    """Fastest time from save() to `saved`, with every field in `fields` changed."""
    times = []
    saves: list[float] = []
    editor.saved.connect(lambda: saves.append(time.perf_counter()))
    for round_ in range(repeats):
        for key in fields:
            widget = editor.field_widget(key)
            if isinstance(widget, QLineEdit):
                text = str(100 + round_ % 2)
                widget.setText(text)
                widget.textEdited.emit(text)
        start = time.perf_counter()
        assert editor.save()
        _wait_for(app, lambda: len(saves) > round_)  # noqa: B023 (waited on in the loop)
        times.append(saves[-1] - start)
        editor.context.operations.wait()
    return min(times)


def _direct_save_time(store: LocalStore, form_id: str, fields: list[str],
                      repeats: int) -> float:
    times = []
    for round_ in range(repeats):
        changes = {key: 200 + round_ % 2 for key in fields}
        start = time.perf_counter()
        store.save_values(form_id, changes)
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> list[Figure]:
    """Open and save a 150-field form over a province's local store."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    install_fonts(app)
    with tempfile.TemporaryDirectory() as folder:
        context, made = _context(Path(folder) / "home")
        try:
            store = context.session.store  # type: ignore[union-attr]
            form_id = made["form"]
            definition = store.latest_definition("health_center")
            assert definition is not None and len(definition.field_keys) == 150
            labels = [definition.field(k).indicator.label.km for k in definition.field_keys]
            forms = len(store.forms())

            # The editor first: its first opening is the one that meets a cold font cache.
            openings = _timed(REPEATS, lambda: FormEditor(context, form_id), app)
            first, opened = openings[0], min(openings)
            baseline_open = min(_timed(REPEATS, lambda: _plain_form(labels), app))

            editor = FormEditor(context, form_id)
            editor.show()
            app.processEvents()
            numbers = open_counts(editor, definition)
            one = _save_times(app, editor, numbers[:1], REPEATS)
            full = _save_times(app, editor, numbers, REPEATS)
            _dispose(editor, app)
            other = another_wide_form(store, form_id)
            direct_one = _direct_save_time(store, other, numbers[:1], REPEATS)
            direct_full = _direct_save_time(store, other, numbers, REPEATS)
        finally:
            context.end_session()
    where = f"{forms} forms in the store"
    return [
        Figure(f"client: open a 150-field form, Khmer ({where})", opened * 1000, "ms",
               "<= 200 ms", baseline_open * 1000, "150 labelled QLineEdits, QFormLayout",
               opened <= 0.2),
        Figure("client: first opening of the 150-field form in the process, Khmer",
               first * 1000, "ms", "<= 200 ms", baseline_open * 1000,
               "150 labelled QLineEdits, QFormLayout", first <= 0.2),
        Figure("client: save one changed figure (data + outbox)", one * 1000, "ms",
               "<= 30 ms", direct_one * 1000, "LocalStore.save_values, no screen",
               one <= 0.03),
        Figure(f"client: save {len(numbers)} changed figures (data + outbox)", full * 1000,
               "ms", "<= 30 ms", direct_full * 1000, "LocalStore.save_values, no screen",
               full <= 0.03),
    ]
