"""Published form definitions, every version: what clients build their screens from."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from sqlalchemy import select

from common.forms.store import FORMAT_HEADER, PublishedDefinition, client_format, readable_content
from server import db
from server.api.blueprint import Blueprint
from server.api.schemas import DefinitionSchema, DefinitionSummarySchema
from server.errors import NotFoundError

blp = Blueprint("definitions", __name__, url_prefix="/api/v1/definitions",
                description="Published form definitions (public).")


@blp.route("")
class Definitions(MethodView):
    @blp.response(200, DefinitionSummarySchema(many=True))
    def get(self) -> list[PublishedDefinition]:
        """Every published version of every form."""
        return list(db.session().scalars(select(PublishedDefinition).order_by(
            PublishedDefinition.form, PublishedDefinition.version)))


@blp.route("/<string:form>/<int(max=100000):version>")
class DefinitionVersion(MethodView):
    @blp.response(200, DefinitionSchema)
    def get(self, form: str, version: int) -> dict[str, Any]:
        """One published version, whole; to a client that reads an older definition
        format (header ISAF-Definition-Format), in the form it can load."""
        row = db.session().get(PublishedDefinition, (form, version))
        if row is None:
            raise NotFoundError(f"no published definition {form}@{version}")
        answer = {column: getattr(row, column) for column in (
            "form", "version", "service_kind", "title_km", "title_en", "checksum",
            "published_at")}
        answer["content"] = readable_content(row.content,
                                             client_format(request.headers.get(FORMAT_HEADER)))
        return answer
