"""The form entry screen: one yearly form, generated from its definition, typed from the
paper form as fast as a person can type.

Each section of the definition becomes a group of rows: the indicator's label in the
interface language, its field (female and male for a split indicator, with the total
beside them), its unit and its national standard. Computed indicators are shown read-only
and follow every keystroke. The shared validation engine runs live: errors and warnings
appear under the field, in the person's language; a warning is confirmed with a reason
in place. Enter and Tab move to the next field, Shift+Tab (or Shift+Enter) back, Ctrl+S
saves. Numbers may be typed with Khmer digits.

Nothing typed is lost: edits that are not saved yet are kept as a draft in the local
store a moment after each keystroke, restored when the form opens again, and cleared by a
save. A save writes the values and their outbox operation in one local transaction,
off the GUI thread; a value with an error is never saved, and the person is told so.
The second tab is the form's Post-on (client.ui.post_on).

Several values pasted at once (a row or a column copied from a spreadsheet) fill the
fields in form order from the one pasted into, each checked as if typed. A figure in
conflict (another person's value replaced this computer's at a sync) is outlined, with a
button under it that opens the Conflicts dialog on that conflict. Every note says who can
help for the signed-in person's role (only a national administrator unlocks).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from client.context import AppContext
from client.qt import (
    QCloseEvent,
    QColor,
    QComboBox,
    QEvent,
    QFont,
    QFrame,
    QGridLayout,
    QGroupBox,
    QGuiApplication,
    QHBoxLayout,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QObject,
    QPalette,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSizePolicy,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store import entry
from client.store.entry import ConflictView, Draft, FormHeader
from client.store.errors import StoreError, StoreUnavailableError
from client.ui.conflicts_dialog import ConflictsDialog, may_decide, moment_text
from client.ui.post_on import (
    MET_COLOUR,
    NOT_MET_COLOUR,
    UNKNOWN_COLOUR,
    PostOnView,
    format_value,
    in_digits,
    standard_text,
)
from client.ui.sign_in import store_problem_text
from client.ui.sync_dialog import while_alive
from client.ui.text import ZERO_WIDTH_SPACE, wrappable
from common.forms import FormDefinition, Indicator, Problem, Section, ValidationResult, validate
from common.forms.definition import DEFAULT_TEXT_LENGTH
from common.forms.expressions import Value
from common.forms.validation import SUBMIT_ONLY
from common.khmer import to_arabic_digits, to_khmer_digits
from common.roles import ROLES, may, scope_level
from common.workflow import STATUS_NAMES, is_locked

ERROR_COLOUR = NOT_MET_COLOUR
WARNING_COLOUR = "#8a5a00"
CONFIRMED_COLOUR = MET_COLOUR
MUTED_COLOUR = "#616161"
#: A figure in conflict: neither an error's red nor a warning's amber.
CONFLICT_COLOUR = "#6a1b9a"

#: A Khmer syllable starts at a consonant or independent vowel that is not written under
#: the one before it (after a coeng, U+17D2). Qt breaks no line inside unspaced Khmer and
#: clips a long label instead; a zero-width space at each syllable start lets it wrap
#: without ever cutting a syllable (word boundaries would need a dictionary segmenter).
#: How long typing may pause before the draft is written (a crash loses at most this).
DRAFT_DELAY_MS = 400
_YES_KEYS = frozenset({"y", "1", "១", "ប", "ច"})
_NO_KEYS = frozenset({"n", "0", "០", "ទ"})
_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def split_cells(text: str) -> list[str]:
    """The values of text copied from a spreadsheet, row by row: a tab between the cells
    of a row, a line end (\\n, \\r\\n or \\r) between rows, as Excel and LibreOffice
    copy them; the line end after the last row ends it and is no empty value. A cell that
    holds a line end or a tab comes in double quotes, and stays one value. Each value
    without the spaces around it; an empty row is one empty value (an empty cell of a
    copied column), so the values after it keep their places."""
    if not text.strip("\r\n"):
        return []
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    return [cell.strip() for row in rows for cell in (row or [""])]


def set_text_colour(label: QLabel, colour: str) -> None:
    """Colour a label's text. A palette, not a style sheet: a style sheet makes Qt
    polish the widget with its slower style-sheet style, on every one of a hundred labels."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


def _empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def display_raw(indicator: Indicator, value: Value, language: str) -> str:
    """A saved value as it is put back in a field: what a person would type (numbers
    grouped by thousands, in the digits of the interface language)."""
    if value is None:
        return ""
    return format_value(indicator, value, language)


class _Field:
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
            return None if _empty(text) else text
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
                else:
                    widget.setText(display_raw(self.indicator, raw, language))
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


class _ConfirmLine(QWidget):
    """A warning with its inline confirmation: the message, a reason, and Confirm."""

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
            self.state.setText(self.tr("A reason is needed"))
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
        self.state.setText("✓ " + self.tr("Confirmed") if done else "")
        set_text_colour(self.state, CONFIRMED_COLOUR)

    def retranslate(self) -> None:
        """Texts again in the interface language."""
        self.reason.setPlaceholderText(self.tr("Why is this figure right?"))
        self.button.setText(self.tr("Confirm"))
        self._update_state()


class _IndicatorRow:
    """Everything one indicator shows, in its section's grid."""

    def __init__(self, indicator: Indicator, grid: QGridLayout, row: int) -> None:
        self.indicator = indicator
        self.grid = grid
        self.row = row
        self.label: QLabel | None = None
        self.fields: list[_Field] = []
        self.result: QLabel | None = None  # a computed value, or a split indicator's total
        self.unit: QLabel | None = None
        self.standard: QLabel | None = None
        self.errors: QLabel | None = None  # made when first needed
        self.confirm_lines: dict[str, _ConfirmLine] = {}
        #: A button under each field in conflict, opening the conflict (made when needed).
        self.conflict_buttons: dict[str, QPushButton] = {}
        self.problems: tuple[tuple[Any, ...], ...] = ()
        self.problem_box: QWidget | None = None
        #: (value, language) last shown beside the field: unchanged ones are not redrawn.
        self.shown: tuple[Any, str] | None = None


class _KeyboardNavigation(QObject):
    """Enter moves on like Tab (Shift+Enter back), and yes/no fields answer to keys."""

    def __init__(self, editor: FormEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Paste):
            # Ctrl+V (or Shift+Insert): several values fill several fields.
            return self.editor.paste_into(watched)
        key = event.key()
        modifiers = event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                modifiers & Qt.KeyboardModifier.ControlModifier):
            backwards = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            return self.editor.enter_pressed(watched, backwards=backwards)
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier
                                 | Qt.KeyboardModifier.AltModifier)
        if isinstance(watched, QComboBox) and plain:
            return self.editor.combo_key(watched, event)
        return False


