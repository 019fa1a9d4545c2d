"""District and province figures from the server's own approved and published forms.

What every reader of an area's figure uses (posters, public pages, the dashboard, the
exports, and the laptops, which receive them with the sync): `figures`. Drafts,
submitted and returned forms never count.

An area's figures are kept in memory per worker under the area's own fingerprint
(`area_fingerprint`): how many forms of that service and year lie in the area and the sum
of their change numbers. Every change to a form gives it a new change number, and a unit
that moves takes its forms from one area to another, so the fingerprint changes whenever
the figures could; a change elsewhere leaves them kept. The fingerprint depends only on
what is committed, not on the order transactions committed in (on PostgreSQL change
numbers are transaction ids, which are not in commit order).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session, selectinload

from common.figures import FIGURE_STATUSES, AreaFigures, area_figures
from common.forms import FormDefinition, validate
from common.forms.validation import compute
from common.units.models import ServiceUnit
from server.data import service
from server.data.models import FormRecord

#: Areas whose figures one worker keeps (a province's districts and years fit many times).
_KEPT = 2048
_cache: OrderedDict[tuple[Any, ...], AreaFigures] = OrderedDict()
_lock = threading.Lock()

#: What `data_version` reads on PostgreSQL besides the newest change number: the oldest
#: transaction still running, which moves on whenever a transaction ends.
_PG_OLDEST_RUNNING = text(
    "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT)")


def data_version(session: Session) -> tuple[int, ...]:
    """A value that changes whenever any form has changed (pages key their ETags on it).

    SQLite commits in the order of change numbers, so the newest one is enough. On
    PostgreSQL a transaction with an older number may commit after a newer one: the
    oldest running transaction is read too, and it moves on once that commit is done (so
    a page may show the state before a change for as long as the longest write then
    running takes, never longer)."""
    newest = int(session.scalar(select(func.max(FormRecord.server_seq))) or 0)
    if session.get_bind().dialect.name != "postgresql":
        return (newest,)
    return (newest, int(session.scalar(_PG_OLDEST_RUNNING) or 0))


def _in_area(statement: Select[Any], area_code: str, year: int,
             form_code: str) -> Select[Any]:
    return (statement.join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
            .where(ServiceUnit.commune_code.startswith(area_code, autoescape=True),
                   FormRecord.year == year, FormRecord.form_code == form_code))


def final_forms(area_code: str, year: int, form_code: str) -> Select[tuple[FormRecord]]:
    """The query of an area's final forms of one service and year (area '' = country)."""
    return _in_area(select(FormRecord), area_code, year, form_code).where(
        FormRecord.status.in_(sorted(FIGURE_STATUSES)), FormRecord.deleted.is_(False))


def area_fingerprint(session: Session, area_code: str, year: int,
                     form_code: str) -> tuple[int, int]:
    """How many forms (any status, deleted ones too) of the service and year lie in the
    area now, and the sum of their change numbers: it changes with any of them."""
    count, total = session.execute(_in_area(
        select(func.count(FormRecord.id), func.sum(FormRecord.server_seq)),
        area_code, year, form_code)).one()
    return int(count or 0), int(total or 0)


def compute_figures(session: Session, area_code: str, year: int, form_code: str,
                    newest: FormDefinition | None = None) -> AreaFigures:
    """An area's figures read from the database now, without the cache: two queries
    (the forms, then all their values), each form completed by the shared engine."""
    newest = newest or service.definition(session, form_code)
    records = session.scalars(final_forms(area_code, year, form_code)
                              .options(selectinload(FormRecord.values))).unique()
    definitions: dict[int, FormDefinition] = {}
    forms = []
    for record in records:
        version = record.definition_version
        if version not in definitions:
            definitions[version] = service.definition(session, form_code, version)
        used = definitions[version]
        forms.append(compute(used, validate(used, service.current_values(record)).values))
    return area_figures(area_code, year, newest, forms)


def figures(session: Session, area_code: str, year: int, form_code: str) -> AreaFigures:
    """An area's figures for a service and year, from approved and published forms only;
    computed again only when the area's forms (or the newest definition) have changed."""
    newest = service.definition(session, form_code)
    # A newly published definition may read the same forms differently.
    key = (area_code, year, form_code, newest.version,
           *area_fingerprint(session, area_code, year, form_code))
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    found = compute_figures(session, area_code, year, form_code, newest)
    with _lock:
        _cache[key] = found
        while len(_cache) > _KEPT:
            _cache.popitem(last=False)
    return found


def district_figures(session: Session, commune_code: str, year: int,
                     form_code: str) -> AreaFigures:
    """The figures of the district a commune (or unit's commune code) lies in."""
    return figures(session, commune_code[:4], year, form_code)
