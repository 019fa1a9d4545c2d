"""Every role against every endpoint, inside and outside its scope.

The expectations are written out by hand from docs/ROLES.md's table of roles, not derived from
the code under test: a unit outside the caller's scope is "hidden" (404, so ids cannot be
probed), an action the role may not take is "forbidden" (403), anything else is "allowed"
(the request gets past authorisation; it may still fail on the form's status or values).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from server.data.models import FormRecord, next_server_seq
from tests.conftest import form_version
from tests.server.conftest import ACCOUNTS, UNITS, World

TARGETS = list(UNITS)
#: Which of the test units lie inside each account's scope (docs/ROLES.md: unit editor one
#: unit, commune roles one commune, DMK officer one district, province, country).
IN_SCOPE = {
    "editor": {"home"},
    "focal": {"home", "home_cs"},
    "caf": {"home", "home_cs"},
    "dmk": {"home", "home_cs", "other_commune"},
    "province": {"home", "home_cs", "other_commune", "other_district"},
    "province_delegated": {"home", "home_cs", "other_commune", "other_district"},
    "admin": set(UNITS),
}
#: What each account's role may do to forms (docs/ROLES.md).
MAY = {
    "editor": {"read", "create", "edit", "submit"},
    "focal": {"read", "create", "edit", "submit"},
    "caf": {"read"},
    "dmk": {"read", "create", "edit", "submit", "return", "approve", "export"},
    "province": {"read", "export"},
    "province_delegated": {"read", "return", "approve", "export"},
    "admin": {"read", "unlock", "publish", "export"},
}
ACTIONS = ["read", "history", "create", "edit", "submit", "return", "approve", "unlock",
           "publish", "unit", "export"]


@pytest.fixture(scope="module")
def forms(app: Flask, world: World) -> dict[str, str]:
    """A form (2026) for every test unit, made directly in the database."""
    ids = {}
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        for key in UNITS:
            form_id = str(uuid.uuid4())
            session.add(FormRecord(
                id=form_id, unit_id=world.units[key], year=2026,
                form_code=UNITS[key][1], definition_version=form_version(UNITS[key][1]),
                status="draft",
                created_by=world.users["admin"], server_seq=next_server_seq(session),
                problems=[]))
            ids[key] = form_id
    return ids


def expected(account: str, action: str, target: str) -> str:
    if target not in IN_SCOPE[account]:
        return "hidden"
    needed = {"history": "read", "unit": "read"}.get(action, action)
    return "allowed" if needed in MAY[account] else "forbidden"


def attempt(client: FlaskClient, header: dict[str, str], action: str, target: str,
            world: World, forms: dict[str, str]) -> Any:
    form = f"/api/v1/forms/{forms[target]}"
    if action == "read":
        return client.get(form, headers=header)
    if action == "history":
        return client.get(f"{form}/history", headers=header)
    if action == "unit":
        return client.get(f"/api/v1/units/{world.units[target]}", headers=header)
    if action == "export":  # the national report of the unit's commune and kind
        response = client.get("/api/v1/exports/national", headers=header, query_string={
            "year": 2026, "scope": UNITS[target][2], "service": UNITS[target][1]})
        response.close()  # as a WSGI server does: closes the workbook's temporary file
        return response
    if action == "create":
        return client.post("/api/v1/forms", headers=header, json={
            "id": str(uuid.uuid4()), "unit_id": world.units[target], "year": 2025,
            "form_code": UNITS[target][1]})
    if action == "edit":
        return client.patch(f"{form}/values", headers=header, json={"values": {}})
    return client.post(f"{form}/{action}", headers=header, json={"comment": "because"})


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("account", list(ACCOUNTS))
def test_role_scope_and_action(client: FlaskClient, world: World, forms: dict[str, str],
                               headers: dict[str, dict[str, str]], account: str, action: str,
                               target: str) -> None:
    response = attempt(client, headers[account], action, target, world, forms)
    outcome = {404: "hidden", 403: "forbidden"}.get(response.status_code, "allowed")
    assert outcome == expected(account, action, target), response.json
    assert response.status_code not in (401, 500), response.json


def test_lists_never_leave_the_scope(client: FlaskClient, world: World, forms: dict[str, str],
                                     headers: dict[str, dict[str, str]]) -> None:
    for account, inside in IN_SCOPE.items():
        units = client.get("/api/v1/units", headers=headers[account]).json
        assert {u["id"] for u in units} == {world.units[k] for k in inside}, account
        listed = client.get("/api/v1/forms?year=2026", headers=headers[account]).json
        assert {f["id"] for f in listed} == {forms[k] for k in inside}, account


def test_completeness_keeps_to_the_scope(client: FlaskClient, forms: dict[str, str],
                                         headers: dict[str, dict[str, str]]) -> None:
    # A DMK officer asking about the whole province sees only the district's units.
    dmk = client.get("/api/v1/completeness?area=01&year=2026", headers=headers["dmk"]).json
    assert {u["code"] for u in dmk["units"]} == {"HC010201", "CS010201", "HC010202"}
    # Another province altogether is not there for them.
    other = client.get("/api/v1/completeness?area=02&year=2026", headers=headers["dmk"])
    assert other.status_code == 404
    editor = client.get("/api/v1/completeness?area=01&year=2026",
                        headers=headers["editor"]).json
    assert [u["code"] for u in editor["units"]] == ["HC010201"]
    country = client.get("/api/v1/completeness?year=2026", headers=headers["admin"]).json
    assert country["totals"]["units"] == len(UNITS)
    assert {c["area_code"] for c in country["children"]} == {"01", "02"}


@pytest.mark.parametrize("account", [a for a in ACCOUNTS if a != "admin"])
def test_only_national_admins_manage_accounts(client: FlaskClient, world: World,
                                              headers: dict[str, dict[str, str]],
                                              account: str) -> None:
    assert client.get("/api/v1/users", headers=headers[account]).status_code == 403
    assert client.get(f"/api/v1/users/{world.users['editor']}",
                      headers=headers[account]).status_code == 403
    created = client.post("/api/v1/users", headers=headers[account], json={
        "username": "intruder", "full_name": "X", "password": "long enough pw",
        "role": "national_admin"})
    assert created.status_code == 403
    changed = client.patch(f"/api/v1/users/{world.users[account]}", headers=headers[account],
                           json={"role": "national_admin"})
    assert changed.status_code == 403


def test_a_guessed_id_of_another_district_reads_as_not_found(
        client: FlaskClient, forms: dict[str, str], headers: dict[str, dict[str, str]]) -> None:
    inside = client.get(f"/api/v1/forms/{forms['other_district']}", headers=headers["dmk"])
    missing = client.get(f"/api/v1/forms/{uuid.uuid4()}", headers=headers["dmk"])
    assert inside.status_code == missing.status_code == 404
    assert inside.json["message"] == missing.json["message"]


def test_the_token_claims_nothing_the_server_believes(
        app: Flask, client: FlaskClient, forms: dict[str, str]) -> None:
    # A token forged with a national admin's role claim, for a unit editor's id, grants
    # only what the database says the editor may do.
    from flask_jwt_extended import create_access_token

    with app.app_context(), Session(app.extensions["isaf_engine"]) as session:
        from server.accounts.models import User

        editor = session.query(User).filter_by(username="editor").one()
        token = create_access_token(identity=editor.id,
                                    additional_claims={"role": "national_admin",
                                                       "area_code": None})
    header = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/forms/{forms['other_province']}",
                      headers=header).status_code == 404
    assert client.get("/api/v1/users", headers=header).status_code == 403
