"""Held changes: what the server kept aside instead of applying (its quarantine,
docs/SYNC.md), for their author and the approvers of their forms.

A change is held when the form was approved when it arrived, when it was made on a form
version or field the server does not know, when a value breaks the server's rules, when a
delete met a later edit, or when an edit reached a deleted form. Nothing in it is lost:
someone applies it again (after an unlock, say; a held delete is then judged against
the form as it is now) or dismisses it with a reason, which the form's history keeps.
Online only: the list and the decisions are the server's. Dates and counts show in the
digits of the interface language; an answer that comes after the dialog was closed is
dropped, never shown on a dialog that is gone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QDialog,
    QEvent,
    QFont,
    QFontMetrics,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    QSizePolicy,
    QStyle,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store import entry
from client.sync.transport import ServerRefusal, TransportError
from client.ui.post_on import in_digits, time_text
from client.ui.sync_dialog import help_desk, plain_error, size_to_content, while_alive
from client.ui.text import set_wrapped
from common.roles import may

_QUARANTINE = "/api/v1/sync/quarantine"


class HeldModel(QAbstractTableModel):
    """The held changes, a row each: when, which form, why held, the server's detail."""

    def __init__(self, dialog: HeldDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.items: list[dict[str, Any]] = []
        #: Each item's form as this computer knows it (None: not here), read with the list.
        self.headers: list[entry.FormHeader | None] = []

    def set_items(self, items: list[dict[str, Any]],
                  headers: list[entry.FormHeader | None]) -> None:
        """Show these entries (the server's list) with their forms' headers."""
        self.beginResetModel()
        self.items, self.headers = items, headers
        self.endResetModel()

    def relabel(self) -> None:
        """Show the same entries again (the interface language changed)."""
        self.set_items(self.items, self.headers)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.dialog.column_titles()[section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.items[index.row()]
        column = index.column()
        if column == 0:
            when = datetime.fromisoformat(str(item["created_at"]))
            return time_text(when, self.dialog.context.settings.language)
        if column == 1:
            return self.dialog.form_text(item.get("form_id"), self.headers[index.row()])
        if column == 2:
            return self.dialog.reason_text(item)
        return item.get("detail") or ""


class HeldDialog(QDialog):
    """The server's held changes this person may act on: apply again, or dismiss."""

    #: The list was read (or reading failed: the message says why).
    loaded = Signal()
    #: A decision ended: the held entry, whether the server took it, and what was said.
    acted = Signal(str, bool, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = ""
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 420)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = HeldModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Columns as wide as the dialog allows, never wider: long reasons and details wrap
        # within their cell, and every column head shows whole (see _fit_columns).
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._fit_columns)
        self.state = QLabel()
        self.state.setWordWrap(True)
        for label in (self.intro, self.state):
            label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        self.reapply_button = QPushButton()
        self.reapply_button.clicked.connect(self.reapply)
        self.dismiss_button = QPushButton()
        self.dismiss_button.clicked.connect(self.dismiss)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reapply_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self._busy = False
        #: Closed while the server was asked: the answer finds no screen to show it on.
        self._closed = False
        context.language_changed.connect(self._language_changed)
        self.retranslate()
        size_to_content(self, grow_only=True)
        self.refresh()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._closed = True
        super().closeEvent(event)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """The columns share the new width."""
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Another text size: the heads and the columns are measured again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column at least as wide as its head (bold, as Qt draws the heads of a
        selected row), the date as wide as a date; what is left is shared so that the
        table is never wider than the dialog, and long texts wrap in their cells."""
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        heads = [metrics.horizontalAdvance(title) + 2 * margin + 8
                 for title in self.column_titles()]
        heads[0] = max(heads[0], self.table.sizeHintForColumn(0))  # a date on one line
        # The dialog is never narrower than the heads side by side.
        chrome = (self.table.verticalScrollBar().sizeHint().width()
                  + 2 * self.table.frameWidth() + self.table.verticalHeader().width())
        layout = self.layout()
        margin = (layout.contentsMargins().left() + layout.contentsMargins().right()
                  if layout is not None else 0)
        self.setMinimumWidth(sum(heads) + chrome + margin)
        extra = max(0, self.table.viewport().width() - sum(heads))
        # What is left goes mostly to the reason and the details, which are sentences.
        widths = [head + int(extra * share) for head, share in
                  zip(heads, (0.0, 0.25, 0.4, 0.35), strict=True)]
        for column, width in enumerate(widths[:-1]):
            header.resizeSection(column, width)
        self.table.resizeRowsToContents()

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        self.model.relabel()
        self._fit_columns()

    # ------------------------------------------------------------------ texts

    def _role(self) -> str | None:
        session = self.context.session
        return session.role if session is not None else None

    def _n(self, number: int) -> str:
        return in_digits(number, self.context.settings.language)

    def retranslate(self) -> None:
        """Every text of the dialog in the interface language."""
        self.setWindowTitle(self.tr("Held changes"))
        set_wrapped(self.intro, self.tr(
            "Changes the server kept aside instead of applying: yours, those of forms you "
            "approve, and deletes that met edits of forms you work on. Nothing in them is "
            "lost. Apply one again (after an unlock, say; a held delete then deletes the "
            "form as it is now), or dismiss it with a reason, which the form's history "
            "keeps."))
        self.reapply_button.setText(self.tr("Apply again"))
        self.dismiss_button.setText(self.tr("Dismiss with a reason…"))
        self.close_button.setText(self.tr("Close"))

    def column_titles(self) -> tuple[str, str, str, str]:
        """The table's column titles."""
        return (self.tr("When"), self.tr("Form"), self.tr("Why it is held"),
                self.tr("Details"))

    def reason_text(self, item: dict[str, Any]) -> str:
        """Why the server holds a change, in words."""
        return {
            "locked": self.tr("The form was approved when the change arrived"),
            "unknown_version": self.tr("Made on a form version the server does not have"),
            "unknown_field": self.tr("Figures the form's version does not have"),
            "invalid": self.tr("Figures that break the form's rules"),
            "op_id_reused": self.tr("A second change under the same number (a fault)"),
            "delete_conflict": self.tr("A delete, made before later changes to the form "
                                       "were seen"),
            "deleted": self.tr("A change to a form deleted meanwhile"),
            "resolver_needed": self.tr("A conflict choice that waits for the district "
                                       "officer") if not may(self._role() or "",
                                                             "resolve_conflict") else
            self.tr("A conflict choice that waits for your decision (Conflicts)"),
        }.get(str(item.get("reason")), str(item.get("reason")))

    def form_text(self, form_id: str | None, header: entry.FormHeader | None) -> str:
        """The form a held change concerns, by unit and year when this computer has it."""
        if not form_id:
            return self.tr("(no form)")
        if header is None:
            return form_id[:8]
        language = self.context.settings.language
        return f"{header.unit_code} {header.unit_name(language)} · " \
               f"{in_digits(header.year, language)}"

    # ------------------------------------------------------------------ work

    def selected(self) -> dict[str, Any] | None:
        """The held change chosen in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        # The server says whose decision a hold is (its author's, an approver's); others in
        # the form's scope see a delete-and-edit clash only to know of it.
        decides = item is not None and bool(item.get("may_decide", True))
        usable = decides and not self._busy
        self.reapply_button.setEnabled(usable)
        self.dismiss_button.setEnabled(usable)
        why = "" if item is None or decides else self.tr(
            "Only the person who sent this change, or an approver of the form, decides on "
            "it.")
        self.reapply_button.setToolTip(why)
        self.dismiss_button.setToolTip(why)

    def _tell(self, text: str) -> None:
        self.message = text
        set_wrapped(self.state, text)

    def refresh(self) -> None:
        """Read the server's list again."""
        session = self.context.session
        if session is None:
            return
        transport, store = session.transport, session.store
        self._busy = True
        self._update_buttons()
        self._tell(self.tr("Reading the held changes…"))

        def read(_work: Any) -> tuple[list[dict[str, Any]], list[entry.FormHeader | None]]:
            transport.check()
            items = list(transport.get(_QUARANTINE))
            # The forms' units and years from the local store, here off the GUI thread.
            return items, [entry.form_header(store, item["form_id"])
                           if item.get("form_id") else None for item in items]

        self.context.operations.run(read, on_done=while_alive(self, self._show),
                                    on_error=while_alive(self, self._read_failed))

    def _show(self, found: tuple[list[dict[str, Any]], list[entry.FormHeader | None]]) -> None:
        if self._closed:
            return
        self._busy = False
        items, headers = found
        self.model.set_items(items, headers)
        self._tell(self.tr("{0} held change(s).").format(self._n(len(items))) if items
                   else self.tr("No held changes: everything sent was applied."))
        self._update_buttons()
        self.loaded.emit()

    def _read_failed(self, error: Exception) -> None:
        if self._closed:
            return
        self._busy = False
        self.model.set_items([], [])
        self._tell(self.error_text(error))
        self._update_buttons()
        self.loaded.emit()

    def error_text(self, error: Exception) -> str:
        """Why reading or deciding did not work, in words."""
        if isinstance(error, TransportError):
            return self.tr("Held changes are on the server, and it could not be reached. "
                           "Try again when connected.")
        if isinstance(error, ServerRefusal):
            if error.status == 404:
                return self.tr("This held change is no longer there: someone decided on it "
                               "already. The list is read again.")
            return plain_error(error, self._role())
        return plain_error(error, self._role())

    def reapply(self) -> None:
        """Apply the chosen held change again, then sync."""
        item = self.selected()
        session = self.context.session
        if item is None or session is None:
            return
        device_id = session.store.device_id
        self._decide(item, f"{_QUARANTINE}/{item['id']}/reapply", {"device_id": device_id})

    def dismiss(self) -> None:
        """Dismiss the chosen held change, with a reason asked for here."""
        item = self.selected()
        if item is None:
            return
        reason = self.context.interaction.ask_text(
            self, self.tr("Dismiss with a reason"),
            self.tr("Why must this change not apply? The reason is kept in the form's "
                    "history."))
        if reason is None:
            return
        if not reason.strip():
            self._tell(self.tr("Not dismissed: a reason is needed."))
            self.acted.emit(str(item["id"]), False, self.message)
            return
        self._decide(item, f"{_QUARANTINE}/{item['id']}/dismiss", {"reason": reason.strip()})

    def outcome_text(self, answer: dict[str, Any]) -> tuple[bool, str]:
        """Whether a decision did what was asked, and what to say: a re-apply the server
        refused or held again is no success, and its message says why."""
        if answer.get("status") == "dismissed":
            return True, self.tr("Dismissed. The reason is in the form's history.")
        result = answer.get("result")
        if result == "applied":
            return True, self.tr("Applied again.")
        if result == "conflict":
            if may(self._role() or "", "resolve_conflict"):
                return True, self.tr("Applied again, as a conflict: resolve it in Conflicts.")
            return True, self.tr("Applied again, as a conflict for the district officer to "
                                 "resolve (Conflicts).")
        return False, self.not_applied_text(str(result))

    def not_applied_text(self, result: str) -> str:
        """Why a re-apply did not apply, from the server's result, and what to do."""
        return {
            "rejected_locked": self.tr("Not applied: the form is approved, so its figures "
                                       "are locked. Only national staff unlock it; apply the "
                                       "change again after an unlock."),
            "rejected_scope": self.tr("Not applied: the form is not in your area (any more). "
                                      "Ask {0}.").format(help_desk(self._role())),
            "needs_mapping": self.tr("Not applied: the change was made on a form version or "
                                     "figure the server does not have. Ask {0}.").format(
                help_desk(self._role())),
            "rejected": self.tr("Not applied: the server refused the figures (they break the "
                                "form's rules). Dismiss it with a reason, or correct the form "
                                "and sync."),
            "duplicate": self.tr("Not applied again: the server already has this change."),
        }.get(result, self.tr("Not applied: the server held it again. The list shows why."))

    def _decide(self, item: dict[str, Any], path: str, body: dict[str, Any]) -> None:
        session = self.context.session
        if session is None:
            return
        transport, engine = session.transport, session.engine
        self._busy = True
        self._update_buttons()
        self._tell(self.tr("Asking the server…"))

        def run(work: Any) -> tuple[Any, Exception | None]:
            # Sent once: a retry after a lost answer would find the decision made.
            answer = transport.post_once(path, json=body)
            try:
                engine.sync(cancelled=work.cancelled)  # this computer shows the outcome
            except Exception as error:  # the decision stands; the sync is told apart
                return answer, error
            return answer, None

        def done(outcome: tuple[Any, Exception | None]) -> None:
            if self._closed:
                return
            answer, sync_error = outcome
            ok, text = self.outcome_text(answer)
            if sync_error is not None:
                text += " " + self.tr("This computer could not sync afterwards: sync again "
                                      "to see the outcome.")
            self._tell(text)
            self.acted.emit(str(item["id"]), ok, self.message)
            self.refresh()

        def failed(error: Exception) -> None:
            if self._closed:
                return
            self._tell(self.error_text(error))
            self.acted.emit(str(item["id"]), False, self.message)
            self.refresh()

        self.context.operations.run(run, changes={"forms", "values", "outbox", "conflicts"},
                                    on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))
