"""What is typed into one form and not saved yet, and what a save of it may write: the
entry state behind the form entry screen (client/ui/form_editor.py), without Qt.

`FormEntry` holds the saved values, the edits typed over them, the warning confirmations
given, and answers the questions the screen asks on every keystroke: is the form dirty,
what does the validation engine say, which warnings still need a reason, which edits a
save would write and which it must leave out for their errors, what the draft to keep
is. `read_form` is everything the screen reads from the local store when a form opens or
changes underneath it, as one plain call.

The sentences that explain the state (the status line, what a save or a paste did, why a
save failed, what a conflict mark says, the notes over a locked or returned form) are
worded here too, through a `translate` function the screen
passes in (`QCoreApplication.translate` on the desktop): they stay in the entry screen's
translation context, "FormEditor", and tests read them in English without Qt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from client.store import entry
from client.store.entry import ConflictView, Draft, FormHeader
from client.store.errors import StoreError
from client.store.repository import LocalStore
from common.forms import FormDefinition, Indicator, Problem, ValidationResult, validate
from common.forms.expressions import Value
from common.forms.validation import SUBMIT_ONLY
from common.khmer import to_arabic_digits, to_khmer_digits
from common.roles import ROLES, may, scope_level
from common.workflow import STATUS_NAMES, is_locked

#: QCoreApplication.translate, or any function of (context, English text) -> text.
Translate = Callable[[str, str], str]


def is_empty(raw: Any) -> bool:
    """Nothing typed: no value, or only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def split_cells(text: str) -> list[str]:
    """The values of text copied from a spreadsheet, row by row: a tab between the cells
    of a row, a line end (\\n, \\r\\n or \\r) between rows, as Excel and LibreOffice
    copy them; the line end after the last row ends it and is no empty value. A cell that
    holds a line end or a tab comes in double quotes, and stays one value. Each value
    without the spaces around it; an empty row is one empty value (an empty cell of a
    copied column), so the values after it keep their places."""
    if not text.strip("\r\n"):
        return []
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    return [cell.strip() for row in rows for cell in (row or [""])]


_YES_WORDS = frozenset({"yes", "y", "true", "1", "បាទ", "ចាស", "មាន"})
_NO_WORDS = frozenset({"no", "n", "false", "0", "ទេ", "គ្មាន", "មិនមាន"})


def pasted_choice(indicator: Indicator, value: str, items: Sequence[tuple[Any, str]]) -> int:
    """The item of a yes/no or choice field a pasted value stands for (0: empty), or -1
    when it stands for none: "yes"/"no", 1/0, បាទ/ទេ, a choice's number (in either
    digits), code or label (in either language). `items` are the field's (data, text),
    the empty one first."""
    text = to_arabic_digits(value).strip().casefold()
    if not text:
        return 0
    for index, (data, shown) in enumerate(items):
        if index == 0:
            continue
        names = {shown.casefold()}
        if isinstance(data, bool):
            names |= _YES_WORDS if data else _NO_WORDS
        else:
            choice = next(c for c in indicator.choices if c.code == data)
            names |= {str(index), str(data).casefold(),
                      choice.label.get("km").casefold(), choice.label.get("en").casefold()}
        if text in names:
            return index
    return -1


def may_edit(status: str, role: str) -> bool:
    """Whether `role` may change a form in `status` (an approved or published one is
    locked for everyone)."""
    return not is_locked(status) and may(role, "edit")


@dataclass(frozen=True)
class FormSnapshot:
    """A form as the entry screen reads it from the store."""

    header: FormHeader | None
    #: Its definition (read when the form opens; None when not on this computer).
    definition: FormDefinition | None = None
    saved: dict[str, Value] = field(default_factory=dict)
    kept_confirmations: dict[str, str] = field(default_factory=dict)
    #: Field -> its conflict still waiting (open, or proposed from here).
    conflicts: dict[str, ConflictView] = field(default_factory=dict)
    draft: Draft | None = None


def read_form(store: LocalStore, form_id: str, *, decider: bool,
              opening: bool = False) -> FormSnapshot:
    """The form's header, saved values, kept confirmations and conflicts; `opening`, its
    definition and kept draft too. A conflict a district officer (`decider`) chose a side
    of is settled from here and not shown; anyone else's choice is a proposal, and its
    field stays marked."""
    header = entry.form_header(store, form_id)
    if header is None:
        return FormSnapshot(None)
    definition = store.definition(header.form_code, header.definition_version) \
        if opening else None
    conflicts = {c.field: c for c in entry.conflicts(store, form_id)
                 if c.status == "open" or not decider}
    return FormSnapshot(header, definition, store.values(form_id),
                        entry.kept_confirmations(store, form_id), conflicts,
                        entry.read_draft(store, form_id) if opening else None)


