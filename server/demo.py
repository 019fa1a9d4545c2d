"""Demo data: service units for every commune of one province, forms with figures and
JAAP actions for its first districts, and a printed summary.

Names follow how units are really called (the commune administration after its commune,
a health center after the commune it sits in, a primary school after its village), so a
demo looks like the field. Everything is derived from the geography, deterministically,
and running it again adds nothing: each unit's figures come from a generator seeded by the
unit's code and the year, so what exists already changes nothing of what is still to make.
The first units of the first district (the demo accounts' commune) show every workflow
status this year, returned included.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from common.forms import validate
from common.forms.store import PublishedDefinition
from common.geography.importers import geography_stats
from common.geography.models import AdminArea
from common.sync.kinds import JAAP_ACTION
from common.sync.protocol import Operation
from common.units.models import UNIT_KINDS, ServiceUnit
from common.workflow import STATUSES
from server.accounts.models import User
from server.accounts.service import create_user
from server.data import service
from server.data.models import FormRecord, SyncRecord
from server.demo_values import demo_values_with_warnings
from server.sync import service as sync_service

#: Banteay Meanchey: a province of districts, municipalities, communes and sangkats.
DEMO_PROVINCE = "01"
#: The password of every demo account (documented in the README: a demo only).
DEMO_PASSWORD = "isaf-demo-2026"
#: The years with figures: this year's round and last year's, for the change on posters.
DEMO_YEARS = (2025, 2026)
#: How many districts of the province get figures.
DEMO_DISTRICTS = 2


@dataclass(frozen=True)
class DemoAccount:
    """A documented demo account."""

    username: str
    role: str
    full_name: str
    scope: str


def _first_codes(session: Session, level: str, prefix: str, count: int) -> list[str]:
    return list(session.scalars(
        select(AdminArea.code).where(AdminArea.level == level, AdminArea.active.is_(True),
                                     AdminArea.code.startswith(prefix))
        .order_by(AdminArea.code).limit(count)))


def create_accounts(session: Session, province: str) -> list[DemoAccount]:
    """One account per role over the demo province's first district (made once)."""
    district = _first_codes(session, "district", province, 1)[0]
    commune = _first_codes(session, "commune", district, 1)[0]
    health_center = session.scalar(select(ServiceUnit).where(
        ServiceUnit.commune_code == commune, ServiceUnit.kind == "health_center"))
    plan: list[tuple[str, str, str, dict[str, Any]]] = [
        ("admin", "national_admin", "National Administrator", {}),
        (f"province.{province}", "provincial_officer", "Provincial Officer",
         {"area_code": province, "delegated_approval": True}),
        (f"dmk.{district}", "dmk_officer", "District Officer", {"area_code": district}),
        (f"focal.{commune}", "commune_focal_point", "Commune Focal Point",
         {"area_code": commune}),
        (f"caf.{commune}", "caf", "Community Accountability Facilitator",
         {"area_code": commune}),
    ]
    if health_center is not None:
        plan.append((f"hc.{commune}", "unit_editor", "Health Center Chief",
                     {"unit_id": health_center.id}))
    accounts = []
    for username, role, name, scope in plan:
        if session.scalar(select(User.id).where(User.username == username)) is None:
            create_user(session, username=username, full_name=name, password=DEMO_PASSWORD,
                        role=role, **scope)
        where = scope.get("area_code") or (
            health_center.code if health_center is not None and "unit_id" in scope
            else "country")
        accounts.append(DemoAccount(username, role, name, where))
    return accounts


def create_forms(session: Session, province: str, *, seed: int = 2026) -> int:
    """Forms with realistic figures for every unit of the province's first districts, for
    each demo year, in a mix of statuses that includes every workflow status; returns how
    many were made (none the second time)."""
    admin = session.scalars(select(User).where(User.role == "national_admin")
                            .order_by(User.created_at)).first()
    if admin is None:
        raise ValueError("create the demo accounts first")
    made = 0
    for number, district in enumerate(_first_codes(session, "district", province,
                                                   DEMO_DISTRICTS)):
        officer = _district_officer(session, district)
        units = session.scalars(select(ServiceUnit).where(
            ServiceUnit.commune_code.startswith(district), ServiceUnit.active.is_(True))
            .order_by(ServiceUnit.code)).all()
        showcase = _showcase(units) if number == 0 else {}
        for unit in units:
            size = _rng(seed, unit.code).uniform(0.6, 1.6)
            for year in DEMO_YEARS:
                if session.scalar(select(FormRecord.id).where(
                        FormRecord.unit_id == unit.id, FormRecord.year == year)) is not None:
                    continue
                rng = _rng(seed, unit.code, year)
                outcome = showcase.get(unit.code) if year == max(DEMO_YEARS) else None
                made += _demo_form(session, officer, admin, unit, year, size, rng,
                                   outcome=outcome or _outcome(year, rng))
    return made


