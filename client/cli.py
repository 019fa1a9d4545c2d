"""`isaf-desk`: the desktop client's command line. `gui` opens the desktop application;
the other commands sign in, sync, carry USB bundles, print and export without the screens.

    isaf-desk gui [--server URL] [--user NAME] [--data-dir DIR]
    isaf-desk --store FILE login --server URL USERNAME
    isaf-desk --store FILE password
    isaf-desk --store FILE sync now
    isaf-desk --store FILE sync status
    isaf-desk --store FILE bundle export [FILE]
    isaf-desk --store FILE bundle import FILE [--return-file FILE]
    isaf-desk --store FILE print form|poster UNIT_CODE --year YEAR [--official-only] OUT.pdf
    isaf-desk --store FILE print batch --area CODE --year YEAR [--per-unit] OUT
    isaf-desk --store FILE export national --year YEAR [--official-only] OUT.xlsx

The local store defaults to isaf-desk.sqlite in the current folder (ISAF_DESK_STORE).
A command holds the store alone while it runs: a store open in the desktop application
(or in another command) is refused in words, never written under it.

`login` encrypts the store (client/store/crypto.py): its key is kept wrapped under the
password in `FILE.key` beside it (or, for a store of the desktop application's data
folder, with its account in `accounts.json`). Every later command asks the password,
hidden, to unlock it (or reads it from ISAF_DESK_PASSWORD, for scripts).

`password` changes the person's password on the server (online), goes on with the new
sign-in the server answers with, and wraps the store's key under the new password (for a
store of the desktop application, renews the offline sign-in's verifier too). An account
whose password an administrator chose can do nothing else until then.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from filelock import FileLock

from client.address import AddressError, normalise_server_address
from client.profiles import Profiles, SignInError
from client.restore import put_back
from client.session import MIN_PASSWORD_LENGTH, lock_store, send_password_change
from client.store import migrations
from client.store.crypto import KeyFile, device_secret, encrypt_plain_store, is_plain, plain_state
from client.store.errors import (
    StoreError,
    StoreInUseError,
    StoreUnavailableError,
    StoreUnreadableError,
)
from client.store.repository import LocalStore
from client.sync import bundles
from client.sync.engine import SyncEngine
from client.sync.transport import ServerRefusal, Transport, TransportError
from common.db import new_id
from common.sync.bundle import BundleError, read_bundle, save
from common.sync.kinds import KINDS
from common.sync.protocol import ProtocolError

if TYPE_CHECKING:
    from common.documents import DocumentOptions
    from common.documents.data import Language, PageSize
    from common.khmer import Digits


#: The password of an encrypted store, for scripts; without it, the command asks.
PASSWORD_VARIABLE = "ISAF_DESK_PASSWORD"


class _ProfileKeys:
    """The wrapped key of a desktop profile's store, kept with its account."""

    def __init__(self, profiles: Profiles, username: str) -> None:
        self.profiles, self.username = profiles, username

    def exists(self) -> bool:
        return self.profiles.has_store_key(self.username)

    @property
    def device_id(self) -> str | None:
        profile = self.profiles.profile(self.username)
        return profile.device_id if profile is not None else None

    def unlock(self, password: str, *, device_key: bytes | None = None,
               allow_new: bool = False, device_id: str | None = None) -> bytes:
        key = self.profiles.unlock(self.username, password, device_key=device_key,
                                   allow_new=allow_new)
        if device_id:
            self.profiles.keep_device_id(self.username, device_id)
        return key

    def rewrap(self, old_password: str, new_password: str) -> bool:
        try:
            self.profiles.rewrap(self.username, old_password, new_password)
        except SignInError:
            return False
        return True


