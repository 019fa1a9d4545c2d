"""Which characters are Khmer: the one test the documents' font choice and the screens'
line breaking share."""

from __future__ import annotations


def is_khmer(char: str) -> bool:
    """True for a character of the Khmer script (letters, signs, digits, punctuation,
    and the Khmer symbols block)."""
    return "\u1780" <= char <= "\u17ff" or "\u19e0" <= char <= "\u19ff"
