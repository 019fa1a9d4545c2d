"""Publishing from the dashboard: the preview lists exactly the approved forms of the
chosen area, year and service; publishing makes exactly those public (and audited);
withdrawing with a reason takes one back out of public view; only the national
administrator may do either."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.data.models import AuditEvent
from tests.server.conftest import World
from tests.server.web.test_dashboard import csrf_of, final_form, sign_in

YEAR = 2024


@pytest.fixture(scope="module")
def approved(client: FlaskClient, world: World,
             headers: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """Two approved forms and a submitted one in district 0102."""
    dmk = headers["dmk"]
    return {
        "home": final_form(client, dmk, dmk, world.units["home"], YEAR),
        "other_commune": final_form(client, dmk, dmk, world.units["other_commune"], YEAR),
        "submitted": final_form(client, dmk, dmk, world.units["home"], YEAR - 1, "submitted"),
    }


def public_ids(client: FlaskClient, year: int) -> set[str]:
    return {form["id"] for form in client.get(f"/api/v1/public/forms?year={year}").json or []}


def previewed_ids(html: str) -> list[str]:
    table = re.search(r'<table class="preview">(.*?)</table>', html, re.S)
    assert table, html
    return re.findall(r'<tr data-form="([^"]+)"', table.group(1))


def _audit(app: Flask, form_id: str) -> list[AuditEvent]:
    with Session(app.extensions["isaf_engine"]) as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.form_id == form_id)
                                    .order_by(AuditEvent.id)))


def test_preview_publish_withdraw_end_to_end(app: Flask, client: FlaskClient,
                                             approved: dict[str, Any]) -> None:
    browser, _ = sign_in(app, "admin")
    # The commune: only its own approved form is previewed.
    commune = browser.get(f"/en/dashboard/publish?year={YEAR}&area=010201&service="
                          "health_center")
    assert previewed_ids(commune.text) == [approved["home"]["id"]]
    assert public_ids(client, YEAR) == set()
    page = browser.get(f"/en/dashboard/publish?year={YEAR}&area=0102&service=health_center")
    assert sorted(previewed_ids(page.text)) == sorted(
        [approved["home"]["id"], approved["other_commune"]["id"]])
    assert approved["submitted"]["id"] not in page.text
    assert "Publish 2 forms" in page.text
    form = re.search(r'<form class="publish".*?</form>', page.text, re.S)
    assert form
    fields = re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(0))
    done = browser.post("/en/dashboard/publish", data=_multi(fields))
    assert done.status_code == 200 and "2 forms were published" in done.text
    assert public_ids(client, YEAR) == {approved["home"]["id"], approved["other_commune"]["id"]}
    for key in ("home", "other_commune"):
        assert [e.action for e in _audit(app, approved[key]["id"])][-1] == "publish"
    assert client.get(f"/en/unit/HC010201/{YEAR}").status_code == 200
    assert public_ids(client, YEAR - 1) == set()
    # Withdraw one, with a reason: it leaves public view, and the reason is audited.
    withdrawn = approved["home"]["id"]
    page = browser.get(f"/en/dashboard/publish?year={YEAR}&area=0102&service=health_center")
    assert f'<tr data-form="{withdrawn}">' in page.text
    without_reason = browser.post("/en/dashboard/publish/withdraw", data={
        "csrf_token": csrf_of(page.text), "form_id": withdrawn, "year": YEAR,
        "area": "0102", "service": "health_center", "reason": "  "})
    assert without_reason.status_code == 400 and 'class="error"' in without_reason.text
    assert withdrawn in public_ids(client, YEAR)
    answer = browser.post("/en/dashboard/publish/withdraw", data={
        "csrf_token": csrf_of(page.text), "form_id": withdrawn, "year": YEAR,
        "area": "0102", "service": "health_center", "reason": "ANC1 was double counted"})
    assert answer.status_code == 200 and "withdrawn from public view" in answer.text
    assert public_ids(client, YEAR) == {approved["other_commune"]["id"]}
    assert client.get(f"/en/unit/HC010201/{YEAR}").status_code == 404
    assert client.get(f"/en/unit/HC010202/{YEAR}").status_code == 200
    last = _audit(app, withdrawn)[-1]
    assert last.action == "withdraw" and last.comment == "ANC1 was double counted"
    # The recent publications list both events.
    assert "ANC1 was double counted" in answer.text and "Withdrawn" in answer.text


def _multi(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def test_publishing_a_form_that_is_not_approved_publishes_nothing(
        app: Flask, client: FlaskClient, world: World,
        headers: dict[str, dict[str, str]]) -> None:
    dmk = headers["dmk"]
    good = final_form(client, dmk, dmk, world.units["home"], 2019)
    draft = final_form(client, dmk, dmk, world.units["other_commune"], 2019, "submitted")
    browser, _ = sign_in(app, "admin")
    page = browser.get("/en/dashboard/publish?year=2019&area=0102")
    answer = browser.post("/en/dashboard/publish", data={
        "csrf_token": csrf_of(page.text), "year": "2019", "area": "0102", "service": "",
        "form_id": [good["id"], draft["id"]]})
    assert answer.status_code == 409 and 'class="error"' in answer.text
    assert public_ids(client, 2019) == set()


@pytest.mark.parametrize("username", ["dmk", "province"])
def test_only_the_national_administrator_publishes(app: Flask, client: FlaskClient,
                                                   world: World, username: str,
                                                   headers: dict[str, dict[str, str]]) -> None:
    dmk = headers["dmk"]
    form = final_form(client, dmk, dmk, world.units["other_commune"],
                      2017 if username == "dmk" else 2016)
    browser, _ = sign_in(app, username)
    page = browser.get(f"/en/dashboard/publish?year={form['year']}")
    assert page.status_code == 200
    assert "Only the national administrator publishes forms" in page.text
    assert 'class="preview"' not in page.text and 'form class="publish"' not in page.text
    answer = browser.post("/en/dashboard/publish", data={
        "csrf_token": csrf_of(page.text), "year": str(form["year"]), "area": "",
        "form_id": form["id"]})
    assert answer.status_code == 403
    assert form["id"] not in public_ids(client, form["year"])
