"""The hardened JSON reader: everything storable reads back as Python's own reader reads
it; everything else is refused with a reason, never an exception of another kind."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.safe_json import MAX_DEPTH, MAX_INTEGER, JSONRefusedError, loads

storable_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
storable = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_INTEGER, MAX_INTEGER)
    | st.floats(allow_nan=False, allow_infinity=False) | storable_text,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(storable_text, inner,
                                                                 max_size=5),
    max_leaves=30)


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(value=storable)
def test_storable_json_reads_back_as_json_reads_it(value: Any) -> None:
    text = json.dumps(value)
    if _depth(value) > MAX_DEPTH:
        with pytest.raises(JSONRefusedError):
            loads(text)
    else:
        assert loads(text) == json.loads(text)
        assert loads(text.encode("utf-8")) == json.loads(text)


@settings(max_examples=300, deadline=None)
@given(value=storable, junk=st.sampled_from(["\ud800", "\udfff", "\x00", "a\ud83d"]),
       where=st.sampled_from(["key", "value"]))
def test_a_lone_surrogate_or_nul_anywhere_is_refused(value: Any, junk: str, where: str
                                                       ) -> None:
    wrapped = {junk: value} if where == "key" else {"k": [value, junk]}
    with pytest.raises(JSONRefusedError) as refused:
        loads(json.dumps(wrapped))
    assert "surrogate" in refused.value.message or "NUL" in refused.value.message


@pytest.mark.parametrize(("text", "says"), [
    ("9223372036854775808", "too large"), ("-9223372036854775808", "too large"),
    ("1" * 4301, "too large"), ("[1e400]", "finite"), ("-1e999", "finite"),
    ("NaN", "NaN"), ("[Infinity]", "Infinity"), ("[" * 33 + "]" * 33, "nested"),
    ("[" * 1000 + "]" * 1000, "nested"), ("[" * 100_000, "objects and arrays"),
    ("{", "not valid JSON"), (b"\xff\xfe", "UTF-8"),
    ("[" + "{}," * 30_000 + "{}]", "objects and arrays"),
    ("[" + "1," * 200_000 + "1]", "values"),
], ids=["2**63", "-2**63", "4301-digits", "1e400", "-1e999", "NaN", "Infinity", "depth-33",
        "depth-1000", "depth-100000", "truncated", "not-utf8", "objects", "values"])
def test_what_is_refused_says_why(text: str | bytes, says: str) -> None:
    with pytest.raises(JSONRefusedError) as refused:
        loads(text)
    assert says in refused.value.message


def test_the_bounds_can_be_lifted_for_a_servers_own_answers() -> None:
    many = "[" + "{}," * 30_000 + "{}]"
    assert len(loads(many, max_values=None, max_containers=None)) == 30_001
    assert loads("[-9223372036854775807, 0.5]") == [-MAX_INTEGER, 0.5]
    assert math.isfinite(loads("1.5e308"))
