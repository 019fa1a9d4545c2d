"""The change entries of a pull page, as they travel (docs/SYNC.md, "Pull").

A page lists changes in feed order, each a small JSON object whose key `t` says what it
is: a form header (`form`), a record header of another kind (`record`, common/sync/kinds.py)
or one field value of either (`value`: a form's field, or a record's column). The keys are
short because a district's first download carries hundreds of thousands of values.

The server builds each entry with an `encode_*` function and the client reads it with
`decode_change`, which refuses a malformed entry with a `MalformedChangeError` rather than
let a missing key or a wrong type reach the local store.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict, cast

from common.sync.protocol import ProtocolError

#: What a change entry describes.
ChangeType = Literal["form", "value", "record"]


class FormChange(TypedDict):
    """A form header: its natural key, definition version (`v`), status and revision."""

    t: Literal["form"]
    id: str
    unit_id: str
    year: int
    form_code: str
    v: int
    status: str
    rev: int
    deleted: bool
    comment: str | None


class ValueChange(TypedDict):
    """One field of a form, or one column of a record (`f` names either: ids never
    collide): its key `k`, value `v`, revision `r`, and the open conflict `c` it has."""

    t: Literal["value"]
    f: str
    k: str
    v: Any
    r: int
    c: NotRequired[str]


class RecordChange(TypedDict):
    """A record header of another kind: where it belongs, its revision, a tombstone."""

    t: Literal["record"]
    id: str
    kind: str
    commune: str
    unit_id: str | None
    year: int | None
    rev: int
    deleted: bool


Change = FormChange | ValueChange | RecordChange


class MalformedChangeError(ProtocolError):
    """A change entry of a pull page that breaks the protocol."""

    def __init__(self, message: str) -> None:
        super().__init__(f"a malformed change in the pull page: {message}",
                         code="malformed_change")


# --------------------------------------------------------------------------- encoding
# The keys go in this order on the wire (JSON keeps it): the server sizes a page from
# the value entry's fixed skeleton, '{"t":"value","f":"","k":"","v":,"r":}'.


def encode_form_change(*, form_id: str, unit_id: str, year: int, form_code: str,
                       version: int, status: str, revision: int, deleted: bool,
                       comment: str | None) -> FormChange:
    """A form header as a change entry."""
    return {"t": "form", "id": form_id, "unit_id": unit_id, "year": year,
            "form_code": form_code, "v": version, "status": status, "rev": revision,
            "deleted": deleted, "comment": comment}


def encode_value_change(owner_id: str, key: str, value: Any, revision: int,
                        conflict_id: str | None) -> ValueChange:
    """A field value (of a form, or a record's column) as a change entry; positional, as
    a page holds thousands."""
    change: ValueChange = {"t": "value", "f": owner_id, "k": key, "v": value, "r": revision}
    if conflict_id:
        change["c"] = conflict_id
    return change


def encode_record_change(*, record_id: str, kind: str, commune_code: str,
                         unit_id: str | None, year: int | None, revision: int,
                         deleted: bool) -> RecordChange:
    """A record header of another kind as a change entry."""
    return {"t": "record", "id": record_id, "kind": kind, "commune": commune_code,
            "unit_id": unit_id, "year": year, "rev": revision, "deleted": deleted}


# --------------------------------------------------------------------------- decoding

_STR, _OPTIONAL_STR = (str,), (str, type(None))
_INT, _OPTIONAL_INT, _BOOL = (int,), (int, type(None)), (bool,)
#: Each type's keys with the Python types their values take (bool is never an int here).
_SHAPES: dict[str, dict[str, tuple[type, ...]]] = {
    "form": {"id": _STR, "unit_id": _STR, "year": _INT, "form_code": _STR, "v": _INT,
             "status": _STR, "rev": _INT, "deleted": _BOOL, "comment": _OPTIONAL_STR},
    "value": {"f": _STR, "k": _STR, "r": _INT},
    "record": {"id": _STR, "kind": _STR, "commune": _STR, "unit_id": _OPTIONAL_STR,
               "year": _OPTIONAL_INT, "rev": _INT, "deleted": _BOOL},
}


def decode_change(data: Any) -> Change:
    """A change entry from a decoded page; MalformedChangeError when it is not one (an
    unknown type, a missing key, a value of the wrong type). Keys it does not know are
    left as they are."""
    if not isinstance(data, dict):
        raise MalformedChangeError("a change is a JSON object")
    kind = data.get("t")
    shape = _SHAPES.get(kind) if isinstance(kind, str) else None
    if shape is None:
        raise MalformedChangeError(f"unknown change type {str(kind)[:40]!r}")
    for key, types in shape.items():
        if key not in data:
            raise MalformedChangeError(f"a {kind} change lacks {key!r}")
        value = data[key]
        if not isinstance(value, types) or (isinstance(value, bool) and types != _BOOL):
            raise MalformedChangeError(f"{key!r} of a {kind} change is "
                                       f"{type(value).__name__}")
    if kind == "value":
        if "v" not in data:
            raise MalformedChangeError("a value change lacks 'v'")
        if data.get("c") is not None and not isinstance(data["c"], str):
            raise MalformedChangeError("'c' of a value change is not text")
    return cast(Change, data)


def decode_changes(data: Any) -> list[Change]:
    """The change entries of a page (its `changes`), each checked by `decode_change`."""
    if not isinstance(data, list):
        raise MalformedChangeError("a page's changes are a JSON array")
    return [decode_change(change) for change in data]

