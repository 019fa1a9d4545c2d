"""Who a person asks for help, by role, in the interface language: the sentence ending
of every message that says what to do when something goes wrong."""

from __future__ import annotations

from client.qt import QCoreApplication

#: Roles that work on one unit or one commune: their office is the district's.
_LOCAL_ROLES = frozenset({"unit_editor", "commune_focal_point", "caf"})


def help_desk(role: str | None) -> str:
    """Who a person with `role` asks for help, as words that fit after "ask" or "tell":
    the district office for the people of a unit or commune, the office above for an
    officer, whoever runs the server for national staff."""
    translate = QCoreApplication.translate
    if role in _LOCAL_ROLES:
        return translate("Messages", "your district office")
    if role == "dmk_officer":
        return translate("Messages", "your provincial office")
    if role == "provincial_officer":
        return translate("Messages", "the national office")
    if role == "national_admin":
        return translate("Messages", "whoever looks after the server")
    return translate("Messages", "whoever supports ISAF Desk for you")
