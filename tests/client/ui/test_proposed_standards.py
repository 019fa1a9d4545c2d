"""Proposed standards on the desktop: the form editor and the Post-on mark a proposed
standard (in Khmer and English), "Official standards only" leaves it out of the Post-on's
judgement, the print and export dialogs leave it out of documents and workbooks, and so
does `isaf-desk print|export ... --official-only`.

The store holds the real health-center form as a newer version whose standards are all
official but one (tests/server/test_proposed_standards_cli.py, `marked_definition`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from client.cli import main
from client.context import AppContext
from client.i18n import switch_language
from client.interaction import ScriptedInteraction
from client.qt import Qt
from client.store.models import LocalForm
from client.store.repository import LocalStore
from client.ui.document_dialogs import ExportDialog, PrintOptionsDialog
from client.ui.form_editor import FormEditor
from client.ui.main_window import MainWindow
from client.ui.post_on import PostOnView
from client.ui.print_preview import PrintPreview
from common.documents.wording import WORDS
from common.forms import load_definition
from common.forms.store import publish_definition
from server.cli import FORMS_DIR
from server.demo_values import demo_values
from tests.client.ui.conftest import open_editor, open_window, seed_store, shown
from tests.server.test_proposed_standards_cli import PROPOSED, english_text, marked_definition

pytestmark = pytest.mark.usefixtures("boxes")

DEFINITION = marked_definition(load_definition(FORMS_DIR / "health_center.yaml"))
OFFICIAL = "days_open_per_week"
KM_PROPOSED, EN_PROPOSED = WORDS["proposed"]


def publish_marked(store: LocalStore) -> None:
    with store.transaction() as session:
        publish_definition(session, DEFINITION)


def store_of(context: AppContext) -> LocalStore:
    assert context.session is not None
    return context.session.store


@pytest.fixture
def window(offline_context: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window in English; the home health center has an approved 2026 form of
    the marked definition, with figures."""
    store = store_of(offline_context)
    publish_marked(store)
    switch_language(offline_context, "en")
    made = open_window(qtbot, offline_context)
    form_id = store.create_form(unit_id=offline_context.units["home"],  # type: ignore[attr-defined]
                                year=made.navigator.model.year, form_code="health_center")
    values = demo_values(DEFINITION, random.Random(4))
    values.update({OFFICIAL: 7, PROPOSED: 0})  # both standards met
    store.save_values(form_id, values)
    with store.transaction() as session:
        session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
    made.form_id = form_id  # type: ignore[attr-defined]
    shown(qtbot, made.navigator)
    made.show()
    qtbot.waitExposed(made)
    yield made
    offline_context.operations.wait()


def post_on_of(qtbot: QtBot, window: MainWindow) -> tuple[FormEditor, PostOnView]:
    editor = open_editor(qtbot, window, window.form_id)  # type: ignore[attr-defined]
    editor.tabs.setCurrentIndex(1)
    post_on = editor.post_on
    assert isinstance(post_on, PostOnView)
    qtbot.waitUntil(lambda: bool(post_on.rows()), timeout=10_000)
    return editor, post_on


def standard_cell(post_on: PostOnView, code: str) -> tuple[str, str]:
    """The Post-on's standard cell of an indicator: its text and its tooltip."""
    model = post_on.model
    row = [r.indicator.code for r in post_on.rows()].index(code)
    index = model.index(row, model.COLUMNS.index("standard"))
    return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole) or ""


def test_the_editor_marks_a_proposed_standard_only(window: MainWindow, qtbot: QtBot) -> None:
    editor = open_editor(qtbot, window, window.form_id)  # type: ignore[attr-defined]
    proposed = editor._rows[PROPOSED].standard  # the row's standard label
    official = editor._rows[OFFICIAL].standard
    assert proposed is not None and official is not None
    proposed_text = proposed.text().replace("\u200b", "")
    assert proposed_text.startswith("✓ Standard: at most 0")
    assert proposed_text.endswith(f"({EN_PROPOSED} / {KM_PROPOSED})")
    assert "Proposed standard: not yet an official national standard" in proposed.toolTip()
    assert "proposed by the test team" in proposed.toolTip()
    assert EN_PROPOSED not in official.text()
    assert official.toolTip() == "Test circular on health centers (2020)"
    switch_language(window.context, "km")
    qtbot.waitUntil(lambda: KM_PROPOSED in proposed.text().replace("\u200b", ""))
    assert KM_PROPOSED not in official.text().replace("\u200b", "")


