"""server/warmup.py: a starting server builds the published definitions before its first
request, and starts even when its database is not ready (it only logs that)."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.forms.store import PublishedDefinition
from server.app import create_app
from server.data import service as forms
from server.warmup import warm
from tests.server.conftest import World
from tests.server.test_sync_api import Device, receipts


def test_the_published_definitions_are_built_before_the_first_request(
        app: Flask, client: FlaskClient, world: World,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "_DEFINITIONS", {})  # as in a process just started
    warm(app)
    with Session(app.extensions["isaf_engine"]) as session:
        published = set(session.execute(select(
            PublishedDefinition.form, PublishedDefinition.version,
            PublishedDefinition.checksum)).tuples())
    assert published and set(forms._DEFINITIONS) == published
    # The first push then finds them built: none is built again (a build is refused).
    def refuse(self: PublishedDefinition) -> None:
        raise AssertionError(f"{self.form} built again")

    monkeypatch.setattr(PublishedDefinition, "definition", refuse)
    editor = Device(client, "editor")
    created = editor.op(str(uuid.uuid4()), {"anc1": (5, 0)}, natural_key={
        "unit_id": world.units["home"], "year": 2031, "form_code": "health_center"})
    assert receipts(editor.push(created))[0]["result"] == "applied"


def test_a_server_on_a_database_not_migrated_still_starts(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite'}",
                      "ISAF_ENV": "testing"})
    with caplog.at_level(logging.WARNING, logger="server.warmup"):
        warm(app)
    assert "warming up skipped" in caplog.text
    assert app.test_client().get("/api/v1/openapi.json").status_code == 200
