"""`isaf print ...`: blank forms and I4C posters as PDF, from the server's database.

    isaf print form UNIT_CODE --year 2026 OUT.pdf
    isaf print poster UNIT_CODE --year 2026 [--language km|en|km+en] [--size A3|A2] OUT.pdf
    isaf print batch --district 0102 --year 2026 [--one-file|--per-unit] OUT
    isaf print examples OUTDIR

Every print command takes `--official-only`: proposed standards (not yet official national
standards) are then neither printed nor judged met or not met.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.documents import (
    DocumentOptions,
    JaapAction,
    blank_form_pdf,
    poster_pdf,
    write_batch,
)
from common.documents.data import Language, PageSize
from common.khmer import Digits
from common.units.models import ServiceUnit
from server import documents, exports
from server.data.models import FormRecord
from server.database import session_scope

LANGUAGES = ["km", "en", "km+en"]
OFFICIAL_ONLY_HELP = ("Leave out proposed standards (not yet official national standards): "
                      "they are neither printed nor judged met or not met.")


def _options(language: str, digits: str | None, size: str | None,
             heading_font: bool, official_only: bool) -> DocumentOptions:
    # click.Choice admits only the values these Literal types name.
    return DocumentOptions(language=cast(Language, language),
                           digits=cast(Digits | None, digits),
                           page_size=cast(PageSize | None, size), heading_font=heading_font,
                           proposed_standards=not official_only)


def _common(function: Any) -> Any:
    """The options every print command takes."""
    for option in reversed([
        click.option("--language", type=click.Choice(LANGUAGES), default="km", show_default=True,
                     help="Khmer, English, or both side by side."),
        click.option("--digits", type=click.Choice(["khmer", "arabic"]), default=None,
                     help="Digits of figures [default: Khmer, Arabic for English]."),
        click.option("--no-muol", "no_muol", is_flag=True,
                     help="Headings in the shipped font even when Khmer OS Muol Light is "
                          "installed."),
        click.option("--official-only", "official_only", is_flag=True,
                     help=OFFICIAL_ONLY_HELP),
    ]):
        function = option(function)
    return function


@contextmanager
def _session(context: Any) -> Iterator[Session]:
    context.require_schema()
    with session_scope(context.engine) as session:
        yield session


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group("print")
def print_group() -> None:
    """Print blank data-collection forms and I4C posters (PDF)."""


@print_group.command("form")
@click.argument("unit_code")
@click.option("--year", type=int, required=True, help="The reporting year.")
@_common
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def print_form(context: Any, unit_code: str, year: int, language: str, digits: str | None,
               no_muol: bool, official_only: bool, out: Path) -> None:
    """Write the blank data-collection form of one unit for a year (A4)."""
    with _session(context) as session:
        try:
            unit = documents.find_unit(session, unit_code)
            data = documents.blank_form_input(session, unit, year,
                                              _options(language, digits, "A4", not no_muol,
                                                       official_only))
        except documents.PrintError as exc:
            raise _fail(exc) from None
    blank_form_pdf(data, out)
    click.echo(f"wrote {out}")


def _jaap(path: Path | None) -> list[JaapAction] | None:
    if path is None:
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [JaapAction(**row) for row in rows]
    except (OSError, ValueError, TypeError) as exc:
        raise click.ClickException(f"{path}: not a list of JAAP actions ({exc}); each is "
                                   "{activity_km, activity_en, responsible, timeline, "
                                   "status}") from None


@print_group.command("poster")
@click.argument("unit_code")
@click.option("--year", type=int, required=True, help="The reporting year.")
@_common
@click.option("--size", type=click.Choice(["A3", "A2"]), default="A3", show_default=True)
@click.option("--jaap", "jaap_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="JSON list of the year's JAAP actions for the unit.")
@click.option("--any-status", is_flag=True, help="Also print a form not yet approved (the "
              "poster is marked as a draft).")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def print_poster(context: Any, unit_code: str, year: int, language: str, digits: str | None,
                 no_muol: bool, official_only: bool, size: str, jaap_file: Path | None,
                 any_status: bool, out: Path) -> None:
    """Write the I4C poster of one unit for a year."""
    jaap = _jaap(jaap_file)
    with _session(context) as session:
        try:
            unit = documents.find_unit(session, unit_code)
            data = documents.poster_input(session, unit, year,
                                          _options(language, digits, size, not no_muol,
                                                   official_only),
                                          any_status=any_status, jaap_actions=jaap)
        except documents.PrintError as exc:
            raise _fail(exc) from None
    poster_pdf(data, out)
    click.echo(f"wrote {out}")


@print_group.command("batch")
@click.option("--district", "area", help="District code: every unit of the district.")
@click.option("--commune", "commune", help="Commune code: every unit of the commune.")
@click.option("--year", type=int, required=True, help="The reporting year.")
@click.option("--document", type=click.Choice(["poster", "form"]), default="poster",
              show_default=True)
@click.option("--one-file/--per-unit", "one_file", default=True, show_default=True,
              help="One PDF for all units, or a folder with one PDF per unit.")
@_common
@click.option("--size", type=click.Choice(["A4", "A3", "A2"]), default=None,
              help="Page size [default: A3 posters, A4 forms].")
@click.option("--any-status", is_flag=True, help="Also print forms not yet approved.")
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_obj
def print_batch(context: Any, area: str | None, commune: str | None, year: int, document: str,
                one_file: bool, language: str, digits: str | None, no_muol: bool,
                official_only: bool, size: str | None, any_status: bool, out: Path) -> None:
    """Print every unit of a district (or commune): OUT is a PDF file with --one-file, a
    folder with --per-unit. Units without a printable form are listed and skipped."""
    code = area or commune
    if not code or (area and commune):
        raise click.UsageError("give one of --district or --commune")
    if size == "A4" and document == "poster":
        raise click.UsageError("a poster is A3 or A2")
    options = _options(language, digits, size, not no_muol, official_only)
    with _session(context) as session:
        items = documents.batch_items(session, code, year, document=document,
                                      options=options, any_status=any_status)
        if not items:
            raise click.ClickException(f"no active unit in {code}")
        with click.progressbar(length=len(items), label=f"{document}s of {code}",
                               file=click.get_text_stream("stderr")) as bar:
            def progress(done: int, total: int, label: str) -> None:
                bar.update(1, label)  # type: ignore[arg-type]  # click types it as the length
            result = write_batch(items, out, one_file=one_file, progress=progress)
    for name in result.skipped:
        click.echo(f"skipped {name}: no {'approved ' if not any_status else ''}form", err=True)
    click.echo(f"printed {len(result.printed)} of {len(items)} units into "
               f"{', '.join(str(f) for f in result.files) if one_file else out}")


@print_group.command("examples")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
def print_examples(context: Any, outdir: Path) -> None:
    """Write example documents from the demo data (run 'isaf demo' first): a blank form, a
    poster in Khmer and one in English, for the first health center with a published form
    of the latest year, and the national Excel export of that year. Every text is checked:
    a glyph that would print wrongly stops it."""
    outdir.mkdir(parents=True, exist_ok=True)
    with _session(context) as session:
        found = session.execute(
            select(ServiceUnit, FormRecord.year)
            .join(FormRecord, FormRecord.unit_id == ServiceUnit.id)
            .where(FormRecord.status == "published", FormRecord.deleted.is_(False),
                   ServiceUnit.kind == "health_center")
            .order_by(FormRecord.year.desc(), ServiceUnit.code)).first()
        if found is None:
            raise click.ClickException("no published health-center form: run 'isaf demo'")
        unit, year = found
        written = []
        # Strict: an example that would print a broken glyph stops the command.
        form = documents.blank_form_input(session, unit, year, DocumentOptions(strict=True))
        written.append(outdir / "form-km.pdf")
        blank_form_pdf(form, written[-1])
        for language in ("km", "en"):
            # The unit's JAAP actions come from the demo's synced records.
            data = documents.poster_input(session, unit, year,
                                          DocumentOptions(language=language,
                                                          strict=True))
            written.append(outdir / f"poster-{language}.pdf")
            poster_pdf(data, written[-1])
        # And the national export of the same year, for the unit's province.
        selection = exports.select_for_operator(session, year=year,
                                                scope=unit.commune_code[:2], service=None)
        written.append(outdir / f"export-{year}.xlsx")
        exports.write_export(session, written[-1], selection, role="operator (example)")
    for path in written:
        click.echo(f"wrote {path}")
