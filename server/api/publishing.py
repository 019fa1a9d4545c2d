"""Publishing in bulk: preview the approved forms of an area, year and service that would
become public, publish exactly those, withdraw a published form with a reason, and list
what was published and withdrawn (server/data/publishing.py does the work)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import Schema, ValidationError, fields, validate
from sqlalchemy import select

from common.units.models import UNIT_KINDS
from server import db
from server.accounts.models import User
from server.api.access import BEARER, caller, caller_device
from server.api.blueprint import Blueprint
from server.data import publishing
from server.data.models import AuditEvent, FormRecord

blp = Blueprint("publishing", __name__, url_prefix="/api/v1/publishing",
                description="Publishing approved forms in bulk, with a preview; "
                            "withdrawing a published form from public view.")

# '' (or no area) is the whole country: the caller's scope still narrows it.
_AREA = validate.Regexp(r"(|[0-9]{2}|[0-9]{4}|[0-9]{6})\Z",
                        error="a province, district or commune code (2, 4 or 6 digits), "
                              "or empty for the country")
_UUID = validate.Regexp(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z",
                        error="a lower-case UUID")
_YEAR = validate.Range(2015, 2100)
_SERVICE = validate.OneOf(list(UNIT_KINDS))


class SelectionSchema(Schema):
    area = fields.String(load_default="", validate=_AREA,
                         metadata={"description": "empty for the country"})
    year = fields.Integer(required=True, validate=_YEAR)
    form_code = fields.String(load_default=None, allow_none=True, validate=_SERVICE,
                              metadata={"description": "the service; omit for every one"})


#: The most forms one publication takes (a province's whole year fits many times).
MAX_FORMS = 20_000


def _form_count(ids: list[str]) -> None:
    # Checked here rather than as the schema's maxItems: a schema-driven fuzzer would
    # otherwise build arrays of 20,001 generated ids to try the bound.
    if not 1 <= len(ids) <= MAX_FORMS:
        raise ValidationError(f"choose 1 to {MAX_FORMS} forms")


class PublishSchema(SelectionSchema):
    form_ids = fields.List(fields.String(validate=_UUID), required=True, validate=_form_count,
                           metadata={"description": "the ids the preview listed (1 to "
                                                    f"{MAX_FORMS})"})


class WithdrawSchema(Schema):
    form_id = fields.String(required=True, validate=_UUID)
    reason = fields.String(required=True, validate=validate.Length(
        1, 2000, error="a reason of 1 to 1000 characters"))


class CandidateSchema(Schema):
    id = fields.String()
    unit_id = fields.String()
    unit_code = fields.String()
    unit_name_km = fields.String()
    unit_name_en = fields.String()
    commune_code = fields.String()
    year = fields.Integer()
    form_code = fields.String()
    status = fields.String()
    blockers = fields.List(fields.String(), metadata={
        "description": "why it cannot be published now (open_conflicts, held_deletes); "
                       "empty: publishing makes it public"})


class PublishedSchema(Schema):
    published = fields.Integer()
    forms = fields.List(fields.Nested(CandidateSchema))


class EventQuerySchema(Schema):
    area = fields.String(load_default="", validate=_AREA)
    year = fields.Integer(load_default=None, validate=_YEAR)
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 1000))


class EventSchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    action = fields.String(metadata={"description": "publish or withdraw"})
    username = fields.String(allow_none=True)
    comment = fields.String(allow_none=True,
                            metadata={"description": "the publication, or the reason"})
    form_id = fields.String()
    unit_code = fields.String()
    unit_name_km = fields.String()
    unit_name_en = fields.String()
    year = fields.Integer()
    form_code = fields.String()


def _form(form: FormRecord, blockers: tuple[str, ...] = ()) -> dict[str, Any]:
    unit = form.unit
    return {"id": form.id, "unit_id": unit.id, "unit_code": unit.code,
            "unit_name_km": unit.name_km, "unit_name_en": unit.name_en,
            "commune_code": unit.commune_code, "year": form.year,
            "form_code": form.form_code, "status": form.status, "blockers": list(blockers)}


@blp.route("/preview")
class Preview(MethodView):
    @jwt_required()
    @blp.arguments(SelectionSchema)
    @blp.response(200, CandidateSchema(many=True))
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """The approved forms publishing would make public, in unit-code order; nothing
        changes. National administrators only."""
        candidates = publishing.preview(db.session(), caller(), area=body["area"],
                                        year=body["year"], form_code=body["form_code"])
        return [_form(c.form, c.blockers) for c in candidates]


@blp.route("/publish")
class Publish(MethodView):
    @jwt_required()
    @blp.arguments(PublishSchema)
    @blp.response(200, PublishedSchema)
    @blp.alt_response(409, description="an id is not a publishable approved form of the "
                                       "selection: nothing was published")
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Publish exactly the previewed forms (`form_ids`): all of them, or none when one
        is refused (`details.refused` names each with why). Each is in the audit trail."""
        session = db.session()
        forms = publishing.publish(session, caller(), area=body["area"], year=body["year"],
                                   form_code=body["form_code"], form_ids=body["form_ids"],
                                   device_id=caller_device())
        session.commit()
        return {"published": len(forms), "forms": [_form(f) for f in forms]}


@blp.route("/withdraw")
class Withdraw(MethodView):
    @jwt_required()
    @blp.arguments(WithdrawSchema)
    @blp.response(200, CandidateSchema)
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Take a published form out of public view (back to approved), with a reason
        (at most 1000 characters) recorded in its history."""
        session = db.session()
        form = publishing.withdraw(session, caller(), body["form_id"], body["reason"],
                                   device_id=caller_device())
        session.commit()
        return _form(form)


@blp.route("/events")
class Events(MethodView):
    @jwt_required()
    @blp.arguments(EventQuerySchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Recent publications and withdrawals in the caller's scope, newest first."""
        session = db.session()
        events = publishing.publications(session, caller(), area=query["area"],
                                         year=query["year"], limit=query["limit"])
        return _event_bodies(session, events)


def _event_bodies(session: Any, events: list[AuditEvent]) -> list[dict[str, Any]]:
    forms = {f.id: f for f in session.scalars(select(FormRecord).where(
        FormRecord.id.in_({e.form_id for e in events if e.form_id})))}
    names = dict(session.execute(select(User.id, User.username).where(
        User.id.in_({e.user_id for e in events}))).tuples().all())
    bodies = []
    for event in events:
        form = forms[event.form_id] if event.form_id else None
        if form is None:
            continue
        bodies.append({"id": event.id, "at": event.at, "action": event.action,
                       "username": names.get(event.user_id), "comment": event.comment,
                       "form_id": form.id, "unit_code": form.unit.code,
                       "unit_name_km": form.unit.name_km, "unit_name_en": form.unit.name_en,
                       "year": form.year, "form_code": form.form_code})
    return bodies
