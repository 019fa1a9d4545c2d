"""Riel amounts and other numbers formatted for posters, reports and spreadsheets.

Riel (KHR) is written in whole Riel, grouped by thousands with ',' and followed by a
no-break space and ៛, e.g. '1,250,000 ៛'; the same in Khmer digits goes on posters.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import format_decimal

from common.khmer.digits import Digits, render_digits

RIEL_SIGN = "៛"  # U+17DB KHMER CURRENCY SYMBOL RIEL
# No-break space: ReportLab and Qt break lines at spaces, and a poster must never show
# the ៛ alone at the start of the next line.
_SPACE_BEFORE_SIGN = "\u00a0"


def format_riel(
    amount: int | float | Decimal,
    *,
    digits: Digits = "arabic",
    symbol: bool = True,
) -> str:
    """Return whole Riel grouped by thousands, e.g. '1,250,000 ៛' or '១,២៥០,០០០ ៛'."""
    # Not Babel's format_currency: CLDR gives KHR two decimals and no space
    # ('1,250,000.00៛'), which is not how Riel is written.
    text = format_number(amount, decimals=0, digits=digits)
    return f"{text}{_SPACE_BEFORE_SIGN}{RIEL_SIGN}" if symbol else text


def format_number(
    value: int | float | Decimal,
    *,
    decimals: int = 0,
    digits: Digits = "arabic",
) -> str:
    """Return a count or percentage grouped by thousands, with `decimals` decimals."""
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise TypeError(f"decimals must be an int, not {type(decimals).__name__}")
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    exact = _to_decimal(value)
    # Enough precision for every digit: with the default 28, quantize() (ours and
    # Babel's) fails on large values instead of formatting them.
    with localcontext(prec=max(28, exact.adjusted() + decimals + 2)):
        # Half-up (away from zero on ties), the rounding people learn at school and
        # check by hand; Babel alone would round half to even (2.5 -> 2).
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if rounded.is_zero():
            # -0.4 rounds to -0, and a printed '-0' looks like a debt.
            rounded = abs(rounded)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        # Locale km: Latin digits, ',' groups and '.' decimals, as in spreadsheets.
        text = format_decimal(rounded, format=pattern, locale="km")
    return render_digits(text, digits)


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """Return the value as an exact, finite Decimal; floats read as they print."""
    # bool is an int; a True reaching a formatter is a bug at the call site.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected a number, not {type(value).__name__}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r}")
        # repr: 2.675 means 2.675 to whoever typed it, not the binary 2.67499999...
        return Decimal(repr(value))
    exact = Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return exact
