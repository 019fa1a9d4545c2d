"""District and province figures: each poster indicator's average over an area's approved
and published forms, and how many units it covers (`server.data.figures`).

Any signed-in user may read any district's or province's figures: they are aggregates of
final forms, shown publicly on the I4C pages too, and never carry a personal indicator.
`/mine` gives in one answer what a laptop needs for its Post-on and posters (the sync
fetches it after each pull): the figures of the caller's district(s) for recent years and
every service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.db import utc_now
from common.forms.store import PublishedDefinition
from common.geography.models import LEVELS, AdminArea
from common.khmer import to_cambodia_time
from common.units.models import UNIT_KINDS, ServiceUnit
from server import db
from server.accounts.models import User
from server.api.access import BEARER, caller
from server.api.blueprint import Blueprint
from server.data import figures as area_figures
from server.data.service import FIRST_YEAR, LAST_YEAR, definition
from server.errors import NotFoundError

blp = Blueprint("figures", __name__, url_prefix="/api/v1/figures",
                description="District and province figures over approved and published "
                            "forms, with how many units each covers.")

_YEAR = validate.Range(FIRST_YEAR, LAST_YEAR)
#: Years `/mine` gives when none are asked for: this year and the one before, in Cambodia.
RECENT_YEARS = 2


class FiguresQuerySchema(Schema):
    area = fields.String(required=True, validate=validate.Regexp(
        r"[0-9]{2}([0-9]{2})?\Z", error="the code of a province (2 digits) or a district (4)"))
    year = fields.Integer(required=True, validate=_YEAR)
    form_code = fields.String(required=True, validate=validate.OneOf(list(UNIT_KINDS)))


class MineQuerySchema(Schema):
    year = fields.List(fields.Integer(validate=_YEAR), validate=validate.Length(max=5),
                       metadata={"description": "default: this year and the one before"})


class IndicatorFigureSchema(Schema):
    average = fields.Float()
    units = fields.Integer(metadata={"description": "units with a value for it"})
    met = fields.Integer(allow_none=True, metadata={
        "description": "units meeting its standard (official or proposed); null: none"})


class AreaFiguresSchema(Schema):
    area_code = fields.String()
    year = fields.Integer()
    form_code = fields.String()
    units = fields.Integer(metadata={"description": "units whose final forms count"})
    indicators = fields.Dict(keys=fields.String(), values=fields.Nested(IndicatorFigureSchema))


class MineSchema(Schema):
    computed_at = fields.String(metadata={"description": "when the server read them (UTC)"})
    figures = fields.List(fields.Nested(AreaFiguresSchema))


def existing_area(session: Session, code: str) -> AdminArea:
    """The province or district with this code; NotFoundError otherwise."""
    area = session.get(AdminArea, code)
    if area is None or area.level not in ("province", "district"):
        raise NotFoundError(f"no province or district {code}", details={"area": code})
    return area


def caller_areas(session: Session, user: User) -> list[str]:
    """The areas whose figures the caller's laptop shows: the district of a unit, commune
    or district user; a province's districts and the province. None for national staff:
    a laptop holding the whole country computes its districts' figures from its own
    approved forms (the Post-on says so), and computing every district of the country at
    every national sync would hold the sync up for a minute."""
    scope = user.scope
    if scope.level == "country":
        return []
    if scope.level == "unit":
        unit = session.get(ServiceUnit, scope.unit_id) if scope.unit_id else None
        return [unit.commune_code[:LEVELS["district"]]] if unit is not None else []
    code = scope.area_code or ""
    if len(code) == LEVELS["province"]:
        districts = session.scalars(select(AdminArea.code).where(
            AdminArea.parent_code == code, AdminArea.level == "district")
            .order_by(AdminArea.code))
        return [*districts, code]
    return [code[:LEVELS["district"]]] if code else []


def recent_years(today: dt.date | None = None) -> list[int]:
    """This year in Cambodia and the one before, newest first."""
    year = (today or to_cambodia_time(utc_now()).date()).year
    return [year - back for back in range(RECENT_YEARS)]


@blp.route("")
class Figures(MethodView):
    @jwt_required()
    @blp.arguments(FiguresQuerySchema, location="query")
    @blp.response(200, AreaFiguresSchema)
    @blp.alt_response(404, description="no such province or district, or no published "
                                       "definition of the service")
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """A district's or province's figures for a service and year: each indicator's
        average over the approved and published forms, how many units have a value for
        it and how many meet its standard, and how many units the figures cover."""
        session = db.session()
        existing_area(session, query["area"])
        definition(session, query["form_code"])  # 404 with the reason when none
        return area_figures.figures(session, query["area"], query["year"],
                                    query["form_code"]).as_dict()


@blp.route("/mine")
class MyFigures(MethodView):
    @jwt_required()
    @blp.arguments(MineQuerySchema, location="query")
    @blp.response(200, MineSchema)
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The figures of the caller's district(s) (a provincial officer: every district
        of the province and the province; national staff: the provinces), for every
        service and the years asked (default: this year and the one before)."""
        session = db.session()
        years = sorted(set(query.get("year") or recent_years()), reverse=True)
        services = sorted(set(session.scalars(select(PublishedDefinition.form))))
        found = [area_figures.figures(session, area, year, service).as_dict()
                 for area in caller_areas(session, caller())
                 for year in years for service in services]
        return {"computed_at": utc_now().isoformat(timespec="seconds"), "figures": found}
