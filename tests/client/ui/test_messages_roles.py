"""Messages name the right people for the signed-in role (issue 17, point 10).

Only national staff unlock an approved form; district officers (and provincial officers
with delegated approval) return and approve; a USB bundle goes to whoever may import it
for this person. Every role signs in (offline, over a real local store) and reads what
the window tells it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext
from client.i18n import switch_language
from client.qt import QApplication
from client.session import UserSession
from client.store.models import LocalForm
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine
from client.sync.transport import ServerRefusal, Transport
from client.ui.main_window import MainWindow
from client.ui.sync_dialog import help_desk
from common.roles import ROLES
from tests.client.ui.conftest import PASSWORD, open_window, seed_store, shown

pytestmark = pytest.mark.usefixtures("boxes")

#: Each role as its person signs in: role, area, delegated approval.
PEOPLE = {
    "unit_editor": ("unit_editor", None, False),
    "commune_focal_point": ("commune_focal_point", "010201", False),
    "caf": ("caf", "010201", False),
    "dmk_officer": ("dmk_officer", "0102", False),
    "provincial_officer": ("provincial_officer", "01", False),
    "delegated": ("provincial_officer", "01", True),
    "national_admin": ("national_admin", None, False),
}


@pytest.fixture
def signed_in(tmp_path: Path, qapp: QApplication,
              qtbot: QtBot) -> Iterator[Callable[[str], MainWindow]]:
    """The main window of a person of a given role, offline, with an approved form
    selected in the navigator."""
    made: list[AppContext] = []

    def sign_in(who: str) -> MainWindow:
        role, area, delegated = PEOPLE[who]
        context = AppContext(tmp_path / f"home-{who}")
        switch_language(context, "en")
        user = {"id": f"00000000-0000-4000-8000-00000000000{len(made)}", "username": who,
                "full_name": who, "role": role, "area_code": area, "unit_id": None,
                "language": "en", "delegated_approval": delegated}
        profile = context.profiles.remember(who, PASSWORD, user, "http://127.0.0.1:9")
        store = LocalStore(profile.store_path)
        units = seed_store(store)
        transport = Transport("http://127.0.0.1:9", retries=0, timeout=1)
        context.start_session(UserSession(profile, store, transport,
                                          SyncEngine(store, transport), online=False))
        made.append(context)
        window = open_window(qtbot, context)
        year = window.navigator.model.year
        form_id = store.create_form(unit_id=units["home"], year=year, form_code="health_center")
        with store.transaction() as session:
            session.get(LocalForm, form_id).status = "approved"  # type: ignore[union-attr]
        shown(qtbot, window.navigator)
        model = window.navigator.model
        row = next(i for i in range(model.rowCount()) if model.row_at(i).form_id == form_id)
        window.navigator.table.selectRow(row)
        return window

    yield sign_in
    for context in made:
        context.end_session()


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_who_unlocks_an_approved_form_is_national_staff_for_every_role(
        signed_in: Callable[[str], MainWindow], who: str) -> None:
    window = signed_in(who)
    unlock = window.actions_["unlock"]
    if who == "national_admin":
        assert unlock.isEnabled()
        return
    assert not unlock.isEnabled()
    said = unlock.toolTip()
    assert "national" in said
    # The district office unlocks nothing: only a unit's people are sent to it, to ask on.
    if who in ("dmk_officer", "provincial_officer", "delegated"):
        assert "district office" not in said and "Ask the national office" in said
    else:
        assert "district office to request it from the national office" in said


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_approving_and_returning_name_who_does_it(signed_in: Callable[[str], MainWindow],
                                                  who: str) -> None:
    window = signed_in(who)
    for action in ("approve", "return"):
        said = window.action_state(action)[1]
        if who in ("dmk_officer", "delegated"):
            # They may, on a submitted form: this one is approved, and that is said.
            assert "this one is approved" in said, said
        elif who == "provincial_officer":
            assert "no delegated approval" in said and "national office" in said, said
        else:
            assert "district officer" in said, said


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_a_usb_bundle_goes_where_it_can_be_imported_for_this_role(
        signed_in: Callable[[str], MainWindow], who: str) -> None:
    window = signed_in(who)
    said = window.exported_text(3, Path("/media/usb/b.isafbundle"))
    assert "Wrote 3 change(s) to /media/usb/b.isafbundle." in said
    if who in ("unit_editor", "commune_focal_point", "caf"):
        assert "district office" in said and "return bundle" in said
    else:
        # An officer's own bundle: they import it themselves elsewhere, or send it up.
        assert "district office" not in said and "signed in as yourself" in said
        assert {"dmk_officer": "provincial office", "provincial_officer": "national office",
                "delegated": "national office", "national_admin": "isaf sync import-bundle",
                }[who] in said
    # Its own bundle, given back to it by mistake, says the same.
    from common.sync.bundle import BundleError

    own = window.bundle_error_text(BundleError("own", code="own_bundle"), exporting=False)
    assert window.bundle_next_step() in own


@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_a_refusal_sends_each_role_to_its_own_help(signed_in: Callable[[str], MainWindow],
                                                   who: str) -> None:
    window = signed_in(who)
    role = PEOPLE[who][0]
    refused = ServerRefusal(403, {"message": "forbidden", "code": "forbidden"})
    said = window.refusal_text("approve", "f", refused)
    assert help_desk(role) in said
    office = {"unit_editor": "district office", "commune_focal_point": "district office",
              "caf": "district office", "dmk_officer": "provincial office",
              "provincial_officer": "national office", "national_admin": "the server"}[role]
    assert office in said and "forbidden" not in said


def test_the_status_bar_names_the_role_in_the_interface_language(
        signed_in: Callable[[str], MainWindow]) -> None:
    window = signed_in("dmk_officer")
    assert "District (DMK) officer" in window.who.text() and "offline" in window.who.text()
    switch_language(window.context, "km")
    try:
        assert ROLES["dmk_officer"][1] in window.who.text().replace("\u200b", "")
    finally:
        switch_language(window.context, "en")
