"""Conflicts, listed and resolved: the original value, the one the form keeps for now and
the one set aside, side by side, with who entered each and when; the person keeps one or
types another. Resolving is a new write that names the conflict
(LocalStore.resolve_conflict); it reaches the server at the next sync.

Only a district officer decides (`resolve_conflict`, common/roles.py). Anyone else who
may change figures makes the same write as a **proposal**: the server keeps it aside for
the district officer (docs/SYNC.md, "Who may resolve"), who applies it from Held changes;
the conflict stays listed here, saying the proposal waits. Figures and dates follow the
interface language's digits.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from babel.dates import format_date

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSize,
    QStyle,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from client.store import entry
from client.store.entry import ConflictView
from client.store.errors import StoreError
from client.store.models import LocalForm, LocalRecord
from client.store.overview import unit_names
from client.ui.post_on import format_value, in_digits
from client.ui.text import ZERO_WIDTH_SPACE, fold, head_metrics, line_pieces, wrappable
from common.forms import FormDefinition, Indicator, validate
from common.forms.validation import field_label
from common.khmer import khmer_month_name, to_cambodia_time, to_khmer_digits
from common.roles import may
from common.sync.kinds import KINDS, RecordKind

#: The table's columns, in order. A value's cell names, under it, who entered it and when.
COLUMNS = ("form", "figure", "base", "current", "incoming", "state")
def may_decide(role: str) -> bool:
    """Whether a role settles conflicts itself (a district officer)."""
    return may(role, "resolve_conflict")


def may_propose(role: str) -> bool:
    """Whether a role that does not decide may still propose a value: whoever may change
    figures (the server keeps their choice aside for the district officer)."""
    return not may_decide(role) and may(role, "edit")


def moment_text(moment: datetime | None, language: str) -> str:
    """A server time as a person in Cambodia reads it: "3 Dec 2026 14:05", or in Khmer
    "៣ ធ្នូ ២០២៦ ១៤:០៥" (the month's name, Khmer digits). Words, so that it wraps."""
    if moment is None:
        return ""
    local = to_cambodia_time(moment)
    if language == "km":
        return to_khmer_digits(f"{local.day} ") + khmer_month_name(local.month) \
            + to_khmer_digits(f" {local.year} {local:%H:%M}")
    return f"{local.day} {format_date(local, 'MMM', locale='en')} {local.year} {local:%H:%M}"


def words(text: str) -> list[str]:
    """The pieces of a cell's text a line never breaks inside: Qt breaks at spaces, line
    ends, the zero-width spaces `wrappable` puts between Khmer words, and after a slash."""
    pieces = re.split(f"[\\s{ZERO_WIDTH_SPACE}]+", text)
    return [part for piece in pieces for part in re.findall(r"[^/]+/?|/", piece)]


class _FittedTable(QTableWidget):
    """A table whose columns share its width, so no column is cut at its edge: each is as
    wide as its head and its values when all fit, else narrower, down to its head and its
    longest word, its cells wrapped between words onto more lines (each row as tall as
    its cells). Its natural width shows every column whole, up to the screen's width."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self._natural: list[int] = []
        self._least: list[int] = []
        self._fitted = -1  # the width the columns were fitted to
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # A highlighted head is drawn bold, and wider: never highlighted, never cut.
        header.setHighlightSections(False)
        self.verticalHeader().setVisible(False)

    def measure(self) -> None:
        """Measure each column anew (its contents, the language or the text size changed),
        and fit the columns to the table's width."""
        metrics = self.fontMetrics()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        padding = 2 * (margin + 1) + 2
        heads, head_margin = head_metrics(self.horizontalHeader())
        self._heads = [self._head(column) for column in range(self.columnCount())]
        self._natural, self._least = [], []
        for column, head in enumerate(self._heads):
            longest = max((metrics.horizontalAdvance(word) for row in range(self.rowCount())
                           for word in words(self._cell_text(row, column))), default=0)
            # A head may go on more lines (`fold`): at least its longest word.
            head_word = max((heads.horizontalAdvance(w) for _, w in line_pieces(head)),
                            default=0) + head_margin
            self._natural.append(max(heads.horizontalAdvance(head) + head_margin,
                                     self.sizeHintForColumn(column)))
            self._least.append(max(head_word, longest + padding))
        self._fitted = -1
        self.fit()
        self.updateGeometry()

    def fit(self) -> None:
        """Share the table's width between the columns (see the class)."""
        room = self.viewport().width()
        if not self._natural or room == self._fitted:
            return
        self._fitted = room
        natural, least = self._natural, self._least
        if sum(natural) <= room:
            widths = list(natural)
        else:
            # Each column its least width, and the room left shared in proportion to
            # what each still lacks.
            spare = max(0, room - sum(least))
            lacking = [n - m for n, m in zip(natural, least, strict=True)]
            total = sum(lacking) or 1
            widths = [m + spare * lack // total for m, lack in zip(least, lacking, strict=True)]
        header = self.horizontalHeader()
        heads, head_margin = head_metrics(self.horizontalHeader())
        for column, width in enumerate(widths):
            head = self._heads[column]
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setText(head if heads.horizontalAdvance(head) + head_margin <= width
                             else fold(head, width - head_margin, heads))
            header.resizeSection(column, width)
        self.resizeRowsToContents()

    def _cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def _head(self, column: int) -> str:
        """A column's head on one line (as set; a folded one put back together)."""
        item = self.horizontalHeaderItem(column)
        if item is None:
            return ""
        return item.data(Qt.ItemDataRole.UserRole) or item.text()

    def set_heads(self, heads: list[str]) -> None:
        """The column heads, kept whole: `fit` folds those wider than their column."""
        self.setHorizontalHeaderLabels(heads)
        for column, head in enumerate(heads):
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setData(Qt.ItemDataRole.UserRole, head)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        width = sum(self._natural) + 2 * self.frameWidth() \
            + self.verticalScrollBar().sizeHint().width()
        rows = sum(self.rowHeight(r) for r in range(min(self.rowCount(), 6)))
        height = self.horizontalHeader().height() + 2 * self.frameWidth() + max(
            rows, 3 * self.verticalHeader().defaultSectionSize())
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            # The dialog's margins around it still fit on the screen.
            width = min(width, screen.availableGeometry().width() - 48)
        return QSize(max(width, hint.width()), max(height, hint.height()))


class ConflictsDialog(QDialog):
    """The conflicts of the person's scope that still wait, one row each."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 focus: str | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.table = _FittedTable(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.keep_theirs = QPushButton()
        self.keep_mine = QPushButton()
        self.typed = QLineEdit()
        self.use_typed = QPushButton()
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.use_typed.clicked.connect(lambda: self._resolve("typed"))
        self.typed.returnPressed.connect(lambda: self._resolve("typed"))
        # Two rows: the two values, then a typed one (one row is wider than a laptop's
        # screen at the largest text size, in Khmer).
        keep = QHBoxLayout()
        keep.addWidget(self.keep_theirs)
        keep.addWidget(self.keep_mine)
        keep.addStretch(1)
        typed = QHBoxLayout()
        typed.addWidget(self.typed, 1)
        typed.addWidget(self.use_typed)
        actions = QVBoxLayout()
        actions.addLayout(keep)
        actions.addLayout(typed)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.said = QLabel()  # what the last choice did
        self.said.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addWidget(self.said)
        layout.addWidget(self.buttons)
        self.conflicts: list[ConflictView] = []
        self.allowed = False  # may settle conflicts (a district officer)
        self.proposes = False  # may propose a value for the district officer
        self._focus = focus
        self._definitions: dict[str, FormDefinition | None] = {}
        self._busy = False
        self._stale = False  # read again when shown after being closed
        context.language_changed.connect(self._language_changed)
        context.operations.changed.connect(self._data_changed)
        self.retranslate()
        self.reload()
        self.resize(self.sizeHint())

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Every text of the dialog in the interface language."""
        self.setWindowTitle(self.tr("Conflicts"))
        self.explain.setText(wrappable(self.tr(
            "Two people changed the same figure while offline. The form keeps one value for "
            "now and sets the other aside. Choose the value to keep, or type the right one. "
            "The choice is sent at the next sync.")))
        self.table.set_heads(self.column_titles())
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
        self._update_buttons()

    def column_titles(self) -> list[str]:
        """The table's column heads."""
        return [self.tr("Form"), self.tr("Figure"), self.tr("Original"),
                self.tr("On the form now"), self.tr("Set aside"), self.tr("State")]

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # A translator installed after the language signal: our own texts again.
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "buttons"):
            self.retranslate()
        super().changeEvent(event)
        # Another text size: the columns and rows measured again.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange) \
                and hasattr(self, "buttons"):
            self._fit_columns()

    def _data_changed(self, kinds: frozenset[str]) -> None:
        # A sync (or a choice made in another window) changed what waits. A closed
        # dialog reads again when it is shown again (ConflictsDialog.showEvent).
        if kinds & {"conflicts", "values", "forms"} and not self._busy and self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self._stale = True
        super().hideEvent(event)

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the conflicts again, keeping the row chosen."""
        session = self.context.session
        if session is None:
            return
        chosen = self.selected()
        keep = self._focus or (chosen.id if chosen is not None else None)
        self.allowed = may_decide(session.role)
        self.proposes = may_propose(session.role)
        self.note.setText(wrappable(self._role_note()))
        me = str(session.user.get("id"))
        language = self.context.settings.language
        store = session.store
        shown = entry.conflicts(store)
        # A district officer's choice settles the conflict: it leaves the list. A proposal
        # does not: the conflict stays, saying where the proposal stands.
        self.conflicts = [c for c in shown if c.status == "open" or not self.allowed]
        forms = {c.form_id: store.form(c.form_id) for c in self.conflicts}
        # A conflict of a JAAP action's (or another record's) column names the record.
        records = {c.form_id: store.record(c.form_id) for c in self.conflicts
                   if forms[c.form_id] is None}
        units = unit_names(store, {f.unit_id for f in forms.values() if f}
                           | {r.unit_id for r in records.values() if r and r.unit_id})
        self._definitions = {}
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            form = forms[conflict.form_id]
            definition = self._definition(form)
            indicator = None
            label = conflict.field
            if definition is not None and definition.has_field(conflict.field):
                indicator = definition.field(conflict.field).indicator
                label = field_label(indicator, conflict.field).get(language)
            record = records.get(conflict.form_id)
            kind = KINDS.get(record.kind) if record is not None else None
            column = kind.column(conflict.field) if kind is not None else None
            if column is not None:
                label = column.label_km if language == "km" else column.label_en
            where = self._form_text(form, units) if record is None or kind is None \
                else self._record_text(record, kind, units)
            cells = [wrappable(where), wrappable(label), self.value_text(conflict.base, indicator),
                     self._entered_text(conflict, "current", me, indicator),
                     self._entered_text(conflict, "incoming", me, indicator),
                     wrappable(self.state_text(conflict, indicator))]
            for number, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, conflict.id)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, number, item)
        self._fit_columns()
        if self.conflicts:
            ids = [c.id for c in self.conflicts]
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._focus = None
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Nothing cut off: the columns measured again and fitted to the table's width,
        their words wrapped (client/ui/text.py), each row as tall as its cells."""
        self.table.measure()

    def select_conflict(self, conflict_id: str) -> bool:
        """Choose a conflict's row (the field's mark opens the dialog on it); False when it
        is not listed (settled meanwhile)."""
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == conflict_id:
                self.table.selectRow(row)
                item = self.table.item(row, 0)
                if item is not None:
                    self.table.scrollToItem(item)
                return True
        return False

    def selected(self) -> ConflictView | None:
        """The conflict of the chosen row, if any."""
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows or rows[0].row() >= len(self.conflicts):
            return None
        return self.conflicts[rows[0].row()]

    def _definition(self, form: LocalForm | None) -> FormDefinition | None:
        if form is None or self.context.session is None:
            return None
        key = f"{form.form_code}:{form.definition_version}"
        if key not in self._definitions:
            self._definitions[key] = self.context.session.store.definition(
                form.form_code, form.definition_version)
        return self._definitions[key]

    def value_text(self, value: Any, indicator: Indicator | None) -> str:
        """A value as a person reads it: grouped and in the language's digits."""
        if value is None or value == "":
            return "—"
        language = self.context.settings.language
        if indicator is not None:
            return format_value(indicator, value, language) or "—"
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, int | float):
            text = f"{value:,}"
            return to_khmer_digits(text) if language == "km" else text
        return str(value)

    def _entered_text(self, conflict: ConflictView, side: str, me: str,
                      indicator: Indicator | None) -> str:
        """A value, and under it who entered it and when: "310", "Sok Dara (dmk.0102)",
        "2026-12-03 14:05" (Cambodia time), one a line."""
        value = getattr(conflict, side)
        by = getattr(conflict, f"{side}_by")
        who = self.tr("you") if by is not None and by == me else (
            getattr(conflict, f"{side}_name") or self.tr("another person"))
        when = moment_text(getattr(conflict, f"{side}_at"), self.context.settings.language)
        return "\n".join(t for t in (self.value_text(value, indicator), who, when) if t)

    def state_text(self, conflict: ConflictView, indicator: Indicator | None = None) -> str:
        """Where the conflict stands, for the person looking."""
        if conflict.status == "open":
            return self.tr("Waiting for your choice") if self.allowed else self.tr(
                "Waiting for the district officer")
        value = self.value_text(conflict.choice, indicator)
        if conflict.choice_state == entry.CHOICE_HELD:
            return self.tr("You proposed {0}: the district officer decides").format(value)
        if conflict.choice_state == entry.CHOICE_REFUSED:
            return self.tr("Your proposal of {0} was refused: see Held changes").format(value)
        if conflict.choice_state == entry.CHOICE_APPLIED:
            return self.tr("Your choice of {0} was applied").format(value)
        return self.tr("You propose {0}: it is sent at the next sync").format(value) \
            if not self.allowed else self.tr("Your choice of {0} is sent at the next sync") \
            .format(value)

    def _form_text(self, form: LocalForm | None,
                   units: dict[str, tuple[str, str, str]]) -> str:
        """The unit's code and name, and the year: what a person recognises."""
        if form is None:
            return "—"
        language = self.context.settings.language
        code, name_km, name_en = units.get(form.unit_id, (form.form_code, "", ""))
        name = name_km if language == "km" else name_en
        return self.tr("{0} {1} · {2}").format(code, name or "", in_digits(form.year, language))

    def _record_text(self, record: LocalRecord, kind: RecordKind,
                     units: dict[str, tuple[str, str, str]]) -> str:
        """The record's kind, its unit (or commune) and year."""
        language = self.context.settings.language
        khmer = language == "km"
        code, name_km, name_en = units.get(record.unit_id or "",
                                           (record.commune_code or "", "", ""))
        parts = [kind.label_km if khmer else kind.label_en,
                 f"{code} {(name_km if khmer else name_en) or ''}".strip()]
        if record.year is not None:
            parts.append(in_digits(record.year, language))
        return " · ".join(p for p in parts if p)

    def _role_note(self) -> str:
        if self.allowed:
            return ""
        if self.proposes:
            return self.tr("The district officer decides conflicts. You may propose the "
                           "right value: it is sent at the next sync and waits for them.")
        return self.tr("The district officer decides conflicts; they are shown here so "
                       "you know.")

    # ------------------------------------------------------------------ choosing

    def _update_buttons(self) -> None:
        """Buttons that say what they do for the chosen conflict, and for this person."""
        conflict = self.selected()
        session = self.context.session
        me = str(session.user.get("id")) if session is not None else ""
        mine_side, _theirs_side = conflict.sides(me) if conflict is not None else ("", "")
        propose = not self.allowed
        if mine_side:
            theirs = self.tr("Propose the other value") if propose else self.tr(
                "Keep the other value")
            mine = self.tr("Propose my value") if propose else self.tr("Keep my value")
        else:
            theirs = self.tr("Propose the value on the form") if propose else self.tr(
                "Keep the value on the form")
            mine = self.tr("Propose the value set aside") if propose else self.tr(
                "Keep the value set aside")
        self.keep_theirs.setText(theirs)
        self.keep_mine.setText(mine)
        self.use_typed.setText(self.tr("Propose this value") if propose else self.tr(
            "Use this value"))
        self.typed.setPlaceholderText(self.tr("or type the right value"))
        usable = conflict is not None and conflict.status == "open" and not self._busy \
            and (self.allowed or self.proposes)
        for widget in (self.keep_theirs, self.keep_mine, self.typed, self.use_typed):
            widget.setEnabled(usable)
        if propose and self.proposes:
            tip = self.tr("Your proposal goes to the district officer at the next sync: "
                          "they decide. The figure keeps its value until then.")
        elif propose:
            tip = self.tr("Only the district officer decides conflicts.")
        else:
            tip = self.tr("Your choice is sent at the next sync and settles the conflict "
                          "for everyone.")
        if conflict is not None and conflict.status != "open":
            tip = self.state_text(conflict)
        for widget in (self.keep_theirs, self.keep_mine, self.use_typed):
            widget.setToolTip(tip)

    def _resolve(self, choice: str) -> None:
        session = self.context.session
        conflict = self.selected()
        if session is None or conflict is None or conflict.status != "open" \
                or not (self.allowed or self.proposes) or self._busy:
            return
        me = str(session.user.get("id"))
        mine_side, theirs_side = conflict.sides(me)
        if not mine_side:
            mine_side, theirs_side = "incoming", "current"
        if choice == "typed":
            value, problem = self._typed_value(conflict)
            if problem:
                self.said.setText(wrappable(problem))
                self.typed.setFocus()
                return
        else:
            value = getattr(conflict, mine_side if choice == "mine" else theirs_side)
        store = session.store
        proposal = not self.allowed
        self._busy = True
        self._update_buttons()

        def run(_work: Any) -> None:
            store.resolve_conflict(conflict.id, value)

        def done(_result: Any) -> None:
            self._busy = False
            shown = self.value_text(value, self._indicator(conflict))
            self.said.setText(wrappable(
                self.tr("Proposal of {0} kept: it is sent to the district officer at the "
                        "next sync.").format(shown) if proposal else
                self.tr("{0} kept: it is sent at the next sync.").format(shown)))
            self.reload()

        def failed(error: Exception) -> None:
            self._busy = False
            self._update_buttons()
            message = self.tr("This conflict was settled meanwhile: the list is read again.") \
                if isinstance(error, StoreError) else self.tr(
                "The choice could not be kept on this computer. Nothing changed; try again.")
            self.context.interaction.warn(self, self.tr("Conflicts"), message)
            self.reload()

        self.context.operations.run(run, changes={"conflicts", "values", "outbox"},
                                    on_done=done, on_error=failed)
        self.typed.clear()

    def _indicator(self, conflict: ConflictView) -> Indicator | None:
        session = self.context.session
        form = session.store.form(conflict.form_id) if session is not None else None
        definition = self._definition(form)
        if definition is None or not definition.has_field(conflict.field):
            return None
        return definition.field(conflict.field).indicator

    def _typed_value(self, conflict: ConflictView) -> tuple[Any, str]:
        """The typed value as the form keeps it (Khmer digits, thousands separators, as
        in the entry screen), or what is wrong with it."""
        text = self.typed.text().strip()
        if not text:
            return None, self.tr("Type the right value first.")
        session = self.context.session
        form = session.store.form(conflict.form_id) if session is not None else None
        definition = self._definition(form)
        if definition is None or not definition.has_field(conflict.field) or session is None:
            return text, ""  # a record's column: the server checks it
        values = {k: v for k, v in session.store.values(conflict.form_id).items()
                  if definition.has_field(k)}
        values[conflict.field] = text
        result = validate(definition, values)
        language = self.context.settings.language
        wrong = [p for p in result.errors if p.field == conflict.field and p.code != "required"]
        if wrong:
            return None, self.tr("Not kept: {0}").format(wrong[0].message.get(language))
        return result.values.get(conflict.field), ""