def _rng(seed: int, *parts: str | int) -> random.Random:
    """A generator of its own for one unit (and year).

    What the demo makes for a unit then depends on nothing else. With one generator for
    the whole run, a unit skipped because its form was already there drew nothing, so
    every later unit drew different numbers on the next run, and each unit left without
    a form got a new chance of one every time.
    """
    # A text seed is hashed with SHA-512: the same on every machine and every run.
    return random.Random(":".join(str(part) for part in (seed, *parts)))


#: This year's round is under way: (outcome, weight); "missing": the unit has no form yet.
_THIS_YEAR = (("missing", 0.15), ("draft", 0.20), ("submitted", 0.20), ("returned", 0.10),
              ("approved", 0.15), ("published", 0.20))
#: Last year's round is finished everywhere.
_LAST_YEAR = (("published", 0.9), ("approved", 0.1))
#: Why the district officer returned a demo form (what the focal point reads).
RETURN_COMMENT = ("សូមពិនិត្យតួលេខថវិកាឡើងវិញ ជាមួយសៀវភៅបញ្ជីសាច់ប្រាក់ "
                  "ហើយដាក់ស្នើម្ដងទៀត។")
#: The kinds of unit in the order the showcase gives them a status: the health center
#: first, so its chief (the `hc.` account) has a draft to fill in.
_SHOWCASE_KINDS = ("health_center", "cs_admin", "primary_school")


def _outcome(year: int, rng: random.Random) -> str:
    """The status a demo form reaches (or "missing"), drawn for one unit and year."""
    options = _THIS_YEAR if year == max(DEMO_YEARS) else _LAST_YEAR
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _showcase(units: Sequence[ServiceUnit]) -> dict[str, str]:
    """Unit code -> status for this year's forms of the first units of the first district
    (its first commune: the demo accounts' own), one in each workflow status, so the demo
    always shows every status whatever the draw gives the others."""
    ordered = sorted(units, key=lambda u: (u.commune_code, _SHOWCASE_KINDS.index(u.kind)
                                           if u.kind in _SHOWCASE_KINDS else 9, u.code))
    return {unit.code: status for unit, status in zip(ordered, STATUSES, strict=False)}


#: JAAP actions a demo unit may have agreed with its citizens: (activity, implementer).
_JAAP_ACTIONS = {
    "health_center": [
        ("ជួសជុលបង្គន់អនាម័យ និងផ្ដល់ទឹកស្អាតនៅមណ្ឌលសុខភាព",
         "គណៈកម្មការគ្រប់គ្រងមណ្ឌលសុខភាព"),
        ("បិទផ្សាយតារាងតម្លៃសេវានៅមុខមណ្ឌលសុខភាព", "មណ្ឌលសុខភាព"),
        ("ផ្គត់ផ្គង់ថ្នាំឱ្យបានគ្រប់គ្រាន់", "មណ្ឌលសុខភាព និងរដ្ឋបាលឃុំ"),
    ],
    "primary_school": [
        ("ជួសជុលដំបូលថ្នាក់រៀន", "គណៈកម្មការទ្រទ្រង់សាលារៀន"),
        ("ផ្ដល់សៀវភៅសិក្សាគ្រប់គ្រាន់ដល់សិស្ស", "សាលារៀន"),
        ("ធ្វើអនាម័យបរិវេណសាលារៀន", "សាលារៀន និងសហគមន៍"),
    ],
}
#: A demo JAAP action's progress by the end of its year, for the poster's status column.
_PROGRESS = (("done", 100), ("in_progress", 60), ("in_progress", 30), ("not_started", 0))


def create_jaap(session: Session, province: str, *, seed: int = 2026) -> int:
    """JAAP actions for every health center and primary school of the demo districts, each
    demo year, entered by the district officer through the sync service (so they carry
    revisions, change numbers and history like records synced from a computer); returns
    how many were made (none the second time)."""
    made = 0
    for district in _first_codes(session, "district", province, DEMO_DISTRICTS):
        officer = _district_officer(session, district)
        units = session.scalars(select(ServiceUnit).where(
            ServiceUnit.commune_code.startswith(district), ServiceUnit.active.is_(True),
            ServiceUnit.kind.in_(list(_JAAP_ACTIONS))).order_by(ServiceUnit.code)).all()
        ops: list[Operation] = []
        for unit in units:
            for year in DEMO_YEARS:
                if session.scalar(select(SyncRecord.id).where(
                        SyncRecord.unit_id == unit.id, SyncRecord.year == year)) is not None:
                    continue
                # Its own generator, as for forms: a unit already done shifts nothing.
                rng = _rng(seed, "jaap", unit.code, year)
                choices = rng.sample(_JAAP_ACTIONS[unit.kind], rng.randint(1, 2))
                for number, (activity, implementer) in enumerate(choices, start=1):
                    status, percent = rng.choice(_PROGRESS) if year == max(DEMO_YEARS) \
                        else _PROGRESS[0]
                    start = rng.randint(1, 6)
                    values = {"section": rng.choice("AB"),
                              "number": number, "activity": activity,
                              "implementer": implementer,
                              "start": f"{year}-{start:02d}",
                              "end": f"{year}-{start + rng.randint(1, 6):02d}",
                              "cost_khr": rng.randrange(500_000, 20_000_000, 100_000),
                              "progress_status": status, "progress_percent": percent}
                    ops.append(Operation(
                        op_id=str(uuid.uuid4()), device_id=_DEMO_DEVICE,
                        device_seq=len(ops) + 1, entity=JAAP_ACTION.name,
                        record_id=str(uuid.uuid4()), definition_version=JAAP_ACTION.version,
                        fields={k: (v, 0) for k, v in values.items()},
                        owner={"unit_id": unit.id, "year": year}))
        if ops:
            receipts = sync_service.push(session, officer, _DEMO_DEVICE, ops)
            made += sum(r.result == "applied" for r in receipts)
    return made


