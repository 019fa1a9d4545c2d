"""USB bundles: operations (or the server's answer) carried on a stick, signed.

A commune office that never gets online exports a *bundle*: every operation the server has
not acknowledged (cumulative, so a lost stick leaves no gap), in exactly the push format,
with a manifest and an Ed25519 signature made with the computer's own key, which it
registered with the server when it last signed in online. The district office imports it
(through a client that is online, or on the server by command); the server answers with a
*return bundle* (receipts and pull pages) signed with the server's key, which the commune
computer learnt online too.

The file is a ZIP archive, so a person can look inside:

- `manifest.json`: what the bundle is (see `push_manifest` and the return manifest the
  server writes), including the SHA-256 and size of the payload;
- `payload.bin`: the push body (gzip JSON), or for a return bundle the server's answer;
- `signature`: Ed25519 over the exact bytes of `manifest.json`.

Verification checks the signature over the manifest, then the payload against the
manifest's hash: one flipped bit anywhere refuses the whole bundle.

Reading trusts nothing the archive says about itself: the number of its entries is
bounded before the ZIP directory is parsed, each part is inflated through a bounded stream
(refused as soon as it passes its limit, whatever size the archive declares), only
stored or deflated parts are read, and the manifest goes through the hardened JSON reader
(`common.safe_json`).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from common import safe_json
from common.sync.protocol import MAX_INFLATED_BYTES, ProtocolError

FORMAT = "isaf-desk-bundle"
FORMAT_VERSION = 1
#: The file name ending offered by the client's save dialog and the command line.
SUFFIX = ".isafbundle"
#: A cumulative bundle of a commune that stayed offline for months is still far below this;
#: the cap keeps a hostile file from exhausting memory. (Over HTTP the request limit,
#: ISAF_MAX_REQUEST_MB, 8 MB by default, is lower still.)
MAX_BUNDLE_BYTES = 32 * 1024 * 1024
#: The most each part may hold once inflated. A manifest is about a kilobyte; the payload
#: is one push body, which may itself inflate to MAX_INFLATED_BYTES at most, and gzip
#: does not make JSON larger; a signature is an Ed25519 signature.
PART_LIMITS = {"manifest.json": 256 * 1024, "payload.bin": MAX_INFLATED_BYTES,
               "signature": 64}
#: A bundle has three parts. Every entry of a ZIP directory starts with this signature,
#: so counting it bounds the entries before zipfile parses them (100,000 tiny entries
#: fit in a few MB and would become as many objects); the margin is for the signature's
#: bytes turning up by chance inside the compressed payload.
_DIRECTORY_ENTRY = b"PK\x01\x02"
MAX_ENTRIES = 16
#: Parts are inflated this much at a time, so no single step of a bomb is large.
_READ_CHUNK = 64 * 1024
#: Stored (what `write_bundle` makes) or deflated (a bundle a person re-zipped). Other
#: methods are refused unread: zipfile inflates bzip2 and LZMA without an output bound.
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


class BundleError(ProtocolError):
    """A bundle that cannot be accepted: malformed, tampered, or not for this place."""

    def __init__(self, message: str, *, code: str = "protocol_error",
                 manifest: dict[str, Any] | None = None) -> None:
        super().__init__(message, code=code)
        #: The manifest, when it was read before the bundle was refused (a format this
        #: version does not read, say): the server's record of the refusal names the
        #: computer it claims to come from.
        self.manifest = manifest


# --------------------------------------------------------------------------- keys


def new_device_key() -> tuple[str, str]:
    """A fresh (private, public) key pair for a computer, both as base64 text."""
    private = Ed25519PrivateKey.generate()
    return _private_text(private), public_key_of(_private_text(private))


def server_key_from_secret(secret: str) -> str:
    """The server's bundle-signing private key, derived from its secret key.

    Deriving it (HKDF) rather than storing another secret means every worker and the
    command line sign with the same key, and nothing new needs protecting or backing up.
    """
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"isaf-desk bundle signing key v1").derive(secret.encode("utf-8"))
    return _private_text(Ed25519PrivateKey.from_private_bytes(seed))


def public_key_of(private_text: str) -> str:
    """The public half of a private key, as base64 text."""
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_text))
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def check_public_key(text: str) -> str:
    """`text` if it is a base64 Ed25519 public key; BundleError otherwise."""
    try:
        raw = base64.b64decode(text, validate=True)
        Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError):
        raise BundleError("not an Ed25519 public key (32 bytes, base64)",
                          code="invalid_key") from None
    return text


def _private_text(private: Ed25519PrivateKey) -> str:
    raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    return base64.b64encode(raw).decode("ascii")


# --------------------------------------------------------------------------- files


def write_bundle(manifest: Mapping[str, Any], payload: bytes, private_key: str) -> bytes:
    """A signed bundle file's bytes. The manifest gains the payload's hash and size."""
    body = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
            "payload_bytes": len(payload)}
    manifest_bytes = json.dumps(body, ensure_ascii=False, sort_keys=True,
                                separators=(",", ":")).encode("utf-8")
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    out = io.BytesIO()
    # Stored, not deflated: the payload is gzip already and the manifest is small.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in (("manifest.json", manifest_bytes), ("payload.bin", payload),
                           ("signature", key.sign(manifest_bytes))):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return out.getvalue()


def save(target: Path, data: bytes) -> None:
    """Write a bundle file whole or not at all, flushed to the stick: a stick pulled out
    early leaves no half bundle under the real name."""
    partial = target.with_name(f".{target.name}.partial")
    with partial.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)


@dataclass(frozen=True)
class Bundle:
    """A bundle read from a file: not yet trusted until `verify` passes."""

    manifest: dict[str, Any]
    payload: bytes
    manifest_bytes: bytes
    signature: bytes

    @property
    def kind(self) -> str:
        """'push' (a computer's operations) or 'return' (the server's answer)."""
        return str(self.manifest.get("kind", ""))

    @property
    def bundle_id(self) -> str:
        """The bundle's id, made when it was written."""
        return str(self.manifest.get("bundle_id", ""))

    def verify(self, public_key: str) -> None:
        """Raise BundleError unless the signature is `public_key`'s and the payload is the
        one the manifest names."""
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
            key.verify(self.signature, self.manifest_bytes)
        except (InvalidSignature, ValueError):
            raise BundleError("the bundle's signature does not match: it was changed after "
                              "it was written, or signed by another computer",
                              code="bundle_tampered") from None
        if (hashlib.sha256(self.payload).hexdigest() != self.manifest.get("payload_sha256")
                or len(self.payload) != self.manifest.get("payload_bytes")):
            raise BundleError("the bundle's contents do not match its signed manifest: it "
                              "was changed after it was written", code="bundle_tampered")


