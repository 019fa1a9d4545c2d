"""Service units inside the caller's scope."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from sqlalchemy import select

from common.units.models import ServiceUnit
from server import db
from server.api.access import BEARER, caller
from server.api.blueprint import Blueprint
from server.api.schemas import UnitQuerySchema, UnitSchema
from server.data.service import load_unit, scope_filter

blp = Blueprint("units", __name__, url_prefix="/api/v1/units",
                description="Commune administrations, health centers, primary schools.")


@blp.route("")
class Units(MethodView):
    @jwt_required()
    @blp.arguments(UnitQuerySchema, location="query")
    @blp.response(200, UnitSchema(many=True))
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> list[ServiceUnit]:
        """The units in the caller's scope, optionally inside an area or of one kind."""
        statement = scope_filter(select(ServiceUnit), caller()).order_by(ServiceUnit.code)
        if "area" in query:
            statement = statement.where(ServiceUnit.commune_code.startswith(query["area"]))
        if "kind" in query:
            statement = statement.where(ServiceUnit.kind == query["kind"])
        if not query["include_inactive"]:
            statement = statement.where(ServiceUnit.active.is_(True))
        return list(db.session().scalars(statement))


@blp.route("/<string:unit_id>")
class UnitById(MethodView):
    @jwt_required()
    @blp.response(200, UnitSchema)
    @blp.doc(security=BEARER)
    def get(self, unit_id: str) -> ServiceUnit:
        """One unit, if it is in the caller's scope."""
        return load_unit(db.session(), caller(), unit_id)
