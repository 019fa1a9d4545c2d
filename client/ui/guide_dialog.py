"""The user guide, inside the application: Help ▸ User guide (F1), or Help on the sign-in
screen.

The guide is the same Markdown the repository keeps for readers (docs/guide-km.md and
docs/guide-en.md, with their pictures in docs/screenshots/), shown in a QTextBrowser in the
interface language, with a switch to the other language inside the dialog. `guide_folder`
finds the files both in a source checkout (docs/ next to the packages) and in a frozen
PyInstaller bundle (docs/ at the bundle's root); when they are missing the dialog says so
in words, with the place it looked.

Each section of a guide starts with `<a id="NAME"></a>` on the line before its heading, so
that its links (`[Sync](#sync)`) work on GitHub; Qt's Markdown reader drops such HTML, so
the dialog takes those lines out and puts the same names on the headings itself.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from client.context import AppContext
from client.i18n import LANGUAGE_NAMES, current_language
from client.qt import (
    QComboBox,
    QCoreApplication,
    QDesktopServices,
    QDialog,
    QHBoxLayout,
    QImage,
    QLabel,
    QPushButton,
    QResizeEvent,
    QSize,
    QTextBrowser,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
    QTimer,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from client.ui.help_texts import help_desk
from client.ui.text import set_wrapped, wrappable

#: The guide's file name in each language.
GUIDE_FILES = {"km": "guide-km.md", "en": "guide-en.md"}
#: A section's name, on the line before its heading (GitHub keeps it as the link target).
_ANCHOR = re.compile(r'^<a id="([\w-]+)"></a>[ \t]*$')
_HEADING = re.compile(r"^#{1,6}[ \t]")
#: A picture is never drawn wider than this share of the page's width.
_IMAGE_SHARE = 0.95


class GuideMissing(Exception):  # noqa: N818 - a state of the installation, not a bug
    """The guide's file is not where the application looks for it."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def guide_folder() -> Path:
    """The folder of the guides: docs/ at the root of a frozen bundle (`sys._MEIPASS`), else
    the repository's docs/, next to the client package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "docs"
    return Path(__file__).resolve().parents[2] / "docs"


def guide_path(language: str, folder: Path | None = None) -> Path:
    """The guide's Markdown file in `language` ("km" or "en"); GuideMissing when absent."""
    path = (folder or guide_folder()) / GUIDE_FILES.get(language, GUIDE_FILES["en"])
    if not path.is_file():
        raise GuideMissing(path)
    return path


def split_anchors(markdown: str) -> tuple[str, dict[int, str]]:
    """The Markdown without its `<a id>` lines, and the name each marked heading gets (by
    the heading's place among all headings, counted from 0)."""
    lines, names = [], {}
    pending: str | None = None
    headings = 0
    for line in markdown.splitlines():
        match = _ANCHOR.match(line)
        if match:
            pending = match.group(1)
            continue
        if _HEADING.match(line):
            if pending is not None:
                names[headings] = pending
            headings += 1
        if line.strip():
            pending = None
        lines.append(line)
    return "\n".join(lines) + "\n", names


