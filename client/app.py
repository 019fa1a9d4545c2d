"""The desktop application: `isaf-desk gui`, or `isaf-desk-gui` from the Start menu.

    isaf-desk gui [--server URL] [--user NAME] [--data-dir DIR] [--smoke-screenshot PNG]

It makes the QApplication, loads the shipped Khmer font at the saved text size and the
saved language, and shows the sign-in screen; a signed-in person gets the main window, and
after a sign-in with a connection one sync runs at once, so a first sign-in downloads the
person's units and forms before they look for them. Signing out brings the sign-in screen
back; closing the main window ends the application.

Everything goes to a log file in the data folder (`AppContext.log_file`); a person sees
what went wrong in plain words, never a stack trace.

One copy runs per data folder (client/instance.py): a second start brings the running
copy's window to the front and ends, or says why it cannot open.

`--smoke-screenshot PNG` proves a start without a person (the frozen bundle's test,
docs/INSTALL.md): it shows the sign-in screen, saves it as a picture, prints what it
loaded (`smoke_check`) and ends.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from client.context import AppContext
from client.fonts import FONT_FILE, install_fonts
from client.i18n import apply_language, compiled, current_language
from client.instance import AlreadyRunning, SingleInstance
from client.qt import (
    QApplication,
    QCoreApplication,
    QEvent,
    QFontDatabase,
    QLibraryInfo,
    QMessageBox,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from client.settings import Settings, default_home
from client.sync.engine import SyncReport
from client.ui.interaction import QtInteraction
from client.ui.main_window import MainWindow
from client.ui.sign_in import SignInDialog
from client.ui.sync_dialog import SyncDialog, plain_error, plain_report

log = logging.getLogger(__name__)

#: How the application names itself to the system (window manager, settings paths).
APPLICATION_NAME = "ISAF Desk"
#: The log file is cut at this size and three older files are kept: an old computer's
#: disk never fills, and a problem of last week can still be read.
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
#: What every sync after a sign-in may change (the views refresh themselves).
SYNC_CHANGES = frozenset({"forms", "values", "outbox", "conflicts", "reference"})


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    server: str | None = None
    username: str | None = None
    data_dir: Path | None = None
    smoke_screenshot: Path | None = None


def parse_options(argv: list[str]) -> Options:
    """The options of `isaf-desk gui` (and of `isaf-desk-gui`)."""
    parser = argparse.ArgumentParser(
        prog="isaf-desk gui", description="Start the ISAF Desk desktop application.")
    parser.add_argument("--server", metavar="URL",
                        help="the server address to show on the sign-in screen")
    parser.add_argument("--user", metavar="NAME", dest="username",
                        help="the user name to show on the sign-in screen")
    parser.add_argument("--data-dir", metavar="DIR", type=Path,
                        help="where accounts, their local data and the log live "
                             f"[default: ISAF_DESK_HOME, else {default_home()}]")
    parser.add_argument("--smoke-screenshot", metavar="PNG", type=Path,
                        help="check that the application starts, without a person: show the "
                             "sign-in screen in the saved language, save it as a PNG picture, "
                             "print what was loaded (font, catalogue, Qt platform) and end; "
                             "the exit status is 0 when all of it was found")
    parsed = parser.parse_args(argv)
    return Options(server=parsed.server, username=parsed.username, data_dir=parsed.data_dir,
                   smoke_screenshot=parsed.smoke_screenshot)


def display_problem(command: str = "isaf-desk gui", *, offscreen_hint: bool = True,
                    environ: dict[str, str] | None = None,
                    platform: str = sys.platform) -> str | None:
    """Why no window can open here, with what to run instead; None when one can.

    Without a display Qt aborts the process with a message about platform plugins, which
    tells a person nothing: say it before Qt is asked.
    """
    env = os.environ if environ is None else environ
    if platform in ("win32", "darwin") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    lines = ["No display was found, so the ISAF Desk window cannot open here.",
             "- On a machine without a screen, run it inside a virtual display:",
             f"      xvfb-run -a {command}",
             "  (Debian/Ubuntu: apt-get install xvfb libxcb-cursor0 libxcb-icccm4 "
             "libxcb-keysyms1)",
             "- Or connect with a display (ssh -X) and run it again."]
    if offscreen_hint:
        lines += ["- Or draw it offscreen, with nothing shown (tests, screenshots):",
                  f"      QT_QPA_PLATFORM=offscreen {command}"]
    return "\n".join(lines)


# ---------------------------------------------------------------------- the log


def start_logging(path: Path) -> logging.Handler:
    """Send the client's log, and Qt's own messages, to `path`; returns the handler."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    # One line per HTTP request would bury what matters; sync logs its own outcome.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