def _keys_of(path: Path) -> KeyFile | _ProfileKeys:
    """Where the wrapped key of the store at `path` is kept: with its account for a store
    of the desktop application's data folder, else in `<store>.key` beside it."""
    folder = path.absolute().parent
    root = folder.parent.parent
    if folder.parent.name == "profiles" and (root / "accounts.json").exists():
        profiles = Profiles(root)
        username = profiles.username_of(folder)
        if username is not None:
            return _ProfileKeys(profiles, username)
    return KeyFile(path)


class _Context:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.password: str | None = None
        self._store: LocalStore | None = None
        self._lock: FileLock | None = None

    @property
    def store(self) -> LocalStore:
        if self._store is None:
            self.hold()
            keys = _keys_of(self.path)
            # A store no one signed in to with `login` (nor the desktop application) has
            # no key yet: it is opened as it is, and `login` encrypts it.
            self.open(keys.unlock(self.ask_password()) if keys.exists() else None)
        assert self._store is not None
        return self._store

    def hold(self) -> None:
        """Hold the store alone (before the file is opened: the desktop application may
        be writing it)."""
        if self._lock is not None:
            return
        try:
            self._lock = lock_store(self.path)
        except StoreInUseError:
            raise click.ClickException(
                f"this account's data ({self.path}) is open in ISAF Desk on this "
                "computer: close it first (or wait for the other command to end)") from None

    def open(self, key: bytes | None) -> LocalStore:
        """Open the held store, with its key (a plain one is encrypted first)."""
        try:
            if key is not None:
                encrypt_plain_store(self.path, key)
            self._store = LocalStore(self.path, key=key)
        except StoreUnavailableError as problem:
            self._release()
            raise click.ClickException(str(problem)) from None
        return self._store

    def ask_password(self) -> str:
        """The store's password: given, else from ISAF_DESK_PASSWORD, else asked."""
        if self.password is None:
            self.password = os.environ.get(PASSWORD_VARIABLE) or click.prompt(
                "Password (to unlock the local data)", hide_input=True)
        return self.password

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def transport(self) -> Transport:
        server = self.store.get_state("server")
        if not server:
            raise click.ClickException("no server yet: run 'isaf-desk login --server URL USER'")
        store = self.store

        def keep(access: str | None, refresh: str | None) -> None:
            store.set_state("access_token", access)
            store.set_state("refresh_token", refresh)

        transport = Transport(server, on_tokens=keep)
        transport.access_token = store.get_state("access_token")
        transport.refresh_token = store.get_state("refresh_token")
        return transport


pass_context = click.make_pass_decorator(_Context)


