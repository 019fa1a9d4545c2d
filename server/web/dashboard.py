"""The staff dashboard: completeness, standards met, publishing and Excel downloads for
signed-in national, provincial and district staff, each within their own scope.

Every view is a `staff_page` (server/web/auth.py): signed in through the cookie, one of
the staff roles, and private (`Cache-Control: private, no-store`). What a page shows is
bounded by the user's scope as the server records it (server/web/dashboard_data.py); a
request's `area` only narrows it.
"""

from __future__ import annotations

from typing import Any

from flask import g, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from common.documents.excel import SERVICE_ORDER
from common.units.models import UNIT_KINDS
from common.workflow import STATUS_NAMES
from server import db
from server.data.models import FormRecord
from server.downloads import workbook_download
from server.errors import NotFoundError, ServiceError
from server.exports import EXPORT_ROLES, select_for_user
from server.web import dashboard_data as data
from server.web.auth import html, refused, staff_page
from server.web.charts import stacked_bars
from server.web.pages import page, web
from server.web.words import word


def _state_names(lang: str) -> dict[str, str]:
    """The completeness states in the page's language."""
    names = {state: (km if lang == "km" else en) for state, (km, en) in STATUS_NAMES.items()}
    return {"missing": word("dash_not_started", lang), **names}


def _services(lang: str) -> list[tuple[str, str]]:
    return [(kind, UNIT_KINDS[kind][0 if lang == "km" else 1]) for kind in SERVICE_ORDER]


def _filters(*, need_service: bool = False) -> data.Filters:
    return data.filters(db.session(), g.staff, year=request.args.get("year"),
                        service_kind=request.args.get("service"),
                        area=request.args.get("area"), need_service=need_service)


def _answer(render: Any) -> Response:
    """`render()` as a page; an area out of scope is a 404 page, a wrong year or service a
    400 page saying what is wrong: never a page of someone else's numbers."""
    try:
        return html(render())
    except NotFoundError:
        db.session().rollback()
        return refused("dash_no_such_area", 404)
    except ServiceError as error:
        db.session().rollback()
        return refused("dash_bad_request", error.status, detail=error.message)


def _common(chosen: data.Filters) -> dict[str, Any]:
    """What every dashboard page's template needs besides its own table."""
    services = _services(g.lang)
    return {"chosen": chosen, "services": services, "service_names": dict(services),
            "user": g.staff,
            "csrf": g.csrf, "may_publish": g.staff.role == "national_admin"}


@web.get("/dashboard/")
@staff_page
def dashboard_home() -> Response:
    """Completeness: which units reported, how far along the workflow, per child area."""

    def render() -> str:
        chosen = _filters()
        report = data.completeness(db.session(), g.staff, chosen)
        names = _state_names(g.lang)
        chart = stacked_bars([(row.place.name(g.lang), row.counts) for row in report.rows],
                             data.STATES, names,
                             title=word("dash_chart_title", g.lang, year=chosen.year))
        return page("dashboard/completeness.html", report=report, chart=chart,
                    states=data.STATES, state_names=names, **_common(chosen))

    return _answer(render)


@web.get("/dashboard/standards")
@staff_page
def dashboard_standards() -> Response:
    """The share of units meeting each standard, by area, this year against last."""

    def render() -> str:
        chosen = _filters(need_service=True)
        table = data.standards(db.session(), chosen)
        return page("dashboard/standards.html", table=table, change=data.change,
                    **_common(chosen))

    return _answer(render)


# --------------------------------------------------------------------------- publishing


def _publish_page(chosen: data.Filters, *, message: str | None = None,
                  error: str | None = None, status: int = 200) -> Response:
    """The publishing page: the preview of the chosen area, year and service, what is
    public now (each with a withdraw form) and the recent publications."""
    from server.data import publishing

    session = db.session()
    context: dict[str, Any] = {"message": message, "error": error,
                               "blocker_texts": publishing.BLOCKERS,
                               "candidates": [], "published": [], "events": []}
    if g.staff.role == "national_admin":
        area = chosen.area.code
        context["candidates"] = publishing.preview(session, g.staff, area=area,
                                                   year=chosen.year, form_code=chosen.service)
        context["published"] = data.published_forms(session, g.staff, chosen)
        events = publishing.publications(session, g.staff, area=area, year=chosen.year,
                                         limit=50)
        ids = [event.form_id for event in events if event.form_id]
        forms = {f.id: f for f in session.scalars(
            select(FormRecord).where(FormRecord.id.in_(ids)))} if ids else {}
        context["events"] = [(event, forms.get(event.form_id or "")) for event in events]
    return html(page("dashboard/publish.html", **context, **_common(chosen)), status)