def stop_logging(handler: logging.Handler) -> None:
    """Close the log file (at exit, and between tests)."""
    logging.getLogger().removeHandler(handler)
    handler.close()


def _qt_message(kind: QtMsgType, _context: Any, message: str) -> None:
    # Qt writes its warnings to the terminal a person never sees: keep them in the log.
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


# ---------------------------------------------------------------------- the screens


class Desk(QObject):
    """The screens in turn: sign-in, the main window, sign-in again after a sign-out."""

    #: The person closed the sign-in screen or the main window: the application may end.
    done = Signal()
    #: A sync started right after a sign-in ended: the report, or the error.
    synced = Signal(object)

    def __init__(self, context: AppContext, options: Options) -> None:
        super().__init__()
        self.context = context
        self.options = options
        self.sign_in: SignInDialog | None = None
        self.window: MainWindow | None = None
        #: The progress dialog of a first sync, while it is shown.
        self.sync_dialog: SyncDialog | None = None
        self._first_sign_in = True

    # ------------------------------------------------------------------ sign-in

    def show_sign_in(self) -> SignInDialog:
        """The sign-in screen, with the command line's server and user name the first
        time."""
        dialog = SignInDialog(self.context)
        if self._first_sign_in:
            # Shown in the fields rather than written into the settings: an address is kept
            # only once a sign-in reached it (the dialog does that).
            if self.options.server:
                dialog.server.setText(self.options.server)
            if self.options.username:
                dialog.username.setEditText(self.options.username)
                dialog.password.setFocus()
            self._first_sign_in = False
        dialog.finished.connect(self._sign_in_finished)
        self.sign_in = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _sign_in_finished(self, _result: int) -> None:
        dialog, self.sign_in = self.sign_in, None
        if dialog is not None:
            dialog.deleteLater()
        if self.context.session is None:
            log.info("sign-in closed without signing in")
            self.done.emit()
            return
        session = self.context.session
        log.info("signed in as %s (%s, %s)", session.profile.username, session.role,
                 "online" if session.online else "offline")
        for note in session.notes:
            log.warning("%s", note)
        self.show_main_window(notice=dialog.notice if dialog is not None else "")

    # ------------------------------------------------------------------ main window

    def show_main_window(self, *, notice: str = "") -> MainWindow:
        """The main window of the signed-in person; a sync at once when online."""
        window = MainWindow(self.context)
        window.installEventFilter(self)
        self.window = window
        window.show()
        if notice:
            window.statusBar().showMessage(notice, 15_000)
        session = self.context.session
        if session is not None and session.online:
            self._sync_after_sign_in(window)
        return window

    def _sync_after_sign_in(self, window: MainWindow) -> None:
        session = self.context.session
        if session is None:
            return
        if session.store.get_state("last_sync") is None:
            # A first sync brings the whole scope: show its progress, and let it be
            # cancelled on a slow link.
            dialog = window.sync()
            self.sync_dialog = dialog
            dialog.finished.connect(self._first_sync_closed)
            self._watch_first_sync(dialog)
            return
        # Later sign-ins: a quiet sync, told in the status bar; the person works meanwhile.
        engine = session.engine
        window.statusBar().showMessage(self.tr("Syncing with the server…"))

        def run(work: Any) -> SyncReport:
            return engine.sync(progress=work.progress, cancelled=work.cancelled)

        def ended(outcome: Any) -> None:
            text = (plain_report(outcome, session.role) if isinstance(outcome, SyncReport)
                    else plain_error(outcome, session.role))
            if self.window is window:
                window.statusBar().showMessage(text, 30_000)
                window.update_status()
            log.info("sync after sign-in: %s", text)
            self.synced.emit(outcome)

        self.context.operations.run(run, changes=SYNC_CHANGES, on_done=ended, on_error=ended)

    def _watch_first_sync(self, dialog: SyncDialog) -> None:
        # The dialog records its outcome and then waits for Close: tell listeners (and the
        # log) when the outcome is there.
        def check() -> None:
            outcome = dialog.report if dialog.report is not None else dialog.error
            if outcome is None:
                return
            timer.stop()
            role = self.context.session.role if self.context.session is not None else None
            text = (plain_report(outcome, role) if isinstance(outcome, SyncReport)
                    else plain_error(outcome, role))
            log.info("first sync: %s", text)
            self.synced.emit(outcome)

        timer = QTimer(dialog)
        timer.setInterval(100)
        timer.timeout.connect(check)
        timer.start()

    def _first_sync_closed(self, _result: int) -> None:
        self.sync_dialog = None

    def bring_to_front(self) -> None:
        """Show the screen of the moment in front of the others (another start of the
        application on this data folder asked for it)."""
        shown = self.sync_dialog or self.window or self.sign_in
        if shown is None:
            return
        if shown.isMinimized():
            shown.showNormal()
        shown.show()
        shown.raise_()
        shown.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Notice the main window closing (signing out closes it too)."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            # After the window's own closeEvent has decided (it waits for running work).
            QTimer.singleShot(0, self._window_closed)
        return False

    def _window_closed(self) -> None:
        window = self.window
        if window is None or window.isVisible():
            return
        self.window = None
        window.removeEventFilter(self)
        # Its connections to the context's signals are bound methods: they go with it.
        window.deleteLater()
        if self.context.session is None:
            log.info("signed out")
            sign_in = self.show_sign_in()
            if window.restore_for:  # signed out to put a backup back (File > Restore…)
                sign_in.open_restore(window.restore_for)
            return
        log.info("main window closed: signing out and ending")
        self.context.end_session()
        self.done.emit()


