"""The national report download (GET /api/v1/exports/national) and `isaf export national`,
on SQLite and PostgreSQL: the workbook reopened and compared with the server's records,
the caller's scope kept, no personal data, clear answers to bad parameters."""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.forms import load_definitions
from common.units.models import ServiceUnit
from server.accounts.models import User
from server.accounts.service import create_user
from server.cli import FORMS_DIR, main
from server.data import service
from server.demo_values import demo_values
from tests.server.conftest import AREAS, PASSWORD, UNITS, World, bearer, login

URL = "/api/v1/exports/national"
FORMS = {d.service_kind: d for d in load_definitions(FORMS_DIR)}
#: The status each test unit's 2026 form is taken to ('missing': no form).
STATUS = {"home": "published", "home_cs": "submitted", "other_commune": "draft",
          "other_district": "approved", "other_province": "missing"}
#: A DMK officer whose name and username must never show in an export.
WITNESS = ("sreymom.witness", "Sok Sreymom Witness")


@pytest.fixture(scope="module")
def figures(app: Flask, world: World) -> dict[str, dict[str, Any]]:
    """Forms of 2026 with demo figures, taken through the workflow; the entered values
    (normalised) of each unit's form."""
    rng = random.Random(11)
    entered: dict[str, dict[str, Any]] = {}
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        witness = create_user(session, username=WITNESS[0], full_name=WITNESS[1],
                              password=PASSWORD, role="dmk_officer", area_code="0103")
        officers = {"0102": session.get(User, world.users["dmk"]), "0103": witness,
                    "0201": None}
        admin = session.get(User, world.users["admin"])
        for key, status in STATUS.items():
            _, kind, commune = UNITS[key]
            if status == "missing":
                continue
            officer = officers[commune[:4]]
            form = service.create_form(session, officer, form_id=str(uuid.uuid4()),
                                       unit_id=world.units[key], year=2026, form_code=kind)
            definition = service.definition(session, kind, form.definition_version)
            values = demo_values(definition, rng)
            viewed = service.update_values(session, officer, form.id, values)
            confirmations = {f"{p.field}:{p.code}": "checked in the register"
                             for p in viewed.result.warnings}
            if confirmations:
                service.update_values(session, officer, form.id, {},
                                      confirmations=confirmations)
            if status != "draft":
                service.transition(session, officer, form.id, "submit")
            if status in ("approved", "published"):
                service.transition(session, officer, form.id, "approve")
            if status == "published":
                service.transition(session, admin, form.id, "publish")
            entered[key] = service.view(session, service.load_form(session, admin, form.id))\
                .result.values
    return entered


def download(client: FlaskClient, header: dict[str, str], **query: Any) -> Workbook:
    response = client.get(URL, headers=header, query_string={"year": 2026, **query})
    assert response.status_code == 200, response.json
    assert response.mimetype == ("application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")
    data = response.data
    response.close()  # as a WSGI server does: this closes the workbook's temporary file
    return load_workbook(io.BytesIO(data))


def unit_rows(workbook: Workbook, title: str) -> dict[str, dict[str, Any]]:
    rows = list(workbook[title].iter_rows(values_only=True))
    codes = list(rows[2])
    return {row[codes.index("unit_code")]: dict(zip(codes, row, strict=True))
            for row in rows[3:]}


def test_national_admin_gets_the_country_as_the_database_has_it(
        client: FlaskClient, headers: dict[str, dict[str, str]],
        figures: dict[str, dict[str, Any]]) -> None:
    workbook = download(client, headers["admin"])
    health = unit_rows(workbook, "Health centers")
    assert set(health) == {UNITS[k][0] for k in UNITS if UNITS[k][1] == "health_center"}
    names = {code: (km, en) for code, _, _, km, en in AREAS}
    times = 0
    for key, values in figures.items():
        code, kind, commune = UNITS[key]
        row = unit_rows(workbook, {"health_center": "Health centers",
                                   "cs_admin": "CS administration"}[kind])[code]
        assert row["status"] == STATUS[key]
        assert (row["commune_km"], row["commune_en"]) == names[commune]
        assert (row["district_km"], row["province_km"]) == (names[commune[:4]][0],
                                                            names[commune[:2]][0])
        assert row["unit_km"] == f"អង្គភាព {code}"
        compared = 0
        for field, value in values.items():
            if field not in row:
                continue  # free text is never exported
            kind_of_value = FORMS[kind].field(field).indicator.type
            if kind_of_value == "time":
                # A real Excel time ("hh:mm"), equal to the time in the database.
                assert isinstance(row[field], dt.time), (code, field)
                assert row[field].strftime("%H:%M") == value, (code, field)
                times += 1
            elif isinstance(value, str):
                continue  # a choice, written as its English label (tests/common)
            elif kind_of_value == "percent":
                assert row[field] == pytest.approx(value / 100)
            else:
                assert row[field] == value, (code, field)
            compared += 1
        assert compared > 40
    assert times >= 4  # opening hours of health centers and commune offices
    assert health["HC020101"]["status"] == "missing"
    assert health["HC020101"]["anc1"] is None
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    assert about["Scope"][0] == "Cambodia (the whole country)"
    assert about["Generated by (role)"][0] == "National administrator"