def read_bundle(data: bytes) -> Bundle:
    """The parts of a bundle file, checked for shape only (see `Bundle.verify`).

    Memory stays bounded by the file and the parts' limits, whatever the archive claims:
    at most MAX_ENTRIES directory entries are parsed, and each part is inflated through a
    bounded stream, once.
    """
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(f"the file is larger than {MAX_BUNDLE_BYTES // (1024 * 1024)} MB: "
                          "not a bundle", code="bundle_too_large")
    if data.count(_DIRECTORY_ENTRY) > MAX_ENTRIES:
        raise BundleError("not an ISAF Desk bundle (an archive of many files)",
                          code="bundle_invalid")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = [info.filename for info in entries]
            if len(entries) != len(PART_LIMITS) or set(names) != set(PART_LIMITS):
                shown = sorted(name[:40] for name in names)[:5]
                raise BundleError(f"not an ISAF Desk bundle (its parts are {shown})",
                                  code="bundle_invalid")
            parts = {info.filename: _read_part(archive, info) for info in entries}
    except BundleError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError,
            NotImplementedError, RuntimeError, ValueError, zlib.error):
        raise BundleError("the file is not a bundle, or is damaged (was the copy to the "
                          "stick finished?)", code="bundle_invalid") from None
    if len(parts["signature"]) != PART_LIMITS["signature"]:
        raise BundleError("the bundle's parts have impossible sizes", code="bundle_invalid")
    manifest_bytes = parts["manifest.json"]
    try:
        manifest = safe_json.loads(manifest_bytes)
    except safe_json.JSONRefusedError as exc:
        raise BundleError(f"the bundle's manifest is damaged: {exc.message}",
                          code="bundle_invalid") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError("not an ISAF Desk bundle", code="bundle_invalid")
    if manifest.get("format_version") != FORMAT_VERSION:
        version = repr(manifest.get("format_version"))[:20]
        raise BundleError(f"bundle format {version} is not known here (this version reads "
                          f"{FORMAT_VERSION}): update the application",
                          code="bundle_invalid", manifest=manifest)
    return Bundle(manifest, parts["payload.bin"], manifest_bytes, parts["signature"])


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One part, inflated a chunk at a time and refused as soon as it passes its limit.

    The declared size is checked first only because it is free; the bound that holds is
    the count of bytes actually inflated. (zipfile also stops at the declared size and
    then checks the CRC, so a part that lies about its size is refused as damaged.)
    """
    limit = PART_LIMITS[info.filename]
    if info.compress_type not in _METHODS or info.flag_bits & 0x1:  # 0x1: encrypted
        raise BundleError(f"the bundle's part {info.filename} is compressed in a way "
                          "bundles never are", code="bundle_invalid")
    if info.file_size > limit:
        raise _too_large(info.filename, limit)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_READ_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_large(info.filename, limit)
            chunks.append(chunk)
    return b"".join(chunks)


def _too_large(name: str, limit: int) -> BundleError:
    return BundleError(f"the bundle's part {name} holds more than {limit:,} bytes: not a "
                       "bundle", code="bundle_too_large")