# ---------------------------------------------------------------------- errors


class ErrorReporter(QObject):
    """Unexpected errors: the details go to the log, the person reads plain words."""

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self.boxes: list[QMessageBox] = []
        self._previous = sys.excepthook

    def install(self) -> None:
        """Catch every error nothing else caught (Qt's slots and event handlers too)."""
        sys.excepthook = self.report

    def uninstall(self) -> None:
        """Put back the hook that was there before."""
        sys.excepthook = self._previous

    def report(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        """Log the error with its trace; show a message without it."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error:\n%s",
                  "".join(traceback.format_exception(kind, error, trace)))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ISAF Desk"), self.tr(
            "Something went wrong: {0}\n\nWhat you saved is kept. If it happens again, tell "
            "your district office and give them the log file:\n{1}").format(
                error, self.log_file))
        # Not exec(): a second event loop inside an error hook can meet the same error.
        box.finished.connect(lambda _result, box=box: self.boxes.remove(box))
        self.boxes.append(box)
        box.show()


# ---------------------------------------------------------------------- starting


@dataclass
class Running:
    """A started application, for `main` to run and tests to drive."""

    app: QApplication
    context: AppContext
    desk: Desk
    log_handler: logging.Handler
    #: This copy's hold on the data folder (let go at close).
    instance: SingleInstance | None = None

    def close(self) -> None:
        """Sign out, close every screen, close the log, let the data folder go."""
        if self.desk.sign_in is not None:
            self.desk.sign_in.close()
        if self.desk.window is not None:
            self.desk.window.removeEventFilter(self.desk)
            self.desk.window.close()
        self.context.end_session()
        log.info("ISAF Desk ends")
        stop_logging(self.log_handler)
        if self.instance is not None:
            self.instance.release()
            self.instance = None


def launch(options: Options, *, argv: list[str] | None = None) -> Running:
    """Make (or reuse) the QApplication, the context, the fonts and the language, and show
    the sign-in screen. `main` then runs the event loop; tests drive it with pytest-qt.

    AlreadyRunning when another copy runs on the same data folder (it was asked to show
    itself): nothing of this copy was started, not even its log.
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "isaf-desk", *(argv or [])])
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION_NAME)
    home = options.data_dir or default_home()
    instance = SingleInstance(home)
    instance.claim()
    try:
        context = AppContext(home)
        handler = start_logging(context.log_file)
    except BaseException:
        instance.release()
        raise
    log.info("ISAF Desk starts: data folder %s", context.home)
    install_fonts(app, text_size=context.settings.text_size)
    apply_language(app, context.settings.language)
    desk = Desk(context, options)
    instance.show_requested.connect(desk.bring_to_front)
    desk.show_sign_in()
    return Running(app, context, desk, handler, instance)


