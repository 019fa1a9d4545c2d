"""`isaf export`: reports written on the server itself, from its database.

    isaf export national --year 2026 [--scope 0102] [--service health_center]
                         [--official-only] OUT.xlsx

Run by whoever administers the server, so it covers whatever area it is asked for; people
download their own part through `GET /api/v1/exports/national` instead.
"""

from __future__ import annotations

from pathlib import Path

import click

from common.documents.excel import SERVICE_ORDER
from server.database import current_revision, engine_for, head_revision, session_scope
from server.errors import ServiceError
from server.exports import count_units, select_for_operator, write_export

#: Named on the workbook's About sheet in place of a role: a command on the server.
OPERATOR = "server operator (isaf export)"


@click.group("export")
def export_group() -> None:
    """Excel reports from the server's database."""


@export_group.command("national")
@click.option("--year", type=int, required=True, help="The reporting year.")
@click.option("--scope", metavar="CODE", default=None,
              help="Only this province (2 digits), district (4) or commune (6).")
@click.option("--service", type=click.Choice(SERVICE_ORDER), default=None,
              help="Only this service kind [default: all three].")
@click.option("--official-only", "official_only", is_flag=True,
              help="Judge official national standards only: for a proposed standard (not "
                   "yet official) no met or not met is written.")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.pass_context
def export_national(ctx: click.Context, year: int, scope: str | None, service: str | None,
                    official_only: bool, out: Path) -> None:
    """Write the national Excel report (About, Summary, Completeness, one sheet per
    service) for a year to OUT.xlsx; memory stays flat however large the country."""
    url = ctx.obj.url  # the database of `isaf --database-url`, or DATABASE_URL
    engine = engine_for(url)
    try:
        current = current_revision(engine)
        if current is None or current != head_revision():
            raise click.ClickException("the database is not at the newest revision: run "
                                       "'isaf db init' or 'isaf db upgrade'")
        with session_scope(engine) as session:
            try:
                selection = select_for_operator(session, year=year, scope=scope,
                                                service=service)
            except ServiceError as exc:
                raise click.ClickException(exc.message) from None
            total = count_units(session, selection)
            with click.progressbar(length=total, label="units", file=click.get_text_stream(
                    "stderr")) as bar:
                shown = 0

                def advance(done: int, _total: int) -> None:
                    nonlocal shown
                    bar.update(done - shown)
                    shown = done

                result = write_export(session, out, selection, role=OPERATOR,
                                      progress=advance, proposed_standards=not official_only,
                                      total=total)
    finally:
        engine.dispose()
    per_service = ", ".join(f"{n} {kind}" for kind, n in result.units_per_service.items())
    click.echo(f"wrote {out}: {result.units} units ({per_service}), {result.forms} forms")
