"""The USB bundle file format: written, read back, verified; damage and forgery refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.sync.bundle import (
    MAX_BUNDLE_BYTES,
    BundleError,
    new_device_key,
    public_key_of,
    read_bundle,
    server_key_from_secret,
    write_bundle,
)

MANIFEST = {"kind": "push", "bundle_id": "b1", "device_id": "d1", "op_count": 0,
            "username": "ក្រសួងសុខាភិបាល"}


def test_a_bundle_reads_back_and_verifies_with_its_key() -> None:
    private, public = new_device_key()
    bundle = read_bundle(write_bundle(MANIFEST, b"\x1f\x8bpayload", private))
    bundle.verify(public)
    assert bundle.kind == "push" and bundle.bundle_id == "b1"
    assert bundle.payload == b"\x1f\x8bpayload"
    assert bundle.manifest["username"] == "ក្រសួងសុខាភិបាល"
    assert bundle.manifest["payload_bytes"] == 9


def test_another_computers_key_does_not_verify() -> None:
    private, _ = new_device_key()
    _, other_public = new_device_key()
    with pytest.raises(BundleError, match="signature") as refused:
        read_bundle(write_bundle(MANIFEST, b"x", private)).verify(other_public)
    assert refused.value.code == "bundle_tampered"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_single_flipped_bit_of_any_part_is_refused(data: st.DataObject) -> None:
    private, public = new_device_key()
    original = write_bundle(MANIFEST, b"payload bytes " * 20, private)
    source = zipfile.ZipFile(io.BytesIO(original))
    part = data.draw(st.sampled_from(["manifest.json", "payload.bin", "signature"]))
    body = bytearray(source.read(part))
    position = data.draw(st.integers(0, len(body) - 1))
    body[position] ^= 1 << data.draw(st.integers(0, 7))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, bytes(body) if info.filename == part
                             else source.read(info.filename))
    with pytest.raises(BundleError):
        read_bundle(out.getvalue()).verify(public)


@pytest.mark.parametrize("junk", [b"", b"not a zip", b"PK\x03\x04" + b"\0" * 40])
def test_junk_is_not_a_bundle(junk: bytes) -> None:
    with pytest.raises(BundleError) as refused:
        read_bundle(junk)
    assert refused.value.code == "bundle_invalid"


def test_an_archive_with_other_parts_is_not_a_bundle() -> None:
    private, _ = new_device_key()
    good = zipfile.ZipFile(io.BytesIO(write_bundle(MANIFEST, b"x", private)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in good.infolist():
            archive.writestr(info, good.read(info.filename))
        archive.writestr("../../etc/passwd", b"root")
    with pytest.raises(BundleError, match="not an ISAF Desk bundle"):
        read_bundle(out.getvalue())


def test_a_huge_file_is_refused_before_reading() -> None:
    with pytest.raises(BundleError, match="larger than"):
        read_bundle(b"\0" * (MAX_BUNDLE_BYTES + 1))


def test_a_newer_format_asks_for_an_update() -> None:
    private, _ = new_device_key()
    data = write_bundle(MANIFEST, b"x", private)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "manifest.json":
                body = body.replace(b'"format_version":1', b'"format_version":2')
            archive.writestr(info, body)
    with pytest.raises(BundleError, match="update the application"):
        read_bundle(out.getvalue())


def test_the_server_key_follows_the_secret() -> None:
    one = server_key_from_secret("a secret of thirty-two characters!")
    assert one == server_key_from_secret("a secret of thirty-two characters!")
    assert one != server_key_from_secret("another secret of thirty-two chars")
    assert len(public_key_of(one)) == 44  # 32 bytes, base64
