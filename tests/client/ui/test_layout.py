"""No text is cut off: every screen and dialog, in Khmer and English, at the default and
at the largest text size of the settings.

Each screen is opened as the application opens it, with realistic data (a form with
figures and a warning, a conflict, a history, held changes, a sync that ended), at its
natural size: a dialog at the size it chooses or else its size hint (show, adjustSize),
the main window at its default size; nothing is resized by the test. Then every visible
text widget is measured:

- a label that does not wrap: its text (each line) must fit its contents rectangle;
- a label that wraps: the height it needs at its width must fit its height, and its
  longest unbreakable run (a Khmer phrase without break opportunities) its width;
- a push, tool, check or radio button: its size hint must fit its size;
- a group box: its title (and contents) must fit;
- a tab: its text, padding and close button must fit the tab;
- a column or row head: its text and margins must fit the section (bold when Qt draws
  it bold, for a selected row);
- a message Qt draws in the status bar itself: it must fit between the left edge and the
  permanent widgets;
- two visible text widgets side by side must not overlap.

A failure lists the widget (its path from the screen), the text, the size it needs and
the size it has, the language and the text size.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.fonts import DEFAULT_TEXT_SIZE, install_fonts
from client.i18n import apply_language, catalogue, switch_language
from client.qt import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QCoreApplication,
    QDialog,
    QFont,
    QFontMetrics,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QStyle,
    Qt,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from client.settings import TEXT_SIZES
from client.store.history import from_server
from client.store.models import LocalConflict
from client.store.repository import LocalStore
from client.sync.transport import TransportError
from client.ui.about_dialog import AboutDialog
from client.ui.conflicts_dialog import ConflictsDialog
from client.ui.document_dialogs import PrintChoices
from client.ui.held_dialog import HeldDialog
from client.ui.history_dialog import HistoryDialog
from client.ui.main_window import CommentDialog, MainWindow
from client.ui.settings_dialog import SettingsDialog
from client.ui.sign_in import SignInDialog
from client.ui.sync_dialog import SyncDialog, plain_error
from client.ui.text import is_khmer
from tests.client.ui.test_line_breaking import none_kept_alive  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("boxes", "none_kept_alive")

#: A folder to save a picture of every screen measured in (for a person to look at).
SHOTS = "ISAF_LAYOUT_SHOTS"
LANGUAGES = ("en", "km")
SIZES = (DEFAULT_TEXT_SIZE, max(TEXT_SIZES))
_QT_MESSAGE_PAINT = QStatusBar.paintEvent
#: The letter after a mnemonic's "&" ("&&" is a plain ampersand).
_MNEMONIC = re.compile(r"(?<!&)&([^&])")


# ---------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Clipped:
    """One text that does not fit."""

    path: str
    kind: str
    text: str
    needed: tuple[int, int]
    given: tuple[int, int]

    def __str__(self) -> str:
        text = self.text.replace("\u200b", "").replace("\n", " ⏎ ")
        if len(text) > 90:
            text = text[:87] + "…"
        return (f"{self.path} ({self.kind}) “{text}”: needs {self.needed[0]}×"
                f"{self.needed[1]}, has {self.given[0]}×{self.given[1]}")


def widget_path(widget: QWidget, top: QWidget) -> str:
    """The widget as a reader of the code finds it: `Dialog.attribute` where an ancestor
    keeps it in an attribute, else the chain of class names from the screen."""
    chain: list[QWidget] = []
    current: QWidget | None = widget
    while current is not None:
        chain.append(current)
        if current is top:
            break
        current = current.parentWidget()
    for ancestor in chain[1:]:
        for name, value in vars(ancestor).items():
            if value is widget:
                return f"{widget_path(ancestor, top)}.{name}"
    if widget is top:
        return type(top).__name__
    parent = widget.parentWidget()
    inner = widget_path(parent, top) if parent is not None and widget is not top else ""
    return f"{inner} > {type(widget).__name__}" if inner else type(widget).__name__


def _rich(label: QLabel) -> bool:
    if label.textFormat() == Qt.TextFormat.RichText:
        return True
    text = label.text()
    return label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text


def _label(label: QLabel, path: str) -> list[Clipped]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    given = (label.width(), label.height())
    if label.wordWrap():
        found = []
        need = label.heightForWidth(label.width())
        if need > label.height():
            found.append(Clipped(path, "wrapped label, lines cut", text,
                                 (label.width(), need), given))
        widest = label.minimumSizeHint().width()  # its longest run that cannot break
        if widest > label.width():
            found.append(Clipped(path, "wrapped label, a word wider than the label", text,
                                 (widest, label.height()), given))
        return found
    if _rich(label):
        hint = label.sizeHint()
        if hint.width() > label.width() or hint.height() > label.height():
            return [Clipped(path, "label", text, (hint.width(), hint.height()), given)]
        return []
    metrics = label.fontMetrics()
    flags = int(Qt.TextFlag.TextShowMnemonic.value) if label.buddy() is not None else 0
    need = metrics.size(flags, text)
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(),
                                         -label.margin())
    if need.width() > room.width() or need.height() > room.height():
        return [Clipped(path, "label", text, (need.width(), need.height()),
                        (room.width(), room.height()))]
    return []


def _button(button: QAbstractButton, path: str) -> list[Clipped]:
    if not button.text():
        return []
    hint = button.sizeHint()
    if hint.width() > button.width() or hint.height() > button.height():
        return [Clipped(path, type(button).__name__, button.text(),
                        (hint.width(), hint.height()), (button.width(), button.height()))]
    return []


def _group(box: QGroupBox, path: str) -> list[Clipped]:
    if not box.title():
        return []
    hint = box.minimumSizeHint()
    if hint.width() > box.width() or hint.height() > box.height():
        return [Clipped(path, "group box", box.title(), (hint.width(), hint.height()),
                        (box.width(), box.height()))]
    return []


def _tabs(bar: QTabBar, path: str) -> list[Clipped]:
    found = []
    metrics = bar.fontMetrics()
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        text = bar.tabText(index)
        if not text or not bar.isTabVisible(index):
            continue
        # What QTabBar.tabSizeHint adds up (before the style's own frame): the text, the
        # tab's padding, and its buttons with 4 pixels each.
        need = metrics.size(int(Qt.TextFlag.TextShowMnemonic.value), text).width() + space
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            button = bar.tabButton(index, side)
            if button is not None and not button.isHidden():
                need += button.sizeHint().width() + 4
        rect = bar.tabRect(index)
        if need > rect.width():
            found.append(Clipped(f"{path}[tab {index}]", "tab", text,
                                 (need, rect.height()), (rect.width(), rect.height())))
        elif rect.left() < bar.width() < rect.right():  # the bar's edge (or arrows) cut it
            found.append(Clipped(f"{path}[tab {index}]", "tab", text,
                                 (rect.width(), rect.height()),
                                 (bar.width() - rect.left(), rect.height())))
    return found


def _header_font(header: QHeaderView, section: int) -> QFont:
    """The font Qt draws a section's text in: bold while it is highlighted (a selected
    row highlights every column head of a table)."""
    font = QFont(header.font())
    selection = header.selectionModel()
    if header.highlightSections() and selection is not None:
        root = header.rootIndex()
        horizontal = header.orientation() == Qt.Orientation.Horizontal
        if (selection.columnIntersectsSelection(section, root) if horizontal
                else selection.rowIntersectsSelection(section, root)):
            font.setBold(True)
    return font


def _header(header: QHeaderView, path: str) -> list[Clipped]:
    model = header.model()
    if model is None:
        return []
    found = []
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if text is None or str(text) == "":
            continue
        text = str(text)
        need = QFontMetrics(_header_font(header, section)).size(0, text)
        width = need.width() + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            width += mark + margin
        height = need.height() + 2 * margin
        size = header.sectionSize(section)
        given = (size, header.height()) if horizontal else (header.width(), size)
        kind = "column head" if horizontal else "row head"
        if width > given[0] or height > given[1]:
            found.append(Clipped(f"{path}[section {section}]", kind, text, (width, height),
                                 given))
            continue
        # A head the table's edge cuts (the table is narrower than its columns).
        start = header.sectionViewportPosition(section)
        edge = header.width() if horizontal else header.height()
        if start < edge < start + size:
            shown = (edge - start, given[1]) if horizontal else (given[0], edge - start)
            found.append(Clipped(f"{path}[section {section}]", f"{kind} cut by the table's "
                                 "edge", text, given, shown))
    return found


def _status_message(bar: QStatusBar, path: str) -> list[Clipped]:
    """A message Qt draws itself goes from the left edge to the first permanent widget,
    on one line (QStatusBarPrivate::messageRect), and is cut there."""
    message = bar.currentMessage()
    if not message or type(bar).paintEvent is not _QT_MESSAGE_PAINT:
        return []
    left, right = 6, bar.width() - 12
    for child in bar.children():
        if isinstance(child, QWidget) and child.isVisible() and child.x() > bar.width() // 2:
            right = min(right, child.x() - 2)
    need = bar.fontMetrics().horizontalAdvance(message)
    if need > right - left:
        return [Clipped(f"{path}.currentMessage()", "status bar message", message,
                        (need, bar.height()), (right - left, bar.height()))]
    return []


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


def _overlaps(parent: QWidget, top: QWidget) -> list[Clipped]:
    """Visible text widgets of one parent that are drawn over each other."""
    shown = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.
                                            FindDirectChildrenOnly)
             if w.isVisible() and _text_of(w) and w.width() > 0 and w.height() > 0]
    found = []
    for i, first in enumerate(shown):
        for second in shown[i + 1:]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > 1 and common.height() > 1:
                found.append(Clipped(
                    f"{widget_path(first, top)} / {widget_path(second, top)}", "overlap",
                    f"{_text_of(first)} / {_text_of(second)}",
                    (0, 0), (common.width(), common.height())))
    return found


def clipped(top: QWidget) -> list[Clipped]:
    """Every text of a shown screen that does not fit where it is drawn."""
    found: list[Clipped] = []
    parents: set[int] = set()
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        path = widget_path(widget, top)
        if isinstance(widget, QLabel):
            found += _label(widget, path)
        elif isinstance(widget, QAbstractButton):
            found += _button(widget, path)
        elif isinstance(widget, QTabBar):
            found += _tabs(widget, path)
        elif isinstance(widget, QHeaderView):
            found += _header(widget, path)
        if isinstance(widget, QGroupBox):
            found += _group(widget, path)
        if isinstance(widget, QStatusBar):
            found += _status_message(widget, path)
        parent = widget.parentWidget()
        if parent is not None and id(parent) not in parents and _text_of(widget):
            parents.add(id(parent))
            found += _overlaps(parent, top)
    return found


# ---------------------------------------------------------------------- the screens


def settle() -> None:
    """Let Qt lay out what changed (layouts are done in posted events)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def show_dialog(qtbot: QtBot, dialog: QWidget) -> QWidget:
    """Show a dialog at its natural size: the size it chose for itself, else its size
    hint (as show() gives a window that was never resized). The test never resizes it
    afterwards."""
    qtbot.addWidget(dialog)
    chose_its_size = dialog.testAttribute(Qt.WidgetAttribute.WA_Resized)
    dialog.show()
    if not chose_its_size:
        dialog.adjustSize()
    qtbot.waitExposed(dialog)
    return dialog


