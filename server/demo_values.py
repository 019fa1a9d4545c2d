"""Demo values for yearly forms: believable figures for a demo of the server.

A demo database needs forms that look like the field: a health center of 8,000 to 20,000
people whose antenatal, delivery and vaccination figures hang together, a commune whose
spending fits its budget, a school whose enrolment thins out gently from grade 1 to grade
6. `demo_values` gives a value for every entered field of a definition, so the form is
complete and can be submitted, and the values pass validation without errors.

How values are made:

* a per-form **profile** (`PROFILES`, one function per form code) draws the figures that
  rules tie together, from a few underlying quantities (the catchment population, the
  enrolment, the budget), so rules hold by construction rather than by luck;
* a **generic fallback** gives any field the profile does not name a value from its
  indicator alone (type, hard limits, expected range, standard, choices), so a later
  definition version with a new field still gets a value;
* every profile value is checked against its indicator before use (type, hard limits,
  choices, text length); one that no longer fits, because a later version changed the
  indicator, is replaced by a generic value.

Everything is drawn from the `random.Random` given, so a seed gives the same form every
time. Standards are mostly met but not always: a demo needs both colours.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from common.forms.definition import TIME_PATTERN, FormDefinition, Indicator, time_to_minutes
from common.forms.validation import validate
from server.demo_draws import (
    CONFIRMATION_REASONS,
    REMARKS,
    RIEL_STEP,
    SCHOOL_REMARKS,
    chance,
    clamp,
    clock,
    closing,
    opening,
    person,
    phone,
    riel,
    riel_up,
    sexes,
    split,
    weighted,
)

__all__ = ["PROFILES", "demo_values", "demo_values_with_warnings"]

#: The range of `size` the profiles are tuned for: beyond it some figures would leave the
#: definitions' expected ranges (a catchment of 80,000 people is not a health center's).
SIZE_RANGE = (0.5, 2.0)
#: Values are drawn again (from the same generator, so still deterministic) when a
#: definition has a rule the profile does not know and the first draw breaks it.
MAX_ATTEMPTS = 10
#: How often a yes/no answer or a generic value meets its standard.
STANDARD_MET = 0.85

Profile = Callable[[random.Random, float], dict[str, Any]]


# --------------------------------------------------------------------------- public API


def demo_values(definition: FormDefinition, rng: random.Random, *,
                size: float = 1.0) -> dict[str, Any]:
    """A value for every entered field of `definition`, valid (no errors) and plausible.

    `size` (0.5 to 2.0) scales the unit: a bigger catchment, enrolment or budget. Counts
    and money are ints (money in whole thousands of Riel), percents and ratios floats with
    the indicator's decimals, yes/no bools, times "HH:MM", choices one of their codes.
    Raises ValueError for a size outside 0.5-2.0.
    """
    low, high = SIZE_RANGE
    if not low <= size <= high:
        raise ValueError(f"size must be between {low} and {high}, not {size}")
    best: dict[str, Any] = {}
    best_errors = math.inf
    for _ in range(MAX_ATTEMPTS):
        values = _draw(definition, rng, size)
        # The profiles satisfy the rules of the definitions they were written for on the
        # first draw; only a definition with rules they do not know can need another.
        errors = len(validate(definition, values).errors)
        if errors < best_errors:
            best, best_errors = values, errors
        if not errors:
            break
    return best


def demo_values_with_warnings(definition: FormDefinition, rng: random.Random,
                              size: float = 1.0) -> tuple[dict[str, Any], dict[str, str]]:
    """Demo values, and a confirmation reason for each warning they still raise.

    Reasons are keyed "field:code", as the server takes confirmations, so a demo form can
    be submitted even when a warning slipped in. Usually the reasons are empty.
    """
    values = demo_values(definition, rng, size=size)
    reasons = {f"{problem.field}:{problem.code}": rng.choice(CONFIRMATION_REASONS)
               for problem in validate(definition, values).warnings}
    return values, reasons


# --------------------------------------------------------------------------- drawing


def _draw(definition: FormDefinition, rng: random.Random, size: float) -> dict[str, Any]:
    """One draw: the profile's values where they still fit, generic values elsewhere."""
    profile = PROFILES.get(definition.form)
    # The profile draws first and always all of its fields, so a field added to a later
    # version (drawn generically, after) does not shift the profile's figures.
    proposed = profile(rng, size) if profile else {}
    values: dict[str, Any] = {}
    for key in definition.entered_field_keys():
        indicator = definition.field(key).indicator
        value = _fit(indicator, proposed[key]) if key in proposed else None
        if value is None:
            value = _generic(indicator, rng, size, part=key != indicator.code)
        values[key] = value
    return values


