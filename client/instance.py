"""One running ISAF Desk per data folder.

A double click too many starts a second copy of the application on the same data folder:
both would open the same stores, and each would save over the other's figures without a
word. So the first copy holds a lock file in the data folder for as long as it runs (the
operating system lets it go when the process ends, however it ends), and listens on a
local socket named from the folder. A later copy that finds the lock held asks the first,
over that socket, to bring its window to the front, and ends quietly; when the first does
not answer, the later copy says why it cannot open (`AlreadyRunning.answered`).
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from filelock import FileLock, Timeout

from client.qt import QCoreApplication, QLocalServer, QLocalSocket, QObject, Signal

log = logging.getLogger(__name__)

#: The lock file in the data folder.
LOCK_NAME = "isaf-desk.lock"
#: What a later copy sends, and what the running one answers once its window is in front.
_SHOW = b"show\n"
_SHOWN = b"shown\n"
#: How long a later copy waits for the running one to answer, in milliseconds.
ANSWER_WAIT_MS = 5_000


class AlreadyRunning(Exception):  # noqa: N818 - a state found, not a bug
    """Another ISAF Desk runs on this data folder. `answered`: it brought its window to
    the front (this copy may end quietly); else it did not answer in time."""

    def __init__(self, home: Path, answered: bool) -> None:
        super().__init__(f"ISAF Desk is already running on {home}")
        self.home = home
        self.answered = answered


def instance_name(home: Path) -> str:
    """The local socket's name for a data folder: the same for every path that names the
    folder (relative, with a trailing slash), another for another folder."""
    folder = str(home.expanduser().resolve())
    return f"isaf-desk-{hashlib.sha256(folder.encode('utf-8')).hexdigest()[:20]}"


class SingleInstance(QObject):
    """This process's hold on a data folder, and the ear for later copies."""

    #: A later copy asked this one to show itself (bring its window to the front).
    show_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.name = instance_name(home)
        # Not thread-local: released at exit by whichever thread ends the application.
        self._lock = FileLock(str(home / LOCK_NAME), thread_local=False)
        self._server: QLocalServer | None = None

    def claim(self, *, wait_ms: int = ANSWER_WAIT_MS) -> None:
        """Become the one copy on this data folder; else ask the running copy to show
        itself and raise AlreadyRunning."""
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            answered = ask_to_show(self.name, wait_ms=wait_ms)
            raise AlreadyRunning(self.home, answered) from None
        except (NotImplementedError, OSError) as error:
            # A folder without locks (some network shares): start unguarded, as before.
            log.warning("the data folder %s cannot be locked: %s", self.home, error)
        self._listen()

    @property
    def held(self) -> bool:
        """True while this process holds the data folder."""
        return bool(self._lock.is_locked)

    def _listen(self) -> None:
        # A socket left by a copy that died would refuse the name: the lock says no copy
        # runs now, so it is nobody's.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._connected)
        if not server.listen(self.name):
            log.warning("later starts cannot reach this one (%s): %s", self.name,
                        server.errorString())
        self._server = server

    def _connected(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            # The server owns its sockets (they go with it): none is deleted here, so
            # none is deleted twice.
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).strip() == _SHOW.strip():
            log.info("another start of ISAF Desk on this data folder: showing this one")
            self.show_requested.emit()
            socket.write(_SHOWN)
            socket.flush()

    def release(self) -> None:
        """Let the data folder go (at exit): no later start is answered any more."""
        if self._server is not None:
            self._server.close()  # deleted with this object, with its sockets
            self._server = None
        self._lock.release()


def ask_to_show(name: str, *, wait_ms: int = ANSWER_WAIT_MS) -> bool:
    """Ask the copy listening on `name` to show itself; True once it said it did."""
    socket = QLocalSocket()
    try:
        socket.connectToServer(name)
        if not socket.waitForConnected(min(wait_ms, 2_000)):
            return False
        socket.write(_SHOW)
        socket.flush()
        received = b""
        deadline = time.monotonic() + wait_ms / 1000
        while time.monotonic() < deadline:
            # Events go on meanwhile: the copy asked may be in this very process (tests).
            QCoreApplication.processEvents()
            if socket.waitForReadyRead(20) or socket.bytesAvailable():
                received += bytes(socket.readAll().data())
                if _SHOWN in received:
                    return True
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState \
                    and not socket.bytesAvailable():
                return False
        return False
    finally:
        socket.abort()
