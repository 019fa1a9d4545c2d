"""The desktop's way of asking and telling: message boxes, Qt's input dialog and Qt's own
(non-native) file dialogs, for `client.interaction.Interaction`. The one module of the
client that calls Qt's dialog classes.

Every text shown is made `wrappable` (client/ui/text.py): a long Khmer message breaks
between words instead of running off the box. File dialogs are Qt's widget-based ones,
never the system's: only Qt's ask the client's translator, so they speak the interface
language (client/ui/qt_strings.py lists their texts for the catalogue).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from client.qt import QFileDialog, QInputDialog, QMessageBox, QWidget
from client.ui.text import wrappable


def _widget(parent: object) -> QWidget | None:
    """The window a dialog belongs to (None: a window of its own)."""
    return parent if isinstance(parent, QWidget) else None


def _path(chosen: object) -> Path | None:
    return Path(str(chosen)) if chosen else None


#: Qt's widget-based dialog, never the system's: only Qt's asks our translator, so only
#: Qt's speaks the interface language (client/ui/qt_strings.py lists its texts).
FILE_DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog


class QtInteraction:
    """Dialogs on the screen, each waiting for the person (an Interaction)."""

    def inform(self, parent: object, title: str, text: str) -> None:
        """An information box with OK."""
        QMessageBox.information(_widget(parent), title, wrappable(text))

    def warn(self, parent: object, title: str, text: str) -> None:
        """A warning box with OK."""
        QMessageBox.warning(_widget(parent), title, wrappable(text))

    def confirm(self, parent: object, title: str, text: str, *, accept: str | None = None,
                reject: str | None = None, destructive: bool = False) -> bool:
        """A question box whose default button is the "no"."""
        widget = _widget(parent)
        if accept is None and reject is None:
            answer = QMessageBox.question(
                widget, title, wrappable(text),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            return bool(answer == QMessageBox.StandardButton.Yes)
        box = QMessageBox(QMessageBox.Icon.Question, title, wrappable(text), parent=widget)
        # Our own button texts where given: Qt ships no Khmer for its standard buttons.
        if accept is not None:
            yes = box.addButton(accept, QMessageBox.ButtonRole.DestructiveRole if destructive
                                else QMessageBox.ButtonRole.AcceptRole)
        else:
            yes = box.addButton(QMessageBox.StandardButton.Yes)
        no = (box.addButton(reject, QMessageBox.ButtonRole.RejectRole) if reject is not None
              else box.addButton(QMessageBox.StandardButton.Cancel))
        box.setDefaultButton(no)
        try:
            box.exec()
            return box.clickedButton() is yes
        finally:
            box.deleteLater()

    def choose(self, parent: object, title: str, label: str,
               options: Sequence[str]) -> str | None:
        """A list to pick from (not editable)."""
        choice, ok = QInputDialog.getItem(_widget(parent), title, label, list(options), 0,
                                          False)
        return str(choice) if ok and choice in options else None

    def ask_text(self, parent: object, title: str, label: str) -> str | None:
        """A box for a text of several lines."""
        text, ok = QInputDialog.getMultiLineText(_widget(parent), title, label)
        return str(text) if ok else None

    def save_path(self, parent: object, title: str, suggested: str,
                  name_filter: str) -> Path | None:
        """Qt's save dialog, in the interface language."""
        path, _chosen = QFileDialog.getSaveFileName(_widget(parent), title, suggested,
                                                    name_filter, options=FILE_DIALOG_OPTIONS)
        return _path(path)

    def open_path(self, parent: object, title: str, directory: str,
                  name_filter: str) -> Path | None:
        """Qt's open dialog, in the interface language."""
        path, _chosen = QFileDialog.getOpenFileName(_widget(parent), title, directory,
                                                    name_filter, options=FILE_DIALOG_OPTIONS)
        return _path(path)

    def folder(self, parent: object, title: str, directory: str) -> Path | None:
        """Qt's folder dialog, in the interface language."""
        return _path(QFileDialog.getExistingDirectory(
            _widget(parent), title, directory,
            options=FILE_DIALOG_OPTIONS | QFileDialog.Option.ShowDirsOnly))
