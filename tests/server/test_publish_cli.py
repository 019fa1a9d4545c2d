"""`isaf publish`: a national administrator publishes an area's approved forms from the
server after a preview, or withdraws one with a reason; refusals change nothing. On
SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from server.cli import main
from tests.server.conftest import World
from tests.server.test_publishing import make, public_ids, status_of


def run(url: str, *args: str, answer: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, "publish", *args], input=answer,
                              catch_exceptions=False)


def test_publish_after_a_preview_and_a_confirmation(
        app: Flask, world: World, client: FlaskClient, headers: dict[str, dict[str, str]],
        module_database_url: str) -> None:
    home = make(app, world, "home", 2030, "approved")
    neighbour = make(app, world, "other_commune", 2030, "approved")
    draft = make(app, world, "home_cs", 2030, "draft", "cs_admin")
    elsewhere = make(app, world, "other_district", 2030, "approved")
    args = ("--area", "0102", "--year", "2030", "--as", "admin")
    # Declined: the preview is shown and nothing is published.
    declined = run(module_database_url, *args, answer="n\n")
    assert declined.exit_code == 1
    assert "2 approved form(s) would become public" in declined.output
    assert "HC010201" in declined.output and "HC010202" in declined.output
    assert "HC010301" not in declined.output and "CS010201" not in declined.output
    assert "nothing was published" in declined.output
    assert public_ids(client, 2030) == set()
    done = run(module_database_url, *args, answer="y\n")
    assert done.exit_code == 0, done.output
    assert "published 2 form(s)" in done.output
    assert public_ids(client, 2030) == {home, neighbour}
    assert status_of(client, headers["admin"], draft) == "draft"
    assert status_of(client, headers["admin"], elsewhere) == "approved"
    history = client.get(f"/api/v1/forms/{home}/history", headers=headers["admin"]).json
    assert [e["username"] for e in history if e["action"] == "publish"] == ["admin"]
    # Again: nothing left to publish, which is not an error.
    again = run(module_database_url, *args, "--yes")
    assert again.exit_code == 0 and "nothing to publish" in again.output


def test_publish_by_service_without_asking(
        app: Flask, world: World, client: FlaskClient, module_database_url: str) -> None:
    health = make(app, world, "home", 2031, "approved")
    commune = make(app, world, "home_cs", 2031, "approved", "cs_admin")
    result = run(module_database_url, "--area", "010201", "--year", "2031", "--service",
                 "cs_admin", "--yes", "--as", "admin")
    assert result.exit_code == 0, result.output
    assert public_ids(client, 2031) == {commune}
    assert health not in public_ids(client, 2031)


def test_withdraw_with_a_reason(app: Flask, world: World, client: FlaskClient,
                                headers: dict[str, dict[str, str]],
                                module_database_url: str) -> None:
    form_id = make(app, world, "home", 2032, "published")
    result = run(module_database_url, "--withdraw", form_id, "--reason",
                 "ANC1 counted twice", "--as", "admin")
    assert result.exit_code == 0, result.output
    assert "withdrawn from public view" in result.output
    assert public_ids(client, 2032) == set()
    history = client.get(f"/api/v1/forms/{form_id}/history", headers=headers["admin"]).json
    assert [(e["action"], e["comment"]) for e in history][-1] == (
        "withdraw", "ANC1 counted twice")
    # A second time: the form is approved now, so refused.
    again = run(module_database_url, "--withdraw", form_id, "--reason", "again", "--as",
                "admin")
    assert again.exit_code == 1 and "nothing was withdrawn" in again.output


def test_refusals_change_nothing(app: Flask, world: World, client: FlaskClient,
                                 module_database_url: str) -> None:
    form_id = make(app, world, "home", 2033, "approved")
    published = make(app, world, "other_commune", 2033, "published")
    for who in ("dmk", "province_delegated"):
        refused = run(module_database_url, "--area", "0102", "--year", "2033", "--yes",
                      "--as", who)
        assert refused.exit_code == 1 and "may not publish" in refused.output
        refused = run(module_database_url, "--withdraw", published, "--reason", "x",
                      "--as", who)
        assert refused.exit_code == 1 and "may not withdraw" in refused.output
    nobody = run(module_database_url, "--year", "2033", "--yes", "--as", "nobody")
    assert nobody.exit_code == 1 and "no active account 'nobody'" in nobody.output
    unknown = run(module_database_url, "--withdraw", str(uuid.uuid4()), "--reason", "x",
                  "--as", "admin")
    assert unknown.exit_code == 1 and "no such record" in unknown.output
    wrong_area = run(module_database_url, "--area", "09", "--year", "2033", "--yes",
                     "--as", "admin")
    assert wrong_area.exit_code == 1 and "no area 09" in wrong_area.output
    assert public_ids(client, 2033) == {published}
    assert form_id not in public_ids(client, 2033)


def test_wrong_usage_exits_with_2(module_database_url: str, app: Flask, world: World) -> None:
    for args in ([ "--area", "0102", "--as", "admin"],           # no year
                 ["--year", "2030"],                              # no --as
                 ["--withdraw", str(uuid.uuid4()), "--as", "admin"],  # no reason
                 ["--withdraw", str(uuid.uuid4()), "--reason", " ", "--as", "admin"],
                 ["--withdraw", str(uuid.uuid4()), "--reason", "x", "--year", "2030",
                  "--as", "admin"],
                 ["--year", "2030", "--service", "hospital", "--as", "admin"]):
        result = run(module_database_url, *args)
        assert result.exit_code == 2, (args, result.output)
