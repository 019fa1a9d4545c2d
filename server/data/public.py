"""What the public may see: published forms, and of them only what an I4C poster shows.

Nothing unpublished and nothing marked personal ever leaves through here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from common.forms.validation import assess_standards
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from server.data.models import FormRecord
from server.data.service import view
from server.errors import NotFoundError


def published_forms(*, area: str | None, year: int | None, kind: str | None) -> Select[Any]:
    """A query of published forms, optionally by area, year and kind of unit."""
    statement = (select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
                 .where(FormRecord.status == "published", FormRecord.deleted.is_(False)))
    if area:
        statement = statement.where(ServiceUnit.commune_code.startswith(area))
    if year:
        statement = statement.where(FormRecord.year == year)
    if kind:
        statement = statement.where(ServiceUnit.kind == kind)
    return statement.order_by(ServiceUnit.code, FormRecord.year.desc())


def _place(area: AdminArea | None) -> dict[str, str] | None:
    if area is None:
        return None
    return {"code": area.code, "name_km": area.name_km, "name_en": area.name_en}


def public_form(session: Session, form_id: str) -> dict[str, Any]:
    """The poster figures of one published form; NotFoundError for anything else."""
    form = session.get(FormRecord, form_id)
    if form is None or form.status != "published":
        raise NotFoundError("no published form with this id")
    current = view(session, form)
    standards = {r.indicator.code: r for r in assess_standards(current.definition,
                                                               current.values)}
    indicators = []
    for indicator in current.definition.indicators():
        if not indicator.poster or indicator.personal:
            continue
        standard = standards.get(indicator.code)
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
            "standard_target": indicator.standard.target if indicator.standard else None,
            "standard_direction": indicator.standard.direction if indicator.standard else None,
            # "official" or "proposed" (not yet an official national standard).
            "standard_status": indicator.standard.status if indicator.standard else None,
            "standard_source": (indicator.standard.source.describe() or None
                                if indicator.standard and indicator.standard.source else None),
            "standard_met": standard.met if standard else None,
        })
    commune = session.get(AdminArea, form.unit.commune_code)
    district = session.get(AdminArea, form.unit.commune_code[:4])
    province = session.get(AdminArea, form.unit.commune_code[:2])
    return {
        "id": form.id, "year": form.year, "form_code": form.form_code,
        "definition_version": form.definition_version,
        "title_km": current.definition.title.km, "title_en": current.definition.title.en,
        "unit": form.unit, "commune": _place(commune), "district": _place(district),
        "province": _place(province), "indicators": indicators,
    }
