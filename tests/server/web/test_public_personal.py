"""A figure a definition marks personal never reaches a citizen: not on the unit's page in
either language, not in the public JSON, not in the district figures, even once the form
is published."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from common.forms import build_definition
from common.forms.store import publish_definition
from server.cli import FORMS_DIR
from tests.server.conftest import World, new_form
from tests.server.test_forms_api import act, complete_values, patch

YEAR = 2025
#: A fee no other figure of the form comes near.
SECRET = 29871


@pytest.fixture(scope="module")
def published(app: Flask, client: FlaskClient, world: World,
              headers: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A health-center definition whose wound-dressing fee is personal, and a form of
    it published."""
    data = yaml.safe_load((FORMS_DIR / "health_center.yaml").read_text(encoding="utf-8"))
    data["version"] += 1
    for section in data["sections"]:
        for indicator in section["indicators"]:
            if indicator["code"] == "fee_wound_dressing":
                indicator["personal"] = True
                indicator.pop("poster", None)  # the loader refuses personal on a poster
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        publish_definition(session, build_definition(data))
    dmk = headers["dmk"]
    form = new_form(client, dmk, world.units["home"], year=YEAR)
    assert form["definition_version"] == data["version"]
    complete_values(client, dmk, form)
    assert patch(client, dmk, form["id"], {"fee_wound_dressing": SECRET}).status_code == 200
    for step, who in (("submit", dmk), ("approve", dmk), ("publish", headers["admin"])):
        assert act(client, who, form["id"], step).status_code == 200, step
    return form


def test_a_personal_figure_is_on_no_public_page(client: FlaskClient,
                                                published: dict[str, Any]) -> None:
    shown = [client.get(f"/{lang}/unit/HC010201/{YEAR}") for lang in ("km", "en")]
    assert all(page.status_code == 200 for page in shown)
    for page in shown:
        assert "fee_wound_dressing" not in page.text
        for written in ("29871", "29,871", "២៩,៨៧១", "២៩៨៧១"):
            assert written not in page.text
    public = client.get(f"/api/v1/public/forms/{published['id']}").json
    assert "fee_wound_dressing" not in {i["code"] for i in public["indicators"]}
    assert "fee_wound_dressing" not in public["district"]["indicators"]
    assert str(SECRET) not in str(public)
