"""Importing a USB bundle at the server, and writing the signed return bundle.

Only district staff and above carry bundles (`CARRIER_ROLES`); anyone else is refused
before the upload is read. The bundle is checked whole before anything is applied: its
shape, the computer that made it (registered here, with a registered key), the signature,
the payload against the signed manifest, and the payload against the manifest's counts. A
bundle that fails is refused, nothing of it is applied, and a small record of the refusal
is kept in `sync_bundle` (who, when, the upload's size and SHA-256, the reason, what could
be read of the manifest, the first bytes): never the upload itself, so a refusal costs the
database a few kilobytes whatever was sent.

What a bundle costs the server depends on what it really holds, never on the numbers it
claims: its parts are read through bounded streams (common/sync/bundle.py), and the notes
on missing bundles or operations come as a few ranges computed from the numbers actually
present (this bundle's operations, the device's receipts), so a signed manifest naming
operation 10^15 costs no more than one naming operation 3.

A good bundle runs through the same push handler as an online push, as the user the
server's own records say owns the computer, so importing it twice applies nothing twice:
every operation is answered `duplicate` the second time. The answer travels back as a
return bundle signed with the server's key: the receipts, and the pull pages from where the
computer's feed stood, up to now.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.db import new_id, utc_now
from common.sync.bundle import (
    MAX_BUNDLE_BYTES,
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
from server.errors import ForbiddenError, NotFoundError
from server.sync import feed, service, state
from server.sync.checksum import checksum
from server.sync.models import SyncBundle, SyncReceipt
from server.sync.wire import read_push

#: Roles that may import bundles at all (district staff and above, for computers inside
#: their scope, their own included): the officers docs/SYNC.md sends the stick to. A
#: commune focal point, unit editor or CAF never carries a stick to the server (an online
#: computer syncs instead), so their uploads are refused before a byte is read or stored.
CARRIER_ROLES = frozenset({"dmk_officer", "provincial_officer", "national_admin"})
#: A refusal keeps this much of the upload's beginning. A genuine bundle's first part is its
#: manifest (about a kilobyte), so this holds what a tampered stick claims; the rest of an
#: upload, an attacker's payload, is never stored.
REFUSED_HEAD_BYTES = 4096
#: A refusal's reason is our own message, but it may quote the bundle (a malformed push's
#: field errors): cut to this many characters.
_MAX_REASON = 1000
#: Manifest values copied into a refusal's record (strings cut to _MAX_CLAIMED_TEXT).
_CLAIMED_KEYS = ("kind", "bundle_id", "bundle_seq", "device_id", "user_id", "username",
                 "created_at", "protocol", "op_count", "device_seq", "payload_bytes",
                 "payload_sha256")
_MAX_CLAIMED_TEXT = 100
#: Notes on missing bundles or operations name at most this many ranges, and count the
#: rest: the note stays a line whatever the numbers.
MAX_GAP_RANGES = 10
#: The largest bundle count a manifest may name: `sync_bundle.bundle_seq` is a 32-bit
#: integer, and a computer writes one bundle at a time.
MAX_BUNDLE_SEQ = 2**31 - 1
#: The largest operation number, as the push schema allows (`OperationSchema.device_seq`).
MAX_DEVICE_SEQ = 2**53
#: An upload is read this much at a time, and refused as soon as it passes its limit.
_UPLOAD_CHUNK = 64 * 1024


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


def may_import(user: User) -> bool:
    """Whether `user`'s role carries bundles to the server at all (scope comes later)."""
    return user.role in CARRIER_ROLES


def check_carrier(user: User) -> None:
    """ForbiddenError unless `user` may import bundles: asked before the upload is read."""
    if not may_import(user):
        raise ForbiddenError(f"your role ({user.role}) may not import USB bundles, not even "
                             "of computers in your own scope: a district, provincial or "
                             "national officer imports them")


