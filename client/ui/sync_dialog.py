"""One action syncs: a progress bar, a cancel button, and the outcome in plain words.

The sync runs through the operation runner (never on the GUI thread); cancelling stops it
at the next batch or page, keeping what was done. Errors are told as a person would need
them: what happened, that nothing typed is lost, and what to do next. No stack traces,
no raw error text: what only a technician needs goes to the log.

The plain-words helpers here (`plain_error`, `plain_report`, `plain_file_error`,
`plain_store_error`, `help_desk`) are shared by the screens that report on work done
off the GUI thread, and so is `while_alive`, which keeps such a report from reaching a
window that was closed meanwhile.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from typing import Any

from client.context import AppContext
from client.i18n import current_language
from client.operations import Handle, Work
from client.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QGuiApplication,
    QLabel,
    QObject,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    isValid,
)
from client.store.errors import StoreError, StoreUnavailableError
from client.sync.engine import SyncCancelled, SyncReport
from client.sync.transport import LinkProblem, ServerRefusal, TransportError
from client.ui.help_texts import help_desk
from client.ui.post_on import in_digits
from client.ui.problem_texts import link_problem_text, store_problem_text
from client.ui.text import set_wrapped
from common.sync.protocol import ProtocolError

log = logging.getLogger(__name__)


def _language() -> str:
    """The interface language now (the digits of a sentence follow it)."""
    app = QCoreApplication.instance()
    return current_language(app) if app is not None else "en"


def _n(number: int) -> str:
    """A count inside a sentence, in the digits of the interface language."""
    return in_digits(number, _language())


#: The refusals that say one side must be upgraded before this computer can sync.
_UPGRADE_CODES = frozenset({"unsupported_protocol", "client_too_old", "server_too_old"})


def upgrade_text(code: str, role: str | None = None) -> str:
    """What a person does when client and server speak no protocol version in common:
    `code` "server_too_old" when the server must be upgraded, else this application."""
    translate = QCoreApplication.translate
    if code == "server_too_old":
        return translate("Sync", "The server is older than this version of ISAF Desk, so "
                                 "this computer cannot sync with it yet. Your changes are "
                                 "kept here and nothing was sent: tell {0} that the server "
                                 "must be upgraded. You can keep working offline.").format(
            help_desk(role))
    return translate("Sync", "This version of ISAF Desk is too old for the server. Your "
                             "changes are kept and nothing was sent: ask {0} for the new "
                             "version, install it, then sync. You can keep working "
                             "offline.").format(help_desk(role))


def plain_error(error: Exception, role: str | None = None) -> str:
    """What went wrong, for a person with `role`, in the interface language."""
    translate = QCoreApplication.translate
    if isinstance(error, SyncCancelled):
        return translate("Sync", "Sync cancelled. What was sent or received so far is kept.")
    if isinstance(error, TransportError):
        if error.server and error.problem is not LinkProblem.CUT:
            # Which kind of failure, as the sign-in screen says it: a mistyped address is
            # told from a cut link.
            return link_problem_text(error.problem, error.server) + " " + translate(
                "Sync", "Your changes are kept on this computer and will be sent next time.")
        return translate("Sync", "The server could not be reached. Your changes are kept on "
                                 "this computer and will be sent next time.")
    if isinstance(error, ServerRefusal | ProtocolError) and error.code in _UPGRADE_CODES:
        return upgrade_text(error.code, role)
    if isinstance(error, ServerRefusal):
        if error.status == 401:
            return translate("Sync", "Your sign-in has expired. Sign out and sign in again "
                                     "while connected; your changes are kept.")
        log.warning("the server refused: %s %s %s", error.status, error.code, error)
        if error.status == 403:
            return translate("Sync", "The server refused: your account may not do this "
                                     "(your role or your area changed, perhaps). Your changes "
                                     "are kept. Sign out and sign in again while connected; "
                                     "if it persists, ask {0}.").format(help_desk(role))
        return translate("Sync", "The server refused this sync. Your changes are kept on "
                                 "this computer. Sync again later; if it persists, tell "
                                 "{0}.").format(help_desk(role))
    if isinstance(error, StoreError):
        return plain_store_error(error, role)
    if isinstance(error, OSError):
        return plain_file_error(error)
    log.error("sync stopped: %r", error)
    return translate("Sync", "Sync stopped before the end. Your changes are kept on this "
                             "computer. Sync again; if it happens again, tell {0}.").format(
        help_desk(role))


def plain_store_error(error: StoreError, role: str | None = None) -> str:
    """Why this computer's own data could not be used or changed, in words: the data
    file's trouble (gone, read-only, damaged, disk full) said as the sign-in screen and
    the form say it, with what to do."""
    if isinstance(error, StoreUnavailableError):
        return store_problem_text(error)
    log.warning("refused by the local store: %s", error)
    return QCoreApplication.translate(
        "Messages", "This computer's data did not allow it, and nothing was changed. Sync, "
                    "then try again; if it persists, tell {0}.").format(help_desk(role))


def plain_file_error(error: OSError) -> str:
    """Why a file could not be read or written, in words, with what to do."""
    translate = QCoreApplication.translate
    name = str(error.filename or "")
    number = error.errno
    if number in (errno.EACCES, errno.EPERM):
        return translate("Messages", "You may not write or read here ({0}). Choose another "
                                     "place, such as your Documents folder.").format(name)
    if number == errno.EROFS:
        return translate("Messages", "This place cannot be written to ({0}): the disk or USB "
                                     "stick is read-only. Choose another place, or remove the "
                                     "stick's write protection.").format(name)
    if number == errno.ENOSPC:
        return translate("Messages", "The disk or USB stick is full ({0}). Free some space, or "
                                     "choose another place.").format(name)
    if number in (errno.ENOENT, errno.ENOTDIR):
        return translate("Messages", "This file or folder is not there ({0}): the USB stick "
                                     "may have been taken out. Put it back, or choose another "
                                     "place.").format(name)
    if number == errno.EISDIR:
        return translate("Messages", "This is a folder, not a file ({0}). Choose a file.").format(
            name)
    log.warning("file error: %r", error)
    return translate("Messages", "The file could not be read or written ({0}). Check that "
                                 "the disk or USB stick is still there, or choose another "
                                 "place.").format(name)


def while_alive(owner: QObject, callback: Callable[..., Any]) -> Callable[..., None]:
    """`callback`, run only while `owner` still exists.

    Work done off the GUI thread reports back later, when the window or dialog that asked
    may have been closed and deleted: touching it then crashes the application or raises
    "already deleted". Every callback of such work goes through this."""
    def call(*args: Any) -> None:
        if isValid(owner):
            callback(*args)
        else:
            log.info("a report arrived for a closed window: %s", getattr(
                callback, "__name__", callback))

    return call


def size_to_content(window: QWidget, *, characters: int = 0, grow_only: bool = False) -> None:
    """Give a window the size its texts need: as wide as its layout asks (at least
    `characters` average characters; at most two thirds of the screen, as Qt allows a
    window), and as tall as its wrapped labels need at that width.

    Qt sizes a window from its layout's size hint, whose height does not count the lines
    a wrapped label needs at the width the window finally gets: a long text at a large
    text size then lost its last lines. `grow_only` keeps a size the person chose when
    it is large enough already."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    screen = window.screen() or QGuiApplication.primaryScreen()
    widest = screen.availableGeometry().width() * 2 // 3 if screen is not None else 10**4
    wanted = max(layout.totalSizeHint().width(),
                 window.fontMetrics().averageCharWidth() * characters)
    width = max(min(wanted, widest), window.minimumWidth(), layout.totalMinimumSize().width())
    if grow_only:
        width = max(width, window.width())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    height = max(height, layout.totalMinimumSize().height(), window.minimumHeight())
    if grow_only:
        if width > window.width() or height > window.height():
            window.resize(max(width, window.width()), max(height, window.height()))
        return
    window.resize(width, height)


