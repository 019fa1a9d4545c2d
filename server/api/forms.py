"""Yearly forms: create, read, change values, move through the workflow, history."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from sqlalchemy import select

from common.units.models import ServiceUnit
from common.workflow import allowed_actions
from server import db
from server.accounts.models import User
from server.api.access import BEARER, caller, caller_device
from server.api.blueprint import Blueprint
from server.api.schemas import (
    FormCreateSchema,
    FormQuerySchema,
    FormSchema,
    FormSummarySchema,
    HistoryEventSchema,
    TransitionSchema,
    ValuesUpdateSchema,
)
from server.data import service
from server.data.audit import entries
from server.data.models import FormRecord

blp = Blueprint("forms", __name__, url_prefix="/api/v1/forms",
                description="Yearly forms of service units, their values and workflow.")


def form_body(view: service.FormView, user: User) -> dict[str, Any]:
    """A form as FormSchema shows it."""
    form = view.form
    return {
        "id": form.id, "unit_id": form.unit_id, "unit": form.unit, "year": form.year,
        "form_code": form.form_code, "definition_version": form.definition_version,
        "status": form.status, "status_comment": form.status_comment,
        "revision": form.revision, "updated_at": form.updated_at,
        "values": {k: v for k, v in view.result.values.items()
                   if view.definition.has_field(k) and k in _entered(view)},
        "computed": {k: v for k, v in view.values.items() if k not in _entered(view)},
        "problems": [p.as_dict() for p in view.result.problems],
        "confirmations": view.confirmations,
        "allowed_actions": allowed_actions(user.role, form.status,
                                           delegated_approval=user.delegated_approval),
    }


def _entered(view: service.FormView) -> set[str]:
    return set(view.definition.entered_field_keys())


@blp.route("")
class Forms(MethodView):
    @jwt_required()
    @blp.arguments(FormQuerySchema, location="query")
    @blp.response(200, FormSummarySchema(many=True))
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> list[FormRecord]:
        """Forms in the caller's scope, filtered by area, unit, year, status or form."""
        statement = service.scope_filter(
            select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
            .where(FormRecord.deleted.is_(False)), caller())
        if "area" in query:
            statement = statement.where(ServiceUnit.commune_code.startswith(query["area"]))
        for key, column in (("unit_id", FormRecord.unit_id), ("year", FormRecord.year),
                            ("status", FormRecord.status), ("form_code", FormRecord.form_code)):
            if key in query:
                statement = statement.where(column == query[key])
        statement = statement.order_by(ServiceUnit.code, FormRecord.year.desc())
        return list(db.session().scalars(statement.limit(query["limit"])
                                         .offset(query["offset"])))

    @jwt_required()
    @blp.arguments(FormCreateSchema)
    @blp.response(201, FormSchema)
    @blp.alt_response(409, description="the id is already taken (told alike whatever holds "
                                       "it, in the caller's scope or not: ROLES.md), or the "
                                       "unit already has this form for this year")
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Create a unit's form for a year (the id is made by the client)."""
        session = db.session()
        form = service.create_form(session, caller(), form_id=body["id"].lower(),
                                   unit_id=body["unit_id"], year=body["year"],
                                   form_code=body["form_code"], device_id=caller_device())
        session.commit()
        return form_body(service.view(session, form), caller())


@blp.route("/<string:form_id>")
class FormById(MethodView):
    @jwt_required()
    @blp.response(200, FormSchema)
    @blp.doc(security=BEARER)
    def get(self, form_id: str) -> dict[str, Any]:
        """A form with its values, computed indicators, problems and allowed actions."""
        session = db.session()
        return form_body(service.view(session, service.load_form(session, caller(), form_id)),
                         caller())


@blp.route("/<string:form_id>/values")
class FormValues(MethodView):
    @jwt_required()
    @blp.arguments(ValuesUpdateSchema)
    @blp.response(200, FormSchema)
    @blp.alt_response(422, description="a value is not valid: nothing was saved")
    @blp.doc(security=BEARER)
    def patch(self, body: dict[str, Any], form_id: str) -> dict[str, Any]:
        """Change values (null clears one) and confirm warnings with a reason.

        Wrong values reject the whole change; warnings are stored and returned.
        """
        session = db.session()
        view = service.update_values(session, caller(), form_id, body["values"],
                                     confirmations=body["confirmations"],
                                     device_id=caller_device())
        session.commit()
        return form_body(view, caller())


@blp.route("/<string:form_id>/<any(submit, return, approve, unlock, publish, withdraw):action>")
class FormTransition(MethodView):
    @jwt_required()
    @blp.arguments(TransitionSchema)
    @blp.response(200, FormSchema)
    @blp.doc(security=BEARER, description="submit (draft or returned), return with a comment, "
             "approve (locks the values), unlock with a reason, publish (makes the I4C "
             "figures public), withdraw from public view with a reason (back to approved; "
             "many forms at once: /api/v1/publishing).")
    def post(self, body: dict[str, Any], form_id: str, action: str) -> dict[str, Any]:
        """Move a form through the workflow."""
        session = db.session()
        view = service.transition(session, caller(), form_id, action, comment=body["comment"],
                                  device_id=caller_device())
        session.commit()
        return form_body(view, caller())


@blp.route("/<string:form_id>/history")
class FormHistory(MethodView):
    @jwt_required()
    @blp.response(200, HistoryEventSchema(many=True))
    @blp.doc(security=BEARER)
    def get(self, form_id: str) -> list[dict[str, Any]]:
        """Every change of a form: who, when, from which device, old and new value."""
        session = db.session()
        events = service.history(session, caller(), form_id)
        names = dict(session.execute(select(User.id, User.username).where(
            User.id.in_({e.user_id for e in events}))).tuples().all())
        # One entry per value, also where one stored event changed many (a change set:
        # server/data/audit.py); its entries share the event's id.
        return [{**{c: entry[c] for c in ("id", "at", "user_id", "device_id", "action",
                                          "field", "old_value", "new_value", "comment")},
                 "username": names.get(e.user_id)} for e in events for entry in entries(e)]
