"""The push wire form: compact operations read back as the very operations they came from
(same payload, same hash), explicit ones still pass, malformed compact ones are refused
with a clear protocol error, and the client falls back to explicit when a compact
operation went unanswered."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from client.store.models import LocalForm, OutboxOperation
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from common.forms import FormDefinition, load_definitions
from common.forms.store import PublishedDefinition
from common.safe_json import MAX_INTEGER
from common.sync.protocol import (
    MAX_WIRE_REVISION,
    Layout,
    Operation,
    ProtocolError,
    decode,
    encode,
    encode_push,
    parse_push,
)

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
DEVICE = "24d54677-0b0a-4a4c-9a57-1d3c1f1d2a10"
LAYOUT = Layout("health_center", 3, (
    "hc_chief_name", "hc_phone", "catchment_population", "staff_doctors.female",
    "staff_doctors.male", "opening_time", "open_24h", "anc1", "anc4", "pnc1",
    "balance_start", "fee_anc_visit"))

# No example database: it would write .hypothesis/ into the project. No deadline: the
# first examples pay for imports.
property_test = settings(database=None, deadline=None, max_examples=200)


def lookup(form: str, version: int) -> Layout | None:
    return LAYOUT if (form, version) == (LAYOUT.form, LAYOUT.version) else None


def read(body: bytes) -> list[Operation]:
    return parse_push(decode(body), layouts=lookup)[2]


def canonical(data: Any) -> str:
    # Unlike ==, tells true from 1 and 1.0 from 1: the payload hash does too.
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def op_with(fields: dict[str, tuple[Any, int]], **extra: Any) -> Operation:
    made: dict[str, Any] = {"op_id": str(uuid.uuid4()), "device_id": DEVICE, "device_seq": 7,
                            "entity": "form", "record_id": str(uuid.uuid4()),
                            "definition_version": LAYOUT.version, "fields": fields}
    return Operation(**{**made, **extra})


def wire_of(op: Operation) -> dict[str, Any]:
    """The operation as it travels when its layout is known."""
    message = decode(encode_push(DEVICE, None, [op.payload()], layouts={op.op_id: LAYOUT}))
    return message["ops"][0]  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- round trip

uuids = st.uuids().map(str)
# No lone surrogate and no NUL: the protocol refuses both (common/safe_json.py).
storable = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
khmer_or_latin = st.text(st.one_of(st.sampled_from(list("០១២៣៤៥៦៧៨៩ក្រុមខេត្តមណ្ឌលសុខភាព ")),
                                   storable), max_size=30)
values = st.one_of(st.none(), st.booleans(), st.integers(-MAX_INTEGER, MAX_INTEGER),
                   st.floats(allow_nan=False, allow_infinity=False), khmer_or_latin)
bases = st.one_of(st.just(0), st.integers(0, 4), st.integers(0, MAX_WIRE_REVISION))
known_fields = st.dictionaries(st.sampled_from(LAYOUT.keys), st.tuples(values, bases))
unknown_fields = st.dictionaries(
    st.text(storable, max_size=100).filter(lambda key: key not in LAYOUT.positions),
    st.tuples(values, bases), max_size=3)


@st.composite
def operations(draw: st.DrawFn) -> Operation:
    fields = draw(known_fields)
    if draw(st.booleans()):
        # Every base the same, as after a first push or a fresh pull: the common case.
        base = draw(bases)
        fields = {key: (value, base) for key, (value, _) in fields.items()}
    fields.update(draw(unknown_fields))
    return Operation(
        op_id=draw(uuids), device_id=draw(st.one_of(st.just(DEVICE), uuids)),
        device_seq=draw(st.integers(1, 2**53)), entity="form", record_id=draw(uuids),
        definition_version=LAYOUT.version, fields=fields,
        natural_key=draw(st.none() | st.fixed_dictionaries({
            "unit_id": uuids, "year": st.integers(2015, 2100),
            "form_code": st.just("health_center")})),
        delete=draw(st.booleans()),
        confirmations=draw(st.dictionaries(st.text(storable, min_size=1, max_size=30),
                                           khmer_or_latin.filter(bool), max_size=2)),
        resolves=draw(st.dictionaries(st.sampled_from(LAYOUT.keys), uuids, max_size=2)),
        client_time=draw(st.none() | st.just("2026-11-22T04:03:15+00:00")))


@property_test
@given(op=operations())
def test_a_compact_operation_reads_back_as_the_very_same_operation(op: Operation) -> None:
    body = encode_push(DEVICE, "acb60afb-0000-4000-8000-000000000000", [op.payload()],
                       layouts={op.op_id: LAYOUT})
    wire = decode(body)["ops"][0]
    # Compact whenever a value of the layout travels: else this test would prove nothing.
    assert ("values" in wire) == any(key in LAYOUT.positions for key in op.fields)
    assert ("fields" in wire) != ("values" in wire)
    (compact,) = read(body)
    (explicit,) = read(encode_push(DEVICE, None, [op.payload()]))
    assert compact == explicit == op
    assert canonical(compact.payload()) == canonical(explicit.payload()) == canonical(
        op.payload())
    assert compact.payload_hash == op.payload_hash


@property_test
@given(ops=st.lists(operations(), max_size=4))
def test_compact_and_explicit_operations_mix_in_one_batch(ops: list[Operation]) -> None:
    body = encode_push(DEVICE, None, [op.payload() for op in ops],
                       layouts={op.op_id: LAYOUT for op in ops[::2]})
    assert read(body) == ops


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**40), 10**40),
                         st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=5))
any_json = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                        max_leaves=12)


@property_test
@given(values=any_json, present=st.none() | any_json, bases=st.none() | any_json,
       extra=st.none() | any_json)
def test_malformed_compact_parts_are_protocol_errors_never_crashes(
        values: Any, present: Any, bases: Any, extra: Any) -> None:
    wire = {**wire_of(op_with({"anc1": (5, 0)})), "values": values}
    for name, part in (("present", present), ("bases", bases), ("extra", extra)):
        if part is not None:
            wire[name] = part
    message = json.loads(json.dumps({"protocol": 1, "device_id": DEVICE, "ops": [wire]}))
    code = "read"
    try:
        parse_push(message, layouts=lookup)
    except ProtocolError as exc:
        code = exc.code
    assert code in ("read", "protocol_error")  # anything else would be a server error


# --------------------------------------------------------------------------- the shapes


def test_a_full_form_travels_as_values_alone() -> None:
    op = op_with({key: (number, 0) for number, key in enumerate(LAYOUT.keys)})
    wire = wire_of(op)
    assert wire["values"] == list(range(len(LAYOUT.keys)))
    assert {"present", "bases", "extra", "fields", "device_id", "entity"}.isdisjoint(wire)
    assert (wire["form"], wire["definition_version"], wire["layout"]) == (
        "health_center", 3, LAYOUT.tag)
    body = gzip.decompress(encode_push(DEVICE, None, [op.payload()],
                                       layouts={op.op_id: LAYOUT}))
    assert b"anc1" not in body and b"catchment_population" not in body


def test_some_fields_travel_as_runs_and_bases_compact_to_one_number() -> None:
    keys = LAYOUT.keys
    wire = wire_of(op_with({keys[0]: ("Sok", 2), keys[1]: ("012", 2), keys[7]: (5, 2)}))
    assert wire["values"] == ["Sok", "012", 5]
    assert wire["present"] == [2, 5, 1]  # two present, five absent, one present
    assert wire["bases"] == 2
    mixed = wire_of(op_with({keys[3]: (1, 4), keys[4]: (None, 0)}))
    assert mixed["present"] == [0, 3, 2]
    assert mixed["bases"] == [4, 0]


def test_fields_outside_the_layout_travel_by_name() -> None:
    op = op_with({"anc1": (5, 1), "old_field_of_v2": ("kept", 3)})
    wire = wire_of(op)
    assert wire["extra"] == {"old_field_of_v2": ["kept", 3]}
    assert read(encode_push(DEVICE, None, [op.payload()], layouts={op.op_id: LAYOUT})) == [op]


@pytest.mark.parametrize("op", [
    op_with({"": (None, 4)}, delete=True),  # a delete: no value of the layout
    op_with({}, natural_key={"unit_id": DEVICE, "year": 2026, "form_code": "health_center"}),
    op_with({"anc1": (5, 0)}, definition_version=4),  # another version than the layout's
])
def test_operations_the_layout_cannot_carry_travel_explicit(op: Operation) -> None:
    wire = wire_of(op)
    assert "values" not in wire and wire == op.payload()
    assert read(encode_push(DEVICE, None, [op.payload()], layouts={op.op_id: LAYOUT})) == [op]


def test_the_explicit_form_needs_no_definition() -> None:
    op = op_with({"anc1": ("៣២០", 0)})
    assert parse_push(decode(encode_push(DEVICE, None, [op.payload()])))[2] == [op]


def test_a_real_definition_lays_out_its_entered_fields_in_form_order() -> None:
    definition = health_center()
    layout = Layout.of(definition)
    assert layout.keys == tuple(definition.entered_field_keys())
    assert layout.keys[:2] == ("hc_chief_name", "hc_phone")
    assert len(layout.tag) == 8 and layout.tag == Layout.of(health_center()).tag


# --------------------------------------------------------------------------- refusals


def compact_message(**change: Any) -> dict[str, Any]:
    wire = wire_of(op_with({"anc1": (5, 0), "anc4": (3, 0), "pnc1": (2, 0)}))
    wire.update(change)
    for name, part in change.items():
        if part is None:
            del wire[name]
    return {"protocol": 1, "device_id": DEVICE, "ops": [wire]}


@pytest.mark.parametrize(("change", "says"), [
    ({"values": [5, 3]}, "2 values for 3 present fields"),
    ({"values": "5,3,2"}, "values is a list"),
    ({"values": [5, 3, {"x": 1}]}, "a value is a number"),
    ({"present": [7, 10**30]}, "more than the 12 fields"),
    ({"present": [-1, 3]}, "run lengths"),
    ({"present": [True, 2]}, "run lengths"),
    ({"present": []}, "run lengths"),
    ({"present": [0] * 40}, "run lengths"),
    ({"bases": -1}, "bases is one revision"),
    ({"bases": 10**30}, "bases is one revision"),
    ({"bases": MAX_WIRE_REVISION + 1}, "bases is one revision"),
    ({"bases": True}, "bases is one revision"),
    ({"bases": [0, 0]}, "bases is one revision"),
    ({"bases": [0, "1", 0]}, "bases is one revision"),
    ({"bases": "0"}, "bases is one revision"),
    ({"extra": [["x", 1, 0]]}, "extra maps"),
    ({"extra": {"anc1": [6, 0]}}, "a field travels once"),
    ({"extra": {"x": [1, -1]}}, "a change is [value, base revision >= 0]"),
    ({"fields": {"anc1": [5, 0]}}, "carries values, not fields"),
    ({"form": None}, "names its form"),
    ({"layout": None}, "names its form"),
    ({"definition_version": 10**30}, "names its form"),
    ({"definition_version": "3"}, "names its form"),
    ({"entity": "jaap_row"}, "entity"),
    ({"surprise": 1}, "surprise"),
])
def test_malformed_compact_operations_are_refused_clearly(change: dict[str, Any],
                                                          says: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        parse_push(compact_message(**change), layouts=lookup)
    assert refused.value.code == "protocol_error"
    assert says in refused.value.message


@pytest.mark.parametrize("change", [{"definition_version": 4}, {"form": "cs_admin"},
                                    {"layout": "00000000"}])
def test_a_compact_operation_on_a_definition_not_held_here_is_refused_whole(
        change: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError) as refused:
        parse_push(compact_message(**change), layouts=lookup)
    assert refused.value.code == "unknown_definition"
    assert "sends these changes in full" in refused.value.message
    with pytest.raises(ProtocolError, match="does not hold"):
        parse_push(compact_message())  # a reader without definitions


@pytest.mark.parametrize("text", [b'{"protocol": NaN}', b'[Infinity]', b"[1e400]",
                                  b"[" + b"9" * 5000 + b"]"])
def test_numbers_json_cannot_carry_are_protocol_errors(text: bytes) -> None:
    for body in (text, gzip.compress(text)):
        with pytest.raises(ProtocolError):
            decode(body)


# --------------------------------------------------------------------------- the client


def health_center() -> FormDefinition:
    return next(d for d in load_definitions(FORMS_DIR) if d.form == "health_center")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[SyncEngine]:
    """A computer holding the health-center definition, with no server behind it."""
    store = LocalStore(tmp_path / "store.sqlite")
    definition = health_center()
    with store.transaction() as session:
        session.add(PublishedDefinition(
            form=definition.form, version=definition.version,
            service_kind=definition.service_kind, title_km=definition.title.km,
            title_en=definition.title.en, checksum=definition.checksum,
            content=dict(definition.source)))
    transport = Transport("http://127.0.0.1:9")  # never called: bodies only
    yield SyncEngine(store, transport)
    transport.close()
    store.close()


def unsent(store: LocalStore) -> list[OutboxOperation]:
    with store.transaction() as session:
        return list(session.scalars(select(OutboxOperation).where(
            OutboxOperation.state.in_(("pending", "sent"))).order_by(OutboxOperation.device_seq)))


def server_reads(body: bytes) -> list[Operation]:
    layout = Layout.of(health_center())
    return parse_push(decode(body), layouts=lambda form, version: layout if (
        form, version) == (layout.form, layout.version) else None)[2]


def test_the_client_sends_compact_first_and_explicit_when_still_unanswered(
        engine: SyncEngine) -> None:
    store = engine.store
    form_id = store.create_form(unit_id=DEVICE, year=2026, form_code="health_center")
    store.save_values(form_id, {"anc1": 40, "anc4": 30, "hc_chief_name": "សុខ ចាន់"})
    batch = unsent(store)
    first, again = engine.push_body(batch), engine.push_body(batch)
    assert "values" in decode(first)["ops"][0]
    # The first copy got no answer (a server that could not read it, or a cut link):
    # the next one names every field, so any server can hold it.
    assert decode(again)["ops"][0]["fields"] == batch[0].payload["fields"]
    assert [op.payload_hash for op in server_reads(first)] == [batch[0].payload_hash]
    assert server_reads(first) == server_reads(again)
    with store.transaction() as session:
        session.get(OutboxOperation, batch[0].op_id).state = "acked"
    store.save_values(form_id, {"anc1": 41})
    later = engine.push_body(unsent(store))
    assert "values" in decode(later)["ops"][0]  # answered ones are forgotten
    assert json.loads(store.get_state("compact_unanswered") or "[]") == [
        unsent(store)[0].op_id]


def test_the_client_sends_explicit_what_it_has_no_definition_for(engine: SyncEngine) -> None:
    store = engine.store
    form_id = store.create_form(unit_id=DEVICE, year=2026, form_code="health_center")
    with store.transaction() as session:
        # The form exists on the server; a newer application wrote it on version 99.
        session.get(OutboxOperation, unsent(store)[0].op_id).state = "acked"
        session.get(LocalForm, form_id).definition_version = 99
    store.save_values(form_id, {"anc1": 4})
    (wire,) = decode(engine.push_body(unsent(store)))["ops"]
    assert wire["fields"] == {"anc1": [4, 0]} and wire["definition_version"] == 99


def test_explicit_bodies_of_older_clients_still_read() -> None:
    op = op_with({"anc1": (5, 0)})
    body = encode({"protocol": 1, "device_id": DEVICE, "epoch": None, "ops": [op.payload()]})
    assert read(body) == [op]