#: The device the demo's JAAP actions are entered from.
_DEMO_DEVICE = "00000000-0000-4000-8000-00000000da7a"


def _district_officer(session: Session, district: str) -> User:
    username = f"dmk.{district}"
    officer = session.scalars(select(User).where(User.username == username)).first()
    if officer is None:
        officer = create_user(session, username=username, full_name="District Officer",
                              password=DEMO_PASSWORD, role="dmk_officer", area_code=district)
    return officer


def _demo_form(session: Session, officer: User, admin: User, unit: ServiceUnit, year: int,
               size: float, rng: random.Random, *, outcome: str) -> int:
    """Make the unit's form of `year` and take it to `outcome`; 0 for "missing"."""
    if outcome == "missing":
        return 0
    form = service.create_form(session, officer, form_id=str(uuid.uuid4()), unit_id=unit.id,
                               year=year, form_code=unit.kind)
    definition = service.definition(session, unit.kind, form.definition_version)
    values, confirmations = demo_values_with_warnings(definition, rng, size=size)
    if outcome == "draft":  # a draft is half done
        keep = sorted(values)[: len(values) // 2]
        values, confirmations = {k: values[k] for k in keep}, {}
    service.update_values(session, officer, form.id, values,
                          confirmations=_still_warned(session, officer, form.id, values,
                                                      confirmations))
    if outcome != "draft":
        service.transition(session, officer, form.id, "submit")
    if outcome == "returned":
        service.transition(session, officer, form.id, "return", comment=RETURN_COMMENT)
    if outcome in ("approved", "published"):
        service.transition(session, officer, form.id, "approve")
    if outcome == "published":
        service.transition(session, admin, form.id, "publish")
    return 1


def _still_warned(session: Session, user: User, form_id: str, values: dict[str, object],
                  confirmations: dict[str, str]) -> dict[str, str]:
    # demo_values_with_warnings names the warnings of a complete form; a confirmation
    # is only accepted for a warning the values really raise.
    form = service.load_form(session, user, form_id)
    definition = service.definition(session, form.form_code, form.definition_version)
    raised = {f"{p.field}:{p.code}" for p in validate(definition, values).warnings}
    return {k: v for k, v in confirmations.items() if k in raised}


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


def summary(session: Session, province: str, *, geography_added: int, units_added: int,
            accounts: list[DemoAccount] | None = None, forms_added: int = 0,
            jaap_added: int = 0) -> str:
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
    counts: dict[str, int] = {kind: count for kind, count in session.execute(
        select(ServiceUnit.kind, func.count())
        .where(ServiceUnit.commune_code.startswith(province))
        .group_by(ServiceUnit.kind))}
    lines += [
        "",
        f"Service units in {name.name_en if name else province} / {name.name_km if name else ''} "
        f"({units_added} added now):",
    ]
    for kind, (km, en) in UNIT_KINDS.items():
        lines.append(f"  {en:<32} {counts.get(kind, 0):>5}  {km}")
    statuses: dict[str, int] = {status: count for status, count in session.execute(
        select(FormRecord.status, func.count()).group_by(FormRecord.status))}
    if statuses:
        lines += ["", f"Forms with figures ({forms_added} added now): " + ", ".join(
            f"{statuses.get(s, 0)} {s}" for s in ("draft", "submitted", "returned", "approved",
                                                  "published"))]
    jaap = session.scalar(select(func.count()).select_from(SyncRecord).where(
        SyncRecord.kind == JAAP_ACTION.name, SyncRecord.deleted.is_(False))) or 0
    if jaap:
        lines += ["", f"JAAP actions of health centers and primary schools: {jaap}"
                  f"{f' ({jaap_added} added now)' if jaap_added else ''}"]
    if accounts:
        lines += ["", f"Demo accounts (password for all: {DEMO_PASSWORD}):"]
        lines += [f"  {a.username:<22} {a.role:<20} {a.scope:<10} {a.full_name}"
                  for a in accounts]
    return "\n".join(lines)
