"""The public pages' words: key -> (Khmer, English)."""

from __future__ import annotations

PUBLIC_WORDS: dict[str, tuple[str, str]] = {}
