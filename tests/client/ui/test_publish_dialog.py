"""Publishing from the desktop, over the real widgets and the real server process of
tests/sync: the national administrator previews an area's approved forms, publishes
exactly those, is told clearly when a form changed since the preview, and withdraws a
published form with a reason; other roles are not offered it, and offline says so."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from client.context import AppContext
from client.interaction import ScriptedInteraction
from client.qt import QApplication
from client.session import sign_in
from client.ui.main_window import MainWindow
from client.ui.publish_dialog import PublishDialog, WithdrawDialog
from common.db import make_engine
from server.accounts.models import User
from server.data import service
from tests.client.ui.conftest import open_editor
from tests.server.conftest import PASSWORD
from tests.server.test_publishing import make
from tests.sync.conftest import Link, link  # noqa: F401 - the real server process
from tests.sync.test_failures import fresh_year

HC = "health_center"
pytestmark = pytest.mark.usefixtures("boxes")


@pytest.fixture
def signed_in(link: Link, tmp_path: Path,  # noqa: F811 - the fixture imported above
              qapp: QApplication) -> Iterator[Callable[[str], AppContext]]:
    """Sign a person in online, on a computer of their own, the interface in English."""
    made: list[AppContext] = []

    def start(username: str) -> AppContext:
        context = AppContext(tmp_path / f"home-{username}-{len(made)}")
        context.settings.language = "en"
        context.start_session(sign_in(context.profiles, link.proxy.url, username, PASSWORD))
        made.append(context)
        return context

    yield start
    for context in made:
        context.end_session()


@pytest.fixture
def forms(link: Link, module_database_url: str) -> Iterator[Callable[..., str]]:  # noqa: F811
    """Make a form on the server: `forms(unit, year, status)`; its id. The engine is
    disposed after the test (a connection left open is a warning, hence an error)."""
    engine = make_engine(module_database_url)

    def made(unit: str, year: int, status: str, kind: str = HC) -> str:
        return make(engine, link.world, unit, year, status, kind)

    yield made
    engine.dispose()


def open_window(context: AppContext, qtbot: QtBot) -> MainWindow:
    """The main window after its first sync."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.navigator.scope is not None, timeout=10_000)
    window.show()
    dialog = window.sync()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None,
                    timeout=30_000)
    assert dialog.error is None, dialog.error
    dialog.accept()
    return window


def public(link: Link, year: int) -> set[str]:  # noqa: F811
    answer = httpx.get(f"{link.direct_url}/api/v1/public/forms", params={"year": year})
    return {row["id"] for row in answer.json()}


def preview(qtbot: QtBot, dialog: PublishDialog, area: str, year: int,
            service: str | None) -> int:
    dialog.choose(area, year, service)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as blocker:
        dialog.preview_button.click()
    return int(blocker.args[0])


def test_preview_then_publish_exactly_those_forms(
        signed_in: Callable[[str], AppContext], forms: Callable[..., str],
        link: Link, qtbot: QtBot, scripted: ScriptedInteraction) -> None:  # noqa: F811
    year = fresh_year()
    home, neighbour = forms("home", year, "approved"), forms("other_commune", year, "approved")
    submitted = forms("home_cs", year, "submitted", "cs_admin")
    elsewhere = forms("other_district", year, "approved")
    context = signed_in("admin")
    window = open_window(context, qtbot)
    actions = window.publishing
    window.form_menu.aboutToShow.emit()
    assert actions.publish_action.isEnabled()
    dialog = actions.open_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.publish_button.isEnabled()  # nothing before a preview
    assert preview(qtbot, dialog, "0102", year, HC) == 2
    assert [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())] == [
        "HC010201", "HC010202"]
    assert dialog.publish_button.text() == "Publish 2 forms"
    assert "2 approved forms will become public" in dialog.summary.text()
    assert public(link, year) == set()  # a preview changes nothing
    scripted.reply(True)  # "Make 2 forms public?"
    with qtbot.waitSignal(dialog.finished_publishing, timeout=60_000) as blocker:
        dialog.publish_button.click()
    assert blocker.args == [True, "2 forms were published."]
    assert scripted.asked[-1].kind == "confirm"
    assert public(link, year) == {home, neighbour}
    # The sync after it brought the new statuses to this computer.
    store = context.session.store if context.session else None
    assert store is not None
    assert store.form(home).status == "published"
    assert store.form(submitted).status == "submitted"
    assert store.form(elsewhere).status == "approved"
    # Another selection must be previewed before anything is published.
    assert preview(qtbot, dialog, "0102", year, HC) == 0
    assert not dialog.publish_button.isEnabled()
    assert "No approved form" in dialog.summary.text()
    dialog.choose("0103", year, HC)
    assert not dialog.publish_button.isEnabled() and dialog.table.rowCount() == 0


