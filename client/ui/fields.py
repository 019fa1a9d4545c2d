"""The field widgets of the form entry screen (client/ui/form_editor.py): one row per
indicator with its label, its entry fields, its computed value or total, unit and
national standard, and under it the errors, the warnings with their inline confirmation,
and a button for each figure in conflict.

The widgets show and take input; what an input means for the form (the edits, the
confirmations, what a save writes) is client/editing.py's, and the screen that owns the
rows (a `FieldHost`) is told of every input. Their texts belong to the entry screen's
translation context ("FormEditor"), the confirmation line's to "_ConfirmLine".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, Protocol

from client.editing import pasted_choice
from client.qt import (
    QColor,
    QComboBox,
    QCoreApplication,
    QEvent,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QObject,
    QPalette,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store.entry import ConflictView
from client.ui.post_on import (
    MET_COLOUR,
    NOT_MET_COLOUR,
    UNKNOWN_COLOUR,
    format_value,
    in_digits,
    proposed_text,
    standard_text,
    standard_tip,
)
from client.ui.text import wrappable
from common.forms import Indicator, Problem, Section
from common.forms.definition import DEFAULT_TEXT_LENGTH
from common.forms.expressions import Value
from common.khmer import to_arabic_digits, to_khmer_digits

ERROR_COLOUR = NOT_MET_COLOUR
WARNING_COLOUR = "#8a5a00"
CONFIRMED_COLOUR = MET_COLOUR
MUTED_COLOUR = "#616161"
#: A figure in conflict: neither an error's red nor a warning's amber.
CONFLICT_COLOUR = "#6a1b9a"

_YES_KEYS = frozenset({"y", "1", "១", "ប", "ច"})
_NO_KEYS = frozenset({"n", "0", "០", "ទ"})
_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class FieldHost(Protocol):
    """The screen the rows belong to: told of every input (the entry screen)."""

    @property
    def read_only(self) -> bool:
        """Nothing may be changed: keys and pastes are left alone."""

    def field_edited(self, widget: QWidget) -> None:
        """A field's text or choice changed by the person."""

    def confirmation_given(self, key: str, reason: str) -> None:
        """Warning "field:code" confirmed with a reason."""

    def paste_into(self, widget: QObject) -> bool:
        """Paste the clipboard into a field; True when handled."""

    def open_conflict(self, key: str) -> object:
        """A field's conflict mark was clicked."""


def set_text_colour(label: QLabel, colour: str) -> None:
    """Colour a label's text. A palette, not a style sheet: a style sheet makes Qt
    polish the widget with its slower style-sheet style, on every one of a hundred labels."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


def part_prefix(key: str) -> str:
    """"Female: " or "Male: " before what is said of one part of a split indicator."""
    part = key.rpartition(".")[2] if "." in key else ""
    if not part:
        return ""
    return _part_name(part) + ": "


def _part_name(part: str) -> str:
    if part == "female":
        return QCoreApplication.translate("FormEditor", "Female")
    return QCoreApplication.translate("FormEditor", "Male")


def answer_index(combo: QComboBox, event: QKeyEvent) -> int:
    """The item of a yes/no or choice field a key stands for: y/n (1/0, or Khmer), a
    choice's number, Delete to clear (0: empty); -1 for a key it does not answer to."""
    text = event.text().casefold()
    digits = to_arabic_digits(text)
    if event.key() in _CLEAR_KEYS:
        return 0
    if combo.findData(True) > 0:
        if text in _YES_KEYS:
            return combo.findData(True)
        return combo.findData(False) if text in _NO_KEYS else -1
    if digits.isdigit() and digits.isascii():
        number = int(digits)
        return number if 0 < number < combo.count() else -1
    return -1


