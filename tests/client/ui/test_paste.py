"""Pasting into the form entry screen what a spreadsheet copies: a column (values on
lines) or a row (values between tabs) fills the fields in form order from the one pasted
into, each value checked as if typed, and the screen says what it did. Driven with the
keys a person presses (Ctrl+V, the right-click menu) over a real local store."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.editing import split_cells
from client.qt import QApplication, QComboBox, QContextMenuEvent, QLineEdit, QPoint, Qt, QTimer
from client.store.models import LocalForm
from client.store.repository import LocalStore
from client.ui.form_editor import FormEditor
from common.forms import load_definition
from server.cli import FORMS_DIR

DEFINITION = load_definition(FORMS_DIR / "health_center.yaml")
#: The entered fields of the form, in form order (computed ones have none).
ORDER = [key for section in DEFINITION.sections for indicator in section.indicators
         for key in indicator.entered_fields]


def store_of(context: AppContext) -> LocalStore:
    assert context.session is not None
    return context.session.store


@pytest.fixture
def english(offline_context: AppContext) -> AppContext:
    offline_context.settings.language = "en"
    return offline_context


@pytest.fixture
def form_id(offline_context: AppContext) -> str:
    return store_of(offline_context).create_form(
        unit_id=offline_context.units["home"], year=2026,  # type: ignore[attr-defined]
        form_code="health_center")


@pytest.fixture
def open_editor(qtbot: QtBot) -> Iterator[Callable[[AppContext, str], FormEditor]]:
    clipboard = QApplication.clipboard()
    kept = clipboard.text()

    def open_(context: AppContext, form: str) -> FormEditor:
        editor = FormEditor(context, form)
        qtbot.addWidget(editor)
        editor.resize(1100, 800)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        return editor

    yield open_
    clipboard.setText(kept)


def paste(qtbot: QtBot, editor: FormEditor, key: str, text: str) -> None:
    """Copy `text` (as a spreadsheet would), click into a field and press Ctrl+V."""
    QApplication.clipboard().setText(text)
    widget = editor.field_widget(key)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def text_of(editor: FormEditor, key: str) -> str:
    widget = editor.field_widget(key)
    assert isinstance(widget, QLineEdit)
    return widget.text()


def test_the_cells_of_a_row_or_a_column_are_read_as_spreadsheets_copy_them() -> None:
    assert split_cells("3888\r\n844\r\n538\r\n513\r\n") == ["3888", "844", "538", "513"]
    assert split_cells("3888\n844\n") == ["3888", "844"]
    assert split_cells("3888\t844\t\t513") == ["3888", "844", "", "513"]
    assert split_cells("1\t2\r\n3\t4\r\n") == ["1", "2", "3", "4"]
    assert split_cells("3888\n") == ["3888"]
    assert split_cells("") == []
    # An empty cell of a copied column keeps the values after it in their places.
    assert split_cells("3888\n\n538\n") == ["3888", "", "538"]
    # A cell holding a line end comes quoted, and stays one value.
    assert split_cells('"Roof repaired\nin March"\n5\n') == ["Roof repaired\nin March", "5"]


def test_a_pasted_column_fills_the_fields_below_with_the_wrong_value_marked(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    # Four cells of a column, as Excel copies them on Windows; the third mistyped.
    paste(qtbot, editor, "catchment_population", "3888\r\n844\r\n5x8\r\n513\r\n")
    assert [text_of(editor, k) for k in ("catchment_population", "catchment_households",
                                         "id_poor_households", "expected_pregnancies")] \
        == ["3888", "844", "5x8", "513"]
    assert text_of(editor, "children_under_one") == ""  # nothing beyond the four
    said = editor.message.text()
    assert "Pasted 4 value(s) into 4 field(s)" in said
    assert "1 of them have errors" in said
    problems = editor.problems_shown("id_poor_households")
    assert problems and problems[0].startswith("✗")
    assert not editor.problems_shown("catchment_households")
    # Unsaved edits, like typed ones, until Save; the wrong one stays back.
    assert editor.has_unsaved_changes()
    assert store_of(english).values(form_id) == {}
    with qtbot.waitSignal(editor.saved, timeout=5000):
        assert editor.save()
    values = store_of(english).values(form_id)
    assert values["catchment_population"] == 3888 and values["expected_pregnancies"] == 513
    assert "id_poor_households" not in values
    assert text_of(editor, "id_poor_households") == "5x8"  # kept on screen to correct


def test_a_pasted_row_skips_the_computed_total_and_reads_khmer_digits(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    # Doctors (female, male), assistants (female, male), midwives (female): the doctors'
    # total between them is computed, so the third value goes to the assistants.
    paste(qtbot, editor, "staff_doctors.female", "2\t1\t៣\t-1\t1,004\n")
    assert [text_of(editor, k) for k in ORDER[ORDER.index("staff_doctors.female"):][:5]] \
        == ["2", "1", "៣", "-1", "1,004"]
    assert editor.value_shown("staff_doctors") == "3"
    said = editor.message.text()
    assert "Pasted 5 value(s) into 5 field(s)" in said and "1 of them have errors" in said
    assert any(p.startswith("✗ Male") for p in editor.problems_shown("staff_medical_assistants"))
    # Each field takes its value back with Ctrl+Z, as after typing.
    assistants = editor.field_widget("staff_medical_assistants.male")
    assistants.setFocus()
    qtbot.keyClick(assistants, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert text_of(editor, "staff_medical_assistants.male") == ""
    assert not editor.problems_shown("staff_medical_assistants")


def test_yes_no_fields_take_pasted_words_and_a_word_they_cannot_take_is_told(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    paste(qtbot, editor, "opening_time", "07:30\t17:00\t7\tyes\tបាទ\tmaybe\tno")
    assert text_of(editor, "opening_time") == "07:30"
    assert text_of(editor, "days_open_per_week") == "7"
    combos = {k: editor.field_widget(k) for k in ("open_24h", "delivery_24h",
                                                  "price_list_posted", "service_info_posted")}
    assert all(isinstance(c, QComboBox) for c in combos.values())
    assert [c.currentData() for c in combos.values()] == [True, True, None, False]  # type: ignore[union-attr]
    said = editor.message.text()
    assert "Pasted 6 value(s)" in said
    assert "“maybe”" in said and "not among the choices" in said


def test_more_values_than_fields_left_says_how_many_were_left_out(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    last, before = ORDER[-1], ORDER[-2]
    paste(qtbot, editor, before, "4\n5\n6\n7\n")
    assert text_of(editor, before) == "4" and text_of(editor, last) == "5"
    said = editor.message.text()
    assert "Pasted 2 value(s) into 2 field(s)" in said
    assert "2 more value(s) were left out" in said


def test_one_value_pastes_as_usual_without_the_line_end_a_copied_cell_has(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    paste(qtbot, editor, "anc1", "120\r\n")
    assert text_of(editor, "anc1") == "120" and text_of(editor, "anc4") == ""
    # Into the middle of a figure, as any paste: at the cursor.
    widget = editor.field_widget("anc1")
    assert isinstance(widget, QLineEdit)
    widget.setCursorPosition(1)
    QApplication.clipboard().setText("5")
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert widget.text() == "1520"
    assert editor.has_unsaved_changes()


def test_the_right_click_menu_pastes_several_values_too(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    QApplication.clipboard().setText("11\n12\n")
    widget = editor.field_widget("anc1")
    chosen: list[str] = []

    def choose_paste() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:  # the line edit's menu is not open yet
            QTimer.singleShot(20, choose_paste)
            return
        [action] = [a for a in menu.actions() if a.objectName() == "edit-paste"]
        chosen.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, choose_paste)
    # A right click, as the window system reports it (QTest's clicks make no menu).
    where = QPoint(5, 5)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                     widget.mapToGlobal(where)))
    qtbot.waitUntil(lambda: bool(chosen))
    assert text_of(editor, "anc1") == "11" and text_of(editor, "anc4") == "12"
    assert "Pasted 2 value(s)" in editor.message.text()


def test_a_paste_in_khmer_counts_in_khmer_digits(
        offline_context: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    editor = open_editor(offline_context, form_id)  # Khmer: the computer's default
    paste(qtbot, editor, "anc1", "១២០\n១,០០០\n")
    assert text_of(editor, "anc1") == "១២០" and text_of(editor, "anc4") == "១,០០០"
    said = editor.message.text()
    assert "២" in said and "2" not in said.replace("anc", "")
    assert not editor.problems_shown("anc1")


def test_nothing_is_pasted_into_an_approved_form(
        english: AppContext, form_id: str, open_editor: Callable[..., FormEditor],
        qtbot: QtBot) -> None:
    with store_of(english).transaction() as session:
        session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
    editor = open_editor(english, form_id)
    paste(qtbot, editor, "anc1", "1\n2\n")
    assert text_of(editor, "anc1") == "" and text_of(editor, "anc4") == ""
    assert not editor.has_unsaved_changes()
