"""Which units have reported: for a commune, district, province or the country, and a year."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required

from server import db
from server.api.access import BEARER, caller
from server.api.blueprint import Blueprint
from server.api.schemas import CompletenessQuerySchema, CompletenessSchema
from server.data import service

blp = Blueprint("completeness", __name__, url_prefix="/api/v1/completeness",
                description="Reporting completeness per area and year.")


@blp.route("")
class Completeness(MethodView):
    @jwt_required()
    @blp.arguments(CompletenessQuerySchema, location="query")
    @blp.response(200, CompletenessSchema)
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Each unit's form status in an area (within the caller's scope), with counts per
        child area and in total ('missing' is a unit with no form yet)."""
        return service.completeness(db.session(), caller(), query.get("area"), query["year"],
                                    query.get("kind"))
