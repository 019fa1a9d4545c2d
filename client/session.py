"""One person's working session on this computer: sign-in (online, or offline against the
kept verifier), their local store, and their link to the server. No Qt here: the screens
and the command line both use it, and tests drive it without a display.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from client.profiles import Profile, Profiles, SignInError
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import ServerRefusal, Transport, TransportError
from common.db import new_id


@dataclass
class UserSession:
    """Who is signed in, and what they work with."""

    profile: Profile
    store: LocalStore
    transport: Transport
    engine: SyncEngine
    online: bool
    notes: list[str] = field(default_factory=list)

    @property
    def user(self) -> dict[str, Any]:
        """The user as the server described them at the last online sign-in."""
        return self.profile.user

    @property
    def role(self) -> str:
        """The user's role (common/roles.py)."""
        return str(self.user.get("role", ""))

    def close(self) -> None:
        """Sign out of this computer: close the link and the database file."""
        self.transport.close()
        self.store.close()


def sign_in(profiles: Profiles, server: str, username: str, password: str, *,
            timeout: float = 15.0) -> UserSession:
    """Sign in online when the server answers, else offline; SignInError when refused.

    A wrong password said by the server is final: the offline verifier is not asked, so a
    changed password takes effect on the next online sign-in.
    """
    known = profiles.profile(username)
    # The device id the server registers is the one this account's store keeps; a first
    # sign-in makes it before the store exists (the store's folder is named by user id).
    device_id = _device_id(known) if known is not None else new_id()
    transport = Transport(server, timeout=timeout, retries=0)
    try:
        user = transport.login(username, password, device_id=device_id,
                               device_name=platform.node())
    except TransportError as exc:
        transport.close()
        profile = profiles.sign_in_offline(username, password)
        offline = Transport(profile.server, timeout=timeout)
        return _open(profile, offline, device_id=None, online=False,
                     notes=[f"working offline: {exc}"])
    except ServerRefusal as refusal:
        transport.close()
        raise SignInError(str(refusal)) from None
    profile = profiles.remember(username, password, user, server)
    session = _open(profile, transport, device_id=device_id, online=True, notes=[])
    session.store.set_state("server", server)
    session.store.set_state("user", json.dumps(user))
    try:
        session.engine.register_keys()
    except (TransportError, ServerRefusal) as exc:
        session.notes.append(f"USB bundles will not work until the next sync: {exc}")
    return session


def _device_id(profile: Profile) -> str:
    store = LocalStore(profile.store_path)
    try:
        return store.device_id
    finally:
        store.close()


def _open(profile: Profile, transport: Transport, *, device_id: str | None, online: bool,
          notes: list[str]) -> UserSession:
    store = LocalStore(profile.store_path)
    if device_id is not None and store.get_state("device_id") is None:
        store.set_state("device_id", device_id)
    if online:
        _keep_tokens(store, transport)
    else:
        transport.access_token = store.get_state("access_token")
        transport.refresh_token = store.get_state("refresh_token")
        transport.on_tokens = _token_keeper(store)
    return UserSession(profile, store, transport, SyncEngine(store, transport), online, notes)


def _token_keeper(store: LocalStore) -> Callable[[str | None, str | None], None]:
    def keep(access: str | None, refresh: str | None) -> None:
        store.set_state("access_token", access)
        store.set_state("refresh_token", refresh)

    return keep


def _keep_tokens(store: LocalStore, transport: Transport) -> None:
    keep = _token_keeper(store)
    keep(transport.access_token, transport.refresh_token)
    transport.on_tokens = keep
