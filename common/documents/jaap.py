"""The year's JAAP actions of a unit as a poster lists them, from the synced JAAP records
(common/sync/kinds.py `jaap_action`): what was agreed, who carries it out, when, and how
far it went. On a side-by-side (km+en) poster the progress is in both languages, the
English on a line of its own under the Khmer ("\n" between them: the poster prints the
second line smaller, as it prints every English under its Khmer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from common.documents.data import DocumentOptions, JaapAction
from common.khmer.digits import render_digits

#: A JAAP action's progress as the poster says it.
_STATUS = {
    "not_started": ("មិនទាន់ចាប់ផ្ដើម", "Not started"),
    "in_progress": ("កំពុងអនុវត្ត", "In progress"),
    "done": ("បានបញ្ចប់", "Done"),
    "cancelled": ("បានលុបចោល", "Cancelled"),
}


def jaap_actions(records: Iterable[Mapping[str, Any]],
                 options: DocumentOptions) -> list[JaapAction]:
    """Poster rows of JAAP records (each a mapping of column -> value), in the plan's
    order: section A before B, then by number."""
    digits = options.effective_digits
    language = options.language
    rows = sorted(records, key=lambda r: (r.get("section") or "", r.get("number") or 0,
                                          r.get("activity") or ""))
    actions = []
    for record in rows:
        status = ""
        if record.get("progress_status") in _STATUS:
            km, en = _STATUS[record["progress_status"]]
            status = {"en": en, "km+en": f"{km}\n{en}"}.get(language, km)
        if record.get("progress_percent") is not None and \
                record.get("progress_status") not in ("cancelled", "not_started"):
            percent = render_digits(f"{record['progress_percent']}%", digits)
            if language == "km+en" and status:
                # The English line in Arabic digits, as every English line of the poster.
                km_line, en_line = status.split("\n")
                status = f"{km_line} ({percent})\n{en_line} ({record['progress_percent']}%)"
            else:
                status = "\n".join(f"{line} ({percent})" for line in status.split("\n")) \
                    if status else percent
        actions.append(JaapAction(
            activity_km=record.get("activity") or "",
            responsible=record.get("implementer") or "",
            timeline=render_digits(_timeline(record.get("start"), record.get("end")), digits),
            status=status))
    return actions


def _timeline(start: str | None, end: str | None) -> str:
    """'01/2027 - 06/2027' from months '2027-01' and '2027-06' (either may be missing)."""
    def month(text: str | None) -> str:
        return f"{text[5:7]}/{text[:4]}" if text else ""

    if start and end and start != end:
        return f"{month(start)} - {month(end)}"
    return month(start or end)
