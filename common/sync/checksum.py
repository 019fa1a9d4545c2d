"""The digest client and server compare after a sync: equal data, equal digest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def digest(rows: Iterable[tuple[str, str, int]]) -> str:
    """SHA-256 over sorted (form id, field, revision) rows."""
    hasher = hashlib.sha256()
    for form_id, key, revision in sorted(rows):
        hasher.update(f"{form_id}\t{key}\t{revision}\n".encode())
    return hasher.hexdigest()
