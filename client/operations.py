"""Running the user's actions off the GUI thread, and announcing what they changed.

Every action that writes (save a form, sync, submit, import a bundle) is a plain function
of the domain layer, run here on one worker thread: the window never freezes, and writes
never overlap. When it ends, the result goes back to the GUI thread, and `changed` tells
every view which kinds of data moved so it refreshes itself (Anki's `aqt/operations`).
Long work reports progress and may be cancelled.

Views read the store off the GUI thread too. A view registers a reader (`add_reader`):
after an operation that changed what it shows, the worker reads the view's data right after
the operation's function, and the view takes it on the GUI thread before `changed` is
announced, so everyone told of a change finds the view showing it. Other reads (another
year chosen) go through `read`, on a thread of their own that never waits behind a long
sync and never marks the window busy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from client.qt import QObject, QRunnable, QThreadPool, Signal, isValid

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


@dataclass(eq=False)
class _Reader:
    """A view's way to read what it shows after operations that change `kinds`."""

    kinds: frozenset[str]
    read: Callable[[], Any]
    apply: Callable[[Any], None]
    owner: QObject | None


#: What a worker read for the views: each reader with the data it read.
_Reads = list[tuple[_Reader, Any]]


def _read_all(readers: list[_Reader]) -> _Reads:
    """Run each reader's read; one that fails is left out (its view keeps what it shows)."""
    reads: _Reads = []
    for reader in readers:
        try:
            reads.append((reader, reader.read()))
        except Exception:  # a view not refreshed must not turn a done operation into a fault
            log.exception("a view's read after an operation failed")
    return reads


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(str, int, int)


class _Job(QRunnable):
    def __init__(self, function: Callable[[Work], Any], signals: _Signals, work: Work,
                 readers: list[_Reader] | None = None) -> None:
        super().__init__()
        self.function, self.signals, self.work = function, signals, work
        self.readers = readers or []

    def run(self) -> None:
        try:
            result = self.function(self.work)
        except Exception as exc:  # every failure reaches the person, never a dead thread
            if self.work.cancelled():
                # The person's own choice, not a fault: no traceback in the log.
                log.info("operation cancelled: %s", type(exc).__name__)
            else:
                log.exception("operation failed")
            # Part of the work may have been committed: the views read anyway.
            self.signals.failed.emit((exc, _read_all(self.readers)))
        else:
            self.signals.done.emit((result, _read_all(self.readers)))


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
        self._readers: list[_Reader] = []
        # The views' own reads: one thread, apart from the writes, so that choosing another
        # year is not kept waiting by a sync.
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(1)

    def add_reader(self, kinds: Iterable[str], read: Callable[[], Any],
                   apply: Callable[[Any], None], *,
                   owner: QObject | None = None) -> Callable[[], None]:
        """After each operation that changes one of `kinds`, run `read()` on the worker
        right after it, and `apply(data)` on the GUI thread before `changed` and the
        operation's own callbacks. While `owner` is given, nothing is applied once it was
        deleted. Returns what unregisters the reader."""
        wanted = frozenset(kinds)
        unknown = wanted - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
        reader = _Reader(wanted, read, apply, owner)
        self._readers.append(reader)

        def remove() -> None:
            if reader in self._readers:
                self._readers.remove(reader)

        return remove

    def read(self, function: Callable[[], Any], *, on_done: Callable[[Any], None],
             on_error: Callable[[Exception], None] | None = None) -> None:
        """Run the read `function()` off the GUI thread; `on_done(data)` (or `on_error`)
        runs on the GUI thread. Not an operation: it neither marks the window busy nor
        announces a change."""
        signals = _Signals()
        self._signals.add(signals)

        def done(outcome: tuple[Any, _Reads]) -> None:
            self._signals.discard(signals)
            on_done(outcome[0])

        def failed(outcome: tuple[Exception, _Reads]) -> None:
            self._signals.discard(signals)
            if on_error is not None:
                on_error(outcome[0])

        signals.done.connect(done)
        signals.failed.connect(failed)
        work = Work(progress=signals.progress.emit)
        self._reads.start(_Job(lambda _work: function(), signals, work))

    def _apply(self, reads: _Reads) -> None:
        for reader, data in reads:
            if reader not in self._readers:
                continue  # unregistered while it read
            if reader.owner is not None and not isValid(reader.owner):
                continue  # its view was closed while it read
            try:
                reader.apply(data)
            except Exception:  # one view failing to show must not hide the outcome
                log.exception("a view could not show what it read")

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
        readers = [reader for reader in self._readers if reader.kinds & kinds]

        def finish() -> None:
            handle.finished = True
            self._signals.discard(signals)
            self._running -= 1
            if not self._running:
                self.busy.emit(False)

        def done(outcome: tuple[Any, _Reads]) -> None:
            result, reads = outcome
            finish()
            self._apply(reads)
            if kinds:
                self.changed.emit(kinds)
            if on_done is not None:
                on_done(result)

        def failed(outcome: tuple[Exception, _Reads]) -> None:
            error, reads = outcome
            finish()
            self._apply(reads)
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
        self._pool.start(_Job(function, signals, work, readers))
        return handle

    @property
    def running(self) -> bool:
        """True while an operation is under way."""
        return self._running > 0

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the worker and the views' reads are idle (for shutdown and tests)."""
        return bool(self._pool.waitForDone(timeout_ms)) and bool(
            self._reads.waitForDone(timeout_ms))
