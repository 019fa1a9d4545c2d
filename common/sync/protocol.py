"""The offline sync protocol shared by client and server (docs/SYNC.md).

What travels: a client pushes a *batch* of *operations*, each the changed fields of one
record with the server revision each change was based on; the server answers a *receipt*
per operation. A client pulls *pages* of changes after a *cursor*. Batches and pages are
JSON, compressed with gzip, and carry the protocol version.

An operation travels in one of two wire forms: *explicit* (its payload as it is, every
field by name) or *compact* (its values in the order of its form definition's entered
fields, which both sides hold; see `Layout`). Either decodes to the same `Operation`.

An operation is frozen once sent: its payload hash identifies it, so a retry is recognised
as a duplicate and a different payload under the same id is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from common import safe_json
from common.sync.kinds import KINDS

if TYPE_CHECKING:
    from common.forms.definition import FormDefinition

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
#: A first download (the feed from its start: a new computer, a new scope, a new server
#: epoch) asks for pages this large, so a district's data comes as one compressed
#: answer (SYNC.md's single snapshot) and a province's in a few, not one per 256 KiB.
FIRST_DOWNLOAD_BYTES = MAX_PAGE_BYTES

Result = Literal["applied", "duplicate", "conflict", "rejected_locked", "rejected_scope",
                 "needs_mapping", "rejected"]
RESULTS: tuple[str, ...] = ("applied", "duplicate", "conflict", "rejected_locked",
                            "rejected_scope", "needs_mapping", "rejected")
ENTITIES: tuple[str, ...] = ("form", *KINDS)

#: Why the server holds an operation (or some of its fields) aside, as GET
#: /sync/quarantine says it: the form was locked, deleted meanwhile, or changed since a
#: delete was made; a definition version or field the server lacks; a value that breaks
#: the form's or kind's rules; a column the role may not write; a conflict choice that
#: waits for a district officer; an operation id reused with another payload.
HoldReason = Literal["locked", "deleted", "delete_conflict", "unknown_version",
                     "unknown_field", "invalid", "not_permitted", "resolver_needed",
                     "op_id_reused"]
HOLD_REASONS: tuple[HoldReason, ...] = (
    "locked", "deleted", "delete_conflict", "unknown_version", "unknown_field", "invalid",
    "not_permitted", "resolver_needed", "op_id_reused")
#: Holds where a delete and an edit of one form or record met: shown to everyone whose
#: scope covers it, as a field conflict is.
CLASH_REASONS: frozenset[HoldReason] = frozenset({"delete_conflict", "deleted"})
#: A hold's state: held until a person re-applies or dismisses it.
HoldStatus = Literal["held", "reapplied", "dismissed"]
#: A field conflict's state on the server: open until a write names it.
ConflictStatus = Literal["open", "resolved"]


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
    `owner` says where a record of another kind (common/sync/kinds.py) belongs, on the
    operation that creates it: its commune, year and unit.
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
    owner: Mapping[str, Any] | None = None

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
        if self.owner is not None:
            body["owner"] = dict(self.owner)
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
            client_time=body.get("client_time"), owner=body.get("owner"),
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

# \Z, never $: `$` also matches before a final newline, so "<uuid>\n" would pass and be
# stored; [0-9], never \d, which takes Khmer or Arabic-Indic digits too.
_UUID = validate.Regexp(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z",
                        error="a lower-case UUID")
#: The longest text value an operation carries: the longest text any form or record
#: column takes is 1,000 characters, and a held operation keeps its values.
MAX_VALUE_CHARS = 4000


def _change_problem(value: Any) -> str | None:
    """What is wrong with a change, `[value, base revision]` (any JSON value but an object
    or a list, and a revision >= 0), or None."""
    if (not isinstance(value, list) or len(value) != 2 or isinstance(value[1], bool)
            or not isinstance(value[1], int) or value[1] < 0):
        return "a change is [value, base revision >= 0]"
    if isinstance(value[0], dict | list):
        return "a value is a number, text, true, false or null"
    if isinstance(value[0], str) and len(value[0]) > MAX_VALUE_CHARS:
        return f"a text value is at most {MAX_VALUE_CHARS:,} characters"
    return None


class _FieldChanges(fields.Field[dict[str, list[Any]]]):
    """`{field key: [value, base revision]}`, keys of at most 100 characters. Checked in
    one loop, with the errors a `fields.Dict` would give ({key: {"key": [...], "value":
    [...]}}): a district's push carries thousands of changes, and a field object per key
    and per value cost more than applying them."""

    def _deserialize(self, value: Any, attr: Any, data: Any,
                     **kwargs: Any) -> dict[str, list[Any]]:
        if not isinstance(value, dict):
            raise ValidationError("Not a valid mapping type.")
        errors: dict[Any, dict[str, list[str]]] = {}
        for key, change in value.items():
            if not isinstance(key, str):
                errors.setdefault(key, {})["key"] = ["Not a valid string."]
            elif len(key) > 100:
                errors.setdefault(key, {})["key"] = ["Longer than maximum length 100."]
            problem = _change_problem(change)
            if problem is not None:
                errors.setdefault(key, {})["value"] = [problem]
        if errors:
            raise ValidationError(errors)
        return dict(value)


class NaturalKeySchema(Schema):
    unit_id = fields.String(required=True, validate=_UUID)
    year = fields.Integer(required=True, validate=validate.Range(2015, 2100))
    form_code = fields.String(required=True, validate=validate.Length(1, 48))


class OwnerSchema(Schema):
    # No defaults: the owner is hashed as sent.
    commune_code = fields.String(allow_none=True,
                                 validate=validate.Regexp(r"[0-9]{6}\Z", error="six digits"))
    year = fields.Integer(allow_none=True, validate=validate.Range(2015, 2100))
    unit_id = fields.String(allow_none=True, validate=_UUID)

    @validates_schema
    def _somewhere(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data.get("commune_code") and not data.get("unit_id"):
            raise ValidationError("a commune code or a unit id", "commune_code")


class OperationSchema(Schema):
    op_id = fields.String(required=True, validate=_UUID)
    device_id = fields.String(required=True, validate=_UUID)
    device_seq = fields.Integer(required=True, validate=validate.Range(1, 2**53))
    entity = fields.String(required=True, validate=validate.OneOf(ENTITIES))
    record_id = fields.String(required=True, validate=_UUID)
    definition_version = fields.Integer(required=True, validate=validate.Range(1, 10_000))
    # The key "" of a delete carries the record's base revision.
    fields_ = _FieldChanges(data_key="fields", attribute="fields", load_default=dict)
    natural_key = fields.Nested(NaturalKeySchema, load_default=None)
    owner = fields.Nested(OwnerSchema, load_default=None)
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


#: One instance for every push: a schema holds no state between loads, and making one
#: copies its fields (and its operations' schema) each time.
_PUSH_SCHEMA = PushSchema()


# --------------------------------------------------------------------------- encoding


def encode(message: Mapping[str, Any]) -> bytes:
    """A message as gzip-compressed canonical JSON."""
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


#: The most values, and objects and arrays, a push batch may hold (common/safe_json.py
#: counts them): 5,000 explicit operations of a full form hold about 1.4 million values
#: and 430,000 objects and arrays.
PUSH_MAX_VALUES = 2_000_000
PUSH_MAX_CONTAINERS = 500_000


def decode(body: bytes, *, limit: int = MAX_INFLATED_BYTES,
           max_values: int | None = PUSH_MAX_VALUES,
           max_containers: int | None = PUSH_MAX_CONTAINERS) -> Any:
    """JSON from a gzip body (or plain JSON), refusing anything that inflates past
    `limit` before it is all in memory, and anything the hardened reader refuses (with
    these bounds; None lifts one: a client reading its own server's answers)."""
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
        return safe_json.loads(raw, max_values=max_values, max_containers=max_containers)
    except safe_json.JSONRefusedError as exc:
        raise ProtocolError(exc.message) from None


#: The HTTP header in which each side names the protocol versions it speaks, as
#: "first-last" ("1-1"): the client on every request, the server on every answer.
PROTOCOL_HEADER = "ISAF-Protocol"
#: Which side of a pair of ranges must be upgraded: "client" (every version the server
#: speaks is newer than the client's), "server" (the other way), or None (they share one).
Upgrade = Literal["client", "server"]


def versions_text(versions: range = SUPPORTED_VERSIONS) -> str:
    """A range of versions as the header carries it ("1-1")."""
    return f"{versions.start}-{versions.stop - 1}"


def parse_versions(text: str | None) -> range | None:
    """The range a header names, or None when it names none (an older peer, or garbage)."""
    first, _, last = (text or "").strip().partition("-")
    if not (first.isdigit() and last.isdigit()) or len(first) > 6 or len(last) > 6:
        return None
    start, stop = int(first), int(last) + 1
    return range(start, stop) if start < stop else None


def upgrade_needed(client: range, server: range) -> Upgrade | None:
    """Which side must be upgraded for a client speaking `client` to sync with a server
    speaking `server`; None when they share a version."""
    if client.stop <= server.start:
        return "client"
    if server.stop <= client.start:
        return "server"
    return None


def check_version(version: Any) -> None:
    """Refuse a protocol version this code does not speak, saying which it does."""
    if not isinstance(version, int) or isinstance(version, bool) \
            or version not in SUPPORTED_VERSIONS:
        raise ProtocolError(
            f"protocol version {version!r} is not supported; this server speaks "
            f"{SUPPORTED_VERSIONS.start} to {SUPPORTED_VERSIONS.stop - 1}: update the "
            "application (your unsent changes are kept)", code="unsupported_protocol")


def encode_push(device_id: str, epoch: str | None, ops: Sequence[Mapping[str, Any]], *,
                layouts: Mapping[str, Layout] | None = None) -> bytes:
    """A push batch as it travels: over HTTP, and inside a USB bundle.

    `ops` are logical payloads (`Operation.payload()`). One whose op id `layouts` names
    travels compact on that layout, when that reads back as its very payload; every other
    one travels explicit, as it is.
    """
    wire: list[Mapping[str, Any]] = []
    for op in ops:
        op_id = op.get("op_id")
        layout = layouts.get(op_id) if layouts and isinstance(op_id, str) else None
        compact = compact_op(op, layout, device_id=device_id) if layout is not None else None
        wire.append(compact if compact is not None else op)
    return encode({"protocol": PROTOCOL_VERSION, "device_id": device_id, "epoch": epoch,
                   "ops": wire})


def parse_push(message: Any, *, layouts: Callable[[str, int], Layout | None] | None = None
               ) -> tuple[str, str | None, list[Operation]]:
    """(device id, epoch the client knows, operations) from a decoded push message.

    Compact operations are read on `layouts(form code, version)`, None when this side does
    not hold that version. A compact operation it cannot read (no such version here, or
    another field list under that version) refuses the whole push with
    `unknown_definition`: nothing applies, and the client sends it explicit next time.
    """
    if not isinstance(message, dict):
        raise ProtocolError("a push is a JSON object")
    check_version(message.get("protocol"))
    ops = message.get("ops")
    if isinstance(ops, list) and any(isinstance(op, dict) and "values" in op for op in ops):
        # Back to the explicit payloads first, so both forms meet the same schema and
        # become the same operations (the payload hash is over the explicit payload).
        message = {**message, "ops": [
            _read_compact(op, number, layouts, message.get("device_id"))
            if isinstance(op, dict) and "values" in op else op
            for number, op in enumerate(ops)]}
    _check_keys(message)
    try:
        data = _PUSH_SCHEMA.load(message)
    except ValidationError as exc:
        raise ProtocolError(f"the push is malformed: {exc.messages}") from None
    return data["device_id"], data["epoch"], [Operation.from_payload(o) for o in data["ops"]]


def _check_keys(message: dict[str, Any]) -> None:
    """Refuse unknown keys of a push or of its operations at once, naming a few: the
    schema would list every one, and its errors grow as the square of their number."""
    ops = message.get("ops")
    for where, keys, known in [("the push", message, _PUSH_KEYS), *(
            (f"operation {number}", op, _OPERATION_KEYS)
            for number, op in enumerate(ops if isinstance(ops, list) else [])
            if isinstance(op, dict))]:
        unknown = keys.keys() - known
        if unknown:
            names = ", ".join(repr(str(name)[:40]) for name in sorted(unknown, key=str)[:5])
            raise ProtocolError(f"the push is malformed: {where} has unknown keys ({names}"
                                f"{', ...' if len(unknown) > 5 else ''})")


_PUSH_KEYS = frozenset(field.data_key or name
                       for name, field in PushSchema._declared_fields.items())
_OPERATION_KEYS = frozenset(field.data_key or name
                            for name, field in OperationSchema._declared_fields.items())


# --------------------------------------------------------------------------- compact form

#: The largest base revision the compact form carries: far beyond any real revision, and
#: within a 32-bit database integer, so a hostile number is refused, not a server error.
MAX_WIRE_REVISION = 2**31 - 1
#: Keys of a compact operation that its explicit payload does not have.
_COMPACT_KEYS = frozenset({"form", "layout", "values", "present", "bases", "extra"})


@dataclass(frozen=True)
class Layout:
    """What a compact operation's values line up with: the entered fields of one published
    form definition, in form order.

    Client and server hold every published definition, so the field keys need not travel.
    The `tag` travels instead: a server holding another field list under the same version
    (republished after a restore, say) refuses the operation rather than misreads it.
    """

    form: str
    version: int
    keys: tuple[str, ...]

    @classmethod
    def of(cls, definition: FormDefinition) -> Layout:
        """The layout of a form definition."""
        return cls(definition.form, definition.version,
                   tuple(definition.entered_field_keys()))

    @cached_property
    def tag(self) -> str:
        """The first 8 hex digits of the canonical hash of the key list."""
        return canonical_hash(list(self.keys))[:8]

    @cached_property
    def positions(self) -> dict[str, int]:
        """Field key -> its place in the layout."""
        return {key: place for place, key in enumerate(self.keys)}


def compact_op(payload: Mapping[str, Any], layout: Layout, *,
               device_id: str) -> dict[str, Any] | None:
    """The compact wire form of an operation's payload on `layout` (see docs/SYNC.md), or
    None when it carries no value of the layout's fields, or would not read back as the
    very same payload: it then travels explicit."""
    changes = payload.get("fields")
    version = payload.get("definition_version")
    if (payload.get("entity") != "form" or not isinstance(changes, Mapping)
            or not _is_count(version) or version != layout.version):
        return None
    at = sorted(layout.positions[key] for key in changes if key in layout.positions)
    if not at:
        return None  # a delete, or a form's creation: nothing to gain
    values, bases = [], []
    for place in at:
        change = changes[layout.keys[place]]
        if not isinstance(change, list | tuple) or len(change) != 2:
            return None
        values.append(change[0])
        bases.append(change[1])
    wire = {k: v for k, v in payload.items() if k not in ("device_id", "entity", "fields")}
    if payload.get("device_id") != device_id:
        wire["device_id"] = payload.get("device_id")
    wire.update(form=layout.form, layout=layout.tag, values=values)
    runs = _present_runs(at)
    if runs != [len(layout.keys)]:
        wire["present"] = runs
    if not all(_is_revision(base) for base in bases):
        return None  # not a revision: explicit, so the schema judges it as it stands
    if len(set(bases)) > 1:
        wire["bases"] = bases
    elif bases[0] != 0:
        wire["bases"] = bases[0]
    extra = {key: change for key, change in changes.items() if key not in layout.positions}
    if extra:
        wire["extra"] = extra
    # Whatever goes compact must read back as the very payload, or its hash (by which the
    # server knows a retry) would change: check here rather than trust every corner.
    try:
        same = _canonical(expand_op(wire, layout, device_id=device_id)) == _canonical(payload)
    except (ProtocolError, TypeError, ValueError):
        return None
    return wire if same else None


def expand_op(wire: Mapping[str, Any], layout: Layout, *, device_id: Any) -> dict[str, Any]:
    """The explicit payload of a compact operation on `layout`. ProtocolError (its message
    without context) when the compact parts are malformed; the rest of the operation is
    `OperationSchema`'s to check."""
    if "fields" in wire:
        raise ProtocolError("a compact operation carries values, not fields")
    values = wire.get("values")
    if not isinstance(values, list):
        raise ProtocolError("values is a list")
    at = _present_places(wire.get("present"), len(layout.keys))
    if len(values) != len(at):
        raise ProtocolError(f"{len(values)} values for {len(at)} present fields of "
                            f"{layout.form} version {layout.version}")
    bases = wire.get("bases", 0)
    if _is_revision(bases):
        bases = [bases] * len(values)
    elif not (isinstance(bases, list) and len(bases) == len(values)
              and all(_is_revision(base) for base in bases)):
        raise ProtocolError(f"bases is one revision, or a list of one per value "
                            f"({len(values)}); a revision is 0 to {MAX_WIRE_REVISION}")
    extra = wire.get("extra", {})
    if not isinstance(extra, dict):
        raise ProtocolError("extra maps field keys to [value, base revision]")
    changes = {layout.keys[place]: [value, base]
               for place, value, base in zip(at, values, bases, strict=True)}
    if not changes.keys().isdisjoint(extra):
        raise ProtocolError("a field travels once: in values or in extra")
    changes.update(extra)
    payload = {k: v for k, v in wire.items() if k not in _COMPACT_KEYS}
    payload.setdefault("device_id", device_id)
    payload.setdefault("entity", "form")
    payload["fields"] = dict(sorted(changes.items()))
    return payload


def _read_compact(op: dict[str, Any], number: int,
                  layouts: Callable[[str, int], Layout | None] | None,
                  device_id: Any) -> dict[str, Any]:
    """The explicit payload of the compact operation at place `number` of a push."""
    form, version, tag = op.get("form"), op.get("definition_version"), op.get("layout")
    # Bounded before any lookup: a huge version must not reach a database query.
    if not (isinstance(form, str) and 1 <= len(form) <= 48 and _is_count(version)
            and 1 <= version <= 10_000 and isinstance(tag, str)):
        raise ProtocolError(f"the push is malformed: operation {number} has values, so it "
                            "names its form, definition_version (1 to 10000) and layout")
    layout = layouts(form, version) if layouts is not None else None
    if layout is None or layout.tag != tag:
        held = "does not hold" if layout is None else "holds another field list for"
        raise ProtocolError(
            f"this server {held} form {form} version {version}, which operation {number} "
            "was written on: nothing was applied; the next sync sends these changes in "
            "full", code="unknown_definition")
    try:
        return expand_op(op, layout, device_id=device_id)
    except ProtocolError as exc:
        raise ProtocolError(f"the push is malformed: operation {number}: {exc.message}") \
            from None


def _present_runs(at: Sequence[int]) -> list[int]:
    """Sorted places as run lengths: present, absent, present, ... (trailing absence
    left out). [3, 10, 71]: the first 3 fields, then none of the next 10, then 71."""
    runs: list[int] = []
    end = 0
    for place in at:
        if runs and place == end:
            runs[-1] += 1
        else:
            if runs:
                runs.append(place - end)
            elif place:
                runs += [0, place]
            runs.append(1)
        end = place + 1
    return runs


def _present_places(runs: Any, size: int) -> Sequence[int]:
    """The places `runs` (see `_present_runs`) marks present; every place for None."""
    if runs is None:
        return range(size)
    if (not isinstance(runs, list) or not runs or len(runs) > 2 * size + 1
            or not all(_is_count(run) for run in runs)):
        raise ProtocolError(f"present is a list of at most {2 * size + 1} run lengths >= 0")
    at: list[int] = []
    place = 0
    for number, run in enumerate(runs):
        if run > size - place:
            raise ProtocolError(f"present runs add up to more than the {size} fields")
        if number % 2 == 0:
            at.extend(range(place, place + run))
        place += run
    return at


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_revision(value: Any) -> bool:
    return _is_count(value) and value <= MAX_WIRE_REVISION


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- pull cursor


#: The longest change number a cursor can hold (a signed 64-bit integer).
_MAX_SEQ_DIGITS = len(str(safe_json.MAX_INTEGER)) - 1


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
        # ASCII digits only: str.isdigit() also takes '²' or Khmer digits, which int()
        # refuses or reads; and no longer than a change number can be.
        if not (seq.isascii() and seq.isdigit() and len(seq) <= _MAX_SEQ_DIGITS) \
                or "\x00" in rest:
            raise ProtocolError(f"not a cursor: {text[:80]!r}")
        return cls(int(seq), record_id, field_key)
