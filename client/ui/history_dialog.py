"""The history of a form: who changed which figure from what to what, and when; the
warnings confirmed with their reasons; and every move through the workflow with its
comment.

The full trail is the server's (every author and computer), fetched off the GUI thread
through the operation runner. Without a connection the screen shows the changes this
computer has not sent yet, and says that the rest needs the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFontMetrics,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QStyle,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store import entry
from client.store.history import TRANSITION_ACTIONS, HistoryEntry, from_server, unsent_changes
from client.sync.transport import ServerRefusal, TransportError
from client.ui.post_on import format_value
from client.ui.text import fold, head_metrics, line_pieces, set_wrapped, wrappable
from common.forms import FormDefinition
from common.forms.validation import field_label
from common.khmer import to_cambodia_time, to_khmer_digits
from common.workflow import STATUS_NAMES

UNSENT_COLOUR = "#8a5a00"
#: Once every column has its least width (its longest word, of its head or of a cell),
#: these short texts are made whole first (a time, a name, a figure) ...
SHORT_COLUMNS = ("when", "who", "from", "to")
#: ... and the long texts share what is left in these proportions (they wrap).
LONG_COLUMNS = {"what": 3, "figure": 4, "comment": 5}
#: The dialog's first size, in average characters and lines of its font (it follows the
#: text size), never larger than the screen.
START_WIDTH_CHARS, START_HEIGHT_LINES = 130, 22
@dataclass(frozen=True)
class HistoryLoad:
    """What the worker found: the entries, and how complete they are."""

    entries: list[HistoryEntry]
    definition: FormDefinition | None
    #: "server": the server's trail (with this computer's unsent changes after it);
    #: "offline": no connection; "not_on_server": the form never reached the server.
    source: str
    problem: str = ""


def load_history(context: AppContext, form_id: str) -> HistoryLoad:
    """Read a form's history (runs off the GUI thread)."""
    session = context.session
    if session is None:
        return HistoryLoad([], None, "offline")
    store, transport = session.store, session.transport
    header = entry.form_header(store, form_id)
    definition = (store.definition(header.form_code, header.definition_version)
                  if header is not None else None)
    local = unsent_changes(store, form_id, who=session.profile.username)
    if not session.online:
        return HistoryLoad(local, definition, "offline")
    try:
        events = transport.get(f"/api/v1/forms/{form_id}/history")
    except TransportError as error:
        return HistoryLoad(local, definition, "offline", str(error))
    except ServerRefusal as refusal:
        if refusal.status == 404:
            return HistoryLoad(local, definition, "not_on_server")
        raise
    return HistoryLoad(from_server(events) + local, definition, "server")


class HistoryModel(QAbstractTableModel):
    """History entries, one row each, in the interface language."""

    COLUMNS = ("when", "who", "what", "figure", "from", "to", "comment")

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.entries: list[HistoryEntry] = []
        self.definition: FormDefinition | None = None
        #: Column -> its head on several lines, where the column is narrower than the head.
        self.folded_heads: dict[int, str] = {}

    def set_folded_heads(self, heads: dict[int, str]) -> None:
        """Show these columns' heads on several lines (the others on one)."""
        if heads != self.folded_heads:
            self.folded_heads = heads
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_entries(self, entries: list[HistoryEntry],
                    definition: FormDefinition | None) -> None:
        """Show these entries (oldest first)."""
        self.beginResetModel()
        self.entries, self.definition = list(entries), definition
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Show every text again in `language`."""
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.entries) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(self.COLUMNS):
            return None
        return self.folded_heads.get(section) or self.head(section)

    def head(self, section: int) -> str:
        """A column's head, on one line."""
        return {"when": self.tr("When"), "who": self.tr("Who"), "what": self.tr("What"),
                "figure": self.tr("Figure"), "from": self.tr("From"), "to": self.tr("To"),
                "comment": self.tr("Comment or reason")}[self.COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries) \
                or not 0 <= index.column() < len(self.COLUMNS):
            return None
        item = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Khmer in a wrapping cell breaks between words (client.ui.text).
            return wrappable(self.text(item, self.COLUMNS[index.column()]))
        if role == Qt.ItemDataRole.ToolTipRole:
            if not item.sent:
                return self.tr("Saved on this computer, not sent to the server yet")
            return self.tr("Computer: {0}").format(item.device_id) if item.device_id else None
        if role == Qt.ItemDataRole.ForegroundRole and not item.sent:
            return QBrush(QColor(UNSENT_COLOUR))
        return None

    def text(self, item: HistoryEntry, column: str) -> str:
        """The text of one cell."""
        if column == "when":
            if item.at is None:
                return ""
            text = to_cambodia_time(item.at).strftime("%Y-%m-%d %H:%M")
            return to_khmer_digits(text) if self.language == "km" else text
        if column == "who":
            return item.who
        if column == "what":
            return self.action_text(item)
        if column == "figure":
            return self.field_text(item.field)
        if column in ("from", "to"):
            value = item.old_value if column == "from" else item.new_value
            if item.action in TRANSITION_ACTIONS:
                return self.status_text(value)
            if item.action in ("value", "conflict"):
                return self.value_text(item.field, value)
            return ""
        return item.comment or ""

    def action_text(self, item: HistoryEntry) -> str:
        """What happened, in words."""
        text = {
            "create": self.tr("Form created"), "value": self.tr("Figure changed"),
            "confirm": self.tr("Warning confirmed"),
            "conflict": self.tr("Conflicting change (kept for a decision)"),
            "delete": self.tr("Form deleted"), "submit": self.tr("Submitted"),
            "return": self.tr("Returned with a comment"), "approve": self.tr("Approved"),
            "unlock": self.tr("Unlocked with a reason"), "publish": self.tr("Published"),
            "withdraw": self.tr("Withdrawn from public view"),
            "dismiss": self.tr("Held change set aside with a reason"),
        }.get(item.action, item.action)
        return text if item.sent else self.tr("{0} (not sent yet)").format(text)

    def field_text(self, key: str | None) -> str:
        """A field's label from the form definition, in the interface language."""
        if not key:
            return ""
        definition = self.definition
        if definition is None or not definition.has_field(key):
            return key
        return field_label(definition.field(key).indicator, key).get(self.language)

    def value_text(self, key: str | None, value: Any) -> str:
        """A figure as a person reads it ("—" for none)."""
        if value is None or value == "":
            return "—"
        definition = self.definition
        if key and definition is not None and definition.has_field(key):
            return format_value(definition.field(key).indicator, value, self.language)
        return str(value)

    def status_text(self, status: Any) -> str:
        """A status in the interface language."""
        if not status:
            return ""
        names = STATUS_NAMES.get(str(status), (str(status), str(status)))
        return names[0] if self.language == "km" else names[1]


