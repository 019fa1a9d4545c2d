"""JSON from strangers: one reader for every JSON text the server (or a client) takes in.

Python's `json.loads` accepts texts that are valid JSON but that nothing downstream can
handle, and each surfaces far from the parser as an unexpected error:

- a lone surrogate (`"\\ud800"`) makes a string no database driver can encode as UTF-8;
- a NUL character (`"\\u0000"`) is refused by PostgreSQL in any text or JSONB value;
- nesting thousands of levels deep exhausts the interpreter's recursion limit in the
  parser itself, or later in a serializer, a validator or a database adapter;
- an integer of thousands of digits is refused by the parser with a bare `ValueError`
  (over 4,300 digits) and, below that, overflows a SQLite or PostgreSQL integer;
- `NaN` and `Infinity` are not JSON at all, and `1e999` reads as infinity.

`loads` refuses all of them up front with `JSONRefusedError`, a `ValueError` carrying a message
a person can act on, so every entry point (Flask's request JSON, the argument parser,
sync pushes, USB bundles) answers the same clear 4xx and nothing reaches the database.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

#: Deeper than any document of the protocol or the API (a push is four levels deep).
MAX_DEPTH = 32
#: The largest integer the databases store (a signed 64-bit integer).
MAX_INTEGER = 2**63 - 1
#: Longest integer text looked at: beyond it, no need to build the number to refuse it.
_MAX_INTEGER_DIGITS = len(str(MAX_INTEGER)) + 1

#: An escape that can make a lone surrogate or a NUL; without one, no string needs a look.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONRefusedError(ValueError):
    """A JSON text refused, and why, in words for the sender."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def loads(data: str | bytes | bytearray) -> Any:
    """The value of a JSON text, or `JSONRefusedError` saying what is wrong with it."""
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise JSONRefusedError("the body is not UTF-8 text") from None
    else:
        text = data
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_finite_float,
                           parse_constant=_refuse_constant)
    except JSONRefusedError:
        raise
    except RecursionError:
        raise JSONRefusedError(f"the JSON is nested too deeply (at most {MAX_DEPTH} levels)") \
            from None
    except json.JSONDecodeError as exc:
        raise JSONRefusedError(f"the body is not valid JSON ({exc.msg}, at character "
                          f"{exc.pos})") from None
    except ValueError:
        raise JSONRefusedError("the body is not valid JSON") from None
    _check(value, strings=_SUSPECT_ESCAPE.search(text) is not None)
    return value


def check_text(value: str, what: str = "a text") -> str:
    """`value` when it can be stored as text; `JSONRefusedError` for a lone surrogate or a NUL
    (for text that did not come through `loads`: a query string, a form field)."""
    _check_string(value, what)
    return value


def _check(value: Any, *, strings: bool) -> None:
    # Iterative, so a document at the parser's own limit cannot exhaust the stack here.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise JSONRefusedError(f"the JSON is nested too deeply (at most {MAX_DEPTH} "
                                  "levels)")
            for key, child in item.items():
                if strings:
                    _check_string(key, "a key")
                if isinstance(child, (dict, list)) or (strings and isinstance(child, str)):
                    stack.append((child, depth + 1))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                raise JSONRefusedError(f"the JSON is nested too deeply (at most {MAX_DEPTH} "
                                  "levels)")
            for child in item:
                if isinstance(child, (dict, list)) or (strings and isinstance(child, str)):
                    stack.append((child, depth + 1))
        elif strings and isinstance(item, str):
            _check_string(item, "a text")


def _check_string(text: str, what: str) -> None:
    if "\x00" in text:
        raise JSONRefusedError(f"{what} holds a NUL character (\\u0000), which cannot be stored")
    if _LONE_SURROGATE.search(text):
        raise JSONRefusedError(f"{what} holds a lone UTF-16 surrogate (such as \\ud800): it is "
                          "not a character and cannot be stored")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INTEGER_DIGITS:
        raise JSONRefusedError(f"the number {digits[:20]}... is too large (at most {MAX_INTEGER})")
    number = int(digits)
    if abs(number) > MAX_INTEGER:
        raise JSONRefusedError(f"the number {digits} is too large (at most {MAX_INTEGER})")
    return number


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise JSONRefusedError(f"the number {text[:40]} is too large")
    return number


def _refuse_constant(name: str) -> Any:
    # Python reads NaN and Infinity by default; they are not JSON, and no database stores
    # them as a value.
    raise JSONRefusedError(f"{name} is not a number JSON knows")
