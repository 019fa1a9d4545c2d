"""Dates as Cambodians write them, and the conversion from UTC to Cambodia's clock.

Timestamps are stored in UTC; a date shown or printed for people in Cambodia is the
calendar day in Cambodia, so convert with `to_cambodia_time` before formatting.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

from common.khmer.digits import Digits, render_digits

# Cambodia keeps UTC+7 all year (no daylight saving time), so a fixed offset is exact
# and needs no tz database, which a Windows field laptop may lack.
CAMBODIA_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

# CLDR's km month names are the ones in everyday and official use (the tests pin them);
# its 'format' and 'stand-alone' forms are identical.
_KHMER_MONTHS: tuple[str, ...] = tuple(
    Locale("km").months["format"]["wide"][month] for month in range(1, 13)
)


def khmer_month_name(month: int) -> str:
    """Return the Khmer name of a month, 1 = មករា (January) ... 12 = ធ្នូ (December)."""
    if isinstance(month, bool) or not isinstance(month, int):
        raise TypeError(f"month must be an int, not {type(month).__name__}")
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    return _KHMER_MONTHS[month - 1]


def format_date_km(date: dt.date, digits: Digits = "khmer") -> str:
    """Return the formal Khmer date line, e.g. 'ថ្ងៃទី២២ ខែវិច្ឆិកា ឆ្នាំ២០២៦'."""
    _check_date(date)
    # Built by hand: Babel's km patterns ('d MMMM y') lack the ថ្ងៃទី/ខែ/ឆ្នាំ words that
    # letters and posters use.
    day = render_digits(str(date.day), digits)
    year = render_digits(str(date.year), digits)
    return f"ថ្ងៃទី{day} ខែ{khmer_month_name(date.month)} ឆ្នាំ{year}"


def format_date_en(date: dt.date) -> str:
    """Return the English date, day first as in Cambodia, e.g. '22 November 2026'."""
    _check_date(date)
    # An explicit pattern, not locale 'en' 'long', which is the US 'November 22, 2026'.
    return format_date(date, "d MMMM y", locale="en")


def to_cambodia_time(moment: dt.datetime) -> dt.datetime:
    """Return an aware datetime converted to Cambodia time (UTC+7)."""
    if not isinstance(moment, dt.datetime):
        raise TypeError(f"expected a datetime, not {type(moment).__name__}")
    # A naive datetime could be UTC or local time; guessing shifts dates by 7 hours.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: attach a timezone (e.g. datetime.UTC) first")
    return moment.astimezone(CAMBODIA_TZ)


def _check_date(date: dt.date) -> None:
    """Raise TypeError unless given a date (a datetime counts: its own calendar day)."""
    if not isinstance(date, dt.date):
        raise TypeError(f"expected a date, not {type(date).__name__}")
