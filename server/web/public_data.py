"""What the citizens' pages read: the areas that have units, units found by name, and a
unit's published I4C of a year as rows ready to print in the page's language.

Only published forms that are not deleted are ever read here for a unit's own figures
(this year's and last year's); the district figures come from `server.data.figures`, the
one computation posters, the Post-on and the exports share. Nothing marked personal and
no free text (where a name or a phone would hide) reaches a row, as on a poster.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from common.documents import DocumentOptions, JaapAction
from common.documents.poster import BUDGET_TOTALS
from common.documents.poster_tables import average_text
from common.documents.wording import change_text, standard_text, value_text
from common.forms import FormDefinition, Indicator, judged_standard
from common.geography.models import LEVELS, AdminArea
from common.khmer import Digits
from common.sync.kinds import JAAP_ACTION
from common.units.models import ServiceUnit
from server.data import service
from server.data.figures import district_figures
from server.data.models import FormRecord, SyncRecord
from server.documents import unit_jaap_actions

#: The longest search text read (a unit's name is far shorter).
QUERY_LIMIT = 100
#: The most units one search lists.
RESULT_LIMIT = 50
#: Characters Khmer typists put between words that names in the database do not hold.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))


def unit_communes(session: Session) -> set[str]:
    """The codes of the communes that have an active unit (what browsing leads to)."""
    return set(session.scalars(select(ServiceUnit.commune_code).where(
        ServiceUnit.active.is_(True)).distinct()))


def areas_with_units(session: Session, parent: str | None) -> list[AdminArea]:
    """The provinces (parent None), or the districts or communes of `parent`, that hold
    an active unit, by code."""
    length = LEVELS["province"] if parent is None else len(parent) + 2
    codes = sorted({code[:length] for code in unit_communes(session)
                    if parent is None or code.startswith(parent)})
    if not codes:
        return []
    return list(session.scalars(select(AdminArea).where(AdminArea.code.in_(codes))
                                .order_by(AdminArea.code)))


def units_of_commune(session: Session, commune_code: str) -> list[ServiceUnit]:
    """A commune's active units, by kind and code."""
    return list(session.scalars(select(ServiceUnit).where(
        ServiceUnit.commune_code == commune_code, ServiceUnit.active.is_(True))
        .order_by(ServiceUnit.kind, ServiceUnit.code)))


def places(session: Session, code: str) -> list[AdminArea]:
    """The areas from the province down to `code` (the crumbs of a page)."""
    wanted = [code[:n] for n in (2, 4, 6, 8) if n <= len(code)]
    found = {a.code: a for a in session.scalars(select(AdminArea).where(
        AdminArea.code.in_(wanted)))}
    return [found[c] for c in wanted if c in found]


def clean_query(text: str) -> str:
    """A search text as names are stored: NFC, no invisible joiners nor control
    characters (PostgreSQL refuses a NUL), single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace())
    return " ".join(text.split())


def search_units(session: Session, query: str,
                 limit: int = RESULT_LIMIT) -> tuple[list[ServiceUnit], bool]:
    """Active units whose Khmer or Latin name, code, or commune's name holds `query`
    (Latin letters in any case); and whether more matched than `limit`."""
    commune = AdminArea.__table__.alias("commune")
    statement = (select(ServiceUnit)
                 .join(commune, commune.c.code == ServiceUnit.commune_code)
                 .where(ServiceUnit.active.is_(True), or_(
                     ServiceUnit.name_km.icontains(query, autoescape=True),
                     ServiceUnit.name_en.icontains(query, autoescape=True),
                     ServiceUnit.code.icontains(query, autoescape=True),
                     commune.c.name_km.icontains(query, autoescape=True),
                     commune.c.name_en.icontains(query, autoescape=True)))
                 .order_by(ServiceUnit.code).limit(limit + 1))
    found = list(session.scalars(statement))
    return found[:limit], len(found) > limit


def find_unit(session: Session, code: str) -> ServiceUnit | None:
    """The unit of a code (as written in the address), or None."""
    if len(code) > 32 or not code.isprintable():
        return None
    return session.scalars(select(ServiceUnit).where(ServiceUnit.code == code)).first()


def _published(unit: ServiceUnit) -> Any:
    return select(FormRecord).where(
        FormRecord.unit_id == unit.id, FormRecord.form_code == unit.kind,
        FormRecord.status == "published", FormRecord.deleted.is_(False))


def published_years(session: Session, unit: ServiceUnit) -> list[int]:
    """The years of the unit's published forms, newest first."""
    return sorted(session.scalars(_published(unit).with_only_columns(FormRecord.year)),
                  reverse=True)


def published_form(session: Session, unit: ServiceUnit, year: int) -> FormRecord | None:
    """The unit's published form of a year, or None (whatever else there may be)."""
    return session.scalars(_published(unit).where(FormRecord.year == year)).first()


