"""What a support call needs to know: versions, and where this computer keeps the data.

Every line can be selected, and one button copies them all, so a person can paste them
into a message to the district or national office.
"""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from client.context import AppContext
from client.qt import (
    PYSIDE_VERSION,
    QDialog,
    QFormLayout,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QLibraryInfo,
    QPushButton,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
)
from client.ui.sync_dialog import size_to_content

#: The distribution name in setup.cfg ([metadata] name).
DISTRIBUTION = "isaf-desk"


def application_version() -> str:
    """The installed ISAF Desk version, or "" when running from files never installed."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return ""


class AboutDialog(QDialog):
    """Versions, the data folder, the signed-in person's database and the log file."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._rows: dict[str, tuple[QLabel, QLabel]] = {}
        form = QFormLayout()
        for key in ("version", "python", "qt", "pyside", "home", "store", "log"):
            label, value = QLabel(), QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)  # long Windows paths must not widen the window
            value.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
            form.addRow(label, value)
            self._rows[key] = (label, value)
        self.copy_button = QPushButton()
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        context.language_changed.connect(self.retranslate)
        context.session_changed.connect(self.retranslate)
        self.retranslate()
        size_to_content(self)  # a long path takes more lines, and the dialog shows them

    def retranslate(self) -> None:
        """Set every text in the interface language (and the figures, which may change)."""
        self.setWindowTitle(self.tr("About ISAF Desk"))
        name = self.tr("ISAF Desk")
        self.title.setText(f"<big><b>{name}</b></big>")
        self.summary.setText(self.tr(
            "Offline data entry for the Implementation of the Social Accountability Framework "
            "(ISAF): the yearly performance forms of communes, health centers and primary "
            "schools, their review and approval, I4C posters and blank forms to print, and "
            "the national Excel report."))
        session = self.context.session
        rows = {
            "version": (self.tr("Version"),
                        application_version() or self.tr("not installed (running from files)")),
            "python": (self.tr("Python"), platform.python_version()),
            "qt": (self.tr("Qt"), QLibraryInfo.version().toString()),
            "pyside": (self.tr("PySide"), PYSIDE_VERSION),
            "home": (self.tr("Data folder"), str(self.context.home)),
            "store": (self.tr("Your local database"),
                      str(session.profile.store_path) if session is not None
                      else self.tr("nobody is signed in")),
            "log": (self.tr("Log file"), str(self.context.log_file)),
        }
        for key, (label_text, value_text) in rows.items():
            label, value = self._rows[key]
            label.setText(label_text)
            value.setText(value_text)
        self.copy_button.setText(self.tr("Copy these details"))
        self.close_button.setText(self.tr("Close"))
        size_to_content(self, grow_only=True)

    def details(self) -> str:
        """The lines as shown, one a line (what Copy puts on the clipboard)."""
        return "\n".join(f"{label.text()}: {value.text()}" for label, value in self._rows.values())

    def copy_details(self) -> None:
        """Put the details on the clipboard, to paste into a message for support."""
        QGuiApplication.clipboard().setText(self.details())
