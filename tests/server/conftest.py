"""A small world for server tests: two provinces, a few communes and units, the three real
form definitions, and one account for every role, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from common.forms import load_definitions
from common.forms.store import publish_definition
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.units.models import ServiceUnit
from server.accounts.service import create_user
from server.app import create_app
from server.cli import FORMS_DIR
from server.database import upgrade

PASSWORD = "correct horse battery"
AREAS = [
    ("01", "province", "province", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
    ("0102", "district", "district", "មង្គលបូរី", "Mongkol Borei"),
    ("010201", "commune", "commune", "បន្ទាយនាង", "Banteay Neang"),
    ("010202", "commune", "commune", "បត់ត្រង់", "Bat Trang"),
    ("0103", "district", "district", "ភ្នំស្រុក", "Phnum Srok"),
    ("010301", "commune", "commune", "ណាំតៅ", "Nam Tau"),
    ("02", "province", "province", "បាត់ដំបង", "Battambang"),
    ("0201", "district", "district", "បាណន់", "Banan"),
    ("020101", "commune", "commune", "កន្ទឺ ១", "Kantueu Muoy"),
]
#: Health centers: the one every role works on, and one outside each ring of scope.
UNITS = {
    "home": ("HC010201", "health_center", "010201"),
    "home_cs": ("CS010201", "cs_admin", "010201"),
    "other_commune": ("HC010202", "health_center", "010202"),
    "other_district": ("HC010301", "health_center", "010301"),
    "other_province": ("HC020101", "health_center", "020101"),
}
#: username -> (role, area code, unit key, delegated approval)
ACCOUNTS = {
    "editor": ("unit_editor", None, "home", False),
    "focal": ("commune_focal_point", "010201", None, False),
    "caf": ("caf", "010201", None, False),
    "dmk": ("dmk_officer", "0102", None, False),
    "province": ("provincial_officer", "01", None, False),
    "province_delegated": ("provincial_officer", "01", None, True),
    "admin": ("national_admin", None, None, False),
}


@dataclass
class World:
    """Ids of what the fixtures made."""

    units: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def app(module_database_url: str) -> Iterator[Flask]:
    """A server on a fresh database, shared by the tests of a module: tests make their own
    forms, and tests that change accounts make their own accounts."""
    application = create_app({"DATABASE_URL": module_database_url, "ISAF_ENV": "testing",
                              "LOGIN_LIMIT_PER_ACCOUNT": "1000 per minute",
                              "LOGIN_LIMIT_PER_ADDRESS": "1000 per minute"})
    upgrade(application.extensions["isaf_engine"])
    yield application
    application.extensions["isaf_engine"].dispose()


@pytest.fixture(scope="module")
def world(app: Flask) -> World:
    """Geography, units, published definitions and one account per role."""
    return seed_world(app.extensions["isaf_engine"])


def seed_world(engine: Engine) -> World:
    """Fill an empty, migrated database with the test world."""
    made = World()
    with Session(engine) as session, session.begin():
        apply_import(session, AreaSource("test", [AreaRecord(*a) for a in AREAS]))
        for definition in load_definitions(FORMS_DIR):
            publish_definition(session, definition)
        for key, (code, kind, commune) in UNITS.items():
            unit = ServiceUnit(code=code, kind=kind, commune_code=commune,
                               name_km=f"អង្គភាព {code}", name_en=f"Unit {code}")
            session.add(unit)
            session.flush()
            made.units[key] = unit.id
        for username, (role, area, unit_key, delegated) in ACCOUNTS.items():
            user = create_user(session, username=username, full_name=username.title(),
                               password=PASSWORD, role=role, area_code=area,
                               unit_id=made.units[unit_key] if unit_key else None,
                               delegated_approval=delegated)
            made.users[username] = user.id
    return made


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def login(client: FlaskClient, username: str, password: str = PASSWORD,
          **extra: Any) -> dict[str, Any]:
    """Sign in; the token response (asserting success)."""
    response = client.post("/api/v1/auth/login",
                           json={"username": username, "password": password, **extra})
    assert response.status_code == 200, response.json
    return response.json  # type: ignore[no-any-return]


def bearer(token: str, device_id: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if device_id:
        headers["X-Device-Id"] = device_id
    return headers


@pytest.fixture(scope="module")
def headers(client: FlaskClient, world: World) -> dict[str, dict[str, str]]:
    """An Authorization header for every account."""
    return {name: bearer(login(client, name)["access_token"]) for name in ACCOUNTS}


def new_form(client: FlaskClient, header: dict[str, str], unit_id: str, *, year: int = 2026,
             form_code: str = "health_center") -> dict[str, Any]:
    response = client.post("/api/v1/forms", headers=header, json={
        "id": str(uuid.uuid4()), "unit_id": unit_id, "year": year, "form_code": form_code})
    assert response.status_code == 201, response.json
    return response.json  # type: ignore[no-any-return]