def translate(context: str, text: str) -> str:
    """A text of the application in the interface language."""
    return QCoreApplication.translate(context, text)


class World:
    """A commune focal point's computer: a health center's form with figures (unsent),
    a conflict on one of them, and the screens opened over it."""

    def __init__(self, context: AppContext, qtbot: QtBot) -> None:
        self.context = context
        self.qtbot = qtbot
        session = context.session
        assert session is not None
        self.store = session.store
        self.unit_id: str = context.units["home"]  # type: ignore[attr-defined]
        self.year = datetime.now(UTC).year
        self.form_id = self.store.create_form(unit_id=self.unit_id, year=self.year,
                                              form_code="health_center")
        self.store.save_values(self.form_id, {"catchment_population": 12000,
                                              "staff_midwives.female": 3,
                                              "staff_midwives.male": 1})
        with self.store.transaction() as db:
            db.add(LocalConflict(id="c1", form_id=self.form_id, field="staff_midwives.female",
                                 status="open", base=2, current=4, incoming=3))

    # -------------------------------------------------------------- windows

    def window(self) -> MainWindow:
        """The main window at its default size, the home unit chosen in the navigator, and
        the notice of an offline sign-in in the status bar (as after signing in)."""
        window = MainWindow(self.context)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.navigator.reload()
        table = window.navigator.table
        for row in range(table.model().rowCount()):
            table.selectRow(row)
            chosen = window.navigator.selected()
            if chosen is not None and chosen.unit_id == self.unit_id:
                break
        else:
            raise AssertionError("the navigator does not list the home unit")
        notice = translate("SignInDialog", "Working offline. {0} Your work is kept on this "
                                           "computer and sent at the next sync.").format(
            translate("LinkProblem", "Nothing answers at {0}: check the server address and "
                                     "its port (the number after the colon), or ask whether "
                                     "the server is running.").format("http://127.0.0.1:9"))
        window.statusBar().showMessage(notice, 60_000)
        settle()
        return window

    def editor_window(self) -> MainWindow:
        """The main window with the form open and a figure typed that asks for a reason."""
        window = self.window()
        editor = window.open_form(self.form_id)
        self.qtbot.waitUntil(lambda: editor.isVisible())
        field = editor.field_widget("expected_pregnancies")  # type: ignore[attr-defined]
        field.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()
        self.qtbot.keyClicks(field, "100")  # far above 1 to 5 percent of 12,000: a warning
        settle()
        return window

    def post_on_window(self) -> MainWindow:
        """The main window with the form's Post-on tab shown."""
        window = self.window()
        editor = window.open_form(self.form_id)
        tabs = editor.tabs  # type: ignore[attr-defined]
        tabs.setCurrentIndex(tabs.count() - 1)
        settle()
        return window

    # -------------------------------------------------------------- dialogs

    def sign_in(self) -> QWidget:
        """The sign-in screen after a wrong password with no server to ask."""
        dialog = SignInDialog(self.context)
        show_dialog(self.qtbot, dialog)
        dialog.username.setEditText("focal")  # type: ignore[attr-defined]
        dialog.password.setText("not the password")  # type: ignore[attr-defined]
        dialog.server.setText("http://127.0.0.1:9")  # type: ignore[attr-defined]
        dialog.sign_in_button.click()  # type: ignore[attr-defined]
        status = dialog.status  # type: ignore[attr-defined]
        self.qtbot.waitUntil(lambda: status.text() and not dialog._busy,  # type: ignore[attr-defined]
                             timeout=20_000)
        settle()
        return dialog

    def sync(self) -> QWidget:
        """The sync dialog once a sync ended (the server could not be reached)."""
        dialog = SyncDialog(self.context)
        show_dialog(self.qtbot, dialog)
        dialog.start()
        self.qtbot.waitUntil(lambda: dialog.error is not None or dialog.report is not None,
                             timeout=20_000)
        settle()
        return dialog

    def conflicts(self) -> QWidget:
        """The conflicts, one open."""
        dialog = ConflictsDialog(self.context)
        show_dialog(self.qtbot, dialog)
        settle()
        return dialog

    def history(self) -> QWidget:
        """The form's history: the changes made here, not sent yet."""
        dialog = HistoryDialog(self.context, self.form_id, title="HC010201 · 2026")
        show_dialog(self.qtbot, dialog)
        self.qtbot.waitUntil(lambda: dialog.result_ is not None or dialog.error is not None,
                             timeout=20_000)
        assert dialog.model.rowCount() > 0
        settle()
        return dialog

    def server_history(self) -> QWidget:
        """The history as the server tells it: submitted, returned with a comment, a
        figure changed, a warning confirmed with a reason, approved, unlocked."""
        dialog = self.history()
        assert isinstance(dialog, HistoryDialog)
        at = datetime.now(UTC).replace(microsecond=0).isoformat()
        events = [
            {"action": "submit", "username": "hc.010201", "at": at, "old_value": "draft",
             "new_value": "submitted"},
            {"action": "return", "username": "dmk.0102", "at": at, "old_value": "submitted",
             "new_value": "returned",
             "comment": "សូមពិនិត្យចំនួនឆ្មបម្ដងទៀត ព្រោះឆ្នាំមុនមានតែ ៣ នាក់ប៉ុណ្ណោះ។"},
            {"action": "value", "username": "hc.010201", "at": at,
             "field": "staff_midwives.female", "old_value": 4, "new_value": 3},
            {"action": "confirm", "username": "hc.010201", "at": at,
             "field": "expected_pregnancies",
             "comment": "expected_pregnancies_plausible: ភូមិថ្មីពីរបានចូលរួមក្នុងតំបន់គ្របដណ្ដប់"},
            {"action": "approve", "username": "dmk.0102", "at": at, "old_value": "submitted",
             "new_value": "approved"},
            {"action": "unlock", "username": "admin", "at": at, "old_value": "approved",
             "new_value": "draft", "comment": "Corrected population figure from the census"},
        ]
        dialog.model.set_entries(from_server(events), dialog.model.definition)
        settle()
        return dialog

    def held(self) -> QWidget:
        """Held changes: the list the server would give (offline, it says it cannot ask)."""
        dialog = HeldDialog(self.context)
        show_dialog(self.qtbot, dialog)
        self.qtbot.waitUntil(lambda: not dialog._busy, timeout=20_000)  # type: ignore[attr-defined]
        now = datetime.now(UTC).isoformat()
        items = [{"id": "h1", "form_id": self.form_id, "reason": "locked", "created_at": now,
                  "detail": "anc1", "may_decide": True},
                 {"id": "h2", "form_id": self.form_id, "reason": "delete_conflict",
                  "created_at": now, "detail": "", "may_decide": False}]
        from client.store import entry

        header = entry.form_header(self.store, self.form_id)
        dialog.model.set_items(items, [header, header])
        dialog.table.selectRow(0)
        settle()
        return dialog

    def settings(self) -> QWidget:
        return self._settled(SettingsDialog(self.context))

    def about(self) -> QWidget:
        return self._settled(AboutDialog(self.context))

    def comment(self) -> QWidget:
        """The comment asked for when a form is returned."""
        return self._settled(CommentDialog("return"))

    def unlock(self) -> QWidget:
        """The reason asked for when a form is unlocked."""
        return self._settled(CommentDialog("unlock"))

    def print_options(self) -> QWidget:
        window = self.window()
        dialog = window.printing.print_document("form")
        assert dialog is not None
        return self._opened(dialog)

    def batch(self) -> QWidget:
        window = self.window()
        dialog = window.printing.print_batch()
        assert dialog is not None
        return self._opened(dialog)

    def export(self) -> QWidget:
        window = self.window()
        dialog = window.printing.export_excel()
        assert dialog is not None
        return self._opened(dialog)

    def print_preview(self) -> QWidget:
        """A blank form in the print preview."""
        from client.ui.print_preview import PrintPreview

        title = translate("Printing", "Blank form · {0}").format("HC010201 2026")
        dialog = PrintPreview(_blank_form(self.store, self.year), title,
                              "HC010201-2026-form.pdf")
        return self._settled(dialog)

    def messages(self) -> list[QWidget]:
        """The message boxes a person meets most: a delete to confirm, a move of a form
        without a connection, a sync that could not reach the server."""
        boxes = []
        question = translate("MainWindow", "Delete the form of {0}, with all its figures?"
                             ).format("HC010201 · 2026") + "\n\n" + translate(
            "MainWindow", "The server has this form: it is deleted there at the next sync. "
                          "If someone changed it there meanwhile, the server keeps it and this "
                          "computer shows it again: nothing is lost.")
        for icon, title, text, buttons in (
                (QMessageBox.Icon.Question, translate("MainWindow", "Delete this form"),
                 question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No),
                (QMessageBox.Icon.Warning, translate("MainWindow", "Submit"), translate(
                    "MainWindow", "Moving a form along needs a connection to the server, and "
                                  "the server could not be reached. Nothing changed and "
                                  "nothing is lost: the form and its figures stay on this "
                                  "computer. Try again when connected."),
                 QMessageBox.StandardButton.Ok),
                (QMessageBox.Icon.Warning, translate("MainWindow", "ISAF Desk"),
                 plain_error(TransportError("no route")), QMessageBox.StandardButton.Ok)):
            box = QMessageBox(icon, title, text, buttons)
            self.qtbot.addWidget(box)
            box.show()
            self.qtbot.waitExposed(box)
            boxes.append(box)
        settle()
        return boxes

    def _settled(self, dialog: QWidget) -> QWidget:
        show_dialog(self.qtbot, dialog)
        settle()
        return dialog

    def _opened(self, dialog: QDialog) -> QWidget:
        """A dialog the window opened itself (window-modal, at its natural size)."""
        self.qtbot.waitExposed(dialog)
        settle()
        return dialog


