"""What the document builders print from: plain data, gathered by the server or the client.

The builders never read a database: the server (`server.documents`) and the desktop client
(`client.documents`) fill these from their own stores, so a poster printed offline in a
commune office and one printed in batch at the district show the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from common.forms import FormDefinition
from common.forms.expressions import Value
from common.khmer import Digits

Language = Literal["km", "en", "km+en"]
PageSize = Literal["A4", "A3", "A2"]
#: Statuses whose figures are final: a poster of any other form says it is a draft.
FINAL_STATUSES = frozenset({"approved", "published"})


class DocumentCancelled(Exception):  # noqa: N818 - it is an outcome, not a fault
    """The person cancelled a long document build; nothing was written."""


@dataclass(frozen=True)
class Place:
    """An administrative area as printed: its code and names."""

    code: str
    name_km: str
    name_en: str
    #: The kind as the gazetteer says it: commune, sangkat, district, khan, province, ...
    kind: str = ""


@dataclass(frozen=True)
class UnitIdentity:
    """Who the unit is: what every document prints at its top."""

    code: str
    kind: str  # cs_admin | health_center | primary_school
    name_km: str
    name_en: str
    commune: Place
    district: Place
    province: Place


@dataclass(frozen=True)
class JaapAction:
    """One action of the year's Joint Accountability Action Plan for the unit, as a poster
    lists it (common/documents/jaap.py makes these from the synced JAAP records). Nothing
    personal: who carries an action out is an office or a group, not a person's name."""

    activity_km: str
    activity_en: str = ""
    responsible: str = ""
    timeline: str = ""  # as written: "01/2026 - 06/2026", "ខែមករា ២០២៦"
    status: str = ""


@dataclass(frozen=True)
class DocumentOptions:
    """Choices a person makes when printing."""

    language: Language = "km"
    #: None: Khmer digits for Khmer documents, Arabic digits for English ones.
    digits: Digits | None = None
    #: None: A4 for a blank form, A3 for a poster.
    page_size: PageSize | None = None
    #: Use Khmer OS Muol Light for headings when installed (False: always the shipped font).
    heading_font: bool = True
    #: The date printed as "printed on" (default: today in Cambodia).
    printed_on: dt.date | None = None
    #: Refuse to write a document in which any text would print wrongly (a character
    #: without a glyph, a dotted circle): `TextCheckError` lists them.
    strict: bool = False
    #: Judge proposed standards too (each marked "proposed" in both languages); False
    #: leaves them out, so only official standards are judged met or not met.
    proposed_standards: bool = True

    @property
    def effective_digits(self) -> Digits:
        """The digits numbers are printed in."""
        if self.digits is not None:
            return self.digits
        return "arabic" if self.language == "en" else "khmer"


@dataclass(frozen=True)
class BlankFormInput:
    """Everything a blank data-collection form prints."""

    unit: UnitIdentity
    year: int
    definition: FormDefinition
    options: DocumentOptions = DocumentOptions()


@dataclass(frozen=True)
class PosterInput:
    """Everything an I4C poster prints: the unit's completed values (totals and computed
    indicators included, as `common.forms.compute` gives them) and what they are set
    against."""

    unit: UnitIdentity
    year: int
    definition: FormDefinition
    values: Mapping[str, Value]
    status: str = "published"
    #: Completed values of the unit's form of the year before; None when there is none.
    last_year: Mapping[str, Value] | None = None
    #: Indicator code -> the district's average for the year over its approved and
    #: published forms (`common.figures.AreaFigures.averages`).
    district_average: Mapping[str, float] = field(default_factory=dict)
    #: How many units' approved or published forms the district averages are made of.
    district_units: int = 0
    #: True when the district figures are made of this computer's forms only (a laptop
    #: that never received the server's): the poster says so.
    district_local: bool = False
    #: The year's JAAP actions for the unit; None: the JAAP section is left out.
    jaap_actions: Sequence[JaapAction] | None = None
    options: DocumentOptions = DocumentOptions()


#: progress(done, total, what) after each unit of a batch; return False to cancel.
Progress = Callable[[int, int, str], bool | None]