class _Commands(click.Group):
    """The command group; a store that cannot be used ends any command in words."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreUnavailableError as problem:
            raise click.ClickException(str(problem)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_path", envvar="ISAF_DESK_STORE", default="isaf-desk.sqlite",
              show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The local database file [env ISAF_DESK_STORE].")
@click.pass_context
def main(ctx: click.Context, store_path: Path) -> None:
    """ISAF Desk, the desktop client: `gui` opens the desktop application; the other
    commands sign in, sync, carry USB bundles, print and export from the command line."""
    ctx.obj = _Context(store_path)
    ctx.call_on_close(ctx.obj.close)


@main.command("login")
@click.option("--server", required=True, help="The server's address, e.g. http://10.0.0.5:8000")
@click.argument("username")
@click.password_option(confirmation_prompt=False)
@pass_context
def login(context: _Context, server: str, username: str, password: str) -> None:
    """Sign in to a server from this computer (registers the computer as a device)."""
    try:
        server = normalise_server_address(server)
    except AddressError as problem:
        raise click.ClickException(f"{problem}: write it like http://192.168.1.10:5000") \
            from None
    context.hold()
    keys = _keys_of(context.path)
    if not keys.exists() and context.path.exists() and not is_plain(context.path) \
            and context.path.stat().st_size > 0:
        # Neither plain nor encrypted with a key kept here: damaged, or another file.
        raise StoreUnreadableError(context.path.absolute())
    device_id = keys.device_id or plain_state(context.path, "device_id") or new_id()
    transport = Transport(server)
    try:
        user = transport.login(username, password, device_id=device_id,
                               device_name=platform.node())
    except (ServerRefusal, TransportError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        transport.close()
    # The server's secret for this device opens a key wrapped under an earlier password;
    # a store not there yet, or not encrypted yet, takes a new key.
    new = not context.path.exists() or is_plain(context.path)
    context.password = password
    store = context.open(keys.unlock(password, device_key=device_secret(transport.device_key),
                                     allow_new=new, device_id=device_id))
    if store.get_state("device_id") is None:
        store.set_state("device_id", device_id)
    store.set_state("server", server)
    store.set_state("access_token", transport.access_token)
    store.set_state("refresh_token", transport.refresh_token)
    store.set_state("user", json.dumps(user))
    transport = context.transport()
    try:
        # The keys for USB bundles: this may be the last time the computer is online.
        SyncEngine(store, transport).register_keys()
    except (ServerRefusal, TransportError) as exc:
        click.echo(f"warning: USB bundles will not work yet: {exc}", err=True)
    finally:
        transport.close()
    click.echo(f"signed in as {user['username']} ({user['role']})")
    if user.get("must_change_password"):
        click.echo("your password was set by an administrator: choose your own now with "
                   "'isaf-desk password' (nothing else works until then)")


@main.command("password")
@pass_context
def password_command(context: _Context) -> None:
    """Change your password on the server (needs a connection). A password needs at
    least 10 characters; the old one stops working everywhere, here too."""
    old = context.ask_password()
    store = context.store  # unlocked with the current password: it is checked here first
    new = click.prompt(f"New password (at least {MIN_PASSWORD_LENGTH} characters)",
                       hide_input=True, confirmation_prompt="New password again")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"the new password is too short: it has {len(new)} "
                                   f"characters, and it needs at least {MIN_PASSWORD_LENGTH}")
    if new == old:
        raise click.ClickException("the new password is the same as the current one: "
                                   "choose another")
    transport = context.transport()
    try:
        user = send_password_change(transport, old, new)
    except ServerRefusal as exc:
        if exc.code == "wrong_password":
            raise click.ClickException("the current password is not right: your password "
                                       "was not changed") from None
        raise click.ClickException(f"the server refused: {exc}; your password was not "
                                   "changed") from None
    except TransportError as exc:
        raise click.ClickException(f"{exc}: your password was not changed; try again once "
                                   "the connection is back") from None
    finally:
        transport.close()
    store.set_state("user", json.dumps(user))
    keys = _keys_of(context.path)
    if isinstance(keys, _ProfileKeys):
        keys.profiles.keep_user(keys.username, user)
    context.password = new
    if not keys.rewrap(old, new):
        click.echo("warning: this store's key is wrapped under another password: it follows "
                   "the new one at the next 'isaf-desk login'", err=True)
    click.echo(f"password changed for {user.get('username', '')}: use the new one from now on")


@main.group()
def sync() -> None:
    """Synchronise this computer with its server."""


@sync.command("now")
@pass_context
def sync_now(context: _Context) -> None:
    """Push unsent changes, pull the server's, and compare checksums."""
    transport = context.transport()
    engine = SyncEngine(context.store, transport)

    def show(stage: str, done: int, total: int) -> None:
        click.echo(f"  {stage}: {done}/{total}", err=True)

    try:
        report = engine.sync(progress=show)
    except TransportError as exc:
        raise click.ClickException(f"{exc}; your changes are kept and will be sent next "
                                   "time") from None
    except ServerRefusal as exc:
        raise click.ClickException(f"the server refused: {exc}") from None
    finally:
        transport.close()
    click.echo(json.dumps({"pushed": report.pushed, "results": report.results,
                           "pulled": report.pulled, "pages": report.pages,
                           "open_conflicts": report.conflicts,
                           "checksum_ok": report.checksum_ok, "behind": report.behind,
                           "requests": transport.requests,
                           "bytes_sent": transport.bytes_sent,
                           "bytes_received": transport.bytes_received}, indent=2))
    if report.behind is not None:
        running = report.behind.get("running_for")
        since = f" (begun {running} s ago)" if running is not None else ""
        click.echo("some of the server's changes are not here yet: a write still in progress "
                   f"on the server{since} holds them back; a later sync brings them (if it "
                   "lasts, tell whoever looks after the server)", err=True)
    if report.checksum_ok is None:
        if report.behind is None:  # else the line above says why
            click.echo("not compared with the server this time: its data was changing; the "
                       "next sync compares", err=True)
    elif not report.checksum_ok:
        raise click.ClickException("after pulling again, this computer still differs from "
                                   "the server: report it to your district office")