#: The blank form shown in the print preview, built once (the same for every case).
_PDF: dict[str, bytes] = {}


def _blank_form(store: LocalStore, year: int) -> bytes:
    if "form" not in _PDF:
        from client import documents

        _PDF["form"] = documents.write_form(store, "HC010201", year,
                                            PrintChoices().options("form"))
    return _PDF["form"]


# Each screen, and the helper whose file it is (for the expected failures below).
SCREENS: dict[str, Callable[[World], QWidget | list[QWidget]]] = {
    "sign-in": World.sign_in,
    "main window (navigator)": World.window,
    "main window (form editor)": World.editor_window,
    "main window (Post-on)": World.post_on_window,
    "sync dialog": World.sync,
    "conflicts dialog": World.conflicts,
    "history dialog": World.history,
    "history dialog (server's trail)": World.server_history,
    "held changes dialog": World.held,
    "settings": World.settings,
    "about": World.about,
    "return comment": World.comment,
    "unlock reason": World.unlock,
    "print options dialog": World.print_options,
    "batch dialog": World.batch,
    "export dialog": World.export,
    "print preview": World.print_preview,
    "message boxes": World.messages,
}

#: Screens that clip today: (screen, language, size) -> why. Not strict: a fix makes them
#: pass. Empty: every screen fits; a new entry needs a reason naming the screen.
KNOWN: dict[tuple[str, str, int], str] = {}


