"""Public, read-only: published I4C figures, no account needed, no personal data."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from server import db
from server.api.blueprint import Blueprint
from server.api.schemas import (
    PublicFormQuerySchema,
    PublicFormSchema,
    PublicFormSummarySchema,
    PublicQuerySchema,
)
from server.data.models import FormRecord
from server.data.public import public_form, published_forms

blp = Blueprint("public", __name__, url_prefix="/api/v1/public",
                description="Published I4C figures for citizens (no account).")


@blp.route("/forms")
class PublicForms(MethodView):
    @blp.arguments(PublicQuerySchema, location="query")
    @blp.response(200, PublicFormSummarySchema(many=True))
    def get(self, query: dict[str, Any]) -> list[FormRecord]:
        """Published forms, by area, year and kind of unit."""
        statement = published_forms(area=query.get("area"), year=query.get("year"),
                                    kind=query.get("kind"))
        return list(db.session().scalars(statement.limit(query["limit"])
                                         .offset(query["offset"])))


@blp.route("/forms/<string:form_id>")
class PublicFormById(MethodView):
    @blp.arguments(PublicFormQuerySchema, location="query")
    @blp.response(200, PublicFormSchema)
    def get(self, query: dict[str, Any], form_id: str) -> dict[str, Any]:
        """What the I4C poster of a published form shows, and its district's figures."""
        return public_form(db.session(), form_id, official_only=query["official_only"])
