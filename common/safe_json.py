"""JSON from strangers: one reader for every JSON text the server (or a client) takes in.

Python's `json.loads` accepts texts that are valid JSON but that nothing downstream can
handle, and each surfaces far from the parser as an unexpected error:

- a lone surrogate (`"\\ud800"`) makes a string no database driver can encode as UTF-8;
- a NUL character (`"\\u0000"`) is refused by PostgreSQL in any text or JSONB value;
- nesting thousands of levels deep exhausts the interpreter's recursion limit in the
  parser itself, or later in a serializer, a validator or a database adapter;
- an integer of thousands of digits is refused by the parser with a bare `ValueError`
  (over 4,300 digits) and, below that, overflows a SQLite or PostgreSQL integer;
- `NaN` and `Infinity` are not JSON at all, and `1e999` reads as infinity;
- a few megabytes of `{},{},...` become millions of Python objects: hundreds of MB of a
  worker's memory, and seconds of its time, for one request.

`loads` refuses all of them, before anything else reads the value, with
`JSONRefusedError`, a `ValueError` carrying a message a person can act on, so every entry
point (Flask's request JSON, the argument parser,
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
#: The most values (counted as `{`, `[` and `,` in the text, before parsing: strings
#: holding them count too, so it is a bound, not an exact count) and the most objects and
#: arrays an API request body may hold. The largest real one, a form's values, holds a
#: few hundred.
MAX_VALUES = 100_000
MAX_CONTAINERS = 20_000
#: The most keys one object may hold, in any body, a push's included (a form has about a
#: hundred fields): a schema refusing unknown keys lists each one, and its error grows as
#: the square of their number (15,000 keys took 1.7 s).
MAX_KEYS = 1000

#: An escape that can make a lone surrogate or a NUL; without one, no string needs a look.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONRefusedError(ValueError):
    """A JSON text refused, and why, in words for the sender."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def loads(data: str | bytes | bytearray, *, max_values: int | None = MAX_VALUES,
          max_containers: int | None = MAX_CONTAINERS) -> Any:
    """The value of a JSON text, or `JSONRefusedError` saying what is wrong with it.

    The bounds are checked on the text before it is parsed, so a body of millions of
    empty objects costs a count, not hundreds of MB; None lifts one (a client reading its
    own server's answers)."""
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise JSONRefusedError("the body is not UTF-8 text") from None
    else:
        text = data
    containers = text.count("{") + text.count("[")
    if max_containers is not None and containers > max_containers:
        raise JSONRefusedError(f"the JSON holds more than {max_containers:,} objects and "
                               "arrays: send less at a time")
    if max_values is not None and containers + text.count(",") > max_values:
        raise JSONRefusedError(f"the JSON holds more than {max_values:,} values: send less "
                               "at a time")
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except JSONRefusedError:
        raise
    except RecursionError:
        raise JSONRefusedError(f"the JSON is nested too deeply (at most {MAX_DEPTH} levels)") \
            from None
    except json.JSONDecodeError as exc:
        raise JSONRefusedError(f"the body is not valid JSON ({exc.msg}, at character "
                               f"{exc.pos})") from None
    except ValueError:
        # Python refuses to read an integer of over 4,300 digits.
        raise JSONRefusedError(f"a number is too large (at most {MAX_INTEGER})") from None
    _check(value, strings=_SUSPECT_ESCAPE.search(text) is not None)
    return value


def check_text(value: str, what: str = "a text") -> str:
    """`value` when it can be stored as text; `JSONRefusedError` for a lone surrogate or a
    NUL (for text that did not come through `loads`: a query string, a file name)."""
    _check_string(value, what)
    return value


def _check(value: Any, *, strings: bool) -> None:
    """Refuse what the parser read but nothing downstream can take: nesting beyond
    MAX_DEPTH, objects of more than MAX_KEYS keys, integers beyond 64 bits, infinite
    floats (`1e999`), and, when `strings`, lone surrogates and NULs in keys and texts."""
    # Iterative, so a document at the parser's own limit cannot exhaust the stack here.
    stack: list[tuple[Any, int]] = [([value], 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise JSONRefusedError(f"the JSON is nested too deeply (at most {MAX_DEPTH} "
                                   "levels)")
        if type(item) is dict:
            if len(item) > MAX_KEYS:
                raise JSONRefusedError(f"an object holds more than {MAX_KEYS:,} keys")
            if strings:
                for key in item:
                    _check_string(key, "a key")
            children: Any = item.values()
        else:
            children = item
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append((child, depth + 1))
            elif kind is int:
                if not -MAX_INTEGER <= child <= MAX_INTEGER:
                    raise JSONRefusedError(f"the number {str(child)[:20]}... is too large "
                                           f"(at most {MAX_INTEGER})")
            elif kind is float:
                if not math.isfinite(child):
                    raise JSONRefusedError("a number is too large to be a finite number")
            elif strings and kind is str:
                _check_string(child, "a text")


def _check_string(text: str, what: str) -> None:
    if "\x00" in text:
        raise JSONRefusedError(f"{what} holds a NUL character (\\u0000), which cannot be "
                               "stored")
    if _LONE_SURROGATE.search(text):
        raise JSONRefusedError(f"{what} holds a lone UTF-16 surrogate (such as \\ud800): it "
                               "is not a character and cannot be stored")


def _refuse_constant(name: str) -> Any:
    # Python reads NaN and Infinity by default; they are not JSON, and no database stores
    # them as a value.
    raise JSONRefusedError(f"{name} is not a number JSON knows")