def test_the_post_on_marks_it_in_both_languages_and_can_leave_it_out(
        window: MainWindow, qtbot: QtBot) -> None:
    _editor, post_on = post_on_of(qtbot, window)
    codes = [r.indicator.code for r in post_on.rows()]
    assert PROPOSED in codes and OFFICIAL in codes
    text, tip = standard_cell(post_on, PROPOSED)
    assert text.endswith(f"({EN_PROPOSED} / {KM_PROPOSED})")
    assert WORDS["proposed_note"][0] in tip and WORDS["proposed_note"][1] in tip
    assert EN_PROPOSED not in standard_cell(post_on, OFFICIAL)[0]
    # The note under the summary, in Khmer and English, as on the poster.
    assert post_on.proposed_note.isVisible()
    assert post_on.proposed_note.text() == " / ".join(WORDS["proposed_note"])
    summary = post_on.summary.text().replace("<b>", "").replace("</b>", "")
    total = len(codes)
    # The chart's bar of a proposed standard is hatched, an official one's solid: the
    # first row with a long bar drawn once as it is and once as if proposed.
    chart = post_on.chart
    chart.resize(700, chart.sizeHint().height())
    rows = post_on.rows()
    index, row = next((i, r) for i, r in enumerate(rows)
                      if r.indicator.code != PROPOSED and r.met is not None and r.value)

    def whites() -> int:
        image = chart.grab().toImage()
        y = int(4 + index * chart._row_height() + chart._row_height() * 0.45)
        left = int(700 * 0.38) + 12
        return sum(1 for x in range(left, left + 40) for dy in range(-3, 4)
                   if image.pixelColor(x, y + dy).lightness() > 240)

    solid = whites()
    standard = replace(row.indicator.standard, status="proposed")
    chart.set_rows([*rows[:index], replace(row, indicator=replace(row.indicator,
                                                                  standard=standard)),
                    *rows[index + 1:]])
    assert whites() > solid + 20
    chart.set_rows(rows)
    assert f"of {total} standards met" in summary

    post_on.official_only.click()
    assert post_on.official_only.isChecked()
    codes_official = [r.indicator.code for r in post_on.rows()]
    assert PROPOSED not in codes_official and OFFICIAL in codes_official
    assert len(codes_official) == total - 1
    summary = post_on.summary.text().replace("<b>", "").replace("</b>", "")
    assert f"of {total - 1} standards met" in summary and "official standards only" in summary
    assert not post_on.proposed_note.isVisible()

    post_on.official_only.click()
    assert PROPOSED in [r.indicator.code for r in post_on.rows()]
    switch_language(window.context, "km")
    assert standard_cell(post_on, PROPOSED)[0].endswith(f"({KM_PROPOSED} / {EN_PROPOSED})")


def test_the_print_dialog_leaves_proposed_standards_out(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    model = window.navigator.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).code == "HC010201")
    window.navigator.table.selectRow(row)
    texts = {}
    for leave_out in (False, True):
        window.printing.actions["poster"].trigger()
        dialog = window.printing.dialog
        assert isinstance(dialog, PrintOptionsDialog)
        box = dialog.options
        assert box.official_only.isVisible()
        assert box.official_only.text() == "Leave out proposed standards"
        box.language.setCurrentIndex(box.language.findData("en"))
        box.official_only.setChecked(leave_out)
        assert dialog.choices().options("poster").proposed_standards is not leave_out
        with qtbot.waitSignal(window.printing.preview_opened, timeout=30_000) as opened:
            dialog.ok_button.click()
        preview = opened.args[0]
        assert isinstance(preview, PrintPreview)
        texts[leave_out] = english_text(preview.pdf).casefold()
        preview.close()
        # The next print offers the same choice again.
        assert window.printing.last_choices.proposed_standards is not leave_out
    assert EN_PROPOSED in texts[False]
    assert EN_PROPOSED not in texts[True]


def test_the_export_dialog_leaves_proposed_standards_out(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        scripted: ScriptedInteraction) -> None:
    headers = {}
    for leave_out in (False, True):
        out = tmp_path / f"report{int(leave_out)}.xlsx"
        scripted.reply(out)
        dialog = window.printing.export_excel()
        assert isinstance(dialog, ExportDialog)
        dialog.official_only.setChecked(leave_out)
        assert dialog.choices().proposed_standards is not leave_out
        with qtbot.waitSignal(window.printing.finished, timeout=60_000) as ended:
            dialog.ok_button.click()
        assert ended.args[1], ended.args[2]
        headers[leave_out] = _met_headers(out)
    assert any(h.startswith(f"{PROPOSED}:met") for h in headers[False])
    assert not any(h.startswith(f"{PROPOSED}:met") for h in headers[True])
    assert any(h.startswith(f"{OFFICIAL}:met") for h in headers[True])


def _met_headers(path: Path) -> set[str]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {str(cell) for row in workbook["Health centers"].iter_rows(
            max_row=4, values_only=True) for cell in row if cell is not None and ":met" in
            str(cell)}
    finally:
        workbook.close()


# --------------------------------------------------------------------------- isaf-desk


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    """A plain store with the home health center's approved 2026 form of the marked
    definition."""
    path = tmp_path / "store.sqlite"
    store = LocalStore(path)
    units = seed_store(store)
    publish_marked(store)
    store.set_state("user", '{"username": "dmk.0102", "role": "dmk_officer", '
                            '"area_code": "0102"}')
    form_id = store.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    store.save_values(form_id, demo_values(DEFINITION, random.Random(4)))
    with store.transaction() as session:
        session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
    store.close()
    return path


def test_the_command_lines_take_official_only(store_file: Path, tmp_path: Path) -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["--store", str(store_file), *args])
        assert result.exit_code == 0, result.output
        return result.output

    for document in ("poster", "form"):
        texts = {}
        for flags in ((), ("--official-only",)):
            out = tmp_path / f"{document}{len(flags)}.pdf"
            run("print", document, "HC010201", "--year", "2026", "--language", "en", *flags,
                str(out))
            texts[flags] = english_text(out.read_bytes()).casefold()
        assert EN_PROPOSED in texts[()], document
        assert EN_PROPOSED not in texts[("--official-only",)], document
    out = tmp_path / "report.xlsx"
    run("export", "national", "--year", "2026", "--official-only", str(out))
    headers = _met_headers(out)
    assert headers and not any(h.startswith(f"{PROPOSED}:met") for h in headers)
    assert "--official-only" in run("print", "batch", "--help")
