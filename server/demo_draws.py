"""Small random draws the demo profiles share: shares by sex, Riel, office hours, people.

`server.demo_values` builds whole forms from these. Each helper takes the caller's
`random.Random`, so a seeded demo stays the same from run to run.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

#: Money is rounded to this, as budgets and fees are written, when the range allows it.
RIEL_STEP = 1000


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


def riel(amount: float) -> int:
    """Riel in whole thousands, rounded down: parts cut from a total never exceed it."""
    return int(amount // RIEL_STEP) * RIEL_STEP


def riel_up(amount: float) -> int:
    """Riel in whole thousands, rounded up."""
    return math.ceil(amount / RIEL_STEP) * RIEL_STEP


def split(rng: random.Random, total: int, female_share: tuple[float, float]) -> tuple[int, int]:
    """(female, male) adding up to `total`, the women's share drawn from a range."""
    female = clamp(round(total * rng.uniform(*female_share)), 0, total)
    return female, total - female


def sexes(values: dict[str, Any], code: str, parts: tuple[int, ...]) -> None:
    """Store (female, male) as the two parts of a field split by sex."""
    values[f"{code}.female"], values[f"{code}.male"] = parts


def weighted(rng: random.Random, options: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(options, weights=weights)[0]


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def opening(rng: random.Random) -> str:
    """Opening time 07:00-08:00: most offices open at 7:00 or 7:30."""
    return weighted(rng, ("07:00", "07:15", "07:30", "07:45", "08:00"), (5, 1, 3, 1, 2))


def closing(rng: random.Random) -> str:
    """Closing time 16:30-17:30: most close at 17:00."""
    return weighted(rng, ("16:30", "16:45", "17:00", "17:15", "17:30"), (2, 1, 5, 1, 1))


# Khmer names as they are written in Latin script: family name first.
FAMILY_NAMES = ("Sok", "Chan", "Kim", "Heng", "Chea", "Keo", "Ly", "Meas", "Nget", "Pich",
                "Sao", "Seng", "Som", "Touch", "Vann", "Yim", "Mao", "Phan", "Prak", "Ros",
                "Sam", "Thach", "Tep", "Hem", "Long", "Nuon", "Ouk", "Srey")
GIVEN_NAMES = ("Dara", "Sophea", "Sokha", "Vannak", "Channa", "Bopha", "Sophal", "Ratha",
               "Sreymom", "Pisey", "Vuthy", "Kosal", "Rithy", "Sothea", "Chenda", "Malis",
               "Phalla", "Samnang", "Veasna", "Sovann", "Kunthea", "Narith", "Sokunthy",
               "Leakhena", "Bunthoeun", "Sopheak")
# Mobile prefixes of the Cambodian operators, written "0XX XXX XXX" as on a poster.
PHONE_PREFIXES = ("010", "011", "012", "015", "016", "017", "069", "070", "077", "078",
                  "085", "086", "087", "089", "092", "093", "095", "096", "097", "098")
REMARKS = (
    "Figures checked against the registers.",
    "Figures from the monthly reports.",
    "Population figure from the commune database.",
    "Data checked by the commune focal point.",
    "Some registers were incomplete in the first quarter.",
    "No remarks.",
)
SCHOOL_REMARKS = (
    "Figures from the school's EMIS data.",
    "Enrolment checked against the class registers.",
    "Two classrooms were repaired with community support.",
    "The school needs one more teacher for grade 1.",
    "No remarks.",
)
CONFIRMATION_REASONS = (
    "Checked against the register",
    "Checked against the monthly reports",
    "The figure is right: confirmed with the unit's chief",
)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}"


def phone(rng: random.Random) -> str:
    return f"{rng.choice(PHONE_PREFIXES)} {rng.randint(200, 999)} {rng.randint(0, 999):03d}"
