"""The input records of the national Excel report, and what it hands back.

The server (from its database) and the desktop client (from its local store) both fill
these plain records, so neither side's storage reaches the workbook builder
(`common.documents.excel`). No record carries a user, facilitator or phone: the report
holds no personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common.db import utc_now
from common.forms.definition import Indicator


@dataclass(frozen=True)
class Place:
    """A province, district or commune: its official code and names."""

    code: str
    name_km: str
    name_en: str


@dataclass(frozen=True)
class UnitReport:
    """One service unit and its form of the year, as the export reads it.

    `values` are the form's entered values by field ('anc1', 'staff.female'), normalised
    as stored; totals and computed indicators are worked out by the builder. A unit with no
    form for the year has `status` None.
    """

    province: Place
    district: Place
    commune: Place
    code: str
    name_km: str
    name_en: str
    kind: str
    active: bool = True
    status: str | None = None
    definition_version: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportInfo:
    """What the export is: shown on its "About" sheet. Never a person's name or phone."""

    year: int
    services: tuple[str, ...]
    #: The role of whoever asked for it ('national_admin'), not who they are.
    generated_by_role: str
    #: The area the export covers; None for the whole country.
    scope: Place | None = None
    #: Where the figures come from ('server database', 'desktop client, local data').
    source: str = "server database"
    generated_at: datetime = field(default_factory=utc_now)
    #: Judge proposed standards too (marked "proposed"); False: official standards only.
    proposed_standards: bool = True


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    units: int
    forms: int
    units_per_service: Mapping[str, int]


class ExportCancelledError(Exception):
    """The person cancelled the export; nothing was left at the target."""


#: Called as `progress(done, total)` while units are written.
ProgressCallback = Callable[[int, int], None]


def exported_indicator(indicator: Indicator) -> bool:
    """Whether an indicator goes into a national export: never personal data, and never
    free text, which can hold a person's name or phone number."""
    return not indicator.personal and indicator.type != "text"
