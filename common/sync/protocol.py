"""The offline sync protocol shared by client and server (../shared/docs/SYNC.md).

What travels: a client pushes a *batch* of *operations*, each the changed fields of one
record with the server revision each change was based on; the server answers a *receipt*
per operation. A client pulls *pages* of changes after a *cursor*. Batches and pages are
JSON, compressed with gzip, and carry the protocol version.

An operation is frozen once sent: its payload hash identifies it, so a retry is recognised
as a duplicate and a different payload under the same id is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from marshmallow import Schema, ValidationError, fields, validate

#: The protocol versions this code speaks. A request outside the range gets a clear error
#: and the client keeps its outbox.
PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = range(1, 2)
#: A push batch's size, compressed, that a client aims for; the server refuses far larger.
BATCH_TARGET_BYTES = 64 * 1024
MAX_BATCH_COMPRESSED = 1024 * 1024
#: The most a body may inflate to: a small zip bomb must not exhaust a server's memory.
MAX_INFLATED_BYTES = 16 * 1024 * 1024
#: Pull pages are cut by size, so one page fits a slow link's patience.
DEFAULT_PAGE_BYTES = 256 * 1024
MAX_PAGE_BYTES = 4 * 1024 * 1024

Result = Literal["applied", "duplicate", "conflict", "rejected_locked", "rejected_scope",
                 "needs_mapping", "rejected"]
RESULTS: tuple[str, ...] = ("applied", "duplicate", "conflict", "rejected_locked",
                            "rejected_scope", "needs_mapping", "rejected")
ENTITIES: tuple[str, ...] = ("form",)


class ProtocolError(ValueError):
    """A message that breaks the protocol: wrong version, malformed, too large."""

    def __init__(self, message: str, *, code: str = "protocol_error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class Operation:
    """One change of one record, as it travels.

    `fields` maps a field key to `[new value, base revision]`; base revision 0 means the
    client never had a server value for it. `natural_key` identifies a form across devices
    (unit, year, form code) so two devices that created it offline end on one record.
    """

    op_id: str
    device_id: str
    device_seq: int
    entity: str
    record_id: str
    definition_version: int
    fields: Mapping[str, tuple[Any, int]] = field(default_factory=dict)
    natural_key: Mapping[str, Any] | None = None
    delete: bool = False
    confirmations: Mapping[str, str] = field(default_factory=dict)
    resolves: Mapping[str, str] = field(default_factory=dict)
    client_time: str | None = None

    def payload(self) -> dict[str, Any]:
        """The operation as plain data (what travels and what the hash covers)."""
        body: dict[str, Any] = {
            "op_id": self.op_id, "device_id": self.device_id, "device_seq": self.device_seq,
            "entity": self.entity, "record_id": self.record_id,
            "definition_version": self.definition_version,
            "fields": {k: [v, rev] for k, (v, rev) in sorted(self.fields.items())},
        }
        if self.natural_key is not None:
            body["natural_key"] = dict(self.natural_key)
        if self.delete:
            body["delete"] = True
        if self.confirmations:
            body["confirmations"] = dict(self.confirmations)
        if self.resolves:
            body["resolves"] = dict(self.resolves)
        if self.client_time:
            body["client_time"] = self.client_time
        return body

    @property
    def payload_hash(self) -> str:
        """SHA-256 of the canonical payload (the client's clock left out: display only)."""
        body = self.payload()
        body.pop("client_time", None)
        return canonical_hash(body)

    @classmethod
    def from_payload(cls, body: Mapping[str, Any]) -> Operation:
        """An operation from checked plain data (see `OperationSchema`)."""
        return cls(
            op_id=body["op_id"], device_id=body["device_id"], device_seq=body["device_seq"],
            entity=body["entity"], record_id=body["record_id"],
            definition_version=body["definition_version"],
            fields={k: (v[0], int(v[1])) for k, v in body.get("fields", {}).items()},
            natural_key=body.get("natural_key"), delete=body.get("delete", False),
            confirmations=body.get("confirmations", {}), resolves=body.get("resolves", {}),
            client_time=body.get("client_time"),
        )


def canonical_hash(data: Any) -> str:
    """SHA-256 of data's canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Receipt:
    """The server's answer to one operation."""

    op_id: str
    result: str
    record_id: str | None = None
    #: Field key -> the new server revision of each applied field.
    revisions: Mapping[str, int] = field(default_factory=dict)
    conflicts: Mapping[str, str] = field(default_factory=dict)
    quarantined: tuple[str, ...] = ()
    message: str | None = None
    #: For a duplicate: the result the operation got the first time.
    original: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the wire and for storage."""
        body: dict[str, Any] = {"op_id": self.op_id, "result": self.result}
        if self.record_id:
            body["record_id"] = self.record_id
        if self.revisions:
            body["revisions"] = dict(self.revisions)
        if self.conflicts:
            body["conflicts"] = dict(self.conflicts)
        if self.quarantined:
            body["quarantined"] = list(self.quarantined)
        if self.message:
            body["message"] = self.message
        if self.original:
            body["original"] = self.original
        return body

    @classmethod
    def from_dict(cls, body: Mapping[str, Any]) -> Receipt:
        """A receipt from plain data."""
        return cls(op_id=body["op_id"], result=body["result"], record_id=body.get("record_id"),
                   revisions=body.get("revisions", {}), conflicts=body.get("conflicts", {}),
                   quarantined=tuple(body.get("quarantined", ())),
                   message=body.get("message"), original=body.get("original"))


# --------------------------------------------------------------------------- schemas

_UUID = validate.Regexp(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                        error="a lower-case UUID")


class _FieldChange(fields.Field):
    """`[value, base revision]`: any JSON value and a revision >= 0."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[Any]:
        if (not isinstance(value, list) or len(value) != 2 or isinstance(value[1], bool)
                or not isinstance(value[1], int) or value[1] < 0):
            raise ValidationError("a change is [value, base revision >= 0]")
        if isinstance(value[0], dict | list):
            raise ValidationError("a value is a number, text, true, false or null")
        return value


class NaturalKeySchema(Schema):
    unit_id = fields.String(required=True, validate=_UUID)
    year = fields.Integer(required=True, validate=validate.Range(2015, 2100))
    form_code = fields.String(required=True, validate=validate.Length(1, 48))


class OperationSchema(Schema):
    op_id = fields.String(required=True, validate=_UUID)
    device_id = fields.String(required=True, validate=_UUID)
    device_seq = fields.Integer(required=True, validate=validate.Range(1, 2**53))
    entity = fields.String(required=True, validate=validate.OneOf(ENTITIES))
    record_id = fields.String(required=True, validate=_UUID)
    definition_version = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    # The key "" of a delete carries the record's base revision.
    fields_ = fields.Dict(data_key="fields", attribute="fields",
                          keys=fields.String(validate=validate.Length(0, 100)),
                          values=_FieldChange(), load_default=dict)
    natural_key = fields.Nested(NaturalKeySchema, load_default=None)
    delete = fields.Boolean(load_default=False)
    confirmations = fields.Dict(keys=fields.String(validate=validate.Length(1, 200)),
                                values=fields.String(validate=validate.Length(1, 1000)),
                                load_default=dict)
    resolves = fields.Dict(keys=fields.String(validate=validate.Length(1, 100)),
                           values=fields.String(validate=_UUID), load_default=dict)
    client_time = fields.String(load_default=None, validate=validate.Length(0, 40))


class PushSchema(Schema):
    protocol = fields.Integer(required=True)
    device_id = fields.String(required=True, validate=_UUID)
    epoch = fields.String(load_default=None, allow_none=True)
    ops = fields.List(fields.Nested(OperationSchema), required=True,
                      validate=validate.Length(0, 5000))


# --------------------------------------------------------------------------- encoding


def encode(message: Mapping[str, Any]) -> bytes:
    """A message as gzip-compressed canonical JSON."""
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def decode(body: bytes, *, limit: int = MAX_INFLATED_BYTES) -> Any:
    """JSON from a gzip body (or plain JSON), refusing anything that inflates past
    `limit` before it is all in memory."""
    if body[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=31)
        try:
            raw = inflater.decompress(body, limit + 1)
        except zlib.error:
            raise ProtocolError("the body is not valid gzip") from None
        if len(raw) > limit or inflater.unconsumed_tail:
            raise ProtocolError(f"the body inflates beyond {limit // (1024 * 1024)} MB",
                                code="too_large")
    else:
        if len(body) > limit:
            raise ProtocolError("the body is too large", code="too_large")
        raw = body
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProtocolError("the body is not JSON") from None


def check_version(version: Any) -> None:
    """Refuse a protocol version this code does not speak, saying which it does."""
    if not isinstance(version, int) or isinstance(version, bool) \
            or version not in SUPPORTED_VERSIONS:
        raise ProtocolError(
            f"protocol version {version!r} is not supported; this server speaks "
            f"{SUPPORTED_VERSIONS.start} to {SUPPORTED_VERSIONS.stop - 1}: update the "
            "application (your unsent changes are kept)", code="unsupported_protocol")


def encode_push(device_id: str, epoch: str | None, ops: Sequence[Mapping[str, Any]]) -> bytes:
    """A push batch as it travels: over HTTP, and inside a USB bundle."""
    return encode({"protocol": PROTOCOL_VERSION, "device_id": device_id, "epoch": epoch,
                   "ops": list(ops)})


def parse_push(message: Any) -> tuple[str, str | None, list[Operation]]:
    """(device id, epoch the client knows, operations) from a decoded push message."""
    if not isinstance(message, dict):
        raise ProtocolError("a push is a JSON object")
    check_version(message.get("protocol"))
    try:
        data = PushSchema().load(message)
    except ValidationError as exc:
        raise ProtocolError(f"the push is malformed: {exc.messages}") from None
    return data["device_id"], data["epoch"], [Operation.from_payload(o) for o in data["ops"]]


# --------------------------------------------------------------------------- pull cursor


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a client is in the server's change feed: after the row (seq, record, field).

    Every change of one commit shares its `seq`; ordering within a seq by record and field
    lets a page end in the middle of a large commit and the next one resume after it.
    """

    seq: int = 0
    record_id: str = ""
    field: str = ""

    def encode(self) -> str:
        """The cursor as the opaque text clients keep."""
        return f"{self.seq}:{self.record_id}:{self.field}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        """A cursor from its text; the start of the feed for None or ''."""
        if not text:
            return cls()
        seq, _, rest = text.partition(":")
        record_id, _, field_key = rest.partition(":")
        if not seq.isdigit():
            raise ProtocolError(f"not a cursor: {text!r}")
        return cls(int(seq), record_id, field_key)
