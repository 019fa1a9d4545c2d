"""Talking to the server over a bad link: one kept-alive connection, gzip both ways,
retries with backoff for what may pass (a cut connection, a timeout, a 5xx), a clear
error for what will not (a refusal from the server), and tokens that refresh themselves.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import httpx

from common.sync.protocol import decode

#: Server errors that are no fault of the link: retrying would not help, and the server's
#: message says what an administrator must do.
_SAY_AS_IS = frozenset({"change_numbers_behind"})


class TransportError(RuntimeError):
    """The server could not be reached, or answered with a server error: try later."""


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
        self.requests = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        self._client = httpx.Client(base_url=self.base_url, timeout=timeout,
                                    headers={"Accept-Encoding": "gzip"})

    def close(self) -> None:
        """Close the connection."""
        self._client.close()

    # ------------------------------------------------------------------ sign-in

    def login(self, username: str, password: str, *, device_id: str,
              device_name: str = "") -> dict[str, Any]:
        """Sign in; keeps the tokens and returns the user."""
        answer = self._send("POST", "/api/v1/auth/login", json={
            "username": username, "password": password, "device_id": device_id,
            "device_name": device_name}, auth=False)
        self._keep(answer["access_token"], answer["refresh_token"])
        return answer["user"]  # type: ignore[no-any-return]

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
            raise TransportError(f"the server could not be reached: {exc}") from None
        self.bytes_sent += len(kwargs.get("content") or b"") + len(path)
        self.bytes_received += int(response.headers.get("content-length") or len(raw))
        try:
            # The server's answers: a first download's page may hold millions of values.
            body = decode(raw, max_values=None, max_containers=None) if raw else {}
        except Exception:
            body = {"message": raw[:200].decode("utf-8", "replace")}
        if response.status_code >= 500:
            if isinstance(body, dict) and body.get("code") in _SAY_AS_IS:
                # The server's own state stops it, and says what must be done: no retry.
                raise ServerRefusal(response.status_code, body)
            raise TransportError(f"the server had an error ({response.status_code})")
        if response.status_code >= 400:
            raise ServerRefusal(response.status_code, body if isinstance(body, dict) else {})
        return body
