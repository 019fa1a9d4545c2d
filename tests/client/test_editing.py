"""The form entry state without a screen (client/editing.py): what an edit, a
confirmation, a save and a draft do to one form, over a real local store and the real
health-center definition."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from client.editing import (
    FormEntry,
    PasteOutcome,
    describe_conflict,
    form_notes,
    locked_note,
    may_edit,
    paste_report,
    pasted_choice,
    read_form,
    saved_report,
    why_not_saved,
)
from client.store import entry
from client.store.entry import ConflictView, Draft
from client.store.errors import StoreError
from client.store.models import LocalForm
from client.store.repository import LocalStore
from common.forms import load_definitions
from common.forms.store import publish_definition

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = {d.form: d for d in load_definitions(ROOT / "forms")}
UNIT = "979e71da-0000-4000-8000-000000000001"
CONFIRM_KEY = "expected_pregnancies:expected_pregnancies_plausible"


def english(_context: str, text: str) -> str:
    """The translate of an English interface: the source text itself."""
    return text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    """A local store holding the published definitions, as after a first sync."""
    local = LocalStore(tmp_path / "store.sqlite")
    with local.transaction() as session:
        for definition in DEFINITIONS.values():
            publish_definition(session, definition)
    yield local
    local.close()


@pytest.fixture
def form_id(store: LocalStore) -> str:
    """A new health-center form for 2026."""
    return store.create_form(unit_id=UNIT, year=2026, form_code="health_center")


def opened(store: LocalStore, form_id: str, role: str = "commune_focal_point") -> FormEntry:
    """The form as the entry screen opens it for `role`."""
    snapshot = read_form(store, form_id, decider=False, opening=True)
    assert snapshot.header is not None
    state = FormEntry(snapshot.definition)
    state.load(snapshot, read_only=not may_edit(snapshot.header.status, role))
    state.check()
    return state


def typed(state: FormEntry, **values: str) -> None:
    """Type each value into its field, the form checked after each, as on screen."""
    for key, raw in values.items():
        assert state.edit(key, raw)
        state.check()


def saved(store: LocalStore, form_id: str, state: FormEntry) -> None:
    """Save what can be saved, as the screen's save does."""
    plan = state.plan_save()
    assert plan
    store.save_values(form_id, plan.changes, confirmations=plan.confirmations)
    state.saved_done(plan)
    state.check()


# --------------------------------------------------------------------------- editing


def test_an_edit_makes_the_form_dirty_and_typing_the_saved_value_back_does_not(
        store: LocalStore, form_id: str) -> None:
    store.save_values(form_id, {"anc1": 42})
    state = opened(store, form_id)
    assert not state.dirty
    typed(state, anc1="50")
    assert state.dirty and state.merged()["anc1"] == "50"
    typed(state, anc1="៤២")  # the saved 42, in Khmer digits
    assert not state.dirty
    assert state.edits == {}


def test_clearing_a_saved_figure_is_an_edit_that_saves_as_a_clear(
        store: LocalStore, form_id: str) -> None:
    store.save_values(form_id, {"anc1": 42, "anc4": 7})
    state = opened(store, form_id)
    typed(state, anc1="  ")
    assert state.dirty and "anc1" not in state.merged()
    saved(store, form_id, state)
    assert store.values(form_id) == {"anc4": 7}
    assert not state.dirty


def test_discarding_forgets_every_edit_and_confirmation(store: LocalStore,
                                                        form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, catchment_population="12000", expected_pregnancies="100")
    assert state.confirm(CONFIRM_KEY, "new villages joined")
    state.discard()
    state.check()
    assert not state.dirty and state.merged() == {}


# --------------------------------------------------------------------------- confirmations


def test_a_figure_out_of_its_expected_range_waits_for_a_reason_that_goes_with_the_save(
        store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, catchment_population="12000", expected_pregnancies="100")
    assert state.status_counts().unconfirmed == 1
    assert [p.code for p in state.problems_by_indicator()["expected_pregnancies"]] == [
        "expected_pregnancies_plausible"]
    # A warning does not hold the figure back, but it is saved with no reason until given.
    assert state.plan_save().confirmations == {}

    assert state.confirm(CONFIRM_KEY, "new villages joined")
    assert state.status_counts().unconfirmed == 0
    plan = state.plan_save()
    assert plan.confirmations == {CONFIRM_KEY: "new villages joined"}
    assert plan.normalised == {"catchment_population": 12000, "expected_pregnancies": 100}

    saved(store, form_id, state)
    assert not state.dirty
    again = opened(store, form_id)
    assert again.kept_confirmations == {CONFIRM_KEY: "new villages joined"}
    assert again.status_counts().unconfirmed == 0


