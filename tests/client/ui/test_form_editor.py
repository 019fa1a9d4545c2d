"""The form entry screen and its Post-on, driven by keyboard offscreen over a real store.

Khmer characters are sent as key events carrying the text: pytest-qt's keyClicks aborts
the process on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.interaction import ScriptedInteraction
from client.qt import (
    QApplication,
    QComboBox,
    QEvent,
    QInputMethodEvent,
    QKeyEvent,
    QLineEdit,
    Qt,
    QWidget,
)
from client.store import entry
from client.store.models import LocalForm
from client.store.repository import LocalStore
from client.ui.form_editor import DRAFT_DELAY_MS, FormEditor
from client.ui.post_on import PostOnView
from common.forms import load_definition
from server.cli import FORMS_DIR

DEFINITION = load_definition(FORMS_DIR / "health_center.yaml")
STAFF_FIELDS = [key for i in DEFINITION.sections[1].indicators for key in i.entered_fields]


def store_of(context: AppContext) -> LocalStore:
    assert context.session is not None
    return context.session.store


@pytest.fixture
def english(offline_context: AppContext) -> AppContext:
    """The offline context with the interface in English."""
    offline_context.settings.language = "en"
    return offline_context


@pytest.fixture
def form_id(offline_context: AppContext) -> str:
    """A new health-center form of the home unit for 2026."""
    return store_of(offline_context).create_form(
        unit_id=offline_context.units["home"], year=2026,  # type: ignore[attr-defined]
        form_code="health_center")


@pytest.fixture
def open_editor(qtbot: QtBot) -> Callable[[AppContext, str], FormEditor]:
    """Open a form's editor on screen (offscreen), as the main window would."""
    def open_(context: AppContext, form: str) -> FormEditor:
        editor = FormEditor(context, form)
        qtbot.addWidget(editor)
        editor.resize(1100, 800)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        return editor

    return open_


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into the focused widget: Latin by key clicks, Khmer by key events with text."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(focused(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focused(), QKeyEvent(
                    kind, 0, Qt.KeyboardModifier.NoModifier, char))


