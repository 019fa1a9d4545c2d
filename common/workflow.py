"""The life of a yearly form: draft -> submitted -> approved -> published, with returns,
unlocks and withdrawals from public view (docs/ROLES.md). Which transitions exist and
which role may take them."""

from __future__ import annotations

from dataclasses import dataclass

from common.roles import may

STATUSES: tuple[str, ...] = ("draft", "submitted", "returned", "approved", "published")
#: Statuses in which values are locked: an edit needs an unlock first.
LOCKED: frozenset[str] = frozenset({"approved", "published"})

STATUS_NAMES: dict[str, tuple[str, str]] = {
    "draft": ("សេចក្តីព្រាង", "Draft"),
    "submitted": ("បានដាក់ស្នើ", "Submitted"),
    "returned": ("បានបញ្ជូនត្រឡប់", "Returned"),
    "approved": ("បានអនុម័ត", "Approved"),
    "published": ("បានផ្សព្វផ្សាយ", "Published"),
}


@dataclass(frozen=True)
class Transition:
    """A move between statuses, and whether it needs a comment or reason."""

    action: str
    sources: frozenset[str]
    target: str
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t for t in (
        Transition("submit", frozenset({"draft", "returned"}), "submitted"),
        Transition("return", frozenset({"submitted"}), "returned", needs_comment=True),
        Transition("approve", frozenset({"submitted"}), "approved"),
        Transition("unlock", frozenset({"approved", "published"}), "returned",
                   needs_comment=True),
        Transition("publish", frozenset({"approved"}), "published"),
        # Out of public view again, with a reason; the values stay locked.
        Transition("withdraw", frozenset({"published"}), "approved", needs_comment=True),
    )
}


def allowed_actions(role: str, status: str, *, delegated_approval: bool = False) -> list[str]:
    """The transitions a role may take from `status` (the scope is checked separately)."""
    return [
        action for action, transition in TRANSITIONS.items()
        if status in transition.sources and may(role, action,
                                                delegated_approval=delegated_approval)
    ]


def is_locked(status: str) -> bool:
    """True when values of a form in `status` cannot be changed."""
    return status in LOCKED


#: The longest reason of a withdrawal from public view, in characters (client and server).
MAX_WITHDRAW_REASON = 1000

#: Statuses in which a form may be deleted (client and server apply the same rule).
DELETABLE_STATUSES = frozenset({"draft", "returned"})