class Field:
    """One entered field on screen: a line edit, or a combo box for yes/no and choices."""

    def __init__(self, key: str, indicator: Indicator, widget: QLineEdit | QComboBox) -> None:
        self.key = key
        self.indicator = indicator
        self.widget = widget
        self.problem = ""  # "", "error" or "warning": how the field is outlined now
        self.conflicted = False  # another value for it waits in a conflict
        self._outlined = ""  # the colour of the outline drawn now
        self._palette: QPalette | None = None  # the editable look, while read-only

    def raw(self) -> Any:
        """What is typed or chosen: text, True/False, a choice code, or None."""
        if isinstance(self.widget, QLineEdit):
            text = self.widget.text()
            return None if not text.strip() else text
        return self.widget.currentData()

    def set_raw(self, raw: Any, language: str, *, typed: bool = False) -> None:
        """Show a saved value (or, `typed`, what a draft kept as typed) without it
        counting as an edit."""
        widget = self.widget
        widget.blockSignals(True)
        try:
            if isinstance(widget, QLineEdit):
                if typed and isinstance(raw, str):
                    widget.setText(raw)
                else:  # as a person would type it (in the digits of the language)
                    widget.setText("" if raw is None else format_value(self.indicator, raw,
                                                                       language))
                widget.setCursorPosition(0)
            else:
                index = widget.findData(raw) if raw is not None else 0
                widget.setCurrentIndex(max(0, index))
        finally:
            widget.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        """Shown, but not changeable (and looking it: no white box to type in)."""
        if isinstance(self.widget, QLineEdit):
            if self.widget.isReadOnly() == read_only:
                return
            self.widget.setReadOnly(read_only)
            if read_only:
                self._palette = self.widget.palette()
                palette = QPalette(self._palette)
                palette.setColor(QPalette.ColorRole.Base,
                                 palette.color(QPalette.ColorRole.Window))
                self.widget.setPalette(palette)
            elif self._palette is not None:
                self.widget.setPalette(self._palette)
        else:
            self.widget.setEnabled(not read_only)

    def takes_input(self) -> bool:
        """Whether a paste may fill it (it is neither disabled nor read-only)."""
        return self.widget.isEnabled() and not (
            isinstance(self.widget, QLineEdit) and self.widget.isReadOnly())

    def outline(self, problem: str) -> None:
        """Outline the field red for an error, amber for a warning, and purple while it is
        in conflict (an error or a warning, being more urgent, shows first)."""
        self.problem = problem
        colour = {"error": ERROR_COLOUR, "warning": WARNING_COLOUR}.get(problem) or (
            CONFLICT_COLOUR if self.conflicted else "")
        if colour == self._outlined:
            return
        self._outlined = colour
        kind = type(self.widget).__name__
        self.widget.setStyleSheet(f"{kind} {{ border: 2px solid {colour}; }}" if colour else "")

    def name(self) -> str:
        """The field's name as a message names it: its label (and part)."""
        return self.widget.accessibleName() or self.key

    def choice_index(self, value: str) -> int:
        """The item of a yes/no or choice field a pasted value stands for (0: empty), or -1
        when it stands for none (client.editing.pasted_choice)."""
        combo = self.widget
        assert isinstance(combo, QComboBox)
        return pasted_choice(self.indicator, value, [(combo.itemData(i), combo.itemText(i))
                                                     for i in range(combo.count())])

    def retranslate(self, label: str, help_text: str, language: str) -> None:
        """Its accessible name, tip, placeholder and choices in the interface language."""
        widget = self.widget
        if self.indicator.type == "time" and isinstance(widget, QLineEdit):
            widget.setPlaceholderText(to_khmer_digits("07:30") if language == "km" else "07:30")
        part = self.key.rpartition(".")[2] if "." in self.key else ""
        widget.setAccessibleName(f"{label} ({_part_name(part)})" if part else label)
        widget.setToolTip(help_text or label)
        if not isinstance(widget, QComboBox):
            return
        widget.blockSignals(True)
        try:
            for index in range(1, widget.count()):
                data = widget.itemData(index)
                if isinstance(data, bool):
                    widget.setItemText(index, QCoreApplication.translate("FormEditor", "Yes")
                                       if data else QCoreApplication.translate("FormEditor",
                                                                               "No"))
                else:
                    choice = next(c for c in self.indicator.choices if c.code == data)
                    widget.setItemText(index, f"{in_digits(index, language)}. "
                                              f"{choice.label.get(language)}")
        finally:
            widget.blockSignals(False)