def test_a_form_unlocked_after_the_preview_stops_the_whole_publication(
        signed_in: Callable[[str], AppContext], forms: Callable[..., str],
        link: Link, module_database_url: str, qtbot: QtBot,  # noqa: F811
        scripted: ScriptedInteraction) -> None:
    year = fresh_year()
    forms("home", year, "approved")
    neighbour = forms("other_commune", year, "approved")
    window = open_window(signed_in("admin"), qtbot)
    dialog = window.publishing.open_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert preview(qtbot, dialog, "0102", year, None) == 2
    engine = make_engine(module_database_url)
    with Session(engine) as session, session.begin():
        admin = session.get(User, link.world.users["admin"])
        assert admin is not None
        service.transition(session, admin, neighbour, "unlock", comment="wrong ANC1")
    engine.dispose()
    scripted.reply(True)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=60_000) as blocker:
        dialog.publish_button.click()
    ok, text = blocker.args
    assert not ok and "Nothing was published" in text and "Preview again" in text
    assert public(link, year) == set()
    assert not dialog.publish_button.isEnabled()


def test_withdraw_a_published_form_with_a_reason(
        signed_in: Callable[[str], AppContext], forms: Callable[..., str],
        link: Link, qtbot: QtBot, scripted: ScriptedInteraction) -> None:  # noqa: F811
    year = fresh_year()
    form_id = forms("home", year, "published")
    context = signed_in("admin")
    window = open_window(context, qtbot)
    open_editor(qtbot, window, form_id)
    with qtbot.waitSignal(window.publishing.withdrawn, timeout=60_000) as blocker:
        assert window.publishing.withdraw(reason="Poster misprinted the district average")
    assert blocker.args[0] is True
    assert public(link, year) == set()
    assert context.session is not None
    assert context.session.store.form(form_id).status == "approved"
    history = context.session.transport.get(f"/api/v1/forms/{form_id}/history")
    assert [(e["action"], e["username"], e["comment"]) for e in history][-1] == (
        "withdraw", "admin", "Poster misprinted the district average")
    # Now approved: there is nothing to withdraw, and the screen says what to choose.
    assert not window.publishing.withdraw(reason="again")
    assert scripted.told[-1] == "Choose a unit whose form is published first."


def test_the_withdraw_dialog_needs_a_reason_of_the_right_length(qtbot: QtBot) -> None:
    dialog = WithdrawDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.text.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    assert "reason is needed" in dialog.hint.text()
    dialog.text.setPlainText("x" * 1001)
    assert not dialog.ok_button.isEnabled() and "1000" in dialog.hint.text()
    dialog.text.setPlainText("  Figures under review  ")
    assert dialog.ok_button.isEnabled() and dialog.comment() == "Figures under review"


def test_a_district_officer_is_not_offered_publishing(
        signed_in: Callable[[str], AppContext], qtbot: QtBot) -> None:
    window = open_window(signed_in("dmk"), qtbot)
    window.form_menu.aboutToShow.emit()
    for action in (window.publishing.publish_action, window.publishing.withdraw_action):
        assert not action.isEnabled()
        assert "national administrator" in action.toolTip()
    assert window.publishing.open_dialog() is None


def test_offline_the_preview_says_a_connection_is_needed(
        offline_context: AppContext, qtbot: QtBot) -> None:
    dialog = PublishDialog(offline_context, year=2026)
    qtbot.addWidget(dialog)
    areas = [dialog.area.itemData(i) for i in range(dialog.area.count())]
    assert areas[:3] == ["", "01", "0102"]  # the country, then what this computer holds
    assert preview(qtbot, dialog, "0102", 2026, HC) == -1
    assert "publishing needs a connection" in dialog.summary.text()
    assert not dialog.publish_button.isEnabled()
