"""The words of the receipts that refuse an operation on an id the caller may not see.

The same words whether the id names nothing or something outside the caller's scope
(docs/ROLES.md, "Outside the scope, records do not exist"), so a receipt never tells the
two apart; shared by the decisions on forms and on records.
"""

from __future__ import annotations

ANOTHER_DEVICE = "the operation names another device"
NO_FORM = "no form with this id in your scope, and no natural key to create one"
OUTSIDE_UNIT = "this unit is outside your scope"
OUTSIDE_COMMUNE = "this commune is outside your scope"
#: A new form or record under an id already in use, wherever what holds it lies: the one
#: thing told of an id outside the scope, the same to every caller (docs/ROLES.md, "Ids chosen
#: by computers"; server/data/service.py, `id_taken`).
ID_TAKEN = "this id is already taken: a new {} needs a new id"


def no_record(label: str, *, delete: bool) -> str:
    """The message of a record id the caller may not see (unknown or outside the scope)."""
    if delete:
        return f"no {label} with this id in your scope to delete"
    return f"no {label} with this id in your scope, and no owner to create one"
