"""`isaf-desk`: the desktop client's command line, for sync without the screens.

    isaf-desk --store FILE login --server URL USERNAME
    isaf-desk --store FILE sync now
    isaf-desk --store FILE sync status

The local store defaults to isaf-desk.sqlite in the current folder (ISAF_DESK_STORE).
"""

from __future__ import annotations

import json
import platform
from pathlib import Path

import click

from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import ServerRefusal, Transport, TransportError


class _Context:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: LocalStore | None = None

    @property
    def store(self) -> LocalStore:
        if self._store is None:
            self._store = LocalStore(self.path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_path", envvar="ISAF_DESK_STORE", default="isaf-desk.sqlite",
              show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The local database file [env ISAF_DESK_STORE].")
@click.pass_context
def main(ctx: click.Context, store_path: Path) -> None:
    """ISAF Desk client: sign in, sync, and (later) the desktop screens."""
    ctx.obj = _Context(store_path)
    ctx.call_on_close(ctx.obj.close)


@main.command("login")
@click.option("--server", required=True, help="The server's address, e.g. http://10.0.0.5:8000")
@click.argument("username")
@click.password_option(confirmation_prompt=False)
@pass_context
def login(context: _Context, server: str, username: str, password: str) -> None:
    """Sign in to a server from this computer (registers the computer as a device)."""
    store = context.store
    store.set_state("server", server)
    transport = context.transport()
    try:
        user = transport.login(username, password, device_id=store.device_id,
                               device_name=platform.node())
    except (ServerRefusal, TransportError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        transport.close()
    store.set_state("user", json.dumps(user))
    click.echo(f"signed in as {user['username']} ({user['role']})")


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
                           "checksum_ok": report.checksum_ok, "requests": transport.requests,
                           "bytes_sent": transport.bytes_sent,
                           "bytes_received": transport.bytes_received}, indent=2))
    if not report.checksum_ok:
        raise click.ClickException("after pulling again, this computer still differs from "
                                   "the server: report it to your district office")


@sync.command("status")
@pass_context
def sync_status(context: _Context) -> None:
    """What waits to be sent, open conflicts, held operations, the last sync."""
    store = context.store
    held = [op for op in store.outbox("quarantined", "rejected")]
    click.echo(json.dumps({
        "server": store.get_state("server"), "device_id": store.device_id,
        "last_sync": store.get_state("last_sync"), "unsent": store.unsent_count(),
        "open_conflicts": len(store.open_conflicts()),
        "held_or_refused": [{"op_id": op.op_id, "state": op.state,
                             "message": (op.receipt or {}).get("message")} for op in held],
        "forms": len(store.forms()),
    }, indent=2))
