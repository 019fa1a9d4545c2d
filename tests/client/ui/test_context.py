"""The application context and the operation runner, without any window."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from client.context import AppContext


def test_an_operation_runs_off_the_gui_thread_and_announces_its_changes(
        offline_context: AppContext, qtbot: QtBot) -> None:
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}
    with qtbot.waitSignal(offline_context.operations.changed, timeout=5000) as changed:
        offline_context.operations.run(lambda work: threading.get_ident(),
                                       changes={"values"},
                                       on_done=lambda result: seen.update(thread=result))
    assert changed.args == [frozenset({"values"})]
    qtbot.waitUntil(lambda: "thread" in seen)
    assert seen["thread"] != gui_thread


def test_a_failing_operation_reaches_its_error_handler(offline_context: AppContext,
                                                       qtbot: QtBot) -> None:
    errors: list[Exception] = []

    def fail(work: object) -> None:
        raise ValueError("the figure is not a number")

    offline_context.operations.run(fail, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "the figure is not a number"
    assert not offline_context.operations.running


def test_an_unknown_kind_of_change_is_a_programming_error(offline_context: AppContext) -> None:
    with pytest.raises(ValueError, match="unknown kinds"):
        offline_context.operations.run(lambda work: None, changes={"everything"})


def test_signing_out_closes_the_session(offline_context: AppContext) -> None:
    store = offline_context.session.store  # type: ignore[union-attr]
    assert offline_context.session is not None and store.forms() == []
    offline_context.end_session()
    assert offline_context.session is None
