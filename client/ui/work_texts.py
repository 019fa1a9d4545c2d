"""What the main window says about moving a form along, deleting it, and work that failed:
whether each move may be taken now and why not, what a move did, why the server refused
it, why a delete did not happen.

The texts belong to the main window's translation context ("MainWindow"); `language`
decides the digits of the figures inside them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from client.qt import QCoreApplication
from client.store.errors import StoreError
from client.store.models import LocalForm
from client.sync.transport import ServerRefusal, TransportError
from client.ui.navigator import status_text
from client.ui.post_on import in_digits
from client.ui.sync_dialog import help_desk, plain_error, plain_file_error, plain_store_error
from common.roles import may
from common.workflow import DELETABLE_STATUSES, TRANSITIONS

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
#: How many of the server's problems a refusal lists before "and n more".
PROBLEMS_SHOWN = 8


def move_state(action: str, *, role: str, delegated_approval: bool, form: LocalForm | None,
               waiting: bool) -> tuple[bool, str]:
    """Whether `action` may be taken on the current form now, and the tooltip: what it
    does, or why it is not offered. `form`: the current form when already read."""
    if waiting:
        return False, translate("MainWindow", "Waiting for the server's answer…")
    if form is None:
        return False, translate("MainWindow", "Choose a unit with a form first.")
    if not may(role, action, delegated_approval=delegated_approval):
        return False, not_allowed_text(action, role)
    if form.status not in TRANSITIONS[action].sources:
        status = status_text(form.status)
        return False, {
            "submit": translate("MainWindow", "Only a draft or returned form can be submitted; "
                                "this one is {0}."),
            "return": translate("MainWindow", "Only a submitted form can be returned; this one "
                                "is {0}."),
            "approve": translate("MainWindow", "Only a submitted form can be approved; this one "
                                 "is {0}."),
            "unlock": translate("MainWindow", "Only an approved or published form can be "
                                "unlocked; this one is {0}."),
        }[action].format(status)
    if action == "submit" and role != "dmk_officer":
        return True, translate("MainWindow", "Send this form to the district office for review. "
                               "Needs a connection to the server.")
    return True, {
        "submit": translate("MainWindow", "Mark this form as submitted, ready for approval (by "
                            "you or a provincial officer with delegated approval). Needs a "
                            "connection to the server."),
        "return": translate("MainWindow", "Send this form back to the unit with a comment saying "
                            "what to correct. Needs a connection to the server."),
        "approve": translate("MainWindow", "Approve this form: its figures are locked. Needs a "
                             "connection to the server."),
        "unlock": translate("MainWindow", "Unlock this form with a reason, so it can be "
                            "corrected. Needs a connection to the server."),
    }[action]


def not_allowed_text(action: str, role: str) -> str:
    """Why `role` may not take `action` at all, naming who does, as the person with
    that role would need to hear it."""
    if action == "submit":
        return translate("MainWindow", "Your role may not submit forms: the unit, its commune "
                         "focal point or the district officer submits them.")
    if action == "unlock":
        if role in ("dmk_officer", "provincial_officer"):
            return translate("MainWindow", "Only national staff (a national administrator) "
                             "unlock an approved form. Ask the national office, saying what must "
                             "be corrected.")
        return translate("MainWindow", "Only national staff (a national administrator) unlock an "
                         "approved form. Ask your district office to request it from the "
                         "national office, saying what must be corrected.")
    if role == "provincial_officer":
        return {
            "return": translate("MainWindow", "Your account has no delegated approval: the "
                                "district officer returns forms. The national office can "
                                "delegate approval to you."),
            "approve": translate("MainWindow", "Your account has no delegated approval: the "
                                 "district officer approves forms. The national office can "
                                 "delegate approval to you."),
        }[action]
    if role == "national_admin":
        return {
            "return": translate("MainWindow", "The district officer (or a provincial officer "
                                "with delegated approval) returns forms; national staff unlock "
                                "approved ones."),
            "approve": translate("MainWindow", "The district officer (or a provincial officer "
                                 "with delegated approval) approves forms; national staff "
                                 "publish approved ones."),
        }[action]
    return {
        "return": translate("MainWindow", "Only the district officer (or a provincial officer "
                            "with delegated approval) returns forms."),
        "approve": translate("MainWindow", "Only the district officer (or a provincial officer "
                             "with delegated approval) approves forms."),
    }[action]


def delete_state(form: LocalForm | None, *, role: str,
                 delegated_approval: bool) -> tuple[bool, str]:
    """Whether the current form may be deleted now, and the tooltip: what deleting
    does, or why it is not offered (the server applies the same rules)."""
    if form is None:
        return False, translate("MainWindow", "Choose a unit with a form first.")
    if not may(role, "create", delegated_approval=delegated_approval):
        return False, translate("MainWindow", "Your role may not delete forms: deleting undoes "
                                "the making of a form, which the unit, its commune focal point "
                                "or the district officer does.")
    if form.status not in DELETABLE_STATUSES:
        return False, translate("MainWindow", "Only a draft or returned form can be deleted; "
                                "this one is {0}.").format(status_text(form.status))
    return True, translate("MainWindow", "Delete this form and its figures, for instance one "
                           "made for the wrong unit or year. A form the server has is deleted "
                           "there at the next sync.")


def delete_refusal_text(error: Exception, role: str | None) -> str:
    """Why a form was not deleted, and what to do."""
    if isinstance(error, StoreError) and not getattr(error, "reason", ""):
        if "sync, then delete" in str(error):
            # Its changes are on their way, or the server's copy has not come back yet.
            return translate("MainWindow", "The form was not deleted: the server has not "
                             "answered for its latest changes yet. Sync, then delete it again.")
        return translate("MainWindow", "The form was not deleted: it can no longer be deleted "
                         "here (its status changed, or it is gone). Sync to see it as it is now.")
    if isinstance(error, StoreError):
        return translate("MainWindow", "The form was not deleted: {0}").format(
            plain_store_error(error, role))
    return translate("MainWindow", "The form was not deleted: "
                     "{0}").format(plain_error(error, role))


def done_text(action: str, role: str | None) -> str:
    """What a move that went through did, in words (and what comes next, for the
    person who did it)."""
    if action == "submit" and role == "dmk_officer":
        return translate("MainWindow", "Submitted. You (or a provincial officer with delegated "
                         "approval) can now approve it, or return it with a comment.")
    return {
        "submit": translate("MainWindow", "Submitted. The district office can now review the "
                            "form."),
        "return": translate("MainWindow", "Returned with your comment. The unit sees it at its "
                            "next sync."),
        "approve": translate("MainWindow", "Approved. The form's figures are now locked: only "
                             "national staff can unlock them."),
        "unlock": translate("MainWindow", "Unlocked. The form can be corrected and submitted "
                            "again."),
    }.get(action, translate("MainWindow", "Done."))


def refusal_text(action: str, form_id: str, error: Exception, *, role: str | None,
                 language: str, problem_text: Callable[[dict[str, Any]], str]) -> str:
    """Why a move did not happen, in words a person can act on."""
    if isinstance(error, TransportError):
        return translate("MainWindow", "Moving a form along needs a connection to the server, "
                         "and the server could not be reached. Nothing changed and nothing is "
                         "lost: the form and its figures stay on this computer. Try again when "
                         "connected.")
    if not isinstance(error, ServerRefusal):
        return plain_error(error, role)
    details = error.body.get("details") or {}
    if error.status == 401:
        return plain_error(error, role)
    if error.status == 409 and details.get("open_conflicts"):
        count = in_digits(int(details["open_conflicts"]), language)
        if may(role or "", "resolve_conflict"):
            return translate("MainWindow", "The form cannot be approved: {0} figure(s) have open "
                             "conflicts (two people changed the same figure). Resolve them first "
                             "(Conflicts in the toolbar), then approve.").format(count)
        return translate("MainWindow", "The form cannot be approved: {0} figure(s) have open "
                         "conflicts (two people changed the same figure). The district officer "
                         "resolves them; approve once they are resolved.").format(count)
    if error.status == 409 and details.get("held_deletes"):
        return translate("MainWindow", "The form cannot be approved: someone asked to delete it "
                         "while it was being changed, and that delete is held for a decision. In "
                         "Sync ▸ Held changes…, dismiss the delete with a reason to keep the "
                         "form, then approve; or return the form and apply the delete again.")
    if error.status == 409 and details.get("status"):
        return translate("MainWindow", "This cannot be done: on the server the form is {0} now. "
                         "This computer shows its current status.").format(
            status_text(str(details["status"])))
    if error.status == 422 and details.get("problems"):
        lines = [problem_text(p) for p in details["problems"]]
        shown = lines[:PROBLEMS_SHOWN]
        if len(lines) > len(shown):
            shown.append(translate("MainWindow", "and {0} more").format(
                in_digits(len(lines) - len(shown), language)))
        head = (translate("MainWindow", "Every warning needs a confirmation with a reason first:")
                if all(p.get("severity") == "warning" for p in details["problems"])
                else translate("MainWindow", "The form has figures to correct or fill in first:"))
        return "\n".join([head, *("• " + line for line in shown)])
    if error.status in (403, 404):
        return translate("MainWindow", "The server refused: this form is not in your area, or "
                         "your account may not do this. Sync, and ask {0} if it "
                         "persists.").format(help_desk(role))
    log.warning("the server refused to %s %s: %s %s", action, form_id, error.status, error)
    return translate("MainWindow", "The server refused this move, and nothing changed. Sync to "
                     "see the form as the server has it; if it persists, ask {0}.").format(
        help_desk(role))


def work_error_text(error: Exception, role: str | None) -> str:
    """What went wrong in work this window ran, in plain words with what to do."""
    if isinstance(error, (TransportError, ServerRefusal)):
        return plain_error(error, role)
    if isinstance(error, StoreError):
        return plain_store_error(error, role)
    if isinstance(error, OSError):
        return plain_file_error(error)
    log.error("work of the main window failed: %r", error)
    return translate("MainWindow", "Something went wrong, and it was not finished. Nothing you "
                     "typed is lost. Try again; if it happens again, tell {0} and send them the "
                     "log file (Help ▸ About shows where it is).").format(help_desk(role))