def jaap_version(session: Session, unit: ServiceUnit, year: int) -> int:
    """The newest change number of the unit's JAAP records of a year (0: none): it keys
    the page with the form's, as the actions are records of their own."""
    return int(session.scalar(select(func.max(SyncRecord.server_seq)).where(
        SyncRecord.kind == JAAP_ACTION.name, SyncRecord.unit_id == unit.id,
        SyncRecord.year == year)) or 0)


@dataclass(frozen=True)
class StandardRow:
    """A judged standard as the page prints it."""

    code: str
    label: str
    standard: str
    proposed: bool
    #: Where the standard comes from (a title on the page), or "".
    source: str
    this_year: str
    verdict: bool | None
    last_year: str
    change: str
    district: str
    #: How many units the district figure covers.
    district_units: int


@dataclass(frozen=True)
class FigureRow:
    """Another poster figure: its section, label, this year's and last year's value."""

    code: str
    section: str
    label: str
    this_year: str
    last_year: str


@dataclass(frozen=True)
class BudgetRow:
    """The year's total received or spent, against last year."""

    key: str  # "received" or "spent"
    this_year: str
    last_year: str
    change: str


@dataclass
class UnitYear:
    """Everything a unit's page for a published year shows."""

    unit: ServiceUnit
    year: int
    form: FormRecord
    definition: FormDefinition
    standards: list[StandardRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    jaap: list[JaapAction] = field(default_factory=list)
    #: Units whose forms the district figures are made of.
    district_units: int = 0
    #: The unit's poster indicators have standards, but none is judged (proposed ones left
    #: out and none official).
    none_official: bool = False

    @property
    def met(self) -> int:
        """How many standards are met."""
        return sum(1 for row in self.standards if row.verdict is True)

    @property
    def any_proposed(self) -> bool:
        """Whether a judged standard is only proposed."""
        return any(row.proposed for row in self.standards)


def public_indicators(definition: FormDefinition) -> list[Indicator]:
    """The indicators a poster may show: on the poster, not personal, not free text."""
    return [i for i in definition.indicators()
            if i.poster and not i.personal and i.type != "text"]


def unit_year(session: Session, unit: ServiceUnit, form: FormRecord, *, lang: str,
              official_only: bool = False) -> UnitYear:
    """The page of a unit's published form: standards, other figures, budget, JAAP."""
    current = service.view(session, form)
    previous = published_form(session, unit, form.year - 1)
    last = service.view(session, previous).values if previous is not None else None
    district = district_figures(session, unit.commune_code, form.year, unit.kind)
    digits: Digits = "arabic" if lang == "en" else "khmer"
    page = UnitYear(unit, form.year, form, current.definition, district_units=district.units)
    for indicator in public_indicators(current.definition):
        standard = judged_standard(indicator, proposed=not official_only)
        value = current.values.get(indicator.code)
        before = last.get(indicator.code) if last is not None else None
        shown = value_text(indicator, value, language=lang, digits=digits)
        was = value_text(indicator, before, language=lang, digits=digits) \
            if last is not None else "-"
        if standard is None:
            page.none_official |= indicator.standard is not None
            page.figures.append(FigureRow(indicator.code, indicator.section,
                                          indicator.label.get(lang), shown, was))
            continue
        figure = district.indicators.get(indicator.code)
        page.standards.append(StandardRow(
            code=indicator.code, label=indicator.label.get(lang),
            standard=standard_text(indicator, standard, language=lang, digits=digits),
            proposed=not standard.official,
            source=standard.source.describe() if standard.source else "",
            this_year=shown, verdict=standard.is_met(value), last_year=was,
            change=change_text(indicator, value, before, digits=digits)
            if last is not None else "",
            district=average_text(indicator, district.average(indicator.code), digits),
            district_units=figure.units if figure is not None else 0))
    page.none_official = page.none_official and not page.standards
    page.budget = _budget(current.definition, current.values, last, lang, digits)
    page.jaap = unit_jaap_actions(session, unit.id, form.year,
                                  DocumentOptions(language="en" if lang == "en" else "km"))
    return page


def _budget(definition: FormDefinition, values: dict[str, Any],
            last: dict[str, Any] | None, lang: str, digits: Digits) -> list[BudgetRow]:
    """The year's totals received and spent (those the poster's budget chart compares)."""
    codes = BUDGET_TOTALS.get(definition.form)
    if codes is None:
        return []
    rows = []
    for key, code in zip(("received", "spent"), codes, strict=True):
        try:
            indicator = definition.indicator(code)
        except KeyError:  # a form without this total simply has no budget row
            continue
        if indicator.personal:
            continue
        now = values.get(code)
        before = last.get(code) if last is not None else None
        rows.append(BudgetRow(
            key, value_text(indicator, now, language=lang, digits=digits),
            value_text(indicator, before, language=lang, digits=digits)
            if last is not None else "-",
            change_text(indicator, now, before, digits=digits) if last is not None else ""))
    return rows
