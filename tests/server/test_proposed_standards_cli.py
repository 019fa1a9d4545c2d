"""Proposed standards on the server's command lines and in the public JSON: `isaf print
... --official-only` and `isaf export national --official-only` leave proposed standards
out of what is judged, and the public form says which standard is official.

The definition is the real health-center form with the status of every standard set here
(one proposed, the others official), published as a newer version: what the shipped
files say is official does not matter to these tests.
"""

from __future__ import annotations

import json
import random
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.orm import Session

from common.db import make_engine
from common.forms import FormDefinition, build_definition, load_definition
from common.forms.store import publish_definition
from server import demo
from server.accounts.models import User
from server.cli import FORMS_DIR, main
from server.data import service
from server.data.public import public_form
from server.database import upgrade
from server.demo_values import demo_values_with_warnings
from tests.server.conftest import seed_world

#: The one standard left proposed, and where the official ones come from.
PROPOSED = "stockout_days"
OFFICIAL_SOURCE = {"document": "Test circular on health centers", "date": "2020"}
PROPOSED_SOURCE = {"proposed_by": "the test team"}


def marked_definition(base: FormDefinition, proposed: frozenset[str] = frozenset({PROPOSED})
                      ) -> FormDefinition:
    """`base` as its next version, every standard official except those of `proposed`."""
    source: dict[str, Any] = json.loads(json.dumps(base.source))
    source["version"] = base.version + 1
    for section in source["sections"]:
        for indicator in section["indicators"]:
            standard = indicator.get("standard")
            if standard is None:
                continue
            if indicator["code"] in proposed:
                standard.update(status="proposed", source=dict(PROPOSED_SOURCE))
            else:
                standard.update(status="official", source=dict(OFFICIAL_SOURCE))
    return build_definition(source)


def english_text(pdf: bytes) -> str:
    """The text of every page, on one line (English only: Khmer does not read back)."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = " ".join(document[i].get_textpage().get_text_range()
                        for i in range(len(document)))
    finally:
        document.close()
    return " ".join(text.split())


@pytest.fixture(scope="module")
def world(module_database_url: str) -> tuple[str, str]:
    """The database URL and the id of HC010201's published 2026 form, entered against the
    marked definition."""
    engine = make_engine(module_database_url)
    upgrade(engine)
    world = seed_world(engine)
    with Session(engine) as session, session.begin():
        publish_definition(session, marked_definition(
            load_definition(FORMS_DIR / "health_center.yaml")))
        officer = session.get(User, world.users["dmk"])
        admin = session.get(User, world.users["admin"])
        assert officer is not None and admin is not None
        form = service.create_form(session, officer, form_id=str(uuid.uuid4()),
                                   unit_id=world.units["home"], year=2026,
                                   form_code="health_center")
        definition = service.definition(session, "health_center")
        assert definition.version == form.definition_version
        values, confirmations = demo_values_with_warnings(definition, random.Random(5))
        # A figure, so the proposed standard has a verdict to drop.
        assert values.get(PROPOSED) is not None
        service.update_values(session, officer, form.id, values,
                              confirmations=demo._still_warned(session, officer, form.id,
                                                               values, confirmations))
        for step, user in (("submit", officer), ("approve", officer), ("publish", admin)):
            service.transition(session, user, form.id, step)
        form_id = form.id
    engine.dispose()
    return module_database_url, form_id


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, *args], catch_exceptions=False)


@pytest.mark.parametrize("document", ["poster", "form"])
def test_official_only_leaves_the_proposed_standard_off_the_print(
        world: tuple[str, str], tmp_path: Path, document: str) -> None:
    url, _form = world
    texts = {}
    for flags in ((), ("--official-only",)):
        out = tmp_path / f"{document}{len(flags)}.pdf"
        result = run(url, "print", document, "HC010201", "--year", "2026", "--language", "en",
                     *flags, str(out))
        assert result.exit_code == 0, result.output
        texts[flags] = english_text(out.read_bytes()).casefold()
    # Judged, the proposed standard is marked as proposed; left out, nothing is.
    assert "proposed standard" in texts[()]
    assert "proposed standard" not in texts[("--official-only",)]


def test_a_batch_takes_the_option_too(world: tuple[str, str], tmp_path: Path) -> None:
    url, _form = world
    out = tmp_path / "batch.pdf"
    result = run(url, "print", "batch", "--commune", "010201", "--year", "2026",
                 "--language", "en", "--official-only", str(out))
    assert result.exit_code == 0, result.output
    assert "printed 1 of" in result.output
    assert "proposed standard" not in english_text(out.read_bytes()).casefold()


def test_the_help_says_what_the_option_does(world: tuple[str, str]) -> None:
    url, _form = world
    for command in (("print", "poster"), ("print", "form"), ("print", "batch"),
                    ("export", "national")):
        result = run(url, *command, "--help")
        assert "--official-only" in result.output
        assert "proposed standard" in " ".join(result.output.split())


def _header_cells(path: Path) -> set[str]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = workbook["Health centers"]
        return {str(cell) for row in sheet.iter_rows(max_row=4, values_only=True)
                for cell in row if cell is not None}
    finally:
        workbook.close()


def test_official_only_export_has_no_verdict_for_the_proposed_standard(
        world: tuple[str, str], tmp_path: Path) -> None:
    url, _form = world
    headers = {}
    for flags in ((), ("--official-only",)):
        out = tmp_path / f"export{len(flags)}.xlsx"
        result = run(url, "export", "national", "--year", "2026", "--scope", "0102",
                     "--service", "health_center", *flags, str(out))
        assert result.exit_code == 0, result.output
        headers[flags] = _header_cells(out)
    judged = {cell for cell in headers[()] if cell.startswith(f"{PROPOSED}:met")}
    assert judged, "the proposed standard is judged without the option"
    assert not {cell for cell in headers[("--official-only",)]
                if cell.startswith(f"{PROPOSED}:met")}
    # The official standards are still judged.
    assert any(c.startswith("days_open_per_week:met") for c in headers[("--official-only",)])


def test_the_public_form_says_which_standards_are_official(world: tuple[str, str]) -> None:
    url, form_id = world
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            indicators = {i["code"]: i for i in public_form(session, form_id)["indicators"]}
    finally:
        engine.dispose()
    proposed, official = indicators[PROPOSED], indicators["days_open_per_week"]
    assert (proposed["standard_status"], proposed["standard_source"]) == (
        "proposed", "proposed by the test team")
    assert proposed["standard_met"] in (True, False)  # judged: it has a figure
    assert (official["standard_status"], official["standard_source"]) == (
        "official", "Test circular on health centers (2020)")
    without = next(i for i in indicators.values() if i["standard_target"] is None)
    assert without["standard_status"] is None and without["standard_source"] is None
