"""The main window, the navigator, sync, conflicts and USB bundles, driven offscreen over
the real widgets; sync against the real server process of tests/sync."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.qt import QApplication, Qt
from client.session import sign_in
from client.store import overview
from client.store.models import LocalForm
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.main_window import MainWindow
from client.ui.navigator import UnitsModel
from tests.client.ui.conftest import open_window, shown
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Client, Link, link, make_client  # noqa: F401 - fixtures
from tests.sync.test_failures import fresh_year

pytestmark = pytest.mark.usefixtures("boxes")


def test_the_units_model_passes_the_model_tester(offline_context: AppContext,
                                                 qtmodeltester: ModelTester) -> None:
    model = UnitsModel(offline_context)
    store = offline_context.session.store  # type: ignore[union-attr]
    model.show_rows(model.next_generation(), model.year, overview.unit_rows(store, model.year))
    assert model.rowCount() == 5
    qtmodeltester.check(model)


def _set_status(context: AppContext, form_id: str, status: str) -> None:
    with context.session.store.transaction() as session:  # type: ignore[union-attr]
        session.get(LocalForm, form_id).status = status  # type: ignore[union-attr]


def test_the_navigator_shows_status_unsent_changes_and_who_reported(
        offline_context: AppContext, qtbot: QtBot) -> None:
    switch_language(offline_context, "en")
    store = offline_context.session.store  # type: ignore[union-attr]
    units = offline_context.units  # type: ignore[attr-defined]
    window = open_window(qtbot, offline_context)
    year = window.navigator.model.year
    submitted = store.create_form(unit_id=units["home"], year=year, form_code="health_center")
    _set_status(offline_context, submitted, "submitted")
    draft = store.create_form(unit_id=units["home_cs"], year=year, form_code="cs_admin")
    store.save_values(draft, {})
    shown(qtbot, window.navigator)
    model = window.navigator.model
    table = {model.data(model.index(r, 0)): (model.data(model.index(r, 3)),
                                              model.data(model.index(r, 4)))
             for r in range(model.rowCount())}
    assert table["HC010201"] == ("submitted", 1)  # the create still waits to be sent
    assert table["CS010201"] == ("draft", 1)
    assert table["HC010202"] == ("no form", "")
    root = window.navigator.tree.topLevelItem(0)
    assert "(1/5" in root.text(0)
    # Choosing the commune narrows the table to its units.
    commune = root.child(0).child(0).child(0)
    assert commune.data(0, Qt.ItemDataRole.UserRole) == "010201"
    window.navigator.tree.setCurrentItem(commune)
    assert model.rowCount() == 2
    assert window.navigator.summary.text() == "1 of 2 units reported"


def test_a_usb_bundle_is_exported_from_the_window(offline_context: AppContext, qtbot: QtBot,
                                                  tmp_path: Path,
                                                  boxes: list[str]) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=2026, form_code="health_center")
    store.save_values(form_id, {"anc1": 12})
    # This computer never registered its key: the window says what to do, nothing is lost.
    window.export_bundle_to(tmp_path / "stick.isafbundle")
    qtbot.waitUntil(lambda: bool(boxes))
    assert "sign in online" in boxes[-1]
    assert not (tmp_path / "stick.isafbundle").exists()
    assert store.unsent_count() == 1


@pytest.fixture
def online_context(link: Link, tmp_path: Path,  # noqa: F811 - the fixture imported above
                   qapp: QApplication) -> Iterator[Callable[[str], AppContext]]:
    made: list[AppContext] = []

    def make(username: str) -> AppContext:
        context = AppContext(tmp_path / f"home-{username}-{len(made)}")
        switch_language(context, "en")  # these tests read the English words and digits
        context.start_session(sign_in(context.profiles, link.proxy.url, username, PASSWORD))
        made.append(context)
        return context

    yield make
    for context in made:
        context.end_session()


def _sync(window: MainWindow, qtbot: QtBot) -> object:
    dialog = window.sync()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=30_000)
    return dialog


def test_sync_from_the_window_sends_changes_and_says_what_happened(
        online_context: Callable[[str], AppContext], link: Link,  # noqa: F811
        qtbot: QtBot) -> None:
    context = online_context("focal")
    window = MainWindow(context)
    qtbot.addWidget(window)
    dialog = _sync(window, qtbot)  # the first sync downloads the scope
    assert dialog.error is None  # type: ignore[attr-defined]
    store = context.session.store  # type: ignore[union-attr]
    form_id = store.create_form(unit_id=link.world.units["home"], year=fresh_year(),
                                form_code="health_center")
    store.save_values(form_id, {"anc1": 120})
    dialog = _sync(window, qtbot)
    assert dialog.report.pushed == 1  # type: ignore[attr-defined]
    assert "Sent 1 change(s)" in dialog.outcome.text()  # type: ignore[attr-defined]
    assert "Unsent: 0" in window.sync_state.text()

    link.server.stop()  # the district office's link goes down
    try:
        store.save_values(form_id, {"anc4": 80})
        dialog = _sync(window, qtbot)
    finally:
        link.server.start()
    assert "could not be reached" in dialog.outcome.text()  # type: ignore[attr-defined]
    assert "Traceback" not in dialog.outcome.text()  # type: ignore[attr-defined]
    assert store.unsent_count() == 1


def test_a_conflict_is_shown_side_by_side_and_resolved_by_the_officer(
        online_context: Callable[[str], AppContext], make_client: Callable[..., Client],  # noqa: F811
        link: Link, qtbot: QtBot) -> None:  # noqa: F811
    editor, focal = make_client("editor"), make_client("focal")
    editor.engine.refresh_reference_data()
    form_id = editor.store.create_form(unit_id=link.world.units["home"], year=fresh_year(),
                                       form_code="health_center")
    editor.store.save_values(form_id, {"anc1": 100})
    editor.engine.sync()
    focal.engine.sync()
    editor.store.save_values(form_id, {"anc1": 110})
    focal.store.save_values(form_id, {"anc1": 130})
    editor.engine.sync()
    focal.engine.sync()  # the second writer meets the first: a conflict

    officer = online_context("dmk")
    window = MainWindow(officer)
    qtbot.addWidget(window)
    _sync(window, qtbot)
    dialog = window.show_conflicts()
    qtbot.addWidget(dialog)
    # Each value cell starts with the figure (a line naming who entered it may follow).
    rows = {dialog.table.item(r, 2).text(): [dialog.table.item(r, c).text().split("\n")[0]
                                             for c in (3, 4)]
            for r in range(dialog.table.rowCount())}
    assert sorted(rows["100"]) == ["110", "130"]
    dialog.typed.setText("120")
    dialog.use_typed.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(rows) - 1, timeout=10_000)
    report = _sync(window, qtbot).report  # type: ignore[attr-defined]
    assert report.pushed == 1
    assert editor.transport.get(f"/api/v1/forms/{form_id}")["values"]["anc1"] == 120


def test_a_focal_point_sees_conflicts_but_the_officer_decides(
        offline_context: AppContext, qtbot: QtBot) -> None:
    dialog = ConflictsDialog(offline_context)
    qtbot.addWidget(dialog)
    assert not dialog.use_typed.isEnabled()
    assert "district officer" in dialog.note.text()
    assert json.loads(offline_context.session.store.get_state("user") or "null") is None  # type: ignore[union-attr]


def test_every_action_is_in_a_menu_in_the_interface_language(
        offline_context: AppContext, qtbot: QtBot) -> None:
    """The toolbar hides what does not fit a small screen; the menus always hold it all."""
    offline_context.settings.language = "en"
    window = MainWindow(offline_context)
    qtbot.addWidget(window)
    menus = {menu.title(): [a.text() for a in menu.actions() if not a.isSeparator()]
             for menu in (a.menu() for a in window.menuBar().actions())}
    assert list(menus) == ["File", "Sync", "Form", "Documents", "Help"]
    in_menus = {text for texts in menus.values() for text in texts}
    on_toolbar = {a.text() for a in window.toolbar.actions() if not a.isSeparator()}
    assert on_toolbar <= in_menus
    assert {"Settings", "Sign out", "About", "Sync", "Export to Excel…"} <= in_menus
