"""One action syncs: a progress bar, a cancel button, and the outcome in plain words.

The sync runs through the operation runner (never on the GUI thread); cancelling stops it
at the next batch or page, keeping what was done. Errors are told as a person would need
them: what happened, and that nothing typed is lost. No stack traces.
"""

from __future__ import annotations

from typing import Any

from client.context import AppContext
from client.operations import Handle, Work
from client.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from client.sync.engine import SyncCancelled, SyncReport
from client.sync.transport import ServerRefusal, TransportError


def plain_error(error: Exception) -> str:
    """What went wrong, for a person, in the interface language."""
    translate = QCoreApplication.translate
    if isinstance(error, SyncCancelled):
        return translate("Sync", "Sync cancelled. What was sent or received so far is kept.")
    if isinstance(error, TransportError):
        return translate("Sync", "The server could not be reached. Your changes are kept on "
                                 "this computer and will be sent next time.")
    if isinstance(error, ServerRefusal):
        if error.status == 401:
            return translate("Sync", "Your sign-in has expired. Sign out and sign in again "
                                     "while connected; your changes are kept.")
        return translate("Sync", "The server refused: {0}. Your changes are kept.").format(
            str(error))
    return translate("Sync", "Sync stopped: {0}. Your changes are kept.").format(str(error))


def plain_report(report: SyncReport) -> str:
    """What a sync did, in a sentence or two."""
    translate = QCoreApplication.translate
    parts = [translate("Sync", "Sent {0} change(s), received {1}.").format(
        report.pushed, report.pulled)]
    held = sum(n for result, n in report.results.items()
               if result in ("rejected_locked", "needs_mapping", "rejected", "rejected_scope"))
    if held:
        parts.append(translate("Sync", "{0} change(s) were held by the server; see sync "
                                       "status.").format(held))
    if report.conflicts:
        parts.append(translate("Sync", "{0} conflict(s) wait for a decision.").format(
            report.conflicts))
    if report.checksum_ok is False:
        parts.append(translate("Sync", "This computer still differs from the server: tell "
                                       "your district office."))
    elif report.checksum_ok is None and report.behind is None:
        parts.append(translate("Sync", "Not compared with the server this time: its data "
                                       "was changing. The next sync compares."))
    if report.behind is not None:
        parts.append(plain_behind(report.behind))
    return " ".join(parts)


def plain_behind(behind: dict[str, Any]) -> str:
    """Why some of the server's changes did not come (a write still in progress there
    holds them back: docs/SYNC.md, "When a sync says changes are not here yet"), and what
    to do."""
    translate = QCoreApplication.translate
    minutes = (behind.get("running_for") or 0) // 60
    if minutes >= 1:
        return translate("Sync", "Some changes on the server are not on this computer yet: "
                                 "the server is still saving another change, begun {0} "
                                 "minute(s) ago. They come with a later sync; if this "
                                 "lasts, tell whoever looks after the server.").format(minutes)
    return translate("Sync", "Some changes on the server are not on this computer yet: the "
                             "server is still saving another change. They come with a later "
                             "sync; if this lasts, tell whoever looks after the server.")


class SyncDialog(QDialog):
    """Runs one sync and shows its progress; closes itself when done."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        for widget in (self.stage, self.bar, self.outcome, self.buttons):
            layout.addWidget(widget)
        self.report: SyncReport | None = None
        self.error: Exception | None = None
        self._handle: Handle | None = None
        self._stage = "connecting"
        # A bound method, not a lambda: Qt drops the connection when the dialog is deleted.
        context.language_changed.connect(self._language_changed)
        self.retranslate()

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language (also while a sync runs)."""
        self.setWindowTitle(self.tr("Sync"))
        names = {"connecting": self.tr("Connecting…"), "push": self.tr("Sending changes"),
                 "pull": self.tr("Receiving changes"), "cancelling": self.tr("Cancelling…"),
                 "finished": self.tr("Sync finished"),
                 "failed": self.tr("Sync did not finish")}
        self.stage.setText(names.get(self._stage, self._stage))
        if self.report is not None:
            self.outcome.setText(plain_report(self.report))
        elif self.error is not None:
            self.outcome.setText(plain_error(self.error))

    def start(self) -> None:
        """Begin the sync (the dialog stays open until it ends)."""
        session = self.context.session
        if session is None:
            return

        def run(work: Work) -> SyncReport:
            return session.engine.sync(progress=work.progress, cancelled=work.cancelled)

        self._handle = self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts", "reference"},
            on_done=self._done, on_error=self._failed, on_progress=self._progress)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self._stage = stage
        self.retranslate()
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _cancel(self) -> None:
        if self._handle is not None and not self._handle.finished:
            self._handle.cancel()
            self._stage = "cancelling"
            self.retranslate()
            return
        self.reject()

    def _finish(self, stage: str) -> None:
        self._stage = stage
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.retranslate()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(self.accept)

    def _done(self, report: Any) -> None:
        self.report = report
        self._finish("finished")

    def _failed(self, error: Exception) -> None:
        self.error = error
        self._finish("failed")
