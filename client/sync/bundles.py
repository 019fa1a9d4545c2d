"""USB bundles on the client: export what the server has not acknowledged, carry another
computer's bundle to the server, and take in the server's signed return bundle.

The format is in common/sync/bundle.py. A bundle is *cumulative*: it holds every operation
not yet acknowledged, so a lost or skipped stick leaves no gap, and importing one twice at
the server applies nothing twice. Exporting freezes the operations (state `sent`), exactly
as sending them online would: they may reach the server from now on.

A refusal is a BundleError whose `code` says which it is (`no_key`, `not_return`,
`other_computer`, `is_return`, or the format's own codes), so a screen says it in the
person's language; its message, in English, is for the command line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from client.store.models import UNSENT_STATES, LocalForm, OutboxOperation
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport, matches_checksum
from client.sync.transport import Transport
from common.db import new_id, utc_now
from common.sync.bundle import SUFFIX, BundleError, read_bundle, save, write_bundle
from common.sync.protocol import PROTOCOL_VERSION, check_version, decode

#: SyncState keys: return bundles already taken in are remembered under this prefix.
_IMPORTED = "rb:"


@dataclass
class ExportResult:
    """What `export_bundle` wrote."""

    path: Path
    manifest: dict[str, Any]


@dataclass
class ReturnResult:
    """What taking in a return bundle did, for a person."""

    already_imported: bool = False
    receipts: int = 0
    results: dict[str, int] = field(default_factory=dict)
    changes: int = 0
    pages_applied: bool = False
    checksum_ok: bool | None = None
    notes: list[str] = field(default_factory=list)


def default_name(store: LocalStore) -> str:
    """A file name that says whose bundle it is and which one."""
    user = json.loads(store.get_state("user") or "{}")
    number = int(store.get_state("bundle_seq") or 0) + 1
    return f"isaf-{user.get('username', 'device')}-{utc_now():%Y%m%d}-{number}{SUFFIX}"


def export_bundle(store: LocalStore, engine: SyncEngine, path: Path) -> ExportResult:
    """Write a signed, cumulative bundle of every unacknowledged operation to `path`."""
    private_key = store.get_state("device_key")
    user = json.loads(store.get_state("user") or "{}")
    if not private_key or store.get_state("device_key_registered") != "1" or not user:
        raise BundleError("this computer cannot make USB bundles yet: sign in online once "
                          "(with a connection to the server), then export again; your changes "
                          "stay on this computer", code="no_key")
    with store.transaction() as session:
        ops = list(session.scalars(select(OutboxOperation).where(
            OutboxOperation.state.in_(UNSENT_STATES)).order_by(OutboxOperation.device_seq)))
        now = utc_now()
        for op in ops:
            if op.state == "pending":
                # Frozen from now on: this copy may reach the server.
                op.state, op.sent_at = "sent", now
        record_ids = {op.record_id for op in ops}
        versions = sorted({(f.form_code, f.definition_version) for f in session.scalars(
            select(LocalForm).where(LocalForm.id.in_(record_ids)))})
        number = int(store.get_state("bundle_seq", session) or 0) + 1
        manifest = {
            "kind": "push", "bundle_id": new_id(), "bundle_seq": number,
            "created_at": now.isoformat(timespec="seconds"), "protocol": PROTOCOL_VERSION,
            "device_id": store.device_id_in(session), "user_id": user["id"],
            "username": user.get("username"), "scope": store.get_state("scope", session),
            "epoch": store.get_state("epoch", session),
            "cursor": store.get_state("cursor", session) or "",
            "device_seq": [ops[0].device_seq, ops[-1].device_seq] if ops else [0, 0],
            "op_count": len(ops), "form_versions": [list(v) for v in versions]}
    data = write_bundle(manifest, engine.push_body(ops), private_key)
    save(path, data)
    with store.transaction() as session:
        store.set_state("bundle_seq", str(number), session)
        store.set_state("last_bundle", json.dumps({
            "file": str(path), "bundle_id": manifest["bundle_id"], "operations": len(ops),
            "at": manifest["created_at"]}), session)
    return ExportResult(path, manifest)


def import_return(store: LocalStore, engine: SyncEngine, data: bytes) -> ReturnResult:
    """Take in a return bundle: check it whole, then settle receipts and apply the pull
    pages (only when nothing was pulled here since the bundle was made)."""
    bundle = read_bundle(data)
    if bundle.kind != "return":
        raise BundleError("this is a computer's own bundle, not a return bundle: it is "
                          "imported where the server can be reached (at the district office, "
                          "say), and the return bundle it gives is imported here",
                          code="not_return")
    if bundle.manifest.get("device_id") != store.device_id:
        raise BundleError("this return bundle is for another computer: take it back to the "
                          "computer whose bundle it answers; nothing was changed",
                          code="other_computer")
    server_key = store.get_state("server_bundle_key")
    if not server_key:
        raise BundleError("this computer does not know the server's key yet, so it cannot "
                          "check a return bundle: sign in online once, then import it again",
                          code="no_key")
    bundle.verify(server_key)
    result = ReturnResult()
    marker = f"{_IMPORTED}{bundle.bundle_id}"
    if store.get_state(marker):
        result.already_imported = True
        result.notes.append(f"already taken in on {store.get_state(marker)}: nothing changed")
        return result
    answer = decode(bundle.payload, max_values=None, max_containers=None)  # its pages
    check_version(answer.get("protocol"))
    report = SyncReport()
    engine.apply_receipts(answer, report)
    result.receipts, result.results = len(answer["receipts"]), report.results
    if (store.get_state("cursor") or "") == bundle.manifest.get("request_cursor", ""):
        start = str(bundle.manifest.get("start_cursor", ""))
        for page in answer["pages"]:
            engine.apply_page(page, report, sent_cursor=start)
            start = page["next"]
        result.pages_applied, result.changes = True, report.pulled
        server = answer["checksum"]
        result.checksum_ok = matches_checksum(store, server)
        if not result.checksum_ok:
            result.notes.append("this computer still differs from the server: the next "
                                "bundle or online sync brings the rest")
    else:
        result.notes.append("this computer pulled from the server since the bundle was "
                            "made: its newer data is kept; only the receipts were taken in")
    store.set_state(marker, utc_now().isoformat(timespec="seconds"))
    store.set_state("last_sync", utc_now().isoformat(timespec="seconds"))
    return result


def deliver(transport: Transport, data: bytes) -> tuple[dict[str, Any], bytes]:
    """Carry another computer's bundle to the server (this computer being online); the
    server's report and the return bundle to take back."""
    import base64

    bundle = read_bundle(data)  # a quick look, so a wrong file gets a local answer
    if bundle.kind != "push":
        raise BundleError("this is a return bundle: take it back to the computer whose "
                          "bundle it answers and import it there", code="is_return")
    answer = transport.post("/api/v1/sync/bundles", content=data,
                            content_type="application/octet-stream")
    return answer["report"], base64.b64decode(answer["return_bundle"])
