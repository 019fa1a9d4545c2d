"""The people who use this computer, and signing them in with or without a link.

Several people may share one office computer. Each account that ever signed in here has
a *profile*: its own folder holding its own local store (so its own device id, outbox and
tokens), and an offline sign-in verifier. The verifier is a salted scrypt hash of the
password, never the password itself. The store is encrypted with a key of its own, kept
here only wrapped under the password (with another salt) and under the server's secret for
this computer (client/store/crypto.py): `unlock` gives it to the right password.

An offline sign-in is accepted for `OFFLINE_DAYS` after the last online one; after that the
person must reach the server once, so a deactivated account or a changed password catches
up with every computer.

Wrong offline passwords are slowed down as the server slows down wrong online ones: after
`OFFLINE_FREE_FAILURES` in a row, each further try waits, longer and longer up to
`OFFLINE_LONGEST_WAIT`. The count and the time of the next allowed try are kept with the
account in `accounts.json`, so starting the application again does not reset them; a
right password (after the wait) or an online sign-in does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from client.store import crypto
from common.db import utc_now

#: How long an online sign-in lets the same person sign in offline on this computer.
OFFLINE_DAYS = 30
#: scrypt's cost: about 50 ms on an old laptop, so guessing from a stolen file is slow.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
#: Wrong offline passwords in a row accepted without a wait (the server allows five
#: failed sign-ins per account in 15 minutes: server/config.py).
OFFLINE_FREE_FAILURES = 5
#: The wait after the first failure past those, doubled at each further one...
OFFLINE_FIRST_WAIT = timedelta(seconds=30)
#: ... up to the server's own window.
OFFLINE_LONGEST_WAIT = timedelta(minutes=15)


class SignInError(ValueError):
    """A sign-in this computer refuses, with a message for the person.

    `reason` tells screens which refusal it is (to say it in the person's language):
    "never_signed_in", "wrong_password", "wait", "expired", "must_change_password" (the
    server asked for a new password, which only an online sign-in can give), or
    "refused". `wait` is how long until the next try is taken ("wait"; after a wrong
    password, the wait it now brings on, if any).
    """

    def __init__(self, message: str, *, reason: str = "refused",
                 wait: timedelta | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.wait = wait


def offline_wait(failures: int) -> timedelta | None:
    """How long the next offline try waits after `failures` wrong passwords in a row."""
    beyond = failures - OFFLINE_FREE_FAILURES
    if beyond < 0:
        return None
    return min(OFFLINE_FIRST_WAIT * (2 ** min(beyond, 16)), OFFLINE_LONGEST_WAIT)


@dataclass(frozen=True)
class Profile:
    """One account's place on this computer."""

    username: str
    user: dict[str, Any]
    server: str
    last_online: datetime
    folder: Path
    #: The id the server knows this account's store by (None before this computer kept
    #: it here: the store itself holds it too).
    device_id: str | None = None

    @property
    def store_path(self) -> Path:
        """The account's local database."""
        return self.folder / "store.sqlite"

    @property
    def offline_until(self) -> datetime:
        """When offline sign-in stops being accepted without an online one."""
        return self.last_online + timedelta(days=OFFLINE_DAYS)


class Profiles:
    """The accounts known to this computer, kept in `accounts.json` under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._file = root / "accounts.json"

    def _load(self) -> dict[str, dict[str, Any]]:
        if not self._file.exists():
            return {}
        return json.loads(self._file.read_text(encoding="utf-8"))

    def _save(self, accounts: dict[str, dict[str, Any]]) -> None:
        partial = self._file.with_suffix(".partial")
        partial.write_text(json.dumps(accounts, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(partial, self._file)

    def usernames(self) -> list[str]:
        """Accounts that signed in here, for the sign-in screen's list."""
        return sorted(entry["username"] for entry in self._load().values())

    def profile(self, username: str) -> Profile | None:
        """The profile of an account, or None if it never signed in here."""
        entry = self._load().get(username.strip().lower())
        return _profile(self.root, entry) if entry else None

    def remember(self, username: str, password: str, user: dict[str, Any],
                 server: str, *, device_id: str | None = None) -> Profile:
        """After an online sign-in: keep (or renew) the account's verifier and profile;
        its store's wrapped key and device id stay."""
        accounts = self._load()
        key = username.strip().lower()
        salt = secrets.token_bytes(16)
        kept = {name: value for name, value in accounts.get(key, {}).items()
                if name in ("store_key", "device_id")}
        accounts[key] = {
            **kept,
            "username": user.get("username", username), "user": user, "server": server,
            "last_online": utc_now().isoformat(), "salt": salt.hex(),
            "verifier": _derive(password, salt).hex(),
            # The folder is named by the user's id: a renamed account keeps its data.
            "folder": str(user["id"])}
        if device_id is not None:
            accounts[key]["device_id"] = device_id
        self._save(accounts)
        return _profile(self.root, accounts[key])

    def unlock(self, username: str, password: str, *, device_key: bytes | None = None,
               allow_new: bool = False) -> bytes:
        """The key of the account's store, for its password (and, after a sign-in with a
        connection, the server's secret for this computer: `crypto.unlock`); a new key
        when the account has none yet. A key found with the server's secret is wrapped
        again under `password` and kept. StoreKeyError when neither opens it (the store
        is left as it is)."""
        accounts = self._load()
        entry = accounts.get(username.strip().lower())
        if entry is None:
            raise SignInError("this account never signed in on this computer",
                              reason="never_signed_in")
        store = _profile(self.root, entry).store_path
        data_key, wrappings = crypto.unlock(entry.get("store_key"), password,
                                            device_key=device_key, allow_new=allow_new,
                                            store=store)
        if wrappings != entry.get("store_key"):
            entry["store_key"] = wrappings
            self._save(accounts)
        return data_key

    def has_store_key(self, username: str) -> bool:
        """Whether a key of the account's store is kept here (none before its first sign-in
        with this version)."""
        entry = self._load().get(username.strip().lower())
        return bool(entry and entry.get("store_key"))

    def rewrap(self, username: str, old_password: str, new_password: str) -> None:
        """After a password change on this computer: the store's key wrapped under the new
        password, and the offline verifier renewed, so both the store and an offline
        sign-in take the new password (and no longer the old one). SignInError with reason
        "wrong_password" when `old_password` does not open the key."""
        accounts = self._load()
        entry = accounts.get(username.strip().lower())
        if entry is None:
            raise SignInError("this account never signed in on this computer",
                              reason="never_signed_in")
        wrappings = crypto.rewrap(entry.get("store_key") or {}, old_password, new_password)
        if wrappings is None:
            raise SignInError("wrong password", reason="wrong_password")
        salt = secrets.token_bytes(16)
        entry.update(store_key=wrappings, salt=salt.hex(),
                     verifier=_derive(new_password, salt).hex())
        self._save(accounts)

    def keep_device_id(self, username: str, device_id: str) -> None:
        """Keep the id the server knows the account's store by (read before the store is
        unlocked, for the next sign-in)."""
        accounts = self._load()
        entry = accounts.get(username.strip().lower())
        if entry is not None and entry.get("device_id") != device_id:
            entry["device_id"] = device_id
            self._save(accounts)

    def username_of(self, folder: Path) -> str | None:
        """The account whose profile folder is `folder`, if any."""
        for name, entry in self._load().items():
            if (self.root / "profiles" / entry["folder"]).absolute() == folder.absolute():
                return name
        return None

    def sign_in_offline(self, username: str, password: str, *,
                        now: datetime | None = None) -> Profile:
        """The profile, if the password matches the verifier and the last online sign-in
        is recent enough; SignInError otherwise.

        After too many wrong passwords in a row the password is not even checked until
        the wait is over (SignInError with reason "wait")."""
        now = now or utc_now()
        key = username.strip().lower()
        accounts = self._load()
        entry = accounts.get(key)
        if entry is None:
            raise SignInError("this account never signed in on this computer: the first "
                              "sign-in needs a link to the server", reason="never_signed_in")
        wait = self.offline_wait(username, now=now)
        if wait is not None:
            raise SignInError(f"too many wrong passwords: wait {wait_minutes(wait)} minute(s)",
                              reason="wait", wait=wait)
        if not hmac.compare_digest(_derive(password, bytes.fromhex(entry["salt"])).hex(),
                                   entry["verifier"]):
            failures = int(entry.get("failures", 0)) + 1
            entry["failures"] = failures
            after = offline_wait(failures)
            entry["retry_after"] = (now + after).isoformat() if after else None
            self._save(accounts)
            raise SignInError("wrong username or password", reason="wrong_password",
                              wait=after)
        if entry.get("failures"):
            entry.pop("failures", None)
            entry.pop("retry_after", None)
            self._save(accounts)
        profile = _profile(self.root, entry)
        if now > profile.offline_until:
            raise SignInError(f"no online sign-in for more than {OFFLINE_DAYS} days: connect "
                              "to the server once to sign in again", reason="expired")
        if profile.user.get("must_change_password"):
            # The password an administrator chose was not replaced yet (the person
            # cancelled): it opens nothing but the change, which needs the server.
            raise SignInError("a new password must be chosen first: sign in with a "
                              "connection to the server", reason="must_change_password")
        return profile

    def knew_password(self, username: str, password: str) -> bool:
        """Whether `password` is the one of the account's last online sign-in here (its
        verifier), without counting a wrong one: after the server refused it, it tells a
        password changed since (by an administrator, or on another computer) from a
        mistyped one."""
        entry = self._load().get(username.strip().lower())
        if entry is None:
            return False
        return hmac.compare_digest(_derive(password, bytes.fromhex(entry["salt"])).hex(),
                                   entry["verifier"])

    def keep_user(self, username: str, user: dict[str, Any]) -> None:
        """Keep the server's newer description of the account (after a password change
        that cleared `must_change_password`)."""
        accounts = self._load()
        entry = accounts.get(username.strip().lower())
        if entry is not None:
            entry["user"] = user
            self._save(accounts)

    def offline_wait(self, username: str, *, now: datetime | None = None) -> timedelta | None:
        """How long until an offline sign-in of this account is tried again; None when
        it may be tried now."""
        now = now or utc_now()
        accounts = self._load()
        entry = accounts.get(username.strip().lower())
        if entry is None or not entry.get("retry_after"):
            return None
        left = datetime.fromisoformat(entry["retry_after"]) - now
        if left <= timedelta(0):
            return None
        if left > OFFLINE_LONGEST_WAIT:
            # The wrong passwords were typed while the clock ran ahead, and it was put
            # right since: the kept time would lock the person out for as long as the
            # clock was wrong. Bring it back to the longest wait, from now, for good.
            entry["retry_after"] = (now + OFFLINE_LONGEST_WAIT).isoformat()
            self._save(accounts)
            left = OFFLINE_LONGEST_WAIT
        return left

    def forget(self, username: str) -> None:
        """Stop accepting offline sign-ins for an account (its data folder stays)."""
        accounts = self._load()
        accounts.pop(username.strip().lower(), None)
        self._save(accounts)


def wait_minutes(wait: timedelta) -> int:
    """A wait in whole minutes, rounded up (at least one)."""
    return max(1, -(-int(wait.total_seconds()) // 60))


def _derive(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)


def _profile(root: Path, entry: dict[str, Any]) -> Profile:
    folder = root / "profiles" / entry["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    return Profile(username=entry["username"], user=entry["user"], server=entry["server"],
                   last_online=datetime.fromisoformat(entry["last_online"]), folder=folder,
                   device_id=entry.get("device_id"))
