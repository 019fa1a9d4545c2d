"""`isaf print ...`: forms and posters from the server's database, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
import uuid
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.db import make_engine
from common.documents import DocumentOptions
from common.documents.units import find_unit
from common.sync.kinds import KINDS
from common.sync.protocol import Operation
from server import demo, documents
from server.accounts.models import User
from server.cli import main
from server.data import service
from server.database import upgrade
from server.demo_values import demo_values_with_warnings
from server.sync import service as sync_service
from tests.common.documents.pages import page_count, qr_codes, render
from tests.conftest import form_version
from tests.server.conftest import World, seed_world

#: The units of district 0102 in the test world (tests/server/conftest.py).
DISTRICT_UNITS = ("CS010201", "HC010201", "HC010202")


def _form(session: Session, world: World, unit: str, year: int, kind: str,
          outcome: str, seed: int) -> None:
    officer = session.get(User, world.users["dmk"])
    admin = session.get(User, world.users["admin"])
    assert officer is not None and admin is not None
    form = service.create_form(session, officer, form_id=str(uuid.uuid4()),
                               unit_id=world.units[unit], year=year, form_code=kind)
    definition = service.definition(session, kind)
    values, confirmations = demo_values_with_warnings(definition, random.Random(seed))
    service.update_values(session, officer, form.id, values, confirmations=demo._still_warned(
        session, officer, form.id, values, confirmations))
    if outcome == "draft":
        return
    service.transition(session, officer, form.id, "submit")
    service.transition(session, officer, form.id, "approve")
    service.transition(session, admin, form.id, "publish")


@pytest.fixture(scope="module")
def url(module_database_url: str) -> str:
    """A database with the test world: last year's forms published for the district's
    three units, this year's published for two of them and a draft for the third."""
    engine = make_engine(module_database_url)
    upgrade(engine)
    world = seed_world(engine)
    with Session(engine) as session, session.begin():
        for seed, (unit, kind) in enumerate([("home", "health_center"),
                                             ("home_cs", "cs_admin"),
                                             ("other_commune", "health_center")]):
            _form(session, world, unit, 2025, kind, "published", seed)
            _form(session, world, unit, 2026, kind,
                  "draft" if unit == "other_commune" else "published", seed + 10)
    engine.dispose()
    return module_database_url


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, "print", *args],
                              catch_exceptions=False)


def test_blank_form_and_poster_of_one_unit(url: str, tmp_path: Path) -> None:
    result = run(url, "form", "HC010201", "--year", "2027", str(tmp_path / "form.pdf"))
    assert result.exit_code == 0, result.output
    form = (tmp_path / "form.pdf").read_bytes()
    assert page_count(form) >= 4
    jaap = tmp_path / "jaap.json"
    jaap.write_text(json.dumps([{"activity_km": "ជួសជុលបង្គន់", "responsible": "គណៈកម្មការ",
                                 "timeline": "០១/២០២៦", "status": ""}]), encoding="utf-8")
    result = run(url, "poster", "HC010201", "--year", "2026", "--language", "en",
                 "--jaap", str(jaap), str(tmp_path / "poster.pdf"))
    assert result.exit_code == 0, result.output
    page = render((tmp_path / "poster.pdf").read_bytes(), dpi=90, first=1, last=1)[0]
    assert qr_codes(page) == [
        f"ISAF;unit=HC010201;year=2026;form=health_center;v={form_version('health_center')}"]


def test_a_draft_is_printed_only_when_asked(url: str, tmp_path: Path) -> None:
    refused = run(url, "poster", "HC010202", "--year", "2026", str(tmp_path / "p.pdf"))
    assert refused.exit_code == 1 and "draft, not approved" in refused.output
    assert not (tmp_path / "p.pdf").exists()
    allowed = run(url, "poster", "HC010202", "--year", "2026", "--any-status",
                  str(tmp_path / "p.pdf"))
    assert allowed.exit_code == 0, allowed.output
    missing = run(url, "poster", "NOPE", "--year", "2026", str(tmp_path / "q.pdf"))
    assert missing.exit_code == 1 and "no unit with code 'NOPE'" in missing.output