def make_field_widget(parent: QWidget, indicator: Indicator,
                      host: FieldHost) -> QLineEdit | QComboBox:
    """The widget of one entered field, telling `host` of every edit."""
    if indicator.type in ("yes_no", "choice"):
        combo = QComboBox(parent)
        combo.addItem("", None)
        if indicator.type == "yes_no":
            combo.addItem("", True)
            combo.addItem("", False)
        else:
            for choice in indicator.choices:
                combo.addItem("", choice.code)
        combo.currentIndexChanged.connect(lambda _i, c=combo: host.field_edited(c))
        return combo
    edit = QLineEdit(parent)
    if indicator.type == "text":
        edit.setMaxLength(indicator.max_length or DEFAULT_TEXT_LENGTH)
    else:
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.textEdited.connect(lambda _t, e=edit: host.field_edited(e))
    # The line edit's own menu, its Paste going the way Ctrl+V goes.
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    edit.customContextMenuRequested.connect(
        lambda position, e=edit: _field_menu(e, position, host))
    return edit


def _field_menu(edit: QLineEdit, position: Any, host: FieldHost) -> None:
    menu = edit.createStandardContextMenu()
    for action in menu.actions():
        if action.objectName() == "edit-paste":
            action.triggered.disconnect()
            action.triggered.connect(
                lambda _checked=False, e=edit: host.paste_into(e) or e.paste())
    menu.exec(edit.mapToGlobal(position))
    menu.deleteLater()


class ConfirmLine(QWidget):
    """A warning with its inline confirmation: the message, a reason, and Confirm.

    Its texts keep the translation context "_ConfirmLine", the one the Khmer catalogue
    knows them by."""

    confirmed = Signal(str, str)

    def __init__(self, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(500)
        self.button = QPushButton(self)
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.state = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 3)
        layout.addWidget(self.reason, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.state)
        self.button.clicked.connect(self.confirm)
        self.reason.textEdited.connect(self._update_state)
        self._confirmed_reason: str | None = None
        self.retranslate()

    def show_warning(self, message: str, confirmed_reason: str | None) -> None:
        """Show the warning and whether (with what reason) it is confirmed."""
        self.message.setText(wrappable("⚠ " + message))
        set_text_colour(self.message, WARNING_COLOUR)
        self._confirmed_reason = confirmed_reason
        if confirmed_reason is not None and not self.reason.hasFocus():
            self.reason.setText(confirmed_reason)
        self._update_state()

    def confirm(self) -> bool:
        """Confirm with the reason typed; False (and nothing kept) without a reason."""
        reason = self.reason.text().strip()
        if not reason:
            self.state.setText(QCoreApplication.translate("_ConfirmLine", "A reason is needed"))
            set_text_colour(self.state, ERROR_COLOUR)
            return False
        self._confirmed_reason = reason
        self.confirmed.emit(self.key, reason)
        self._update_state()
        return True

    def _update_state(self) -> None:
        current = self.reason.text().strip()
        done = self._confirmed_reason is not None and current == self._confirmed_reason
        self.button.setEnabled(bool(current) and not done)
        self.state.setText(
            "✓ " + QCoreApplication.translate("_ConfirmLine", "Confirmed") if done else "")
        set_text_colour(self.state, CONFIRMED_COLOUR)

    def retranslate(self) -> None:
        """Texts again in the interface language."""
        self.reason.setPlaceholderText(
            QCoreApplication.translate("_ConfirmLine", "Why is this figure right?"))
        self.button.setText(QCoreApplication.translate("_ConfirmLine", "Confirm"))
        self._update_state()


class KeyboardNavigation(QObject):
    """Enter moves on like Tab (Shift+Enter back) from stop to stop (the fields, the
    reasons of warnings, the save button), and yes/no fields answer to keys."""

    def __init__(self, host: FieldHost, scroll_area: QScrollArea, parent: QObject) -> None:
        super().__init__(parent)
        self.host = host
        self.scroll_area = scroll_area
        #: The widgets Enter stops at.
        self.stops: set[QWidget] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Paste):
            # Ctrl+V (or Shift+Insert): several values fill several fields.
            return self.host.paste_into(watched)
        key = event.key()
        modifiers = event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                modifiers & Qt.KeyboardModifier.ControlModifier):
            backwards = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            return self.enter_pressed(watched, backwards=backwards)
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier
                                 | Qt.KeyboardModifier.AltModifier)
        if isinstance(watched, QComboBox) and plain:
            return self.combo_key(watched, event)
        return False

    def enter_pressed(self, widget: QObject, *, backwards: bool) -> bool:
        """Enter in a field: on to the next one (a reason is confirmed first)."""
        parent = widget.parent() if isinstance(widget, QLineEdit) else None
        if isinstance(parent, ConfirmLine) and not backwards and not parent.confirm():
            return True
        if isinstance(widget, QWidget):
            self.move_focus(widget, backwards=backwards)
        return True

    def move_focus(self, widget: QWidget, *, backwards: bool = False) -> None:
        """Focus the next field (or reason, or the save button) in the order Tab follows."""
        current: QWidget | None = widget
        for _ in range(4 * len(self.stops) + 64):
            assert current is not None
            current = current.previousInFocusChain() if backwards else current.nextInFocusChain()
            if current is None or current is widget:
                return
            if current in self.stops and current.isVisible() and current.isEnabled():
                current.setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(current, QLineEdit):
                    current.selectAll()  # typing replaces the figure, as after Tab
                content = self.scroll_area.widget()
                if content is not None and content.isAncestorOf(current):
                    self.scroll_area.ensureWidgetVisible(current)
                return

    def combo_key(self, combo: QComboBox, event: QKeyEvent) -> bool:
        """Keys a yes/no or choice field answers to: y/n (1/0, or Khmer), a choice's
        number, Delete to clear."""
        if self.host.read_only:
            return False
        index = answer_index(combo, event)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True


