"""The staff dashboard as its users meet it: signing in with a cookie, who may enter, what
scope each sees, completeness and standards-met numbers equal to the database's, and the
Excel download."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.units.models import ServiceUnit
from server.accounts.service import create_user
from server.data.figures import figures
from server.data.models import FormRecord
from tests.server.conftest import PASSWORD, World, bearer, login, new_form
from tests.server.test_forms_api import act, complete_values

YEAR = 2026


def sign_in(app: Flask, username: str, password: str = PASSWORD,
            next_path: str | None = None) -> tuple[FlaskClient, Any]:
    """A browser of its own, signed in through the sign-in form; (browser, answer)."""
    browser = app.test_client()
    page = browser.get("/en/dashboard/sign-in")
    token = re.search(r'name="sign_in_token" value="([^"]+)"', page.text)
    assert token, page.text
    form = {"username": username, "password": password, "sign_in_token": token.group(1)}
    if next_path is not None:
        form["next"] = next_path
    return browser, browser.post("/en/dashboard/sign-in", data=form)


def csrf_of(html: str) -> str:
    """The CSRF value a page's forms carry."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def cells(html: str, selector_attr: str, value: str) -> str:
    """The HTML of the table row whose `selector_attr` is `value`."""
    found = re.search(rf'<tr {selector_attr}="{re.escape(value)}">(.*?)</tr>', html, re.S)
    assert found, f"no row {selector_attr}={value}"
    return found.group(1)


def state_count(row: str, state: str) -> int:
    found = re.search(rf'data-state="{state}">(\d+)<', row)
    assert found, row
    return int(found.group(1))


def final_form(client: FlaskClient, maker: dict[str, str], approver: dict[str, str],
               unit_id: str, year: int, status: str = "approved",
               form_code: str = "health_center") -> dict[str, Any]:
    """A form of `unit_id` taken to `status` (draft, submitted or approved)."""
    form = new_form(client, maker, unit_id, year=year, form_code=form_code)
    if status == "draft":
        return form
    complete_values(client, maker, form)
    assert act(client, maker, form["id"], "submit").status_code == 200
    if status == "approved":
        assert act(client, approver, form["id"], "approve").status_code == 200
    return form


@pytest.fixture(scope="module")
def officers(app: Flask, client: FlaskClient, world: World) -> dict[str, dict[str, str]]:
    """Headers of DMK officers of the other district and the other province."""
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        for name, area in (("dmk_0103", "0103"), ("dmk_0201", "0201")):
            create_user(session, username=name, full_name=name, password=PASSWORD,
                        role="dmk_officer", area_code=area)
    return {name: bearer(login(client, name)["access_token"])
            for name in ("dmk_0103", "dmk_0201")}


