"""The work done on yearly forms: create, change values, move through the workflow, show
history and completeness. Plain functions over a SQLAlchemy session (no Flask), each
deciding from the server's own records whether the acting user may do it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam, func, select, true
from sqlalchemy.orm import Session

from common.forms import FormDefinition, ValidationResult, validate
from common.forms.store import PublishedDefinition
from common.forms.validation import compute
from common.geography.models import AdminArea
from common.roles import may
from common.units.models import ServiceUnit
from common.workflow import MAX_WITHDRAW_REASON, STATUSES, TRANSITIONS, is_locked
from server.accounts.models import User
from server.data import audit
from server.data.models import (
    AuditEvent,
    FieldValue,
    FormAlias,
    FormRecord,
    SyncConflict,
    SyncQuarantine,
    SyncRecord,
    WarningConfirmation,
    next_server_seq,
)
from server.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ServiceError,
    ValidationFailedError,
)

FIRST_YEAR, LAST_YEAR = 2015, 2100
#: The longest reason a withdrawal from public view takes (shown in the form's history).
WITHDRAW_REASON_MAX = MAX_WITHDRAW_REASON
#: The answer to a new form's id that is already in use (`id_taken`).
ID_TAKEN = "this id is already taken: a new form needs a new id"


# --------------------------------------------------------------------------- definitions


_DEFINITIONS: dict[tuple[str, int, str], FormDefinition] = {}


def _definition_key(exact: bool) -> Select[tuple[str, int, str]]:
    query = select(PublishedDefinition.form, PublishedDefinition.version,
                   PublishedDefinition.checksum).where(
        PublishedDefinition.form == bindparam("form", type_=String))
    if exact:
        query = query.where(PublishedDefinition.version == bindparam("version", type_=Integer))
    return query.order_by(PublishedDefinition.version.desc()).limit(1)


#: The newest published version of a form (False) or a given one (True), built once: every
#: push asks, and a statement object reused keeps its cache key.
_DEFINITION_KEY = {exact: _definition_key(exact) for exact in (False, True)}


def definition(session: Session, form_code: str, version: int | None = None) -> FormDefinition:
    """A published definition (the newest when `version` is None); NotFoundError if none.

    Built definitions are cached by checksum: a published version never changes.
    """
    # The key columns only: the content (tens of kilobytes of JSON) is read and built once
    # per checksum, not on every request that needs the definition.
    key = session.execute(_DEFINITION_KEY[version is not None],
                          {"form": form_code, "version": version}).first()
    if key is None:
        raise NotFoundError(f"no published definition {form_code}"
                            + (f"@{version}" if version is not None else ""))
    found = _DEFINITIONS.get(tuple(key))
    if found is None:
        row = session.get(PublishedDefinition, (key.form, key.version))
        assert row is not None
        found = _DEFINITIONS[(row.form, row.version, row.checksum)] = row.definition()
    return found


# --------------------------------------------------------------------------- authorisation


def unit_in_scope(user: User, unit: ServiceUnit) -> bool:
    """Whether the unit lies inside the user's scope."""
    return user.scope.covers_unit(unit.id, unit.commune_code)


#: What a form id or a unit id the caller may not see answers, whether it exists outside
#: their scope or not at all: one message each, so an answer never tells the two apart
#: (ROLES.md, "Outside the scope, records do not exist").
NO_SUCH_FORM = "no such record"
NO_SUCH_UNIT = "no such unit"


def check(user: User, action: str, unit: ServiceUnit, *, missing: str = NO_SUCH_FORM) -> None:
    """Raise unless `user` may do `action` to records of `unit`.

    Outside the scope the answer is "not found" with `missing`, the very message of an id
    that does not exist, so ids cannot be probed; inside it, an action the role may not
    take is "forbidden".
    """
    if not unit_in_scope(user, unit):
        raise NotFoundError(missing)
    if not may(user.role, action, delegated_approval=user.delegated_approval):
        raise ForbiddenError(f"a {user.role.replace('_', ' ')} may not {action} forms")