@dataclass(frozen=True)
class SavePlan:
    """What one save writes, and what it leaves out."""

    #: Field -> what was typed (None: cleared), as the store takes it.
    changes: dict[str, Any]
    #: Field -> the engine's normalised value ('១២' is 12), as the store will hold it.
    normalised: dict[str, Value]
    #: New confirmations of warnings the saved form still has ("field:code" -> reason).
    confirmations: dict[str, str]
    #: Fields left out for their errors: they stay typed, and in the draft.
    refused: list[str]

    def __bool__(self) -> bool:
        return bool(self.changes or self.confirmations)


@dataclass(frozen=True)
class StatusCounts:
    """What the status line counts."""

    errors: int  # wrong values: they block a save of their field
    unconfirmed: int  # warnings still without a reason
    missing: int  # required figures still empty (they block only a submission)


class FormEntry:
    """The entry state of one form: saved values, edits, confirmations, and the checks."""

    def __init__(self, definition: FormDefinition | None) -> None:
        self.definition = definition
        #: The entered fields, in form order.
        self.fields: tuple[str, ...] = tuple(
            key for indicator in definition.indicators() for key in indicator.entered_fields
        ) if definition is not None else ()
        #: Shown, but not changeable: nothing is recorded, saved or kept as a draft.
        self.read_only = True
        self.saved: dict[str, Value] = {}
        #: What was typed and not saved: field -> raw entry (None: cleared).
        self.edits: dict[str, Any] = {}
        #: Confirmations given here and not saved ("field:code" -> reason).
        self.new_confirmations: dict[str, str] = {}
        #: Confirmations saved before.
        self.kept_confirmations: dict[str, str] = {}
        #: What the engine said at the last check.
        self.result: ValidationResult | None = None
        #: Edits of an earlier opening were restored from the draft, and are not saved yet.
        self.restored_draft = False
        #: The draft last written (None: none yet, or the last write failed).
        self.draft_written: Draft | None = None

    # ------------------------------------------------------------------ loading

    def load(self, snapshot: FormSnapshot, *, read_only: bool) -> dict[str, Any]:
        """Start from the saved form; its draft's edits (unless read-only) come back. The
        typed values restored, field -> raw entry, to show in their fields."""
        self.read_only = read_only
        self.saved = dict(snapshot.saved)
        self.kept_confirmations = dict(snapshot.kept_confirmations)
        draft = snapshot.draft
        if draft is None or read_only:
            return {}
        # A field of another definition version has nothing to show it in: left out.
        restored = {k: raw for k, raw in draft.values.items() if k in self.fields}
        self.edits.update(restored)
        self.new_confirmations = dict(draft.confirmations)
        self.draft_written = Draft(dict(self.edits), dict(self.new_confirmations))
        self.restored_draft = bool(self.edits or self.new_confirmations)
        return restored

    def reload(self, snapshot: FormSnapshot, *, read_only: bool) -> list[str]:
        """Values or status changed underneath (a sync, another screen): take them,
        keeping the edits. The fields whose saved value is to be shown again."""
        self.read_only = read_only
        before, self.saved = self.saved, dict(snapshot.saved)
        self.kept_confirmations = dict(snapshot.kept_confirmations)
        return [key for key in self.fields
                if key not in self.edits and self.saved.get(key) != before.get(key)]

    # ------------------------------------------------------------------ editing

    def edit(self, key: str, raw: Any) -> bool:
        """Record what was typed in a field; False (nothing recorded) when read-only."""
        if self.read_only:
            return False
        self.edits[key] = raw
        return True

    def confirm(self, key: str, reason: str) -> bool:
        """Confirm warning "field:code" with a reason; False when read-only. Giving back
        the reason already saved is no change."""
        if self.read_only:
            return False
        if self.kept_confirmations.get(key) == reason:
            self.new_confirmations.pop(key, None)
        else:
            self.new_confirmations[key] = reason
        return True

    def discard(self) -> None:
        """Forget every edit and confirmation not saved."""
        self.edits.clear()
        self.new_confirmations.clear()
        self.restored_draft = False

    @property
    def dirty(self) -> bool:
        """True when something typed (or confirmed) is not saved yet."""
        return bool(self.edits or self.new_confirmations)

    @property
    def confirmations(self) -> dict[str, str]:
        """Every confirmation, saved or new ("field:code" -> reason)."""
        return {**self.kept_confirmations, **self.new_confirmations}

    # ------------------------------------------------------------------ checking

    def _saved_fields(self) -> dict[str, Any]:
        """The saved values of fields the definition has."""
        definition = self.definition
        return {k: v for k, v in self.saved.items()
                if definition is not None and definition.has_field(k)}

    def merged(self) -> dict[str, Any]:
        """The form as it stands on screen: saved values with the edits over them."""
        merged = {**self._saved_fields(), **self.edits}
        return {k: v for k, v in merged.items() if not is_empty(v)}

    def check(self) -> ValidationResult | None:
        """Run the shared engine over the form as it stands (None without a definition).
        An edit that comes back to the saved value is no edit any more ('12' retyped as
        '១២')."""
        if self.definition is None:
            return None
        result = validate(self.definition, self.merged())
        self.result = result
        blocking = self.blocking_fields()
        for key in list(self.edits):
            if key not in blocking and result.values.get(key) == self.saved.get(key):
                del self.edits[key]
        return result

    def blocking_fields(self) -> set[str]:
        """The fields whose value is wrong at the last check (an empty required one is
        not wrong: it only stops a submission)."""
        result = self.result
        return {p.field for p in (result.errors if result else ())
                if p.code not in SUBMIT_ONLY}

    def status_counts(self) -> StatusCounts:
        """Errors to fix, warnings to confirm and required figures still empty."""
        result = self.result
        if result is None:
            return StatusCounts(0, 0, 0)
        confirmations = self.confirmations
        return StatusCounts(
            errors=sum(1 for p in result.errors if p.code not in SUBMIT_ONLY),
            unconfirmed=sum(1 for p in result.warnings
                            if f"{p.field}:{p.code}" not in confirmations),
            missing=sum(1 for p in result.errors if p.code in SUBMIT_ONLY))

    def problems_by_indicator(self) -> dict[str, list[Problem]]:
        """The problems of the last check shown at each indicator (a missing figure is
        counted in the status line instead, not shouted at every field)."""
        shown: dict[str, list[Problem]] = {}
        for problem in self.result.problems if self.result is not None else ():
            if problem.code not in SUBMIT_ONLY:
                shown.setdefault(problem.indicator, []).append(problem)
        return shown

    def status_parts(self, language: str, translate: Translate) -> list[tuple[str, str]]:
        """The status line: the form's state, then what is left to do, each with how it
        is shown ("unsaved", "error", "warning", or "" for plain text)."""
        if self.read_only:
            parts = [(translate("FormEditor", "Read only"), "")]
        elif self.dirty:
            parts = [(translate("FormEditor", "Unsaved changes (kept as a draft)"), "unsaved")]
        else:
            parts = [(translate("FormEditor", "All changes saved"), "")]
        counts = self.status_counts()
        if counts.errors:
            parts.append((translate("FormEditor", "{0} error(s) to fix").format(
                _n(counts.errors, language)), "error"))
        if counts.unconfirmed:
            parts.append((translate("FormEditor", "{0} warning(s) to confirm").format(
                _n(counts.unconfirmed, language)), "warning"))
        if counts.missing:
            parts.append((translate("FormEditor", "{0} required figure(s) still empty").format(
                _n(counts.missing, language)), ""))
        return parts

    # ------------------------------------------------------------------ saving

    def savable_changes(self) -> tuple[dict[str, Any], list[str], ValidationResult]:
        """The edits the store will take, the fields left out for their errors, and the
        form as it will be once saved.

        Leaving one field out can make another wrong (a rule between them now reads the
        saved value), so this repeats until nothing more is left out.
        """
        assert self.definition is not None
        candidates = {k: (None if is_empty(v) else v) for k, v in self.edits.items()}
        refused: list[str] = []
        while True:
            merged = {**self._saved_fields(), **candidates}
            result = validate(self.definition, {k: v for k, v in merged.items()
                                                if not is_empty(v)})
            wrong = {p.field for p in result.errors
                     if p.code not in SUBMIT_ONLY and p.field in candidates}
            if not wrong:
                return candidates, refused, result
            for key in wrong:
                del candidates[key]
                refused.append(key)

    def plan_save(self) -> SavePlan:
        """What a save now would write: every valid edit, and the new confirmations of
        warnings the saved form still has. Empty (false) when there is nothing to save."""
        changes, refused, final = self.savable_changes()
        warned = {f"{p.field}:{p.code}" for p in final.warnings}
        confirmations = {k: r for k, r in self.new_confirmations.items() if k in warned}
        normalised = {k: None if v is None else final.values.get(k) for k, v in changes.items()}
        return SavePlan(changes, normalised, confirmations, refused)

    def saved_done(self, plan: SavePlan) -> None:
        """The store took `plan`: what it wrote is saved; what was typed over it while it
        was saving stays an edit."""
        # Only what this save wrote changed: no need to read the whole form back.
        for key, value in plan.normalised.items():
            if value is None:
                self.saved.pop(key, None)
            else:
                self.saved[key] = value
        self.kept_confirmations.update(plan.confirmations)
        for key, raw in plan.changes.items():
            current = self.edits.get(key, ...)
            if current is not ... and (current == raw or (is_empty(current) and is_empty(raw))):
                del self.edits[key]
        for key, reason in plan.confirmations.items():
            if self.new_confirmations.get(key) == reason:
                del self.new_confirmations[key]
        self.restored_draft = False

    # ------------------------------------------------------------------ the draft

    def draft_to_write(self, *, force: bool = False) -> Draft | None:
        """The draft to keep now, or None when the one kept is already it (or there is
        nothing, and nothing was kept). `force`: always (an empty draft forgets it)."""
        draft = Draft(dict(self.edits), dict(self.new_confirmations))
        written = self.draft_written
        if not force and written is not None and (
                written.values == draft.values and written.confirmations == draft.confirmations):
            return None
        if not force and written is None and not draft:
            return None
        self.draft_written = draft
        return draft

    def draft_lost(self) -> None:
        """The last draft could not be written: the next one is written whatever it is."""
        self.draft_written = None


