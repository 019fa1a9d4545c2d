"""Publishing in bulk through /api/v1/publishing: the preview lists exactly the approved
forms chosen and changes nothing, publishing makes exactly those public (and nothing when
one is refused), a withdrawn form leaves the public API, both are in the audit trail, and
only a national administrator may do any of it. On SQLite and PostgreSQL."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from server import demo
from server.accounts.models import User
from server.accounts.service import create_user
from server.data import publishing, service
from server.data.models import SyncQuarantine
from server.demo_values import demo_values_with_warnings
from tests.server.conftest import PASSWORD, World

HC = "health_center"
PATH = "/api/v1/publishing"
STEPS = {"draft": [], "submitted": ["submit"], "returned": ["submit", "return"],
         "approved": ["submit", "approve"], "published": ["submit", "approve", "publish"]}


def make(where: Flask | Engine, world: World, unit: str, year: int, status: str,
         kind: str = HC) -> str:
    """A complete form of `unit` for `year`, moved to `status` by the unit's district
    officer (and published by the admin), in the database of an application or engine;
    its id."""
    engine = where.extensions["isaf_engine"] if isinstance(where, Flask) else where
    with Session(engine) as session, session.begin():
        officer = _district_officer(session, world, unit)
        admin = session.get(User, world.users["admin"])
        assert admin is not None
        form = service.create_form(session, officer, form_id=str(uuid.uuid4()),
                                   unit_id=world.units[unit], year=year, form_code=kind)
        values, confirmations = demo_values_with_warnings(service.definition(session, kind),
                                                          random.Random(year))
        service.update_values(session, officer, form.id, values,
                              confirmations=demo._still_warned(session, officer, form.id,
                                                               values, confirmations))
        for step in STEPS[status]:
            service.transition(session, admin if step == "publish" else officer, form.id,
                               step, comment="check ANC4" if step == "return" else None)
        return form.id


def _district_officer(session: Session, world: World, unit: str) -> User:
    """The test world's district officer, or one made for the unit's own district."""
    district = {"other_district": "0103", "other_province": "0201"}.get(unit)
    if district is None:
        user = session.get(User, world.users["dmk"])
        assert user is not None
        return user
    found = session.scalars(select(User).where(User.username == f"dmk.{district}")).first()
    return found or create_user(session, username=f"dmk.{district}", full_name="Officer",
                                password=PASSWORD, role="dmk_officer", area_code=district)


def status_of(client: FlaskClient, admin: dict[str, str], form_id: str) -> str:
    return str(client.get(f"/api/v1/forms/{form_id}", headers=admin).json["status"])


def public_ids(client: FlaskClient, year: int) -> set[str]:
    response = client.get(f"/api/v1/public/forms?year={year}")
    assert response.status_code == 200
    return {f["id"] for f in response.json}


def preview(client: FlaskClient, header: dict[str, str], **body: Any) -> Any:
    return client.post(f"{PATH}/preview", headers=header, json=body)


@pytest.fixture(scope="module")
def year_2030(app: Flask, world: World) -> dict[str, str]:
    """Forms of 2030 in every status and ring of scope, and one approved form of 2031."""
    return {
        "home": make(app, world, "home", 2030, "approved"),
        "home_cs": make(app, world, "home_cs", 2030, "approved", "cs_admin"),
        "other_commune": make(app, world, "other_commune", 2030, "submitted"),
        "other_district": make(app, world, "other_district", 2030, "approved"),
        "other_province": make(app, world, "other_province", 2030, "returned"),
        "next_year": make(app, world, "other_commune", 2031, "approved"),
    }


def test_preview_lists_the_approved_forms_chosen_and_changes_nothing(
        client: FlaskClient, headers: dict[str, dict[str, str]],
        year_2030: dict[str, str]) -> None:
    admin = headers["admin"]
    listed = preview(client, admin, area="0102", year=2030, form_code=HC)
    assert listed.status_code == 200, listed.json
    assert [(c["id"], c["unit_code"], c["blockers"]) for c in listed.json] == [
        (year_2030["home"], "HC010201", [])]
    assert listed.json[0]["unit_name_km"] == "អង្គភាព HC010201"
    every_service = preview(client, admin, area="0102", year=2030).json
    assert [c["unit_code"] for c in every_service] == ["CS010201", "HC010201"]
    province = preview(client, admin, area="01", year=2030).json
    assert [c["unit_code"] for c in province] == ["CS010201", "HC010201", "HC010301"]
    # The country: the returned form of province 02 is not approved, so not listed.
    assert len(preview(client, admin, year=2030).json) == 3
    # Nothing became public.
    assert public_ids(client, 2030) == set()
    assert status_of(client, admin, year_2030["home"]) == "approved"


def test_bulk_publishing_makes_exactly_the_chosen_forms_public(
        client: FlaskClient, headers: dict[str, dict[str, str]],
        year_2030: dict[str, str]) -> None:
    admin = headers["admin"]
    chosen = [c["id"] for c in preview(client, admin, area="0102", year=2030).json]
    response = client.post(f"{PATH}/publish", headers=admin, json={
        "area": "0102", "year": 2030, "form_ids": chosen})
    assert response.status_code == 200, response.json
    assert response.json["published"] == 2
    assert {f["id"] for f in response.json["forms"]} == set(chosen)
    assert public_ids(client, 2030) == {year_2030["home"], year_2030["home_cs"]}
    assert public_ids(client, 2031) == set()
    for key, status in (("other_commune", "submitted"), ("other_district", "approved"),
                        ("other_province", "returned"), ("next_year", "approved")):
        assert status_of(client, admin, year_2030[key]) == status, key
    # The audit trail: who published, and which bulk publication it was.
    history = client.get(f"/api/v1/forms/{year_2030['home']}/history", headers=admin).json
    published = [e for e in history if e["action"] == "publish"]
    assert len(published) == 1
    assert published[0]["username"] == "admin"
    assert (published[0]["old_value"], published[0]["new_value"]) == ("approved", "published")
    assert "publication" in published[0]["comment"] and "2 form(s)" in published[0]["comment"]
    # The preview no longer lists them; publishing again finds nothing to do.
    assert preview(client, admin, area="0102", year=2030).json == []


def test_a_stale_or_foreign_id_refuses_the_whole_publication(
        app: Flask, world: World, client: FlaskClient,
        headers: dict[str, dict[str, str]]) -> None:
    admin = headers["admin"]
    home = make(app, world, "home", 2032, "approved")
    neighbour = make(app, world, "other_commune", 2032, "approved")
    elsewhere = make(app, world, "other_district", 2032, "approved")
    seen = [c["id"] for c in preview(client, admin, area="0102", year=2032).json]
    assert seen == [home, neighbour]
    # Meanwhile the neighbour's form is unlocked for a correction.
    unlocked = client.post(f"/api/v1/forms/{neighbour}/unlock", headers=admin,
                           json={"comment": "wrong ANC1 count"})
    assert unlocked.status_code == 200
    missing = str(uuid.uuid4())
    response = client.post(f"{PATH}/publish", headers=admin, json={
        "area": "0102", "year": 2032, "form_ids": [*seen, elsewhere, missing]})
    assert response.status_code == 409
    refused = response.json["details"]["refused"]
    assert set(refused) == {neighbour, elsewhere, missing}
    assert refused[neighbour] == "the form is returned, not approved"
    assert "not in the chosen area" in refused[elsewhere]
    assert refused[missing] == service.NO_SUCH_FORM
    assert neighbour in response.json["message"] and "nothing was published" in \
        response.json["message"]
    assert public_ids(client, 2032) == set()
    assert status_of(client, admin, home) == "approved"


def test_withdrawing_needs_a_reason_and_removes_the_form_from_public_view(
        app: Flask, world: World, client: FlaskClient,
        headers: dict[str, dict[str, str]]) -> None:
    admin = headers["admin"]
    form_id = make(app, world, "home", 2033, "published")
    assert public_ids(client, 2033) == {form_id}
    for reason, status in (("   ", 400), ("x" * 1001, 400)):
        response = client.post(f"{PATH}/withdraw", headers=admin,
                               json={"form_id": form_id, "reason": reason})
        assert response.status_code == status, response.json
        assert "reason" in response.json["message"]
    assert client.post(f"{PATH}/withdraw", headers=admin,
                       json={"form_id": form_id}).status_code == 422
    assert public_ids(client, 2033) == {form_id}
    reason = "  ANC1 double-counted two villages  "
    response = client.post(f"{PATH}/withdraw", headers=admin,
                           json={"form_id": form_id, "reason": reason})
    assert response.status_code == 200, response.json
    assert response.json["status"] == "approved"
    assert public_ids(client, 2033) == set()
    assert client.get(f"/api/v1/public/forms/{form_id}").status_code == 404
    # Withdrawn once: a second time finds an approved form.
    again = client.post(f"{PATH}/withdraw", headers=admin,
                        json={"form_id": form_id, "reason": "again"})
    assert again.status_code == 409
    history = client.get(f"/api/v1/forms/{form_id}/history", headers=admin).json
    moves = [(e["action"], e["username"], e["comment"]) for e in history
             if e["action"] in ("publish", "withdraw")]
    assert moves == [("publish", "admin", None),
                     ("withdraw", "admin", "ANC1 double-counted two villages")]
    # The single-form route works too, and offers the move on a published form.
    republished = client.post(f"/api/v1/forms/{form_id}/publish", headers=admin, json={})
    assert republished.json["allowed_actions"] == ["unlock", "withdraw"]
    single = client.post(f"/api/v1/forms/{form_id}/withdraw", headers=admin, json={})
    assert single.status_code == 400
    single = client.post(f"/api/v1/forms/{form_id}/withdraw", headers=admin,
                         json={"comment": "poster misprinted"})
    assert single.status_code == 200 and single.json["status"] == "approved"
    assert public_ids(client, 2033) == set()


@pytest.mark.parametrize("name", ["dmk", "province", "province_delegated", "focal", "caf",
                                  "editor"])
def test_only_a_national_administrator_publishes_or_withdraws(
        app: Flask, world: World, client: FlaskClient, headers: dict[str, dict[str, str]],
        name: str) -> None:
    header = headers[name]
    year = 2040 + list(headers).index(name)
    approved = make(app, world, "home", year, "approved")
    published = make(app, world, "other_commune", year, "published")
    assert preview(client, header, area="0102", year=year).status_code == 403
    response = client.post(f"{PATH}/publish", headers=header, json={
        "area": "0102", "year": year, "form_ids": [approved]})
    assert response.status_code == 403
    # In scope or not, existing or not: the same refusal, so ids cannot be probed.
    for form_id in (published, str(uuid.uuid4())):
        response = client.post(f"{PATH}/withdraw", headers=header,
                               json={"form_id": form_id, "reason": "test"})
        assert response.status_code == 403
        response = client.post(f"/api/v1/forms/{form_id}/withdraw", headers=header,
                               json={"comment": "test"})
        assert response.status_code in (403, 404)
    assert status_of(client, headers["admin"], approved) == "approved"
    assert public_ids(client, year) == {published}


@pytest.mark.parametrize(("body", "status"), [
    ({"area": "0102"}, 422),                                 # no year
    ({"area": "0102", "year": 2014}, 422),
    ({"area": "01a", "year": 2030}, 422),
    ({"area": "01020101", "year": 2030}, 422),               # a village
    ({"area": "0102", "year": 2030, "form_code": "hospital"}, 422),
    ({"area": "09", "year": 2030}, 404),                     # no such province
])
def test_a_wrong_selection_is_refused_clearly(
        client: FlaskClient, headers: dict[str, dict[str, str]], body: dict[str, Any],
        status: int) -> None:
    response = preview(client, headers["admin"], **body)
    assert response.status_code == status
    assert response.json["message"]


def test_publish_needs_the_previewed_ids(client: FlaskClient,
                                         headers: dict[str, dict[str, str]]) -> None:
    for ids in ([], ["not-a-uuid"], None):
        body: dict[str, Any] = {"area": "0102", "year": 2030}
        if ids is not None:
            body["form_ids"] = ids
        response = client.post(f"{PATH}/publish", headers=headers["admin"], json=body)
        assert response.status_code == 422, ids


def test_a_held_delete_keeps_a_form_back(app: Flask, world: World) -> None:
    form_id = make(app, world, "home", 2034, "approved")
    other = make(app, world, "other_commune", 2034, "approved")
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        admin = session.get(User, world.users["admin"])
        assert admin is not None
        session.add(SyncQuarantine(op_id=str(uuid.uuid4()), device_id=str(uuid.uuid4()),
                                   user_id=admin.id, form_id=form_id,
                                   reason="delete_conflict", payload={}))
        session.flush()
        listed = publishing.preview(session, admin, area="0102", year=2034, form_code=HC)
        assert [(c.form.id, c.blockers) for c in listed] == [
            (form_id, ("held_deletes",)), (other, ())]
        with pytest.raises(service.ConflictError) as refused:
            publishing.publish(session, admin, area="0102", year=2034, form_code=HC,
                               form_ids=[form_id, other])
        assert "held delete" in refused.value.details["refused"][form_id]
        assert [f.id for f in publishing.publish(session, admin, area="0102", year=2034,
                                                 form_code=HC)] == [other]


def test_events_list_publications_and_withdrawals_in_scope(
        app: Flask, world: World, client: FlaskClient,
        headers: dict[str, dict[str, str]]) -> None:
    admin = headers["admin"]
    home = make(app, world, "home", 2035, "published")
    far = make(app, world, "other_province", 2035, "published")
    client.post(f"{PATH}/withdraw", headers=admin,
                json={"form_id": home, "reason": "figures under review"})
    events = client.get(f"{PATH}/events?year=2035", headers=admin).json
    assert [(e["action"], e["form_id"]) for e in events] == [
        ("withdraw", home), ("publish", far), ("publish", home)]
    assert events[0]["comment"] == "figures under review" and events[0]["username"] == "admin"
    assert events[0]["unit_code"] == "HC010201"
    # A district officer sees only their district's.
    district = client.get(f"{PATH}/events?year=2035", headers=headers["dmk"]).json
    assert [(e["action"], e["form_id"]) for e in district] == [
        ("withdraw", home), ("publish", home)]
    assert client.get(f"{PATH}/events?area=02&year=2035",
                      headers=headers["dmk"]).status_code == 404