class IndicatorRow:
    """Everything one indicator shows, in its section's grid: built here, told by the
    screen what to show."""

    def __init__(self, indicator: Indicator, box: QGroupBox, grid: QGridLayout, row: int, *,
                 host: FieldHost, navigation: KeyboardNavigation) -> None:
        self.indicator = indicator
        self.grid = grid
        self.row = row
        self.host = host
        self.navigation = navigation
        self.errors: QLabel | None = None  # made when first needed
        self.confirm_lines: dict[str, ConfirmLine] = {}
        #: A button under each field in conflict, opening the conflict (made when needed).
        self.conflict_buttons: dict[str, QPushButton] = {}
        self.problems: tuple[tuple[Any, ...], ...] = ()
        self.problem_box: QWidget | None = None
        #: (value, language) last shown beside the field: unchanged ones are not redrawn.
        self.shown: tuple[Any, str] | None = None
        self.label = QLabel(box)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.label, row, 0)
        self.result = self._result_label(box) if (
            indicator.is_computed or indicator.disaggregation == "sex") else None
        self.fields = [self._field(box, key, column)
                       for column, key in enumerate(indicator.entered_fields, start=1)]
        self.unit: QLabel | None = None
        if indicator.unit is not None or indicator.type in ("money", "percent"):
            self.unit = QLabel(box)
            grid.addWidget(self.unit, row, 4)
        self.standard: QLabel | None = None
        if indicator.standard is not None:
            self.standard = QLabel(box)
            self.standard.setWordWrap(True)
            grid.addWidget(self.standard, row, 5)

    def _result_label(self, box: QGroupBox) -> QLabel:
        """A computed value, or a split indicator's total."""
        result = QLabel(box)
        result.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        result.setFrameShape(QFrame.Shape.StyledPanel)
        result.setMinimumWidth(self.grid.columnMinimumWidth(3))
        # As tall as a field, however many lines the label beside it takes.
        result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        result.setMargin(3)
        self.grid.addWidget(result, self.row, 3)
        return result

    def _field(self, box: QGroupBox, key: str, column: int) -> Field:
        indicator = self.indicator
        widget = make_field_widget(box, indicator, self.host)
        self.navigation.stops.add(widget)
        widget.installEventFilter(self.navigation)
        if indicator.disaggregation == "sex":
            self.grid.addWidget(widget, self.row, column)
        elif indicator.type == "text":
            self.grid.addWidget(widget, self.row, 1, 1, 3)
        else:
            self.grid.addWidget(widget, self.row, 3)
        return Field(key, indicator, widget)

    # ------------------------------------------------------------------ showing

    def retranslate(self, language: str) -> None:
        """Its texts in the interface language (its value is drawn again at the next
        `show_value`)."""
        indicator = self.indicator
        label = indicator.label.get(language)
        self.label.setText(wrappable(label))
        help_text = indicator.help.get(language) if indicator.help else ""
        self.label.setToolTip(help_text)
        for field in self.fields:
            field.retranslate(label, help_text, language)
        if self.unit is not None:
            self.unit.setText(indicator.unit.get(language) if indicator.unit else (
                QCoreApplication.translate("FormEditor", "Riel")
                if indicator.type == "money" else "%"))
        if self.result is not None:
            self.result.setToolTip(
                QCoreApplication.translate("FormEditor", "Computed: it cannot be typed."))
        if self.standard is not None:  # a proposed one: not yet official; and its source
            self.standard.setToolTip(standard_tip(indicator))
        for confirm in self.confirm_lines.values():
            confirm.retranslate()
        self.shown = None

    def show_value(self, value: Value, language: str) -> None:
        """Its computed value or total, and whether its standard is met."""
        shown = (value, language)
        # 1 == True in Python: the type keeps a yes from looking like a count of one.
        if self.shown == shown and type(self.shown[0]) is type(shown[0]):
            return
        self.shown = shown
        indicator = self.indicator
        if self.result is not None:
            self.result.setText(format_value(indicator, value, language))
        if self.standard is not None and indicator.standard is not None:
            met = indicator.standard.is_met(value)
            mark = {True: "✓ ", False: "✗ ", None: ""}[met]
            colour = {True: MET_COLOUR, False: NOT_MET_COLOUR, None: UNKNOWN_COLOUR}[met]
            self.standard.setText(wrappable(mark + QCoreApplication.translate(
                "FormEditor", "Standard: {0}").format(standard_text(indicator, language))
                + proposed_text(indicator, language)))
            set_text_colour(self.standard, colour)

    def show_problems(self, problems: Sequence[Problem], *, edits: Collection[str],
                      confirmations: dict[str, str], conflicts: dict[str, ConflictView],
                      language: str, tip: Callable[[ConflictView], str],
                      again: bool = False) -> None:
        """Outline its fields and show its errors, its warnings with their confirmation
        and its conflict marks; unchanged since last time, nothing is redrawn (`again`:
        redrawn all the same, for a new language)."""
        marks = [(f.key, c.id, c.status, c.choice_state, c.current, c.incoming)
                 for f in self.fields for c in [conflicts.get(f.key)] if c is not None]
        signature = tuple((p.field, p.code, p.severity, p.field in edits)
                          for p in problems) + tuple(
            (k, "reason", v) for k, v in confirmations.items()
            if k.partition(":")[0] in self.indicator.fields) + tuple(marks)
        if signature == self.problems and not again:
            return
        self.problems = signature
        errors = [p for p in problems if p.severity == "error"]
        for field in self.fields:
            field.conflicted = field.key in conflicts
            kinds = {p.severity for p in problems if p.field == field.key}
            field.outline("error" if "error" in kinds else "warning" if kinds else "")
        if not problems and self.problem_box is None and not marks:
            return
        box = self._problem_box()
        assert self.errors is not None
        if errors:
            text = "\n".join("✗ " + part_prefix(p.field) + p.message.get(language)
                             for p in errors)
            if any(p.field in edits for p in errors):
                text += "\n" + QCoreApplication.translate(
                    "FormEditor", "Not saved until it is corrected.")
            self.errors.setText(wrappable(text))
        self.errors.setVisible(bool(errors))
        self._show_warnings([p for p in problems if p.severity == "warning"], confirmations,
                            language)
        marked = self._show_conflict_marks(conflicts, tip)
        box.setVisible(bool(problems) or marked)

    def _show_warnings(self, warnings: list[Problem], confirmations: dict[str, str],
                       language: str) -> None:
        shown: set[str] = set()
        for problem in warnings:
            key = f"{problem.field}:{problem.code}"
            shown.add(key)
            confirm = self.confirm_lines.get(key)
            if confirm is None:
                confirm = self._confirm_line(key)
            confirm.show_warning(part_prefix(problem.field) + problem.message.get(language),
                                 confirmations.get(key))
            confirm.setVisible(True)
        for key, confirm in self.confirm_lines.items():
            if key not in shown:
                confirm.setVisible(False)

    def _show_conflict_marks(self, conflicts: dict[str, ConflictView],
                             tip: Callable[[ConflictView], str]) -> bool:
        """A button under each of its fields in conflict; True when one shows."""
        shown = False
        for field in self.fields:
            conflict = conflicts.get(field.key)
            button = self.conflict_buttons.get(field.key)
            if conflict is None:
                if button is not None:
                    button.setVisible(False)
                continue
            if button is None:
                button = self._conflict_button(field)
            button.setText(part_prefix(field.key) + (
                QCoreApplication.translate("FormEditor", "Conflict: see the other value")
                if conflict.status == "open" else QCoreApplication.translate(
                    "FormEditor",
                    "Your proposal waits for the district officer: see the conflict")))
            button.setToolTip(tip(conflict))
            button.setAccessibleDescription(button.toolTip())
            button.setVisible(True)
            shown = True
        return shown

    # ------------------------------------------------------------------ made when needed

    def _problem_box(self) -> QWidget:
        if self.problem_box is None:
            box = QWidget(self.grid.parentWidget())
            layout = QVBoxLayout(box)
            layout.setContentsMargins(12, 0, 0, 4)
            self.errors = QLabel(box)
            self.errors.setWordWrap(True)
            self.errors.setTextFormat(Qt.TextFormat.PlainText)
            set_text_colour(self.errors, ERROR_COLOUR)
            layout.addWidget(self.errors)
            self.grid.addWidget(box, self.row + 1, 0, 1, 6)
            self.problem_box = box
        return self.problem_box

    def _confirm_line(self, key: str) -> ConfirmLine:
        box = self._problem_box()
        confirm = ConfirmLine(key, box)
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(confirm)
        self.confirm_lines[key] = confirm
        confirm.confirmed.connect(self.host.confirmation_given)
        confirm.reason.installEventFilter(self.navigation)
        self.navigation.stops.add(confirm.reason)
        # Tab reaches the reason right after the field the warning is about.
        previous: QWidget = self.fields[-1].widget if self.fields else confirm.reason
        for other in self.confirm_lines.values():
            if other is not confirm:
                previous = other.reason
        if previous is not confirm.reason:
            QWidget.setTabOrder(previous, confirm.reason)
        return confirm

    def _conflict_button(self, field: Field) -> QPushButton:
        box = self._problem_box()
        button = QPushButton(box)
        button.setObjectName(f"conflict:{field.key}")
        # Clicked, not tabbed through: Tab and Enter keep going from figure to figure.
        button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        palette = button.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(CONFLICT_COLOUR))
        button.setPalette(palette)
        button.clicked.connect(lambda _checked=False, key=field.key: self.host.open_conflict(key))
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, button, 0, Qt.AlignmentFlag.AlignLeft)
        self.conflict_buttons[field.key] = button
        return button