@pytest.fixture(scope="module")
def forms(client: FlaskClient, world: World, headers: dict[str, dict[str, str]],
          officers: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """Forms in several statuses across both provinces, this year and last."""
    dmk = headers["dmk"]
    made = {
        "home": final_form(client, dmk, dmk, world.units["home"], YEAR),
        "other_commune": final_form(client, dmk, dmk, world.units["other_commune"], YEAR,
                                    "submitted"),
        "home_cs": final_form(client, dmk, dmk, world.units["home_cs"], YEAR, "draft",
                              "cs_admin"),
        "other_district": final_form(client, officers["dmk_0103"], officers["dmk_0103"],
                                     world.units["other_district"], YEAR),
        "other_province": final_form(client, officers["dmk_0201"], officers["dmk_0201"],
                                     world.units["other_province"], YEAR),
        "home_last": final_form(client, dmk, dmk, world.units["home"], YEAR - 1),
        "other_commune_last": final_form(client, dmk, dmk, world.units["other_commune"],
                                         YEAR - 1),
    }
    assert act(client, headers["admin"], made["other_district"]["id"],
               "publish").status_code == 200
    return made


def test_sign_in_takes_staff_to_the_dashboard_in_a_cookie(app: Flask, forms: Any) -> None:
    browser, answer = sign_in(app, "dmk")
    assert answer.status_code == 303 and answer.location.endswith("/en/dashboard/")
    cookie = answer.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookie if c.startswith("isaf_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    home = browser.get("/en/dashboard/")
    assert home.status_code == 200
    assert home.headers["Cache-Control"] == "private, no-store"
    assert 'class="completeness"' in home.text and '<svg class="chart"' in home.text
    assert 'form class="sign-out"' in home.text
    # The Khmer page is the same dashboard, in Khmer.
    khmer = browser.get("/km/dashboard/")
    assert khmer.status_code == 200 and "ភាពពេញលេញនៃរបាយការណ៍" in khmer.text


def test_a_wrong_password_is_a_401_page_and_no_cookie(app: Flask, world: World) -> None:
    browser, answer = sign_in(app, "dmk", "not the password")
    assert answer.status_code == 401
    assert 'class="error"' in answer.text and "not right" in answer.text
    assert not any(c.startswith("isaf_session=") for c in answer.headers.getlist("Set-Cookie"))
    assert browser.get("/en/dashboard/").status_code == 303


def test_without_a_session_pages_lead_to_sign_in_and_back(app: Flask, world: World) -> None:
    browser = app.test_client()
    answer = browser.get("/en/dashboard/standards?year=2026")
    assert answer.status_code == 303
    assert "/en/dashboard/sign-in?next=" in answer.location
    assert "standards" in answer.location
    _, signed = sign_in(app, "province", next_path="/en/dashboard/standards?year=2026")
    assert signed.status_code == 303
    assert signed.location.endswith("/en/dashboard/standards?year=2026")


@pytest.mark.parametrize("username", ["editor", "focal", "caf"])
def test_other_roles_are_refused_with_a_page_saying_so(app: Flask, world: World,
                                                       username: str) -> None:
    _, answer = sign_in(app, username)
    assert answer.status_code == 403
    assert "national, provincial and district staff only" in answer.text
    assert not any(c.startswith("isaf_session=") for c in answer.headers.getlist("Set-Cookie"))


def _db_counts(app: Flask, prefix: str, year: int) -> dict[str, int]:
    """Form statuses of active units under `prefix` straight from the database."""
    with Session(app.extensions["isaf_engine"]) as session:
        units = session.scalar(select(func.count()).select_from(ServiceUnit).where(
            ServiceUnit.active.is_(True), ServiceUnit.commune_code.startswith(prefix))) or 0
        rows = session.execute(
            select(FormRecord.status, func.count()).join(
                ServiceUnit, FormRecord.unit_id == ServiceUnit.id).where(
                ServiceUnit.commune_code.startswith(prefix), FormRecord.year == year,
                FormRecord.deleted.is_(False), FormRecord.form_code == ServiceUnit.kind)
            .group_by(FormRecord.status)).all()
    counts = {status: count for status, count in rows}
    counts["units"] = units
    counts["missing"] = units - sum(count for status, count in rows)
    return counts


def test_completeness_numbers_are_the_databases(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "admin")
    page = browser.get(f"/en/dashboard/?year={YEAR}").text
    for province in ("01", "02"):
        row = cells(page, "data-area", province)
        expected = _db_counts(app, province, YEAR)
        for state in ("units", "missing", "draft", "submitted", "approved", "published"):
            assert state_count(row, state) == expected.get(state, 0), (province, state)
    # Drilling down: the province's districts, then a commune's units.
    districts = browser.get(f"/en/dashboard/?year={YEAR}&area=01").text
    row = cells(districts, "data-area", "0102")
    assert state_count(row, "approved") == 1 and state_count(row, "submitted") == 1
    assert state_count(row, "draft") == 1 and state_count(row, "units") == 3
    units = browser.get(f"/en/dashboard/?year={YEAR}&area=010201").text
    assert "Approved" in cells(units, "data-unit", "HC010201")
    assert "Draft" in cells(units, "data-unit", "CS010201")
    only_hc = browser.get(f"/en/dashboard/?year={YEAR}&area=01&service=health_center").text
    assert state_count(cells(only_hc, "data-area", "0102"), "units") == 2


def test_a_district_officer_sees_only_their_district(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "dmk")
    home = browser.get(f"/en/dashboard/?year={YEAR}").text
    assert 'data-area="010201"' in home and 'data-area="010202"' in home
    assert 'data-area="0103"' not in home and 'data-area="02"' not in home
    for path in (f"/en/dashboard/?year={YEAR}&area=0201",
                 f"/en/dashboard/standards?year={YEAR}&area=0201",
                 f"/en/dashboard/exports/national.xlsx?year={YEAR}&area=0201",
                 f"/en/dashboard/?year={YEAR}&area=01",
                 f"/en/dashboard/?year={YEAR}&area=../x"):
        answer = browser.get(path)
        assert answer.status_code == 404, path
        assert "HC020101" not in answer.text and "Banan" not in answer.text
        assert "Kantueu" not in answer.text


def test_a_wrong_year_or_service_is_a_clear_400_page(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "admin")
    for query in ("year=1999", "year=twenty", "service=hospital"):
        answer = browser.get(f"/en/dashboard/?{query}")
        assert answer.status_code == 400, query
        assert 'class="error"' in answer.text


def test_standards_shares_equal_the_figures(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "province")
    page = browser.get(f"/en/dashboard/standards?year={YEAR}&service=health_center").text
    assert 'class="standards-share"' in page
    with Session(app.extensions["isaf_engine"]) as session:
        now = figures(session, "0102", YEAR, "health_center")
        before = figures(session, "0102", YEAR - 1, "health_center")
        whole = figures(session, "01", YEAR, "health_center")
    judged = [code for code, f in now.indicators.items() if f.met is not None]
    assert judged, "the test forms judge no standard"
    for code in judged:
        row = cells(page, "data-indicator", code)
        figure = now.indicators[code]
        this_year = re.search(r'class="this-year" data-area="0102" data-met="(\d+)" '
                              r'data-units="(\d+)"', row)
        assert this_year and (int(this_year[1]), int(this_year[2])) == (figure.met,
                                                                         figure.units)
        last = before.indicators[code]
        last_year = re.search(r'class="last-year" data-area="0102" data-met="(\d+)" '
                              r'data-units="(\d+)"', row)
        assert last_year and (int(last_year[1]), int(last_year[2])) == (last.met, last.units)
        total = re.search(r'class="this-year" data-area="01" data-met="(\d+)" '
                          r'data-units="(\d+)"', row)
        assert total and int(total[2]) == whole.indicators[code].units
    # Only approved and published forms: 0102 has one approved form this year (the
    # submitted and draft ones do not count), 0103 its published one.
    assert now.units == 1 and whole.units == 2


def test_proposed_standards_are_marked(app: Flask, forms: Any) -> None:
    from common.forms import load_definition
    from server.cli import FORMS_DIR

    proposed = [i.code for i in load_definition(FORMS_DIR / "health_center.yaml").indicators()
                if i.poster and i.standard is not None and not i.standard.official]
    browser, _ = sign_in(app, "admin")
    page = browser.get(f"/en/dashboard/standards?year={YEAR}&service=health_center").text
    for code in proposed:
        assert "proposed standard" in cells(page, "data-indicator", code)


def test_the_excel_download_holds_the_scope(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "dmk")
    page = browser.get(f"/en/dashboard/exports?year={YEAR}").text
    link = re.search(r'class="download" href="([^"]+)"', page)
    assert link
    answer = browser.get(link.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    assert answer.headers["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(answer.data), read_only=True)
    codes: set[str] = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            codes.update(v for v in row if isinstance(v, str) and re.fullmatch(
                r"(HC|CS)\d{6}", v))
    # The district's three units, none of another district's.
    assert codes == {"HC010201", "HC010202", "CS010201"}


def test_pages_refuse_to_be_cached(app: Flask, forms: Any) -> None:
    browser, _ = sign_in(app, "admin")
    for path in ("/en/dashboard/", "/en/dashboard/standards", "/en/dashboard/publish",
                 "/en/dashboard/exports", "/en/dashboard/sign-in"):
        answer = browser.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["Cache-Control"] == "private, no-store", path
        assert "ETag" not in answer.headers, path
