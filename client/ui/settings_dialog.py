"""The settings of this computer: server address, language and text size.

A change shows at once (the language re-translates every screen, the text size resizes
every text) and is kept at once: there is no OK to forget to press. The text sizes are
written in the digits of the interface language.
"""

from __future__ import annotations

from client.address import AddressError, normalise_server_address
from client.context import AppContext
from client.fonts import apply_text_size
from client.i18n import LANGUAGE_NAMES, current_language, switch_language
from client.qt import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from client.settings import LANGUAGES, TEXT_SIZES
from client.ui.post_on import in_digits
from client.ui.problem_texts import address_problem_text
from client.ui.sync_dialog import size_to_content
from client.ui.text import set_wrapped


class SettingsDialog(QDialog):
    """Change the computer's settings; each change is applied and saved at once."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        settings = context.settings
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        # What the screens show now (the settings say the same once the application started).
        self.language.setCurrentIndex(self.language.findData(current_language(app)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.text_size = QComboBox()
        for size in TEXT_SIZES:
            self.text_size.addItem(str(size), size)
        self.text_size.setCurrentIndex(self.text_size.findData(settings.text_size))
        self.text_size.currentIndexChanged.connect(self._text_size_chosen)
        self.server = QLineEdit(settings.server)
        self.server.editingFinished.connect(self._server_changed)
        self.language_label, self.text_size_label, self.server_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.language_label, self.language),
                             (self.text_size_label, self.text_size),
                             (self.server_label, self.server)):
            label.setBuddy(field)
        self.server_help = QLabel()
        self.server_help.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)

        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.text_size_label, self.text_size)
        form.addRow(self.server_label, self.server)
        form.addRow(QLabel(), self.server_help)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 55)

        context.language_changed.connect(self.retranslate)
        self.retranslate()
        size_to_content(self)

    def retranslate(self) -> None:
        """Set every text in the interface language."""
        self.setWindowTitle(self.tr("Settings"))
        # The list names each language in itself: a person who cannot read the language
        # shown now still finds theirs.
        self.language_label.setText(self.tr("&Language"))
        self.text_size_label.setText(self.tr("&Text size"))
        self.server_label.setText(self.tr("&Server address"))
        self._show_server_help()
        self.close_button.setText(self.tr("Close"))
        app = QApplication.instance()
        language = current_language(app) if app is not None else self.context.settings.language
        for row in range(self.text_size.count()):
            self.text_size.setItemText(row, in_digits(int(self.text_size.itemData(row)),
                                                      language))
        index = self.language.findData(language)
        if index != self.language.currentIndex():
            self.language.blockSignals(True)  # it follows a change made elsewhere
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def _language_chosen(self, index: int) -> None:
        switch_language(self.context, str(self.language.itemData(index)))

    def _text_size_chosen(self, index: int) -> None:
        size = int(self.text_size.itemData(index))
        self.context.settings.text_size = size
        self.context.save_settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_size(app, size)

    def _show_server_help(self, problem: str = "") -> None:
        # A mistyped address is said under the field, in words, and never kept.
        set_wrapped(self.server_help, problem or self.tr(
            "Used from the next sign-in. Ask your district or national office for it."))
        self.server_help.setStyleSheet("color: #b00020;" if problem else "")

    def _server_changed(self) -> bool:
        """Keep the address as typed, put in its one form; False (and the problem said
        under the field, the setting unchanged) when it is not an address."""
        if not self.server.text().strip():
            self.server.setText(self.context.settings.server)  # an empty address helps nobody
            self._show_server_help()
            return True
        try:
            address = normalise_server_address(self.server.text())
        except AddressError as error:
            self._show_server_help(address_problem_text(error))
            return False
        self._show_server_help()
        self.server.setText(address)
        if address != self.context.settings.server:
            self.context.settings.server = address
            self.context.save_settings()
        return True

    def done(self, result: int) -> None:
        """Closing keeps a server address still being typed. A mistyped one keeps the
        dialog open with the problem shown (Close) or is dropped (Escape): never kept."""
        if not self._server_changed():
            if result == QDialog.DialogCode.Accepted:
                self.server.setFocus()
                return
            self.server.setText(self.context.settings.server)
        super().done(result)
