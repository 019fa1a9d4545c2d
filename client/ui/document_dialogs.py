"""The small dialogs of the Documents menu: options of a poster or blank form, a batch's
area, year and files, an Excel export's year, service and area. They only collect choices
(plain dataclasses); client/ui/printing.py runs the work. Years and counts show in the
digits of the interface language; wrapped texts break Khmer between words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from client.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from client.store.overview import Area
from client.ui.navigator import kind_text, status_text
from client.ui.post_on import in_digits
from client.ui.sync_dialog import size_to_content
from client.ui.text import set_wrapped

if TYPE_CHECKING:
    from common.documents import DocumentOptions

#: The languages a document prints in.
LANGUAGES = ("km", "en", "km+en")
DIGITS = ("khmer", "arabic")
POSTER_SIZES = ("A3", "A2")
#: What a batch prints.
DOCUMENTS = ("poster", "form")
#: The services of the national report, in its order (common.documents.excel.SERVICE_ORDER,
#: named here so the window does not load ReportLab and openpyxl before they are needed).
SERVICES = ("cs_admin", "health_center", "primary_school")
#: Statuses a poster prints without being marked as a draft (common.documents.data).
FINAL_STATUSES = frozenset({"approved", "published"})


@dataclass(frozen=True)
class PrintChoices:
    """What a person chose for a document: its language and digits, whether proposed
    standards (not yet official national ones) are printed, and for a poster the paper
    size and whether a form not yet approved prints (marked as a draft)."""

    language: str = "km"
    digits: str = "khmer"
    size: str = "A3"
    any_status: bool = False
    proposed_standards: bool = True

    def options(self, document: str) -> DocumentOptions:
        """The builders' options for a poster or a blank form (always A4)."""
        from common.documents import DocumentOptions

        # The choices' combo boxes offer only the values these Literal types allow.
        return DocumentOptions(language=self.language,  # type: ignore[arg-type]  # see above
                               digits=self.digits,  # type: ignore[arg-type]  # see above
                               page_size="A4" if document == "form"
                               else self.size,  # type: ignore[arg-type]  # see above
                               proposed_standards=self.proposed_standards)


@dataclass(frozen=True)
class ChosenUnit:
    """The unit and year a single document is printed for, and its form's status (None:
    no form that year on this computer)."""

    code: str
    name_km: str
    name_en: str
    year: int
    status: str | None

    def title(self, language: str) -> str:
        """Code, name in `language` and year, as a person recognises the unit."""
        return f"{self.code} {self.name_km if language == 'km' else self.name_en} · " \
               f"{in_digits(self.year, language)}"


@dataclass(frozen=True)
class BatchChoices:
    """A batch: the area, year, document, one file or one per unit, and the options."""

    area: str
    year: int
    document: str
    one_file: bool
    print: PrintChoices


@dataclass(frozen=True)
class ExportChoices:
    """An export: the year, one service or all (None), an area or all units (None), and
    whether proposed standards are judged too."""

    year: int
    service: str | None
    scope: str | None
    proposed_standards: bool = True


def _buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    # Our own button texts: Qt ships no Khmer for its standard buttons.
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok, cancel