def test_a_dmk_officer_gets_only_the_district(client: FlaskClient,
                                              headers: dict[str, dict[str, str]],
                                              figures: dict[str, dict[str, Any]]) -> None:
    for query in ({}, {"scope": "01"}, {"scope": "0102"}):
        workbook = download(client, headers["dmk"], **query)
        assert set(unit_rows(workbook, "Health centers")) == {"HC010201", "HC010202"}
        assert set(unit_rows(workbook, "CS administration")) == {"CS010201"}
        about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
        assert about["Scope"] == ("Mongkol Borei (0102)", "មង្គលបូរី (0102)")
        areas = {r[4] for r in workbook["Completeness"].iter_rows(min_row=3, values_only=True)}
        assert areas == {None, "0102"}
    one = download(client, headers["dmk"], scope="010202", service="health_center")
    assert one.sheetnames[3:] == ["Health centers", "District figures"]
    assert set(unit_rows(one, "Health centers")) == {"HC010202"}
    for outside in ("02", "0103", "010301"):
        response = client.get(URL, headers=headers["dmk"],
                              query_string={"year": 2026, "scope": outside})
        assert response.status_code == 404, outside
        assert response.json["code"] == "not_found"


def test_a_provincial_officer_gets_the_province(client: FlaskClient,
                                               headers: dict[str, dict[str, str]],
                                               figures: dict[str, dict[str, Any]]) -> None:
    workbook = download(client, headers["province"], service="health_center")
    assert set(unit_rows(workbook, "Health centers")) == {"HC010201", "HC010202", "HC010301"}


def test_completeness_and_summary_match_the_database(
        app: Flask, client: FlaskClient, headers: dict[str, dict[str, str]],
        figures: dict[str, dict[str, Any]]) -> None:
    workbook = download(client, headers["admin"], service="health_center")
    rows = list(workbook["Completeness"].iter_rows(min_row=3, values_only=True))
    by_area = {(r[0], r[1], r[4]): r[8:13] for r in rows}
    with Session(app.extensions["isaf_engine"]) as session:
        units = session.execute(select(ServiceUnit.code, ServiceUnit.commune_code)
                                .where(ServiceUnit.kind == "health_center")).all()
    for level, province, district in by_area:
        mine = [code for code, commune in units
                if level == "all" or (commune.startswith(district or province))]
        keys = [k for k in STATUS if UNITS[k][0] in mine]
        statuses = [STATUS[k] for k in keys]
        assert by_area[(level, province, district)] == (
            len(mine), sum(s != "missing" for s in statuses),
            sum(s in ("submitted", "approved", "published") for s in statuses),
            sum(s in ("approved", "published") for s in statuses),
            statuses.count("published"))
    # Summary: health centers of province 01 with a reported form (published, approved).
    health = FORMS["health_center"]
    met = assessed = 0
    for key in ("home", "other_district"):
        for indicator in health.indicators():
            if indicator.standard is not None:
                outcome = indicator.standard.is_met(figures[key].get(indicator.code))
                if outcome is not None:
                    met, assessed = met + outcome, assessed + 1
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(summary) if r[0] == "Province code")
    assert summary[start + 1][:3] == ("01", "បន្ទាយមានជ័យ", "Banteay Meanchey")
    assert summary[start + 1][3] == pytest.approx(met / assessed)
    # Battambang's only health center has no form: nothing to judge.
    assert summary[start + 2][0] == "02" and summary[start + 2][3] is None


def test_no_personal_data_in_any_cell(app: Flask, client: FlaskClient,
                                      headers: dict[str, dict[str, str]],
                                      figures: dict[str, dict[str, Any]]) -> None:
    workbook = download(client, headers["admin"])
    with Session(app.extensions["isaf_engine"]) as session:
        accounts = session.execute(select(User.username, User.full_name)).all()
    personal = {str(v) for values in figures.values() for k, v in values.items()
                if k in ("hc_chief_name", "hc_phone", "remarks")}
    assert personal and len(accounts) > 5
    whole = {s for account in accounts for s in account}
    texts = [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
             for value in row if isinstance(value, str)]
    for text in texts:
        assert not any(p in text for p in personal), text
        assert WITNESS[0] not in text and WITNESS[1] not in text
    # The world's accounts have names like "Province" that are also headers: no figure or
    # name of a unit's row is a username or full name.
    for title in workbook.sheetnames[3:]:
        for row in workbook[title].iter_rows(min_row=4, values_only=True):
            assert not whole & {v for v in row if isinstance(v, str)}, row


@pytest.mark.parametrize(("query", "where", "message"), [
    ({}, "year", "Missing data for required field."),
    ({"year": "next"}, "year", "Not a valid integer."),
    ({"year": 1999}, "year", "the year must be between 2015 and 2100"),
    ({"year": 2026, "scope": "1"}, "scope", "the scope must be the code of a province"),
    ({"year": 2026, "scope": "01020101"}, "scope", "the scope must be the code of a province"),
    ({"year": 2026, "service": "hospital"}, "service", "the service must be one of"),
])
def test_bad_parameters_get_the_usual_error_shape(client: FlaskClient,
                                                 headers: dict[str, dict[str, str]],
                                                 query: dict[str, Any], where: str,
                                                 message: str) -> None:
    response = client.get(URL, headers=headers["admin"], query_string=query)
    assert response.status_code == 422
    body = response.json
    assert body["code"] == "invalid_request" and body["status"] == 422
    assert body["details"]["fields"]["query"][where][0].startswith(message)