@sync.command("status")
@pass_context
def sync_status(context: _Context) -> None:
    """What waits to be sent, open conflicts, held operations, the last sync."""
    store = context.store
    # Held, refused, or answered "conflict" with a message (a delete or an edit that met
    # a change elsewhere): each needs a person's eye, so each is listed.
    held = [op for op in store.outbox("quarantined", "rejected", "conflict")
            if op.state != "conflict" or (op.receipt or {}).get("message")]
    click.echo(json.dumps({
        "server": store.get_state("server"), "device_id": store.device_id,
        "last_sync": store.get_state("last_sync"), "unsent": store.unsent_count(),
        "open_conflicts": len(store.open_conflicts()),
        "held_or_refused": [{"op_id": op.op_id, "state": op.state,
                             "message": (op.receipt or {}).get("message")} for op in held],
        "forms": len(store.forms()),
        "records": {kind: len(store.records(kind)) for kind in KINDS},
        "last_bundle": json.loads(store.get_state("last_bundle") or "null"),
    }, indent=2))


@main.group()
def backups() -> None:
    """The copies of the store kept beside it, and putting one back."""


@backups.command("list")
@pass_context
def backups_list(context: _Context) -> None:
    """The copies of the store, newest first: when (UTC), why, file."""
    for copy in migrations.backups(context.path):
        click.echo(f"{copy.made_at:%Y-%m-%d %H:%M:%S}  {copy.why:<15}  {copy.path.name}")


@backups.command("restore")
@click.argument("name")
@pass_context
def backups_restore(context: _Context, name: str) -> None:
    """Put the copy NAME (a file name from `backups list`) back as the store; the store it
    replaces is kept as a copy too. What was typed after the copy and not sent is not in
    it."""
    chosen = next((c for c in migrations.backups(context.path) if c.path.name == name), None)
    if chosen is None:
        raise click.ClickException(f"no copy named {name}: see 'isaf-desk backups list'")
    keys = _keys_of(context.path)
    key = keys.unlock(context.ask_password()) if keys.exists() else None
    try:
        done = put_back(context.path, key, chosen)
    except StoreInUseError:
        raise click.ClickException(
            f"this account's data ({context.path}) is open in ISAF Desk on this computer: "
            "close it first") from None
    except StoreError as problem:
        raise click.ClickException(f"nothing was put back: {problem}") from None
    click.echo(f"put back the copy of {chosen.made_at:%Y-%m-%d %H:%M:%S} (UTC); the store "
               f"it replaced is kept as {done.replaced_kept_at}")


@main.group()
def bundle() -> None:
    """USB bundles, for a computer that cannot get online."""


@bundle.command("export")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@pass_context
def bundle_export(context: _Context, path: Path | None) -> None:
    """Write every change the server has not acknowledged to a signed bundle file (on a
    USB stick, say) for the district office. Bundles are cumulative: the newest one is
    always enough."""
    store = context.store
    target = path or Path(bundles.default_name(store))
    if target.is_dir():
        target = target / bundles.default_name(store)
    # Building the payload needs no network: the engine's transport is never used here.
    engine = SyncEngine(store, Transport(store.get_state("server") or "http://offline"))
    try:
        result = bundles.export_bundle(store, engine, target)
    except BundleError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        engine.transport.close()
    manifest = result.manifest
    click.echo(f"wrote {result.path}: {manifest['op_count']} operation(s), bundle "
               f"{manifest['bundle_seq']} of this computer")


