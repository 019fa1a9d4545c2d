"""Khmer text helpers: digits, number input, dates, Cambodia time and Riel amounts."""

from common.khmer.dates import (
    CAMBODIA_TZ,
    format_date_en,
    format_date_km,
    khmer_month_name,
    to_cambodia_time,
)
from common.khmer.digits import (
    Digits,
    parse_number,
    to_arabic_digits,
    to_khmer_digits,
)
from common.khmer.money import RIEL_SIGN, format_number, format_riel

__all__ = [
    "CAMBODIA_TZ",
    "RIEL_SIGN",
    "Digits",
    "format_date_en",
    "format_date_km",
    "format_number",
    "format_riel",
    "khmer_month_name",
    "parse_number",
    "to_arabic_digits",
    "to_cambodia_time",
    "to_khmer_digits",
]