class GuideDialog(QDialog):
    """The user guide in Khmer or English, with its pictures."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: Where the guides are looked for (tests give another folder).
        self.folder = folder or guide_folder()
        app = QCoreApplication.instance()
        #: The language of the guide shown: the interface's, until the person switches.
        self.language = current_language(app) if app is not None else "en"
        #: The file shown, or None when it is missing (`error` then says so).
        self.path: Path | None = None
        self._sizes: dict[Path, QSize] = {}
        self.resize(900, 680)
        self.language_label = QLabel("ភាសា / Language")  # readable whatever is shown now
        self.language_box = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(self.language))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.browser = QTextBrowser()
        # Links are followed here: the Markdown must go through show_guide to get its
        # pictures' sizes and its sections' names.
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_label)
        top.addWidget(self.language_box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        context.language_changed.connect(self._interface_language_changed)
        self.retranslate()
        self.show_guide(self.language)

    def retranslate(self) -> None:
        """The dialog's own texts in the interface language."""
        self.setWindowTitle(self.tr("User guide - ISAF Desk"))
        self.close_button.setText(self.tr("Close"))
        if self.path is None and not self.error.isHidden():
            self._show_missing()

    def _interface_language_changed(self, language: str) -> None:
        self.retranslate()
        self.language_box.setCurrentIndex(self.language_box.findData(language))

    def _language_chosen(self, index: int) -> None:
        self.show_guide(str(self.language_box.itemData(index)))

    def show_guide(self, language: str) -> None:
        """Show the guide in `language`, or say that its file is missing."""
        self.language = language
        try:
            path = guide_path(language, self.folder)
            text = path.read_text(encoding="utf-8")
        except (GuideMissing, OSError, UnicodeError):
            self.path = None
            self._show_missing()
            return
        self.path = path
        self.error.hide()
        self.browser.show()
        markdown, names = split_anchors(text)
        document = self.browser.document()
        # Pictures are named relative to the guide's folder ("screenshots/x.png").
        document.setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setSearchPaths([str(path.parent)])
        document.setDefaultFont(self.font())  # the application's Khmer font and text size
        # Qt breaks Khmer lines only where a zero-width space marks a word's end.
        self.browser.setMarkdown(wrappable(markdown))
        self._name_headings(names)
        self._fit_images()
        self.browser.verticalScrollBar().setValue(0)

    def follow(self, url: QUrl) -> None:
        """A link was clicked: a section of this guide scrolls to it, the other language's
        guide is shown, a web address opens in the web browser."""
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
            return
        name = Path(url.path()).name
        for code, file_name in GUIDE_FILES.items():
            if name == file_name and code != self.language:
                self.language_box.setCurrentIndex(self.language_box.findData(code))
        if url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())

    def _show_missing(self) -> None:
        folder = self.folder / GUIDE_FILES.get(self.language, GUIDE_FILES["en"])
        session = self.context.session
        set_wrapped(self.error, self.tr(
            "The user guide is not on this computer: {0} was not found. Install ISAF Desk "
            "again, or ask {1}.").format(folder, help_desk(session.role if session else None)))
        self.error.show()
        self.browser.clear()
        self.browser.hide()

    def _name_headings(self, names: dict[int, str]) -> None:
        """Give the marked headings their names, so that `#NAME` links reach them."""
        block = self.browser.document().begin()
        heading = 0
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                name = names.get(heading)
                if name is not None:
                    cursor = QTextCursor(block)
                    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                        QTextCursor.MoveMode.KeepAnchor)
                    mark = QTextCharFormat()
                    mark.setAnchor(True)
                    mark.setAnchorNames([name])
                    cursor.mergeCharFormat(mark)
                heading += 1
            block = block.next()

    def anchors(self) -> set[str]:
        """The section names in the document shown."""
        found: set[str] = set()
        block = self.browser.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                found.update(iterator.fragment().charFormat().anchorNames())
                iterator += 1
            block = block.next()
        return found

    def images(self) -> list[str]:
        """The pictures the document shows, as named in the guide."""
        names: list[str] = []
        block = self.browser.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().isImageFormat():
                    names.append(fragment.charFormat().toImageFormat().name())
                iterator += 1
            block = block.next()
        return names

    def _fit_images(self) -> None:
        """Draw each picture at most as wide as the page, keeping its proportions: a
        screenshot is wider than the dialog."""
        if self.path is None:
            return
        document = self.browser.document()
        width = max(200.0, self.browser.viewport().width() * _IMAGE_SHARE
                    - 2 * document.documentMargin())
        pictures = []
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().isImageFormat():
                    pictures.append((fragment.position(), fragment.length(),
                                     fragment.charFormat().toImageFormat()))
                iterator += 1
            block = block.next()
        # Changed once found: a format set while walking the fragments would split them.
        for position, length, image_format in pictures:
            size = self._image_size(image_format.name())
            if size.isEmpty():
                continue
            scale = min(1.0, width / size.width())
            fitted = QTextImageFormat(image_format)
            fitted.setWidth(size.width() * scale)
            fitted.setHeight(size.height() * scale)
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fitted)

    def _image_size(self, name: str) -> QSize:
        """A picture's own size (read once: the dialog fits pictures at every resize)."""
        assert self.path is not None
        path = self.path.parent / name
        if path not in self._sizes:
            self._sizes[path] = QImage(str(path)).size()
        return self._sizes[path]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """The pictures follow the dialog's width (once the layout gave the browser its
        new width: hence after this event)."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_images)

    def image_loaded(self, name: str) -> bool:
        """Whether the picture `name` of the guide shown loads (its file exists and is a
        picture Qt reads)."""
        resource = self.browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(name))
        return resource is not None and not getattr(resource, "isNull", lambda: True)()


def open_guide(context: AppContext, parent: QWidget) -> GuideDialog:
    """Show the guide beside the window `parent` (one guide a window: F1 again brings it
    forward); it stays open while the person works."""
    for dialog in parent.findChildren(GuideDialog):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = GuideDialog(context, parent)
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.show()
    return dialog
