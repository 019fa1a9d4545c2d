"""Where records of the other kinds (common/sync/kinds.py) belong, and who sees them.

A record belongs to a commune (from its unit, when it has one, by the server's own list of
units). A user sees it when their scope covers that commune; a unit's editor sees only the
records of their unit, and never personal data (a facilitator's name and phone belong to
the commune's scope and above: docs/ROLES.md). Writing is declared per kind: who creates and
deletes, and which columns other roles may change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, true
from sqlalchemy.orm import Session

from common.geography.models import AdminArea
from common.roles import may
from common.sync.kinds import KINDS, RecordKind
from common.sync.page import RecordChange, encode_record_change
from server.accounts.models import User
from server.data.models import RecordValue, SyncRecord

#: Kinds a unit's editor never receives.
_PERSONAL = tuple(name for name, kind in KINDS.items() if kind.personal)


def in_scope(user: User, kind: RecordKind, commune_code: str, unit_id: str | None) -> bool:
    """Whether a record of `kind` in that commune (of that unit) is inside the user's
    scope."""
    scope = user.scope
    if scope.level == "unit":
        return not kind.personal and unit_id is not None and unit_id == scope.unit_id
    return scope.covers_unit(unit_id or "", commune_code)


def record_in_scope(user: User, record: SyncRecord) -> bool:
    """Whether a record lies inside the user's scope (by its own kind: a unit's editor
    never sees a personal one)."""
    return in_scope(user, KINDS[record.kind], record.commune_code, record.unit_id)


def record_officer(user: User, record: SyncRecord) -> bool:
    """Whether the user decides on a record's held changes as an officer: one who
    resolves conflicts (a district officer) with the record in their scope."""
    return record_in_scope(user, record) \
        and may(user.role, "resolve_conflict", delegated_approval=user.delegated_approval)


def commune_exists(session: Session, code: str) -> bool:
    """Whether `code` is a commune of the server's geography."""
    area = session.get(AdminArea, code)
    return area is not None and area.level == "commune"


def scope_condition(user: User) -> ColumnElement[bool]:
    """The SQL condition on SyncRecord's columns that holds for the records inside the
    user's scope (`in_scope`, in the database), for a statement that joins SyncRecord
    among other tables."""
    scope = user.scope
    if scope.level == "country":
        return true()
    if scope.level == "unit":
        same_unit = SyncRecord.unit_id == (scope.unit_id or "-")
        return and_(same_unit, SyncRecord.kind.not_in(_PERSONAL)) if _PERSONAL else same_unit
    return SyncRecord.commune_code.startswith(scope.area_code or "-")


def _scoped(statement: Select[Any], user: User) -> Select[Any]:
    if user.scope.level == "country":
        return statement  # no WHERE at all, rather than an always-true one
    return statement.where(scope_condition(user))


def records_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the record headers in the user's scope."""
    return _scoped(select(*columns).select_from(SyncRecord), user)


def values_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the column values of records in the user's scope."""
    return _scoped(select(*columns).select_from(RecordValue)
                   .join(SyncRecord, RecordValue.record_id == SyncRecord.id), user)


#: What a page says of a record header, read as a plain tuple.
HEADER_COLUMNS = (SyncRecord.server_seq, SyncRecord.id, SyncRecord.kind,
                  SyncRecord.commune_code, SyncRecord.unit_id, SyncRecord.year,
                  SyncRecord.revision, SyncRecord.deleted)
VALUE_COLUMNS = (RecordValue.server_seq, RecordValue.record_id, RecordValue.field,
                 RecordValue.value, RecordValue.revision, RecordValue.conflict_id)


def header_change(row: Any) -> RecordChange:
    """A record header as a change of the feed."""
    _, record_id, kind, commune_code, unit_id, year, revision, deleted = row
    return encode_record_change(record_id=record_id, kind=kind, commune_code=commune_code,
                                unit_id=unit_id, year=year, revision=revision,
                                deleted=deleted)