def test_the_saved_reason_given_again_is_no_change_and_a_new_one_is(
        store: LocalStore, form_id: str) -> None:
    store.save_values(form_id, {"catchment_population": 12000, "expected_pregnancies": 100},
                      confirmations={CONFIRM_KEY: "new villages joined"})
    state = opened(store, form_id)
    assert state.confirm(CONFIRM_KEY, "new villages joined")
    assert not state.dirty
    assert state.confirm(CONFIRM_KEY, "a census was taken")
    assert state.dirty and state.confirmations[CONFIRM_KEY] == "a census was taken"


def test_a_confirmation_of_a_warning_gone_by_the_save_is_not_sent(
        store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, catchment_population="12000", expected_pregnancies="100")
    assert state.confirm(CONFIRM_KEY, "new villages joined")
    typed(state, expected_pregnancies="300")  # 2.5 percent: nothing to confirm any more
    assert state.status_counts().unconfirmed == 0
    assert state.plan_save().confirmations == {}


# --------------------------------------------------------------------------- saving


def test_a_wrong_figure_is_left_out_of_the_save_and_stays_typed(store: LocalStore,
                                                                form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, catchment_villages="500")  # at most 300
    assert state.blocking_fields() == {"catchment_villages"}
    assert state.status_counts().errors == 1
    nothing = state.plan_save()
    assert not nothing and nothing.refused == ["catchment_villages"]
    assert saved_report(nothing, "en", english).startswith(
        "Nothing saved: 1 figure(s) have errors.")

    typed(state, health_posts="2")
    plan = state.plan_save()
    assert plan.changes == {"health_posts": "2"} and plan.refused == ["catchment_villages"]
    saved(store, form_id, state)
    assert store.values(form_id) == {"health_posts": 2}
    assert state.dirty and state.edits == {"catchment_villages": "500"}
    assert saved_report(plan, "en", english).startswith(
        "Saved, except 1 figure(s) with errors")


def test_a_rule_between_fields_keeps_back_only_the_field_it_makes_wrong(
        store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, **{"staff_midwives.female": "1", "staff_midwives.male": "0",
                    "staff_midwives_secondary": "3"})
    plan = state.plan_save()
    assert plan.refused == ["staff_midwives_secondary"]
    assert set(plan.changes) == {"staff_midwives.female", "staff_midwives.male"}


def test_what_is_typed_while_saving_stays_an_edit(store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, anc1="5")
    plan = state.plan_save()
    typed(state, anc1="6")  # the save is still on its way
    store.save_values(form_id, plan.changes)
    state.saved_done(plan)
    state.check()
    assert state.saved["anc1"] == 5
    assert state.edits == {"anc1": "6"} and state.dirty


def test_nothing_is_recorded_on_an_approved_form(store: LocalStore, form_id: str) -> None:
    with store.transaction() as session:
        form = session.get(LocalForm, form_id)
        assert form is not None
        form.status = "approved"
    state = opened(store, form_id)
    assert state.read_only
    assert not state.edit("anc1", "5")
    assert not state.confirm(CONFIRM_KEY, "a reason")
    assert not state.dirty
    assert not may_edit("draft", "caf")  # a role that only reads


# --------------------------------------------------------------------------- drafts


