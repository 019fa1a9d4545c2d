"""One person's working session on this computer: sign-in (online, or offline against the
kept verifier), their local store, and their link to the server. No Qt here: the screens
and the command line both use it, and tests drive it without a display.

A session holds its account's store alone: a lock file next to the store keeps a second
window, or an `isaf-desk` command, from writing under it (`lock_store`). The operating
system lets the lock go when the process ends, however it ends.

At sign-in, an account this computer knows whose store file is missing has *lost* its
store (deleted or moved): it is never silently replaced by a new, empty one. Offline the
sign-in is refused (StoreLostError); online the person is asked first, and only a sign-in
with `start_again=True` starts again from the server's copy.

Every store a sign-in opens is encrypted (client/store/crypto.py): the password unlocks
its key (`Profiles.unlock`), online or offline; online, the server's secret for this
computer unlocks it too, after a password change made elsewhere. A store of an earlier
version, not encrypted, is encrypted at its first sign-in with this one.

A person changes their password online, from a session (`change_password`): the server
answers with a new sign-in for this computer, which the session goes on with, and the
store's key and the offline verifier follow the new password here.
"""

from __future__ import annotations

import json
import logging
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from client.address import normalise_server_address
from client.profiles import Profile, Profiles, SignInError
from client.store.crypto import device_secret, encrypt_plain_store, is_plain, plain_state
from client.store.errors import (
    StoreInUseError,
    StoreLostError,
    StoreUnavailableError,
    StoreUnreadableError,
)
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import LinkProblem, ServerRefusal, Transport, TransportError
from common.db import new_id, utc_now

log = logging.getLogger(__name__)

#: What SQLite keeps next to a store; left over from a lost store, they would be applied
#: to a new one.
_SIDE_FILES = ("-wal", "-shm", "-journal")
#: Where a signed-in person changes their own password.
PASSWORD_PATH = "/api/v1/auth/password"
#: The server's rule for a new password (server/accounts/service.py), said before one is
#: sent; the server checks it again and its refusal is told if its rule is another.
MIN_PASSWORD_LENGTH = 10


@dataclass
class UserSession:
    """Who is signed in, and what they work with.

    `online` is True while the session is linked to the server: from an online sign-in,
    or from the first request the server answered for it since an offline one (a sync);
    it turns False only when the server ends the sign-in (its refresh token refused).
    """

    profile: Profile
    store: LocalStore
    transport: Transport
    engine: SyncEngine
    online: bool
    notes: list[str] = field(default_factory=list)
    #: Why an offline sign-in is offline (None when it is online).
    link_problem: LinkProblem | None = None
    #: The lock on the store, released when the session closes.
    lock: FileLock | None = None

    def __post_init__(self) -> None:
        self.transport.on_link = self._link_changed

    def _link_changed(self, up: bool) -> None:
        if up != self.online:
            log.info("the session is %s", "online again" if up else "no longer signed in "
                     "with the server")
        self.online = up
        if up:
            self.link_problem = None

    @property
    def user(self) -> dict[str, Any]:
        """The user as the server described them at the last online sign-in."""
        return self.profile.user

    @property
    def role(self) -> str:
        """The user's role (common/roles.py)."""
        return str(self.user.get("role", ""))

    def close(self) -> None:
        """Sign out of this computer: close the link and the database file, and let the
        store go for another program."""
        self.transport.on_link = None
        self.transport.close()
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def must_change_password(user: dict[str, Any]) -> bool:
    """Whether the server asks this account for a new password before anything else (an
    administrator chose the present one)."""
    return bool(user.get("must_change_password"))


def send_password_change(transport: Transport, old: str, new: str) -> dict[str, Any]:
    """Change the password on the server, once (no retry: a repeat would find the old
    password wrong), and keep the tokens of the new sign-in it answers with; the user as
    the server now describes them. ServerRefusal or TransportError as `change_password`."""
    answer = transport.post_once(PASSWORD_PATH, json={
        "old_password": old, "new_password": new, "keep_signed_in": True})
    if not (isinstance(answer, dict) and isinstance(answer.get("user"), dict)
            and answer.get("access_token") and answer.get("refresh_token")):
        raise TransportError(f"{transport.base_url} did not answer as an ISAF Desk server",
                             LinkProblem.NOT_ISAF, transport.base_url)
    # Every earlier token of the account ended with the change: the transport holds (and
    # its store keeps, through on_tokens) the new sign-in's.
    transport.access_token, transport.refresh_token = (answer["access_token"],
                                                       answer["refresh_token"])
    if transport.on_tokens is not None:
        transport.on_tokens(transport.access_token, transport.refresh_token)
    return dict(answer["user"])