def scope_condition(user: User) -> ColumnElement[bool]:
    """The SQL condition on ServiceUnit's columns that holds for the units inside the
    user's scope (`unit_in_scope`, in the database), for a statement that joins
    ServiceUnit among other tables."""
    scope = user.scope
    if scope.level == "country":
        return true()
    if scope.level == "unit":
        return ServiceUnit.id == (scope.unit_id or "-")
    return ServiceUnit.commune_code.startswith(scope.area_code or "-")


def scope_filter(statement: Select[Any], user: User) -> Select[Any]:
    """`statement` (over ServiceUnit) narrowed to the units inside the user's scope."""
    if user.scope.level == "country":
        return statement  # no WHERE at all, rather than an always-true one
    return statement.where(scope_condition(user))


def allowed(user: User, action: str, unit: ServiceUnit) -> bool:
    """Whether `user` may do `action` to records of `unit` (`check`, as an answer)."""
    return unit_in_scope(user, unit) and may(
        user.role, action, delegated_approval=user.delegated_approval)


def forms_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the form headers in the user's scope."""
    return scope_filter(select(*columns).select_from(FormRecord)
                        .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id), user)


def form_values_in_scope(user: User, *columns: Any) -> Select[Any]:
    """`columns` of the field values of forms in the user's scope."""
    return scope_filter(select(*columns).select_from(FieldValue)
                        .join(FormRecord, FieldValue.form_id == FormRecord.id)
                        .join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id), user)


def load_form(session: Session, user: User, form_id: str, action: str = "read") -> FormRecord:
    """The form with `form_id`, if `user` may do `action` to it."""
    form = session.get(FormRecord, form_id)
    if form is None:
        raise NotFoundError(NO_SUCH_FORM)
    check(user, action, form.unit, missing=NO_SUCH_FORM)
    if form.deleted and action != "read":
        # A tombstone: readable (its history stays), never changed again.
        raise ConflictError("this form was deleted")
    return form


def load_unit(session: Session, user: User, unit_id: str, action: str = "read") -> ServiceUnit:
    """The unit with `unit_id`, if `user` may do `action` to its records."""
    unit = session.get(ServiceUnit, unit_id)
    if unit is None:
        raise NotFoundError(NO_SUCH_UNIT)
    check(user, action, unit, missing=NO_SUCH_UNIT)
    return unit


def id_taken(session: Session, record_id: str) -> bool:
    """Whether `record_id` already names something a computer made: a form, a form's alias
    (a second device's id for it) or a record of another kind, wherever it lies.

    Ids are UUIDs chosen by the client, so a new one cannot be refused for belonging to
    someone else's scope without saying that it is taken: every caller is told the same,
    in scope or not (ROLES.md, "Ids chosen by computers").
    """
    return session.scalar(select(
        select(FormRecord.id).where(FormRecord.id == record_id).exists()
        | select(FormAlias.alias_id).where(FormAlias.alias_id == record_id).exists()
        | select(SyncRecord.id).where(SyncRecord.id == record_id).exists())) or False


# --------------------------------------------------------------------------- values


def current_values(form: FormRecord) -> dict[str, Any]:
    """The entered values of a form (cleared fields left out)."""
    return {v.field: v.value for v in form.values if v.value is not None}


@dataclass(frozen=True)
class FormView:
    """A form with what a reader needs: entered and computed values, problems, actions."""

    form: FormRecord
    definition: FormDefinition
    values: dict[str, Any]
    result: ValidationResult
    confirmations: dict[str, str]


def view(session: Session, form: FormRecord) -> FormView:
    """Everything shown about a form."""
    definition_ = definition(session, form.form_code, form.definition_version)
    entered = current_values(form)
    result = validate(definition_, entered)
    confirmations = {f"{c.field}:{c.code}": c.reason for c in session.scalars(
        select(WarningConfirmation).where(WarningConfirmation.form_id == form.id))}
    return FormView(form, definition_, compute(definition_, result.values), result,
                    confirmations)


