"""What the main window says about USB bundles: what an export wrote and where the bundle
goes next, what importing a return bundle or carrying another computer's bundle did, and
why a bundle was not written or taken in, with what to do.

The texts belong to the main window's translation context ("MainWindow"); `language`
decides the digits of the figures inside them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from client.qt import QCoreApplication
from client.sync import bundles
from client.sync.transport import ServerRefusal, TransportError
from client.ui.post_on import in_digits
from client.ui.sync_dialog import help_desk, plain_file_error
from client.ui.work_texts import work_error_text
from common.sync.bundle import BundleError
from common.sync.protocol import ProtocolError

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def exported_text(changes: int, path: Path, *, role: str | None, language: str) -> str:
    """What an export wrote, and where the bundle goes next for this person."""
    if changes:
        said = translate("MainWindow", "Wrote {0} change(s) to {1}.").format(
            in_digits(changes, language), path)
    else:
        said = translate("MainWindow",
                         "Wrote a bundle to {0}. It holds no change of yours (everything was "
                         "sent already); it still brings back the server's news.").format(path)
    return f"{said} {bundle_next_step(role)}"


def bundle_next_step(role: str | None) -> str:
    """Where the signed-in person takes a bundle of theirs: who may import it."""
    if role == "dmk_officer":
        return translate("MainWindow", "Import it on another computer that is online, signed in "
                         "as yourself (Import USB bundle…), or give it to your provincial "
                         "office. Then import the return bundle it gives back here.")
    if role == "provincial_officer":
        return translate("MainWindow", "Import it on another computer that is online, signed in "
                         "as yourself (Import USB bundle…), or give it to the national office. "
                         "Then import the return bundle it gives back here.")
    if role == "national_admin":
        return translate("MainWindow", "Import it on another computer that is online, signed in "
                         "as yourself (Import USB bundle…), or on the server with the command "
                         "isaf sync import-bundle. Then import the return bundle here.")
    return translate("MainWindow", "Take the USB stick to your district office: a district "
                     "officer imports the bundle there and gives you back a return bundle. "
                     "Import that one here (Import USB bundle…).")



def results_text(results: dict[str, int], language: str) -> list[str]:
    """What became of the changes a bundle carried, beyond "applied"."""
    lines = []
    conflicts = results.get("conflict", 0)
    if conflicts:
        lines.append(translate("MainWindow", "{0} met another person's change of the same "
                               "figure: see Conflicts.").format(in_digits(conflicts, language)))
    held = sum(results.get(name, 0) for name in ("rejected_locked", "rejected_scope",
                                                 "needs_mapping", "rejected"))
    if held:
        lines.append(translate("MainWindow", "{0} were held by the server, nothing lost: see "
                               "Sync ▸ Held changes… when "
                               "connected.").format(in_digits(held, language)))
    return lines



def returned_text(outcome: bundles.ReturnResult, language: str) -> str:
    """What taking in a return bundle did, and what follows."""
    if outcome.already_imported:
        return translate("MainWindow", "This return bundle was already taken in: nothing "
                         "changed, and there is nothing more to do with it.")
    lines = [translate("MainWindow", "Took in the server's answer: {0} of your change(s) are "
                       "settled.")
             .format(in_digits(outcome.receipts, language))]
    lines += results_text(outcome.results, language)
    if outcome.pages_applied:
        lines.append(translate("MainWindow", "{0} change(s) came from the server.").format(
            in_digits(outcome.changes, language)))
    else:
        lines.append(translate("MainWindow", "This computer synced with the server after the "
                               "bundle was made: only the answers were taken in, its newer data "
                               "is kept."))
    if outcome.checksum_ok is False:
        lines.append(translate("MainWindow", "This computer still differs from the server: your "
                               "next bundle or sync brings the rest."))
    return " ".join(lines)



def carried_text(report: dict[str, Any], target: Path, language: str) -> str:
    """What carrying another computer's bundle to the server did, and what to do with
    the return bundle."""
    user = str(report.get("user") or "")
    results: dict[str, int] = dict(report.get("results") or {})
    if report.get("already_imported"):
        lines = [translate("MainWindow", "This bundle of {0} was already imported: nothing was "
                           "applied twice.").format(user)]
    else:
        lines = [translate("MainWindow", "Carried the bundle of {0} to the server: {1} change(s) "
                           "applied.").format(user, in_digits(results.get("applied", 0),
                                                            language))]
        lines += results_text(results, language)
    notes = [str(note) for note in report.get("notes") or []]
    if any(note.startswith("bundle(s)") for note in notes):
        lines.append(translate("MainWindow", "Some earlier bundles of that computer never "
                               "arrived; this one carries what they held, so nothing is "
                               "missing."))
    if any(note.startswith("operations") for note in notes):
        lines.append(translate("MainWindow", "Some changes of that computer have never reached "
                               "the server: its next bundle carries them, if it still holds "
                               "them."))
    for note in notes:
        log.info("bundle of %s: %s", user, note)
    lines.append(translate("MainWindow", "Give back the return bundle {0} on the USB stick: {1} "
                           "imports it on their computer (Import USB "
                           "bundle…).").format(target, user))
    return " ".join(lines)



def bundle_error_text(error: Exception, *, exporting: bool, role: str | None) -> str:
    """Why a bundle was not written or taken in, and what to do: never the error's own
    (English) text."""
    if isinstance(error, BundleError):
        code = error.code
        if code == "no_key":
            if exporting:
                return translate("MainWindow", "This computer cannot make USB bundles yet: sign "
                                 "in online once (with a connection to the server), then export "
                                 "again. Nothing is lost: your changes stay on this computer.")
            return translate("MainWindow", "This computer cannot check a return bundle yet: sign "
                             "in online once (with a connection to the server), then import it "
                             "again. Nothing was changed.")
        if code == "own_bundle":
            return translate("MainWindow", "This is this computer's own bundle: it is imported "
                             "on another computer, not here. Nothing was changed.") + " " + \
                bundle_next_step(role)
        if code == "other_computer":
            return translate("MainWindow", "This return bundle is for another computer: take it "
                             "back to the computer whose bundle it answers. Nothing was changed.")
        if code == "bundle_tampered":
            return translate("MainWindow", "This bundle was changed after it was written, so it "
                             "is refused whole and nothing was changed. Ask for a new bundle "
                             "from the computer that made it.")
        if error.manifest is not None:
            return translate("MainWindow", "This bundle was made by another version of ISAF "
                             "Desk, which this one cannot read. Nothing was changed: put the "
                             "same version on both computers, then export and import again.")
        return translate("MainWindow", "This file is not an ISAF Desk bundle, or it is damaged "
                         "(was copying to the USB stick finished?). Nothing was changed: copy "
                         "the bundle again and import the new copy.")
    if isinstance(error, ProtocolError) and error.code == "unsupported_protocol":
        return translate("MainWindow", "This bundle comes from a version of ISAF Desk this one "
                         "cannot read. Nothing was changed: put the same version on both "
                         "computers, then try again.")
    if isinstance(error, TransportError):
        return translate("MainWindow", "Carrying a bundle to the server needs a connection, and "
                         "the server could not be reached. Nothing was changed: try again when "
                         "connected.")
    if isinstance(error, ServerRefusal) and error.status != 401:
        reason = (error.body.get("details") or {}).get("reason")
        log.warning("the server refused a bundle: %s %s %s", error.status, reason, error)
        if error.status == 403:
            return translate("MainWindow", "Your account may not carry bundles to the server: a "
                             "district, provincial or national officer imports them. Nothing was "
                             "applied.")
        if error.status == 413:
            return translate("MainWindow", "This file is too large to be a bundle. Nothing was "
                             "applied: check that it is the bundle you meant.")
        if reason == "unknown_device":
            return translate("MainWindow", "The server does not know the computer that made this "
                             "bundle for you: it never signed in online, or it works outside "
                             "your area. Nothing was applied.")
        if reason == "bundle_tampered":
            return translate("MainWindow", "This bundle was changed after it was written, so the "
                             "server refused it whole and nothing was applied. Ask for a new "
                             "bundle from the computer that made it.")
        if reason == "bundle_forbidden":
            return translate("MainWindow", "The person who made this bundle is no longer that "
                             "computer's active user, so nothing was applied. Ask {0}.").format(
                help_desk(role))
        return translate("MainWindow", "The server refused this bundle, and nothing was applied. "
                         "Ask {0}; the refusal is kept on the server for an "
                         "administrator.").format(
            help_desk(role))
    if isinstance(error, OSError):
        return plain_file_error(error)
    return work_error_text(error, role)
