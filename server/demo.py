"""Demo data: service units for every commune of one province, and a printed summary.

Names follow how units are really called (the commune administration after its commune,
a health center after the commune it sits in, a primary school after its village), so a
demo looks like the field. Everything is derived from the geography, deterministically:
running it twice adds nothing the second time.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.forms.store import PublishedDefinition
from common.geography.importers import geography_stats
from common.geography.models import AdminArea
from common.units.models import UNIT_KINDS, ServiceUnit

#: Banteay Meanchey: a province of districts, municipalities, communes and sangkats.
DEMO_PROVINCE = "01"


def create_units(session: Session, province: str) -> int:
    """Add the demo units of `province` that are not there yet; returns how many were added."""
    if session.get(AdminArea, province) is None:
        raise ValueError(f"no province with code {province!r}: import the geography first")
    communes = session.scalars(
        select(AdminArea).where(AdminArea.level == "commune", AdminArea.active.is_(True),
                                AdminArea.code.startswith(province))
        .order_by(AdminArea.code)).all()
    villages: dict[str, list[AdminArea]] = {}
    for village in session.scalars(
            select(AdminArea).where(AdminArea.level == "village", AdminArea.active.is_(True),
                                    AdminArea.code.startswith(province))
            .order_by(AdminArea.code)):
        villages.setdefault(village.parent_code or "", []).append(village)
    existing = set(session.scalars(select(ServiceUnit.code)))
    wanted: list[ServiceUnit] = []
    for index, commune in enumerate(communes):
        is_sangkat = commune.kind == "sangkat"
        wanted.append(ServiceUnit(
            code=f"CS{commune.code}", kind="cs_admin", commune_code=commune.code,
            name_km=f"រដ្ឋបាល{'សង្កាត់' if is_sangkat else 'ឃុំ'}{commune.name_km}",
            name_en=f"{commune.name_en} {'Sangkat' if is_sangkat else 'Commune'} Administration"))
        # About four health centers for five communes, as in the programme's figures.
        if index % 5 != 4:
            wanted.append(ServiceUnit(
                code=f"HC{commune.code}", kind="health_center", commune_code=commune.code,
                name_km=f"មណ្ឌលសុខភាព{commune.name_km}",
                name_en=f"{commune.name_en} Health Center"))
        # About six primary schools per commune, named after their villages.
        for village in villages.get(commune.code, [])[:6]:
            wanted.append(ServiceUnit(
                code=f"PS{village.code}", kind="primary_school", commune_code=commune.code,
                name_km=f"សាលាបឋមសិក្សា{village.name_km}",
                name_en=f"{village.name_en} Primary School"))
    added = [unit for unit in wanted if unit.code not in existing]
    session.add_all(added)
    session.flush()
    return len(added)


def summary(session: Session, province: str, *, geography_added: int, units_added: int) -> str:
    """A few lines that show what the demo database holds."""
    stats = geography_stats(session)
    name = session.get(AdminArea, province)
    lines = [
        "ISAF Desk demo database",
        "",
        f"Geography: {stats['province']} provinces, {stats['district']} districts, "
        f"{stats['commune']} communes, {stats['village']} villages "
        f"({geography_added} added now)",
        "",
        "Published form definitions:",
    ]
    for row in session.scalars(select(PublishedDefinition)
                               .order_by(PublishedDefinition.form, PublishedDefinition.version)):
        definition = row.definition()
        indicators = list(definition.indicators())
        lines.append(f"  {definition.key:<22} {len(definition.sections):>2} sections "
                     f"{len(indicators):>4} indicators {len(definition.rules):>3} rules  "
                     f"{definition.title.en} / {definition.title.km}")
    counts = dict(session.execute(
        select(ServiceUnit.kind, func.count())
        .where(ServiceUnit.commune_code.startswith(province))
        .group_by(ServiceUnit.kind)).all())
    lines += [
        "",
        f"Service units in {name.name_en if name else province} / {name.name_km if name else ''} "
        f"({units_added} added now):",
    ]
    for kind, (km, en) in UNIT_KINDS.items():
        lines.append(f"  {en:<32} {counts.get(kind, 0):>5}  {km}")
    return "\n".join(lines)
