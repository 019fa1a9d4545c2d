"""Conflicts, listed and resolved: the original value, the other person's and the user's,
side by side; the person keeps one or types another. Resolving is a new write that names
the conflict (LocalStore.resolve_conflict); it reaches the server at the next sync.
"""

from __future__ import annotations

from typing import Any

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from client.store.models import LocalConflict, LocalForm, LocalRecord
from client.store.overview import unit_names
from client.store.repository import StoreError
from common.forms.validation import field_label
from common.roles import may
from common.sync.kinds import KINDS, RecordKind


def _shown(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


class ConflictsDialog(QDialog):
    """The open conflicts of the person's scope, one row each."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(900, 420)
        self.explain = QLabel(self.tr(
            "Two people changed the same figure while offline. Choose the value to keep, "
            "or type the right one. The choice is sent at the next sync."))
        self.explain.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([
            self.tr("Form"), self.tr("Figure"), self.tr("Original"),
            self.tr("Other person's value"), self.tr("Your value")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.keep_theirs = QPushButton(self.tr("Keep the other value"))
        self.keep_mine = QPushButton(self.tr("Keep my value"))
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(self.tr("or type the right value"))
        self.use_typed = QPushButton(self.tr("Use this value"))
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.use_typed.clicked.connect(lambda: self._resolve("typed"))
        self.typed.returnPressed.connect(lambda: self._resolve("typed"))
        actions = QHBoxLayout()
        for widget in (self.keep_theirs, self.keep_mine, self.typed, self.use_typed):
            actions.addWidget(widget)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.conflicts: list[LocalConflict] = []
        self.allowed = False
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts again."""
        session = self.context.session
        if session is None:
            return
        self.allowed = may(session.role, "resolve_conflict")
        for widget in (self.keep_theirs, self.keep_mine, self.typed, self.use_typed):
            widget.setEnabled(self.allowed)
        self.note.setText("" if self.allowed else self.tr(
            "Your district officer decides conflicts; they are shown here so you know."))
        me = str(session.user.get("id"))
        khmer = self.context.settings.language == "km"
        self.conflicts = session.store.open_conflicts()
        forms = {c.form_id: session.store.form(c.form_id) for c in self.conflicts}
        # A conflict of a JAAP action's (or another record's) column names the record.
        records = {c.form_id: session.store.record(c.form_id) for c in self.conflicts
                   if forms[c.form_id] is None}
        units = unit_names(session.store, {f.unit_id for f in forms.values() if f}
                           | {r.unit_id for r in records.values() if r and r.unit_id})
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            form = forms[conflict.form_id]
            definition = session.store.definition(form.form_code, form.definition_version) \
                if form else None
            label = conflict.field
            if definition is not None and definition.has_field(conflict.field):
                text = field_label(definition.field(conflict.field).indicator, conflict.field)
                label = text.get("km" if khmer else "en")
            record = records.get(conflict.form_id)
            kind = KINDS.get(record.kind) if record is not None else None
            column = kind.column(conflict.field) if kind is not None else None
            if column is not None:
                label = column.label_km if khmer else column.label_en
            where = self._form_text(form, units) if record is None or kind is None \
                else self._record_text(record, kind, units)
            mine, theirs = self._sides(conflict, me)
            cells = [where, label,
                     _shown(conflict.base), _shown(theirs), _shown(mine)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, conflict.id)
                self.table.setItem(row, column, item)
        if self.conflicts:
            self.table.selectRow(0)

    def _form_text(self, form: LocalForm | None,
                   units: dict[str, tuple[str, str, str]]) -> str:
        """The unit's code and name, and the year: what a person recognises."""
        if form is None:
            return "—"
        code, name_km, name_en = units.get(form.unit_id, (form.form_code, "", ""))
        name = name_km if self.context.settings.language == "km" else name_en
        return self.tr("{0} {1} · {2}").format(code, name or "", form.year)

    def _record_text(self, record: LocalRecord, kind: RecordKind,
                     units: dict[str, tuple[str, str, str]]) -> str:
        """The record's kind, its unit (or commune) and year."""
        khmer = self.context.settings.language == "km"
        code, name_km, name_en = units.get(record.unit_id or "",
                                           (record.commune_code or "", "", ""))
        parts = [kind.label_km if khmer else kind.label_en,
                 f"{code} {(name_km if khmer else name_en) or ''}".strip()]
        if record.year is not None:
            parts.append(str(record.year))
        return " · ".join(p for p in parts if p)

    @staticmethod
    def _sides(conflict: LocalConflict, me: str) -> tuple[Any, Any]:
        """(mine, theirs): the incoming value was pushed by its author against the
        server's current one."""
        if conflict.incoming_by == me:
            return conflict.incoming, conflict.current
        if conflict.current_by == me:
            return conflict.current, conflict.incoming
        return conflict.incoming, conflict.current  # an officer's view of two others

    def _resolve(self, choice: str) -> None:
        session = self.context.session
        rows = self.table.selectionModel().selectedRows()
        if session is None or not rows or not self.allowed:
            return
        conflict = self.conflicts[rows[0].row()]
        mine, theirs = self._sides(conflict, str(session.user.get("id")))
        value: Any = {"mine": mine, "theirs": theirs}.get(choice, self.typed.text().strip())
        if choice == "typed" and value == "":
            self.typed.setFocus()
            return
        store = session.store

        def run(_work: Any) -> None:
            store.resolve_conflict(conflict.id, value)

        def failed(error: Exception) -> None:
            message = str(error) if isinstance(error, StoreError) else repr(error)
            QMessageBox.warning(self, self.tr("Conflicts"), message)

        self.context.operations.run(run, changes={"conflicts", "values", "outbox"},
                                    on_done=lambda _result: self.reload(), on_error=failed)
        self.typed.clear()