def already_running_text(home: Path) -> str:
    """Why this start cannot open: another copy has the data folder and does not answer."""
    return QCoreApplication.translate(
        "Desk", "ISAF Desk is already open on this computer with the same data folder "
                "({0}), but it does not answer. Only one ISAF Desk may use a data folder at a "
                "time, so that two windows never save over each other's figures. Wait a "
                "minute and start it again; if it still does not open, restart the "
                "computer.").format(home)


def _tell_already_running(app: QApplication, error: AlreadyRunning) -> None:
    """Say, in the person's language, why this start ends without a window."""
    settings = Settings.load(error.home)
    install_fonts(app, text_size=settings.text_size)
    apply_language(app, settings.language)
    text = already_running_text(error.home)
    print(text, file=sys.stderr)
    # No context exists yet: the desktop's interaction, on a window of its own.
    QtInteraction().warn(None, APPLICATION_NAME, text)


def smoke_check(running: Running, picture: Path) -> int:
    """Save the sign-in screen as a PNG at `picture` and print, one `key: value` a line,
    what the start loaded; 0 when the picture was saved and the Khmer font and the saved
    language's catalogue were found.

    A frozen bundle shows with it that its font, catalogue and Qt plugins are inside it
    (the paths printed) and that it draws Khmer (the picture), on a machine with no screen
    (QT_QPA_PLATFORM=offscreen) and no Python.
    """
    app, dialog = running.app, running.desk.sign_in
    assert dialog is not None
    for _ in range(3):  # laid out, polished and painted
        app.processEvents()
    saved = dialog.grab().save(str(picture), "PNG")
    family = app.font().families()[0] if app.font().families() else app.font().family()
    wanted, language = running.context.settings.language, current_language(app)
    facts = {
        "picture": f"{picture} ({'saved' if saved else 'NOT SAVED'})",
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
        "platform": app.platformName(),
        "qt plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "font": f"{family} ({'loaded' if family in QFontDatabase.families() else 'MISSING'})",
        "font file": str(FONT_FILE),
        "language": f"{language} (saved: {wanted})",
        "catalogue": str(compiled(wanted)) if wanted != "en" else "-",
        "title": dialog.windowTitle(),
    }
    for key, value in facts.items():
        print(f"{key}: {value}", flush=True)
        log.info("smoke check: %s: %s", key, value)  # a windowed .exe prints nowhere
    return 0 if saved and language == wanted and family in QFontDatabase.families() else 1


def main(argv: list[str] | None = None) -> int:
    """Run the desktop application; the exit status."""
    options = parse_options(sys.argv[1:] if argv is None else argv)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        running = launch(options)
    except AlreadyRunning as error:
        if error.answered:
            # The running copy is in front now: that is all the person wanted.
            print("ISAF Desk is already open: its window is brought to the front.",
                  file=sys.stderr)
            return 0
        app = QApplication.instance()
        if isinstance(app, QApplication):
            _tell_already_running(app, error)
        return 1
    except Exception as error:  # a person reads why, the log (if any) has the trace
        log.exception("could not start")
        print(f"ISAF Desk could not start: {error}", file=sys.stderr)
        if QApplication.instance() is not None:
            QtInteraction().warn(None, APPLICATION_NAME, QCoreApplication.translate(
                "Desk", "ISAF Desk could not start: {0}").format(error))
        return 1
    if options.smoke_screenshot is not None:
        try:
            return smoke_check(running, options.smoke_screenshot)
        finally:
            running.close()
    app = running.app
    # Between a sign-out and the sign-in screen no window is open: the Desk says when to end.
    app.setQuitOnLastWindowClosed(False)
    running.desk.done.connect(app.quit)
    reporter = ErrorReporter(running.context.log_file)
    reporter.install()
    previous = qInstallMessageHandler(_qt_message)
    try:
        return int(app.exec())
    finally:
        qInstallMessageHandler(previous)
        reporter.uninstall()
        running.close()


if __name__ == "__main__":
    sys.exit(main())
