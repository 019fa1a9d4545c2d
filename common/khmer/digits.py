"""Khmer and Arabic digits: converting between them and reading numbers people type.

Posters and printed forms use Khmer digits (០-៩); spreadsheets and the database use
Arabic digits (0-9). Field staff type either, depending on the keyboard layout they
happen to have switched on, so every number that comes from a person goes through
`parse_number`.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Literal

Digits = Literal["arabic", "khmer"]

ARABIC_DIGITS = "0123456789"
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"  # U+17E0..U+17E9

_TO_KHMER = str.maketrans(ARABIC_DIGITS, KHMER_DIGITS)
_TO_ARABIC = str.maketrans(KHMER_DIGITS, ARABIC_DIGITS)

# What people put between thousands: ',' on any keyboard; a space, a no-break space
# (pasted from Word or a PDF), thin/narrow spaces (pasted from typeset text), and the
# zero-width space, which the Khmer NiDA keyboard types on the space bar.
_GROUP_SEPARATORS = ",\u0020\u00a0\u2009\u202f\u200b"
# Stripped from both ends as well as whitespace: str.strip() keeps these, but values
# pasted from Khmer documents often carry them.
_INVISIBLE = "\u200b\ufeff"
# Matched at the start only, of the text and of the text reversed: `[...]+$` would be
# tried at every position of a long run of spaces, in time growing as its square.
_EDGE = re.compile(r"[\s" + _INVISIBLE + r"]*")
#: Longer than any number anyone types, spaces included: refused before it is read.
MAX_NUMBER_TEXT = 1000
_MINUS_SIGNS = ("-", "\u2212")

# [0-9], never \d: \d, like int() and Decimal(), also accepts Thai, Devanagari or
# full-width digits, which nobody here means to type and a reader would not expect.
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
# No leading zero, so that '0,500' (a European 0.5) is refused rather than read as 500.
_GROUPED_INT = re.compile(r"[1-9][0-9]{0,2}(?:[" + _GROUP_SEPARATORS + r"][0-9]{3})+")


def _trim(text: str) -> str:
    """`text` without whitespace and invisible characters at either end."""
    start = _EDGE.match(text).end()  # type: ignore[union-attr]  # * matches always
    end = len(text) - _EDGE.match(text[::-1]).end()  # type: ignore[union-attr]  # as above
    return text[start:end] if start < end else ""


def to_khmer_digits(text_or_number: str | int | float | Decimal) -> str:
    """Return the text (or number) with every 0-9 replaced by its Khmer digit."""
    return _as_text(text_or_number).translate(_TO_KHMER)


def to_arabic_digits(text: str) -> str:
    """Return the text with every Khmer digit ០-៩ replaced by 0-9."""
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    return text.translate(_TO_ARABIC)


def render_digits(text: str, digits: Digits) -> str:
    """Return Arabic-digit text in the digits asked for ('arabic' or 'khmer')."""
    if digits == "arabic":
        return text
    if digits == "khmer":
        return to_khmer_digits(text)
    raise ValueError(f"digits must be 'arabic' or 'khmer', not {digits!r}")


def parse_number(text: str) -> int | Decimal:
    """Read a number typed in Khmer or Arabic digits: an int, or an exact Decimal."""
    if not isinstance(text, str):
        raise TypeError(f"parse_number expects text, not {type(text).__name__}")
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(f"Not a number: longer than {MAX_NUMBER_TEXT} characters.")
    number = to_arabic_digits(_trim(text))
    if not number:
        raise ValueError("No number given: the text is empty or only spaces.")
    sign = ""
    if number.startswith(_MINUS_SIGNS):
        sign, number = "-", number[1:]
    int_part, point, frac_part = number.partition(".")
    if any(c in _GROUP_SEPARATORS for c in int_part):
        # Separators must fall every three digits: '1,5' is a European 1.5 or a typo and
        # '12 34' is two numbers; reading either as thousands would store a wrong value.
        if not _GROUPED_INT.fullmatch(int_part):
            raise _not_a_number(text)
        int_part = "".join(c for c in int_part if c not in _GROUP_SEPARATORS)
        number = int_part + point + frac_part
    if not _PLAIN_NUMBER.fullmatch(number):
        raise _not_a_number(text)
    if not point:
        return int(sign + number)
    # Decimal from the typed text, never float: '0.1' stays exactly one tenth.
    value = Decimal(sign + number)
    # A whole value typed with a decimal point ('5.00') is still a whole number.
    if value == value.to_integral_value():
        return int(value)
    return value


def _not_a_number(text: str) -> ValueError:
    """Return the error for text that is not a number, saying what is accepted."""
    return ValueError(
        f"Not a number: {text!r}. Use digits 0-9 or ០-៩, optionally ',' or spaces "
        "between thousands, and '.' before decimals."
    )


def _as_text(value: str | int | float | Decimal) -> str:
    """Return a string as is, or a number written out in plain positional notation."""
    if isinstance(value, str):
        return value
    # bool is an int; printing True as '១' is always a bug at the call site.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected text or a number, not {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as digits")
        # repr gives the shortest form that reads back as the same float ('0.1', not
        # '0.1000000000000000055511151231257827').
        value = Decimal(repr(value))
    if not value.is_finite():
        raise ValueError(f"cannot write {value!r} as digits")
    # 'f' avoids exponent notation ('1E+20'), which would show as '១E+២០'.
    return format(value, "f")
