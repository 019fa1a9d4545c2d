"""Printing from the desktop client's local store, offline: forms, posters and batches, in
Python and through `isaf-desk print`."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from client import documents
from client.cli import main
from client.store.models import LocalForm
from client.store.repository import LocalStore
from common.documents import DocumentCancelled, DocumentOptions, recording
from common.forms import load_definitions
from common.forms.store import publish_definition
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from server.cli import FORMS_DIR
from server.demo_values import demo_values
from tests.common.documents.pages import page_count, qr_codes, render
from tests.conftest import form_version

AREAS = [("01", "province", "province", None, "បន្ទាយមានជ័យ", "Banteay Meanchey"),
         ("0102", "district", "district", "01", "មង្គលបូរី", "Mongkol Borei"),
         ("010201", "commune", "commune", "0102", "បន្ទាយនាង", "Banteay Neang"),
         ("010202", "commune", "commune", "0102", "បត់ត្រង់", "Bat Trang")]
#: code -> (kind, commune, statuses of the 2025 and 2026 forms; None: no form)
UNITS = {"HC010201": ("health_center", "010201", ("published", "approved")),
         "HC010202": ("health_center", "010202", ("published", "draft")),
         "CS010201": ("cs_admin", "010201", ("published", None))}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    """A computer that pulled the district: geography, units, definitions and forms."""
    local = LocalStore(tmp_path / "store.sqlite")
    definitions = {d.form: d for d in load_definitions(FORMS_DIR)}
    with local.transaction() as session:
        for code, level, kind, parent, km, en in AREAS:
            session.add(AdminArea(code=code, level=level, kind=kind, parent_code=parent,
                                  name_km=km, name_en=en, source="test"))
        session.flush()
        for definition in definitions.values():
            publish_definition(session, definition)
        for code, (kind, commune, _) in UNITS.items():
            session.add(ServiceUnit(id=f"u-{code}", code=code, kind=kind, commune_code=commune,
                                    name_km=f"អង្គភាពស្ត្រី {code}", name_en=f"Unit {code}"))
    rng = random.Random(7)
    for code, (kind, _, statuses) in UNITS.items():
        for year, status in zip((2025, 2026), statuses, strict=True):
            if status is None:
                continue
            form_id = local.create_form(unit_id=f"u-{code}", year=year, form_code=kind)
            local.save_values(form_id, demo_values(definitions[kind], rng))
            with local.transaction() as session:
                session.get(LocalForm, form_id).status = status  # type: ignore[union-attr]
    yield local
    local.close()


def test_poster_from_the_local_store_compares_with_last_year_and_the_district(
        store: LocalStore) -> None:
    unit = documents.find_unit(store, "HC010201")
    data = documents.poster_input(store, unit, 2026, DocumentOptions())
    assert data.last_year is not None and data.status == "approved"
    assert data.district_units == 1  # the other health center's 2026 form is a draft
    assert data.unit.district.name_km == "មង្គលបូរី"
    with recording() as drawn:
        pdf = documents.write_poster(store, "HC010201", 2026, DocumentOptions())
    assert drawn.problems() == []
    page = render(pdf, dpi=90, first=1, last=1)[0]
    assert qr_codes(page) == [
        f"ISAF;unit=HC010201;year=2026;form=health_center;v={form_version('health_center')}"]


def test_a_draft_needs_any_status_and_a_form_needs_a_definition(store: LocalStore,
                                                                 tmp_path: Path) -> None:
    with pytest.raises(documents.PrintError, match="draft, not approved"):
        documents.write_poster(store, "HC010202", 2026, DocumentOptions())
    documents.write_poster(store, "HC010202", 2026, DocumentOptions(), tmp_path / "d.pdf",
                           any_status=True)
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    form = documents.write_form(store, "CS010201", 2026, DocumentOptions(language="en"))
    assert page_count(form) >= 2


def test_batch_with_progress_and_cancel(store: LocalStore, tmp_path: Path) -> None:
    seen: list[int] = []
    result = documents.write_batch_for_area(
        store, "0102", 2025, tmp_path / "all.pdf", progress=lambda done, *_: seen.append(done))
    assert seen == [1, 2, 3] and len(result.printed) == 3
    with pytest.raises(DocumentCancelled):
        documents.write_batch_for_area(store, "0102", 2025, tmp_path / "none.pdf",
                                       progress=lambda done, *_: done < 2)
    assert not (tmp_path / "none.pdf").exists()


def test_isaf_desk_print_commands(store: LocalStore, tmp_path: Path) -> None:
    with store.transaction() as session:
        assert session.scalars(select(LocalForm)).first() is not None
    path = str(store.engine.url.database)
    runner = CliRunner()
    poster = runner.invoke(main, ["--store", path, "print", "poster", "HC010201", "--year",
                                  "2026", "--language", "km+en", str(tmp_path / "p.pdf")])
    assert poster.exit_code == 0, poster.output
    form = runner.invoke(main, ["--store", path, "print", "form", "HC010202", "--year", "2026",
                                str(tmp_path / "f.pdf")])
    assert form.exit_code == 0, form.output
    batch = runner.invoke(main, ["--store", path, "print", "batch", "--area", "010201",
                                 "--year", "2026", "--per-unit", str(tmp_path / "out")])
    assert batch.exit_code == 0, batch.output
    assert "printed 1 of 2 units; skipped 1" in batch.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["HC010201-2026-poster.pdf"]


def test_a_poster_lists_the_units_jaap_actions_from_this_computer(store: LocalStore) -> None:
    """JAAP actions entered or pulled on this computer reach the unit's poster: only the
    unit's, only the year's, not a deleted one."""
    mine = store.create_record("jaap_action", {
        "section": "A", "number": 1, "activity": "ផ្គត់ផ្គង់ថ្នាំឱ្យបានគ្រប់គ្រាន់",
        "implementer": "មណ្ឌលសុខភាព", "start": "2026-03", "end": "2026-08",
        "progress_status": "in_progress", "progress_percent": 40},
        unit_id="u-HC010201", year=2026)
    store.create_record("jaap_action", {"section": "A", "activity": "ឆ្នាំមុន"},
                        unit_id="u-HC010201", year=2025)
    store.create_record("jaap_action", {"section": "A", "activity": "អង្គភាពផ្សេង"},
                        unit_id="u-HC010202", year=2026)
    store.create_record("jaap_action", {"section": "B", "activity": "ឃុំទាំងមូល"},
                        commune_code="010201", year=2026)
    gone = store.create_record("jaap_action", {"section": "A", "activity": "បានលុប"},
                               unit_id="u-HC010201", year=2026)
    store.delete_record(gone)
    unit = documents.find_unit(store, "HC010201")
    data = documents.poster_input(store, unit, 2026, DocumentOptions())
    assert [(a.activity_km, a.timeline, a.status) for a in data.jaap_actions or []] == [
        ("ផ្គត់ផ្គង់ថ្នាំឱ្យបានគ្រប់គ្រាន់", "០៣/២០២៦ - ០៨/២០២៦", "កំពុងអនុវត្ត (៤០%)")]
    # An edit made here shows at once, before any sync.
    store.save_record(mine, {"progress_status": "done", "progress_percent": 100})
    data = documents.poster_input(store, unit, 2026, DocumentOptions(language="en"))
    assert [a.status for a in data.jaap_actions or []] == ["Done (100%)"]
    pdf = documents.write_poster(store, "HC010201", 2026, DocumentOptions())
    assert page_count(pdf) == 1