def enter(qtbot: QtBot, *, shift: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(focused(), Qt.Key.Key_Return, modifier)


def start_at(qtbot: QtBot, editor: FormEditor, key: str) -> None:
    widget = editor.field_widget(key)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    if isinstance(widget, QLineEdit):
        widget.selectAll()


def fill(qtbot: QtBot, editor: FormEditor, values: dict[str, str]) -> None:
    """Type each value into its field, finishing with Enter."""
    for key, text in values.items():
        start_at(qtbot, editor, key)
        type_text(qtbot, text)
        enter(qtbot)


def save(qtbot: QtBot, editor: FormEditor) -> None:
    with qtbot.waitSignal(editor.saved, timeout=5000):
        assert editor.save()


# --------------------------------------------------------------------------- entry


def test_a_whole_section_is_typed_by_keyboard_and_its_totals_follow(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    start_at(qtbot, editor, STAFF_FIELDS[0])
    # Doctors 1 + 2, medical assistants ៣ + 1 (Khmer digits), then the rest.
    typed = ["1", "2", "៣", "1", "4", "0", "2", "1", "5", "0", "0", "2", "3"]
    for key, text in zip(STAFF_FIELDS, typed, strict=True):
        assert focused() is editor.field_widget(key), key
        type_text(qtbot, text)
        enter(qtbot)
    # Enter left the section for the first field of the next one.
    assert focused() is editor.field_widget("opening_time")
    assert editor.value_shown("staff_doctors") == "3"
    assert editor.value_shown("staff_medical_assistants") == "4"
    # doctors 3 + assistants 4 + midwives 4 + nurses 6 + other 0: 17 medical staff.
    assert editor.value_shown("medical_staff_total") == "17"
    assert editor.value_shown("staff_total") == "22"
    assert editor.has_unsaved_changes()

    save(qtbot, editor)
    values = store_of(english).values(form_id)
    assert values["staff_medical_assistants.female"] == 3
    assert values["staff_doctors.male"] == 2
    assert not editor.has_unsaved_changes()


def test_tab_and_shift_tab_move_between_fields_and_past_computed_ones(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    start_at(qtbot, editor, "staff_doctors.male")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is editor.field_widget("staff_medical_assistants.female")
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is editor.field_widget("staff_doctors.male")
    enter(qtbot, shift=True)
    assert focused() is editor.field_widget("staff_doctors.female")
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert focused() is editor.field_widget("opening_time")  # the next section


def test_focus_given_to_the_screen_lands_on_the_first_figure(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.field_widget("hc_chief_name"))


def test_khmer_text_comes_through_the_input_method(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    start_at(qtbot, editor, "hc_chief_name")
    name = "សុខ ចាន់ធី"
    event = QInputMethodEvent("", [])
    event.setCommitString(name)
    QApplication.sendEvent(focused(), event)
    enter(qtbot)
    assert focused() is editor.field_widget("hc_phone")
    save(qtbot, editor)
    assert store_of(english).values(form_id) == {"hc_chief_name": name}


def test_yes_no_and_times_are_typed_too(english: AppContext, form_id: str, open_editor: Any,
                                        qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"opening_time": "7:30", "closing_time": "១៧:០០"})
    start_at(qtbot, editor, "open_24h")
    type_text(qtbot, "y")
    enter(qtbot)
    assert focused() is editor.field_widget("delivery_24h")
    type_text(qtbot, "n")
    combo = editor.field_widget("open_24h")
    assert isinstance(combo, QComboBox) and combo.currentText() == "Yes"
    save(qtbot, editor)
    values = store_of(english).values(form_id)
    assert values["opening_time"] == "07:30"
    assert values["closing_time"] == "17:00"
    assert values["open_24h"] is True
    assert values["delivery_24h"] is False


def test_ctrl_s_saves(english: AppContext, form_id: str, open_editor: Any,
                      qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    start_at(qtbot, editor, "anc1")
    type_text(qtbot, "៤២")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store_of(english).values(form_id)["anc1"] == 42


def test_an_error_shows_next_to_the_field_and_is_never_saved(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"catchment_villages": "500"})
    assert editor.problems_shown("catchment_villages")[0] == "✗ Must be at most 300."
    assert not editor.save()  # nothing else to save: refused outright
    assert "Nothing saved" in editor.message.text()

    fill(qtbot, editor, {"health_posts": "2"})
    save(qtbot, editor)
    values = store_of(english).values(form_id)
    assert values == {"health_posts": 2}
    assert "except 1 figure(s) with errors" in editor.message.text()
    # The wrong figure stays on screen, unsaved, until it is corrected.
    assert editor.has_unsaved_changes()
    field = editor.field_widget("catchment_villages")
    assert isinstance(field, QLineEdit) and field.text() == "500"

    field.setFocus()
    field.selectAll()
    type_text(qtbot, "42")
    assert editor.problems_shown("catchment_villages") == []
    save(qtbot, editor)
    assert store_of(english).values(form_id)["catchment_villages"] == 42
    assert not editor.has_unsaved_changes()


def test_a_rule_error_on_another_field_keeps_only_that_field_back(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"staff_midwives.female": "1", "staff_midwives.male": "0",
                         "staff_midwives_secondary": "3"})
    assert editor.problems_shown("staff_midwives_secondary") == [
        "✗ Secondary midwives cannot outnumber all midwives.",
        "Not saved until it is corrected."]
    save(qtbot, editor)
    values = store_of(english).values(form_id)
    assert values == {"staff_midwives.female": 1, "staff_midwives.male": 0}


def test_a_warning_is_confirmed_with_a_reason_that_travels_with_the_save(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"catchment_population": "12000"})
    start_at(qtbot, editor, "expected_pregnancies")
    type_text(qtbot, "100")
    key = "expected_pregnancies:expected_pregnancies_plausible"
    confirm = editor.confirm_line(key)
    assert confirm is not None and confirm.isVisible()
    assert "outside 1 to 5 percent" in editor.problems_shown("expected_pregnancies")[0]
    assert "1 warning(s) to confirm" in editor.status.text()

    enter(qtbot)  # from the field, Enter goes to the reason first
    assert focused() is confirm.reason
    enter(qtbot)  # without a reason nothing is confirmed
    assert focused() is confirm.reason
    assert confirm.state.text() == "A reason is needed"
    type_text(qtbot, "new villages joined")
    enter(qtbot)
    assert focused() is editor.field_widget("children_under_one")
    assert "warning(s) to confirm" not in editor.status.text()

    save(qtbot, editor)
    [operation] = store_of(english).outbox()
    assert operation.payload["confirmations"] == {key: "new villages joined"}
    assert operation.payload["fields"]["expected_pregnancies"][0] == 100
    assert not editor.has_unsaved_changes()


def test_save_commits_values_and_outbox_together(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"income_government": "1,250,000", "income_user_fees": "៥០០០០០"})
    assert editor.value_shown("income_total") == "1,750,000"
    save(qtbot, editor)
    store = store_of(english)
    assert store.values(form_id) == {"income_government": 1250000, "income_user_fees": 500000}
    [operation] = store.outbox("pending")
    assert operation.payload["fields"]["income_user_fees"] == [500000, 0]
    english.operations.wait()
    assert store.get_state(entry.draft_key(form_id)) is None