@bundle.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--return-file", "return_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="For another computer's bundle: where to write the return "
                                 "bundle [default: next to it, ending -return.isafbundle].")
@pass_context
def bundle_import(context: _Context, path: Path, return_file: Path | None) -> None:
    """Import a bundle. The server's return bundle for this computer is taken in here;
    another computer's bundle is carried to the server (this computer must be online and
    signed in) and its return bundle written for the trip back."""
    data = path.read_bytes()
    try:
        kind = read_bundle(data).kind
    except BundleError as exc:
        raise click.ClickException(exc.message) from None
    store = context.store
    if kind == "return":
        engine = SyncEngine(store, Transport(store.get_state("server") or "http://offline"))
        try:
            outcome = bundles.import_return(store, engine, data)
        except ProtocolError as exc:
            raise click.ClickException(f"refused: {exc.message}; nothing was changed") from None
        finally:
            engine.transport.close()
        click.echo(json.dumps({"already_imported": outcome.already_imported,
                               "receipts": outcome.receipts, "results": outcome.results,
                               "changes": outcome.changes, "checksum_ok": outcome.checksum_ok,
                               "notes": outcome.notes}, indent=2, ensure_ascii=False))
        return
    if read_bundle(data).manifest.get("device_id") == store.device_id:
        raise click.ClickException("this is this computer's own bundle: take it to the "
                                   "district office (or simply sync, if you are online)")
    transport = context.transport()
    try:
        report, returned = bundles.deliver(transport, data)
    except ServerRefusal as exc:
        raise click.ClickException(f"the server refused: {exc}") from None
    except TransportError as exc:
        raise click.ClickException(f"{exc}: carrying bundles needs a link to the server") \
            from None
    except BundleError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        transport.close()
    target = return_file or path.with_name(f"{path.stem}-return.isafbundle")
    save(target, returned)
    click.echo(json.dumps({**report, "return_file": str(target)}, indent=2,
                          ensure_ascii=False))


@main.command("gui")
@click.option("--server", metavar="URL", default=None,
              help="The server address to show on the sign-in screen.")
@click.option("--user", "username", metavar="NAME", default=None,
              help="The user name to show on the sign-in screen.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where accounts, their local data and the log live [default: "
                   "ISAF_DESK_HOME, else the system's per-user data folder].")
@click.pass_context
def gui(ctx: click.Context, server: str | None, username: str | None,
        data_dir: Path | None) -> None:
    """Open the desktop application at its sign-in screen (--store is not used: every
    account keeps its own store in the data folder)."""
    # Qt loads only here: the sync commands keep working where PySide6 cannot start.
    from client.app import main as run_application

    argv = [*(["--server", server] if server else []),
            *(["--user", username] if username else []),
            *(["--data-dir", str(data_dir)] if data_dir else [])]
    ctx.exit(run_application(argv))


@main.group("print")
def print_group() -> None:
    """Blank data-collection forms and I4C posters as PDF, from this computer's data."""


def _print_options(language: Language, digits: Digits | None, size: PageSize | None,
                   official_only: bool) -> DocumentOptions:
    # ReportLab and HarfBuzz load only for printing: sync commands start at once.
    from common.documents import DocumentOptions

    return DocumentOptions(language=language, digits=digits, page_size=size,
                           proposed_standards=not official_only)


_language = click.option("--language", type=click.Choice(["km", "en", "km+en"]), default="km",
                         show_default=True, help="Khmer, English, or both side by side.")
_digits = click.option("--digits", type=click.Choice(["khmer", "arabic"]), default=None,
                       help="Digits of figures [default: Khmer, Arabic for English].")