def _choose(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class DocumentOptionsBox(QWidget):
    """The choices every printed document offers: language, digits and leaving proposed
    standards out; for a poster also the paper size and whether forms not yet approved
    print (marked as a draft)."""

    def __init__(self, choices: PrintChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem("", code)
        self.digits = QComboBox(self)
        for code in DIGITS:
            self.digits.addItem("", code)
        self.paper_size = QComboBox(self)
        for code in POSTER_SIZES:
            self.paper_size.addItem("", code)
        self.any_status = QCheckBox(self)
        self.official_only = QCheckBox(self)
        self.language_label, self.digits_label, self.size_label = QLabel(), QLabel(), QLabel()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.digits_label, self.digits)
        self.form.addRow(self.size_label, self.paper_size)
        self.form.addRow(self.any_status)
        self.form.addRow(self.official_only)
        _choose(self.language, choices.language)
        _choose(self.digits, choices.digits)
        _choose(self.paper_size, choices.size)
        self.any_status.setChecked(choices.any_status)
        self.official_only.setChecked(not choices.proposed_standards)
        # Khmer digits go with Khmer text, Arabic with English, unless chosen otherwise.
        self.language.currentIndexChanged.connect(
            lambda _index: _choose(self.digits,
                                   "arabic" if self.language.currentData() == "en" else "khmer"))
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.language_label.setText(self.tr("Language:"))
        self.digits_label.setText(self.tr("Digits:"))
        self.size_label.setText(self.tr("Paper:"))
        for index, text in enumerate((self.tr("Khmer"), self.tr("English"),
                                      self.tr("Khmer and English"))):
            self.language.setItemText(index, text)
        for index, text in enumerate((self.tr("Khmer digits (០១២៣)"),
                                      self.tr("Arabic digits (0123)"))):
            self.digits.setItemText(index, text)
        for index, text in enumerate((self.tr("A3"), self.tr("A2 (larger, for a wall)"))):
            self.paper_size.setItemText(index, text)
        self.any_status.setText(self.tr("Include forms not yet approved (marked as a draft)"))
        self.official_only.setText(self.tr("Leave out proposed standards"))
        self.official_only.setToolTip(self.tr(
            "Print only official national standards: standards only proposed, not yet "
            "official, are neither printed nor judged met or not met."))

    def set_document(self, document: str) -> None:
        """Offer the poster's choices only for a poster (a blank form is always A4)."""
        poster = document == "poster"
        self.form.setRowVisible(self.paper_size, poster)
        self.form.setRowVisible(self.any_status, poster)

    def choices(self) -> PrintChoices:
        """What is chosen now."""
        return PrintChoices(language=str(self.language.currentData()),
                            digits=str(self.digits.currentData()),
                            size=str(self.paper_size.currentData()),
                            any_status=self.any_status.isChecked(),
                            proposed_standards=not self.official_only.isChecked())


class PrintOptionsDialog(QDialog):
    """Before a single poster or blank form: which unit and year, and the options."""

    def __init__(self, document: str, unit: ChosenUnit, choices: PrintChoices,
                 language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.unit, self.language = document, unit, language
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        for label in (self.heading, self.note):
            label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        self.options = DocumentOptionsBox(choices, self)
        self.options.set_document(document)
        self.buttons, self.ok_button, self.cancel_button = _buttons(self)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.options, self.note, self.buttons):
            layout.addWidget(widget)
        self.options.any_status.toggled.connect(lambda _checked: self._update_note())
        self.retranslate()
        size_to_content(self)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        poster = self.document == "poster"
        self.setWindowTitle(self.tr("Print poster") if poster else self.tr("Print blank form"))
        set_wrapped(self.heading, (self.tr("The I4C poster of {0}") if poster else
                                   self.tr("The blank form of {0}")).format(
            self.unit.title(self.language)))
        self.ok_button.setText(self.tr("Preview…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.options.retranslate()
        self._update_note()

    def _update_note(self) -> None:
        draft = (self.document == "poster" and self.unit.status is not None
                 and self.unit.status not in FINAL_STATUSES)
        self.note.setVisible(draft)
        if not draft:
            return
        status = status_text(self.unit.status)
        set_wrapped(self.note, (
            self.tr("This form is {0}, not yet approved: the poster carries a red \"draft\" "
                    "band.").format(status) if self.options.any_status.isChecked() else
            self.tr("This form is {0}, not yet approved: a poster is printed from an "
                    "approved form, unless you include forms not yet approved.").format(status)))
        size_to_content(self, grow_only=True)  # the other note may need another line

    def choices(self) -> PrintChoices:
        """The options chosen."""
        return self.options.choices()


class BatchDialog(QDialog):
    """A batch: a district or commune, the year, posters or blank forms, one file or one
    per unit, and the documents' options."""

    def __init__(self, areas: list[Area], years: list[int], area: str, year: int,
                 choices: PrintChoices, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = QComboBox(self)
        for found in areas:
            name = found.name_km if language == "km" else found.name_en
            indent = "    " if len(found.code) == 6 else ""
            self.area.addItem(f"{indent}{name} ({found.code})", found.code)
        _choose(self.area, area)
        self.year = QComboBox(self)
        for value in years:
            self.year.addItem(in_digits(value, language), value)
        _choose(self.year, year)
        self.document = QComboBox(self)
        for code in DOCUMENTS:
            self.document.addItem("", code)
        self.output = QComboBox(self)
        for one_file in (True, False):
            self.output.addItem("", one_file)
        self.options = DocumentOptionsBox(choices, self)
        self.labels = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.area, self.year, self.document,
                                               self.output), strict=True):
            form.addRow(label, widget)
        self.buttons, self.ok_button, self.cancel_button = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.options)
        layout.addWidget(self.buttons)
        self.document.currentIndexChanged.connect(
            lambda _index: self.options.set_document(str(self.document.currentData())))
        self.options.set_document(DOCUMENTS[0])
        self.retranslate()
        size_to_content(self)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.setWindowTitle(self.tr("Print a batch"))
        for label, text in zip(self.labels, (self.tr("District or commune:"), self.tr("Year:"),
                                             self.tr("Document:"), self.tr("Files:")),
                               strict=True):
            label.setText(text)
        self.document.setItemText(0, self.tr("I4C posters"))
        self.document.setItemText(1, self.tr("Blank forms"))
        self.output.setItemText(0, self.tr("All in one PDF file"))
        self.output.setItemText(1, self.tr("One PDF file per unit, in a folder"))
        self.ok_button.setText(self.tr("Choose where to save…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.options.retranslate()

    def choices(self) -> BatchChoices:
        """What is chosen."""
        return BatchChoices(area=str(self.area.currentData()), year=int(self.year.currentData()),
                            document=str(self.document.currentData()),
                            one_file=bool(self.output.currentData()),
                            print=self.options.choices())


class ExportDialog(QDialog):
    """The national Excel report of this computer's units: year, service and area."""

    def __init__(self, areas: list[Area], years: list[int], scope: str, year: int,
                 language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = QComboBox(self)
        for value in years:
            self.year.addItem(in_digits(value, language), value)
        _choose(self.year, year)
        self.service = QComboBox(self)
        self.service.addItem("", None)
        for kind in SERVICES:
            self.service.addItem(kind_text(kind, language), kind)
        self.scope = QComboBox(self)
        self.scope.addItem("", None)
        for found in areas:
            name = found.name_km if language == "km" else found.name_en
            indent = "    " * (len(found.code) // 2 - 1)
            self.scope.addItem(f"{indent}{name} ({found.code})", found.code)
        if scope:
            _choose(self.scope, scope)
        self.labels = [QLabel(self) for _ in range(3)]
        self.official_only = QCheckBox(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.year, self.service, self.scope),
                                 strict=True):
            form.addRow(label, widget)
        self.buttons, self.ok_button, self.cancel_button = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.official_only)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.note.setSizePolicy(QSizePolicy.Policy.Preferred,
                                QSizePolicy.Policy.MinimumExpanding)
        self.retranslate()
        size_to_content(self)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.setWindowTitle(self.tr("Export to Excel"))
        for label, text in zip(self.labels, (self.tr("Year:"), self.tr("Service:"),
                                             self.tr("Area:")), strict=True):
            label.setText(text)
        self.service.setItemText(0, self.tr("All services"))
        self.scope.setItemText(0, self.tr("All my units"))
        self.official_only.setText(self.tr("Leave out proposed standards"))
        self.official_only.setToolTip(self.tr(
            "Judge only official national standards: for standards only proposed, not yet "
            "official, no met or not met is written."))
        set_wrapped(self.note, self.tr("The national report's workbook, from the figures on "
                                       "this computer (changes not yet sent included). No "
                                       "personal data: names and phone numbers are left out."))
        self.ok_button.setText(self.tr("Choose where to save…"))
        self.cancel_button.setText(self.tr("Cancel"))

    def choices(self) -> ExportChoices:
        """What is chosen."""
        service, scope = self.service.currentData(), self.scope.currentData()
        return ExportChoices(year=int(self.year.currentData()),
                             service=str(service) if service else None,
                             scope=str(scope) if scope else None,
                             proposed_standards=not self.official_only.isChecked())
