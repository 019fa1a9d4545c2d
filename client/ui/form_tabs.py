"""The main window's tabs of open forms.

A form opens in a tab of its own. Its values, conflicts, definition and kept draft are read
off the GUI thread (a form of 150 figures on a slow disk takes a noticeable moment): the
tab says "Opening the form…" until they arrive, then the entry screen is built from what
was read, in one go. Closing the tab meanwhile drops the read.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from client import editing
from client.context import AppContext
from client.editing import FormSnapshot
from client.qt import QCoreApplication, QLabel, QObject, Qt, QTabWidget, Signal
from client.store.errors import StoreError
from client.ui.conflicts_dialog import may_decide
from client.ui.sync_dialog import plain_store_error, while_alive

if TYPE_CHECKING:
    from client.ui.form_editor import FormEditor

log = logging.getLogger(__name__)


class OpeningForm(QLabel):
    """A tab's content while its form is read (it has the form's `form_id`, as an editor
    does, so the window's actions already apply to that form)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setText(QCoreApplication.translate("FormTabs", "Opening the form…"))


class FormTabs(QObject):
    """Opens forms in `tabs` (its first tab, the navigator, is left alone)."""

    #: A form's entry screen is shown: the FormEditor.
    opened = Signal(object)

    def __init__(self, context: AppContext, tabs: QTabWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.tabs = tabs

    def open(self, form_id: str, title: str) -> None:
        """Show a form in its own tab, or bring its tab forward; `opened` once its entry
        screen is shown."""
        for index in range(1, self.tabs.count()):
            widget = self.tabs.widget(index)
            if getattr(widget, "form_id", None) == form_id:
                self.tabs.setCurrentIndex(index)
                if not isinstance(widget, OpeningForm):
                    self.opened.emit(widget)
                return
        session = self.context.session
        if session is None:
            return
        opening = OpeningForm(form_id)
        self.tabs.setCurrentIndex(self.tabs.addTab(opening, title))
        store, decider = session.store, may_decide(session.role)
        self.context.operations.read(
            lambda: editing.read_form(store, form_id, decider=decider, opening=True),
            on_done=while_alive(opening, lambda snapshot: self._show(opening, snapshot)),
            on_error=while_alive(opening, lambda error: self._failed(opening, error)))

    def _show(self, opening: OpeningForm, snapshot: FormSnapshot) -> None:
        from client.ui.form_editor import FormEditor  # the entry screen is built on demand

        index = self.tabs.indexOf(opening)
        if index < 0 or self.context.session is None:
            return  # the tab was closed, or the person signed out, while it read
        was_current = self.tabs.currentIndex() == index
        editor = FormEditor(self.context, opening.form_id, snapshot=snapshot)
        title = self.tabs.tabText(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, editor, title)
        if was_current:
            self.tabs.setCurrentIndex(index)
            editor.setFocus()
        opening.deleteLater()
        self.opened.emit(editor)

    def _failed(self, opening: OpeningForm, error: Exception) -> None:
        if isinstance(error, StoreError):
            opening.setText(plain_store_error(error))
            return
        log.error("a form could not be opened", exc_info=error)
        opening.setText(QCoreApplication.translate(
            "FormTabs", "This form could not be opened: {0}").format(error))

    def close(self, index: int) -> None:
        """Close a form's tab (unsaved edits are kept as a draft by the editor)."""
        widget = self.tabs.widget(index)
        if index == 0 or widget is None:
            return
        self.tabs.removeTab(index)
        widget.deleteLater()

    def tab_form_id(self) -> str | None:
        """The form of the current tab, if the tab shows one (or is opening one)."""
        form_id = getattr(self.tabs.currentWidget(), "form_id", None)
        return str(form_id) if form_id else None

    def editor_of(self, form_id: str) -> FormEditor | None:
        """The open entry screen of a form, or None (also while its tab is opening)."""
        for index in range(1, self.tabs.count()):
            widget = self.tabs.widget(index)
            if getattr(widget, "form_id", None) == form_id and not isinstance(
                    widget, OpeningForm):
                return cast("FormEditor", widget)
        return None
