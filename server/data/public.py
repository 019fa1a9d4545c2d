"""What the public may see: published forms, and of them only what an I4C poster shows,
with the district figures it is set against (those the public pages and posters show).

Nothing unpublished and nothing marked personal ever leaves through here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from common.figures import AreaFigures
from common.forms import FormDefinition, judged_standard
from common.forms.validation import assess_standards
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from server.data.figures import district_figures
from server.data.models import FormRecord
from server.data.service import view
from server.errors import NotFoundError


def published_forms(*, area: str | None, year: int | None, kind: str | None) -> Select[Any]:
    """A query of published forms, optionally by area, year and kind of unit."""
    statement = (select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
                 .where(FormRecord.status == "published", FormRecord.deleted.is_(False)))
    if area:
        statement = statement.where(ServiceUnit.commune_code.startswith(area, autoescape=True))
    if year:
        statement = statement.where(FormRecord.year == year)
    if kind:
        statement = statement.where(ServiceUnit.kind == kind)
    return statement.order_by(ServiceUnit.code, FormRecord.year.desc())


def _place(area: AdminArea | None) -> dict[str, Any] | None:
    if area is None:
        return None
    return {"code": area.code, "name_km": area.name_km, "name_en": area.name_en}


def public_form(session: Session, form_id: str, *,
                official_only: bool = False) -> dict[str, Any]:
    """The poster figures of one published form and its district's figures;
    NotFoundError for anything else. `official_only` judges only official standards (a
    proposed one's figure stays, without its standard), as a poster printed so does."""
    form = session.get(FormRecord, form_id)
    if form is None or form.status != "published" or form.deleted:
        raise NotFoundError("no published form with this id")
    current = view(session, form)
    standards = {r.indicator.code: r for r in assess_standards(current.definition,
                                                               current.values)}
    indicators = []
    for indicator in current.definition.indicators():
        if not indicator.poster or indicator.personal:
            continue
        standard = standards.get(indicator.code)
        shown = judged_standard(indicator, proposed=not official_only)
        female, male = (current.values.get(f"{indicator.code}.{part}")
                        for part in ("female", "male"))
        indicators.append({
            "code": indicator.code, "section": indicator.section,
            "label_km": indicator.label.km, "label_en": indicator.label.en,
            "type": indicator.type,
            "unit_km": indicator.unit.km if indicator.unit else None,
            "unit_en": indicator.unit.en if indicator.unit else None,
            "value": current.values.get(indicator.code),
            "female": female if indicator.disaggregation else None,
            "male": male if indicator.disaggregation else None,
            "standard_target": shown.target if shown else None,
            "standard_direction": shown.direction if shown else None,
            # "official" or "proposed" (not yet an official national standard).
            "standard_status": shown.status if shown else None,
            "standard_source": (shown.source.describe() or None
                                if shown and shown.source else None),
            "standard_met": standard.met if standard and shown else None,
        })
    commune = session.get(AdminArea, form.unit.commune_code)
    district = _place(session.get(AdminArea, form.unit.commune_code[:4]))
    if district is not None:
        figures = district_figures(session, form.unit.commune_code, form.year, form.form_code)
        district |= district_json(figures, current.definition, official_only=official_only)
    province = session.get(AdminArea, form.unit.commune_code[:2])
    return {
        "id": form.id, "year": form.year, "form_code": form.form_code,
        "definition_version": form.definition_version,
        "title_km": current.definition.title.km, "title_en": current.definition.title.en,
        "unit": form.unit, "commune": _place(commune), "district": district,
        "province": _place(province), "indicators": indicators,
    }


def district_json(figures: AreaFigures, definition: FormDefinition, *,
                  official_only: bool) -> dict[str, Any]:
    """The district figures of a public form: per poster indicator (never a personal
    one) the average, how many units it covers and how many meet its standard (none for
    a proposed standard when only official ones are judged); and how many units' final
    forms the figures are made of."""
    indicators: dict[str, Any] = {}
    for indicator in definition.indicators():
        figure = figures.indicators.get(indicator.code)
        if figure is None or not indicator.poster or indicator.personal:
            continue
        judged = judged_standard(indicator, proposed=not official_only) is not None
        indicators[indicator.code] = {"average": figure.average, "units": figure.units,
                                      "met": figure.met if judged else None}
    return {"units": figures.units, "indicators": indicators}
