"""The administrative geography: public reference data, no account needed."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from sqlalchemy import select

from common.geography.models import AdminArea
from server import db
from server.api.blueprint import Blueprint
from server.api.schemas import AreaQuerySchema, AreaSchema
from server.errors import NotFoundError

blp = Blueprint("geography", __name__, url_prefix="/api/v1/areas",
                description="Provinces, districts, communes and villages (public).")


@blp.route("")
class Areas(MethodView):
    @blp.arguments(AreaQuerySchema, location="query")
    @blp.response(200, AreaSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[AdminArea]:
        """Active areas: the provinces, or the children of `parent`, or every area of a level."""
        statement = select(AdminArea).where(AdminArea.active.is_(True)).order_by(AdminArea.code)
        if "parent" in query:
            statement = statement.where(AdminArea.parent_code == query["parent"])
        elif "level" not in query:
            statement = statement.where(AdminArea.level == "province")
        if "level" in query:
            statement = statement.where(AdminArea.level == query["level"])
        return list(db.session().scalars(statement))


@blp.route("/<string:code>")
class AreaByCode(MethodView):
    @blp.response(200, AreaSchema)
    def get(self, code: str) -> AdminArea:
        """One area by its official code."""
        area = db.session().get(AdminArea, code)
        if area is None:
            raise NotFoundError(f"no area {code}")
        return area