def fill(targets: Sequence[Field], values: Sequence[str]
         ) -> tuple[list[Field], list[tuple[str, Field]], list[Field]]:
    """Put pasted values in the fields, one each in order, as typing would (undoable, and
    an edit): the fields filled, the (value, field) a choice field could not take, and the
    fields whose value was too long and cut."""
    filled: list[Field] = []
    unusable: list[tuple[str, Field]] = []
    cut: list[Field] = []
    for value, field in zip(values, targets, strict=False):
        widget = field.widget
        if isinstance(widget, QLineEdit):
            if len(value) > widget.maxLength():
                cut.append(field)
            widget.selectAll()
            widget.insert(value)
            widget.setCursorPosition(0)
        else:
            index = field.choice_index(value)
            if index < 0:
                unusable.append((value, field))
                continue
            widget.setCurrentIndex(index)
        filled.append(field)
    return filled, unusable, cut


def build_section(parent: QWidget, section: Section, *, host: FieldHost,
                  navigation: KeyboardNavigation, column_width: int
                  ) -> tuple[QGroupBox, list[IndicatorRow], list[tuple[QLabel, str]]]:
    """A section's box with a row per indicator; also its column heads ("female", "male",
    "total", for a section with split indicators) to be worded by the screen."""
    box = QGroupBox(parent)
    grid = QGridLayout(box)
    grid.setColumnStretch(0, 1)
    for column in (1, 2, 3):
        grid.setColumnMinimumWidth(column, column_width)
    row = 0
    heads: list[tuple[QLabel, str]] = []
    if any(i.disaggregation == "sex" for i in section.indicators):
        for column, which in ((1, "female"), (2, "male"), (3, "total")):
            head = QLabel(box)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_text_colour(head, MUTED_COLOUR)
            grid.addWidget(head, 0, column)
            heads.append((head, which))
        row = 1
    rows = []
    for indicator in section.indicators:
        rows.append(IndicatorRow(indicator, box, grid, row, host=host, navigation=navigation))
        row += 2  # the row under each indicator is kept for its problems
    return box, rows, heads
