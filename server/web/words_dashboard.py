"""The dashboard's words: key -> (Khmer, English)."""

from __future__ import annotations

DASHBOARD_WORDS: dict[str, tuple[str, str]] = {}
