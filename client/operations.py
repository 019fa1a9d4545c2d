"""Running the user's actions off the GUI thread, and announcing what they changed.

Every action that writes (save a form, sync, submit, import a bundle) is a plain function
of the domain layer, run here on one worker thread: the window never freezes, and writes
never overlap. When it ends, the result goes back to the GUI thread, and `changed` tells
every view which kinds of data moved so it refreshes itself (Anki's `aqt/operations`).
Long work reports progress and may be cancelled.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from client.qt import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: What an operation may change; views listen for the kinds they show.
KINDS = frozenset({"forms", "values", "outbox", "conflicts", "reference", "session",
                   "settings"})

Progress = Callable[[str, int, int], None]


@dataclass
class Work:
    """What a running function gets: a progress reporter and a cancel flag to poll."""

    progress: Progress
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def cancelled(self) -> bool:
        """True once the user asked to cancel."""
        return self.cancel_event.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int, int)


class _Job(QRunnable):
    def __init__(self, function: Callable[[Work], Any], signals: _Signals, work: Work) -> None:
        super().__init__()
        self.function, self.signals, self.work = function, signals, work

    def run(self) -> None:
        try:
            result = self.function(self.work)
        except Exception as exc:  # every failure reaches the person, never a dead thread
            if self.work.cancelled():
                # The person's own choice, not a fault: no traceback in the log.
                log.info("operation cancelled: %s", type(exc).__name__)
            else:
                log.exception("operation failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Handle:
    """A running operation: cancel it, or ask whether it is over."""

    def __init__(self, work: Work) -> None:
        self._work = work
        self.finished = False

    def cancel(self) -> None:
        """Ask the operation to stop at its next check (what it did so far is kept)."""
        self._work.cancel_event.set()


class Operations(QObject):
    """The one way the screens run work that writes or waits on the network."""

    #: A frozenset of KINDS, after an operation that changed them ended well.
    changed = Signal(object)
    #: True while an operation runs (the window shows it and disables conflicting actions).
    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        # One worker: writes to the local store never overlap, and their order is the
        # order the person asked for them.
        self._pool.setMaxThreadCount(1)
        self._running = 0
        self._signals: set[_Signals] = set()

    def run(self, function: Callable[[Work], Any], *, changes: Iterable[str] = (),
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], None] | None = None,
            on_progress: Progress | None = None) -> Handle:
        """Run `function(work)` off the GUI thread; callbacks run on the GUI thread."""
        kinds = frozenset(changes)
        unknown = kinds - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
        signals = _Signals()
        self._signals.add(signals)  # kept alive until the job reports back
        work = Work(progress=signals.progress.emit)
        handle = Handle(work)

        def finish() -> None:
            handle.finished = True
            self._signals.discard(signals)
            self._running -= 1
            if not self._running:
                self.busy.emit(False)

        def done(result: Any) -> None:
            finish()
            if kinds:
                self.changed.emit(kinds)
            if on_done is not None:
                on_done(result)

        def failed(error: Exception) -> None:
            finish()
            # Part of the work may have been committed (a sync that pushed, then lost the
            # link): views refresh anyway.
            if kinds:
                self.changed.emit(kinds)
            if on_error is not None:
                on_error(error)

        signals.done.connect(done)
        signals.failed.connect(failed)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._running += 1
        if self._running == 1:
            self.busy.emit(True)
        self._pool.start(_Job(function, signals, work))
        return handle

    @property
    def running(self) -> bool:
        """True while an operation is under way."""
        return self._running > 0

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the worker is idle (for shutdown and tests)."""
        return bool(self._pool.waitForDone(timeout_ms))