def test_unknown_area_no_token_and_roles_that_may_not_export(
        client: FlaskClient, headers: dict[str, dict[str, str]]) -> None:
    unknown = client.get(URL, headers=headers["admin"], query_string={"year": 2026,
                                                                       "scope": "0199"})
    assert unknown.status_code == 404 and unknown.json["message"] == "no area 0199"
    assert client.get(URL, query_string={"year": 2026}).status_code == 401
    for account in ("focal", "caf", "editor"):
        refused = client.get(URL, headers=headers[account], query_string={"year": 2026})
        assert refused.status_code == 403, account
        assert refused.json["code"] == "forbidden"


def test_the_download_is_named_and_not_cached(client: FlaskClient,
                                              headers: dict[str, dict[str, str]]) -> None:
    response = client.get(URL, headers=headers["dmk"],
                          query_string={"year": 2026, "service": "cs_admin"})
    assert response.status_code == 200
    assert "isaf-national-2026-0102-cs_admin.xlsx" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert int(response.headers["Content-Length"]) == len(response.data)
    response.close()


def test_a_fresh_token_of_the_witness_sees_only_its_district(
        client: FlaskClient, figures: dict[str, dict[str, Any]]) -> None:
    header = bearer(login(client, WITNESS[0])["access_token"])
    workbook = download(client, header)
    assert set(unit_rows(workbook, "Health centers")) == {"HC010301"}


def test_the_command_writes_the_same_report(app: Flask, tmp_path: Path,
                                            figures: dict[str, dict[str, Any]]) -> None:
    runner = CliRunner()
    url = app.config["DATABASE_URL"]
    out = tmp_path / "national.xlsx"
    result = runner.invoke(main, ["--database-url", url, "export", "national", "--year",
                                  "2026", "--scope", "01", "--service", "health_center",
                                  str(out)])
    assert result.exit_code == 0, result.output
    assert "3 units (3 health_center), 3 forms" in result.output
    workbook = load_workbook(out)
    rows = unit_rows(workbook, "Health centers")
    assert set(rows) == {"HC010201", "HC010202", "HC010301"}
    assert rows["HC010201"]["anc1"] == figures["home"]["anc1"]
    about = {r[0]: r[1:] for r in workbook["About"].iter_rows(values_only=True) if r[0]}
    assert about["Generated by (role)"][0] == "server operator (isaf export)"
    bad = runner.invoke(main, ["--database-url", url, "export", "national", "--year", "2026",
                               "--scope", "0199", str(tmp_path / "x.xlsx")])
    assert bad.exit_code != 0 and "no area 0199" in bad.output
    assert not (tmp_path / "x.xlsx").exists()


# --------------------------------------------------------------------------- reading ahead


def test_read_ahead_keeps_the_order_and_stops_its_thread() -> None:
    import threading

    from server.exports import _read_ahead

    fetches = [lambda n=n: [n * 10 + i for i in range(3)] for n in range(5)]
    assert list(_read_ahead(fetches)) == list(_read_ahead(fetches, threaded=False)) == [
        n * 10 + i for n in range(5) for i in range(3)]
    rows = _read_ahead(fetches)
    assert next(rows) == 0
    rows.close()  # stopped early (a cancelled export): the reading thread ends too
    assert not [t for t in threading.enumerate() if t.name == "isaf-export-reader"]


def test_read_ahead_raises_the_threads_error() -> None:
    from server.exports import _read_ahead

    def broken() -> list[int]:
        raise RuntimeError("the database went away")

    rows = _read_ahead([lambda: [1, 2], broken, lambda: [3]])
    assert next(rows) == 1
    assert next(rows) == 2
    with pytest.raises(RuntimeError, match="went away"):
        next(rows)


def test_official_only_downloads_judge_no_proposed_standard(
        client: FlaskClient, headers: dict[str, dict[str, str]]) -> None:
    """The shipped forms hold proposed standards: judged and marked by default, left
    unjudged with official_only=true, while the official ones keep their met columns."""
    def met_columns(workbook: Workbook) -> dict[str, str]:
        rows = list(workbook["Health centers"].iter_rows(min_row=1, max_row=3,
                                                         values_only=True))
        return {code: english for english, code in zip(rows[0], rows[2], strict=True)
                if isinstance(code, str) and code.endswith(":met")}

    everything = met_columns(download(client, headers["admin"], service="health_center"))
    official = met_columns(download(client, headers["admin"], service="health_center",
                                    official_only="true"))
    proposed = {code for code, head in everything.items() if "proposed" in head}
    assert proposed and set(official) == set(everything) - proposed
    assert not any("proposed" in head for head in official.values())
