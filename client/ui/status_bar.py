"""The main window's status bar: the latest message, who is signed in (online or not) and
the state of the sync, each on a label that wraps, at any width and text size."""

from __future__ import annotations

from client.qt import QEvent, QGridLayout, QLabel, QPaintEvent, QSizePolicy, QStatusBar, Qt, QWidget
from client.ui.text import plain, set_wrapped


class StatusBar(QStatusBar):
    """The window's status bar: the latest message on a line of its own, then who is
    signed in (online or not) and the sync state, each on a label that wraps.

    QStatusBar shows a message (showMessage, or an action's status tip while the mouse is
    over it) as one line it paints itself, cut where its labels begin, and hides its
    other labels meanwhile: a long notice lost its end and who was signed in. Here Qt
    keeps the message (its timeout, `currentMessage()`), but it is shown on a
    word-wrapped label above the others: nothing is painted under or over a label, who is
    signed in stays in view, and a long text takes another line instead of being cut, at
    any width and text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QWidget(self)
        self.message = QLabel(self.box)
        self.who = QLabel(self.box)
        self.sync_state = QLabel(self.box)
        self.sync_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.message, self.who, self.sync_state):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        grid = QGridLayout(self.box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.message, 0, 0, 1, 2)
        grid.addWidget(self.who, 1, 0)
        grid.addWidget(self.sync_state, 1, 1)
        self.grid = grid
        self.message.hide()
        self.addPermanentWidget(self.box, 1)
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        set_wrapped(self.message, text)
        self.message.setVisible(bool(text))
        self.updateGeometry()  # the bar takes the lines the texts need, no more

    def set_texts(self, who: str, sync_state: str) -> None:
        """Who is signed in, and the state of the sync."""
        set_wrapped(self.who, who)
        set_wrapped(self.sync_state, sync_state)
        self._balance()

    def _balance(self) -> None:
        # Each label gets the width in proportion to its text: both stay on one line when
        # the bar is wide enough, and when it is not, neither is squeezed to a word a line.
        for column, label in enumerate((self.who, self.sync_state)):
            width = label.fontMetrics().horizontalAdvance(plain(label.text()))
            self.grid.setColumnStretch(column, max(1, width))
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Another text size: the texts' widths change."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._balance()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint no message of Qt's own: the message label shows it."""
        del event