_official_only = click.option(
    "--official-only", "official_only", is_flag=True,
    help="Leave out proposed standards (not yet official national standards): they are "
         "neither printed nor judged met or not met.")


@print_group.command("form")
@click.argument("unit_code")
@click.option("--year", type=int, required=True)
@_language
@_digits
@_official_only
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def print_form(context: _Context, unit_code: str, year: int, language: Language,
               digits: Digits | None, official_only: bool, out: Path) -> None:
    """Write a unit's blank data-collection form (A4)."""
    from client import documents

    try:
        documents.write_form(context.store, unit_code, year,
                             _print_options(language, digits, "A4", official_only), out)
    except documents.PrintError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}")


@print_group.command("poster")
@click.argument("unit_code")
@click.option("--year", type=int, required=True)
@_language
@_digits
@_official_only
@click.option("--size", type=click.Choice(["A3", "A2"]), default="A3", show_default=True)
@click.option("--any-status", is_flag=True, help="Also print a form not yet approved "
              "(marked as a draft).")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def print_poster(context: _Context, unit_code: str, year: int, language: Language,
                 digits: Digits | None, official_only: bool, size: PageSize, any_status: bool,
                 out: Path) -> None:
    """Write a unit's I4C poster."""
    from client import documents

    try:
        documents.write_poster(context.store, unit_code, year,
                               _print_options(language, digits, size, official_only), out,
                               any_status=any_status)
    except documents.PrintError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}")


@print_group.command("batch")
@click.option("--area", "area", required=True, help="District or commune code.")
@click.option("--year", type=int, required=True)
@click.option("--document", type=click.Choice(["poster", "form"]), default="poster",
              show_default=True)
@click.option("--one-file/--per-unit", "one_file", default=True, show_default=True)
@_language
@_digits
@_official_only
@click.option("--any-status", is_flag=True, help="Also print forms not yet approved.")
@click.argument("out", type=click.Path(path_type=Path))
@pass_context
def print_batch(context: _Context, area: str, year: int, document: str, one_file: bool,
                language: Language, digits: Digits | None, official_only: bool,
                any_status: bool, out: Path) -> None:
    """Print every unit of a district or commune on this computer."""
    from client import documents

    units = documents.units_in_area(context.store, area)
    with click.progressbar(length=len(units), label=f"{document}s of {area}",
                           file=click.get_text_stream("stderr")) as bar:
        try:
            result = documents.write_batch_for_area(
                context.store, area, year, out, document=document, one_file=one_file,
                options=_print_options(language, digits, None, official_only),
                any_status=any_status,
                progress=lambda done, total, label: bar.update(1))
        except documents.PrintError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"printed {len(result.printed)} of {len(units)} units; skipped "
               f"{len(result.skipped)}")


@main.group("export")
def export_group() -> None:
    """Excel reports from the data on this computer."""


@export_group.command("national")
@click.option("--year", type=int, required=True, help="The reporting year.")
@click.option("--service", type=click.Choice(["cs_admin", "health_center", "primary_school"]),
              default=None, help="Only this service kind [default: all three].")
@click.option("--scope", metavar="CODE", default=None,
              help="Only this province (2 digits), district (4) or commune (6).")
@click.option("--official-only", "official_only", is_flag=True,
              help="Judge official national standards only: for a proposed standard (not "
                   "yet official) no met or not met is written.")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def export_national(context: _Context, year: int, service: str | None, scope: str | None,
                    official_only: bool, out: Path) -> None:
    """Write the national Excel report of this computer's units (local changes included)
    for a year to OUT.xlsx."""
    from client.exports import LocalExportError, export_local

    with click.progressbar(length=1, label="units",
                           file=click.get_text_stream("stderr")) as bar:
        def advance(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        try:
            result = export_local(context.store, out, year=year, service=service, scope=scope,
                                  progress=advance, proposed_standards=not official_only)
        except LocalExportError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out}: {result.units} units, {result.forms} forms")
