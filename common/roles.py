"""Roles, geographic scopes and what each role may do (docs/ROLES.md).

Shared so the client offers only the actions the server will accept; the server is the
one that decides, from its own records of a user's role and scope (never from a token's
claims). Area codes are hierarchical (`01` > `0102` > `010201`), so "inside a scope" is a
prefix test on the unit's commune code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["unit_editor", "commune_focal_point", "caf", "dmk_officer",
               "provincial_officer", "national_admin"]
Action = Literal["read", "create", "edit", "submit", "return", "approve", "unlock", "publish",
                 "withdraw", "resolve_conflict", "manage_users", "manage_definitions",
                 "export_national"]

#: Each role with its scope's level and its names for people.
ROLES: dict[str, tuple[str, str, str]] = {
    "unit_editor": ("unit", "អ្នកបញ្ចូលទិន្នន័យអង្គភាព", "Unit editor"),
    "commune_focal_point": ("commune", "មន្ត្រីបង្គោលឃុំ/សង្កាត់", "Commune focal point"),
    "caf": ("commune", "អ្នកសម្របសម្រួលគណនេយ្យភាពសង្គម", "Community Accountability Facilitator"),
    "dmk_officer": ("district", "មន្ត្រីស្រុក/ក្រុង/ខណ្ឌ", "District (DMK) officer"),
    "provincial_officer": ("province", "មន្ត្រីខេត្ត/រាជធានី", "Provincial officer"),
    "national_admin": ("country", "អ្នកគ្រប់គ្រងថ្នាក់ជាតិ", "National administrator"),
}

_FORM_WORK: frozenset[str] = frozenset({"read", "create", "edit", "submit"})
PERMISSIONS: dict[str, frozenset[str]] = {
    "unit_editor": _FORM_WORK,
    "commune_focal_point": _FORM_WORK,
    "caf": frozenset({"read"}),
    "dmk_officer": _FORM_WORK | {"return", "approve", "resolve_conflict"},
    "provincial_officer": frozenset({"read"}),
    "national_admin": frozenset({"read", "unlock", "publish", "withdraw", "manage_users",
                                 "manage_definitions", "export_national"}),
}
#: What a provincial officer gains when approval is delegated to them.
DELEGATED_APPROVAL: frozenset[str] = frozenset({"return", "approve"})


def scope_level(role: str) -> str:
    """The level of area (or 'unit', or 'country') a role's scope is given at."""
    return ROLES[role][0]


def may(role: str, action: str, *, delegated_approval: bool = False) -> bool:
    """Whether `role` may perform `action` at all (the scope is checked separately)."""
    allowed = PERMISSIONS.get(role, frozenset())
    if role == "provincial_officer" and delegated_approval:
        allowed = allowed | DELEGATED_APPROVAL
    return action in allowed


@dataclass(frozen=True)
class Scope:
    """Where a user may work: a unit (by id), an area (by code), or the whole country."""

    level: str
    unit_id: str | None = None
    area_code: str | None = None

    def covers_unit(self, unit_id: str, commune_code: str) -> bool:
        """True when the unit (of that commune) is inside this scope."""
        if self.level == "country":
            return True
        if self.level == "unit":
            return unit_id == self.unit_id
        return self.area_code is not None and commune_code.startswith(self.area_code)

    def covers_area(self, code: str) -> bool:
        """True when the whole area `code` lies inside this scope."""
        if self.level == "country":
            return True
        if self.level == "unit" or self.area_code is None:
            return False
        return code.startswith(self.area_code)
