"""Talking to the server over a bad link: one kept-alive connection, gzip both ways,
retries with backoff for what may pass (a cut connection, a timeout, a 5xx), a clear
error for what will not (a refusal from the server), and tokens that refresh themselves.

A failure says what kind of failure it was (`LinkProblem`): a person told "working
offline" must learn whether the network is down or the address they typed is wrong.
"""

from __future__ import annotations

import errno
import random
import socket
import ssl
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import httpx

from common.forms.store import DEFINITION_FORMAT, FORMAT_HEADER
from common.sync.protocol import PROTOCOL_HEADER, decode, parse_versions, versions_text

#: Server errors that are no fault of the link: retrying would not help, and the server's
#: message says what an administrator must do.
_SAY_AS_IS = frozenset({"change_numbers_behind"})
#: The login's path: the base address of a server is what comes before it.
LOGIN_PATH = "/api/v1/auth/login"


class LinkProblem(StrEnum):
    """Why the server could not be reached, as far as this computer can tell."""

    #: No network: no route to the address, or the names of computers cannot be looked
    #: up at all (no name server answers).
    NO_NETWORK = "no_network"
    #: The computer name of the address does not exist (a typo, most often).
    NO_SUCH_HOST = "no_such_host"
    #: The computer answered, but nothing listens at that port (a wrong port, or the
    #: server program is not running).
    NOTHING_LISTENS = "nothing_listens"
    #: Nothing answered in time: a slow or cut link, or a computer that is off.
    TIMEOUT = "timeout"
    #: The secure (https) connection failed: http and https mixed up, or a certificate
    #: this computer does not trust.
    SECURE = "secure"
    #: Something answered at the address, but not an ISAF Desk server (a web page, a
    #: "not found" of another web server, a Wi-Fi sign-in page).
    NOT_ISAF = "not_isaf"
    #: The ISAF Desk server answered with an error of its own: try later.
    SERVER_ERROR = "server_error"
    #: The connection was cut, or failed in another way.
    CUT = "cut"


class TransportError(RuntimeError):
    """The server could not be reached, or answered with a server error: try later.
    `problem` says which kind of failure it was."""

    def __init__(self, message: str, problem: LinkProblem = LinkProblem.CUT,
                 server: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        #: The address that was asked, for a message that names it ("" when unknown).
        self.server = server


def link_problem(error: BaseException) -> LinkProblem:
    """The kind of a failure to reach a server, from httpx's error and its causes."""
    if isinstance(error, httpx.TimeoutException):
        return LinkProblem.TIMEOUT
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            # EAI_NONAME: the name servers answered that no such name exists; anything
            # else (EAI_AGAIN: none answered) means the lookup itself could not be made.
            missing = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA")
                       if hasattr(socket, name)} | {11001}  # Windows: WSAHOST_NOT_FOUND
            return LinkProblem.NO_SUCH_HOST if seen.errno in missing \
                else LinkProblem.NO_NETWORK
        if isinstance(seen, ConnectionRefusedError):
            return LinkProblem.NOTHING_LISTENS
        if isinstance(seen, ssl.SSLError):
            return LinkProblem.SECURE
        if isinstance(seen, OSError) and seen.errno in (
                errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN):
            return LinkProblem.NO_NETWORK
        seen = seen.__cause__ or seen.__context__
    text = str(error).lower()
    if "ssl" in text or "certificate" in text:
        return LinkProblem.SECURE
    return LinkProblem.CUT