# --------------------------------------------------------------------------- drafts


def test_closing_without_saving_keeps_a_draft_that_comes_back(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"anc1": "120"})
    start_at(qtbot, editor, "anc4")
    type_text(qtbot, "៩")  # typed, and the window closed at once
    editor.close()
    english.operations.wait()
    assert store_of(english).values(form_id) == {}

    again = open_editor(english, form_id)
    assert again.has_unsaved_changes()
    assert again.note.isVisible() and "restored" in again.note.text()
    anc4 = again.field_widget("anc4")
    assert isinstance(anc4, QLineEdit) and anc4.text() == "៩"
    assert again.value_shown("anc1_coverage") == ""  # no expected pregnancies yet
    save(qtbot, again)
    assert store_of(english).values(form_id) == {"anc1": 120, "anc4": 9}
    english.operations.wait()
    assert entry.read_draft(store_of(english), form_id) is None


def test_a_crash_loses_nothing_typed(english: AppContext, form_id: str, open_editor: Any,
                                     qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"penta1": "80", "penta3": "90"})
    qtbot.wait(DRAFT_DELAY_MS * 2)
    english.operations.wait()
    # The process dies: no close, no save. Another program opens the same file.
    editor.hide()
    editor.deleteLater()
    path = english.profiles.profile("focal").store_path  # type: ignore[union-attr]
    survivor = LocalStore(path)
    try:
        draft = entry.read_draft(survivor, form_id)
        assert draft is not None and draft.values == {"penta1": "80", "penta3": "90"}
        assert survivor.values(form_id) == {}
    finally:
        survivor.close()


def test_discarding_forgets_the_draft(english: AppContext, form_id: str, open_editor: Any,
                                      qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"mr1": "10"})
    editor.discard_changes()
    english.operations.wait()
    assert not editor.has_unsaved_changes()
    assert entry.read_draft(store_of(english), form_id) is None
    field = editor.field_widget("mr1")
    assert isinstance(field, QLineEdit) and field.text() == ""


def test_the_discard_button_asks_first_and_keeps_the_typing_on_no(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    script = english.interaction = ScriptedInteraction(False, True)
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"mr1": "10"})
    assert editor.discard_button.isEnabled()
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)  # answered No
    assert editor.has_unsaved_changes()
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)  # answered Yes
    assert not editor.has_unsaved_changes()
    field = editor.field_widget("mr1")
    assert isinstance(field, QLineEdit) and field.text() == ""
    assert [(a.kind, a.text) for a in script.asked] == [
        ("confirm", "Forget everything typed since the last save?")] * 2


# --------------------------------------------------------------------------- status, language


