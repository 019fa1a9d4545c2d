"""The pull page's change entries (common/sync/page.py) and the wire's state names
(common/sync/protocol.py): what the server encodes, the client decodes unchanged, and a
malformed entry is refused with a clear error rather than reaching the local store."""

from __future__ import annotations

import json
from typing import Any

import pytest

from common.sync.page import (
    MalformedChangeError,
    decode_change,
    decode_changes,
    encode_form_change,
    encode_record_change,
    encode_value_change,
)
from common.sync.protocol import CLASH_REASONS, HOLD_REASONS, ProtocolError

_FORM = "0b6f1f4e-8a57-4f59-9d7e-000000000001"
_UNIT = "0b6f1f4e-8a57-4f59-9d7e-000000000002"
_CONFLICT = "0b6f1f4e-8a57-4f59-9d7e-000000000003"


def _wire(change: Any) -> str:
    return json.dumps(change, separators=(",", ":"))


def _form() -> dict[str, Any]:
    return dict(encode_form_change(form_id=_FORM, unit_id=_UNIT, year=2025, form_code="hc",
                                   version=3, status="returned", revision=7, deleted=False,
                                   comment="check the births"))


def _record() -> dict[str, Any]:
    return dict(encode_record_change(record_id=_FORM, kind="jaap_action",
                                     commune_code="010203", unit_id=None, year=2025,
                                     revision=2, deleted=True))


def test_entries_travel_as_the_short_keyed_objects_clients_read() -> None:
    assert _wire(_form()) == (
        f'{{"t":"form","id":"{_FORM}","unit_id":"{_UNIT}","year":2025,"form_code":"hc",'
        '"v":3,"status":"returned","rev":7,"deleted":false,"comment":"check the births"}')
    assert _wire(encode_value_change(_FORM, "births", 12, 4, None)) == (
        f'{{"t":"value","f":"{_FORM}","k":"births","v":12,"r":4}}')
    assert _wire(encode_value_change(_FORM, "births", None, 4, _CONFLICT)) == (
        f'{{"t":"value","f":"{_FORM}","k":"births","v":null,"r":4,"c":"{_CONFLICT}"}}')
    assert _wire(_record()) == (
        f'{{"t":"record","id":"{_FORM}","kind":"jaap_action","commune":"010203",'
        '"unit_id":null,"year":2025,"rev":2,"deleted":true}')


@pytest.mark.parametrize("value", [12, 1.5, "ស្រុក", True, None, ""])
def test_encode_then_decode_gives_the_same_entry(value: Any) -> None:
    changes = [_form(), dict(encode_value_change(_FORM, "k", value, 1, None)),
               dict(encode_value_change(_FORM, "k", value, 2, _CONFLICT)), _record()]
    travelled = json.loads(_wire(changes))
    assert decode_changes(travelled) == changes
    assert [decode_change(change)["t"] for change in travelled] == [
        "form", "value", "value", "record"]


@pytest.mark.parametrize(("change", "says"), [
    ("not an object", "a change is a JSON object"),
    ({"f": _FORM, "k": "a", "v": 1, "r": 1}, "unknown change type"),
    ({"t": "comment", "id": _FORM}, "unknown change type 'comment'"),
    ({"t": "value", "f": _FORM, "k": "a", "r": 1}, "lacks 'v'"),
    ({"t": "value", "f": _FORM, "v": 1, "r": 1}, "lacks 'k'"),
    ({"t": "value", "f": _FORM, "k": "a", "v": 1, "r": "1"}, "'r' of a value change is str"),
    ({"t": "value", "f": _FORM, "k": "a", "v": 1, "r": True}, "'r' of a value change is bool"),
    ({"t": "value", "f": _FORM, "k": "a", "v": 1, "r": 1, "c": 5}, "'c' of a value change"),
    ({**_record(), "commune": None}, "'commune' of a record change is NoneType"),
    ({**_form(), "deleted": 0}, "'deleted' of a form change is int"),
    ({key: value for key, value in _form().items() if key != "status"},
     "a form change lacks 'status'"),
])
def test_a_malformed_entry_is_refused(change: Any, says: str) -> None:
    with pytest.raises(MalformedChangeError, match=says) as raised:
        decode_change(change)
    assert isinstance(raised.value, ProtocolError) and isinstance(raised.value, ValueError)
    assert raised.value.code == "malformed_change"
    assert raised.value.message.startswith("a malformed change in the pull page")


def test_a_page_whose_changes_are_not_a_list_is_refused() -> None:
    with pytest.raises(MalformedChangeError, match="a JSON array"):
        decode_changes({"t": "form"})
    with pytest.raises(MalformedChangeError, match="lacks 'r'"):
        decode_changes([dict(encode_value_change(_FORM, "a", 1, 1, None)),
                        {"t": "value", "f": _FORM, "k": "b", "v": 2}])


def test_a_newer_servers_extra_keys_are_left_alone() -> None:
    change = {**dict(encode_value_change(_FORM, "a", 1, 1, None)), "by": "someone"}
    assert decode_change(change) == change


def test_clashes_are_hold_reasons() -> None:
    assert set(HOLD_REASONS) >= CLASH_REASONS
    assert len(set(HOLD_REASONS)) == len(HOLD_REASONS)
