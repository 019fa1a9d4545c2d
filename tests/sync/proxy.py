"""A TCP proxy that injects the faults of a bad link between a client and a real server:
cut before the response, cut in the middle of an upload or of a page, slow links.

Faults are one-shot: set one, and the next transfer in that direction triggers it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class FaultProxy:
    """Forwards 127.0.0.1:<port> to a server port, with faults on demand."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        #: Forward this many bytes of the next response, then cut the connection.
        self.cut_response_after: int | None = None
        #: Forward this many bytes of the next request, then cut the connection.
        self.cut_request_after: int | None = None
        #: A slow link: bytes per second each way, and one-way latency in seconds.
        self.bandwidth: float | None = None
        self.latency = 0.0
        self.cuts = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self._lock = threading.Lock()
        self._running = True
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._running = False
        self.listener.close()
        for sock in list(self._sockets):
            _close(sock)

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                _close(client)
                continue
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, "up"),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, "down"),
                             daemon=True).start()

    def _take_fault(self, direction: str) -> int | None:
        with self._lock:
            if direction == "up" and self.cut_request_after is not None:
                value, self.cut_request_after = self.cut_request_after, None
                return value
            if direction == "down" and self.cut_response_after is not None:
                value, self.cut_response_after = self.cut_response_after, None
                return value
        return None

    def _pump(self, source: socket.socket, sink: socket.socket, direction: str) -> None:
        budget: int | None = None
        last = 0.0
        try:
            while True:
                chunk = source.recv(16384)
                if not chunk:
                    break
                if budget is None:
                    budget = self._take_fault(direction)
                # A chunk after a pause starts a new message: it pays the link's latency.
                # The pause is the sender's, counted from the end of the previous chunk's
                # transfer: the rest of a message, queued while the link carried its
                # beginning, does not pay the latency a second time.
                if self.latency and time.monotonic() - last > 0.05:
                    time.sleep(self.latency)
                if budget is not None:
                    if len(chunk) >= budget:
                        if budget:
                            sink.sendall(chunk[:budget])
                        self.cuts += 1
                        break
                    budget -= len(chunk)
                if self.bandwidth:
                    time.sleep(len(chunk) / self.bandwidth)
                sink.sendall(chunk)
                last = time.monotonic()
                if direction == "up":
                    self.bytes_up += len(chunk)
                else:
                    self.bytes_down += len(chunk)
        except OSError:
            pass
        finally:
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