def test_a_draft_is_kept_once_per_change_and_comes_back_when_the_form_opens(
        store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    assert state.draft_to_write() is None  # nothing typed, nothing kept: nothing to write
    typed(state, anc1="12")
    draft = state.draft_to_write()
    assert draft is not None and draft.values == {"anc1": "12"}
    assert state.draft_to_write() is None  # the same draft is not written twice
    entry.write_draft(store, form_id, draft)

    again = opened(store, form_id)
    assert again.restored_draft and again.dirty
    assert again.edits == {"anc1": "12"}


def test_a_draft_field_the_definition_does_not_have_is_left_out(store: LocalStore,
                                                                form_id: str) -> None:
    entry.write_draft(store, form_id, Draft({"anc1": "3", "no_such_field": "9"}))
    snapshot = read_form(store, form_id, decider=False, opening=True)
    state = FormEntry(snapshot.definition)
    assert state.load(snapshot, read_only=False) == {"anc1": "3"}


def test_a_failed_draft_write_is_tried_again_whatever_it_holds(store: LocalStore,
                                                               form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, anc1="12")
    assert state.draft_to_write() is not None
    state.draft_lost()
    assert state.draft_to_write() is not None


def test_a_change_underneath_shows_new_saved_values_and_keeps_the_typing(
        store: LocalStore, form_id: str) -> None:
    state = opened(store, form_id)
    typed(state, anc1="7")
    store.save_values(form_id, {"anc1": 9, "anc4": 3})  # another screen, or a sync
    changed = state.reload(read_form(store, form_id, decider=False), read_only=False)
    assert changed == ["anc4"]
    state.check()
    assert state.merged()["anc1"] == "7" and state.merged()["anc4"] == 3


# --------------------------------------------------------------------------- words


def test_a_pasted_word_stands_for_a_yes_a_no_or_nothing() -> None:
    indicator = next(i for i in DEFINITIONS["health_center"].indicators()
                     if i.type == "yes_no")
    items = [(None, ""), (True, "Yes"), (False, "No")]
    assert pasted_choice(indicator, "បាទ", items) == 1
    assert pasted_choice(indicator, "0", items) == 2
    assert pasted_choice(indicator, " ", items) == 0
    assert pasted_choice(indicator, "maybe", items) == -1


def test_a_paste_says_what_went_where_and_what_did_not() -> None:
    text, level = paste_report(PasteOutcome(4, ["Doctors (Female)", "Doctors (Male)"], [],
                                            [], "Doctors (Male)", 0), "km", english)
    assert text.startswith("Pasted ២ value(s) into ២ field(s)")
    assert "២ more value(s) were left out" in text and level == "warning"
    _text, level = paste_report(PasteOutcome(1, [], [("maybe", "Electricity")], [], None, 0),
                                "en", english)
    assert level == "error"


def test_the_notes_name_who_unlocks_for_each_role(store: LocalStore, form_id: str) -> None:
    assert "unlock it with a reason" in locked_note("approved", "national_admin", "en",
                                                     english)
    assert "Only a national administrator" in locked_note("approved", "dmk_officer", "en",
                                                          english)
    assert "tell your district officer" in locked_note("approved", "commune_focal_point",
                                                       "en", english)
    header = read_form(store, form_id, decider=False).header
    assert header is not None
    assert form_notes(header, has_definition=True, read_only=True, role="caf",
                      restored_draft=True, language="en", translate=english) == [
        "Your role may read this form but not change it.",
        "Changes you typed earlier and did not save were restored. Save them (Ctrl+S), or "
        "discard them."]


def test_a_failed_save_says_why() -> None:
    assert "it was deleted" in why_not_saved(StoreError("gone"), deleted=True, language="en",
                                             translate=english)
    invalid = StoreError("no", problems=[{"code": "max", "message_en": "Must be at most 300."}])
    assert "(Must be at most 300.)" in why_not_saved(invalid, deleted=False, language="en",
                                                     translate=english)
    assert "could not write the change" in why_not_saved(OSError(), deleted=False,
                                                         language="en", translate=english)


def test_a_conflict_mark_says_whose_value_waits() -> None:
    conflict = ConflictView(id="c1", form_id="f1", field="anc1", status="open", base=None,
                            current=5, incoming=7, current_by="u2", incoming_by="me",
                            current_name="Sokha")
    text = describe_conflict(conflict, me="me", decides=False, shown=str,
                             when=lambda _at: "", translate=english)
    assert text.startswith("Sokha entered 5 for this figure; your value, 7, is set aside")
    assert text.endswith("who decides.")


def test_the_entry_state_runs_without_qt() -> None:
    code = ("import sys, client.editing; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
