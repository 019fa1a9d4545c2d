"""Publishing as people do it: every approved form of an area, year and service made
public at once after a preview of exactly what will become public, and a published form
taken back out of public view with a reason (docs/ROLES.md, "Publishing").

Plain functions over a SQLAlchemy session, like server/data/service.py; they never
commit (the API, the dashboard and `isaf publish` do). Who may do it is decided from the
server's own records: the role's "publish" (or "withdraw") permission and the scope.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from common.geography.models import AdminArea
from common.roles import may
from common.units.models import UNIT_KINDS, ServiceUnit
from server.accounts.models import User
from server.data import service
from server.data.models import (
    AuditEvent,
    FormRecord,
    SyncConflict,
    SyncQuarantine,
    next_server_seq,
)
from server.errors import ConflictError, ForbiddenError, NotFoundError, ServiceError

#: Why an approved form cannot be published now, by code (shown in previews).
BLOCKERS: dict[str, str] = {
    "open_conflicts": "the form has open sync conflicts: resolve them first",
    "held_deletes": "someone asked to delete this form: decide on the held delete first",
}
#: The longest reason a withdrawal takes (it is shown in the form's history).
MAX_REASON = service.WITHDRAW_REASON_MAX
#: Area codes by length: what may be published at once (units belong to communes).
_AREA_LEVELS = {2: "province", 4: "district", 6: "commune"}


@dataclass(frozen=True)
class Candidate:
    """One approved form that publishing would make public."""

    form: FormRecord  # .unit (ServiceUnit) is loaded
    #: Codes of BLOCKERS saying why it cannot be published now (empty: it will be).
    blockers: tuple[str, ...] = ()


def _require_publisher(user: User, action: str = "publish") -> None:
    if not may(user.role, action, delegated_approval=user.delegated_approval):
        raise ForbiddenError(f"a {user.role.replace('_', ' ')} may not {action} forms")


def _check_area(session: Session, user: User, area: str) -> None:
    """Raise unless `area` ('' = the country) exists and overlaps the user's scope; an
    area outside it answers like one that does not exist."""
    if area:
        if len(area) not in _AREA_LEVELS or not area.isdigit():
            raise ServiceError(f"{area!r} is not a province, district or commune code "
                               "(2, 4 or 6 digits)")
        if session.get(AdminArea, area) is None:
            raise NotFoundError(f"no area {area}")
    prefix = service.scope_prefix(session, user)
    if not (area.startswith(prefix) or prefix.startswith(area)):
        raise NotFoundError(f"no area {area}" if area else "no such area")


def _check_year(year: int) -> None:
    if not service.FIRST_YEAR <= year <= service.LAST_YEAR:
        raise ServiceError(f"the year must be between {service.FIRST_YEAR} and "
                           f"{service.LAST_YEAR}")


def _approved(user: User, *, area: str, year: int,
              form_code: str | None) -> Select[tuple[FormRecord]]:
    query = (select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
             .where(FormRecord.status == "approved", FormRecord.deleted.is_(False),
                    FormRecord.year == year))
    if area:
        query = query.where(ServiceUnit.commune_code.startswith(area))
    if form_code is not None:
        query = query.where(FormRecord.form_code == form_code)
    return service.scope_filter(query, user).order_by(ServiceUnit.code, FormRecord.form_code)


def _blockers(session: Session, form_ids: list[str]) -> dict[str, list[str]]:
    """The blocker codes of each form that has any, counted in two queries."""
    found: dict[str, list[str]] = {}
    for code, query in (
            ("open_conflicts", select(SyncConflict.form_id).where(
                SyncConflict.status == "open")),
            ("held_deletes", select(SyncQuarantine.form_id).where(
                SyncQuarantine.reason == "delete_conflict",
                SyncQuarantine.status == "held"))):
        # In slices: a country's worth of ids stays under every database's bind limit.
        for start in range(0, len(form_ids), 500):
            chunk = form_ids[start:start + 500]
            column = query.selected_columns[0]
            for form_id in session.scalars(query.where(column.in_(chunk)).group_by(column)):
                if form_id is not None:
                    found.setdefault(form_id, []).append(code)
    return found


def preview(session: Session, user: User, *, area: str, year: int,
            form_code: str | None) -> list[Candidate]:
    """The approved forms in `area` (a province/district/commune code, '' = the country —
    the user's scope only) for `year` and service (`form_code`; None = every service) that
    publishing would make public, in unit-code order. Forms the user cannot publish are
    not listed at all (scope); nothing changes."""
    _require_publisher(user)
    _check_year(year)
    if form_code is not None and form_code not in UNIT_KINDS:
        raise ServiceError(f"no service {form_code!r}: one of {', '.join(UNIT_KINDS)}")
    _check_area(session, user, area)
    forms = list(session.scalars(_approved(user, area=area, year=year, form_code=form_code))
                 .unique())
    blocked = _blockers(session, [f.id for f in forms])
    return [Candidate(f, tuple(blocked.get(f.id, ()))) for f in forms]


def _refusals(session: Session, user: User, wanted: list[str],
              candidates: dict[str, Candidate]) -> dict[str, str]:
    """Why each wanted id that is not a publishable candidate is refused. An id outside
    the scope gets the words of one that does not exist (ROLES.md)."""
    refused: dict[str, str] = {}
    for form_id in wanted:
        candidate = candidates.get(form_id)
        if candidate is not None:
            if candidate.blockers:
                refused[form_id] = "; ".join(BLOCKERS[b] for b in candidate.blockers)
            continue
        form = session.get(FormRecord, form_id)
        if form is None or not service.unit_in_scope(user, form.unit):
            refused[form_id] = service.NO_SUCH_FORM
        elif form.deleted:
            refused[form_id] = "this form was deleted"
        elif form.status != "approved":
            refused[form_id] = f"the form is {form.status}, not approved"
        else:
            refused[form_id] = "the form is not in the chosen area, year and service"
    return refused


def publish(session: Session, user: User, *, area: str, year: int, form_code: str | None,
            form_ids: Collection[str] | None = None,
            device_id: str | None = None) -> list[FormRecord]:
    """Publish what `preview` lists (only those of `form_ids` when given: what the person
    saw in the preview; an id that is not an approved form in scope is refused with a
    clear error naming it and NOTHING is published). One AuditEvent per form (action
    "publish", comment naming the bulk publication). Returns the forms published.

    Without `form_ids`, forms with blockers are left as they are.
    """
    candidates = {c.form.id: c for c in preview(session, user, area=area, year=year,
                                                 form_code=form_code)}
    if form_ids is None:
        chosen = [c.form for c in candidates.values() if not c.blockers]
    else:
        wanted = list(dict.fromkeys(form_ids))  # in order, each once
        refused = _refusals(session, user, wanted, candidates)
        if refused:
            named = ", ".join(f"{form_id} ({why})" for form_id, why in refused.items())
            raise ConflictError(f"nothing was published: these forms cannot be: {named}",
                                details={"refused": refused})
        chosen = [candidates[form_id].form for form_id in wanted]
        chosen.sort(key=lambda f: (f.unit.code, f.form_code))
    if not chosen:
        return []
    # One name for the whole publication, in every form's history: who can then see which
    # forms went public together.
    label = (f"publication {secrets.token_hex(4)}: {area or 'the country'}, {year}, "
             f"{form_code or 'every service'}, {len(chosen)} form(s)")
    seq = next_server_seq(session)
    for form in chosen:
        form.status, form.status_comment = "published", None
        form.server_seq, form.revision = seq, form.revision + 1
        session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                               action="publish", old_value="approved",
                               new_value="published", comment=label))
    session.flush()
    return chosen


def clean_reason(reason: str | None) -> str:
    """The reason of a withdrawal, trimmed; ServiceError if blank or too long."""
    text = (reason or "").strip()
    if not text:
        raise ServiceError("a withdrawal needs a reason saying why")
    if len(text) > MAX_REASON:
        raise ServiceError(f"the reason is too long: at most {MAX_REASON} characters")
    return text


def withdraw(session: Session, user: User, form_id: str, reason: str, *,
             device_id: str | None = None) -> FormRecord:
    """Take a published form out of public view: published -> approved, reason required
    (non-blank, trimmed, at most 1000 characters), AuditEvent action "withdraw" with the
    reason. Only who may publish may withdraw."""
    _require_publisher(user, "withdraw")  # whatever the id: says nothing about it
    text = clean_reason(reason)
    view = service.transition(session, user, form_id, "withdraw", comment=text,
                              device_id=device_id)
    return view.form


def publications(session: Session, user: User, *, area: str, year: int | None,
                 limit: int = 100) -> list[AuditEvent]:
    """Recent publish/withdraw events in the user's scope, newest first (for the
    dashboard's list)."""
    _check_area(session, user, area)
    query = (select(AuditEvent).join(FormRecord, AuditEvent.form_id == FormRecord.id)
             .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
             .where(AuditEvent.action.in_(("publish", "withdraw"))))
    if area:
        query = query.where(ServiceUnit.commune_code.startswith(area))
    if year is not None:
        query = query.where(FormRecord.year == year)
    query = service.scope_filter(query, user)
    return list(session.scalars(query.order_by(AuditEvent.id.desc())
                                .limit(max(1, min(limit, 1000)))))


def publication_count(session: Session, user: User, *, area: str, year: int) -> int:
    """How many forms of the area and year are public now (in the user's scope)."""
    query = (select(func.count()).select_from(FormRecord)
             .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
             .where(FormRecord.status == "published", FormRecord.deleted.is_(False),
                    FormRecord.year == year))
    if area:
        query = query.where(ServiceUnit.commune_code.startswith(area))
    return session.scalar(service.scope_filter(query, user)) or 0