class HistoryDialog(QDialog):
    """The history of one form."""

    #: The history was read (from the server, or this computer's part when offline).
    loaded = Signal()

    def __init__(self, context: AppContext, form_id: str, parent: QWidget | None = None,
                 *, title: str = "", delete_on_close: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        #: Deleted once closed (and its reading is over: the answer must find it alive).
        self.delete_on_close = delete_on_close
        self._reading = False
        self._closed = False
        self.form_id = form_id
        self.form_title = title
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.model = HistoryModel(context.settings.language, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # The widths are set by fit_columns (Qt's Stretch would squeeze a column below its
        # head, and ResizeToContents lets long texts push the others out of sight).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._fitting = False
        self.table.viewport().installEventFilter(self)
        self.model.modelReset.connect(self.fit_columns)  # new entries, new widths
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton(self.tr("Close"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.result_: HistoryLoad | None = None
        self.error: Exception | None = None
        context.language_changed.connect(self._language_changed)
        self.retranslate()
        self.fit_columns()
        self.resize(self.start_size())
        self.reload()

    # ------------------------------------------------------------------ sizes

    def start_size(self) -> QSize:
        """The size the dialog opens at: room for a long history in the current text
        size, within the screen, and never less than its columns need."""
        metrics = self.fontMetrics()
        size = QSize(metrics.averageCharWidth() * START_WIDTH_CHARS,
                     metrics.lineSpacing() * START_HEIGHT_LINES)
        screen = self.screen()
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size())
        return size.expandedTo(self.minimumSizeHint())

    def _cell_margin(self) -> int:
        # QStyledItemDelegate's text margin on each side, and the grid line.
        return 2 * (self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 2

    def column_widths(self) -> tuple[list[int], list[int]]:
        """Each column's least width (its longest word, of the head or of a cell: nothing
        is ever cut inside a word) and its natural width (head and texts on one line)."""
        heads, head_margin = head_metrics(self.table.horizontalHeader())
        cells = QFontMetrics(self.table.font())
        cell_margin = self._cell_margin()
        smallest = self.table.horizontalHeader().minimumSectionSize()
        least, natural = [], []
        for column in range(len(HistoryModel.COLUMNS)):
            head = self.model.head(column)
            texts = [self.model.text(item, HistoryModel.COLUMNS[column])
                     for item in self.model.entries]
            least.append(max(
                smallest,
                max((heads.horizontalAdvance(w) for _, w in line_pieces(head)), default=0)
                + head_margin,
                max((cells.horizontalAdvance(w) for t in texts for _, w in line_pieces(t)),
                    default=0) + cell_margin))
            natural.append(max(heads.horizontalAdvance(head) + head_margin,
                               max((cells.horizontalAdvance(t) for t in texts), default=0)
                               + cell_margin))
        return least, natural

    def fit_columns(self) -> None:
        """Share the table's width between the columns: each at least as wide as its
        longest word (of its head or of a cell), then the short texts whole, then the
        long ones in proportion (they wrap between words); what is left goes to the
        comment. A head wider than its column goes on more lines. The dialog never gets
        narrower than the columns' least widths: nothing is cut inside a word."""
        if self._fitting:
            return
        self._fitting = True
        try:
            least, natural = self.column_widths()
            scroll_bar = self.table.verticalScrollBar().sizeHint().width()
            self.table.setMinimumWidth(sum(least) + 2 * self.table.frameWidth() + scroll_bar)
            columns = HistoryModel.COLUMNS
            widths = dict(zip(columns, least, strict=True))
            lacking = {name: max(n - w, 0) for name, n, w in zip(columns, natural, least,
                                                                  strict=True)}
            spare = self.table.viewport().width() - sum(widths.values())
            for name in sorted(SHORT_COLUMNS, key=lambda n: lacking[n]):
                more = min(lacking[name], max(spare, 0))
                widths[name] += more
                spare -= more
            total = sum(lacking[name] * weight for name, weight in LONG_COLUMNS.items())
            if spare > 0 and total:
                given = {name: min(lacking[name], spare * lacking[name] * weight // total)
                         for name, weight in LONG_COLUMNS.items()}
                for name, more in given.items():
                    widths[name] += more
                spare -= sum(given.values())
                # What a column did not need goes to those that still lack most.
                for name in sorted(LONG_COLUMNS, key=lambda n: given[n] - lacking[n]):
                    more = min(max(spare, 0), lacking[name] - given[name])
                    widths[name] += more
                    spare -= more
            widths["comment"] += max(spare, 0)
            header = self.table.horizontalHeader()
            heads, head_margin = head_metrics(self.table.horizontalHeader())
            self.model.set_folded_heads({
                column: fold(self.model.head(column), width - head_margin, heads)
                for column, width in enumerate(widths.values())
                if heads.horizontalAdvance(self.model.head(column)) + head_margin > width})
            for column, width in enumerate(widths.values()):
                header.resizeSection(column, width)
            self.table.resizeRowsToContents()
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The table's width changed: share it again."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """A new text size: heads and texts take another width."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
            self.fit_columns()

    def reload(self) -> None:
        """Read the history again, off the GUI thread."""
        set_wrapped(self.note, self.tr("Reading the history…"))
        self._reading = True
        context, form_id = self.context, self.form_id
        self.context.operations.run(lambda _work: load_history(context, form_id),
                                    on_done=self._loaded, on_error=self._failed)

    def done(self, result: int) -> None:
        """Closed: deleted now, or when the reading under way ends."""
        super().done(result)
        self._closed = True
        if self.delete_on_close and not self._reading:
            self.deleteLater()

    def _read_over(self) -> bool:
        """Note the reading ended; False when the dialog is gone meanwhile."""
        self._reading = False
        if self._closed and self.delete_on_close:
            self.deleteLater()
            return False
        return True

    def _loaded(self, result: HistoryLoad) -> None:
        if not self._read_over():
            return
        self.result_, self.error = result, None
        self.model.set_entries(result.entries, result.definition)  # fits the columns
        self._show_note()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        if not self._read_over():
            return
        self.error = error
        if isinstance(error, ServerRefusal):
            set_wrapped(self.note, self.tr("The server refused to show the history: {0}").format(
                str(error)))
        else:
            set_wrapped(self.note, self.tr("The history could not be read: {0}").format(error))
        self.loaded.emit()

    def _show_note(self) -> None:
        result = self.result_
        if result is None:
            return
        unsent = sum(1 for e in result.entries if not e.sent)
        if result.source == "server":
            text = self.tr("The full history, from the server.")
            if unsent:
                text += " " + self.tr("The last {0} change(s) are on this computer only: they "
                                      "go to the server at the next sync.").format(unsent)
        elif result.source == "not_on_server":
            text = self.tr("This form has not reached the server yet: shown are the changes "
                           "made on this computer, not sent yet.")
        else:
            text = self.tr("Without a connection to the server, only the changes on this "
                           "computer that are not sent yet are shown. The full history "
                           "(every person, every status change) needs the server.")
            if not result.entries:
                text += " " + self.tr("There are no unsent changes on this computer.")
        set_wrapped(self.note, text)

    def _language_changed(self, language: str) -> None:
        self.model.set_language(language)
        self.retranslate()
        self.updateGeometry()
        self.fit_columns()

    def retranslate(self) -> None:
        """Every text in the interface language."""
        self.setWindowTitle(self.tr("History of the form"))
        set_wrapped(self.heading, self.form_title or self.tr("History of the form"))
        self.close_button.setText(self.tr("Close"))
        self._show_note()

    def rows(self) -> list[list[str]]:
        """Every cell's text, row by row (what a person reads)."""
        return [[self.model.text(item, column) for column in HistoryModel.COLUMNS]
                for item in self.model.entries]
