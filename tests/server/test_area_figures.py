"""District and province figures over approved and published forms only, with the units
they cover: computed by the server (`server.data.figures`), served by the figures API,
and printed on the server's posters. On SQLite, and on PostgreSQL when configured."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from common.documents import DocumentOptions
from common.units.models import ServiceUnit
from server import demo, documents
from server.accounts.models import User
from server.accounts.service import create_user
from server.api.figures import recent_years
from server.data import service
from server.data.figures import district_figures
from server.demo_values import demo_values_with_warnings
from tests.server.conftest import PASSWORD, World

#: Extra health centers of district 0102 (commune 010202), one per status that must not count.
EXTRA = {"draft": "HC010203", "submitted": "HC010204", "returned": "HC010205"}
YEAR = 2026
DAYS = "days_open_per_week"


def make_form(session: Session, world: World, unit_id: str, status: str, days: int,
              *, year: int = YEAR) -> str:
    """A health center's form of `year` with `days` open per week, moved to `status`."""
    unit = session.get(ServiceUnit, unit_id)
    assert unit is not None
    officer = session.get(User, world.users["dmk" if unit.commune_code.startswith("0102")
                                            else "dmk.0103"])
    admin = session.get(User, world.users["admin"])
    assert officer is not None and admin is not None
    form = service.create_form(session, officer, form_id=str(uuid.uuid4()), unit_id=unit_id,
                               year=year, form_code="health_center")
    definition = service.definition(session, "health_center")
    values, confirmations = demo_values_with_warnings(definition, random.Random(days))
    values |= {DAYS: days, "open_24h": False}
    service.update_values(session, officer, form.id, values,
                          confirmations=demo._still_warned(session, officer, form.id, values,
                                                           confirmations))
    if status == "draft":
        return form.id
    service.transition(session, officer, form.id, "submit")
    if status == "returned":
        service.transition(session, officer, form.id, "return", comment="check the fees")
    elif status in ("approved", "published"):
        service.transition(session, officer, form.id, "approve")
        if status == "published":
            service.transition(session, admin, form.id, "publish")
    return form.id


@pytest.fixture(scope="module")
def forms(app: Flask, world: World) -> dict[str, str]:
    """District 0102: the home unit approved (7 days), its neighbour published (4 days),
    and a draft, a submitted and a returned form (1 day each); district 0103's unit
    approved (1 day). Form ids by unit key."""
    made: dict[str, str] = {}
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        world.users["dmk.0103"] = create_user(
            session, username="dmk.0103", full_name="DMK 0103", password=PASSWORD,
            role="dmk_officer", area_code="0103").id
        for status, code in EXTRA.items():
            unit = ServiceUnit(code=code, kind="health_center", commune_code="010202",
                               name_km=f"អង្គភាព {code}", name_en=f"Unit {code}")
            session.add(unit)
            session.flush()
            world.units[code] = unit.id
            made[code] = make_form(session, world, unit.id, status, 1)
        made["home"] = make_form(session, world, world.units["home"], "approved", 7)
        made["other_commune"] = make_form(session, world, world.units["other_commune"],
                                          "published", 4)
        made["other_district"] = make_form(session, world, world.units["other_district"],
                                           "approved", 1)
    return made


def get(client: FlaskClient, header: dict[str, str], path: str, **query: Any) -> Any:
    return client.get(path, headers=header, query_string=query)


def test_district_figures_leave_out_drafts_submitted_and_returned_forms(
        app: Flask, world: World, forms: dict[str, str]) -> None:
    with Session(app.extensions["isaf_engine"]) as session:
        figures = district_figures(session, "010201", YEAR, "health_center")
    # Only the approved (7) and the published (4) form count: never the three at 1 day.
    assert figures.units == 2
    days = figures.indicators[DAYS]
    assert days.average == 5.5 and days.units == 2 and days.met == 1


def test_the_api_gives_any_signed_in_user_a_district_or_province(
        client: FlaskClient, headers: dict[str, dict[str, str]],
        forms: dict[str, str]) -> None:
    answer = get(client, headers["editor"], "/api/v1/figures", area="0102", year=YEAR,
                 form_code="health_center")
    assert answer.status_code == 200, answer.json
    assert answer.json["units"] == 2
    assert answer.json["indicators"][DAYS] == {"average": 5.5, "units": 2, "met": 1}
    # Another province's district is no secret: aggregates of final forms only.
    province = get(client, headers["editor"], "/api/v1/figures", area="01", year=YEAR,
                   form_code="health_center")
    assert province.json["units"] == 3
    assert province.json["indicators"][DAYS]["average"] == 4.0
    # A year with no final form: figures over nothing, said as 0 units.
    empty = get(client, headers["caf"], "/api/v1/figures", area="0201", year=2019,
                form_code="health_center")
    assert empty.status_code == 200 and empty.json["units"] == 0
    assert empty.json["indicators"] == {}
    # Nothing personal among the indicators (the chief's name is on the form).
    assert "hc_chief_name" not in answer.json["indicators"]


