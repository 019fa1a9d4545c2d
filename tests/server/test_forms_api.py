"""A form's life through the API: values, validation, warnings, workflow, audit, the
public poster figures and completeness."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient

from common.forms import build_definition, load_definition
from common.forms.store import DEFINITION_FORMAT, FORMAT_HEADER
from server.cli import FORMS_DIR
from tests.conftest import form_version
from tests.server.conftest import World, bearer, login, new_form

HC = "health_center"


def patch(client: FlaskClient, header: dict[str, str], form_id: str,
          values: dict[str, Any] | None = None,
          confirmations: dict[str, str] | None = None) -> Any:
    return client.patch(f"/api/v1/forms/{form_id}/values", headers=header,
                        json={"values": values or {}, "confirmations": confirmations or {}})


def act(client: FlaskClient, header: dict[str, str], form_id: str, action: str,
        comment: str | None = None) -> Any:
    return client.post(f"/api/v1/forms/{form_id}/{action}", headers=header,
                       json={"comment": comment})


def complete_values(client: FlaskClient, header: dict[str, str], form: dict[str, Any]) -> None:
    """Fill every required field of a health-center form with consistent figures."""
    import random

    from common.forms import load_definition
    from server.demo_values import demo_values_with_warnings
    from tests.server.conftest import FORMS_DIR

    definition = load_definition(FORMS_DIR / f"{form['form_code']}.yaml")
    values, confirmations = demo_values_with_warnings(definition, random.Random(7))
    response = patch(client, header, form["id"], values, confirmations)
    assert response.status_code == 200, response.json


def test_values_are_validated_normalised_and_audited(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    device = str(uuid.uuid4())
    session = login(client, "editor", device_id=device, device_name="Commune laptop")
    editor = bearer(session["access_token"], device)
    form = new_form(client, editor, world.units["home"], year=2024)
    assert form["status"] == "draft" and form["values"] == {}
    # Khmer digits are read; a split indicator's total is computed, not typed.
    saved = patch(client, editor, form["id"], {"staff_midwives.female": "៣",
                                               "staff_midwives.male": 1})
    assert saved.status_code == 200
    body = saved.json
    assert body["values"]["staff_midwives.female"] == 3
    assert body["computed"]["staff_midwives"] == 4
    assert "staff_midwives" not in body["values"]
    # A wrong value rejects the whole change: nothing of it is stored.
    rejected = patch(client, editor, form["id"], {"staff_midwives.female": 5,
                                                  "staff_doctors.female": "two"})
    assert rejected.status_code == 422
    assert rejected.json["code"] == "invalid_values"
    problem = rejected.json["details"]["problems"][0]
    assert problem["field"] == "staff_doctors.female" and problem["message_km"]
    again = client.get(f"/api/v1/forms/{form['id']}", headers=editor).json
    assert again["values"]["staff_midwives.female"] == 3
    # Typing into a computed field is refused.
    assert patch(client, editor, form["id"], {"staff_midwives": 9}).status_code == 422
    # Clearing a value, then the history shows every change with who, device, old and new.
    assert patch(client, editor, form["id"], {"staff_midwives.male": None}).status_code == 200
    history = client.get(f"/api/v1/forms/{form['id']}/history", headers=editor).json
    changes = [(e["field"], e["old_value"], e["new_value"]) for e in history
               if e["action"] == "value"]
    assert changes == [("staff_midwives.female", None, 3), ("staff_midwives.male", None, 1),
                       ("staff_midwives.male", 1, None)]
    assert {e["username"] for e in history} == {"editor"}
    assert {e["device_id"] for e in history if e["action"] == "value"} == {device}


def test_warnings_are_stored_and_need_a_reason_before_submit(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor = headers["editor"]
    form = new_form(client, editor, world.units["home"], year=2023)
    complete_values(client, editor, form)
    # Thirty midwives is possible but unusual for a health center: a warning, stored.
    body = patch(client, editor, form["id"], {"staff_midwives.female": 30}).json
    warnings = [p for p in body["problems"] if p["severity"] == "warning"]
    assert any(p["field"] == "staff_midwives" and p["code"] == "unusual_high" for p in warnings)
    refused = act(client, editor, form["id"], "submit")
    assert refused.status_code == 422
    assert "confirmation" in refused.json["message"]
    key = "staff_midwives:unusual_high"
    assert patch(client, editor, form["id"], confirmations={key: " "}).status_code == 400
    assert patch(client, editor, form["id"],
                 confirmations={"nothing:here": "x"}).status_code == 400
    confirmed = patch(client, editor, form["id"],
                      confirmations={key: "Checked: a midwifery school is attached"}).json
    assert confirmed["confirmations"][key] == "Checked: a midwifery school is attached"
    assert act(client, editor, form["id"], "submit").json["status"] == "submitted"


def test_an_incomplete_form_cannot_be_submitted(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    form = new_form(client, headers["focal"], world.units["home"], year=2022)
    response = act(client, headers["focal"], form["id"], "submit")
    assert response.status_code == 422
    assert {p["code"] for p in response.json["details"]["problems"]} == {"required"}


def test_the_whole_workflow_to_a_public_poster(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    editor, dmk, admin = headers["editor"], headers["dmk"], headers["admin"]
    form = new_form(client, editor, world.units["home"], year=2021)
    complete_values(client, editor, form)
    assert act(client, editor, form["id"], "submit").json["status"] == "submitted"
    # Return needs a comment; the comment reaches whoever edits next.
    assert act(client, dmk, form["id"], "return").status_code == 400
    returned = act(client, dmk, form["id"], "return", "ANC4 looks low; check the register")
    assert returned.json["status"] == "returned"
    assert client.get(f"/api/v1/forms/{form['id']}", headers=editor).json[
        "status_comment"] == "ANC4 looks low; check the register"
    assert act(client, editor, form["id"], "submit").json["status"] == "submitted"
    approved = act(client, dmk, form["id"], "approve").json
    assert approved["status"] == "approved"
    # Approved data is locked.
    locked = patch(client, editor, form["id"], {"anc1": 1})
    assert locked.status_code == 409 and "unlocked" in locked.json["message"]
    # Not public before publication.
    assert client.get(f"/api/v1/public/forms/{form['id']}").status_code == 404
    assert act(client, admin, form["id"], "publish").json["status"] == "published"
    poster = client.get(f"/api/v1/public/forms/{form['id']}")
    assert poster.status_code == 200
    figures = {i["code"]: i for i in poster.json["indicators"]}
    assert poster.json["district"]["code"] == "0102"
    assert "anc4_coverage" in figures and figures["anc4_coverage"]["standard_met"] in (
        True, False)
    # Each standard says whether it is official, and where it comes from.
    shipped = {i.code: i.standard for i in load_definition(
        FORMS_DIR / "health_center.yaml").indicators() if i.standard is not None}
    for code, figure in figures.items():
        standard = shipped.get(code)
        assert figure["standard_status"] == (standard.status if standard else None), code
        assert figure["standard_source"] == (standard.source.describe()
                                             if standard and standard.source else None)
    definition = client.get("/api/v1/definitions/health_center/"
                            f"{form['definition_version']}").json["content"]
    not_on_poster = {i["code"] for s in definition["sections"] for i in s["indicators"]
                     if not i.get("poster")}
    assert not (set(figures) & not_on_poster)
    listed = client.get("/api/v1/public/forms?area=0102&year=2021").json
    assert [f["id"] for f in listed] == [form["id"]]
    # Unlocking needs a reason, takes the figures off the public, and allows edits again.
    assert act(client, admin, form["id"], "unlock").status_code == 400
    unlocked = act(client, admin, form["id"], "unlock", "Deliveries were double counted")
    assert unlocked.json["status"] == "returned"
    assert client.get(f"/api/v1/public/forms/{form['id']}").status_code == 404
    assert patch(client, editor, form["id"], {"anc1": 300}).status_code == 200
    actions = [e["action"] for e in client.get(f"/api/v1/forms/{form['id']}/history",
                                               headers=dmk).json]
    for step in ("create", "submit", "return", "approve", "publish", "unlock"):
        assert step in actions


def test_no_unpublished_or_personal_data_without_an_account(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]]) -> None:
    form = new_form(client, headers["editor"], world.units["home"], year=2020)
    patch(client, headers["editor"], form["id"], {"hc_chief_name": "Sok Dara"})
    assert client.get(f"/api/v1/forms/{form['id']}").status_code == 401
    assert client.get(f"/api/v1/public/forms/{form['id']}").status_code == 404
    assert form["id"] not in {f["id"] for f in client.get("/api/v1/public/forms").json}
    assert client.get("/api/v1/units").status_code == 401
    assert client.get("/api/v1/users").status_code == 401
    assert client.get("/api/v1/completeness?year=2020").status_code == 401


def test_one_form_per_unit_year_and_code(client: FlaskClient, world: World,
                                         headers: dict[str, dict[str, str]]) -> None:
    form = new_form(client, headers["dmk"], world.units["other_commune"], year=2019)
    again = client.post("/api/v1/forms", headers=headers["dmk"], json={
        "id": str(uuid.uuid4()), "unit_id": world.units["other_commune"], "year": 2019,
        "form_code": HC})
    assert again.status_code == 409 and again.json["details"]["id"] == form["id"]
    same_id = client.post("/api/v1/forms", headers=headers["dmk"], json={
        "id": form["id"], "unit_id": world.units["other_commune"], "year": 2018,
        "form_code": HC})
    assert same_id.status_code == 409
    wrong_kind = client.post("/api/v1/forms", headers=headers["dmk"], json={
        "id": str(uuid.uuid4()), "unit_id": world.units["other_commune"], "year": 2019,
        "form_code": "primary_school"})
    assert wrong_kind.status_code == 400


@pytest.mark.parametrize("year", [2014, 2101])
def test_years_outside_the_programme_are_refused(client: FlaskClient, world: World,
                                                 headers: dict[str, dict[str, str]],
                                                 year: int) -> None:
    response = client.post("/api/v1/forms", headers=headers["editor"], json={
        "id": str(uuid.uuid4()), "unit_id": world.units["home"], "year": year,
        "form_code": HC})
    assert response.status_code == 422
    assert "year" in response.json["details"]["fields"]["json"]


def test_completeness_counts_units_by_status(client: FlaskClient, world: World,
                                             headers: dict[str, dict[str, str]]) -> None:
    year = 2017
    new_form(client, headers["dmk"], world.units["home"], year=year)
    form = new_form(client, headers["dmk"], world.units["other_commune"], year=year)
    complete_values(client, headers["dmk"], form)
    act(client, headers["dmk"], form["id"], "submit")
    report = client.get(f"/api/v1/completeness?area=0102&year={year}",
                        headers=headers["dmk"]).json
    statuses = {u["code"]: u["status"] for u in report["units"]}
    assert statuses == {"HC010201": "draft", "CS010201": "missing", "HC010202": "submitted"}
    assert report["totals"] == {"missing": 1, "draft": 1, "submitted": 1, "returned": 0,
                                "approved": 0, "published": 0, "units": 3}
    communes = {c["area_code"]: c["counts"]["units"] for c in report["children"]}
    assert communes == {"010201": 2, "010202": 1}
    only_hc = client.get(f"/api/v1/completeness?area=0102&year={year}&kind=health_center",
                         headers=headers["dmk"]).json
    assert only_hc["totals"]["units"] == 2


def _standards(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [i["standard"] for s in content["sections"] for i in s["indicators"]
            if "standard" in i]


def test_a_client_of_an_older_definition_format_gets_what_it_can_load(
        client: FlaskClient) -> None:
    """A laptop still on a release before standards had a status and a source would
    refuse such a definition outright: it is served the definition without them; a
    client naming format 2 (as this release's does) gets them."""
    url = f"/api/v1/definitions/health_center/{form_version('health_center')}"
    old = client.get(url).json
    assert old["content"]["sections"] and all(
        set(standard) == {"target", "direction"} for standard in _standards(old["content"]))
    new = client.get(url, headers={FORMAT_HEADER: str(DEFINITION_FORMAT)}).json
    assert all({"status", "source"} <= set(standard)
               for standard in _standards(new["content"]))
    assert build_definition(new["content"]).checksum == new["checksum"]
    # Everything else is the same definition: the same indicators in the same order.
    assert [i["code"] for s in old["content"]["sections"] for i in s["indicators"]] == \
        [i["code"] for s in new["content"]["sections"] for i in s["indicators"]]
