"""Importing a USB bundle at the server, and writing the signed return bundle.

The bundle is checked whole before anything is applied: its shape, the computer that made
it (registered here, with a registered key), the signature, the payload against the signed
manifest, and the payload against the manifest's counts. A bundle that fails is refused and
its bytes kept aside in `sync_bundle`; nothing of it is applied.

A good bundle runs through the same push handler as an online push, as the user the
server's own records say owns the computer, so importing it twice applies nothing twice:
every operation is answered `duplicate` the second time. The answer travels back as a
return bundle signed with the server's key: the receipts, and the pull pages from where the
computer's feed stood, up to now.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.db import new_id, utc_now
from common.sync.bundle import (
    Bundle,
    BundleError,
    public_key_of,
    read_bundle,
    server_key_from_secret,
    write_bundle,
)
from common.sync.protocol import (
    MAX_PAGE_BYTES,
    PROTOCOL_VERSION,
    Cursor,
    ProtocolError,
    encode,
)
from server.accounts.models import Device, User
from server.data import service as forms
from server.errors import NotFoundError
from server.sync import service
from server.sync.models import SyncBundle, SyncReceipt
from server.sync.wire import read_push

#: Roles that may carry another person's bundle to the server (district staff and above,
#: for computers inside their scope).
CARRIER_ROLES = frozenset({"dmk_officer", "provincial_officer", "national_admin"})


class BundleRefused(BundleError):  # noqa: N818 - the server's answer, like a receipt
    """A bundle the server refused; its bytes are kept aside (see `SyncBundle`)."""


@dataclass
class ImportResult:
    """What an import did: a report for people, and the return bundle's bytes."""

    report: dict[str, Any] = field(default_factory=dict)
    return_bundle: bytes = b""


def server_public_key(secret: str) -> str:
    """The key clients check return bundles with (base64 Ed25519)."""
    return public_key_of(server_key_from_secret(secret))


def register_device_key(session: Session, user: User, device_id: str, public_key: str) -> bool:
    """Record a computer's bundle-signing key, once; True when it was new.

    A different key for a device that already has one is refused: a computer keeps its
    key for life, and replacing it would let whoever holds a password sign for a computer
    they do not have.
    """
    device = session.get(Device, device_id)
    if device is None or device.user_id != user.id:
        raise BundleError("this device is not registered to you: sign in from it first",
                          code="unknown_device")
    if device.public_key == public_key:
        return False
    if device.public_key is not None:
        raise BundleError("this device already registered another signing key",
                          code="key_mismatch")
    device.public_key = public_key
    return True


def import_bundle(session: Session, data: bytes, *, secret: str,
                  carrier: User | None) -> ImportResult:
    """Check and apply a bundle; the caller commits. Raises BundleRefused after recording
    the refusal (commit that too, so the refused copy is kept)."""
    try:
        bundle, device, owner = _check(session, data, carrier)
        _, epoch_known, ops = read_push(session, bundle.payload)
        _match_manifest(bundle, ops)
    except ProtocolError as exc:
        _refuse(session, data, carrier, exc)
        raise BundleRefused(exc.message, code=exc.code) from None
    manifest = bundle.manifest
    earlier = session.scalars(select(SyncBundle).where(
        SyncBundle.bundle_id == bundle.bundle_id, SyncBundle.status == "imported")
        .order_by(SyncBundle.received_at)).first()
    notes = _gaps(session, device.id, manifest, {op.device_seq for op in ops})
    receipts = service.push(session, owner, device.id, ops)
    results: dict[str, int] = {}
    for receipt in receipts:
        results[receipt.result] = results.get(receipt.result, 0) + 1
    if earlier is None:
        session.add(SyncBundle(
            bundle_id=bundle.bundle_id, device_id=device.id, user_id=owner.id,
            bundle_seq=manifest.get("bundle_seq"), first_seq=manifest["device_seq"][0],
            last_seq=manifest["device_seq"][1], op_count=len(ops), status="imported",
            carried_by=carrier.id if carrier else None, summary={"results": results,
                                                                 "notes": notes}))
    else:
        notes.insert(0, f"already imported on {earlier.received_at:%Y-%m-%d %H:%M} UTC: "
                        "nothing was applied twice")
    session.flush()
    answer, counts = _answer(session, owner, manifest, epoch_known, receipts)
    reply_id = new_id()
    return_manifest = {
        "kind": "return", "bundle_id": reply_id, "in_reply_to": bundle.bundle_id,
        "device_id": device.id, "user_id": owner.id, "created_at": _now(),
        "protocol": PROTOCOL_VERSION, **counts}
    report = {"bundle_id": bundle.bundle_id, "device_id": device.id,
              "user": owner.username, "operations": len(ops), "results": results,
              "already_imported": earlier is not None, "notes": notes,
              "return_bundle_id": reply_id, "changes_returned": counts["changes"]}
    return ImportResult(report, write_bundle(return_manifest, encode(answer),
                                             server_key_from_secret(secret)))


