"""The audit trail's value changes: stored one event per change set, read one per value.

A push of a full form changes about 150 values at once. Writing one `audit_event` row per
value made the audit trail half of every push's rows, for what is one act of one person on
one device at one moment. So every set of values changed together (one sync operation, one
save through the forms API) is one event of action `values`:

- `new_value`: {field: [value, revision after the change]};
- `old_value`: {field: value before} for the fields that had a row before (a field absent
  here did not exist; one whose old value is null had been cleared).

Events written before this (action `value`, one field each, with `field`, `revision`,
`old_value` and `new_value` as columns) stay as they are; every reader here takes both.
Readers (a form's history, `isaf-server forms history`, a conflict's base value) see one
entry per value either way, so the API and the desktop's history did not change. A change
set's entries come in the order of their field keys: PostgreSQL's JSONB keeps an object's
keys in an order of its own, so the order they were written in is not kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: The action of an event that changed several values at once.
VALUES = "values"
#: The action of an event that changed one value (before change sets; also what a change
#: set reads as, value by value).
VALUE = "value"


def change_set(old: Mapping[str, Any], new: Mapping[str, tuple[Any, int]]
               ) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """(old_value, new_value) of a change set's event, from the old values of the fields
    that existed and each field's (new value, new revision)."""
    return dict(old), {key: [value, revision] for key, (value, revision) in new.items()}


def value_at(action: str, field: str | None, revision: int | None, new_value: Any,
             key: str, wanted: int) -> tuple[bool, Any]:
    """(found, value): whether one event wrote `key` at revision `wanted`, and the value it
    wrote. Takes an event's columns, so a caller may read only those."""
    if action == VALUE:
        return (field == key and revision == wanted), new_value
    if action == VALUES and isinstance(new_value, Mapping):
        written = new_value.get(key)
        if written is not None and written[1] == wanted:
            return True, written[0]
    return False, None


def entries(event: Any) -> Iterator[dict[str, Any]]:
    """An event as a history shows it: one entry per value a change set wrote (each with
    `action` "value", its `field`, `old_value`, `new_value` and `revision`), any other event
    as it is. `event` is an AuditEvent row (or anything with its attributes)."""
    base = {name: getattr(event, name) for name in (
        "id", "at", "user_id", "device_id", "action", "field", "old_value", "new_value",
        "revision", "comment")}
    if event.action != VALUES:
        yield base
        return
    old = event.old_value or {}
    for key, (value, revision) in sorted((event.new_value or {}).items()):
        yield {**base, "action": VALUE, "field": key, "old_value": old.get(key),
               "new_value": value, "revision": revision}