def test_district_batch_into_one_file_and_per_unit(url: str, tmp_path: Path) -> None:
    result = run(url, "batch", "--district", "0102", "--year", "2026", "--one-file",
                 str(tmp_path / "district.pdf"))
    assert result.exit_code == 0, result.output
    assert "printed 2 of 3 units" in result.output
    assert "skipped HC010202-2026-poster" in result.output
    pdf = (tmp_path / "district.pdf").read_bytes()
    codes = {c for page in render(pdf, dpi=90) for c in qr_codes(page)}
    assert {c.split(";")[1] for c in codes} == {"unit=CS010201", "unit=HC010201"}
    result = run(url, "batch", "--district", "0102", "--year", "2025", "--per-unit",
                 "--language", "km+en", str(tmp_path / "folder"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == [
        f"{code}-2025-poster.pdf" for code in DISTRICT_UNITS]


def test_batch_of_blank_forms_for_a_commune(url: str, tmp_path: Path) -> None:
    result = run(url, "batch", "--commune", "010201", "--year", "2026", "--document",
                 "form", str(tmp_path / "forms.pdf"))
    assert result.exit_code == 0, result.output
    assert "printed 2 of 2 units" in result.output
    usage = run(url, "batch", "--year", "2026", str(tmp_path / "x.pdf"))
    assert usage.exit_code == 2 and "give one of --district or --commune" in usage.output


def test_examples_for_the_documentation(url: str, tmp_path: Path) -> None:
    result = run(url, "examples", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[:3] == ["export-2026.xlsx", "form-km.pdf", "poster-en.pdf"]
    assert names[3:] == ["poster-km.pdf"]
    # The example export is a real workbook holding the printed health center's row.
    workbook = openpyxl.load_workbook(tmp_path / "export-2026.xlsx", read_only=True)
    cells = {str(cell) for sheet in workbook.worksheets
             for row in sheet.iter_rows(values_only=True) for cell in row if cell}
    assert any(code.startswith("HC") for code in cells)


def test_a_poster_lists_the_units_synced_jaap_actions(url: str, tmp_path: Path) -> None:
    """JAAP actions synced for a unit and year reach its poster; another unit's, another
    year's and a deleted one do not."""
    engine = make_engine(url)
    device = "00000000-0000-4000-8000-0000000000aa"

    def action(unit_id: str, year: int, activity: str, **more: object) -> Operation:
        return Operation(op_id=str(uuid.uuid4()), device_id=device, device_seq=1,
                         entity="jaap_action", record_id=str(uuid.uuid4()),
                         definition_version=KINDS["jaap_action"].version,
                         owner={"unit_id": unit_id, "year": year},
                         fields={"section": ("A", 0), "activity": (activity, 0),
                                 **{k: (v, 0) for k, v in more.items()}})

    with Session(engine) as session, session.begin():
        home = find_unit(session, "HC010201")
        other = find_unit(session, "HC010202")
        officer = session.scalars(select(User).where(User.username == "dmk")).one()
        kept = action(home.id, 2026, "ជួសជុលបង្គន់អនាម័យ", implementer="គណៈកម្មការ",
                      start="2026-01", end="2026-06", progress_status="done",
                      progress_percent=100)
        deleted = action(home.id, 2026, "បានលុបចោលហើយ")
        ops = [kept, deleted, action(home.id, 2025, "ឆ្នាំមុន"),
               action(other.id, 2026, "អង្គភាពផ្សេង")]
        receipts = sync_service.push(session, officer, device, ops)
        assert {r.result for r in receipts} == {"applied"}
        gone = sync_service.push(session, officer, device, [Operation(
            op_id=str(uuid.uuid4()), device_id=device, device_seq=2, entity="jaap_action",
            record_id=deleted.record_id, definition_version=KINDS["jaap_action"].version,
            fields={"": (None, 2)},  # the header's revision: made (1), then its values (2)
            delete=True)])
        assert gone[0].result == "applied"
    with Session(engine) as session:
        data = documents.poster_input(session, find_unit(session, "HC010201"), 2026,
                                      DocumentOptions())
    engine.dispose()
    assert [(a.activity_km, a.responsible, a.timeline, a.status)
            for a in data.jaap_actions or []] == [
        ("ជួសជុលបង្គន់អនាម័យ", "គណៈកម្មការ", "០១/២០២៦ - ០៦/២០២៦", "បានបញ្ចប់ (១០០%)")]
    result = run(url, "poster", "HC010201", "--year", "2026", str(tmp_path / "poster.pdf"))
    assert result.exit_code == 0, result.output
    assert page_count((tmp_path / "poster.pdf").read_bytes()) == 1
