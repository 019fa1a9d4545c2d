"""Creating many accounts at once from an Excel sheet (a province's officers, a district's
focal points), all or none."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from common.units.models import ServiceUnit
from server.accounts.service import create_user
from server.errors import ServiceError
from server.sheets import SheetError, read_records

COLUMNS = ("username", "full_name", "role", "area_code", "unit_code", "password", "language",
           "delegated_approval")
REQUIRED = ("username", "full_name", "role")


class UserImportError(ValueError):
    """A sheet that cannot be imported; nothing was created."""


@dataclass(frozen=True)
class CreatedAccount:
    """One account made, with its password when one was generated."""

    username: str
    role: str
    scope: str
    generated_password: str | None


def import_users(session: Session, path: Path) -> list[CreatedAccount]:
    """Create an account per row of the first sheet, in the caller's transaction."""
    try:
        records = list(read_records(path, required=REQUIRED, columns=COLUMNS))
    except SheetError as exc:
        raise UserImportError(str(exc)) from None
    created: list[CreatedAccount] = []
    for number, record in records:
        try:
            created.append(_create(session, record))
        except ServiceError as exc:
            raise UserImportError(f"row {number} ({record.get('username') or '?'}): "
                                  f"{exc.message}") from None
    if not created:
        raise UserImportError(f"{path.name}: no accounts in the sheet")
    return created


def _create(session: Session, record: dict[str, str]) -> CreatedAccount:
    for column in REQUIRED:
        if not record.get(column):
            raise ServiceError(f"{column} is empty")
    unit_id = None
    if record.get("unit_code"):
        unit_id = session.scalar(select(ServiceUnit.id).where(
            ServiceUnit.code == record["unit_code"]))
        if unit_id is None:
            raise ServiceError(f"no unit with code {record['unit_code']!r}")
    area = record.get("area_code") or None
    if area and area.isascii() and area.isdigit() and len(area) % 2:
        area = area.zfill(len(area) + 1)  # Excel drops the leading zero of '0102'
    generated = None if record.get("password") else secrets.token_urlsafe(12)
    user = create_user(
        session, username=record["username"], full_name=record["full_name"],
        password=record.get("password") or generated or "", role=record["role"],
        area_code=area, unit_id=unit_id,
        delegated_approval=record.get("delegated_approval", "").lower() in ("yes", "true", "1"),
        language=record.get("language") or "km")
    return CreatedAccount(user.username, user.role,
                          user.area_code or record.get("unit_code") or "country", generated)
