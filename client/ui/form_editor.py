"""The form entry screen: one yearly form, generated from its definition, typed from the
paper form as fast as a person can type.

Each section of the definition becomes a group of rows, one per indicator
(client/ui/fields.py); computed values follow every keystroke, and the shared validation
engine runs live, a warning confirmed with a reason in place. Enter and Tab move to the
next field, Shift+Tab (or Shift+Enter) back, Ctrl+S saves; Khmer digits may be typed.

Nothing typed is lost: edits that are not saved yet are kept as a draft in the local
store a moment after each keystroke, restored when the form opens again, and cleared by a
save. A save writes the values and their outbox operation in one local transaction,
off the GUI thread; a value with an error is never saved, and the person is told so.
The second tab is the form's Post-on (client.ui.post_on).

Several values pasted at once (copied from a spreadsheet) fill the fields in form order
from the one pasted into, each checked as if typed. A figure in conflict is outlined, with
a button under it that opens the Conflicts dialog. What is typed and what a save writes is
client/editing.py's: this screen shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from client import editing
from client.context import AppContext
from client.editing import FormEntry, FormSnapshot, PasteOutcome, SavePlan
from client.qt import (
    QCloseEvent,
    QComboBox,
    QCoreApplication,
    QEvent,
    QFont,
    QFrame,
    QGroupBox,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QObject,
    QPushButton,
    QScrollArea,
    QShortcut,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store.entry import ConflictView, FormHeader, form_header, write_draft
from client.store.errors import StoreError, StoreUnavailableError
from client.ui.conflicts_dialog import ConflictsDialog, may_decide, moment_text
from client.ui.fields import (
    CONFIRMED_COLOUR,
    CONFLICT_COLOUR,
    ERROR_COLOUR,
    MUTED_COLOUR,
    WARNING_COLOUR,
    ConfirmLine,
    Field,
    IndicatorRow,
    KeyboardNavigation,
    build_section,
    fill,
    set_text_colour,
)
from client.ui.post_on import PostOnView, format_value, in_digits
from client.ui.problem_texts import store_problem_text
from client.ui.sync_dialog import while_alive
from client.ui.text import ZERO_WIDTH_SPACE, wrappable
from common.forms import FormDefinition, Section, ValidationResult
from common.workflow import STATUS_NAMES, is_locked

#: CONFLICT_COLOUR is the outline of a figure in conflict (client/ui/fields.py).
__all__ = ["CONFLICT_COLOUR", "DRAFT_DELAY_MS", "FormEditor"]

#: How long typing may pause before the draft is written (a crash loses at most this).
DRAFT_DELAY_MS = 400


class FormEditor(QWidget):
    """The entry screen of one form, with its Post-on as a second tab."""

    #: The values were saved (data and outbox committed).
    saved = Signal()
    #: True when there are edits not saved yet, False when everything is saved.
    dirty_changed = Signal(bool)

    def __init__(self, context: AppContext, form_id: str, parent: QWidget | None = None, *,
                 snapshot: FormSnapshot | None = None) -> None:
        """`snapshot`: the form as read on opening (`editing.read_form(opening=True)`, off
        the GUI thread: client/ui/form_tabs.py); read here when not given."""
        super().__init__(parent)
        if context.session is None:
            raise RuntimeError("a form opens only while someone is signed in")
        self.context = context
        self.form_id = form_id
        self.store = context.session.store
        self.language = context.settings.language
        snapshot = snapshot if snapshot is not None else self._read(opening=True)
        self.header: FormHeader | None = snapshot.header
        self.definition: FormDefinition | None = snapshot.definition
        #: What is typed and not saved, and what a save may write (client/editing.py).
        self.entry = FormEntry(self.definition)

        self._rows: dict[str, IndicatorRow] = {}
        self._fields: dict[str, Field] = {}
        self._by_widget: dict[QWidget, Field] = {}
        self._sections: list[tuple[Section, QGroupBox]] = []
        self._column_heads: list[tuple[QLabel, str]] = []
        self._dirty = False
        self._saving = False
        self._loading = False
        self._message = ""
        self._message_colour = MUTED_COLOUR
        self._retranslating = False
        #: Field -> its conflict still waiting (open, or proposed from here).
        self._conflicts: dict[str, ConflictView] = {}
        self.conflicts_dialog: ConflictsDialog | None = None
        #: Values being pasted: each is recorded, the form checked once at the end.
        self._pasting = False

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

        self._build()
        if self.header is not None and self.definition is not None:
            self._load(snapshot)
        context.language_changed.connect(self._language_changed)
        # After a change elsewhere the runner reads the form on its worker; shown before `changed`.
        self.destroyed.connect(context.operations.add_reader(
            {"values", "forms", "conflicts"}, self._read_after_change,
            self._reload_from, owner=self))
        self.retranslate()

    @property
    def read_only(self) -> bool:
        """Shown, but not changeable: a locked form, or a role that may not edit."""
        return self.entry.read_only

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
        self.tabs.addTab(self._build_entry_page(), "")
        self.post_on: PostOnView | None = None
        if self.definition is not None:
            self.post_on = PostOnView(self.context, self.form_id, self.definition)
            self.tabs.addTab(self.post_on, "")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_footer())

        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            jump = QShortcut(QKeySequence(keys), self)
            jump.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            jump.activated.connect(lambda step=step: self._step_section(step))

    def _build_entry_page(self) -> QWidget:
        self.entry_page = QWidget()
        self.section_list = QListWidget(self.entry_page)
        self.section_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.section_list.setWordWrap(True)
        self.section_list.setMaximumWidth(240)
        self.section_list.currentRowChanged.connect(self._go_to_section)
        self.scroll_area = QScrollArea(self.entry_page)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self._navigation = KeyboardNavigation(self, self.scroll_area, self)
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        if self.definition is not None:
            for section in self.definition.sections:
                self._build_section(content, section)
        self.content_layout.addStretch(1)
        self.scroll_area.setWidget(content)
        page_layout = QHBoxLayout(self.entry_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.section_list)
        page_layout.addWidget(self.scroll_area, 1)
        return self.entry_page

    def _build_footer(self) -> QHBoxLayout:
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.discard_button = QPushButton(self)
        self.discard_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.discard_button.clicked.connect(self._ask_discard)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self._navigation.stops.add(self.save_button)
        footer = QHBoxLayout()
        texts = QVBoxLayout()
        texts.addWidget(self.status)
        texts.addWidget(self.message)
        footer.addLayout(texts, 1)
        footer.addWidget(self.discard_button)
        footer.addWidget(self.save_button)
        return footer

    def _build_section(self, parent: QWidget, section: Section) -> None:
        box, rows, heads = build_section(
            parent, section, host=self, navigation=self._navigation,
            column_width=self.fontMetrics().horizontalAdvance("0") * 14)
        self._column_heads.extend(heads)
        for line in rows:
            self._rows[line.indicator.code] = line
            self._by_widget.update((field.widget, field) for field in line.fields)
            self._fields.update((field.key, field) for field in line.fields)
        self.content_layout.addWidget(box)
        self._sections.append((section, box))

    # ------------------------------------------------------------------ loading

    def _role(self) -> str:
        session = self.context.session
        return session.role if session is not None else ""

    def _read(self, *, opening: bool = False) -> FormSnapshot:
        """The form as the store has it now (a plain read: client/editing.py)."""
        session = self.context.session
        decider = session is not None and may_decide(session.role)
        return editing.read_form(self.store, self.form_id, decider=decider, opening=opening)

    def _load(self, snapshot: FormSnapshot) -> None:
        assert snapshot.header is not None
        restored = self.entry.load(
            snapshot, read_only=not editing.may_edit(snapshot.header.status, self._role()))
        self._show_form(snapshot, self._fields)
        self._loading = True
        try:
            for key, raw in restored.items():
                self._fields[key].set_raw(raw, self.language, typed=True)
        finally:
            self._loading = False
        if self._fields:
            # Focus given to the screen goes to the first figure: typing starts at once.
            self.setFocusProxy(next(iter(self._fields.values())).widget)
        self._revalidate()

    def _reload(self) -> None:
        """Values or status changed underneath (a sync, another screen): show them, keeping
        whatever the person is typing."""
        if self.definition is not None:
            self._reload_from(self._read())

    def _read_after_change(self) -> FormSnapshot | None:
        # On the runner's worker. The editor's own save shows what it saved itself.
        return None if self._saving or self.definition is None else self._read()

    def _reload_from(self, snapshot: FormSnapshot | None) -> None:
        if snapshot is None or snapshot.header is None or self._saving:
            return
        self.header = snapshot.header
        changed = self.entry.reload(
            snapshot, read_only=not editing.may_edit(snapshot.header.status, self._role()))
        self._show_form(snapshot, changed)
        self._revalidate()
        self._retranslate_header()

    def _show_form(self, snapshot: FormSnapshot, keys: Iterable[str]) -> None:
        """Show the saved values of `keys`, the conflicts, and whether it may be changed."""
        self._conflicts = snapshot.conflicts
        self._show_saved(keys)
        for field in self._fields.values():
            field.set_read_only(self.read_only)
        self.save_button.setEnabled(not self.read_only)

    def _show_saved(self, keys: Iterable[str]) -> None:
        """Show the saved values of `keys` (in the digits of the interface language)."""
        self._loading = True
        try:
            for key in keys:
                self._fields[key].set_raw(self.entry.saved.get(key), self.language)
        finally:
            self._loading = False

    # ------------------------------------------------------------------ editing

    def field_edited(self, widget: QWidget) -> None:
        """A field's text or choice changed by the person: recorded and checked."""
        if self._loading:
            return
        field = self._by_widget.get(widget)
        if field is None or not self.entry.edit(field.key, field.raw()):
            return
        if self._pasting:
            return  # checked once, when every pasted value is in
        self._message = ""
        self._revalidate()
        self._draft_timer.start()

    def confirmation_given(self, key: str, reason: str) -> None:
        """Warning "field:code" confirmed with a reason."""
        if not self.entry.confirm(key, reason):
            return
        self._revalidate()
        self._draft_timer.start()

    # ------------------------------------------------------------------ pasting

    def paste_into(self, widget: QObject) -> bool:
        """Paste the clipboard into a field. Several values (the cells of a row or a
        column copied from a spreadsheet) fill the fields in form order from this one;
        a single value pastes as usual. True when it was handled here."""
        field = self._by_widget.get(widget) if isinstance(widget, QWidget) else None
        if field is None or self.read_only:
            return False
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text() if clipboard is not None else ""
        values = editing.split_cells(text)
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
        targets = [f for f in (self._fields[k] for k in keys[keys.index(start):])
                   if f.takes_input()]
        self._pasting = True
        try:
            filled, unusable, cut = fill(targets, values)
        finally:
            self._pasting = False
        self._message = ""
        self._revalidate()
        self._draft_timer.start()
        outcome = PasteOutcome(
            len(values), [f.name() for f in filled], [(v, f.name()) for v, f in unusable],
            [f.name() for f in cut],
            targets[-1].name() if len(values) > len(targets) and targets else None,
            len(self.entry.blocking_fields() & {f.key for f in filled}))
        text, level = editing.paste_report(outcome, self.language, QCoreApplication.translate)
        self._tell(text, {"done": CONFIRMED_COLOUR, "warning": WARNING_COLOUR}.get(
            level, ERROR_COLOUR))

    # ------------------------------------------------------------------ checking

    def _revalidate(self) -> None:
        """Check everything with the shared engine and show what it says."""
        result = self.entry.check()
        if result is None:
            return
        self._show_results(result)
        self._update_dirty()

    def _show_results(self, result: ValidationResult) -> None:
        by_indicator = self.entry.problems_by_indicator()
        confirmations = self.entry.confirmations
        for code, line in self._rows.items():
            line.show_problems(by_indicator.get(code, []), edits=self.entry.edits,
                               confirmations=confirmations, conflicts=self._conflicts,
                               language=self.language, tip=self.conflict_tip,
                               again=self._retranslating)
            line.show_value(result.values.get(code), self.language)
        if self.post_on is not None and self.tabs.currentWidget() is self.post_on:
            self.post_on.set_values(result.values, unsaved=self.has_unsaved_changes())
        self._show_status()

    def _show_status(self) -> None:
        looks = {"error": f"<span style='color:{ERROR_COLOUR}'>{{0}}</span>",
                 "warning": f"<span style='color:{WARNING_COLOUR}'>{{0}}</span>",
                 "unsaved": "<b>{0}</b>"}
        parts = self.entry.status_parts(self.language, QCoreApplication.translate)
        self.status.setText(wrappable(" · ".join(looks.get(look, "{0}").format(text)
                                                 for text, look in parts)))
        self.message.setText(wrappable(self._message))
        set_text_colour(self.message, self._message_colour)
        self.message.setVisible(bool(self._message))

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        self.discard_button.setEnabled(dirty and not self.read_only)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ------------------------------------------------------------------ conflicts

    def conflict_tip(self, conflict: ConflictView) -> str:
        """What a field's conflict mark says when pointed at: whose value replaced whose,
        and when."""
        session = self.context.session
        field = self._fields.get(conflict.field)
        indicator, language = (field.indicator if field is not None else None), self.language

        def shown(value: Any) -> str:
            text = format_value(indicator, value, language) if indicator is not None \
                and value is not None else ("" if value is None else str(value))
            return text or "—"

        return editing.describe_conflict(
            conflict, me=str(session.user.get("id")) if session is not None else "",
            decides=session is not None and may_decide(session.role), shown=shown,
            when=lambda at: moment_text(at, language), translate=QCoreApplication.translate)

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

    # ------------------------------------------------------------------ sections

    def _go_to_section(self, row: int) -> None:
        if not 0 <= row < len(self._sections):
            return
        _section, box = self._sections[row]
        self.scroll_area.ensureWidgetVisible(box, 0, 0)
        self.scroll_area.verticalScrollBar().setValue(box.y())
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
            if self.entry.result is not None:
                self.post_on.set_values(self.entry.result.values,
                                        unsaved=self.has_unsaved_changes())

    # ------------------------------------------------------------------ saving

    def has_unsaved_changes(self) -> bool:
        """True when something typed (or confirmed) is not saved yet."""
        return self.entry.dirty

    def save(self) -> bool:
        """Save every valid edit and the confirmations, off the GUI thread; False when
        there was nothing that could be saved. Fields with errors stay unsaved, on screen
        and in the draft."""
        if self.read_only or self._saving or self.definition is None:
            return False
        plan = self.entry.plan_save()
        if not plan:
            if plan.refused:
                self._tell(editing.saved_report(plan, self.language, QCoreApplication.translate),
                           ERROR_COLOUR)
            return False
        store, form_id = self.store, self.form_id
        self._saving = True
        self.save_button.setEnabled(False)
        self._tell(self.tr("Saving…"), MUTED_COLOUR)

        def work(_work: object) -> None:
            store.save_values(form_id, plan.changes, confirmations=plan.confirmations)

        self.context.operations.run(
            work, changes={"values", "outbox"},
            on_done=lambda _r: self._save_done(plan), on_error=self._save_failed)
        return True

    def _save_done(self, plan: SavePlan) -> None:
        self._saving = False
        self.entry.saved_done(plan)
        self.save_button.setEnabled(not self.read_only)
        self._revalidate()
        self._tell(editing.saved_report(plan, self.language, QCoreApplication.translate),
                   ERROR_COLOUR if plan.refused else CONFIRMED_COLOUR)
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
        header = form_header(self.store, self.form_id) if isinstance(
            error, StoreError) else self.header
        if isinstance(error, StoreError) and header is not None and is_locked(header.status):
            # Approved meanwhile (a sync brought it): say who can unlock it for this role,
            # and show the form as it now is (read-only; what was typed stays on screen).
            self.header = header
            self._tell(self.tr("Not saved.") + " " + editing.locked_note(
                header.status, self._role(), self.language, QCoreApplication.translate),
                ERROR_COLOUR)
            self._reload()
            return
        deleted = isinstance(error, StoreError) and header is None
        self._tell(editing.why_not_saved(error, deleted=deleted, language=self.language,
                                         translate=QCoreApplication.translate), ERROR_COLOUR)
        self.flush_draft(force=True)

    def _tell(self, text: str, colour: str) -> None:
        self._message, self._message_colour = text, colour
        if self.entry.result is not None:
            self._show_status()

    # ------------------------------------------------------------------ the draft

    def flush_draft(self, force: bool = False) -> None:
        """Write the draft now (it is written a moment after typing stops anyway)."""
        self._draft_timer.stop()
        session = self.context.session
        if self.read_only or self.header is None or session is None \
                or session.store is not self.store:
            return  # signed out: the store is closed (and the draft was kept before)
        draft = self.entry.draft_to_write(force=force)
        if draft is None:
            return
        store, form_id = self.store, self.form_id
        self.context.operations.run(lambda _work: write_draft(store, form_id, draft),
                                    on_error=while_alive(self, self._draft_failed))

    def _draft_failed(self, error: Exception) -> None:
        # The typing is not kept anywhere but on screen: say so, and try again next time.
        self.entry.draft_lost()
        if isinstance(error, StoreUnavailableError):
            text = self.tr("Your typing could not be kept as a draft: {0}").format(
                store_problem_text(error))
        else:
            text = self.tr("Your typing could not be kept as a draft. It is still on screen: "
                           "save it now.")
        self._tell(text, ERROR_COLOUR)

    def discard_changes(self) -> None:
        """Forget every unsaved edit and show the saved values again."""
        self.entry.discard()
        self._show_saved(self._fields)
        self._message = ""
        self._revalidate()
        self._show_note()
        self.flush_draft(force=True)

    def _ask_discard(self) -> None:
        # Our own button texts: Qt ships no Khmer for its standard buttons.
        if self.context.interaction.confirm(
                self, self.tr("Discard changes"),
                self.tr("Forget everything typed since the last save?"),
                accept=self.tr("Discard changes"), reject=self.tr("Cancel"), destructive=True):
            self.discard_changes()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        # Whatever was typed in the last moment is kept before the screen goes.
        self.flush_draft()
        super().closeEvent(event)

    # ------------------------------------------------------------------ texts

    def _language_changed(self, language: str) -> None:
        self.language = language
        # Saved figures are shown in the language's digits; what is being typed stays.
        self._show_saved(k for k in self._fields if k not in self.entry.edits)
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
            line.retranslate(language)
        if self.entry.result is not None:
            self._retranslating = True
            try:
                self._show_results(self.entry.result)
            finally:
                self._retranslating = False
        if self.post_on is not None:
            self.post_on.set_language(self.language)

    def _retranslate_header(self) -> None:
        if self.header is None:
            self.title.setText(self.tr("This form is not on this computer."))
            self.subtitle.setText("")
            return
        language, header = self.language, self.header
        title = self.definition.title.get(language) if self.definition else header.form_code
        self.title.setText(wrappable(title))
        status = STATUS_NAMES.get(header.status, (header.status, header.status))
        self.subtitle.setText(wrappable(" · ".join([
            f"{header.unit_code} {header.unit_name(language)}",
            self.tr("Year {0}").format(self._n(header.year)),
            status[0] if language == "km" else status[1]])))
        self._show_note()

    def _n(self, number: int) -> str:
        """A figure inside a sentence, in the digits of the interface language."""
        return in_digits(number, self.language)

    def _show_note(self) -> None:
        if self.header is None:
            return
        notes = editing.form_notes(
            self.header, has_definition=self.definition is not None, read_only=self.read_only,
            role=self._role(), restored_draft=self.entry.restored_draft,
            language=self.language, translate=QCoreApplication.translate)
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

    def confirm_line(self, key: str) -> ConfirmLine | None:
        """The confirmation of warning "field:code", when it is shown."""
        found = (line.confirm_lines for line in self._rows.values() if key in line.confirm_lines)
        return next((lines[key] for lines in found), None)

    def label_text(self, code: str) -> str:
        """An indicator's label as shown (without the line-break marks)."""
        return self._rows[code].label.text().replace(ZERO_WIDTH_SPACE, "")