# ---------------------------------------------------------------------- what the screen says


def _n(number: int, language: str) -> str:
    """A figure inside a sentence, in the digits of the interface language."""
    return to_khmer_digits(str(number)) if language == "km" else str(number)


def locked_note(status: str, role: str, language: str, translate: Translate) -> str:
    """What an approved or published form says, naming who can unlock it for the
    person signed in: only a national administrator unlocks (common/roles.py)."""
    names = STATUS_NAMES.get(status, (status,) * 2)
    shown = names[0] if language == "km" else names[1].lower()
    if may(role, "unlock"):
        return translate("FormEditor", "This form is {0}: it is shown read-only. To correct "
                         "it, unlock it with a reason (Form menu, Unlock with a "
                         "reason…).").format(shown)
    # A district or provincial officer asks the national level directly; a commune's or
    # a unit's people go through their district officer.
    if role in ROLES and scope_level(role) in ("district", "province"):
        return translate("FormEditor", "This form is {0}: it is shown read-only. Only a "
                         "national administrator can unlock it: ask one, saying which figure "
                         "is wrong and why.").format(shown)
    return translate("FormEditor", "This form is {0}: it is shown read-only. If a figure is "
                     "wrong, tell your district officer: they ask a national administrator to "
                     "unlock it.").format(shown)


