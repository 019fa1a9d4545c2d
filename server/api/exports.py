"""The national Excel report as a download, limited to the caller's scope."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import Schema, fields, validate

from common.documents.excel import CONTENT_TYPE, SERVICE_ORDER
from server import db
from server.api.access import BEARER, caller
from server.api.blueprint import Blueprint
from server.data.service import FIRST_YEAR, LAST_YEAR
from server.downloads import workbook_download
from server.errors import NotFoundError
from server.exports import select_for_user

blp = Blueprint("exports", __name__, url_prefix="/api/v1/exports",
                description="The national Excel report, for the caller's scope.")


class NationalExportQuerySchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(
        FIRST_YEAR, LAST_YEAR, error=f"the year must be between {FIRST_YEAR} and {LAST_YEAR}"))
    scope = fields.String(
        validate=validate.Regexp(r"([0-9]{2}|[0-9]{4}|[0-9]{6})\Z", error=(
            "the scope must be the code of a province (2 digits), a district (4) or a "
            "commune (6)")),
        metadata={"description": "area code; omit for the whole of the caller's scope"})
    service = fields.String(
        validate=validate.OneOf(SERVICE_ORDER, error="the service must be one of {choices}"),
        metadata={"description": "one service kind; omit for all three"})
    official_only = fields.Boolean(load_default=False, metadata={
        "description": "judge official national standards only: no met or not met for a "
                       "standard that is only proposed"})


@blp.route("/national")
class NationalExport(MethodView):
    @jwt_required()
    @blp.arguments(NationalExportQuerySchema, location="query")
    @blp.doc(security=BEARER, responses={"200": {
        "description": "the workbook (.xlsx): About, Summary, Completeness and one sheet "
                       "per service kind, for the asked area within the caller's scope",
        "content": {CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}}}})
    def get(self, query: dict[str, Any]) -> Response:
        """The national report for a year (national admin: the country; provincial and
        DMK officers: their province or district). An area outside the scope is 404."""
        session = db.session()
        user = caller()
        try:
            selection = select_for_user(session, user, year=query["year"],
                                        scope=query.get("scope"), service=query.get("service"))
        except NotFoundError:
            if "scope" not in query:
                raise
            # An area outside the caller's scope answers in the words of one that does not
            # exist ("no area 0199"), so an answer never tells the two apart (ROLES.md).
            raise NotFoundError(f"no area {query['scope']}") from None
        return workbook_download(session, selection, role=user.role,
                                 proposed_standards=not query["official_only"])


