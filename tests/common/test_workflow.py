"""The withdrawal from public view in the shared workflow rules: who is offered it, from
which status, where it leads, and that it needs a reason (client and server read these)."""

from __future__ import annotations

import pytest

from common.roles import ROLES, may
from common.workflow import (
    MAX_WITHDRAW_REASON,
    STATUS_NAMES,
    STATUSES,
    TRANSITIONS,
    allowed_actions,
    is_locked,
)


def test_a_published_form_is_withdrawn_to_approved_with_a_reason() -> None:
    withdraw = TRANSITIONS["withdraw"]
    assert withdraw.sources == frozenset({"published"})
    assert withdraw.target == "approved" and is_locked(withdraw.target)
    assert withdraw.needs_comment
    assert MAX_WITHDRAW_REASON == 1000
    # No new status: the five statuses and their names stay as they were.
    assert STATUSES == ("draft", "submitted", "returned", "approved", "published")
    assert set(STATUS_NAMES) == set(STATUSES)


def test_only_the_national_administrator_is_offered_the_withdrawal() -> None:
    assert allowed_actions("national_admin", "published") == ["unlock", "withdraw"]
    assert allowed_actions("national_admin", "approved") == ["unlock", "publish"]
    for role in ROLES:
        assert may(role, "withdraw") == may(role, "publish"), role
        if role != "national_admin":
            assert "withdraw" not in allowed_actions(role, "published")
    assert not may("provincial_officer", "withdraw", delegated_approval=True)


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "approved"])
def test_nothing_but_a_published_form_is_withdrawn(status: str) -> None:
    assert "withdraw" not in allowed_actions("national_admin", status)