def form_notes(header: FormHeader, *, has_definition: bool, read_only: bool, role: str,
               restored_draft: bool, language: str, translate: Translate) -> list[str]:
    """The notes over a form: why it cannot be changed, why it came back, and that
    earlier typing was restored."""
    notes = []
    if not has_definition:
        notes.append(translate("FormEditor", "The definition of this form is not on this "
                               "computer: sync first."))
    elif is_locked(header.status):
        notes.append(locked_note(header.status, role, language, translate))
    elif read_only:
        notes.append(translate("FormEditor", "Your role may read this form but not change "
                               "it."))
    if header.status == "returned" and header.status_comment:
        # Returned by a district (or provincial) officer, or unlocked by a national
        # administrator: the comment says why, whoever wrote it.
        notes.append(translate("FormEditor", "Returned for correction, with this comment: "
                               "{0}").format(header.status_comment))
    if restored_draft:
        notes.append(translate("FormEditor", "Changes you typed earlier and did not save were "
                               "restored. Save them (Ctrl+S), or discard them."))
    return notes


def why_not_saved(error: Exception, *, deleted: bool, language: str,
                  translate: Translate) -> str:
    """Why a save failed (the form itself still unlocked): `deleted`, the form is no
    longer in the store."""
    if isinstance(error, StoreError) and deleted:
        return translate("FormEditor", "Not saved: this form is no longer on this computer "
                         "(it was deleted). What you typed is still on screen.")
    if isinstance(error, StoreError) and error.problems:
        details = "; ".join(p.get(f"message_{language}", "") or p.get("code", "")
                            for p in error.problems)
        return translate("FormEditor", "Not saved: some figures are not valid ({0}). Correct "
                         "them and save again.").format(details)
    if isinstance(error, StoreError):
        # The store's own sentence (a store that cannot be written, say).
        return translate("FormEditor", "Not saved: {0}").format(str(error))
    return translate("FormEditor", "Not saved: this computer could not write the change. "
                     "What you typed is still on screen: save again, and if it fails again, "
                     "do not close the form and ask for help.")