def plain_report(report: SyncReport, role: str | None = None) -> str:
    """What a sync did, in a sentence or two, for a person with `role`."""
    translate = QCoreApplication.translate
    parts = [translate("Sync", "Sent {0} change(s), received {1}.").format(
        _n(report.pushed), _n(report.pulled))]
    held = sum(n for result, n in report.results.items()
               if result in ("rejected_locked", "needs_mapping", "rejected", "rejected_scope"))
    if held:
        parts.append(translate("Sync", "{0} change(s) were held by the server; see Sync ▸ "
                                       "Held changes… when connected.").format(_n(held)))
    if report.conflicts:
        parts.append(translate("Sync", "{0} conflict(s) wait for a decision.").format(
            _n(report.conflicts)))
    if report.checksum_ok is False:
        parts.append(translate("Sync", "This computer still differs from the server: sync "
                                       "again; if it persists, tell {0}.").format(
            help_desk(role)))
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
                                 "lasts, tell whoever looks after the server.").format(
            _n(minutes))
    return translate("Sync", "Some changes on the server are not on this computer yet: the "
                             "server is still saving another change. They come with a later "
                             "sync; if this lasts, tell whoever looks after the server.")


class SyncDialog(QDialog):
    """Runs one sync and shows its progress; closes itself when done.

    The dialog sizes itself to what it says: the outcome wraps (Khmer between words) and
    the dialog grows to show every line of it, at any text size and in both languages,
    instead of keeping the size it had before the outcome was known."""

    #: The outcome wraps at about this many average characters, so a sentence reads as a
    #: few lines rather than one line as wide as the screen.
    LINE_CHARACTERS = 60

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first figures arrive
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        # Wrapped text must be given its height for its width: a preferred-size policy
        # vertically would let the layout squeeze it to one line and clip the rest.
        self.outcome.setSizePolicy(QSizePolicy.Policy.Preferred,
                                   QSizePolicy.Policy.MinimumExpanding)
        self.outcome.hide()  # nothing to say until the sync ends
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
        self._set_widths()
        self.retranslate()
        size_to_content(self)  # its own size, from its texts

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    @property
    def _role(self) -> str | None:
        session = self.context.session
        return session.role if session is not None else None

    def retranslate(self) -> None:
        """Texts in the interface language (also while a sync runs)."""
        self.setWindowTitle(self.tr("Sync"))
        names = {"connecting": self.tr("Connecting…"), "push": self.tr("Sending changes"),
                 "pull": self.tr("Receiving changes"), "cancelling": self.tr("Cancelling…"),
                 "finished": self.tr("Sync finished"),
                 "failed": self.tr("Sync did not finish")}
        self.stage.setText(names.get(self._stage, self._stage))
        if self.report is not None:
            set_wrapped(self.outcome, plain_report(self.report, self._role))
        elif self.error is not None:
            set_wrapped(self.outcome, plain_error(self.error, self._role))
        self.outcome.setVisible(bool(self.outcome.text()))
        self._show_percent()
        self.fit_to_content()

    # ------------------------------------------------------------------ size

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new text size: new widths, and a size that fits the texts again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._set_widths()
            self.fit_to_content()

    def _set_widths(self) -> None:
        # From the font, so a larger text size gives a wider dialog rather than more lines;
        # never wider than two thirds of the screen (what Qt allows a window at most).
        average = self.fontMetrics().averageCharWidth()
        screen = self.screen() or QGuiApplication.primaryScreen()
        widest = screen.availableGeometry().width() * 2 // 3 if screen is not None else 10**4
        layout = self.layout()
        margin = (layout.contentsMargins().left() + layout.contentsMargins().right()
                  if layout is not None else 0)
        line = min(average * self.LINE_CHARACTERS, widest - margin)
        self.outcome.setMaximumWidth(line)
        self.setMinimumWidth(min(average * 40, widest))

    def fit_to_content(self) -> None:
        """Grow (never shrink) to show every text whole: the stage, the buttons and each
        line of the outcome at the dialog's width."""
        size_to_content(self, grow_only=True)

    def _show_percent(self) -> None:
        # Qt writes the percentage in Arabic digits whatever the language.
        if self.bar.maximum() > self.bar.minimum():
            share = round(100 * (self.bar.value() - self.bar.minimum())
                          / (self.bar.maximum() - self.bar.minimum()))
            self.bar.setFormat(self.tr("{0}%").format(_n(max(0, share))))

    # ------------------------------------------------------------------ the sync

    def start(self) -> None:
        """Begin the sync (the dialog stays open until it ends)."""
        session = self.context.session
        if session is None:
            return

        def run(work: Work) -> SyncReport:
            return session.engine.sync(progress=work.progress, cancelled=work.cancelled)

        self._handle = self.context.operations.run(
            run, changes={"forms", "values", "outbox", "conflicts", "reference"},
            on_done=while_alive(self, self._done), on_error=while_alive(self, self._failed),
            on_progress=while_alive(self, self._progress))

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self._stage == "cancelling":
            return  # "Cancelling…" stays until the sync stops
        self._stage = stage
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.retranslate()

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
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(self.accept)
        self.retranslate()

    def _done(self, report: Any) -> None:
        self.report = report
        self._finish("finished")

    def _failed(self, error: Exception) -> None:
        self.error = error
        self._finish("failed")