@web.get("/dashboard/publish")
@staff_page
def dashboard_publish() -> Response:
    """Preview what publishing would make public (national administrators act on it)."""
    try:
        chosen = _filters()
        return _publish_page(chosen)
    except NotFoundError:
        db.session().rollback()
        return refused("dash_no_such_area", 404)
    except ServiceError as error:
        db.session().rollback()
        return refused("dash_bad_request", error.status, detail=error.message)


def _posted_filters() -> data.Filters | Response:
    """The area, year and service a form posted, or the page refusing them."""
    form = request.form
    try:
        return data.filters(db.session(), g.staff, year=form.get("year"),
                            service_kind=form.get("service") or None, area=form.get("area"))
    except NotFoundError:
        db.session().rollback()
        return refused("dash_no_such_area", 404)
    except ServiceError as error:
        db.session().rollback()
        return refused("dash_bad_request", error.status, detail=error.message)


@web.post("/dashboard/publish")
@staff_page
def dashboard_publish_now() -> Response:
    """Publish exactly the previewed forms (their ids come back with the form)."""
    from server.data import publishing

    session = db.session()
    chosen = _posted_filters()
    if isinstance(chosen, Response):
        return chosen
    ids = request.form.getlist("form_id")
    if not ids:
        return _publish_page(chosen, error=word("dash_nothing_chosen", g.lang), status=400)
    try:
        done = publishing.publish(session, g.staff, area=chosen.area.code, year=chosen.year,
                                  form_code=chosen.service, form_ids=ids)
        session.commit()
    except ServiceError as error:
        session.rollback()
        return _publish_page(chosen, error=error.message, status=error.status)
    return _publish_page(chosen, message=word("dash_published_n", g.lang, n=len(done)))


@web.post("/dashboard/publish/withdraw")
@staff_page
def dashboard_withdraw() -> Response:
    """Take one published form out of public view, with a reason."""
    from server.data import publishing

    session = db.session()
    chosen = _posted_filters()
    if isinstance(chosen, Response):
        return chosen
    try:
        form = publishing.withdraw(session, g.staff, request.form.get("form_id", "")[:64],
                                   request.form.get("reason", ""))
        code = form.unit.code
        session.commit()
    except ServiceError as error:
        session.rollback()
        return _publish_page(chosen, error=error.message, status=error.status)
    return _publish_page(chosen, message=word("dash_withdrawn_one", g.lang, unit=code))


# --------------------------------------------------------------------------- exports


@web.get("/dashboard/exports")
@staff_page
def dashboard_exports() -> Response:
    """The Excel downloads this user is entitled to: their scope, a year, a service."""

    def render() -> str:
        chosen = _filters()
        return page("dashboard/exports.html", may_export=g.staff.role in EXPORT_ROLES,
                    **_common(chosen))

    return _answer(render)


@web.get("/dashboard/exports/national.xlsx")
@staff_page
def dashboard_export_download() -> Response:
    """The national workbook for the chosen area (within the scope), year and service,
    built as the API's export endpoint builds it and streamed as an attachment."""
    session = db.session()
    try:
        chosen = _filters()
        selection = select_for_user(session, g.staff, year=chosen.year,
                                    scope=chosen.area.code or None, service=chosen.service)
    except NotFoundError:
        session.rollback()
        return refused("dash_no_such_area", 404)
    except ServiceError as error:
        session.rollback()
        return refused("dash_bad_request", error.status, detail=error.message)
    return workbook_download(session, selection, role=g.staff.role,
                             proposed_standards=request.args.get("official_only") != "1")

