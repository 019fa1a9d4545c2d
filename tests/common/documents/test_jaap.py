"""A unit's JAAP actions as its poster lists them, from the synced JAAP records."""

from __future__ import annotations

from common.documents import DocumentOptions
from common.documents.jaap import jaap_actions

RECORDS = [
    {"section": "B", "number": 1, "activity": "ធ្វើអនាម័យបរិវេណសាលារៀន", "start": "2026-02",
     "progress_status": "cancelled", "progress_percent": 10},
    {"section": "A", "number": 2, "activity": "ផ្ដល់សៀវភៅសិក្សាគ្រប់គ្រាន់ដល់សិស្ស",
     "implementer": "សាលារៀន", "start": "2026-03", "end": "2026-09",
     "progress_status": "in_progress", "progress_percent": 60},
    {"section": "A", "number": 1, "activity": "ជួសជុលដំបូលថ្នាក់រៀន",
     "implementer": "គណៈកម្មការទ្រទ្រង់សាលារៀន", "start": "2026-01", "end": "2026-06",
     "progress_status": "done", "progress_percent": 100},
]


def test_actions_come_in_the_plans_order_with_khmer_digits() -> None:
    actions = jaap_actions(RECORDS, DocumentOptions())
    assert [a.activity_km for a in actions] == [
        "ជួសជុលដំបូលថ្នាក់រៀន", "ផ្ដល់សៀវភៅសិក្សាគ្រប់គ្រាន់ដល់សិស្ស", "ធ្វើអនាម័យបរិវេណសាលារៀន"]
    assert actions[0].timeline == "០១/២០២៦ - ០៦/២០២៦"
    assert actions[0].status == "បានបញ្ចប់ (១០០%)"
    assert actions[0].responsible == "គណៈកម្មការទ្រទ្រង់សាលារៀន"
    assert actions[1].status == "កំពុងអនុវត្ត (៦០%)"
    # A cancelled action shows no percentage; a single month is one date.
    assert actions[2].status == "បានលុបចោល" and actions[2].timeline == "០២/២០២៦"


def test_english_poster_says_the_status_in_english_with_arabic_digits() -> None:
    actions = jaap_actions(RECORDS, DocumentOptions(language="en"))
    assert actions[0].timeline == "01/2026 - 06/2026"
    assert [a.status for a in actions] == ["Done (100%)", "In progress (60%)", "Cancelled"]


def test_an_action_with_little_filled_in_still_prints() -> None:
    actions = jaap_actions([{"activity": "ជួសជុលអណ្ដូង"}], DocumentOptions())
    assert len(actions) == 1
    assert (actions[0].timeline, actions[0].status, actions[0].responsible) == ("", "", "")


def test_side_by_side_poster_says_the_status_in_both_languages() -> None:
    """Khmer first, the English on the line under it (the poster prints that line as it
    prints every English under its Khmer)."""
    actions = jaap_actions(RECORDS, DocumentOptions(language="km+en"))
    assert [a.status for a in actions] == ["បានបញ្ចប់ (១០០%)\nDone (100%)",
                                           "កំពុងអនុវត្ត (៦០%)\nIn progress (60%)",
                                           "បានលុបចោល\nCancelled"]
