"""Plausible ranges: every number has one (the definition's `expected`, or the default of
what it measures), and a figure outside it is a warning that needs a reason, on the
client's engine and on the server alike."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from common.forms import build_definition, load_definitions, parse_definition_text, validate
from common.forms.definition import DEFAULT_EXPECTED
from common.forms.store import PublishedDefinition, publish_definition
from server.accounts.models import User
from server.cli import FORMS_DIR
from server.data import service
from server.demo_values import demo_values
from server.errors import ServiceError, ValidationFailedError
from tests.server.conftest import seed_world

DEFINITIONS = {d.form: d for d in load_definitions(FORMS_DIR)}
HC = DEFINITIONS["health_center"]

SMALL_FORM = """\
form: health_center
service_kind: health_center
version: 1
title: {km: "ទម្រង់សាកល្បង", en: "Test form"}
sections:
  - code: main
    title: {km: "ផ្នែកមេ", en: "Main"}
    indicators:
      - code: balance
        label: {km: "សមតុល្យដើមឆ្នាំ", en: "Opening balance"}
        type: money
        unit: {km: "រៀល", en: "Riel"}
      - code: fund
        label: {km: "មូលនិធិ", en: "Fund"}
        type: money
        unit: {km: "រៀល", en: "Riel"}
        expected: {max: 20000000000000}
      - code: fee
        label: {km: "ថ្លៃសេវា", en: "Fee"}
        type: money
        unit: {km: "រៀល", en: "Riel"}
        expected: {max: 50000}
      - code: big_only
        label: {km: "ធំ", en: "Big"}
        type: count
        expected: {min: 20000}
      - code: residents
        label: {km: "អ្នករស់នៅ", en: "Residents"}
        type: count
        unit: {km: "នាក់", en: "persons"}
        disaggregation: sex
      - code: meetings
        label: {km: "កិច្ចប្រជុំ", en: "Meetings"}
        type: count
        unit: {km: "ដង", en: "meetings"}
      - code: share
        label: {km: "ភាគរយ", en: "Share"}
        type: percent