@dataclass(frozen=True)
class PasteOutcome:
    """What a paste did, field names as a message names them."""

    count: int  # values pasted
    filled: list[str]  # the fields that took one, in form order
    unusable: list[tuple[str, str]]  # (value, field) not among the field's choices
    cut: list[str]  # fields whose value was too long, and cut
    last: str | None  # the last field, when values were left over after it
    wrong: int  # filled fields whose value is wrong


def paste_report(outcome: PasteOutcome, language: str,
                 translate: Translate) -> tuple[str, str]:
    """What a paste did, said in full, and how it went: "done", "warning" (values left
    over) or "error" (values not taken, cut, or wrong)."""
    filled, unusable, cut = outcome.filled, outcome.unusable, outcome.cut
    parts = []
    if filled:
        parts.append(translate("FormEditor", "Pasted {0} value(s) into {1} field(s), from "
                               "“{2}” to “{3}”.").format(
            _n(len(filled), language), _n(len(filled), language), filled[0], filled[-1]))
    else:
        parts.append(translate("FormEditor", "Nothing was pasted."))
    left_out = outcome.count - len(filled) - len(unusable)
    level = "done"
    if left_out > 0 and outcome.last is not None:
        parts.append(translate("FormEditor", "{0} more value(s) were left out: the form has "
                               "no field after “{1}”.").format(_n(left_out, language),
                                                              outcome.last))
        level = "warning"
    if unusable:
        parts.append(translate("FormEditor", "{0} value(s) are not among the choices of their "
                               "field and were not pasted: {1}.").format(
            _n(len(unusable), language),
            "; ".join(f"“{value}” ({name})" for value, name in unusable)))
        level = "error"
    if cut:
        parts.append(translate("FormEditor", "{0} value(s) were too long for their field and "
                               "were cut: {1}.").format(_n(len(cut), language), "; ".join(cut)))
        level = "error"
    if outcome.wrong:
        parts.append(translate("FormEditor", "{0} of them have errors, marked in red: correct "
                               "them before saving.").format(_n(outcome.wrong, language)))
        level = "error"
    return " ".join(parts), level


def describe_conflict(conflict: ConflictView, *, me: str, decides: bool,
                      shown: Callable[[Any], str], when: Callable[[Any], str],
                      translate: Translate) -> str:
    """What a field's conflict mark says when pointed at: whose value replaced whose,
    and when. `me`: the signed-in person's id; `decides`: whether they settle it; `shown`
    and `when` put a value and a moment in words."""

    def person(name: str | None, at: Any) -> str:
        who = name or translate("FormEditor", "another person")
        moment = when(at)
        return f"{who} ({moment})" if moment else who

    mine, _theirs = conflict.sides(me)
    if mine == "incoming":
        text = translate("FormEditor", "{0} entered {1} for this figure; your value, {2}, is "
                         "set aside until the conflict is settled.").format(
            person(conflict.current_name, conflict.current_at), shown(conflict.current),
            shown(conflict.incoming))
    elif mine == "current":
        text = translate("FormEditor", "{0} entered another value, {1}, for this figure; it "
                         "is set aside until the conflict is settled.").format(
            person(conflict.incoming_name, conflict.incoming_at), shown(conflict.incoming))
    else:
        text = translate("FormEditor", "Two values for this figure: {0} on the form, from "
                         "{1}; {2} set aside, from {3}.").format(
            shown(conflict.current), person(conflict.current_name, conflict.current_at),
            shown(conflict.incoming), person(conflict.incoming_name, conflict.incoming_at))
    text = text[:1].upper() + text[1:]  # "another person entered…" starts a sentence
    return text + " " + (translate("FormEditor", "Click to see both values and choose.")
                         if decides else translate(
                             "FormEditor", "Click to see both values; you may propose the "
                             "right one to the district officer, who decides."))


def saved_report(plan: SavePlan, language: str, translate: Translate) -> str:
    """What a save says when it is done, or (`plan` empty) why nothing was saved ("" when
    there was simply nothing to save)."""
    refused = _n(len(plan.refused), language)
    if not plan:
        return translate("FormEditor", "Nothing saved: {0} figure(s) have errors. Correct the "
                         "fields marked in red.").format(refused) if plan.refused else ""
    if plan.refused:
        return translate("FormEditor", "Saved, except {0} figure(s) with errors: they are kept "
                         "as a draft until corrected (marked in red).").format(refused)
    return translate("FormEditor", "Saved.")