@pytest.mark.parametrize(("query", "status", "said"), [
    ({"area": "010201", "year": YEAR, "form_code": "health_center"}, 422, "district"),
    ({"area": "01x", "year": YEAR, "form_code": "health_center"}, 422, "province"),
    ({"area": "9999", "year": YEAR, "form_code": "health_center"}, 404, "9999"),
    ({"area": "0102", "year": 1990, "form_code": "health_center"}, 422, "year"),
    ({"area": "0102", "year": "soon", "form_code": "health_center"}, 422, "year"),
    ({"area": "0102", "year": YEAR, "form_code": "hospital"}, 422, "form_code"),
    ({"area": "0102", "form_code": "health_center"}, 422, "year"),
])
def test_the_api_says_what_is_wrong_with_a_query(
        client: FlaskClient, headers: dict[str, dict[str, str]], world: World,
        query: dict[str, Any], status: int, said: str) -> None:
    answer = get(client, headers["dmk"], "/api/v1/figures", **query)
    assert answer.status_code == status, answer.json
    assert said in str(answer.json)


def test_the_figures_need_a_signed_in_user(client: FlaskClient, world: World) -> None:
    answer = client.get("/api/v1/figures", query_string={
        "area": "0102", "year": YEAR, "form_code": "health_center"})
    assert answer.status_code == 401
    assert client.get("/api/v1/figures/mine").status_code == 401


def _areas(answer: Any) -> set[tuple[str, int, str]]:
    return {(f["area_code"], f["year"], f["form_code"]) for f in answer.json["figures"]}


def test_mine_gives_each_role_the_districts_its_laptop_shows(
        client: FlaskClient, headers: dict[str, dict[str, str]],
        forms: dict[str, str]) -> None:
    services = {"cs_admin", "health_center", "primary_school"}
    for who in ("editor", "focal", "dmk"):
        answer = get(client, headers[who], "/api/v1/figures/mine", year=YEAR)
        assert answer.status_code == 200, answer.json
        assert _areas(answer) == {("0102", YEAR, s) for s in services}
        assert answer.json["computed_at"]
    mine = get(client, headers["editor"], "/api/v1/figures/mine", year=YEAR).json
    health = next(f for f in mine["figures"] if f["form_code"] == "health_center")
    assert health["units"] == 2 and health["indicators"][DAYS]["average"] == 5.5
    province = get(client, headers["province"], "/api/v1/figures/mine", year=YEAR)
    assert {a for a, _, _ in _areas(province)} == {"0102", "0103", "01"}
    # National staff: none (their laptop computes from the whole country it holds).
    country = get(client, headers["admin"], "/api/v1/figures/mine", year=YEAR)
    assert country.status_code == 200 and _areas(country) == set()
    # Without years: this year and the one before.
    default = get(client, headers["editor"], "/api/v1/figures/mine")
    assert {y for _, y, _ in _areas(default)} == set(recent_years())
    assert get(client, headers["editor"], "/api/v1/figures/mine",
               year=1800).status_code == 422


def test_a_newly_approved_form_counts_at_once(
        app: Flask, world: World, client: FlaskClient,
        headers: dict[str, dict[str, str]], forms: dict[str, str]) -> None:
    query = {"area": "0102", "year": 2024, "form_code": "health_center"}
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        waiting = make_form(session, world, world.units["home"], "submitted", 6, year=2024)
    assert get(client, headers["dmk"], "/api/v1/figures", **query).json["units"] == 0
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        officer = session.get(User, world.users["dmk"])
        assert officer is not None
        service.transition(session, officer, waiting, "approve")
    after = get(client, headers["dmk"], "/api/v1/figures", **query).json
    assert after["units"] == 1 and after["indicators"][DAYS]["average"] == 6


def test_a_unit_that_moves_takes_its_form_to_its_new_district_at_once(
        app: Flask, world: World, forms: dict[str, str]) -> None:
    year = 2023
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        unit = ServiceUnit(code="HC010299", kind="health_center", commune_code="010202",
                           name_km="អង្គភាព HC010299", name_en="Unit HC010299")
        session.add(unit)
        session.flush()
        make_form(session, world, unit.id, "approved", 3, year=year)
        unit_id = unit.id
    with Session(app.extensions["isaf_engine"]) as session:
        before = (district_figures(session, "010202", year, "health_center").units,
                  district_figures(session, "010301", year, "health_center").units)
    assert before == (1, 0)
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        moved = session.get(ServiceUnit, unit_id)
        assert moved is not None
        moved.commune_code = "010301"  # the commune map redrawn: the unit is in 0103 now
    with Session(app.extensions["isaf_engine"]) as session:
        after = (district_figures(session, "010202", year, "health_center").units,
                 district_figures(session, "010301", year, "health_center").units)
    assert after == (0, 1)


def test_the_server_poster_prints_the_district_figures(
        app: Flask, world: World, forms: dict[str, str]) -> None:
    with Session(app.extensions["isaf_engine"]) as session:
        unit = session.get(ServiceUnit, world.units["home"])
        assert unit is not None
        data = documents.poster_input(session, unit, YEAR, DocumentOptions(language="en"))
    assert data.district_units == 2
    assert data.district_average[DAYS] == 5.5
    assert not data.district_local