"""
SMALL = parse_definition_text(SMALL_FORM)


def warnings(definition: Any, values: dict[str, Any]) -> dict[str, Any]:
    """field -> the warning raised on it."""
    return {p.field: p for p in validate(definition, values).warnings}


# --------------------------------------------------------------------------- the engine


def test_a_riel_amount_of_a_trillion_warns_with_the_figure_and_range_in_each_language() -> None:
    # The opening balance of a health center: its definition sets no range of its own.
    assert HC.indicator("balance_start").expected_min is None
    assert HC.indicator("balance_start").expected_max is None
    for typed in (10**12, "1000000000000", "1,000,000,000,000", "១០០០០០០០០០០០០"):
        found = warnings(HC, {"balance_start": typed})
        assert list(found) == ["balance_start"], typed
        problem = found["balance_start"]
        assert (problem.code, problem.severity) == ("unusual_high", "warning")
    message = problem.message
    assert message.en.startswith("1,000,000,000,000\u00a0Riel is unusually high")
    assert "at most 5,000,000,000\u00a0Riel" in message.en
    assert "reason" in message.en
    assert "១,០០០,០០០,០០០,០០០\u00a0រៀល" in message.km
    assert "៥,០០០,០០០,០០០\u00a0រៀល" in message.km
    assert not any(c.isascii() and c.isdigit() for c in message.km)
    assert "មូលហេតុ" in message.km  # the reason asked for


def test_normal_figures_do_not_warn() -> None:
    assert warnings(HC, {"balance_start": 25_000_000}) == {}
    assert warnings(HC, {"balance_start": 5_000_000_000}) == {}  # the bound itself is usual
    # Whole demo forms (believable figures of every kind of unit) raise no warning at all.
    for definition in DEFINITIONS.values():
        for seed in range(20):
            rng = random.Random(seed)
            values = demo_values(definition, rng, size=rng.uniform(0.5, 2.0))
            assert validate(definition, values).warnings == (), (definition.form, seed)


def test_every_number_has_a_default_range_by_what_it_measures() -> None:
    assert SMALL.indicator("balance").expected_range == DEFAULT_EXPECTED["riel"]
    assert SMALL.indicator("residents").measure == "people"
    assert SMALL.indicator("meetings").measure == "count"
    assert HC.indicator("catchment_households").measure == "households"
    assert HC.indicator("stockout_days").measure == "days"
    found = warnings(SMALL, {"balance": 6_000_000_000, "meetings": 10_001,
                             "residents.female": 150_000, "residents.male": 60_000})
    assert sorted(found) == ["balance", "meetings", "residents"]  # a split one: its total
    assert "210,000\u00a0persons" in found["residents"].message.en
    assert "២១០,០០០\u00a0នាក់" in found["residents"].message.km
    # A percentage has its hard range 0-100 and nothing narrower by default.
    assert warnings(SMALL, {"share": "100"}) == {}
    # No number of any real form escapes: each has an upper bound (its own or the default).
    for definition in DEFINITIONS.values():
        for indicator in definition.indicators():
            if indicator.type in ("count", "money") and not indicator.is_computed:
                assert indicator.expected_range[1] is not None, indicator.code


def test_a_definitions_own_range_overrides_the_default() -> None:
    # Its own maximum above the default: a trillion is usual here.
    assert warnings(SMALL, {"fund": 10**12}) == {}
    assert "fund" in warnings(SMALL, {"fund": 3 * 10**13})
    # Its own maximum below the default: 60,000 Riel is unusual for a fee.
    fee = warnings(SMALL, {"fee": 60_000})["fee"]
    assert "at most 50,000\u00a0Riel" in fee.message.en
    assert warnings(SMALL, {"fee": 50_000}) == {}
    # Its own minimum above the default maximum: the default maximum gives way.
    assert warnings(SMALL, {"big_only": 90_000}) == {}
    low = warnings(SMALL, {"big_only": 500})["big_only"]
    assert low.code == "unusual_low" and "at least 20,000" in low.message.en
    # Real forms: a health center's 30 midwives exceed its own range of 10.
    assert "staff_midwives" in warnings(HC, {"staff_midwives.female": 30,
                                             "staff_midwives.male": 0})


def test_a_definition_published_before_defaults_existed_still_loads_and_gets_them() -> None:
    # What a database holds: the definition's JSON, without any new key.
    for definition in DEFINITIONS.values():
        stored = json.loads(json.dumps(definition.source))
        again = build_definition(stored, filename=definition.key)
        assert again.checksum == definition.checksum  # unchanged content, same identity
    again = build_definition(json.loads(json.dumps(HC.source)))
    assert "balance_start" in warnings(again, {"balance_start": 10**12})


def test_a_published_row_loads_with_the_defaults(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        publish_definition(session, HC)
    with Session(engine) as session:
        row = session.get(PublishedDefinition, ("health_center", HC.version))
        assert row is not None
        loaded = row.definition()
    assert "balance_start" in warnings(loaded, {"balance_start": 10**12})


# --------------------------------------------------------------------------- the server


def test_the_server_refuses_to_submit_a_trillion_without_a_reason(engine: Engine) -> None:
    # The server's data service: what the API and the sync of a desktop's save go through.
    world = seed_world(engine)
    values = demo_values(HC, random.Random(11))
    values["balance_start"] = 10**12
    key = "balance_start:unusual_high"
    with Session(engine) as session, session.begin():
        editor = session.get(User, world.users["editor"])
        assert editor is not None
        form = service.create_form(session, editor, form_id=str(uuid.uuid4()),
                                   unit_id=world.units["home"], year=2025,
                                   form_code="health_center")
        saved = service.update_values(session, editor, form.id, values)  # a warning saves
        assert [(p.field, p.code) for p in saved.result.warnings] == [
            ("balance_start", "unusual_high")]
        with pytest.raises(ValidationFailedError, match="confirmation with a reason"):
            service.transition(session, editor, form.id, "submit")
        with pytest.raises(ServiceError, match="needs a reason"):
            service.update_values(session, editor, form.id, {}, confirmations={key: "  "})
        with pytest.raises(ValidationFailedError):
            service.transition(session, editor, form.id, "submit")
        service.update_values(session, editor, form.id, {},
                              confirmations={key: "Checked against the bank statement"})
        assert service.transition(session, editor, form.id, "submit").form.status == \
            "submitted"


@pytest.mark.parametrize("figure", [25_000_000, 0])
def test_the_server_takes_a_normal_opening_balance_without_a_warning(
        engine: Engine, figure: int) -> None:
    world = seed_world(engine)
    values = demo_values(HC, random.Random(12))
    values["balance_start"] = figure
    with Session(engine) as session, session.begin():
        editor = session.get(User, world.users["editor"])
        assert editor is not None
        form = service.create_form(session, editor, form_id=str(uuid.uuid4()),
                                   unit_id=world.units["home"], year=2025,
                                   form_code="health_center")
        assert service.update_values(session, editor, form.id, values).result.warnings == ()
        assert service.transition(session, editor, form.id, "submit").form.status == \
            "submitted"
