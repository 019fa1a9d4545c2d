"""A client too old for its server, over real HTTP: the client learns the server's protocol
range from its answers and sends nothing it speaks no version of; the person is told in
their language; the computer keeps working offline with every unsent change kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.i18n import apply_language
from client.qt import QApplication
from client.store.repository import LocalStore
from client.sync.engine import SyncEngine, SyncReport
from client.sync.transport import ServerRefusal, Transport
from client.ui.sync_dialog import plain_error
from common.db import make_engine
from common.sync.protocol import ProtocolError
from server.database import upgrade
from tests.server.conftest import PASSWORD, World, seed_world
from tests.sync.conftest import ServerProcess


@pytest.fixture(scope="module")
def newer_server(module_database_url: str,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    """A real server process that speaks only protocol 2 (this release speaks 1)."""
    engine = make_engine(module_database_url)
    upgrade(engine)
    world = seed_world(engine)
    engine.dispose()
    server = ServerProcess(module_database_url, tmp_path_factory.mktemp("newer"),
                           protocols="2-2")
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}", world
    finally:
        server.stop()


def _computer(url: str, world: World, tmp_path: Path) -> tuple[LocalStore, SyncEngine, str]:
    """A focal point's computer signed in to the server, with a form typed offline."""
    from tests.client.ui.conftest import seed_store

    store = LocalStore(tmp_path / "store.sqlite")
    units = seed_store(store)
    transport = Transport(url, retries=0, timeout=30)
    transport.login("focal", PASSWORD, device_id=store.device_id)
    form_id = store.create_form(unit_id=units["home"], year=2026, form_code="health_center")
    store.save_values(form_id, {"catchment_villages": 21})
    return store, SyncEngine(store, transport), form_id


def test_a_too_old_client_sends_nothing_and_says_so(
        newer_server: tuple[str, World], tmp_path: Path, qapp: QApplication) -> None:
    url, world = newer_server
    store, engine, form_id = _computer(url, world, tmp_path)
    try:
        assert engine.transport.server_protocols == range(2, 3)  # named by the sign-in
        unsent = store.unsent_count()
        sent_before = engine.transport.requests
        with pytest.raises(ProtocolError) as refused:
            engine.sync()
        assert refused.value.code == "client_too_old"
        assert engine.transport.requests == sent_before  # not one request
        assert store.unsent_count() == unsent
        # Still works offline: a figure is typed and kept.
        store.save_values(form_id, {"catchment_villages": 22})
        assert store.values(form_id)["catchment_villages"] == 22
        english = plain_error(refused.value, "commune_focal_point")
        assert "too old" in english and "nothing was sent" in english
        assert "offline" in english
        apply_language(qapp, "km")
        try:
            khmer = plain_error(refused.value, "commune_focal_point")
        finally:
            apply_language(qapp, "en")
        assert "too old" not in khmer and "ISAF Desk" in khmer
        assert any("\u1780" <= c <= "\u17ff" for c in khmer)
    finally:
        engine.transport.close()
        store.close()


def test_a_client_that_did_not_know_is_refused_before_its_changes_are_read(
        newer_server: tuple[str, World], tmp_path: Path) -> None:
    url, world = newer_server
    store, engine, form_id = _computer(url, world, tmp_path)
    try:
        engine.transport.server_protocols = None  # as if the server had not said yet
        unsent = store.unsent_count()
        with pytest.raises(ServerRefusal) as refused:
            engine.push(SyncReport())
        assert (refused.value.status, refused.value.code) == (426, "client_too_old")
        assert engine.transport.server_protocols == range(2, 3)  # learnt from the refusal
        # The server read nothing: the form it would have made from the push is unknown
        # to it, and the operation is still to send.
        with pytest.raises(ServerRefusal) as unknown:
            engine.transport.get(f"/api/v1/forms/{form_id}")
        assert unknown.value.status == 404
        assert store.unsent_count() == unsent
    finally:
        engine.transport.close()
        store.close()