def change_password(session: UserSession, profiles: Profiles, old: str, new: str) -> bool:
    """Change the signed-in person's password on the server (online only), and go on
    with the new sign-in the server answers with; then wrap the store's key under the new
    password and renew the offline verifier, so the new password opens both here and
    the old one neither.

    ServerRefusal when the server refuses (`wrong_password`: the current password is
    wrong; `bad_request`: a new password its rules refuse), TransportError when it cannot
    be reached: nothing changed then. False when the password changed on the server but
    the key here was not wrapped under `old` (a password changed on another computer
    since this session's sign-in): the next online sign-in here opens the store with the
    server's secret and wraps it then."""
    user = send_password_change(session.transport, old, new)
    username = session.profile.username
    session.profile.user.clear()
    session.profile.user.update(user)
    session.store.set_state("user", json.dumps(user))
    profiles.keep_user(username, user)
    try:
        profiles.rewrap(username, old, new)
    except SignInError:
        log.warning("the password of %s changed, but its store's key here is wrapped under "
                    "another one: it follows at the next online sign-in", username)
        return False
    return True


def lock_store(path: Path) -> FileLock:
    """Hold the store at `path` for this process (until `release()`, or until the process
    ends); StoreInUseError when another program holds it.

    Not in LocalStore itself: a process may open a store more than once (tests, the
    command line's helpers); it is a *session* that must have it alone.
    """
    # Not thread-local: a sign-in takes it off the GUI thread, the sign-out lets it go.
    lock = FileLock(f"{path}.lock", thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreInUseError(path) from None
    except (NotImplementedError, OSError) as error:
        # A file system without locks (some network shares): work as before, unguarded.
        log.warning("the store %s cannot be locked: %s", path, error)
    return lock


def sign_in(profiles: Profiles, server: str, username: str, password: str, *,
            timeout: float = 15.0, start_again: bool = False) -> UserSession:
    """Sign in online when the server answers, else offline; SignInError when refused.

    A wrong password said by the server is final: the offline verifier is not asked, so a
    changed password takes effect on the next online sign-in.

    The account's store must be there when this computer knows the account: if it is
    missing, StoreLostError (offline: refused; online: `can_start_again`, and a second
    call with `start_again=True` makes a new store from the server's copy). A store that
    cannot be read or written raises its StoreUnavailableError; one held by another
    program, StoreInUseError; one the password (nor, online, the server's secret for this
    computer) does not unlock, StoreKeyError; one of an earlier version that could not be
    encrypted, StoreConversionError (it is left as it was).
    """
    server = normalise_server_address(server)
    known = profiles.profile(username)
    lock = lock_store(known.store_path) if known is not None else None
    try:
        session = _sign_in(profiles, server, username, password, known, lock,
                           timeout=timeout, start_again=start_again)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        # For the next sign-in, which names the device to the server before the store
        # is unlocked.
        profiles.keep_device_id(username, session.store.device_id)
    except BaseException:
        session.close()
        raise
    return session


def _sign_in(profiles: Profiles, server: str, username: str, password: str,
             known: Profile | None, lock: FileLock | None, *, timeout: float,
             start_again: bool) -> UserSession:
    lost = known is not None and not known.store_path.exists()
    # The device id the server registers is the one this account's store keeps; a first
    # sign-in (or a new start after a lost store) makes it before the store exists (the
    # store's folder is named by user id). A lost store not yet agreed to be started
    # again registers no device: the sign-in only checks the password.
    if lost:
        device_id: str | None = new_id() if start_again else None
    else:
        device_id = _device_id(known) if known is not None else new_id()
    transport = Transport(server, timeout=timeout, retries=0)
    try:
        user = transport.login(username, password, device_id=device_id,
                               device_name=platform.node())
    except TransportError as exc:
        transport.close()
        profile = profiles.sign_in_offline(username, password)
        if lost:
            assert known is not None
            raise StoreLostError(known.store_path, _lost_message(known.store_path)) from exc
        key = _unlock(profiles, username, password, profile.store_path)
        offline = Transport(profile.server, timeout=timeout)
        return _open(profile, offline, key, device_id=None, online=False, lock=lock,
                     notes=[f"working offline: {exc}"], link_problem=exc.problem)
    except ServerRefusal as refusal:
        transport.close()
        raise SignInError(str(refusal)) from None
    if lost and not start_again:
        assert known is not None
        try:
            transport.logout()  # nothing is kept of a sign-in the person may not go on with
        except (TransportError, ServerRefusal):
            log.info("the check-only sign-in could not be ended on the server")
        finally:
            transport.close()
        raise StoreLostError(known.store_path, _lost_message(known.store_path),
                             can_start_again=True)
    profile = profiles.remember(username, password, user, server, device_id=device_id)
    if lock is None or known is None or profile.store_path != known.store_path:
        # A first sign-in (the folder is known now), or the server knows the name under
        # another id (an account made again, another server): hold the store this
        # session opens, not the one it leaves.
        held = lock_store(profile.store_path)
        if lock is not None:
            lock.release()
        lock = held
    if lost:
        _set_aside_leftovers(profile.store_path)
        log.warning("the store of %s was lost: starting again from the server's copy at %s",
                    profile.username, profile.store_path)
    try:
        # The server's secret opens the key after a password change made elsewhere; a
        # store that is not there (a first sign-in, a new start) may take a new key.
        key = _unlock(profiles, username, password, profile.store_path,
                      device_key=device_secret(transport.device_key))
        session = _open(profile, transport, key, device_id=device_id, online=True, lock=lock,
                        notes=[])
    except BaseException:
        lock.release()  # the caller only knows the lock it took, maybe not this one
        if known is None:
            # A first sign-in whose store could not be made: this computer does not know
            # the account yet, so the next try is a first sign-in again, not a lost store.
            profiles.forget(username)
        raise
    try:
        session.store.set_state("server", server)
        session.store.set_state("user", json.dumps(user))
        # An account that must choose its password first may do nothing else yet: its
        # keys are registered at its first sync, after the change.
        if not must_change_password(user):
            try:
                session.engine.register_keys()
            except (TransportError, ServerRefusal) as exc:
                session.notes.append(f"USB bundles will not work until the next sync: {exc}")
    except BaseException:
        session.close()
        raise
    return session


def _unlock(profiles: Profiles, username: str, password: str, path: Path, *,
            device_key: bytes | None = None) -> bytes:
    """The key of the store at `path` (`Profiles.unlock`); a store not there yet (a first
    sign-in, a new start) may take a new one."""
    if not profiles.has_store_key(username) and not is_plain(path) \
            and path.exists() and path.stat().st_size > 0:
        # Neither a plain store nor one ever encrypted with a key kept here: damaged, or
        # not an ISAF Desk file. Said so, and left as it is.
        raise StoreUnreadableError(path.absolute())
    return profiles.unlock(username, password, device_key=device_key,
                           allow_new=not path.exists())


def _lost_message(path: Path) -> str:
    return (f"this account's data file on this computer is missing: {path} was not found. "
            "It was there after the last sign-in, so it was deleted or moved; a copy kept "
            "on this computer may hold the changes that were not sent (Restore a backup…). "
            "Sign in with a connection to the server to start again from the server's copy")


def _set_aside_leftovers(path: Path) -> None:
    """Rename what SQLite left next to a lost store (its write-ahead log), so the new
    store does not take it for its own: it is kept, for whoever may recover from it."""
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    for suffix in _SIDE_FILES:
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            os.replace(leftover, leftover.with_name(f"{leftover.name}.lost-{stamp}"))


def _device_id(profile: Profile) -> str:
    """The id the server knows the account's store by, read before the store is unlocked:
    kept with the account, else (a store of an earlier version, not encrypted yet) read
    from the store."""
    # Not readable from an encrypted store without its key, and not kept (never so after
    # a sign-in with this version): a new one, and the store keeps its own.
    return profile.device_id or plain_state(profile.store_path, "device_id") or new_id()


def _open(profile: Profile, transport: Transport, key: bytes, *, device_id: str | None,
          online: bool, lock: FileLock | None, notes: list[str],
          link_problem: LinkProblem | None = None) -> UserSession:
    # A store of an earlier version is encrypted first, as it is: nothing of it is lost,
    # and no plain copy stays (StoreConversionError, and the file untouched, if it fails).
    if encrypt_plain_store(profile.store_path, key):
        log.info("the store of %s is now encrypted", profile.username)
    # One copy a day of the account's data, kept beside it (client/store/migrations.py).
    store = LocalStore(profile.store_path, key=key, daily_backup=True)
    try:
        # One write at once: a store that cannot be written is said at sign-in, not
        # after a whole form was typed.
        store.set_state("opened_at", utc_now().isoformat(timespec="seconds"))
        if device_id is not None and store.get_state("device_id") is None:
            store.set_state("device_id", device_id)
        if online:
            _keep_tokens(store, transport)
        else:
            transport.access_token = store.get_state("access_token")
            transport.refresh_token = store.get_state("refresh_token")
            transport.on_tokens = _token_keeper(store)
    except StoreUnavailableError:
        store.close()
        transport.close()
        raise
    return UserSession(profile, store, transport, SyncEngine(store, transport), online, notes,
                       link_problem=link_problem, lock=lock)


def _token_keeper(store: LocalStore) -> Callable[[str | None, str | None], None]:
    def keep(access: str | None, refresh: str | None) -> None:
        store.set_state("access_token", access)
        store.set_state("refresh_token", refresh)

    return keep


def _keep_tokens(store: LocalStore, transport: Transport) -> None:
    keep = _token_keeper(store)
    keep(transport.access_token, transport.refresh_token)
    transport.on_tokens = keep