def test_an_approved_form_is_read_only_with_a_note(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    store = store_of(english)
    store.save_values(form_id, {"anc1": 50})
    with store.transaction() as session:
        session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
    editor = open_editor(english, form_id)
    field = editor.field_widget("anc1")
    assert isinstance(field, QLineEdit) and field.isReadOnly() and field.text() == "50"
    assert not editor.field_widget("open_24h").isEnabled()
    assert "approved" in editor.note.text().lower() and "read-only" in editor.note.text()
    assert not editor.save_button.isEnabled()
    assert not editor.save()


def as_role(context: AppContext, role: str) -> AppContext:
    """The person signed in has `role` (as after signing in with such an account)."""
    assert context.session is not None
    context.session.profile.user["role"] = role
    return context


@pytest.mark.parametrize(("role", "says"), [
    ("commune_focal_point", "tell your district officer: they ask a national administrator"),
    ("unit_editor", "tell your district officer: they ask a national administrator"),
    ("caf", "tell your district officer: they ask a national administrator"),
    ("dmk_officer", "Only a national administrator can unlock it: ask one"),
    ("provincial_officer", "Only a national administrator can unlock it: ask one"),
    ("national_admin", "unlock it with a reason (Form menu, Unlock with a reason…)"),
])
@pytest.mark.parametrize("status", ["approved", "published"])
def test_a_locked_form_names_who_can_unlock_it_for_the_role_signed_in(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot, role: str,
        says: str, status: str) -> None:
    """Only a national administrator unlocks (common/roles.py): a district officer is not
    sent to "your district office", and the administrator is told how to do it."""
    with store_of(english).transaction() as session:
        session.get(LocalForm, form_id).status = status  # type: ignore[union-attr]
    editor = open_editor(as_role(english, role), form_id)
    note = editor.note.text()
    assert f"This form is {status}: it is shown read-only." in note
    assert says in note
    assert "district office to unlock" not in note


def test_a_save_refused_because_the_form_was_approved_meanwhile_says_who_unlocks(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(as_role(english, "dmk_officer"), form_id)
    fill(qtbot, editor, {"anc1": "12"})
    # A sync elsewhere approved the form while the officer was typing.
    with store_of(english).transaction() as session:
        session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
    assert editor.save()
    qtbot.waitUntil(lambda: editor.message.text().startswith("Not saved."), timeout=5000)
    said = editor.message.text()
    assert "Only a national administrator can unlock it" in said
    assert "ask for an unlock first" not in said  # not the store's own words
    # The form now shows as it is, read-only; what was typed stays on screen.
    assert editor.read_only and not editor.save_button.isEnabled()
    assert "approved" in editor.note.text()
    assert editor.has_unsaved_changes()
    anc1 = editor.field_widget("anc1")
    assert isinstance(anc1, QLineEdit) and anc1.text() == "12"


def test_a_returned_form_shows_its_comment_without_naming_the_wrong_office(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    with store_of(english).transaction() as session:
        form = session.get(LocalForm, form_id)
        assert form is not None
        form.status, form.status_comment = "returned", "Unlocked: a typing error in ANC4."
    editor = open_editor(english, form_id)
    note = editor.note.text().replace("\u200b", "")
    assert "Returned for correction, with this comment: Unlocked: a typing error" in note


def test_choices_and_times_follow_the_interface_digits(
        offline_context: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(offline_context, form_id)  # Khmer
    opening = editor.field_widget("opening_time")
    assert isinstance(opening, QLineEdit) and opening.placeholderText() == "០៧:៣០"
    # A school's water source is a choice: numbered in Khmer digits in Khmer.
    school = store_of(offline_context).create_form(
        unit_id=offline_context.units["home_cs"], year=2026,  # type: ignore[attr-defined]
        form_code="primary_school")
    school_editor = open_editor(offline_context, school)
    combo = school_editor.field_widget("water_source")
    assert isinstance(combo, QComboBox) and combo.itemText(1).startswith("១. ")
    # The choice's number typed in Khmer digits chooses it, as a Latin one does.
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    type_text(qtbot, "២")
    assert combo.currentIndex() == 2
    offline_context.settings.language = "en"
    offline_context.language_changed.emit("en")
    assert combo.itemText(1).startswith("1. ") and opening.placeholderText() == "07:30"


def test_switching_language_changes_the_labels(offline_context: AppContext, form_id: str,
                                               open_editor: Any, qtbot: QtBot) -> None:
    store_of(offline_context).save_values(form_id, {"staff_doctors.female": 12,
                                                    "staff_doctors.male": 3})
    editor = open_editor(offline_context, form_id)  # Khmer: the computer's default
    assert editor.label_text("staff_doctors") == "វេជ្ជបណ្ឌិត"
    assert editor.value_shown("staff_doctors") == "១៥"
    female = editor.field_widget("staff_doctors.female")
    assert isinstance(female, QLineEdit) and female.text() == "១២"
    offline_context.settings.language = "en"
    offline_context.language_changed.emit("en")
    assert editor.label_text("staff_doctors") == "Doctors"
    assert editor.value_shown("staff_doctors") == "15"
    assert female.text() == "12"
    assert editor.tabs.tabText(1) == "Post-on"
    fill(qtbot, editor, {"catchment_villages": "400"})
    assert editor.problems_shown("catchment_villages")[0] == "✗ Must be at most 300."
    offline_context.settings.language = "km"
    offline_context.language_changed.emit("km")
    assert editor.problems_shown("catchment_villages")[0] == "✗ មិនត្រូវលើសពី ៣០០ ទេ។"


# --------------------------------------------------------------------------- Post-on


def test_the_post_on_judges_each_standard_as_typed(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot) -> None:
    editor = open_editor(english, form_id)
    fill(qtbot, editor, {"days_open_per_week": "7", "stockout_days": "12",
                         "stockout_items": "2"})
    editor.tabs.setCurrentIndex(1)
    post_on = editor.post_on
    assert isinstance(post_on, PostOnView)
    results = {row.indicator.code: row.met for row in post_on.rows()}
    assert results["days_open_per_week"] is True
    assert results["stockout_days"] is False
    assert results["open_24h"] is None
    model = post_on.model
    row = [r.indicator.code for r in post_on.rows()].index("stockout_days")
    assert model.data(model.index(row, 3)) == "✗ Not met"
    assert "1 of 19 standards met" in post_on.summary.text().replace("<b>", "")


def test_the_post_on_compares_with_last_year_and_the_district(
        english: AppContext, form_id: str, open_editor: Any, qtbot: QtBot,
        qtmodeltester: Any) -> None:
    store = store_of(english)
    units = english.units  # type: ignore[attr-defined]
    last_year = store.create_form(unit_id=units["home"], year=2025, form_code="health_center")
    store.save_values(last_year, {"days_open_per_week": 5, "stockout_days": 20,
                                  "stockout_items": 3})
    neighbour = store.create_form(unit_id=units["other_commune"], year=2026,
                                  form_code="health_center")
    store.save_values(neighbour, {"days_open_per_week": 6, "open_24h": True})
    with store.transaction() as session:  # approved: only final forms make the district's
        session.get(LocalForm, neighbour).status = "approved"  # type: ignore[union-attr]
    elsewhere = store.create_form(unit_id=units["other_district"], year=2026,
                                  form_code="health_center")
    store.save_values(elsewhere, {"days_open_per_week": 1})
    store.save_values(form_id, {"days_open_per_week": 7, "stockout_days": 12,
                                "stockout_items": 2, "open_24h": False})

    editor = open_editor(english, form_id)
    editor.tabs.setCurrentIndex(1)
    post_on = editor.post_on
    assert isinstance(post_on, PostOnView)
    rows = {row.indicator.code: row for row in post_on.rows()}
    assert rows["days_open_per_week"].previous == 5
    assert rows["stockout_days"].previous == 20
    # The district (0102) holds this unit and its neighbour; the other district is not in,
    # and this unit's own draft is not final: only the neighbour's approved form counts.
    days = rows["days_open_per_week"].district
    assert days is not None and days.average == 6 and days.units == 1 and days.met == 0
    model = post_on.model
    index = [r.indicator.code for r in post_on.rows()].index("stockout_days")
    assert model.data(model.index(index, 5)) == "−8"
    index = [r.indicator.code for r in post_on.rows()].index("open_24h")
    assert model.data(model.index(index, 6)) == "100% yes"
    assert "Last year: the unit's form of 2025." in post_on.comparison_note.text()
    assert "from this computer's forms only" in post_on.comparison_note.text()
    qtmodeltester.check(model)

    # Typing moves the Post-on at once.
    editor.tabs.setCurrentIndex(0)
    fill(qtbot, editor, {"days_open_per_week": "6"})
    editor.tabs.setCurrentIndex(1)
    assert {r.indicator.code: r.met for r in post_on.rows()}["days_open_per_week"] is False
