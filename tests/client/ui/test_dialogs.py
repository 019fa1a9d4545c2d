"""The sync and conflicts dialogs: they speak the language chosen while they are open, name
the unit a person recognises, and can be deleted with the session still running."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.qt import QApplication, QDialogButtonBox, QEvent
from client.store.models import LocalConflict
from client.store.overview import unit_names
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.navigator import Navigator
from client.ui.sync_dialog import SyncDialog
from client.ui.text import plain


def test_the_sync_dialog_follows_a_language_switch_after_a_failed_sync(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication) -> None:
    switch_language(offline_context, "en")
    dialog = SyncDialog(offline_context)
    qtbot.addWidget(dialog)
    dialog.start()  # nothing listens at the address: the sync fails
    qtbot.waitUntil(lambda: dialog.error is not None, timeout=20_000)
    # Which failure, and what to check: nothing listens at that port.
    assert "Nothing answers at http://127.0.0.1:9" in plain(dialog.outcome.text())
    assert "Your changes are kept on this computer" in plain(dialog.outcome.text())
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.text() == "Close"
    try:
        switch_language(offline_context, "km")
        qapp.processEvents()
        assert dialog.windowTitle() == "ធ្វើសមកាលកម្ម"
        assert "Nothing answers" not in dialog.outcome.text()
        assert any("\u1780" <= ch <= "\u17ff" for ch in dialog.outcome.text())
        assert close.text() == "បិទ"
    finally:
        switch_language(offline_context, "en")


def test_conflicts_name_the_unit_and_year(offline_context: AppContext, qtbot: QtBot) -> None:
    switch_language(offline_context, "en")
    store = offline_context.session.store  # type: ignore[union-attr]
    unit_id = offline_context.units["home"]  # type: ignore[attr-defined]
    form_id = store.create_form(unit_id=unit_id, year=2026, form_code="health_center")
    with store.transaction() as session:
        session.add(LocalConflict(id="c1", form_id=form_id, field="anc1", status="open",
                                  base=100, current=110, incoming=130))
    dialog = ConflictsDialog(offline_context)
    qtbot.addWidget(dialog)
    shown = dialog.table.item(0, 0).text()
    code, _name_km, name_en = unit_names(store, [unit_id])[unit_id]
    # The unit's code and English name and the year, not the form's code.
    assert shown == f"{code} {name_en} · 2026"


def test_a_deleted_navigator_no_longer_hears_language_switches(
        offline_context: AppContext, qtbot: QtBot, qapp: QApplication) -> None:
    navigator = Navigator(offline_context)
    navigator.deleteLater()
    qapp.processEvents()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    try:
        switch_language(offline_context, "km")  # raised "already deleted" before the fix
    finally:
        switch_language(offline_context, "en")


def test_a_sync_says_when_it_could_not_compare_with_the_server(
        offline_context: AppContext, qtbot: QtBot) -> None:
    """Three outcomes of the comparison, three different sentences, in both languages:
    the same data says nothing, a difference asks to tell the district office, a server
    whose data kept changing says the next sync compares."""
    from client.sync.engine import SyncReport
    from client.ui.sync_dialog import plain_report

    try:
        for language, differs, later in (("en", "still differs", "next sync compares"),
                                         ("km", "នៅតែខុស", "លើកក្រោយ")):
            switch_language(offline_context, language)
            said = {ok: plain_report(SyncReport(checksum_ok=ok)) for ok in (True, False, None)}
            assert differs not in said[True] and later not in said[True]
            assert differs in said[False] and later not in said[False]
            assert later in said[None] and differs not in said[None]
    finally:
        switch_language(offline_context, "en")


def test_a_sync_says_when_changes_wait_behind_a_write_on_the_server(
        offline_context: AppContext, qtbot: QtBot) -> None:
    """A pull held back by a write still in progress on the server (its last page's
    `behind`) is told plainly, with how long that write has run when the server says so,
    instead of the vague "its data was changing"; in both languages."""
    from client.sync.engine import SyncReport
    from client.ui.sync_dialog import plain_report

    try:
        # In Khmer the minutes are in Khmer digits, as every figure of a sentence.
        for language, behind, begun, vague in (
                ("en", "not on this computer yet", "begun 12 minute(s) ago",
                 "its data was changing"),
                ("km", "មិនទាន់មកដល់កុំព្យូទ័រនេះ", "ចាប់ផ្ដើម ១២ នាទីមុន",
                 "ទិន្នន័យរបស់វាកំពុងផ្លាស់ប្ដូរ")):
            switch_language(offline_context, language)
            long = plain_report(SyncReport(checksum_ok=None, behind={
                "reason": "write_in_progress", "running_for": 12 * 60 + 5}))
            assert behind in long and begun in long and vague not in long
            # How long is not known (another role's session), or under a minute.
            for running_for in (None, 20):
                said = plain_report(SyncReport(checksum_ok=None, behind={
                    "reason": "write_in_progress", "running_for": running_for}))
                assert behind in said and "12" not in said and "១២" not in said
                assert vague not in said
            # Compared all the same (a change of a form's status only waits).
            assert behind in plain_report(SyncReport(checksum_ok=True, behind={
                "reason": "write_in_progress", "running_for": None}))
            assert behind not in plain_report(SyncReport(checksum_ok=None))
    finally:
        switch_language(offline_context, "en")


def test_a_conflict_of_a_jaap_action_names_the_action_and_its_column(
        offline_context: AppContext, qtbot: QtBot) -> None:
    """A record's conflict reads as what it is: the kind, its unit and year, the column's
    label (in the language shown), and it is settled like a form's."""
    switch_language(offline_context, "en")
    store = offline_context.session.store  # type: ignore[union-attr]
    unit_id = offline_context.units["home"]  # type: ignore[attr-defined]
    record_id = store.create_record("jaap_action", {"section": "A", "activity": "ជួសជុល"},
                                    unit_id=unit_id, year=2026)
    with store.transaction() as session:
        session.add(LocalConflict(id="r1", form_id=record_id, field="location",
                                  status="open", base="ភូមិ ក", current="ភូមិ ខ",
                                  incoming="ភូមិ គ"))
    dialog = ConflictsDialog(offline_context)
    qtbot.addWidget(dialog)
    code, _name_km, name_en = unit_names(store, [unit_id])[unit_id]
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert rows[f"JAAP action · {code} {name_en} · 2026"] == "Location"
    try:
        switch_language(offline_context, "km")
        dialog.reload()
        texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
        assert "ទីតាំង" in texts
    finally:
        switch_language(offline_context, "en")
