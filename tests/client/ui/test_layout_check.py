"""The layout check itself: which texts of a shown screen do not fit where they are drawn.

`clipped` walks every visible text widget of a screen and measures it:

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

Each problem names the widget (its path from the screen), the text, the size it needs and
the size it has. tests/client/ui/test_layout.py runs the check on every screen; the test
here proves the check sees each kind of cut text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from client.qt import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFont,
    QFontMetrics,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStatusBar,
    QStyle,
    Qt,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from tests.client.ui.test_line_breaking import none_kept_alive  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("boxes", "none_kept_alive")

_QT_MESSAGE_PAINT = QStatusBar.paintEvent


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
        height = label.heightForWidth(label.width())
        if height > label.height():
            found.append(Clipped(path, "wrapped label, lines cut", text,
                                 (label.width(), height), given))
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


def settle() -> None:
    """Let Qt lay out what changed (layouts are done in posted events)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


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