class ServerRefusal(RuntimeError):  # noqa: N818 - a refusal is the server's answer, not a bug
    """The server answered and refused (4xx): retrying the same will not help."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message") or f"the server refused ({status})")
        self.status = status
        self.code = body.get("code", "")
        self.body = body


class Transport:
    """HTTP to one ISAF Desk server, signed in as one user on one device."""

    def __init__(self, base_url: str, *, timeout: float = 60.0, retries: int = 4,
                 backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 on_tokens: Callable[[str | None, str | None], None] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self.on_tokens = on_tokens
        #: The server's secret for this device's store key, from the last sign-in's
        #: answer (client/store/crypto.py); held in memory only, never kept.
        self.device_key: str | None = None
        #: Told True each time the server answers a signed-in request (or a sign-in), and
        #: False when the sign-in is lost (its refresh token refused): a session that
        #: began offline knows when it is online again.
        self.on_link: Callable[[bool], None] | None = None
        self.requests = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        #: The protocol versions the server named in its last answer (None before one,
        #: or from a server that names none): the sync engine checks them before it sends.
        self.server_protocols: range | None = None
        # Every request names the protocol versions this client speaks, so a server that
        # speaks none of them refuses a sync before reading what it carries.
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout,
                                    headers={"Accept-Encoding": "gzip",
                                             PROTOCOL_HEADER: versions_text(),
                                             FORMAT_HEADER: str(DEFINITION_FORMAT)})

    def close(self) -> None:
        """Close the connection."""
        self._client.close()

    # ------------------------------------------------------------------ sign-in

    def login(self, username: str, password: str, *, device_id: str | None,
              device_name: str = "") -> dict[str, Any]:
        """Sign in; keeps the tokens and returns the user. Without a device id the server
        records no device (a sign-in that only checks the password)."""
        body = {"username": username, "password": password, "device_name": device_name}
        if device_id is not None:
            body["device_id"] = device_id
        answer = self._send("POST", LOGIN_PATH, json=body, auth=False)
        if not (isinstance(answer, dict) and isinstance(answer.get("user"), dict)
                and answer.get("access_token") and answer.get("refresh_token")):
            raise TransportError(f"{self.base_url} did not answer as an ISAF Desk server",
                                 LinkProblem.NOT_ISAF, self.base_url)
        self._keep(answer["access_token"], answer["refresh_token"])
        self.device_key = answer.get("device_key")
        self._linked(True)
        return answer["user"]

    def logout(self) -> None:
        """End this sign-in on the server (its tokens stop working); a failure is only
        logged by the caller, if at all: the tokens expire anyway."""
        retries, self.retries = self.retries, 0
        try:
            self._send("POST", "/api/v1/auth/logout")
        finally:
            self.retries = retries
            self._keep(None, None)

    def _linked(self, up: bool) -> None:
        if self.on_link is not None:
            self.on_link(up)

    def _keep(self, access: str | None, refresh: str | None) -> None:
        self.access_token, self.refresh_token = access, refresh
        if self.on_tokens is not None:
            self.on_tokens(access, refresh)

    def _refresh(self) -> bool:
        if not self.refresh_token:
            return False
        try:
            answer = self._once("POST", "/api/v1/auth/refresh", token=self.refresh_token)
        except ServerRefusal:
            self._keep(None, None)
            self._linked(False)  # signed out by the server: a new sign-in is needed
            return False
        self._keep(answer["access_token"], answer["refresh_token"])
        return True

    # ------------------------------------------------------------------ requests

    def check(self) -> None:
        """Ask the server once, without retries, whether it answers and knows the user:
        before an action a person waits for, an unreachable server is said at once
        (TransportError) rather than after the retries' backoff of a sync."""
        retries, self.retries = self.retries, 0
        try:
            self.get("/api/v1/auth/me")
        finally:
            self.retries = retries

    def get(self, path: str, **params: Any) -> Any:
        """GET with retries; the decoded JSON answer."""
        return self._send("GET", path, params=params)

    def post(self, path: str, *, json: Any = None, content: bytes | None = None,
             content_type: str = "application/json") -> Any:
        """POST with retries; the decoded JSON answer. Only for requests the server
        answers the same when repeated (a push is: its receipts are kept)."""
        return self._send("POST", path, json=json, content=content, content_type=content_type)

    def post_once(self, path: str, *, json: Any = None) -> Any:
        """POST without retries, for a request the server does not answer the same when
        repeated (a decision on a held operation: a retry would find it settled). A
        failure is the caller's to report; nothing is sent twice."""
        retries, self.retries = self.retries, 0
        try:
            return self._send("POST", path, json=json)
        finally:
            self.retries = retries

    def _send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> Any:
        attempt = 0
        while True:
            try:
                token = self.access_token if auth else None
                try:
                    return self._once(method, path, token=token, **kwargs)
                except ServerRefusal as refusal:
                    if auth and refusal.status == 401 and refusal.code == "token_expired" \
                            and self._refresh():
                        return self._once(method, path, token=self.access_token, **kwargs)
                    raise
            except TransportError:
                attempt += 1
                if attempt > self.retries:
                    raise
                # Exponential backoff with jitter: many offices reconnecting at once
                # must not hit the server in step.
                self.sleep(self.backoff * (2 ** (attempt - 1)) * random.uniform(0.5, 1.5))

    def _once(self, method: str, path: str, *, token: str | None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        content_type = kwargs.pop("content_type", "application/json")
        if kwargs.get("content") is not None:
            headers["Content-Type"] = content_type
        self.requests += 1
        try:
            response = self._client.request(method, path, headers=headers, **kwargs)
            raw = response.content
        except (httpx.TransportError, httpx.DecodingError) as exc:
            problem = link_problem(exc)
            raise TransportError(f"the server could not be reached: {exc}", problem,
                                 self.base_url) from None
        named = parse_versions(response.headers.get(PROTOCOL_HEADER))
        if named is not None:
            self.server_protocols = named
        self.bytes_sent += len(kwargs.get("content") or b"") + len(path)
        self.bytes_received += int(response.headers.get("content-length") or len(raw))
        ours = True
        try:
            # The server's answers: a first download's page may hold millions of values.
            body = decode(raw, max_values=None, max_containers=None) if raw else {}
        except Exception:
            body = {"message": raw[:200].decode("utf-8", "replace")}
            ours = False  # a web page, not JSON: another kind of server answered
        status = response.status_code
        if status >= 500:
            if isinstance(body, dict) and body.get("code") in _SAY_AS_IS:
                # The server's own state stops it, and says what must be done: no retry.
                raise ServerRefusal(status, body)
            raise TransportError(f"the server had an error ({status})",
                                 LinkProblem.SERVER_ERROR, self.base_url)
        if status >= 400 and not (ours and isinstance(body, dict) and body.get("code")):
            # Every error of an ISAF Desk server is JSON with a code (server/app.py): a
            # "not found" page of another web server says the address is wrong.
            raise TransportError(f"{self.base_url} did not answer as an ISAF Desk server "
                                 f"({status})", LinkProblem.NOT_ISAF, self.base_url)
        if status >= 400:
            raise ServerRefusal(status, body)
        if not ours or 300 <= status < 400:
            # A web page, or a redirection (to https, to a Wi-Fi sign-in page): an ISAF Desk
            # server answers its API itself, in JSON.
            moved = response.headers.get("location")
            raise TransportError(f"{self.base_url} did not answer as an ISAF Desk server"
                                 + (f" (it sends to {moved})" if moved else ""),
                                 LinkProblem.NOT_ISAF, self.base_url)
        if token:
            self._linked(True)
        return body