def _fit(indicator: Indicator, value: Any) -> Any:
    """`value` made valid for `indicator` (held within its hard limits); None if it cannot."""
    kind = indicator.type
    if kind in ("count", "money", "percent", "ratio"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if indicator.whole_number and not float(value).is_integer():
            return None
        low, high = _hard_limits(indicator)
        value = min(max(value, low), high)
        if indicator.whole_number:  # limits may be fractional: stay inside them
            return int(math.ceil(value) if value == low else math.floor(value))
        return _decimal(value, indicator.effective_decimals)
    if kind == "yes_no":
        return value if isinstance(value, bool) else None
    if kind == "time":
        return value if isinstance(value, str) and TIME_PATTERN.match(value) else None
    if kind == "choice":
        return value if value in {choice.code for choice in indicator.choices} else None
    if not isinstance(value, str):
        return None
    return value[:indicator.max_length] if indicator.max_length else value


def _hard_limits(indicator: Indicator) -> tuple[float, float]:
    """The limits outside which a value is an error, as the validation engine applies them."""
    low = indicator.min if indicator.min is not None else 0.0
    default_high = 100.0 if indicator.type == "percent" else math.inf
    high = indicator.max if indicator.max is not None else default_high
    return low, high


def _decimal(value: float, decimals: int) -> int | float:
    """A number with at most `decimals` places, as the engine accepts it."""
    return round(value) if decimals == 0 else round(value, decimals)


# --------------------------------------------------------------------------- generic values

#: When an indicator has no upper limit at all, values are drawn up to this (times size).
_DEFAULT_SPAN = {"count": 20, "money": 20_000_000, "percent": 100, "ratio": 5}


def _generic(indicator: Indicator, rng: random.Random, size: float, *, part: bool) -> Any:
    """A plausible value for `indicator` from its definition alone (`part`: one sex)."""
    kind = indicator.type
    if kind in ("count", "money", "percent", "ratio"):
        return _generic_number(indicator, rng, size, part=part)
    if kind == "yes_no":
        standard = indicator.standard
        if standard is not None and isinstance(standard.target, bool):
            return standard.target if chance(rng, STANDARD_MET) else not standard.target
        return chance(rng, 0.75)
    if kind == "time":
        return _generic_time(indicator, rng)
    if kind == "choice":
        return rng.choice(indicator.choices).code
    return _generic_text(indicator, rng)


def _generic_number(indicator: Indicator, rng: random.Random, size: float, *,
                    part: bool) -> int | float:
    """A number within the hard limits and, where possible, the expected range."""
    hard_low, hard_high = _hard_limits(indicator)
    low = max(hard_low, indicator.expected_min if indicator.expected_min is not None
              else hard_low)
    high = min(hard_high, indicator.expected_max if indicator.expected_max is not None
               else hard_high)
    if high == math.inf:
        high = low + _DEFAULT_SPAN[indicator.type] * size
    if low > high:  # an expected range outside the hard limits: the hard limits win
        low, high = hard_low, min(hard_high, hard_low + _DEFAULT_SPAN[indicator.type] * size)
    if part and low <= high / 2:
        # The expected range of a split indicator is about the total (and was about each
        # part before): each part between low and half of high satisfies either reading.
        high = high / 2
    standard = indicator.standard
    if not part and standard is not None and isinstance(standard.target, int | float) \
            and not isinstance(standard.target, bool) and chance(rng, STANDARD_MET):
        target = float(standard.target)
        met = {"at_least": (max(low, target), high), "at_most": (low, min(high, target)),
               "equal": (target, target)}[standard.direction]
        if low <= met[0] <= met[1] <= high:
            low, high = met
    decimals = indicator.effective_decimals
    # Money in whole thousands when the range holds one (a fee range may not), else Riel.
    steps = (RIEL_STEP, 1) if indicator.type == "money" else (10.0 ** -decimals,)
    for step in steps:
        value = _step_between(rng, low, high, step)
        if value is not None:  # 0 is a value, not a miss
            return int(value) if indicator.whole_number else _decimal(value, decimals)
    return math.ceil(low) if indicator.whole_number else _decimal(low, decimals)


def _step_between(rng: random.Random, low: float, high: float, step: float) -> float | None:
    """A multiple of `step` in [low, high], or None when there is none."""
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    if first > last:
        return None
    chosen = rng.randint(first, last)
    return chosen * step if step < 1 else chosen * int(step)


def _generic_time(indicator: Indicator, rng: random.Random) -> str:
    """A time near the standard's target (on the right side, mostly), or early morning."""
    standard = indicator.standard
    if standard is not None and isinstance(standard.target, str):
        target = time_to_minutes(standard.target)
        shift = rng.choice((0, 15, 30, 60))
        met = chance(rng, STANDARD_MET)
        sign = {"at_most": -1, "at_least": 1, "equal": 0}[standard.direction]
        if standard.direction == "equal":
            minutes = target if met else target + 30
        else:
            minutes = target + sign * shift if met else target - sign * rng.choice((15, 30))
    else:
        minutes = 7 * 60 + rng.choice((0, 15, 30, 45, 60))
    return clock(min(max(minutes, 0), 23 * 60 + 59))


def _generic_text(indicator: Indicator, rng: random.Random) -> str:
    """A short text that suits the field's code: a name, a phone number or a remark."""
    code = indicator.code
    if "phone" in code or "tel" in code.split("_"):
        text = phone(rng)
    elif "name" in code.split("_") or code.endswith("_name"):
        text = person(rng)
    else:
        text = rng.choice(REMARKS)
    return text[:indicator.max_length] if indicator.max_length else text


# --------------------------------------------------------------------------- health center


def _health_center(rng: random.Random, size: float) -> dict[str, Any]:
    """A health center: catchment, staff, money, maternal and child health, outpatients."""
    v: dict[str, Any] = {}
    root = math.sqrt(size)  # staff and buildings grow slower than the population

    # Catchment: everything else follows from the population.
    population = clamp(round(rng.uniform(8000, 20000) * size), 2000, 40000)
    villages = clamp(round(population / rng.uniform(700, 1300)), 1, 60)
    households = round(population / rng.uniform(4.2, 4.8))  # about 4.5 people a household
    # The operational district's figures: 2.5-3.5 % of the population are pregnant in a
    # year; children under one are fewer (stillbirths, deaths, migration).
    pregnancies = clamp(round(population * rng.uniform(0.025, 0.035)), 40, 1200)
    under_one = clamp(round(pregnancies * rng.uniform(0.88, 0.97)), 40, 1200)
    v.update(
        hc_chief_name=person(rng), hc_phone=phone(rng),
        catchment_communes=clamp(round(villages / rng.uniform(8, 14)), 1, 6),
        catchment_villages=villages, catchment_population=population,
        catchment_households=households,
        id_poor_households=round(households * rng.uniform(0.08, 0.22)),
        expected_pregnancies=pregnancies, children_under_one=under_one,
        health_posts=weighted(rng, (0, 1, 2), (6, 3, 1)),
    )

    # Staff: midwives are women (a man now and then); doctors are rare at a health center.
    midwives = max(1, round(rng.uniform(2, 5) * root))
    male_midwives = 1 if chance(rng, 0.1) else 0
    sexes(v, "staff_midwives", (max(1, midwives - male_midwives), male_midwives))
    midwives = v["staff_midwives.female"] + male_midwives
    # Most health centers have a secondary midwife, not all (the standard is not always met).
    v["staff_midwives_secondary"] = 0 if chance(rng, 0.12) else rng.randint(1, midwives)
    sexes(v, "staff_doctors", split(rng, weighted(rng, (0, 1, 2), (55, 38, 7)), (0.1, 0.5)))
    sexes(v, "staff_medical_assistants",
          split(rng, max(1, round(rng.uniform(0.8, 3.2) * root)), (0.1, 0.4)))
    sexes(v, "staff_nurses", split(rng, max(1, round(rng.uniform(2, 6) * root)), (0.3, 0.7)))
    sexes(v, "staff_other_health", split(rng, rng.randint(0, 2), (0.3, 0.7)))
    sexes(v, "staff_support", split(rng, rng.randint(1, 4), (0.2, 0.6)))

    # Opening hours: 24-hour duty goes with seven days a week (a warning otherwise).
    days = weighted(rng, (7, 6, 5), (85, 8, 7))
    v.update(
        opening_time=opening(rng), closing_time=closing(rng), days_open_per_week=days,
        open_24h=days == 7 and chance(rng, 0.85), delivery_24h=chance(rng, 0.85),
        service_info_posted=chance(rng, 0.8), suggestion_box=chance(rng, 0.85),
        hcmc_meetings=weighted(rng, (2, 3, 4, 6, 12), (1, 2, 6, 2, 1)),
    )

    v.update(
        has_electricity=chance(rng, 0.95), has_clean_water=chance(rng, 0.8),
        has_delivery_room=chance(rng, 0.9), has_vaccine_fridge=chance(rng, 0.9),
        has_referral_transport=chance(rng, 0.6),
        toilets_usable=clamp(round(rng.uniform(1.5, 4.5) * root), 1, 10),
        patient_beds=clamp(round(rng.uniform(4, 14) * root), 1, 30),
        distance_to_referral_hospital=rng.randint(3, 60),
    )

    # Maternal health against expected pregnancies: ANC4 below ANC1, deliveries below
    # expected pregnancies, coverage around the (proposed) standards, some above, some below.
    anc1 = round(pregnancies * rng.uniform(0.8, 1.1))
    deliveries = round(pregnancies * rng.uniform(0.45, 0.9))
    deliveries_referred = round(deliveries * rng.uniform(0.03, 0.1))
    v.update(
        anc1=anc1, anc4=round(anc1 * rng.uniform(0.65, 0.92)), deliveries_hc=deliveries,
        deliveries_referred=deliveries_referred,
        pnc1=round(deliveries * rng.uniform(0.85, 1.05)),
        fp_new_users=round(population * rng.uniform(0.01, 0.025)),
    )

    # Immunisation: Penta3 below Penta1 (drop-out 1-12 %), fully immunised below every dose.
    # (Penta1 can pass the children under one: children from outside the catchment.)
    penta1 = clamp(round(under_one * rng.uniform(0.88, 1.05)), 20, 1200)
    penta3 = round(penta1 * rng.uniform(0.88, 0.99))
    mr1 = round(under_one * rng.uniform(0.82, 1.0))
    v.update(
        penta1=penta1, penta3=penta3, mr1=mr1,
        fully_immunised=round(min(penta3, mr1, under_one) * rng.uniform(0.92, 1.0)),
        outreach_sessions=round(villages * rng.uniform(2, 6)),
    )

    # Outpatients: 0.5-1.1 new cases a person a year, more women than men; referrals
    # include the women in labour who were referred.
    opd = round(population * rng.uniform(0.5, 1.1))
    sexes(v, "opd_new_cases", split(rng, opd, (0.55, 0.62)))
    hef_cases = round(opd * rng.uniform(0.1, 0.3))
    stockout_days = 0 if chance(rng, 0.6) else rng.randint(3, 45)
    v.update(
        opd_new_cases_under5=round(opd * rng.uniform(0.2, 0.35)), hef_cases=hef_cases,
        referrals=round(opd * rng.uniform(0.01, 0.03)) + deliveries_referred,
        stockout_days=stockout_days,
        stockout_items=rng.randint(1, 6) if stockout_days else 0,
        vaccine_stockout_days=0 if chance(rng, 0.85) else rng.randint(2, 14),
    )

    # Official fees. A few health centers charge nothing at all: they collect no fees, and
    # only they may lack a posted price list (fees without a price list are a warning).
    charges = not chance(rng, 0.06)
    fees = {
        "fee_consultation_adult": rng.choice((2000, 3000, 4000, 5000, 6000)),
        "fee_consultation_child": rng.choice((0, 0, 1000, 2000, 3000)),
        "fee_anc_visit": rng.choice((0, 0, 0, 2000, 3000, 5000)),
        "fee_normal_delivery": rng.choice((0, 40000, 50000, 60000, 80000, 100000)),
        "fee_pnc_visit": rng.choice((0, 0, 2000, 3000)),
        "fee_birth_spacing_injection": rng.choice((2000, 3000, 4000, 5000)),
        "fee_wound_dressing": rng.choice((3000, 4000, 5000, 8000, 10000)),
        # Vaccination is free under the national programme; a few charge anyway.
        "fee_child_vaccination": 0 if chance(rng, 0.94) else rng.choice((1000, 2000)),
    }
    v.update({code: fee if charges else 0 for code, fee in fees.items()})
    v["price_list_posted"] = True if charges else chance(rng, 0.5)
    v["hef_free_of_charge"] = chance(rng, 0.95)

    # Income in Riel: user fees from the patients who pay (those without an Equity card),
    # Health Equity Fund payments from its cases, the rest by size.
    paying = opd - hef_cases
    user_fees = riel(paying * fees["fee_consultation_adult"] * rng.uniform(0.5, 1.0)) \
        if charges else 0
    income = {
        "income_government": riel(rng.uniform(12e6, 35e6) * size),
        "income_service_grant": riel(rng.uniform(10e6, 40e6) * size)
        if chance(rng, 0.7) else 0,
        "income_hef": riel(hef_cases * rng.uniform(3000, 6000)),
        "income_nssf": riel(rng.uniform(0.5e6, 8e6) * size) if chance(rng, 0.5) else 0,
        "income_user_fees": user_fees,
        "income_commune": riel(rng.uniform(1e6, 6e6)) if chance(rng, 0.5) else 0,
        "income_partners": riel(rng.uniform(5e6, 40e6) * size) if chance(rng, 0.4) else 0,
        "income_other": riel(rng.uniform(0.2e6, 3e6)) if chance(rng, 0.3) else 0,
    }
    balance_start = riel(rng.uniform(1e6, 15e6) * size)
    v.update(income, balance_start=balance_start)

    # Spending: 75-97 % of the funds available, cut into parts rounded down to thousands,
    # so the total never exceeds the funds (an error).
    spent = (balance_start + sum(income.values())) * rng.uniform(0.75, 0.97)
    weights = {
        "spending_staff_incentives": rng.uniform(0.40, 0.55),
        "spending_medicines": rng.uniform(0.12, 0.22),
        "spending_running_costs": rng.uniform(0.08, 0.14),
        "spending_maintenance": rng.uniform(0.02, 0.07),
        "spending_outreach": rng.uniform(0.03, 0.07),
        "spending_referral_transport": rng.uniform(0.01, 0.04),
        "spending_other": rng.uniform(0.02, 0.08),
    }
    whole = sum(weights.values())
    v.update({code: riel(spent * weight / whole) for code, weight in weights.items()})
    return v


# --------------------------------------------------------------------------- commune/sangkat


def _cs_admin(rng: random.Random, size: float) -> dict[str, Any]:
    """A commune/sangkat administration: council, population, budget, CIP, registration."""
    v: dict[str, Any] = {}
    population = round(rng.uniform(5000, 14000) * size)
    villages = clamp(round(population / rng.uniform(700, 1200)), 2, 40)
    households = round(population / rng.uniform(4.2, 4.8))

    # The council has 5 to 11 members by population (odd numbers); women are a minority.
    if population < 6000:
        council = rng.choice((5, 7))
    elif population < 12000:
        council = rng.choice((7, 9))
    else:
        council = rng.choice((9, 11))
    sexes(v, "council_members", split(rng, council, (0.1, 0.35)))
    staff = rng.randint(2, 5)  # the clerk and a few assistants
    staff_women = rng.randint(0, min(2, staff))
    sexes(v, "cs_staff", (staff_women, staff - staff_women))
    sexes(v, "village_chiefs", split(rng, villages, (0.0, 0.15)))
    sexes(v, "population", split(rng, population, (0.505, 0.515)))
    v.update(villages=villages, households=households,
             idpoor_households=round(households * rng.uniform(0.08, 0.2)))

    # Funds received in Riel: the commune/sangkat fund (administrative and development
    # components), own revenue, sometimes other sources.
    admin = riel(rng.uniform(45e6, 90e6) * math.sqrt(size))
    dev = riel(rng.uniform(90e6, 220e6) * size)
    own = riel(rng.uniform(1e6, 12e6) * size)
    other = riel(rng.uniform(3e6, 60e6) * size) if chance(rng, 0.6) else 0
    v.update(received_carryover=riel(rng.uniform(5e6, 60e6) * size), received_admin=admin,
             received_dev=dev, received_own=own, received_other=other)
    # Each component is spent within what it received (more is a warning, more than the
    # whole an error), rounded down to thousands.
    spent_dev = riel(dev * rng.uniform(0.65, 0.98))
    spent_other = riel((own + other) * rng.uniform(0.4, 0.95))
    v.update(spent_admin=riel(admin * rng.uniform(0.88, 1.0)), spent_dev=spent_dev,
             spent_other=spent_other)

    # CIP: most planned projects completed; the cost spent comes from development spending
    # and other sources, within 80-105 % of the planned cost (over 110 % is a warning).
    planned = max(3, round(rng.uniform(3, 10) * math.sqrt(size)))
    cost_spent = riel(spent_dev * rng.uniform(0.7, 0.95) + spent_other * rng.uniform(0, 0.4))
    v.update(
        cip_projects_planned=planned,
        cip_projects_completed=planned - weighted(rng, (0, 1, 2, 3), (5, 3, 1, 1)),
        cip_cost_spent=cost_spent,
        cip_cost_planned=riel_up(cost_spent / rng.uniform(0.8, 1.05)),
        cip_jaap_actions=rng.randint(1, 6),
    )

    # Civil registration from the population: about 2 % births, fewer registered deaths.
    births = round(population * rng.uniform(0.018, 0.026))
    v.update(
        birth_certificates=births, births_within_30d=round(births * rng.uniform(0.7, 0.97)),
        death_certificates=round(population * rng.uniform(0.002, 0.005)),
        marriage_certificates=round(population * rng.uniform(0.004, 0.009)),
    )

    # Fees: mostly free where the standard says free; processing mostly within 3 days.
    v.update(
        fee_birth=0 if chance(rng, 0.9) else rng.choice((2000, 3000, 5000)),
        fee_birth_late=rng.choice((0, 4000, 5000, 10000, 20000)),
        fee_death=0 if chance(rng, 0.85) else rng.choice((2000, 5000)),
        fee_marriage=0 if chance(rng, 0.7) else rng.choice((5000, 10000, 20000)),
        time_birth=weighted(rng, (1, 2, 3, 5, 7), (4, 3, 2, 1, 0.5)),
        time_death=weighted(rng, (1, 2, 3, 5), (5, 3, 2, 1)),
        time_marriage=weighted(rng, (1, 2, 3, 5, 7, 10), (2, 3, 3, 2, 1, 0.5)),
    )

    # Meetings: a council meeting a month as a rule; the I4C read in every village.
    meetings = rng.randint(2, 10)
    sexes(v, "dissemination_participants",
          split(rng, round(meetings * rng.uniform(25, 70)), (0.5, 0.7)))
    v.update(
        council_meetings_held=weighted(rng, (9, 10, 11, 12, 13, 14), (1, 1, 2, 12, 1, 1)),
        dissemination_meetings=meetings,
        i4c_village_meetings=villages + rng.choice((0, 0, 0, 1, 2, 3)),
    )

    v.update(
        office_open_time=opening(rng), office_close_time=closing(rng),
        office_days_per_week=weighted(rng, (5, 6, 7), (85, 10, 5)),
        fee_list_posted=chance(rng, 0.85), receipt_given=chance(rng, 0.75),
        budget_posted=chance(rng, 0.8), i4c_posted=chance(rng, 0.85),
        complaint_box=chance(rng, 0.8), remarks=rng.choice(REMARKS),
    )
    return v


# --------------------------------------------------------------------------- primary school


def _primary_school(rng: random.Random, size: float) -> dict[str, Any]:
    """A primary school: enrolment by grade and sex, classes, teachers, budget, flow."""
    v: dict[str, Any] = {}
    # Enrolment thins out gently from grade 1 to grade 6 (2-7 % a grade), for each sex.
    first = rng.uniform(22, 50) * size
    girls_share = rng.uniform(0.46, 0.51)
    girls, boys = first * girls_share, first * (1 - girls_share)
    grades: list[tuple[int, int]] = []
    for grade in range(1, 7):
        grades.append((round(girls), round(boys)))
        sexes(v, f"pupils_grade{grade}", grades[-1])
        girls *= rng.uniform(0.93, 0.98)
        boys *= rng.uniform(0.93, 0.98)
    pupils_female = sum(g for g, _ in grades)
    pupils_male = sum(b for _, b in grades)
    pupils = pupils_female + pupils_male

    # Classes of 34-48 pupils (the standard is at most 40: some schools meet it, some do
    # not); a small school teaches two grades together in a multi-grade class or two.
    class_size = rng.uniform(34, 48)
    classes = sum(max(1, round((g + b) / class_size)) for g, b in grades)
    multigrade = rng.randint(1, 2) if first < 60 and chance(rng, 0.5) else 0
    classes -= multigrade
    double_shift = classes >= 8 and chance(rng, 0.3)
    classrooms = math.ceil(classes * rng.uniform(0.55, 0.8)) if double_shift \
        else classes + rng.choice((0, 0, 0, 1, 2))
    good = round(classrooms * rng.uniform(0.4, 0.9))
    v.update(
        classes_total=classes, classes_multigrade=multigrade, double_shift=double_shift,
        teaching_days=rng.randint(195, 225),  # the standard, 211, met by about half
        school_day_start=weighted(rng, ("07:00", "06:45", "07:15", "07:30"), (8, 1, 1, 1)),
        school_complete=chance(rng, 0.9), villages_served=rng.randint(1, 4),
        school_meals=chance(rng, 0.3),
        classrooms=classrooms, classrooms_good=good,
        classrooms_repair=rng.randint(0, classrooms - good),
        pupil_seats=round(pupils * (rng.uniform(0.5, 0.7) if double_shift
                                    else rng.uniform(0.7, 1.0))),
        electricity=chance(rng, 0.75), fence=chance(rng, 0.7),
    )

    # Pupils by sex: new entrants are grade 1 without its repeaters.
    sexes(v, "pupils_new_grade1", tuple(round(n * rng.uniform(0.82, 0.95))
                                        for n in grades[0]))
    sexes(v, "pupils_disability", tuple(round(n * rng.uniform(0.003, 0.02))
                                        for n in (pupils_female, pupils_male)))
    sexes(v, "pupils_scholarship", tuple(round(n * rng.uniform(0.04, 0.12))
                                         for n in (pupils_female, pupils_male)))
    indigenous = 0.0 if chance(rng, 0.85) else rng.uniform(0.05, 0.6)
    sexes(v, "pupils_indigenous", (round(pupils_female * indigenous),
                                   round(pupils_male * indigenous)))

    # About one teacher a class (some schools are short of one or two), most of them women.
    teachers = max(1, round(classes * rng.uniform(0.85, 1.2)))
    sexes(v, "teachers", split(rng, teachers, (0.45, 0.75)))
    v.update(
        teachers_contract=0 if chance(rng, 0.6) else rng.randint(1, min(2, teachers)),
        staff_non_teaching=rng.randint(1, 3), director_female=chance(rng, 0.3),
    )

    # School operating budget in Riel: a base plus an amount per pupil; spending within
    # what was received, JAAP a part of it.
    received_pb = riel(rng.uniform(2e6, 4e6) + pupils * rng.uniform(25_000, 40_000))
    received_other = riel(rng.uniform(1e6, 10e6)) if chance(rng, 0.6) else 0
    spent_pb = riel(received_pb * rng.uniform(0.8, 1.0))
    spent_other = riel(received_other * rng.uniform(0.5, 1.0))
    v.update(sob_received_pb=received_pb, sob_received_other=received_other,
             sob_spent_pb=spent_pb, sob_spent_other=spent_other,
             sob_spent_jaap=riel((spent_pb + spent_other) * rng.uniform(0.05, 0.2)))

    # Last year's pupils, per sex: promoted + repeaters + drop-outs leave out only the
    # transfers (at most 4 %, so the flow stays within 95-100 % of last year's enrolment);
    # drop-out 1-8 % (the standard, 5 %, is not always met), repetition 3-10 %.
    for code, now in (("female", pupils_female), ("male", pupils_male)):
        enrolled = round(now * rng.uniform(0.96, 1.04))
        repeaters = round(enrolled * rng.uniform(0.03, 0.1))
        dropouts = round(enrolled * rng.uniform(0.01, 0.08))
        transfers = math.floor(enrolled * rng.uniform(0, 0.04))
        v[f"enrolment_last_year.{code}"] = enrolled
        v[f"repeaters.{code}"] = repeaters
        v[f"dropouts.{code}"] = dropouts
        v[f"promoted.{code}"] = enrolled - repeaters - dropouts - transfers
    # Grade 6 last year was about this year's grade 6; most of it completed.
    for code, now in zip(("female", "male"), grades[5], strict=True):
        previous = round(now * rng.uniform(0.95, 1.05))
        v[f"grade6_pupils_prev.{code}"] = previous
        v[f"grade6_completers.{code}"] = round(previous * rng.uniform(0.85, 0.99))

    # Textbooks: every pupil has the full set in about a third of the schools.
    v.update(
        pupils_full_textbooks=pupils if chance(rng, 0.35)
        else round(pupils * rng.uniform(0.8, 0.99)),
        textbooks_lent_free=chance(rng, 0.9), teacher_guides=chance(rng, 0.8),
        library=chance(rng, 0.6),
    )

    # Toilets: separate toilets mean some are for girls (none would be a warning).
    toilets = max(2, round(pupils / rng.uniform(40, 80)))
    separate = chance(rng, 0.8)
    clean_water = chance(rng, 0.8)
    v.update(
        toilets_total=toilets, toilets_girls_separate=separate,
        toilets_girls=clamp(round(toilets * rng.uniform(0.4, 0.6)), 1, toilets - 1)
        if separate else 0,
        clean_water=clean_water,
        water_source=rng.choice(("piped", "well", "well", "rainwater")) if clean_water
        else rng.choice(("well", "rainwater", "surface", "none")),
        handwashing=chance(rng, 0.7),
    )

    # Fees: grades 1-9 are free; a school that takes money says how much (or a warning).
    fees_charged = chance(rng, 0.15)
    ssc_members = rng.randint(5, 11)
    ssc_women = rng.randint(1, 4)
    sexes(v, "ssc_members", (ssc_women, ssc_members - ssc_women))
    planned = rng.randint(1, 6)
    v.update(
        fees_charged=fees_charged,
        fees_amount=rng.choice((5000, 10000, 20000, 30000)) if fees_charged else 0,
        ssc_meetings=weighted(rng, (2, 3, 4, 5, 6, 8), (2, 2, 5, 1, 2, 1)),
        parent_meetings=rng.randint(1, 6), info_posted=chance(rng, 0.8),
        school_development_plan=chance(rng, 0.85), suggestion_box=chance(rng, 0.7),
        jaap_actions_planned=planned, jaap_actions_done=rng.randint(0, planned),
        remarks=rng.choice(SCHOOL_REMARKS),
    )
    return v


#: Form code -> the profile that draws the figures its rules tie together.
PROFILES: dict[str, Profile] = {
    "cs_admin": _cs_admin,
    "health_center": _health_center,
    "primary_school": _primary_school,
}