def create_form(session: Session, user: User, *, form_id: str, unit_id: str, year: int,
                form_code: str, device_id: str | None = None) -> FormRecord:
    """Create a unit's form for a year on the newest published definition."""
    unit = load_unit(session, user, unit_id, "create")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ServiceError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    if id_taken(session, form_id):
        # Checked after the unit's scope and the role, and answered alike whatever holds
        # the id (a form in scope or not, an alias, a record): see `id_taken`.
        raise ConflictError(ID_TAKEN, details={"id": form_id})
    definition_ = definition(session, form_code)
    if definition_.service_kind != unit.kind:
        raise ServiceError(f"the form {form_code} is not for a {unit.kind.replace('_', ' ')}")
    existing = session.scalars(select(FormRecord.id).where(
        FormRecord.unit_id == unit.id, FormRecord.year == year,
        FormRecord.form_code == form_code, FormRecord.deleted.is_(False))).first()
    if existing is not None:
        raise ConflictError("this unit already has this form for this year",
                            details={"id": existing})
    form = FormRecord(id=form_id, unit_id=unit.id, year=year, form_code=form_code,
                      definition_version=definition_.version, status="draft",
                      created_by=user.id, server_seq=next_server_seq(session), problems=[])
    session.add(form)
    session.flush()
    form.problems = [p.as_dict() for p in validate(definition_, {}).problems]
    session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                           action="create", comment=f"{form_code}@{definition_.version}"))
    return form


def update_values(session: Session, user: User, form_id: str, changes: Mapping[str, Any], *,
                  confirmations: Mapping[str, str] | None = None,
                  device_id: str | None = None) -> FormView:
    """Change some values (None clears one) and confirm warnings.

    Validated with the shared engine against the form's definition version: a value that
    is wrong rejects the whole change (nothing is stored); warnings are stored and shown.
    Every changed value goes to the audit trail.
    """
    form = load_form(session, user, form_id, "edit")
    if is_locked(form.status):
        raise ConflictError(f"the form is {form.status}: it must be unlocked before any change",
                            details={"status": form.status})
    definition_ = definition(session, form.form_code, form.definition_version)
    existing = {v.field: v for v in form.values}
    merged = {k: v.value for k, v in existing.items() if v.value is not None}
    merged.update({k: v for k, v in changes.items()})
    merged = {k: v for k, v in merged.items() if v is not None and v != ""}
    result = validate(definition_, merged)
    wrong = [p for p in result.errors if p.code != "required"]
    if wrong:
        raise ValidationFailedError("some values are not valid; nothing was saved",
                                    details={"problems": [p.as_dict() for p in wrong]})
    seq = None
    # What this save changes, for its one audit event (server/data/audit.py).
    old_values: dict[str, Any] = {}
    new_values: dict[str, tuple[Any, int]] = {}
    for key in changes:
        new = result.values.get(key)  # the normalised value (Khmer digits read, etc.)
        old_row = existing.get(key)
        old = old_row.value if old_row is not None else None
        if new == old and (new is not None or old_row is None or old_row.value is None):
            continue
        seq = seq or next_server_seq(session)
        if old_row is None:
            session.add(FieldValue(form_id=form.id, field=key, value=new, revision=1,
                                   server_seq=seq, updated_by=user.id, device_id=device_id))
            new_values[key] = (new, 1)
        else:
            old_values[key] = old
            old_row.value, old_row.revision = new, old_row.revision + 1
            old_row.server_seq, old_row.updated_by = seq, user.id
            old_row.device_id = device_id
            new_values[key] = (new, old_row.revision)
    if new_values:
        old_value, new_value = audit.change_set(old_values, new_values)
        session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                               action=audit.VALUES, old_value=old_value, new_value=new_value))
    _confirm(session, user, form, result, confirmations or {}, device_id)
    if seq is not None:
        form.server_seq, form.revision = seq, form.revision + 1
    form.problems = [p.as_dict() for p in result.problems]
    session.flush()
    session.expire(form, ["values"])
    return view(session, form)


