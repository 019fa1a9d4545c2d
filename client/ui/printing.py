"""The Documents menu of the main window: a unit's blank form or I4C poster shown in the
print preview, a batch of them for a commune or district, and the national Excel report
of the units on this computer.

Documents and workbooks are built off the GUI thread by the operation runner, with the
same calls as `isaf-desk print` and `isaf-desk export` (client/documents.py,
client/exports.py); ReportLab loads with the first document, not with the window. A batch
or an export shows its progress and stops when cancelled: a one-file batch and a workbook
then leave no file, a batch of one file per unit keeps the files already written.

The work reports back from another thread, later, when the window that asked may be
closing, or its progress window closed by the person: every report checks that what it
touches still exists (`while_alive`, `ProgressWindow.accepts_reports`), and the progress
window never runs the event loop from inside a report (QProgressDialog does, which let
the end of an export delete the dialog under a progress report: a crash).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from client.context import AppContext
from client.operations import Handle, Work
from client.qt import (
    QAction,
    QCloseEvent,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QObject,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    isValid,
)
from client.store import entry, overview
from client.store.errors import StoreError
from client.store.overview import UnitRow
from client.ui.document_dialogs import (
    FINAL_STATUSES,
    BatchChoices,
    BatchDialog,
    ChosenUnit,
    ExportChoices,
    ExportDialog,
    PrintChoices,
    PrintOptionsDialog,
)
from client.ui.navigator import Navigator, status_text
from client.ui.post_on import in_digits
from client.ui.sync_dialog import (
    help_desk,
    plain_file_error,
    plain_store_error,
    while_alive,
)
from client.ui.text import set_wrapped

log = logging.getLogger(__name__)


class ProgressWindow(QDialog):
    """The progress of a batch or an export: what is being done, a bar, and Cancel.

    Closing it (its close button, Escape) cancels, like Cancel. Not a QProgressDialog:
    its setValue runs the event loop when it is modal, so a report from the worker could
    run the end of the work, which closes and deletes the dialog, while setValue was
    still inside it. Here showing a figure only shows it."""

    #: Cancel was asked for (once).
    canceled = Signal()

    def __init__(self, title: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                 QSizePolicy.Policy.MinimumExpanding)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self._canceled = False
        #: The work ended: nothing more is shown, and closing cancels nothing.
        self._ended = False

    def wasCanceled(self) -> bool:  # noqa: N802 - QProgressDialog's name
        """True once Cancel was asked for."""
        return self._canceled

    def accepts_reports(self) -> bool:
        """Whether a progress report may still be shown here."""
        return not (self._ended or self._canceled) and self.isVisible()

    def cancel(self) -> None:
        """Ask the work to stop (it stops after the unit being written)."""
        if self._canceled or self._ended:
            return
        self._canceled = True
        self.cancel_button.setEnabled(False)
        self.canceled.emit()

    def reject(self) -> None:
        """Escape or the close button: cancel, and close."""
        self.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        """Closing the window cancels the work."""
        self.cancel()
        super().closeEvent(event)

    def show_progress(self, done: int, total: int, text: str) -> None:
        """Show how far the work is, in the digits of the interface language."""
        if not self.accepts_reports():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        share = round(100 * self.bar.value() / self.bar.maximum())
        self.bar.setFormat(f"{in_digits(share, self.language)}%")
        set_wrapped(self.label, text)

    def end(self) -> None:
        """The work ended: close for good, cancelling nothing."""
        self._ended = True
        self.hide()
        self.deleteLater()


class Printing(QObject):
    """The Documents menu: its actions, whether each may run now (and why not), and the
    work behind them, run by the operation runner."""

    #: A print preview opened (the PrintPreview).
    preview_opened = Signal(object)
    #: An action ended: which ("poster", "form", "batch", "excel"), whether it did its
    #: work, and what the person was told.
    finished = Signal(str, bool, str)

    def __init__(self, window: QMainWindow, context: AppContext, navigator: Navigator,
                 tab_form_id: Callable[[], str | None]) -> None:
        """`window`: the main window (its dialogs' parent, its status bar tells the
        progress); `tab_form_id`: the form of the window's current tab, if it shows one."""
        super().__init__(window)
        self.window = window
        self.context = context
        self.navigator = navigator
        self.tab_form_id = tab_form_id
        #: The options of the last document, offered again next time.
        self.last_choices = PrintChoices()
        #: A single document being built (its actions wait).
        self._building = False
        #: The dialog asking for options, and the progress of a batch or export, if any.
        self.dialog: QDialog | None = None
        self.progress: ProgressWindow | None = None
        self.actions: dict[str, QAction] = {}
        for name, handler in (("poster", lambda: self.print_document("poster")),
                              ("form", lambda: self.print_document("form")),
                              ("batch", self.print_batch), ("excel", self.export_excel)):
            action = QAction(self)
            action.triggered.connect(handler)
            self.actions[name] = action

    def retranslate(self) -> None:
        """The actions' names in the interface language."""
        for name, text in (("poster", self.tr("Print poster…")),
                           ("form", self.tr("Print blank form…")),
                           ("batch", self.tr("Print a batch…")),
                           ("excel", self.tr("Export to Excel…"))):
            self.actions[name].setText(text)
        self.update_actions()

    def menu_title(self) -> str:
        """The menu's name."""
        return self.tr("Documents")

    @property
    def _language(self) -> str:
        return self.context.settings.language

    def _n(self, number: int) -> str:
        """A count or a year inside a sentence, in the digits of the interface language."""
        return in_digits(number, self._language)

    def _role(self) -> str | None:
        session = self.context.session
        return session.role if session is not None else None

    def _tell_status(self, text: str, milliseconds: int = 15_000) -> None:
        """Say what is happening in the window's status bar (as MainWindow.tell does)."""
        self.window.statusBar().showMessage(text, milliseconds)

    def _tell(self, title: str, text: str) -> None:
        self.context.interaction.inform(self.window, title, text)

    # ------------------------------------------------------------------ state

    def chosen_unit(self) -> ChosenUnit | None:
        """The unit of the form in the current tab, or the one selected in the navigator
        with the navigator's year."""
        session = self.context.session
        if session is None:
            return None
        form_id = self.tab_form_id()
        if form_id:
            header = entry.form_header(session.store, str(form_id))
            if header is not None:
                return ChosenUnit(header.unit_code, header.unit_name_km, header.unit_name_en,
                                  header.year, header.status)
        row: UnitRow | None = self.navigator.selected()
        if row is None:
            return None
        return ChosenUnit(row.code, row.name_km, row.name_en, self.navigator.model.year,
                          row.status)

    def action_state(self, name: str, *, unit: ChosenUnit | None = None) -> tuple[bool, str]:
        """Whether action `name` may run now, and its tooltip: what it does, or why not.
        `unit`: the chosen unit when already known."""
        if self.context.session is None:
            return False, ""
        if name in ("batch", "excel"):
            if self.navigator.scope is None:
                return False, self.tr("The units on this computer are still being read…")
            if not self.navigator.model.counts("")[1]:
                return False, self.tr("There are no units on this computer yet: sync first.")
            if self.progress is not None and isValid(self.progress):
                return False, self.tr("A batch or an export is being written…")
            if name == "batch":
                return True, self.tr("Print the posters or blank forms of every unit of a "
                                     "district or commune, into one file or one file per "
                                     "unit.")
            return True, self.tr("Write the national report's Excel workbook from the figures "
                                 "on this computer.")
        if self._building:
            return False, self.tr("A document is being prepared…")
        if self.progress is not None and isValid(self.progress):
            return False, self.tr("A batch or an export is being written…")
        unit = unit or self.chosen_unit()
        if unit is None:
            return False, self.tr("Choose a unit in the list first.")
        title = unit.title(self._language)
        if name == "form":
            return True, self.tr("The blank data-collection form of {0}, to print and fill "
                                 "in by hand.").format(title)
        if unit.status is None:
            return False, self.tr("{0}: no form on this computer, so no poster (a poster "
                                  "shows a form's figures).").format(title)
        if unit.status not in FINAL_STATUSES:
            return True, self.tr("The I4C poster of {0}. Its form is {1}, not yet approved: "
                                 "it prints only marked as a draft.").format(
                title, status_text(unit.status))
        return True, self.tr("The I4C poster of {0}: which standards are met, "
                             "for the notice board.").format(title)

    def update_actions(self) -> None:
        """Enable each action only when it can run now; the tooltip says why not."""
        unit = self.chosen_unit()
        for name, action in self.actions.items():
            enabled, why = self.action_state(name, unit=unit)
            action.setEnabled(enabled)
            action.setToolTip(why)
            action.setStatusTip(why)

    def _refuse(self, name: str) -> bool:
        enabled, why = self.action_state(name)
        if not enabled and why:
            self._tell(self.actions[name].text().rstrip("…"), why)
        return not enabled

    # ------------------------------------------------------------------ one document

    def print_document(self, document: str) -> PrintOptionsDialog | None:
        """Ask for the options of the chosen unit's poster or blank form; then build it off
        the GUI thread and show it in the print preview."""
        if self._refuse(document):
            return None
        unit = self.chosen_unit()
        assert unit is not None
        dialog = PrintOptionsDialog(document, unit, self.last_choices, self._language,
                                    self.window)
        dialog.accepted.connect(lambda: self.build(document, unit, dialog.choices()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def build(self, document: str, unit: ChosenUnit, choices: PrintChoices) -> Handle | None:
        """Build the document off the GUI thread, then open the preview."""
        session = self.context.session
        if session is None:
            return None
        self.last_choices = choices
        store = session.store
        self._building = True
        self.update_actions()
        self._tell_status(self.tr("Preparing the document of {0}…").format(
            unit.title(self._language)), 0)

        def run(_work: Work) -> bytes:
            from client import documents

            options = choices.options(document)
            if document == "form":
                return documents.write_form(store, unit.code, unit.year, options)
            return documents.write_poster(store, unit.code, unit.year, options,
                                          any_status=choices.any_status)

        return self.context.operations.run(
            run, on_done=while_alive(self, lambda pdf: self._show(document, unit, pdf)),
            on_error=while_alive(self, lambda error: self._not_built(document, unit, choices,
                                                                     error)))

    def _built(self) -> None:
        self._building = False
        self.window.statusBar().clearMessage()
        self.update_actions()

    def _show(self, document: str, unit: ChosenUnit, pdf: bytes) -> None:
        from client.ui.print_preview import PrintPreview

        self._built()
        title = (self.tr("I4C poster · {0}") if document == "poster" else
                 self.tr("Blank form · {0}")).format(unit.title(self._language))
        preview = PrintPreview(pdf, title, f"{unit.code}-{unit.year}-{document}.pdf",
                               self.window, interaction=self.context.interaction)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        self.preview_opened.emit(preview)
        self.finished.emit(document, True, title)

    def _not_built(self, document: str, unit: ChosenUnit, choices: PrintChoices,
                   error: Exception) -> None:
        from client.documents import PrintError

        self._built()
        if isinstance(error, PrintError):
            if document == "poster" and unit.status is not None \
                    and unit.status not in FINAL_STATUSES and not choices.any_status:
                text = self.tr("No poster: the form of {0} is {1}, not yet approved. To print "
                               "it anyway, marked as a draft, tick \"Include forms not yet "
                               "approved\".").format(unit.title(self._language),
                                                     status_text(unit.status))
            else:
                text = self.tr("Nothing to print: {0}").format(self.print_error_text(error))
        else:
            text = self.tr("The document could not be made: {0}").format(
                self.failure_text(error))
        self._tell(self.actions[document].text().rstrip("…"), text)
        self.finished.emit(document, False, text)

    def failure_text(self, error: Exception) -> str:
        """Why work of this menu failed, in words with what to do (the details go to the
        log, not to the person)."""
        if isinstance(error, OSError):
            return plain_file_error(error)
        if isinstance(error, StoreError):
            return plain_store_error(error, self._role())
        log.error("printing or exporting failed: %r", error)
        return self.tr("something went wrong. Nothing was changed: try again; if it happens "
                       "again, tell {0} and send them the log file (Help ▸ About shows where "
                       "it is).").format(help_desk(self._role()))

    def print_error_text(self, error: Exception) -> str:
        """Why there is nothing to print, in the interface's language (the error's own
        message, in English, only for a case without words here)."""
        facts = getattr(error, "facts", {})
        year = facts.get("year", "")
        return {
            "no_unit": lambda: self.tr("the unit {0} is not on this computer; sync first"),
            "no_definition": lambda: self.tr("the form definition of {0} is not on this "
                                             "computer yet; sync first"),
            "no_form": lambda: self.tr("{0} has no form for {1} on this computer"),
            "not_approved": lambda: self.tr("the form of {0} for {1} is {2}, not yet "
                                            "approved"),
            "no_units": lambda: self.tr("no unit of the area {0} is on this computer"),
        }.get(getattr(error, "reason", ""), lambda: self._unexplained(error))().format(
            facts.get("area") or facts.get("unit", ""),
            self._n(year) if isinstance(year, int) else year,
            status_text(str(facts.get("status", ""))))

    def _unexplained(self, error: Exception) -> str:
        log.warning("nothing to print, for a reason without words here: %s", error)
        return self.tr("this computer does not have what the document needs; sync first, "
                       "then try again")

    # ------------------------------------------------------------------ progress

    def _progress_dialog(self, title: str) -> ProgressWindow:
        dialog = ProgressWindow(title, self._language, self.window)
        # Closed by us when the work ends, not when the bar is full: a one-file batch
        # still writes its file then.
        set_wrapped(dialog.label, self.tr("Starting…"))
        dialog.cancel_button.setText(self.tr("Cancel"))
        dialog.canceled.connect(self._stopping)
        dialog.show()
        self.progress = dialog
        self.update_actions()
        return dialog

    def _stopping(self) -> None:
        self._tell_status(self.tr("Stopping…"), 0)

    def _advance(self, dialog: ProgressWindow, done: int, total: int, text: str) -> None:
        # A report may come after the person closed the window, or after the work's end
        # deleted it: it is then dropped, never shown on a window that is gone.
        if isValid(dialog) and dialog.accepts_reports():
            dialog.show_progress(done, total, text)

    def _end_progress(self, dialog: ProgressWindow) -> None:
        if isValid(dialog):
            dialog.end()
        if self.progress is dialog:
            self.progress = None
        self.window.statusBar().clearMessage()
        self.update_actions()

    # ------------------------------------------------------------------ batch

    def print_batch(self) -> BatchDialog | None:
        """Ask for a batch's area, year, document and options; then where to save it."""
        session = self.context.session
        if session is None or self._refuse("batch"):
            return None
        navigator = self.navigator
        areas = [a for a in overview.areas(session.store) if len(a.code) in (4, 6)]
        chosen = navigator.model.area
        if len(chosen) not in (4, 6):
            chosen = next((a.code for a in areas if a.code.startswith(chosen)), "")
        years = [int(navigator.year.itemData(i)) for i in range(navigator.year.count())]
        dialog = BatchDialog(areas, years or [navigator.model.year], chosen,
                             navigator.model.year, self.last_choices, self._language,
                             self.window)
        dialog.accepted.connect(lambda: self._batch_chosen(dialog.choices()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _batch_chosen(self, choices: BatchChoices) -> None:
        self.last_choices = choices.print
        name = f"{'posters' if choices.document == 'poster' else 'forms'}-{choices.area}-" \
               f"{choices.year}"
        if choices.one_file:
            chosen = self.context.interaction.save_path(
                self.window, self.tr("Save the batch as"), str(Path.home() / f"{name}.pdf"),
                self.tr("PDF documents (*.pdf)"))
            if chosen is not None and not chosen.name.lower().endswith(".pdf"):
                chosen = chosen.with_name(chosen.name + ".pdf")
        else:
            chosen = self.context.interaction.folder(
                self.window, self.tr("Choose the folder for the files"), str(Path.home()))
        if chosen is not None:
            self.run_batch(choices, chosen)

    def run_batch(self, choices: BatchChoices, out: Path) -> Handle | None:
        """Print the batch into `out` (a file, or a folder for one file per unit) off the
        GUI thread, with progress and Cancel; a summary at the end."""
        session = self.context.session
        if session is None:
            return None
        store = session.store
        title = self.tr("Print a batch")
        dialog = self._progress_dialog(title)
        seen = [0, 0]  # units done, of all

        def run(work: Work) -> tuple[Any, list[UnitRow | str]]:
            from client import documents

            def tell(done: int, total: int, label: str) -> bool:
                work.progress(label, done, total)
                return not work.cancelled()

            result = documents.write_batch_for_area(
                store, choices.area, choices.year, out, document=choices.document,
                one_file=choices.one_file, options=choices.print.options(choices.document),
                any_status=choices.print.any_status, progress=tell)
            # Why a unit was skipped is its form's status that year (or having none).
            rows = {row.code: row for row in overview.unit_rows(store, choices.year)}
            codes = [name.rsplit("-", 2)[0] for name in result.skipped]
            return result, [rows.get(code, code) for code in codes]

        def advance(label: str, done: int, total: int) -> None:
            seen[:] = [done, total]
            text = (self.tr("Writing the file…") if done == total and choices.one_file else
                    self.tr("{0} of {1} unit(s): {2}").format(self._n(done), self._n(total),
                                                              label))
            self._advance(dialog, done, total, text)

        def done(outcome: tuple[Any, list[UnitRow | str]]) -> None:
            self._end_progress(dialog)
            result, skipped = outcome
            text = self.batch_summary(choices, out, len(result.printed), skipped)
            self._tell(title, text)
            self.finished.emit("batch", True, text)

        def failed(error: Exception) -> None:
            from client.documents import PrintError
            from common.documents import DocumentCancelled

            self._end_progress(dialog)
            if isinstance(error, DocumentCancelled):
                text = " ".join((
                    self.tr("The batch was cancelled after {0} of {1} unit(s).").format(
                        *(self._n(n) for n in seen))
                    if seen[1] else self.tr("The batch was cancelled."),
                    self.tr("Nothing was written.") if choices.one_file else
                    self.tr("The files already written are in {0}.").format(out)))
            elif isinstance(error, PrintError):
                text = self.tr("Nothing to print: {0}").format(self.print_error_text(error))
            elif isinstance(error, OSError):
                text = self.tr("The files could not be written: {0}").format(
                    plain_file_error(error))
            else:
                text = self.tr("The batch stopped: {0}").format(self.failure_text(error))
            self._tell(title, text)
            self.finished.emit("batch", False, text)

        handle = self.context.operations.run(
            run, on_done=while_alive(self, done), on_error=while_alive(self, failed),
            on_progress=while_alive(self, advance))
        dialog.canceled.connect(handle.cancel)
        return handle

    def batch_summary(self, choices: BatchChoices, out: Path, printed: int,
                      skipped: list[UnitRow | str]) -> str:
        """What a batch printed and, for each unit skipped, why."""
        lines = [self.tr("Printed {0} unit(s) into {1}.").format(self._n(printed), out)
                 if printed else self.tr("Nothing was printed, so no file was written.")]
        if skipped:
            lines.append(self.tr("Skipped {0} unit(s):").format(self._n(len(skipped))))
            for row in skipped:
                if isinstance(row, str):
                    lines.append(f"• {row}")
                    continue
                name = row.name_km if self._language == "km" else row.name_en
                why = (self.tr("no form for {0} on this computer").format(
                    self._n(choices.year))
                       if row.status is None else
                       self.tr("its form is {0}, not yet approved").format(
                           status_text(row.status)))
                lines.append(f"• {row.code} {name}: {why}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ export

    def export_excel(self) -> ExportDialog | None:
        """Ask for the export's year, service and area; then where to save it."""
        session = self.context.session
        if session is None or self._refuse("excel"):
            return None
        navigator = self.navigator
        years = [int(navigator.year.itemData(i)) for i in range(navigator.year.count())]
        dialog = ExportDialog(overview.areas(session.store), years or [navigator.model.year],
                              navigator.model.area, navigator.model.year, self._language,
                              self.window)
        dialog.accepted.connect(lambda: self._export_chosen(dialog.choices()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _export_chosen(self, choices: ExportChoices) -> None:
        name = f"isaf-{choices.year}-{choices.scope or 'all'}" \
               f"{'-' + choices.service if choices.service else ''}.xlsx"
        chosen = self.context.interaction.save_path(
            self.window, self.tr("Export to Excel"), str(Path.home() / name),
            self.tr("Excel workbooks (*.xlsx)"))
        if chosen is not None:
            path = str(chosen)
            self.run_export(choices, Path(path if path.lower().endswith(".xlsx")
                                          else path + ".xlsx"))

    def run_export(self, choices: ExportChoices, path: Path) -> Handle | None:
        """Write the workbook off the GUI thread, with progress and Cancel (a cancelled
        export leaves no file); a summary at the end."""
        session = self.context.session
        if session is None:
            return None
        store = session.store
        title = self.tr("Export to Excel")
        dialog = self._progress_dialog(title)

        def run(work: Work) -> Any:
            from client.exports import export_local

            return export_local(store, path, year=choices.year, service=choices.service,
                                scope=choices.scope,
                                proposed_standards=choices.proposed_standards,
                                progress=lambda done, total: work.progress("", done, total),
                                cancelled=work.cancelled)

        def advance(_label: str, done: int, total: int) -> None:
            self._advance(dialog, done, total, self.tr("{0} of {1} unit(s) written").format(
                self._n(done), self._n(total)))

        def done(result: Any) -> None:
            self._end_progress(dialog)
            text = self.tr("Wrote {0} unit(s) and {1} form(s) of {2} to {3}.").format(
                self._n(result.units), self._n(result.forms), self._n(choices.year), path)
            self._tell(title, text)
            self.finished.emit("excel", True, text)

        def failed(error: Exception) -> None:
            from client.exports import LocalExportError
            from common.documents.excel import ExportCancelledError

            self._end_progress(dialog)
            if isinstance(error, ExportCancelledError):
                text = self.tr("The export was cancelled. No file was written.")
            elif isinstance(error, LocalExportError):
                text = self.tr("Nothing was exported: {0}").format(self.export_error_text(error))
            elif isinstance(error, OSError):
                text = self.tr("The file could not be written: {0}").format(
                    plain_file_error(error))
            else:
                text = self.tr("The export stopped: {0}").format(self.failure_text(error))
            self._tell(title, text)
            self.finished.emit("excel", False, text)

        handle = self.context.operations.run(
            run, on_done=while_alive(self, done), on_error=while_alive(self, failed),
            on_progress=while_alive(self, advance))
        dialog.canceled.connect(handle.cancel)
        return handle

    def export_error_text(self, error: Exception) -> str:
        """Why this computer cannot make the export asked for, in words."""
        return {
            "year": lambda: self.tr("the year must be between {0} and {1}").format(
                self._n(2015), self._n(2100)),
            "service": lambda: self.tr("this service is not one of the national report's"),
            "scope": lambda: self.tr("this area is not a province, district or commune"),
            "no_definitions": lambda: self.tr("the form definitions are not on this computer "
                                              "yet; sync first"),
        }.get(getattr(error, "reason", ""), lambda: self._unexplained(error))()