def _check(session: Session, data: bytes, carrier: User | None) -> tuple[Bundle, Device, User]:
    """The bundle, its computer and the computer's owner, once all are trusted."""
    bundle = read_bundle(data)
    if bundle.kind != "push":
        raise BundleError("this is a return bundle: it goes back to the computer it names, "
                          "not to the server", code="bundle_invalid")
    manifest = bundle.manifest
    device = session.get(Device, str(manifest.get("device_id", "")))
    if device is None:
        raise BundleError("the computer that made this bundle never signed in to this "
                          "server", code="unknown_device")
    if device.public_key is None:
        raise BundleError("the computer that made this bundle has no signing key here: it "
                          "must sign in online once", code="unknown_device")
    bundle.verify(device.public_key)
    owner = session.get(User, device.user_id)
    if owner is None or not owner.active or manifest.get("user_id") != owner.id:
        raise BundleError("the bundle's user is not the computer's current, active user",
                          code="bundle_forbidden")
    if carrier is not None and carrier.id != owner.id and not _may_carry(session, carrier,
                                                                         owner):
        raise BundleError("you may import bundles only of computers in your own scope",
                          code="bundle_forbidden")
    return bundle, device, owner


def _may_carry(session: Session, carrier: User, owner: User) -> bool:
    if carrier.role not in CARRIER_ROLES:
        return False
    if owner.scope.level == "country":
        return carrier.scope.level == "country"
    try:
        return carrier.scope.covers_area(forms.scope_prefix(session, owner))
    except NotFoundError:
        return False


def _match_manifest(bundle: Bundle, ops: list[Any]) -> None:
    """The payload must be what the signed manifest says: same computer, count, range."""
    manifest = bundle.manifest
    seqs = [op.device_seq for op in ops]
    expected = manifest.get("device_seq")
    if (manifest.get("op_count") != len(ops)
            or any(op.device_id != manifest.get("device_id") for op in ops)
            or not isinstance(expected, list) or len(expected) != 2
            or (ops and [min(seqs), max(seqs)] != expected)):
        raise BundleError("the bundle's operations do not match its manifest",
                          code="bundle_tampered")


def _gaps(session: Session, device_id: str, manifest: dict[str, Any],
          carried: set[int]) -> list[str]:
    """Plain-words notes on bundles or operations of this computer that never arrived."""
    notes: list[str] = []
    seen_bundles = set(session.scalars(select(SyncBundle.bundle_seq).where(
        SyncBundle.device_id == device_id, SyncBundle.status == "imported")))
    number = manifest.get("bundle_seq")
    if isinstance(number, int) and number > 1:
        missing = [n for n in range(1, number) if n not in seen_bundles]
        if missing and max(seen_bundles - {None}, default=0) < number:
            notes.append(f"bundle(s) {_ranges(missing)} of this computer never arrived here "
                         "(or came online); this bundle is cumulative and carries what "
                         "they held")
    last = manifest.get("device_seq", [0, 0])[1] if carried else 0
    if last:
        received = set(session.scalars(select(SyncReceipt.device_seq).where(
            SyncReceipt.device_id == device_id, SyncReceipt.device_seq <= last)))
        lost = [n for n in range(1, last + 1) if n not in received and n not in carried]
        if lost:
            notes.append(f"operations {_ranges(lost)} of this computer have never reached "
                         "the server; if the computer still holds them, its next bundle "
                         "carries them")
    return notes


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)


def _answer(session: Session, owner: User, manifest: dict[str, Any], epoch_known: str | None,
            receipts: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The return payload (receipts, pull pages, checksum) and its counts for the manifest."""
    epoch = service.epoch(session)
    scope = service.scope_signature(owner)
    # The computer's feed continues where it stood, unless the server's epoch or the
    # user's scope changed since: then it starts afresh, as an online pull would.
    request_cursor = str(manifest.get("cursor") or "")
    start = request_cursor if (manifest.get("scope") == scope
                               and (epoch_known or manifest.get("epoch")) == epoch) else ""
    try:
        cursor = Cursor.parse(start)
    except ProtocolError:
        cursor, start = Cursor(), ""
    pages = []
    while True:
        page = service.pull(session, owner, cursor, MAX_PAGE_BYTES)
        pages.append(page)
        cursor = Cursor.parse(page["next"])
        if not page["more"]:
            break
    answer = {"protocol": PROTOCOL_VERSION, "epoch": epoch, "scope": scope,
              "receipts": [r.as_dict() for r in receipts], "pages": pages,
              "checksum": service.checksum(session, owner)}
    counts = {"epoch": epoch, "scope": scope, "request_cursor": request_cursor,
              "start_cursor": start, "next_cursor": cursor.encode(),
              "receipts": len(receipts), "pages": len(pages),
              "changes": sum(len(p["changes"]) for p in pages)}
    return answer, counts


def _refuse(session: Session, data: bytes, carrier: User | None, error: ProtocolError) -> None:
    """Keep a refused bundle's bytes, and what could be read of who made it."""
    try:
        manifest = read_bundle(data).manifest
    except BundleError:
        manifest = {}

    def text(key: str) -> str | None:
        value = manifest.get(key)
        return value[:36] if isinstance(value, str) else None

    owner = session.get(User, text("user_id")) if text("user_id") else None
    session.add(SyncBundle(bundle_id=text("bundle_id"), device_id=text("device_id"),
                           user_id=owner.id if owner else None, status="refused",
                           reason=f"{error.code}: {error.message}",
                           carried_by=carrier.id if carrier else None,
                           summary={}, content=data))
    session.flush()


def _now() -> str:
    return utc_now().isoformat(timespec="seconds")


def encode_for_json(data: bytes) -> str:
    """A return bundle inside a JSON answer."""
    return base64.b64encode(data).decode("ascii")
