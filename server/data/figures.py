"""District and province figures from the server's own approved and published forms.

What every reader of an area's figure uses (posters, public pages, the dashboard, the
exports, and the laptops, which receive them with the sync): `area_figures`. Drafts,
submitted and returned forms never count. The figures of an area are kept in memory by
the database's last change number (`data_version`): any change to any form makes the next
reader compute them again, so a kept figure is never stale, and an unchanged database
computes each area's figures once per worker.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from common.figures import FIGURE_STATUSES, AreaFigures, area_figures
from common.units.models import ServiceUnit
from server.data import service
from server.data.models import FormRecord

#: Areas whose figures one worker keeps (a province's districts and years fit many times).
_KEPT = 2048
_cache: OrderedDict[tuple[str, int, str, int, int], AreaFigures] = OrderedDict()
_lock = threading.Lock()


def data_version(session: Session) -> int:
    """The newest change number of any form: it grows with every change that could move
    a figure (a value, a status, a delete), so it keys what is derived from the forms."""
    return int(session.scalar(select(func.max(FormRecord.server_seq))) or 0)


def final_forms(area_code: str, year: int, form_code: str) -> Select[tuple[FormRecord]]:
    """The query of an area's final forms of one service and year (area '' = country)."""
    return (select(FormRecord).join(ServiceUnit, FormRecord.unit_id == ServiceUnit.id)
            .where(ServiceUnit.commune_code.startswith(area_code, autoescape=True),
                   FormRecord.year == year, FormRecord.form_code == form_code,
                   FormRecord.status.in_(sorted(FIGURE_STATUSES)),
                   FormRecord.deleted.is_(False)))


def compute_figures(session: Session, area_code: str, year: int,
                    form_code: str) -> AreaFigures:
    """An area's figures read from the database now, without the cache."""
    definition = service.definition(session, form_code)
    forms = [service.view(session, record).values
             for record in session.scalars(final_forms(area_code, year, form_code))]
    return area_figures(area_code, year, definition, forms)


def figures(session: Session, area_code: str, year: int, form_code: str, *,
            version: int | None = None) -> AreaFigures:
    """An area's figures for a service and year, from approved and published forms only;
    computed once per data version (give `version` when the caller already read it)."""
    version = data_version(session) if version is None else version
    # A newly published definition may read the same forms differently.
    newest = service.definition(session, form_code).version
    key = (area_code, year, form_code, version, newest)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    found = compute_figures(session, area_code, year, form_code)
    with _lock:
        _cache[key] = found
        while len(_cache) > _KEPT:
            _cache.popitem(last=False)
    return found


def district_figures(session: Session, commune_code: str, year: int,
                     form_code: str) -> AreaFigures:
    """The figures of the district a commune (or unit's commune code) lies in."""
    return figures(session, commune_code[:4], year, form_code)