def _confirm(session: Session, user: User, form: FormRecord, result: ValidationResult,
             confirmations: Mapping[str, str], device_id: str | None) -> None:
    warnings = {f"{p.field}:{p.code}" for p in result.warnings}
    for key, reason in confirmations.items():
        if key not in warnings:
            raise ServiceError(f"there is no warning {key!r} to confirm",
                               details={"warnings": sorted(warnings)})
        if not reason or not reason.strip():
            raise ServiceError("a confirmation needs a reason")
        field, _, code = key.rpartition(":")
        row = session.get(WarningConfirmation, (form.id, field, code))
        if row is None:
            session.add(WarningConfirmation(form_id=form.id, field=field, code=code,
                                            reason=reason.strip(), confirmed_by=user.id))
        else:
            row.reason, row.confirmed_by = reason.strip(), user.id
        session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                               action="confirm", field=field, comment=f"{code}: {reason}"))


# --------------------------------------------------------------------------- workflow


def transition(session: Session, user: User, form_id: str, action: str, *,
               comment: str | None = None, device_id: str | None = None) -> FormView:
    """Move a form through the workflow: submit, return, approve, unlock, publish,
    withdraw (out of public view, with a reason)."""
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise NotFoundError(f"no action {action!r}")
    form = load_form(session, user, form_id, action)
    if form.status not in spec.sources:
        raise ConflictError(f"a {form.status} form cannot be {_past(action)}",
                            details={"status": form.status})
    if spec.needs_comment and not (comment and comment.strip()):
        raise ServiceError(f"{action} needs a comment saying why")
    if action == "withdraw" and len((comment or "").strip()) > WITHDRAW_REASON_MAX:
        raise ServiceError(f"the reason is too long: at most {WITHDRAW_REASON_MAX} characters")
    current = view(session, form)
    if action == "approve":
        conflicts = open_conflicts(session, form.id)
        if conflicts:
            raise ConflictError(f"the form has {conflicts} open conflict(s): resolve them "
                                "before approving", details={"open_conflicts": conflicts})
        deletes = held_deletes(session, form.id)
        if deletes:
            raise ConflictError(
                "someone asked to delete this form while it was being changed: decide "
                "first, in the held operations: dismiss the delete to keep the form, or "
                "return the form and then re-apply the delete (a submitted form cannot be "
                "deleted)", details={"held_deletes": deletes})
    if action in ("submit", "approve"):
        if current.result.errors:
            raise ValidationFailedError(
                f"the form cannot be {_past(action)} while it has errors",
                details={"problems": [p.as_dict() for p in current.result.errors]})
        unconfirmed = [p for p in current.result.warnings
                       if f"{p.field}:{p.code}" not in current.confirmations]
        if unconfirmed:
            raise ValidationFailedError(
                "every warning needs a confirmation with a reason first",
                details={"problems": [p.as_dict() for p in unconfirmed]})
    before = form.status
    form.status = spec.target
    if comment and comment.strip():
        form.status_comment = comment.strip()
    elif action in ("approve", "publish"):
        form.status_comment = None  # the review is over: its last request is settled
    form.server_seq, form.revision = next_server_seq(session), form.revision + 1
    session.add(AuditEvent(user_id=user.id, device_id=device_id, form_id=form.id,
                           action=action, old_value=before, new_value=spec.target,
                           comment=comment.strip() if comment else None))
    session.flush()
    return view(session, form)


def _past(action: str) -> str:
    return {"submit": "submitted", "return": "returned", "approve": "approved",
            "unlock": "unlocked", "publish": "published", "withdraw": "withdrawn"}[action]


def history(session: Session, user: User, form_id: str) -> list[AuditEvent]:
    """Every event of a form, oldest first."""
    form = load_form(session, user, form_id)
    return list(session.scalars(select(AuditEvent).where(AuditEvent.form_id == form.id)
                                .order_by(AuditEvent.id)))


# --------------------------------------------------------------------------- completeness