def _cases() -> Iterator[object]:
    for screen in SCREENS:
        for language in LANGUAGES:
            for size in SIZES:
                reason = KNOWN.get((screen, language, size))
                marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
                yield pytest.param(screen, language, size, marks=marks,
                                   id=f"{screen}-{language}-{size}pt")


@pytest.mark.parametrize(("screen", "language", "size"), list(_cases()))
def test_no_text_is_cut_off(screen: str, language: str, size: int,
                            offline_context: AppContext, qtbot: QtBot, qapp: QApplication,
                            ) -> None:
    font = QFont(qapp.font())
    install_fonts(qapp, text_size=size)
    offline_context.settings.text_size = size
    try:
        switch_language(offline_context, language)
        shown = SCREENS[screen](World(offline_context, qtbot))
        tops = shown if isinstance(shown, list) else [shown]
        problems = [str(p) for top in tops for p in clipped(top)]
        if os.environ.get(SHOTS):  # to look at what was measured
            folder = Path(os.environ[SHOTS])
            folder.mkdir(parents=True, exist_ok=True)
            for number, top in enumerate(tops):
                top.grab().save(str(folder / f"{screen}-{language}-{size}-{number}.png"))
    finally:
        apply_language(qapp, "en")
        offline_context.settings.language = "en"
        qapp.setFont(font)
    assert not problems, (f"{screen}, {language}, {size} pt: {len(problems)} text(s) cut "
                          "off:\n  " + "\n  ".join(problems))


