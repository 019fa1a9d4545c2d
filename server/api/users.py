"""Accounts, managed by national administrators."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import jwt_required
from sqlalchemy import or_, select

from common.units.models import ServiceUnit
from server import db
from server.accounts import service
from server.accounts.models import User
from server.api.access import BEARER, caller, require_role
from server.api.blueprint import Blueprint
from server.api.schemas import UserCreateSchema, UserQuerySchema, UserSchema, UserUpdateSchema
from server.errors import NotFoundError

blp = Blueprint("users", __name__, url_prefix="/api/v1/users",
                description="User accounts (national administrators).")


@blp.route("")
class Users(MethodView):
    @jwt_required()
    @blp.arguments(UserQuerySchema, location="query")
    @blp.response(200, UserSchema(many=True))
    @blp.doc(security=BEARER)
    def get(self, query: dict[str, Any]) -> list[User]:
        """List accounts, optionally by area (and everything inside it) or role."""
        require_role("national_admin")
        statement = select(User).order_by(User.username)
        if "area_code" in query:
            # Everyone working inside the area: officers of it and of areas within it, and
            # the editors of its units.
            area = query["area_code"]
            units = select(ServiceUnit.id).where(ServiceUnit.commune_code.startswith(area))
            statement = statement.where(or_(User.area_code.startswith(area),
                                            User.unit_id.in_(units)))
        if "role" in query:
            statement = statement.where(User.role == query["role"])
        return list(db.session().scalars(statement))

    @jwt_required()
    @blp.arguments(UserCreateSchema)
    @blp.response(201, UserSchema)
    @blp.doc(security=BEARER)
    def post(self, body: dict[str, Any]) -> User:
        """Create an account with a role and a scope; its owner chooses their own password
        at the first sign-in (`must_change_password`)."""
        require_role("national_admin")
        session = db.session()
        user = service.create_user(session, **body, must_change_password=True)
        session.commit()
        return user


@blp.route("/<string:user_id>")
class UserById(MethodView):
    @jwt_required()
    @blp.response(200, UserSchema)
    @blp.doc(security=BEARER)
    def get(self, user_id: str) -> User:
        """One account."""
        require_role("national_admin")
        user = db.session().get(User, user_id)
        if user is None:
            raise NotFoundError("no such user")
        return user

    @jwt_required()
    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    @blp.doc(security=BEARER)
    def patch(self, body: dict[str, Any], user_id: str) -> User:
        """Change an account: role, scope, password, or deactivate it (which ends its
        sign-ins at once). A new password for someone else's account must be changed by
        its owner at their next sign-in."""
        require_role("national_admin")
        if "password" in body and user_id != caller().id:
            # A password an administrator chose is known to two people: the owner makes
            # it theirs at the next sign-in.
            body = {**body, "must_change_password": True}
        session = db.session()
        user = service.update_user(session, user_id, body)
        session.commit()
        return user
