"""`isaf publish`: make the approved forms of an area, year and service public at once, or
take one published form back out of public view, from the server itself.

    isaf publish --area 0102 --year 2026 [--service health_center] [--yes] --as USERNAME
    isaf publish --withdraw FORM_ID --reason "..." --as USERNAME

Each publication is recorded in the audit trail under a person, so the command acts as a
named national administrator (`--as`). It prints the preview first and publishes exactly
the forms it listed, after a confirmation (or at once with `--yes`). Exit codes: 0 done
(or nothing to publish), 1 refused (nothing changed), 2 wrong usage.
"""

from __future__ import annotations

from typing import Any

import click
from sqlalchemy import select

from common.units.models import UNIT_KINDS
from server.accounts.models import User
from server.data import publishing
from server.database import current_revision, engine_for, head_revision, session_scope
from server.errors import ServiceError


def _acting(session: Any, username: str) -> User:
    """The active account named by `--as`; refused (exit 1) if there is none."""
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        raise click.ClickException(f"no active account {username!r}")
    return user


def _refused(exc: ServiceError) -> click.ClickException:
    refused = exc.details.get("refused")
    if refused:
        lines = "\n".join(f"  {form_id}: {why}" for form_id, why in refused.items())
        return click.ClickException(f"nothing was published; refused:\n{lines}")
    return click.ClickException(exc.message)


def _show(candidates: list[publishing.Candidate]) -> None:
    ready = [c for c in candidates if not c.blockers]
    click.echo(f"{len(ready)} approved form(s) would become public"
               + (f", {len(candidates) - len(ready)} held back" if len(ready) < len(candidates)
                  else "") + ":")
    for candidate in candidates:
        form, unit = candidate.form, candidate.form.unit
        held = ("  NOT PUBLISHED: " + "; ".join(publishing.BLOCKERS[b]
                                                for b in candidate.blockers)
                if candidate.blockers else "")
        click.echo(f"  {unit.code:<10} {form.form_code:<15} {form.year}  {unit.name_en}"
                   f"  [{form.id}]{held}")


@click.command("publish")
@click.option("--area", default="", metavar="CODE",
              help="Province (2 digits), district (4) or commune (6) [default: the country].")
@click.option("--year", type=int, default=None, help="The reporting year.")
@click.option("--service", type=click.Choice(list(UNIT_KINDS)), default=None,
              help="Only this service [default: every service].")
@click.option("--yes", is_flag=True, help="Publish without asking for confirmation.")
@click.option("--withdraw", "withdraw_id", metavar="FORM_ID", default=None,
              help="Take this published form out of public view instead (needs --reason).")
@click.option("--reason", default=None, help="Why the form is withdrawn (shown in its history).")
@click.option("--as", "username", required=True, metavar="USERNAME",
              help="The national administrator the audit trail names.")
@click.pass_context
def publish_command(ctx: click.Context, area: str, year: int | None, service: str | None,
                    yes: bool, withdraw_id: str | None, reason: str | None,
                    username: str) -> None:
    """Publish every approved form of an area, year and service (after a preview), or
    withdraw one published form with a reason."""
    if withdraw_id is None and year is None:
        raise click.UsageError("--year is needed to publish (or --withdraw FORM_ID)")
    if withdraw_id is not None and not (reason and reason.strip()):
        raise click.UsageError("--withdraw needs --reason saying why")
    if withdraw_id is not None and (year is not None or area or service):
        raise click.UsageError("--withdraw takes no --area, --year or --service")
    engine = engine_for(ctx.obj.url)  # the database of `isaf --database-url`
    try:
        current = current_revision(engine)
        if current is None or current != head_revision():
            raise click.ClickException("the database is not at the newest revision: run "
                                       "'isaf db init' or 'isaf db upgrade'")
        if withdraw_id is not None:
            _withdraw(engine, username, withdraw_id, reason or "")
        else:
            assert year is not None
            _publish(engine, username, area, year, service, yes)
    finally:
        engine.dispose()


def _withdraw(engine: Any, username: str, form_id: str, reason: str) -> None:
    with session_scope(engine) as session:
        try:
            form = publishing.withdraw(session, _acting(session, username), form_id, reason)
        except ServiceError as exc:
            raise click.ClickException(f"nothing was withdrawn: {exc.message}") from None
        click.echo(f"withdrawn from public view: {form.unit.code} {form.form_code} "
                   f"{form.year} [{form.id}] (now approved)")


def _publish(engine: Any, username: str, area: str, year: int, service: str | None,
             yes: bool) -> None:
    # The preview and the publication are two transactions: no lock is held while a
    # person reads the list, and a form changed meanwhile is refused, not published.
    with session_scope(engine) as session:
        try:
            candidates = publishing.preview(session, _acting(session, username), area=area,
                                            year=year, form_code=service)
        except ServiceError as exc:
            raise click.ClickException(exc.message) from None
        _show(candidates)
        ids = [c.form.id for c in candidates if not c.blockers]
    if not ids:
        click.echo("nothing to publish")
        return
    if not yes and not click.confirm(f"Publish these {len(ids)} form(s)?", default=False):
        raise click.ClickException("nothing was published")
    with session_scope(engine) as session:
        try:
            forms = publishing.publish(session, _acting(session, username), area=area,
                                       year=year, form_code=service, form_ids=ids)
        except ServiceError as exc:
            raise _refused(exc) from None
        click.echo(f"published {len(forms)} form(s)")