def read_upload(stream: IO[bytes], limit: int = MAX_BUNDLE_BYTES) -> bytes:
    """An upload's bytes, read once; BundleError (`bundle_too_large`) as soon as it passes
    `limit`, without reading the rest."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_UPLOAD_CHUNK):
        size += len(chunk)
        if size > limit:
            raise BundleError(f"a bundle holds {limit // (1024 * 1024)} MB at most",
                              code="bundle_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def import_bundle(session: Session, data: bytes, *, secret: str,
                  carrier: User | None) -> ImportResult:
    """Check and apply a bundle; the caller commits. Raises BundleRefused after recording
    the refusal (commit that too, so the record is kept), and ForbiddenError, recording
    nothing, when the carrier's role never carries bundles (`carrier` None: the server's
    own command line)."""
    if carrier is not None:
        check_carrier(carrier)
    bundle: Bundle | None = None
    try:
        bundle = read_bundle(data)
        device, owner = _check(session, bundle, carrier)
        _, epoch_known, ops = read_push(session, bundle.payload)
        _match_manifest(bundle, ops)
    except ProtocolError as exc:
        # The bundle is read once: the refusal's record uses the manifest already read.
        claimed = bundle.manifest if bundle is not None else getattr(exc, "manifest", None)
        _refuse(session, data, carrier, exc, claimed or {})
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


#: The refusal of a bundle whose computer is unknown here or outside the carrier's scope.
_UNKNOWN_DEVICE = ("the computer that made this bundle is not one you may import for: it "
                   "never signed in to this server, or it works outside your scope")


def _check(session: Session, bundle: Bundle, carrier: User | None) -> tuple[Device, User]:
    """The bundle's computer and the computer's owner, once all are trusted."""
    if bundle.kind != "push":
        raise BundleError("this is a return bundle: it goes back to the computer it names, "
                          "not to the server", code="bundle_invalid")
    manifest = bundle.manifest
    device = session.get(Device, str(manifest.get("device_id", "")))
    owner = session.get(User, device.user_id) if device is not None else None
    # A computer outside the carrier's scope is answered exactly as one that never signed
    # in, and before its key is tried: else a forged bundle naming any device id would
    # tell, by "bad signature" against "unknown computer", which ids exist elsewhere.
    if device is None or owner is None or (
            carrier is not None and carrier.id != owner.id
            and not _may_carry(session, carrier, owner)):
        raise BundleError(_UNKNOWN_DEVICE, code="unknown_device")
    if device.public_key is None:
        raise BundleError("the computer that made this bundle has no signing key here: it "
                          "must sign in online once", code="unknown_device")
    bundle.verify(device.public_key)
    if not owner.active or manifest.get("user_id") != owner.id:
        raise BundleError("the bundle's user is not the computer's current, active user",
                          code="bundle_forbidden")
    return device, owner


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
    """The payload must be what the signed manifest says: same computer, count, range; and
    the manifest's own counts must be possible (a signature vouches for who wrote them,
    not that they are sane)."""
    manifest = bundle.manifest
    expected = manifest.get("device_seq")
    number = manifest.get("bundle_seq")
    if not (isinstance(expected, list) and len(expected) == 2
            and all(_is_count(n, MAX_DEVICE_SEQ) for n in expected)
            and expected[0] <= expected[1]) \
            or not (number is None or (_is_count(number, MAX_BUNDLE_SEQ) and number > 0)):
        raise BundleError("the bundle's manifest names impossible numbers (its operations "
                          f"{str(expected)[:60]}, bundle {str(number)[:30]})",
                          code="bundle_invalid")
    seqs = [op.device_seq for op in ops]
    if (manifest.get("op_count") != len(ops)
            or any(op.device_id != manifest.get("device_id") for op in ops)
            or ([min(seqs), max(seqs)] if ops else [0, 0]) != expected):
        raise BundleError("the bundle's operations do not match its manifest",
                          code="bundle_tampered")


def _is_count(value: Any, most: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= most


def _gaps(session: Session, device_id: str, manifest: dict[str, Any],
          carried: set[int]) -> list[str]:
    """Plain-words notes on bundles or operations of this computer that never arrived.

    The cost follows the numbers really present (the device's imported bundles and
    receipts, this bundle's operations), not the numbers the manifest names: what is
    missing is found between consecutive present numbers.
    """
    notes: list[str] = []
    seen_bundles = {seq for seq in session.scalars(select(SyncBundle.bundle_seq).where(
        SyncBundle.device_id == device_id, SyncBundle.status == "imported",
        SyncBundle.bundle_seq.is_not(None))) if seq is not None}
    number = manifest.get("bundle_seq")
    if isinstance(number, int) and number > 1 and max(seen_bundles, default=0) < number:
        missing = _missing(number - 1, seen_bundles)
        if missing:
            notes.append(f"bundle(s) {missing} of this computer never arrived here (or came "
                         "online); this bundle is cumulative and carries what they held")
    last = manifest["device_seq"][1] if carried else 0
    if last:
        received = set(session.scalars(select(SyncReceipt.device_seq).where(
            SyncReceipt.device_id == device_id, SyncReceipt.device_seq <= last)))
        lost = _missing(last, received | carried)
        if lost:
            notes.append(f"operations {lost} of this computer have never reached the "
                         "server; if the computer still holds them, its next bundle "
                         "carries them")
    return notes


def _missing(last: int, present: Iterable[int]) -> str:
    """The numbers 1 to `last` not in `present`, as ranges ("2-4, 6"): the first
    MAX_GAP_RANGES of them, then how many more; "" when none is missing. Walks the
    present numbers only, however large `last` is."""
    shown: list[str] = []
    ranges = 0
    expected = 1  # the lowest number not yet accounted for
    for n in [*sorted(p for p in set(present) if 1 <= p <= last), last + 1]:
        if n > expected:
            ranges += 1
            if len(shown) < MAX_GAP_RANGES:
                shown.append(str(expected) if n - 1 == expected else f"{expected}-{n - 1}")
        expected = n + 1
    if ranges > len(shown):
        shown.append(f"and {ranges - len(shown)} more ranges")
    return ", ".join(shown)


def _answer(session: Session, owner: User, manifest: dict[str, Any], epoch_known: str | None,
            receipts: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The return payload (receipts, pull pages, checksum) and its counts for the manifest."""
    epoch = state.epoch(session)
    scope = state.scope_signature(owner)
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
        page = feed.pull(session, owner, cursor, MAX_PAGE_BYTES)
        pages.append(page)
        cursor = Cursor.parse(page["next"])
        if not page["more"]:
            break
    answer = {"protocol": PROTOCOL_VERSION, "epoch": epoch, "scope": scope,
              "receipts": [r.as_dict() for r in receipts], "pages": pages,
              "checksum": checksum(session, owner)}
    counts = {"epoch": epoch, "scope": scope, "request_cursor": request_cursor,
              "start_cursor": start, "next_cursor": cursor.encode(),
              "receipts": len(receipts), "pages": len(pages),
              "changes": sum(len(p["changes"]) for p in pages)}
    return answer, counts


def _refuse(session: Session, data: bytes, carrier: User | None, error: ProtocolError,
            manifest: dict[str, Any]) -> None:
    """Record a refusal: who brought what (size, SHA-256, first bytes), what it claimed to
    be, and why it was refused. A few kilobytes at most, whatever the upload was."""
    def text(key: str) -> str | None:
        value = manifest.get(key)
        return value[:36] if isinstance(value, str) else None

    owner = session.get(User, text("user_id")) if text("user_id") else None
    session.add(SyncBundle(bundle_id=text("bundle_id"), device_id=text("device_id"),
                           user_id=owner.id if owner else None, status="refused",
                           reason=f"{error.code}: {error.message}"[:_MAX_REASON],
                           carried_by=carrier.id if carrier else None,
                           summary={"upload_bytes": len(data),
                                    "upload_sha256": hashlib.sha256(data).hexdigest(),
                                    "manifest": _claimed(manifest)},
                           content=data[:REFUSED_HEAD_BYTES]))
    session.flush()


def _claimed(manifest: dict[str, Any]) -> dict[str, Any]:
    """What a refused bundle's manifest says about itself, each value bounded (numbers
    come through the hardened JSON reader, so they fit a 64-bit integer)."""
    claimed: dict[str, Any] = {}
    for key in _CLAIMED_KEYS:
        value = manifest.get(key)
        if isinstance(value, str):
            claimed[key] = value[:_MAX_CLAIMED_TEXT]
        elif isinstance(value, int) or (isinstance(value, list) and len(value) <= 2
                                        and all(isinstance(v, int) for v in value)):
            claimed[key] = value
    return claimed


def _now() -> str:
    return utc_now().isoformat(timespec="seconds")


def encode_for_json(data: bytes) -> str:
    """A return bundle inside a JSON answer."""
    return base64.b64encode(data).decode("ascii")
