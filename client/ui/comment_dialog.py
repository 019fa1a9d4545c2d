"""The comment of a return or the reason of an unlock, asked for before the move goes to
the server: the dialog refuses empty text and says why one is needed."""

from __future__ import annotations

from client.qt import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from client.ui.sync_dialog import size_to_content
from client.ui.text import set_wrapped


class CommentDialog(QDialog):
    """Asks for the comment of a return or the reason of an unlock; refuses empty text."""

    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        # Our own button texts: Qt ships no Khmer for its standard buttons.
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update)
        self.retranslate()
        self._update()
        # Wide enough for a few lines of comment; as tall as the wrapped texts need.
        size_to_content(self, characters=55)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        if self.action == "unlock":
            self.setWindowTitle(self.tr("Unlock with a reason"))
            set_wrapped(self.prompt, self.tr("Why must this approved form be changed? The "
                                             "reason is kept in the form's history and shown "
                                             "to the unit."))
            self.ok_button.setText(self.tr("Unlock the form"))
        else:
            self.setWindowTitle(self.tr("Return with a comment"))
            set_wrapped(self.prompt, self.tr("What must the unit check or correct? Your "
                                             "comment goes back with the form."))
            self.ok_button.setText(self.tr("Return the form"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update()

    def comment(self) -> str:
        """The text typed, without surrounding spaces."""
        return self.text.toPlainText().strip()

    def _update(self) -> None:
        empty = not self.comment()
        self.ok_button.setEnabled(not empty)
        set_wrapped(self.hint, self.tr("A comment is needed: the unit must know why.")
                    if empty and self.action != "unlock" else
                    self.tr("A reason is needed: every unlock is audited.")
                    if empty else "")

    def accept(self) -> None:
        """Close with the text, never without one."""
        if not self.comment():
            self.text.setFocus()
            return
        super().accept()
