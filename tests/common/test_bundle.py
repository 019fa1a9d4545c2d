"""The USB bundle file format: written, read back, verified; damage and forgery refused."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.sync.bundle import (
    MAX_BUNDLE_BYTES,
    PART_LIMITS,
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


def _rezip(data: bytes, *, method: int = zipfile.ZIP_STORED,
           change: Callable[[str, bytes], bytes] = lambda name, body: body,
           extra: dict[str, bytes] | None = None) -> bytes:
    """The bundle's parts written again: compressed with `method`, changed, or with more
    entries."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, change(info.filename, source.read(info.filename)))
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
    return out.getvalue()


def test_a_bundle_a_person_re_zipped_with_deflate_still_reads() -> None:
    private, public = new_device_key()
    data = _rezip(write_bundle(MANIFEST, b"\x1f\x8bpayload", private),
                  method=zipfile.ZIP_DEFLATED)
    read_bundle(data).verify(public)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_parts_compressed_otherwise_are_refused_unread(method: int) -> None:
    """zipfile inflates bzip2 and LZMA without an output bound: never opened."""
    private, _ = new_device_key()
    with pytest.raises(BundleError, match="compressed in a way") as refused:
        read_bundle(_rezip(write_bundle(MANIFEST, b"x", private), method=method))
    assert refused.value.code == "bundle_invalid"


def test_a_part_beyond_its_limit_is_refused_while_it_inflates() -> None:
    private, _ = new_device_key()
    big = bytes(PART_LIMITS["payload.bin"] + 1)  # deflates to about 16 KB
    data = _rezip(write_bundle(MANIFEST, b"x", private), method=zipfile.ZIP_DEFLATED,
                  change=lambda name, body: big if name == "payload.bin" else body)
    assert len(data) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(BundleError, match=r"payload\.bin holds more than") as refused:
            read_bundle(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "bundle_too_large"
    assert peak < 1024 * 1024  # refused on its declared size, before inflating a byte


def _declare(data: bytes, name: str, size: int) -> bytes:
    """The archive with the inflated size of part `name` changed in both of its headers
    (the local one, and the directory's), its contents left alone."""
    patched = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    patched[info.header_offset + 22:info.header_offset + 26] = size.to_bytes(4, "little")
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + length] == name.encode():
            patched[position + 24:position + 28] = size.to_bytes(4, "little")
        position = data.find(b"PK\x01\x02", position + 1)
    return bytes(patched)


def test_a_part_that_lies_about_its_size_is_never_inflated_whole() -> None:
    """Declared as 100 bytes, inflating to 64 MB: zipfile's `read()` inflated it all in
    one call before this fix; read in bounded chunks it stops at once (the CRC fails)."""
    private, _ = new_device_key()
    data = _rezip(write_bundle(MANIFEST, b"x", private), method=zipfile.ZIP_DEFLATED,
                  change=lambda name, body: bytes(64 * 1024 * 1024) if name == "payload.bin"
                  else body)
    data = _declare(data, "payload.bin", 100)
    tracemalloc.start()
    try:
        with pytest.raises(BundleError, match="damaged") as refused:
            read_bundle(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "bundle_invalid"
    assert peak < 1024 * 1024


def test_an_archive_of_many_entries_is_refused_before_its_directory_is_read() -> None:
    """Empty entries cost a few dozen bytes of upload each and a few hundred of memory once
    zipfile parses them (80,000 of them: 7 MB of upload, 43 MB and seconds before this
    check, measured); refused on a count of the directory's signatures instead."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(20_000):
            archive.writestr(f"f{number}", b"")
    data = out.getvalue()
    tracemalloc.start()
    try:
        with pytest.raises(BundleError, match="many files") as refused:
            read_bundle(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "bundle_invalid" and peak < 1024 * 1024


def test_a_part_named_twice_is_not_a_bundle() -> None:
    private, _ = new_device_key()
    good = write_bundle(MANIFEST, b"x", private)
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", source.read("manifest.json"))
        archive.writestr("payload.bin", b"one")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("payload.bin", b"the other")
    with pytest.raises(BundleError, match="not an ISAF Desk bundle"):
        read_bundle(out.getvalue())


_HEAD = b'{"format":"isaf-desk-bundle","format_version":1,"x":'


@pytest.mark.parametrize("text", [
    pytest.param(_HEAD + b'"\\ud800"}', id="lone-surrogate"),
    pytest.param(_HEAD + b'"\\u0000"}', id="nul"),
    pytest.param(_HEAD + b"NaN}", id="nan"),
    pytest.param(_HEAD + b"9" * 40 + b"}", id="huge-integer"),
    pytest.param(_HEAD + b"[" * 5000 + b"]" * 5000 + b"}", id="nested"),
])
def test_a_hostile_manifest_is_refused_by_the_hardened_reader(text: bytes) -> None:
    private, _ = new_device_key()
    data = _rezip(write_bundle(MANIFEST, b"x", private),
                  change=lambda name, body: text if name == "manifest.json" else body)
    with pytest.raises(BundleError, match="manifest is damaged") as refused:
        read_bundle(data)
    assert refused.value.code == "bundle_invalid"


def test_an_unknown_format_keeps_the_manifest_for_the_servers_record() -> None:
    private, _ = new_device_key()
    data = _rezip(write_bundle(MANIFEST, b"x", private), change=lambda name, body: body.replace(
        b'"format_version":1', b'"format_version":"' + b"9" * 500 + b'"'))
    with pytest.raises(BundleError, match="update the application") as refused:
        read_bundle(data)
    assert refused.value.manifest is not None
    assert refused.value.manifest["device_id"] == "d1"
    assert len(refused.value.message) < 200