def completeness(session: Session, user: User, area_code: str | None, year: int,
                 kinds: Sequence[str] | None = None) -> dict[str, Any]:
    """For an area (or the country) and a year: each unit's form status, and counts per
    child area and in total."""
    prefix_of_scope = scope_prefix(session, user)
    asked = area_code or ""
    area = session.get(AdminArea, area_code) if area_code is not None else None
    # The area must exist and overlap the user's scope; the units listed never leave the
    # scope. An area outside it answers as one that does not exist, in the same words,
    # before anything else is said of it (its level, below).
    if (area_code is not None and area is None) \
            or not (asked.startswith(prefix_of_scope) or prefix_of_scope.startswith(asked)):
        raise NotFoundError(f"no area {area_code}" if area_code else "no such area")
    if area is not None and area.level == "village":
        raise ServiceError("completeness is reported down to communes, not villages")
    child_length = {None: 2, 2: 4, 4: 6, 6: 6}[len(area_code) if area_code else None]
    query = (select(ServiceUnit, FormRecord.status, FormRecord.id)
             .outerjoin(FormRecord, (FormRecord.unit_id == ServiceUnit.id)
                        & (FormRecord.year == year) & (FormRecord.form_code == ServiceUnit.kind)
                        & FormRecord.deleted.is_(False))
             .where(ServiceUnit.active.is_(True)))
    prefix = max(asked, prefix_of_scope, key=len)
    if prefix:
        query = query.where(ServiceUnit.commune_code.startswith(prefix))
    if kinds:
        query = query.where(ServiceUnit.kind.in_(kinds))
    if user.scope.level == "unit":
        query = query.where(ServiceUnit.id == user.unit_id)
    totals: Counter[str] = Counter()
    children: dict[str, Counter[str]] = {}
    units = []
    for unit, status, form_id in session.execute(query.order_by(ServiceUnit.code)):
        state = status or "missing"
        totals[state] += 1
        children.setdefault(unit.commune_code[:child_length], Counter())[state] += 1
        units.append({"unit_id": unit.id, "code": unit.code, "kind": unit.kind,
                      "name_km": unit.name_km, "name_en": unit.name_en,
                      "commune_code": unit.commune_code, "status": state, "form_id": form_id})
    names = dict(session.execute(select(AdminArea.code, AdminArea.name_en)
                                 .where(AdminArea.code.in_(list(children)))).tuples().all())
    states = ("missing", *STATUSES)
    return {
        "area_code": area_code, "year": year,
        "totals": {s: totals[s] for s in states} | {"units": sum(totals.values())},
        "children": [
            {"area_code": code, "name_en": names.get(code, code),
             "counts": {s: counts[s] for s in states} | {"units": sum(counts.values())}}
            for code, counts in sorted(children.items())
        ],
        "units": units,
    }


def scope_prefix(session: Session, user: User) -> str:
    """The area code every unit in the user's scope starts with ('' for the country)."""
    scope = user.scope
    if scope.level == "country":
        return ""
    if scope.level == "unit":
        unit = session.get(ServiceUnit, scope.unit_id) if scope.unit_id else None
        if unit is None:
            raise NotFoundError("no such area")
        return unit.commune_code
    return scope.area_code or "-"  # a user without an area sees nothing


def held_deletes(session: Session, form_id: str) -> int:
    """How many deletes of the form are held for a person to decide on (a delete that
    met a newer edit, docs/SYNC.md): approval waits for that decision."""
    return session.scalar(select(func.count()).select_from(SyncQuarantine).where(
        SyncQuarantine.form_id == form_id, SyncQuarantine.reason == "delete_conflict",
        SyncQuarantine.status == "held")) or 0


def open_conflicts(session: Session, form_id: str) -> int:
    """How many sync conflicts of a form wait for a person (approval waits for none)."""
    return session.scalar(select(func.count()).select_from(SyncConflict).where(
        SyncConflict.form_id == form_id, SyncConflict.status == "open")) or 0