class FormEditor(QWidget):
    """The entry screen of one form, with its Post-on as a second tab."""

    #: The values were saved (data and outbox committed).
    saved = Signal()
    #: True when there are edits not saved yet, False when everything is saved.
    dirty_changed = Signal(bool)

    def __init__(self, context: AppContext, form_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if context.session is None:
            raise RuntimeError("a form opens only while someone is signed in")
        self.context = context
        self.form_id = form_id
        self.store = context.session.store
        self.language = context.settings.language
        self.header: FormHeader | None = entry.form_header(self.store, form_id)
        self.definition: FormDefinition | None = (
            self.store.definition(self.header.form_code, self.header.definition_version)
            if self.header else None)

        self._rows: dict[str, _IndicatorRow] = {}
        self._fields: dict[str, _Field] = {}
        self._by_widget: dict[QWidget, _Field] = {}
        self._sections: list[tuple[Section, QGroupBox]] = []
        self._column_heads: list[tuple[QLabel, str]] = []
        self._stops: set[QWidget] = set()
        self._saved: dict[str, Value] = {}
        #: What was typed and not saved: field -> raw entry (None: cleared).
        self._edits: dict[str, Any] = {}
        #: Confirmations given and not saved ("field:code" -> reason).
        self._new_confirmations: dict[str, str] = {}
        self._kept_confirmations: dict[str, str] = {}
        self._result: ValidationResult | None = None
        self._dirty = False
        self._saving = False
        self._loading = False
        self._draft_written: Draft | None = None
        self._restored_draft = False
        self._refused: list[str] = []
        self._message = ""
        self._message_colour = MUTED_COLOUR
        self._retranslating = False
        #: Field -> its conflict still waiting (open, or proposed from here).
        self._conflicts: dict[str, ConflictView] = {}
        self.conflicts_dialog: ConflictsDialog | None = None
        #: Values being pasted: each is recorded, the form checked once at the end.
        self._pasting = False
        self.read_only = True

        self._navigation = _KeyboardNavigation(self)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

        self._build()
        if self.header is not None and self.definition is not None:
            self._load()
        context.language_changed.connect(self._language_changed)
        context.operations.changed.connect(self._on_data_changed)
        self.retranslate()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setFrameShape(QFrame.Shape.StyledPanel)
        self.note.setVisible(False)

        self.tabs = QTabWidget(self)
        self.entry_page = QWidget()
        self.section_list = QListWidget(self.entry_page)
        self.section_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.section_list.setWordWrap(True)
        self.section_list.setMaximumWidth(240)
        self.section_list.currentRowChanged.connect(self._go_to_section)
        self.scroll = QScrollArea(self.entry_page)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        if self.definition is not None:
            for section in self.definition.sections:
                self._build_section(content, section)
        self.content_layout.addStretch(1)
        self.scroll.setWidget(content)
        page_layout = QHBoxLayout(self.entry_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.section_list)
        page_layout.addWidget(self.scroll, 1)
        self.tabs.addTab(self.entry_page, "")

        self.post_on: PostOnView | None = None
        if self.definition is not None:
            self.post_on = PostOnView(self.context, self.form_id, self.definition)
            self.tabs.addTab(self.post_on, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.discard_button = QPushButton(self)
        self.discard_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.discard_button.clicked.connect(self._ask_discard)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self._stops.add(self.save_button)
        footer = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.status)
        texts.addWidget(self.message)
        footer.addLayout(texts, 1)
        footer.addWidget(self.discard_button)
        footer.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)

        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            jump = QShortcut(QKeySequence(keys), self)
            jump.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            jump.activated.connect(lambda step=step: self._step_section(step))

    def _build_section(self, parent: QWidget, section: Section) -> None:
        box = QGroupBox(parent)
        grid = QGridLayout(box)
        grid.setColumnStretch(0, 1)
        width = self.fontMetrics().horizontalAdvance("0") * 14
        for column in (1, 2, 3):
            grid.setColumnMinimumWidth(column, width)
        row = 0
        if any(i.disaggregation == "sex" for i in section.indicators):
            for column, which in ((1, "female"), (2, "male"), (3, "total")):
                head = QLabel(box)
                head.setAlignment(Qt.AlignmentFlag.AlignCenter)
                set_text_colour(head, MUTED_COLOUR)
                grid.addWidget(head, 0, column)
                self._column_heads.append((head, which))
            row = 1
        for indicator in section.indicators:
            self._build_indicator(box, grid, indicator, row)
            row += 2  # the row under each indicator is kept for its problems
        self.content_layout.addWidget(box)
        self._sections.append((section, box))

    def _build_indicator(self, box: QGroupBox, grid: QGridLayout, indicator: Indicator,
                         row: int) -> None:
        line = _IndicatorRow(indicator, grid, row)
        self._rows[indicator.code] = line
        line.label = QLabel(box)
        line.label.setWordWrap(True)
        line.label.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(line.label, row, 0)
        if indicator.is_computed or indicator.disaggregation == "sex":
            line.result = QLabel(box)
            line.result.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            line.result.setFrameShape(QFrame.Shape.StyledPanel)
            line.result.setMinimumWidth(grid.columnMinimumWidth(3))
            # As tall as a field, however many lines the label beside it takes.
            line.result.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            line.result.setMargin(3)
            grid.addWidget(line.result, row, 3)
        for column, key in enumerate(indicator.entered_fields, start=1):
            widget = self._field_widget(box, indicator)
            field = _Field(key, indicator, widget)
            self._fields[key] = field
            self._by_widget[widget] = field
            line.fields.append(field)
            self._stops.add(widget)
            widget.installEventFilter(self._navigation)
            if indicator.disaggregation == "sex":
                grid.addWidget(widget, row, column)
            elif indicator.type == "text":
                grid.addWidget(widget, row, 1, 1, 3)
            else:
                grid.addWidget(widget, row, 3)
        if indicator.unit is not None or indicator.type in ("money", "percent"):
            line.unit = QLabel(box)
            grid.addWidget(line.unit, row, 4)
        if indicator.standard is not None:
            line.standard = QLabel(box)
            line.standard.setWordWrap(True)
            grid.addWidget(line.standard, row, 5)

    def _field_widget(self, parent: QWidget, indicator: Indicator) -> QLineEdit | QComboBox:
        if indicator.type in ("yes_no", "choice"):
            combo = QComboBox(parent)
            combo.addItem("", None)
            if indicator.type == "yes_no":
                combo.addItem("", True)
                combo.addItem("", False)
            else:
                for choice in indicator.choices:
                    combo.addItem("", choice.code)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._edited(c))
            return combo
        edit = QLineEdit(parent)
        if indicator.type == "text":
            edit.setMaxLength(indicator.max_length or DEFAULT_TEXT_LENGTH)
        else:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textEdited.connect(lambda _t, e=edit: self._edited(e))
        # The line edit's own menu, its Paste going the way Ctrl+V goes.
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(
            lambda position, e=edit: self._field_menu(e, position))
        return edit

    def _field_menu(self, edit: QLineEdit, position: Any) -> None:
        menu = edit.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(
                    lambda _checked=False, e=edit: self.paste_into(e) or e.paste())
        menu.exec(edit.mapToGlobal(position))
        menu.deleteLater()

    # ------------------------------------------------------------------ loading

    def _load(self) -> None:
        assert self.header is not None
        session = self.context.session
        role = session.role if session is not None else ""
        self.read_only = is_locked(self.header.status) or not may(role, "edit")
        self._saved = self.store.values(self.form_id)
        self._kept_confirmations = entry.kept_confirmations(self.store, self.form_id)
        self._read_conflicts()
        self._loading = True
        try:
            for key, field in self._fields.items():
                field.set_raw(self._saved.get(key), self.language)
                field.set_read_only(self.read_only)
            draft = entry.read_draft(self.store, self.form_id)
            if draft is not None and not self.read_only:
                self._restore(draft)
        finally:
            self._loading = False
        self.save_button.setEnabled(not self.read_only)
        if self._fields:
            # Focus given to the screen goes to the first figure: typing starts at once.
            self.setFocusProxy(next(iter(self._fields.values())).widget)
        self._revalidate()

    def _restore(self, draft: Draft) -> None:
        for key, raw in draft.values.items():
            field = self._fields.get(key)
            if field is None:
                continue  # a field of another definition version: nothing to show it in
            field.set_raw(raw, self.language, typed=True)
            self._edits[key] = raw
        self._new_confirmations = dict(draft.confirmations)
        self._draft_written = Draft(dict(self._edits), dict(self._new_confirmations))
        self._restored_draft = bool(self._edits or self._new_confirmations)

    def _reload(self) -> None:
        """Values or status changed underneath (a sync, another screen): show them, keeping
        whatever the person is typing."""
        header = entry.form_header(self.store, self.form_id)
        if header is None or self.definition is None:
            return
        self.header = header
        session = self.context.session
        role = session.role if session is not None else ""
        self.read_only = is_locked(header.status) or not may(role, "edit")
        before, self._saved = self._saved, self.store.values(self.form_id)
        self._kept_confirmations = entry.kept_confirmations(self.store, self.form_id)
        self._read_conflicts()
        for key, field in self._fields.items():
            value = self._saved.get(key)
            if key not in self._edits and value != before.get(key):
                field.set_raw(value, self.language)
            field.set_read_only(self.read_only)
        self.save_button.setEnabled(not self.read_only)
        self._revalidate()
        self._retranslate_header()

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"values", "forms", "conflicts"} and not self._saving:
            self._reload()

    def _read_conflicts(self) -> None:
        """The form's fields in conflict. A district officer's own choice settles one (the
        field then shows that choice, waiting to be sent); anyone else's is a proposal,
        and the field stays marked until the officer decides."""
        session = self.context.session
        decider = session is not None and may_decide(session.role)
        self._conflicts = {c.field: c for c in entry.conflicts(self.store, self.form_id)
                           if c.status == "open" or not decider}

    # ------------------------------------------------------------------ editing

    def _edited(self, widget: QWidget) -> None:
        if self._loading or self.read_only:
            return
        field = self._by_widget.get(widget)
        if field is None:
            return
        self._edits[field.key] = field.raw()
        if self._pasting:
            return  # checked once, when every pasted value is in
        self._message = ""
        self._revalidate()
        self._draft_timer.start()

    def _confirmation_given(self, key: str, reason: str) -> None:
        if self.read_only:
            return
        if self._kept_confirmations.get(key) == reason:
            self._new_confirmations.pop(key, None)
        else:
            self._new_confirmations[key] = reason
        self._revalidate()
        self._draft_timer.start()

    # ------------------------------------------------------------------ pasting

    def paste_into(self, widget: QObject) -> bool:
        """Paste the clipboard into a field. Several values (the cells of a row or a
        column copied from a spreadsheet) fill the fields in form order from this one;
        a single value pastes as usual. True when it was handled here."""
        field = self._by_widget.get(widget)  # type: ignore[call-overload]
        if field is None or self.read_only:
            return False
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        values = split_cells(text)
        if len(values) <= 1 and isinstance(field.widget, QLineEdit):
            if not values or values[0] == text:
                return False  # one value as it is: the line edit's own paste
            field.widget.insert(values[0])  # a copied cell ends with a line end
            return True
        if values:
            self.paste_values(field.key, values)
        return True

    def paste_values(self, start: str, values: list[str]) -> None:
        """Put `values` in the fields from `start` on, in form order, each as if typed
        there (checked by the same rules; Ctrl+Z in a field takes it back, and nothing is
        saved until Save), then say what was done."""
        keys = list(self._fields)
        targets = [self._fields[k] for k in keys[keys.index(start):]]
        targets = [f for f in targets if f.widget.isEnabled() and not (
            isinstance(f.widget, QLineEdit) and f.widget.isReadOnly())]
        pairs = list(zip(values, targets, strict=False))
        filled: list[_Field] = []
        unusable: list[tuple[str, _Field]] = []
        cut: list[_Field] = []
        self._pasting = True
        try:
            for value, field in pairs:
                widget = field.widget
                if isinstance(widget, QLineEdit):
                    if len(value) > widget.maxLength():
                        cut.append(field)
                    widget.selectAll()
                    widget.insert(value)  # as typing does: undoable, and an edit
                    widget.setCursorPosition(0)
                else:
                    index = self._choice_index(field, value)
                    if index < 0:
                        unusable.append((value, field))
                        continue
                    widget.setCurrentIndex(index)
                filled.append(field)
        finally:
            self._pasting = False
        self._message = ""
        self._revalidate()
        self._draft_timer.start()
        self._tell_pasted(len(values), filled, unusable, cut,
                          targets[-1] if len(values) > len(targets) and targets else None)

    def _tell_pasted(self, count: int, filled: list[_Field],
                     unusable: list[tuple[str, _Field]], cut: list[_Field],
                     last: _Field | None) -> None:
        """Say what a paste did: how many values went where, and what did not go."""
        parts = []
        if filled:
            parts.append(self.tr("Pasted {0} value(s) into {1} field(s), from “{2}” to "
                                 "“{3}”.").format(self._n(len(filled)), self._n(len(filled)),
                                                  self._name(filled[0]),
                                                  self._name(filled[-1])))
        else:
            parts.append(self.tr("Nothing was pasted."))
        left_out = count - len(filled) - len(unusable)
        colour = CONFIRMED_COLOUR
        if left_out > 0 and last is not None:
            parts.append(self.tr("{0} more value(s) were left out: the form has no field "
                                 "after “{1}”.").format(self._n(left_out), self._name(last)))
            colour = WARNING_COLOUR
        if unusable:
            parts.append(self.tr("{0} value(s) are not among the choices of their field and "
                                 "were not pasted: {1}.").format(
                self._n(len(unusable)),
                "; ".join(f"“{value}” ({self._name(field)})" for value, field in unusable)))
            colour = ERROR_COLOUR
        if cut:
            parts.append(self.tr("{0} value(s) were too long for their field and were cut: "
                                 "{1}.").format(self._n(len(cut)),
                                                "; ".join(self._name(f) for f in cut)))
            colour = ERROR_COLOUR
        pasted = {f.key for f in filled}
        wrong = {p.field for p in (self._result.errors if self._result else [])
                 if p.code not in SUBMIT_ONLY and p.field in pasted}
        if wrong:
            parts.append(self.tr("{0} of them have errors, marked in red: correct them "
                                 "before saving.").format(self._n(len(wrong))))
            colour = ERROR_COLOUR
        self._tell(" ".join(parts), colour)

    def _name(self, field: _Field) -> str:
        """A field's name as a message names it: its label (and part)."""
        return field.widget.accessibleName() or field.key

    def _choice_index(self, field: _Field, value: str) -> int:
        """The item of a yes/no or choice field a pasted value stands for (0: empty), or -1
        when it stands for none: "yes"/"no", 1/0, បាទ/ទេ, a choice's number (in either
        digits), code or label (in either language)."""
        combo = field.widget
        assert isinstance(combo, QComboBox)
        text = to_arabic_digits(value).strip().casefold()
        if not text:
            return 0
        for index in range(1, combo.count()):
            data = combo.itemData(index)
            names = {combo.itemText(index).casefold()}
            if isinstance(data, bool):
                names |= ({"yes", "y", "true", "1", "បាទ", "ចាស", "មាន"} if data
                          else {"no", "n", "false", "0", "ទេ", "គ្មាន", "មិនមាន"})
            else:
                choice = next(c for c in field.indicator.choices if c.code == data)
                names |= {str(index), str(data).casefold(),
                          choice.label.get("km").casefold(), choice.label.get("en").casefold()}
            if text in names:
                return index
        return -1

    def _merged(self) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in self._saved.items()
                                  if self.definition is not None
                                  and self.definition.has_field(k)}
        merged.update(self._edits)
        return {k: v for k, v in merged.items() if not _empty(v)}

    def _revalidate(self) -> None:
        """Check everything with the shared engine and show what it says."""
        if self.definition is None:
            return
        result = validate(self.definition, self._merged())
        self._result = result
        # An edit that comes back to the saved value is no edit ('12' retyped as '១២').
        blocking = {p.field for p in result.errors if p.code not in SUBMIT_ONLY}
        for key in list(self._edits):
            if key not in blocking and result.values.get(key) == self._saved.get(key):
                del self._edits[key]
        self._show_results(result)
        self._update_dirty()

    def _show_results(self, result: ValidationResult) -> None:
        by_indicator: dict[str, list[Problem]] = {}
        for problem in result.problems:
            if problem.code in SUBMIT_ONLY:
                continue  # a missing figure is counted below, not shouted at every field
            by_indicator.setdefault(problem.indicator, []).append(problem)
        for code, line in self._rows.items():
            problems = by_indicator.get(code, [])
            self._show_problems(line, problems)
            shown = (result.values.get(code), self.language)
            # 1 == True in Python: the type keeps a yes from looking like a count of one.
            if line.shown == shown and type(line.shown[0]) is type(shown[0]):
                continue
            line.shown = shown
            if line.result is not None:
                line.result.setText(format_value(line.indicator, result.values.get(code),
                                                 self.language))
            if line.standard is not None and line.indicator.standard is not None:
                met = line.indicator.standard.is_met(result.values.get(code))
                mark = {True: "✓ ", False: "✗ ", None: ""}[met]
                colour = {True: MET_COLOUR, False: NOT_MET_COLOUR, None: UNKNOWN_COLOUR}[met]
                line.standard.setText(wrappable(mark + self.tr("Standard: {0}").format(
                    standard_text(line.indicator, self.language))))
                set_text_colour(line.standard, colour)
        if self.post_on is not None and self.tabs.currentWidget() is self.post_on:
            self.post_on.set_values(result.values, unsaved=self.has_unsaved_changes())
        self._show_status(result)

    def _show_problems(self, line: _IndicatorRow, problems: list[Problem]) -> None:
        conflicts = [(f.key, c.id, c.status, c.choice_state, c.current, c.incoming)
                     for f in line.fields for c in [self._conflicts.get(f.key)] if c is not None]
        signature = tuple((p.field, p.code, p.severity, p.field in self._edits)
                          for p in problems) + tuple(
            (k, "reason", v) for k, v in self._confirmations().items()
            if k.partition(":")[0] in line.indicator.fields) + tuple(conflicts)
        if signature == line.problems and not self._retranslating:
            return
        line.problems = signature
        errors = [p for p in problems if p.severity == "error"]
        warnings = [p for p in problems if p.severity == "warning"]
        for field in line.fields:
            field.conflicted = field.key in self._conflicts
            kinds = {p.severity for p in problems if p.field == field.key}
            field.outline("error" if "error" in kinds else "warning" if kinds else "")
        if not problems and line.problem_box is None and not conflicts:
            return
        box = self._problem_box(line)
        if errors:
            assert line.errors is not None
            unsaved = any(p.field in self._edits for p in errors)
            text = "\n".join("✗ " + self._field_prefix(line, p) + p.message.get(self.language)
                             for p in errors)
            if unsaved:
                text += "\n" + self.tr("Not saved until it is corrected.")
            line.errors.setText(wrappable(text))
        assert line.errors is not None
        line.errors.setVisible(bool(errors))
        confirmations = self._confirmations()
        shown: set[str] = set()
        for problem in warnings:
            key = f"{problem.field}:{problem.code}"
            shown.add(key)
            confirm = line.confirm_lines.get(key)
            if confirm is None:
                confirm = self._confirm_line(line, key)
            confirm.show_warning(self._field_prefix(line, problem)
                                 + problem.message.get(self.language), confirmations.get(key))
            confirm.setVisible(True)
        for key, confirm in line.confirm_lines.items():
            if key not in shown:
                confirm.setVisible(False)
        marked = self._show_conflict_marks(line)
        box.setVisible(bool(problems) or marked)

    # ------------------------------------------------------------------ conflicts

    def _show_conflict_marks(self, line: _IndicatorRow) -> bool:
        """A button under each field of the line in conflict; True when one shows."""
        shown = False
        for field in line.fields:
            conflict = self._conflicts.get(field.key)
            button = line.conflict_buttons.get(field.key)
            if conflict is None:
                if button is not None:
                    button.setVisible(False)
                continue
            if button is None:
                button = self._conflict_button(line, field)
            button.setText(self._field_part(field) + (
                self.tr("Conflict: see the other value") if conflict.status == "open" else
                self.tr("Your proposal waits for the district officer: see the conflict")))
            button.setToolTip(self.conflict_tip(conflict))
            button.setAccessibleDescription(button.toolTip())
            button.setVisible(True)
            shown = True
        return shown

    def _conflict_button(self, line: _IndicatorRow, field: _Field) -> QPushButton:
        box = self._problem_box(line)
        button = QPushButton(box)
        button.setObjectName(f"conflict:{field.key}")
        # Clicked, not tabbed through: Tab and Enter keep going from figure to figure.
        button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        palette = button.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(CONFLICT_COLOUR))
        button.setPalette(palette)
        button.clicked.connect(lambda _checked=False, key=field.key: self.open_conflict(key))
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, button, 0, Qt.AlignmentFlag.AlignLeft)
        line.conflict_buttons[field.key] = button
        return button

    def conflict_tip(self, conflict: ConflictView) -> str:
        """What a field's conflict mark says when pointed at: whose value replaced whose,
        and when."""
        session = self.context.session
        me = str(session.user.get("id")) if session is not None else ""
        mine, _theirs = conflict.sides(me)
        language = self.language
        field = self._fields.get(conflict.field)
        indicator = field.indicator if field is not None else None

        def shown(value: Any) -> str:
            text = format_value(indicator, value, language) if indicator is not None \
                and value is not None else ("" if value is None else str(value))
            return text or "—"

        def person(name: str | None, at: Any) -> str:
            who = name or self.tr("another person")
            when = moment_text(at, language)
            return f"{who} ({when})" if when else who

        if mine == "incoming":
            text = self.tr("{0} entered {1} for this figure; your value, {2}, is set aside "
                           "until the conflict is settled.").format(
                person(conflict.current_name, conflict.current_at), shown(conflict.current),
                shown(conflict.incoming))
        elif mine == "current":
            text = self.tr("{0} entered another value, {1}, for this figure; it is set "
                           "aside until the conflict is settled.").format(
                person(conflict.incoming_name, conflict.incoming_at), shown(conflict.incoming))
        else:
            text = self.tr("Two values for this figure: {0} on the form, from {1}; {2} set "
                           "aside, from {3}.").format(
                shown(conflict.current), person(conflict.current_name, conflict.current_at),
                shown(conflict.incoming), person(conflict.incoming_name, conflict.incoming_at))
        text = text[:1].upper() + text[1:]  # "another person entered…" starts a sentence
        decides = session is not None and may_decide(session.role)
        return text + " " + (self.tr("Click to see both values and choose.") if decides else
                             self.tr("Click to see both values; you may propose the right "
                                     "one to the district officer, who decides."))

    def open_conflict(self, key: str) -> ConflictsDialog | None:
        """Open the Conflicts dialog on a field's conflict (its mark was clicked)."""
        conflict = self._conflicts.get(key)
        if conflict is None:
            return None
        dialog = self.conflicts_dialog
        if dialog is None:
            dialog = self.conflicts_dialog = ConflictsDialog(self.context, self,
                                                             focus=conflict.id)
        dialog.show()  # a dialog closed earlier reads the conflicts again
        dialog.select_conflict(conflict.id)
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _field_prefix(self, line: _IndicatorRow, problem: Problem) -> str:
        # A split indicator's problems say which part they are about.
        part = problem.field.rpartition(".")[2] if "." in problem.field else ""
        if not part:
            return ""
        return (self.tr("Female") if part == "female" else self.tr("Male")) + ": "

    def _field_part(self, field: _Field) -> str:
        """"Female: " or "Male: " before what is said of one part of a split indicator."""
        part = field.key.rpartition(".")[2] if "." in field.key else ""
        if not part:
            return ""
        return (self.tr("Female") if part == "female" else self.tr("Male")) + ": "

    def _problem_box(self, line: _IndicatorRow) -> QWidget:
        if line.problem_box is None:
            box = QWidget(line.grid.parentWidget())
            layout = QVBoxLayout(box)
            layout.setContentsMargins(12, 0, 0, 4)
            line.errors = QLabel(box)
            line.errors.setWordWrap(True)
            line.errors.setTextFormat(Qt.TextFormat.PlainText)
            set_text_colour(line.errors, ERROR_COLOUR)
            layout.addWidget(line.errors)
            line.grid.addWidget(box, line.row + 1, 0, 1, 6)
            line.problem_box = box
        return line.problem_box

    def _confirm_line(self, line: _IndicatorRow, key: str) -> _ConfirmLine:
        box = self._problem_box(line)
        confirm = _ConfirmLine(key, box)
        box.layout().addWidget(confirm)
        line.confirm_lines[key] = confirm
        confirm.confirmed.connect(self._confirmation_given)
        confirm.reason.installEventFilter(self._navigation)
        self._stops.add(confirm.reason)
        # Tab reaches the reason right after the field the warning is about.
        previous: QWidget = line.fields[-1].widget if line.fields else confirm.reason
        for other in line.confirm_lines.values():
            if other is not confirm:
                previous = other.reason
        if previous is not confirm.reason:
            QWidget.setTabOrder(previous, confirm.reason)
        return confirm

    def _confirmations(self) -> dict[str, str]:
        return {**self._kept_confirmations, **self._new_confirmations}

    def _show_status(self, result: ValidationResult) -> None:
        errors = sum(1 for p in result.errors if p.code not in SUBMIT_ONLY)
        confirmations = self._confirmations()
        unconfirmed = sum(1 for p in result.warnings
                          if f"{p.field}:{p.code}" not in confirmations)
        missing = sum(1 for p in result.errors if p.code in SUBMIT_ONLY)
        parts = []
        if errors:
            parts.append(f"<span style='color:{ERROR_COLOUR}'>" + self.tr(
                "{0} error(s) to fix").format(self._n(errors)) + "</span>")
        if unconfirmed:
            parts.append(f"<span style='color:{WARNING_COLOUR}'>" + self.tr(
                "{0} warning(s) to confirm").format(self._n(unconfirmed)) + "</span>")
        if missing:
            parts.append(self.tr("{0} required figure(s) still empty").format(
                self._n(missing)))
        if self.read_only:
            state = self.tr("Read only")
        elif self.has_unsaved_changes():
            state = "<b>" + self.tr("Unsaved changes (kept as a draft)") + "</b>"
        else:
            state = self.tr("All changes saved")
        self.status.setText(wrappable(" · ".join([state, *parts])))
        self.message.setText(wrappable(self._message))
        set_text_colour(self.message, self._message_colour)
        self.message.setVisible(bool(self._message))

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        self.discard_button.setEnabled(dirty and not self.read_only)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ------------------------------------------------------------------ keyboard

    def enter_pressed(self, widget: QObject, *, backwards: bool) -> bool:
        """Enter in a field: on to the next one (a reason is confirmed first)."""
        parent = widget.parent() if isinstance(widget, QLineEdit) else None
        if isinstance(parent, _ConfirmLine) and not backwards and not parent.confirm():
            return True
        if isinstance(widget, QWidget):
            self.move_focus(widget, backwards=backwards)
        return True

    def move_focus(self, widget: QWidget, *, backwards: bool = False) -> None:
        """Focus the next field (or reason, or the save button) in the order Tab follows."""
        current = widget
        for _ in range(4 * len(self._stops) + 64):
            current = current.previousInFocusChain() if backwards else current.nextInFocusChain()
            if current is None or current is widget:
                return
            if current in self._stops and current.isVisible() and current.isEnabled():
                current.setFocus(Qt.FocusReason.TabFocusReason)
                if isinstance(current, QLineEdit):
                    current.selectAll()  # typing replaces the figure, as after Tab
                if self.scroll.widget().isAncestorOf(current):
                    self.scroll.ensureWidgetVisible(current)
                return

    def combo_key(self, combo: QComboBox, event: QKeyEvent) -> bool:
        """Keys a yes/no or choice field answers to: y/n (1/0, or Khmer), a choice's
        number, Delete to clear."""
        if self.read_only:
            return False
        text = event.text().casefold()
        index = -1
        if event.key() in _CLEAR_KEYS:
            index = 0
        elif combo.findData(True) > 0 and text in _YES_KEYS:
            index = combo.findData(True)
        elif combo.findData(True) > 0 and text in _NO_KEYS:
            index = combo.findData(False)
        elif combo.findData(True) < 0 and to_arabic_digits(text).isdigit() \
                and to_arabic_digits(text).isascii():
            number = int(to_arabic_digits(text))
            index = number if 0 < number < combo.count() else -1
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def _go_to_section(self, row: int) -> None:
        if not 0 <= row < len(self._sections):
            return
        _section, box = self._sections[row]
        self.scroll.ensureWidgetVisible(box, 0, 0)
        self.scroll.verticalScrollBar().setValue(box.y())
        first = next((f.widget for line in self._rows.values() for f in line.fields
                      if line.indicator.section == _section.code), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_section(self, step: int) -> None:
        focused = self.focusWidget()
        current = 0
        for number, (_section, box) in enumerate(self._sections):
            if focused is not None and box.isAncestorOf(focused):
                current = number
        target = max(0, min(len(self._sections) - 1, current + step))
        self.section_list.setCurrentRow(target)
        self._go_to_section(target)

    def _tab_changed(self, index: int) -> None:
        if self.post_on is not None and self.tabs.widget(index) is self.post_on:
            self.post_on.ensure_loaded()
            if self._result is not None:
                self.post_on.set_values(self._result.values,
                                        unsaved=self.has_unsaved_changes())

    # ------------------------------------------------------------------ saving

    def has_unsaved_changes(self) -> bool:
        """True when something typed (or confirmed) is not saved yet."""
        return bool(self._edits or self._new_confirmations)

    def save(self) -> bool:
        """Save every valid edit and the confirmations, off the GUI thread; False when
        there was nothing that could be saved. Fields with errors stay unsaved, on screen
        and in the draft."""
        if self.read_only or self._saving or self.definition is None:
            return False
        changes, refused, final = self._savable_changes()
        warned = {f"{p.field}:{p.code}" for p in final.warnings}
        confirmations = {k: r for k, r in self._new_confirmations.items() if k in warned}
        self._refused = refused
        if not changes and not confirmations:
            if refused:
                self._tell(self.tr("Nothing saved: {0} figure(s) have errors. Correct the "
                                   "fields marked in red.").format(self._n(len(refused))),
                           ERROR_COLOUR)
            return False
        store, form_id = self.store, self.form_id
        self._saving = True
        self.save_button.setEnabled(False)
        self._tell(self.tr("Saving…"), MUTED_COLOUR)

        # What the store keeps: the engine's normalised values ('១២' is 12).
        normalised = {k: None if v is None else final.values.get(k) for k, v in changes.items()}

        def work(_work: object) -> None:
            store.save_values(form_id, changes, confirmations=confirmations)

        self.context.operations.run(
            work, changes={"values", "outbox"},
            on_done=lambda _r: self._save_done(changes, normalised, confirmations),
            on_error=self._save_failed)
        return True

    def _merged_saved(self) -> dict[str, Any]:
        return {k: v for k, v in self._saved.items()
                if self.definition is not None and self.definition.has_field(k)}

    def _savable_changes(self) -> tuple[dict[str, Any], list[str], ValidationResult]:
        """The edits the store will take, the fields left out for their errors, and the
        form as it will be once saved.

        Leaving one field out can make another wrong (a rule between them now reads the
        saved value), so this repeats until nothing more is left out.
        """
        assert self.definition is not None
        candidates = {k: (None if _empty(v) else v) for k, v in self._edits.items()}
        refused: list[str] = []
        while True:
            merged = {**self._merged_saved(), **candidates}
            result = validate(self.definition, {k: v for k, v in merged.items()
                                                if not _empty(v)})
            wrong = {p.field for p in result.errors
                     if p.code not in SUBMIT_ONLY and p.field in candidates}
            if not wrong:
                return candidates, refused, result
            for key in wrong:
                del candidates[key]
                refused.append(key)

    def _save_done(self, changes: dict[str, Any], normalised: dict[str, Value],
                   confirmations: dict[str, str]) -> None:
        self._saving = False
        # Only what this save wrote changed: no need to read the whole form back.
        for key, value in normalised.items():
            if value is None:
                self._saved.pop(key, None)
            else:
                self._saved[key] = value
        self._kept_confirmations.update(confirmations)
        for key, raw in changes.items():
            current = self._edits.get(key, ...)
            if current is not ... and (current == raw or (_empty(current) and _empty(raw))):
                del self._edits[key]  # typed over while saving: the newer edit stays
        for key, reason in confirmations.items():
            if self._new_confirmations.get(key) == reason:
                del self._new_confirmations[key]
        self.save_button.setEnabled(not self.read_only)
        self._revalidate()
        if self._refused:
            self._tell(self.tr("Saved, except {0} figure(s) with errors: they are kept as a "
                               "draft until corrected (marked in red).").format(
                self._n(len(self._refused))), ERROR_COLOUR)
        else:
            self._tell(self.tr("Saved."), CONFIRMED_COLOUR)
        self._restored_draft = False
        self._show_note()
        self.flush_draft(force=True)
        self.saved.emit()

    def _save_failed(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(not self.read_only)
        if isinstance(error, StoreUnavailableError):
            # The file itself (gone, read-only, full disk): never read it again here.
            self._tell(store_problem_text(error), ERROR_COLOUR)
            return
        header = entry.form_header(self.store, self.form_id) if isinstance(
            error, StoreError) else self.header
        if isinstance(error, StoreError) and header is None:
            text = self.tr("Not saved: this form is no longer on this computer (it was "
                           "deleted). What you typed is still on screen.")
        elif isinstance(error, StoreError) and is_locked(header.status):  # type: ignore[union-attr]
            # Approved meanwhile (a sync brought it): say who can unlock it for this role,
            # and show the form as it now is (read-only; what was typed stays on screen).
            self.header = header
            self._tell(self.tr("Not saved.") + " " + self.locked_note(), ERROR_COLOUR)
            self._reload()
            return
        elif isinstance(error, StoreError) and error.problems:
            details = "; ".join(p.get(f"message_{self.language}", "") or p.get("code", "")
                                for p in error.problems)
            text = self.tr("Not saved: some figures are not valid ({0}). Correct them and "
                           "save again.").format(details)
        elif isinstance(error, StoreError):
            # The store's own sentence (a store that cannot be written, say).
            text = self.tr("Not saved: {0}").format(str(error))
        else:
            text = self.tr("Not saved: this computer could not write the change. What you "
                           "typed is still on screen: save again, and if it fails again, "
                           "do not close the form and ask for help.")
        self._tell(text, ERROR_COLOUR)
        self.flush_draft(force=True)

    def _tell(self, text: str, colour: str) -> None:
        self._message, self._message_colour = text, colour
        if self._result is not None:
            self._show_status(self._result)

    # ------------------------------------------------------------------ the draft

    def flush_draft(self, force: bool = False) -> None:
        """Write the draft now (it is written a moment after typing stops anyway)."""
        self._draft_timer.stop()
        session = self.context.session
        if self.read_only or self.header is None or session is None \
                or session.store is not self.store:
            return  # signed out: the store is closed (and the draft was kept before)
        draft = Draft(dict(self._edits), dict(self._new_confirmations))
        written = self._draft_written
        if not force and written is not None and (
                written.values == draft.values and written.confirmations == draft.confirmations):
            return
        if not force and written is None and not draft:
            return
        self._draft_written = draft
        store, form_id = self.store, self.form_id
        self.context.operations.run(lambda _work: entry.write_draft(store, form_id, draft),
                                    on_error=while_alive(self, self._draft_failed))

    def _draft_failed(self, error: Exception) -> None:
        # The typing is not kept anywhere but on screen: say so, and try again next time.
        self._draft_written = None
        if isinstance(error, StoreUnavailableError):
            text = self.tr("Your typing could not be kept as a draft: {0}").format(
                store_problem_text(error))
        else:
            text = self.tr("Your typing could not be kept as a draft. It is still on screen: "
                           "save it now.")
        self._tell(text, ERROR_COLOUR)

    def discard_changes(self) -> None:
        """Forget every unsaved edit and show the saved values again."""
        self._edits.clear()
        self._new_confirmations.clear()
        self._restored_draft = False
        self._loading = True
        try:
            for key, field in self._fields.items():
                field.set_raw(self._saved.get(key), self.language)
        finally:
            self._loading = False
        self._message = ""
        self._revalidate()
        self._show_note()
        self.flush_draft(force=True)

    def _ask_discard(self) -> None:
        # Our own button texts: Qt ships no Khmer for its standard buttons.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard changes"),
                          self.tr("Forget everything typed since the last save?"),
                          parent=self)
        discard = box.addButton(self.tr("Discard changes"),
                                QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is discard:
            self.discard_changes()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Whatever was typed in the last moment is kept before the screen goes.
        self.flush_draft()
        super().closeEvent(event)

    # ------------------------------------------------------------------ texts

    def _language_changed(self, language: str) -> None:
        self.language = language
        # Saved figures are shown in the language's digits; what is being typed stays.
        self._loading = True
        try:
            for key, field in self._fields.items():
                if key not in self._edits:
                    field.set_raw(self._saved.get(key), language)
        finally:
            self._loading = False
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # A translator installed (or removed) after the language signal: our own texts.
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "save_button"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text again in the interface language: labels from the definition, ours
        through the translator."""
        self.tabs.setTabText(0, self.tr("Entry"))
        if self.post_on is not None:
            self.tabs.setTabText(1, self.tr("Post-on"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.discard_button.setText(self.tr("Discard changes"))
        self._retranslate_header()
        for head, which in self._column_heads:
            head.setText({"female": self.tr("Female"), "male": self.tr("Male"),
                          "total": self.tr("Total")}[which])
        language = self.language
        self.section_list.blockSignals(True)
        self.section_list.clear()
        for section, box in self._sections:
            box.setTitle(section.title.get(language))
            self.section_list.addItem(wrappable(section.title.get(language)))
        self.section_list.blockSignals(False)
        for line in self._rows.values():
            line.shown = None
            self._retranslate_row(line)
        if self._result is not None:
            self._retranslating = True
            try:
                self._show_results(self._result)
            finally:
                self._retranslating = False
        if self.post_on is not None:
            self.post_on.set_language(self.language)

    def _retranslate_row(self, line: _IndicatorRow) -> None:
        indicator, language = line.indicator, self.language
        label = indicator.label.get(language)
        assert line.label is not None
        line.label.setText(wrappable(label))
        help_text = indicator.help.get(language) if indicator.help else ""
        line.label.setToolTip(help_text)
        for field in line.fields:
            if indicator.type == "time" and isinstance(field.widget, QLineEdit):
                field.widget.setPlaceholderText(
                    to_khmer_digits("07:30") if language == "km" else "07:30")
            part = field.key.rpartition(".")[2] if "." in field.key else ""
            name = label
            if part:
                name += f" ({self.tr('Female') if part == 'female' else self.tr('Male')})"
            field.widget.setAccessibleName(name)
            field.widget.setToolTip(help_text or label)
            if isinstance(field.widget, QComboBox):
                self._retranslate_combo(field)
        if line.unit is not None:
            line.unit.setText(indicator.unit.get(language) if indicator.unit else (
                self.tr("Riel") if indicator.type == "money" else "%"))
        if line.result is not None:
            line.result.setToolTip(self.tr("Computed: it cannot be typed."))
        for confirm in line.confirm_lines.values():
            confirm.retranslate()

    def _retranslate_combo(self, field: _Field) -> None:
        combo = field.widget
        assert isinstance(combo, QComboBox)
        combo.blockSignals(True)
        try:
            for index in range(1, combo.count()):
                data = combo.itemData(index)
                if isinstance(data, bool):
                    combo.setItemText(index, self.tr("Yes") if data else self.tr("No"))
                else:
                    choice = next(c for c in field.indicator.choices if c.code == data)
                    combo.setItemText(index, f"{self._n(index)}. "
                                             f"{choice.label.get(self.language)}")
        finally:
            combo.blockSignals(False)

    def _retranslate_header(self) -> None:
        if self.header is None:
            self.title.setText(self.tr("This form is not on this computer."))
            self.subtitle.setText("")
            return
        language = self.language
        header = self.header
        title = self.definition.title.get(language) if self.definition else header.form_code
        self.title.setText(wrappable(title))
        status = STATUS_NAMES.get(header.status, (header.status, header.status))
        self.subtitle.setText(wrappable(" · ".join([
            f"{header.unit_code} {header.unit_name(language)}",
            self.tr("Year {0}").format(self._n(header.year)),
            status[0] if language == "km" else status[1]])))
        self._show_note()

    def locked_note(self) -> str:
        """What an approved or published form says, naming who can unlock it for the
        person signed in: only a national administrator unlocks (common/roles.py)."""
        assert self.header is not None
        names = STATUS_NAMES.get(self.header.status, (self.header.status,) * 2)
        status = names[0] if self.language == "km" else names[1].lower()
        session = self.context.session
        role = session.role if session is not None else ""
        if may(role, "unlock"):
            return self.tr("This form is {0}: it is shown read-only. To correct it, unlock "
                           "it with a reason (Form menu, Unlock with a reason…).").format(status)
        # A district or provincial officer asks the national level directly; a commune's or
        # a unit's people go through their district officer.
        if role in ROLES and scope_level(role) in ("district", "province"):
            return self.tr("This form is {0}: it is shown read-only. Only a national "
                           "administrator can unlock it: ask one, saying which figure is "
                           "wrong and why.").format(status)
        return self.tr("This form is {0}: it is shown read-only. If a figure is wrong, tell "
                       "your district officer: they ask a national administrator to unlock "
                       "it.").format(status)

    def _n(self, number: int) -> str:
        """A figure inside a sentence, in the digits of the interface language."""
        return in_digits(number, self.language)

    def _show_note(self) -> None:
        if self.header is None:
            return
        notes = []
        if self.definition is None:
            notes.append(self.tr("The definition of this form is not on this computer: "
                                 "sync first."))
        elif is_locked(self.header.status):
            notes.append(self.locked_note())
        elif self.read_only:
            notes.append(self.tr("Your role may read this form but not change it."))
        if self.header.status == "returned" and self.header.status_comment:
            # Returned by a district (or provincial) officer, or unlocked by a national
            # administrator: the comment says why, whoever wrote it.
            notes.append(self.tr("Returned for correction, with this comment: {0}").format(
                self.header.status_comment))
        if self._restored_draft:
            notes.append(self.tr("Changes you typed earlier and did not save were restored. "
                                 "Save them (Ctrl+S), or discard them."))
        self.note.setText(wrappable("\n".join(notes)))
        self.note.setVisible(bool(notes))

    # ------------------------------------------------------------------ for tests and tools

    def field_widget(self, key: str) -> QLineEdit | QComboBox:
        """The widget of an entered field."""
        return self._fields[key].widget

    def value_shown(self, code: str) -> str:
        """The computed value or total shown for an indicator."""
        line = self._rows[code]
        return line.result.text() if line.result is not None else ""

    def problems_shown(self, code: str) -> list[str]:
        """The error and warning texts shown under an indicator."""
        line = self._rows[code]
        shown = []
        if line.errors is not None and not line.errors.isHidden():
            shown.extend(line.errors.text().replace(ZERO_WIDTH_SPACE, "").splitlines())
        shown.extend(c.message.text().replace(ZERO_WIDTH_SPACE, "")
                     for c in line.confirm_lines.values() if not c.isHidden())
        return shown

    def confirm_line(self, key: str) -> _ConfirmLine | None:
        """The confirmation of warning "field:code", when it is shown."""
        for line in self._rows.values():
            if key in line.confirm_lines:
                return line.confirm_lines[key]
        return None

    def label_text(self, code: str) -> str:
        """An indicator's label as shown (without the line-break marks)."""
        label = self._rows[code].label
        return label.text().replace(ZERO_WIDTH_SPACE, "") if label is not None else ""

    def entered_widgets(self) -> Iterator[QWidget]:
        """Every entered field's widget, in form order."""
        for field in self._fields.values():
            yield field.widget