def test_no_keyboard_mnemonic_sits_on_a_khmer_letter() -> None:
    """Qt underlines a mnemonic's letter as a run of its own, so "&បាទ" draws ប apart
    from its vowel sign: a dotted circle on the Yes button of every message box. A Khmer
    text takes a Latin mnemonic in brackets instead, "បាទ/ចាស (&Y)", as the sign-in
    screen does."""
    root = ET.parse(catalogue("km")).getroot()
    wrong = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        texts = [n.text or "" for n in translation.iter("numerusform")] or [
            translation.text or ""]
        wrong += [f"{message.findtext('source')!r} -> {text!r}" for text in texts
                  if any(is_khmer(after) for after in _MNEMONIC.findall(text))]
    assert not wrong, "a mnemonic on a Khmer letter:\n  " + "\n  ".join(wrong)


def test_the_check_sees_every_kind_of_cut_text(qtbot: QtBot) -> None:
    """A squeezed label, wrapped label, button, check box, group box, tab and column head
    are each reported; the same widgets with room are not."""
    def screen(squeezed: bool) -> QWidget:
        top = QWidget()
        qtbot.addWidget(top)
        width = 40 if squeezed else 600
        label = QLabel("Last sync: never", top)
        wrapped = QLabel("Without a connection only the changes on this computer show.", top)
        wrapped.setWordWrap(True)
        button = QPushButton("Propose the value on the form", top)
        check = QCheckBox("Include forms not yet approved", top)
        box = QGroupBox("Council and staff", top)
        tabs = QTabWidget(top)
        tabs.addTab(QWidget(), "Post-on of the health center")
        table = QTableWidget(1, 1, top)
        table.setHorizontalHeaderLabels(["Other person's value"])
        table.horizontalHeader().resizeSection(0, 30 if squeezed else 300)
        for y, widget in enumerate((label, wrapped, button, check, box, tabs, table)):
            hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
            height = 20 if squeezed and widget is wrapped else hint.height()
            widget.setGeometry(0, y * 200, width if squeezed else max(hint.width(), width),
                               height)
        top.resize(700, 1400)
        top.show()
        qtbot.waitExposed(top)
        settle()
        return top

    kinds = {problem.kind for problem in clipped(screen(squeezed=True))}
    assert {"label", "wrapped label, lines cut", "QPushButton", "QCheckBox", "group box",
            "tab", "column head"} <= kinds
    assert clipped(screen(squeezed=False)) == []
