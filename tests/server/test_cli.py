"""The `isaf` administration commands, as an administrator runs them, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from server.cli import FORMS_DIR, main
from tests.conftest import NCDD_WORKBOOK, ROOT, form_version


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, *args], catch_exceptions=False)


def test_commands_on_an_empty_database_say_what_to_do(database_url: str) -> None:
    result = run(database_url, "geography", "stats")
    assert result.exit_code == 1
    assert "is empty: run 'isaf db init'" in result.output


def test_db_init_then_import_and_stats(database_url: str) -> None:
    assert run(database_url, "db", "init").exit_code == 0
    # "database: 0002; code: 0002": the database is at the code's newest revision.
    words = run(database_url, "db", "current").output.split()
    assert words[0] == "database:" and words[1].rstrip(";") == words[-1]
    result = run(database_url, "geography", "import", "--ncdd-xlsx", str(NCDD_WORKBOOK))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["added"]["commune"] == 1652 and report["dry_run"] is False
    stats = json.loads(run(database_url, "geography", "stats").output)
    assert (stats["province"], stats["district"], stats["commune"], stats["village"]) == (
        25, 210, 1652, 14570)


def test_dry_run_changes_nothing(database_url: str) -> None:
    run(database_url, "db", "init")
    result = run(database_url, "geography", "import", "--dry-run")
    assert json.loads(result.output)["added"]["province"] == 25
    assert json.loads(run(database_url, "geography", "stats").output)["province"] == 0


def test_malformed_workbook_is_refused_with_sheet_and_row(database_url: str,
                                                          tmp_path: Path) -> None:
    from tests.common.test_geography import SMALL, write_workbook

    run(database_url, "db", "init")
    sheets = {title: list(rows) for title, rows in SMALL.items()}
    sheets["12. Phnom Penh"][1] = ("សង្កាត់", "12x101", "ក", "K", "", "", "")
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    result = run(database_url, "geography", "import", "--ncdd-xlsx", str(path))
    assert result.exit_code == 1
    assert "the import changed nothing" in result.output
    assert "sheet '12. Phnom Penh', row 5" in result.output
    assert json.loads(run(database_url, "geography", "stats").output)["province"] == 0


def test_forms_check_reports_file_and_line(tmp_path: Path) -> None:
    good = CliRunner().invoke(main, ["forms", "check"])
    assert good.exit_code == 0, good.output
    assert good.output.count(" ok: ") == 3
    broken = tmp_path / "broken.yaml"
    broken.write_text((FORMS_DIR / "cs_admin.yaml").read_text(encoding="utf-8")
                      .replace("type: count", "type: counted", 1), encoding="utf-8")
    line = next(i for i, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1)
                if "type: counted" in text)
    result = CliRunner().invoke(main, ["forms", "check", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:{line}: 'counted' is not one of" in result.output


def test_forms_check_sums_up_official_and_proposed_standards() -> None:
    result = CliRunner().invoke(main, ["forms", "check", str(FORMS_DIR / "cs_admin.yaml")])
    assert result.exit_code == 0, result.output
    counted = re.search(r"(\d+) standards: (\d+) official, (\d+) proposed$", result.stdout.strip())
    assert counted, result.stdout
    total, official, proposed = map(int, counted.groups())
    assert total == official + proposed and official > 0 and proposed > 0
    assert result.stderr == ""


def _unsourced(tmp_path: Path) -> tuple[Path, int]:
    """cs_admin.yaml with the source of its first standard taken out; that standard's line."""
    lines = (FORMS_DIR / "cs_admin.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, text in enumerate(lines) if text.strip().startswith("source:"))
    standard = max(i for i in range(first) if lines[i].strip().startswith("standard:"))
    path = tmp_path / "unsourced.yaml"
    if lines[first - 1].strip() == "status: official":  # now unsourced, it is proposed
        lines[first - 1] = lines[first - 1].replace("official", "proposed")
    path.write_text("".join(lines[:first] + lines[first + 1:]), encoding="utf-8")
    return path, standard + 1


def test_forms_check_warns_of_a_standard_without_a_source(tmp_path: Path) -> None:
    path, line = _unsourced(tmp_path)
    result = CliRunner().invoke(main, ["forms", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        f"{path}:{line}: warning: the standard of 'fee_birth' names no source")
    assert result.stderr.count("warning:") == 1
    assert result.stdout.strip().endswith("; 1 warning")
    strict = CliRunner().invoke(main, ["forms", "check", "--strict", str(path)])
    assert strict.exit_code == 1
    assert f"{path}:{line}: warning: the standard of 'fee_birth' names no source" in strict.stderr


def test_forms_check_warns_of_a_standard_without_a_status(tmp_path: Path) -> None:
    path = tmp_path / "statusless.yaml"
    lines = (FORMS_DIR / "cs_admin.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, text in enumerate(lines) if text.strip() == "status: proposed")
    line = max(i for i in range(at) if lines[i].strip().startswith("standard:")) + 1
    path.write_text("".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    result = CliRunner().invoke(main, ["forms", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{path}:{line}: warning: the standard of ")
    assert "has no 'status' (it counts as proposed)" in result.stderr
    assert CliRunner().invoke(main, ["forms", "check", "--strict", str(path)]).exit_code == 1
    # The real forms have nothing to warn of, even when strict.
    clean = CliRunner().invoke(main, ["forms", "check", "--strict"])
    assert clean.exit_code == 0 and clean.stderr == ""


def test_publish_keeps_every_version_and_refuses_changes(database_url: str,
                                                         tmp_path: Path) -> None:
    run(database_url, "db", "init")
    first = run(database_url, "forms", "publish")
    assert first.exit_code == 0
    assert sorted(first.output.split()) == sorted(
        [f"{form}@{form_version(form)}:" for form in ("cs_admin", "health_center",
                                                     "primary_school")] + ["published"] * 3)
    again = run(database_url, "forms", "publish")
    assert again.output.count("unchanged") == 3

    current = form_version("cs_admin")
    changed = tmp_path / "cs_admin.yaml"
    text = (FORMS_DIR / "cs_admin.yaml").read_text(encoding="utf-8")
    changed.write_text(text.replace("required: true", "required: false", 1), encoding="utf-8")
    refused = run(database_url, "forms", "publish", str(changed))
    assert refused.exit_code == 1
    assert f"cs_admin@{current} is already published with other content" in refused.output

    changed.write_text(text.replace("required: true", "required: false", 1)
                       .replace(f"\nversion: {current}\n", f"\nversion: {current + 1}\n", 1),
                       encoding="utf-8")
    assert (f"cs_admin@{current + 1}: published"
            in run(database_url, "forms", "publish", str(changed)).output)
    listing = run(database_url, "forms", "list").output
    assert f"cs_admin@{current}" in listing and f"cs_admin@{current + 1}" in listing


def test_a_standard_whose_source_changed_is_published_only_under_a_new_version(
        database_url: str, tmp_path: Path) -> None:
    run(database_url, "db", "init")
    assert run(database_url, "forms", "publish").exit_code == 0
    text = (FORMS_DIR / "primary_school.yaml").read_text(encoding="utf-8")
    current = form_version("primary_school")
    changed = tmp_path / "primary_school.yaml"
    resourced = text.replace("to be confirmed by MoEYS", "to be confirmed by the DoE", 1)
    # The first official standard, made proposed (the document does not state it after all).
    demoted = re.sub(r"status: official\n(\s+)source: \{document: [^}]*\}",
                     r'status: proposed\n\1source: {proposed_by: "ISAF Desk team"}', text, count=1)
    for edited in (resourced, demoted):
        assert edited != text
        changed.write_text(edited, encoding="utf-8")
        refused = run(database_url, "forms", "publish", str(changed))
        assert refused.exit_code == 1
        assert (f"primary_school@{current} is already published with other content"
                in refused.output)
    changed.write_text(resourced.replace(f"\nversion: {current}\n", f"\nversion: {current + 1}\n",
                                         1), encoding="utf-8")
    accepted = run(database_url, "forms", "publish", str(changed))
    assert f"primary_school@{current + 1}: published" in accepted.output, accepted.output


def test_demo_prepares_a_database_and_summarises_it(database_url: str) -> None:
    result = run(database_url, "demo")
    assert result.exit_code == 0, result.output
    assert "Geography: 25 provinces, 210 districts" in result.output
    assert all(f"{form}@{form_version(form)}" in result.output
               for form in ("health_center", "primary_school"))
    units = json.loads(run(database_url, "units", "stats").output)
    assert units["cs_admin"] >= 60 and units["health_center"] > 0 and units["primary_school"] > 0
    assert "Demo accounts (password for all: isaf-demo-2026)" in result.output
    assert "published" in result.output
    # Running it again adds nothing.
    assert "(0 added now)" in run(database_url, "demo").output
    assert json.loads(run(database_url, "units", "stats").output) == units


def test_isaf_command_is_installed_with_help() -> None:
    executable = shutil.which("isaf", path=str(Path(sys.executable).parent))
    assert executable, "the isaf console script is not installed in this environment"
    result = subprocess.run([executable, "--help"], capture_output=True, text=True, check=True,
                            cwd=ROOT)
    for group in ("db", "geography", "forms", "demo", "units"):
        assert group in result.stdout


@pytest.mark.parametrize("args", [["geography", "import", "--help"],
                                  ["forms", "publish", "--help"]])
def test_every_command_documents_itself(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "Usage:" in result.output and len(result.output) > 200


def _units_ready(url: str) -> None:
    assert run(url, "db", "init").exit_code == 0
    from sqlalchemy.orm import Session

    from common.db import make_engine
    from common.geography.importers import AreaRecord, AreaSource, apply_import
    from common.units.models import ServiceUnit

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        apply_import(session, AreaSource("test", [
            AreaRecord("01", "province", "province", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
            AreaRecord("0102", "district", "district", "មង្គលបូរី", "Mongkol Borei"),
            AreaRecord("010201", "commune", "commune", "បន្ទាយនាង", "Banteay Neang")]))
        session.add(ServiceUnit(code="HC010201", kind="health_center", commune_code="010201",
                                name_km="មណ្ឌលសុខភាពបន្ទាយនាង", name_en="Banteay Neang HC"))
    engine.dispose()


def test_users_create_and_list(database_url: str) -> None:
    _units_ready(database_url)
    made = run(database_url, "users", "create", "Dara", "--name", "Sok Dara", "--role",
               "dmk_officer", "--area", "0102", "--password", "long enough password")
    assert made.exit_code == 0, made.output
    assert "created dara (dmk_officer, 0102)" in made.output
    unit_editor = CliRunner().invoke(main, ["--database-url", database_url, "users", "create",
                                            "chief", "--name", "Chief", "--role", "unit_editor",
                                            "--unit", "HC010201"],
                                     input="long enough password\nlong enough password\n")
    assert unit_editor.exit_code == 0, unit_editor.output
    wrong = run(database_url, "users", "create", "x", "--name", "X", "--role", "dmk_officer",
                "--area", "010201", "--password", "long enough password")
    assert wrong.exit_code == 1 and "needs the code of a district" in wrong.output
    short = run(database_url, "users", "create", "y", "--name", "Y", "--role",
                "national_admin", "--password", "short")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    listing = run(database_url, "users", "list").output
    assert "dara" in listing and "chief" in listing and " y " not in listing


def test_users_import_all_or_nothing(database_url: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    _units_ready(database_url)

    def sheet(rows: list[tuple[object, ...]]) -> Path:
        workbook = Workbook()
        workbook.active.append(("username", "full_name", "role", "area_code", "unit_code",
                                "password", "language", "delegated_approval"))
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / f"users{len(rows)}.xlsx"
        workbook.save(path)
        return path

    bad = sheet([("p1", "Province One", "provincial_officer", 1, None, None, "km", "yes"),
                 ("e1", "Editor", "unit_editor", None, "HC999999", None, "km", None)])
    refused = run(database_url, "users", "import", str(bad))
    assert refused.exit_code == 1
    assert "row 3 (e1): no unit with code 'HC999999'" in refused.output
    assert "p1" not in run(database_url, "users", "list").output
    good = sheet([("p1", "Province One", "provincial_officer", 1, None, None, "km", "yes"),
                  ("e1", "Editor", "unit_editor", None, "HC010201", "a given password", "en",
                   None),
                  (None, None, None, None, None, None, None, None)])
    imported = run(database_url, "users", "import", str(good))
    assert imported.exit_code == 0, imported.output
    assert "2 accounts created" in imported.output
    # Excel lost the province code's leading zero; a blank password was generated and shown.
    p1 = next(line for line in imported.output.splitlines() if line.startswith("p1"))
    assert "\t01\t" in p1 and "password: " in p1
    assert "password" not in next(line for line in imported.output.splitlines()
                                  if line.startswith("e1"))


def test_forms_history_command_shows_the_audit_trail(database_url: str) -> None:
    assert run(database_url, "demo").exit_code == 0
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from common.db import make_engine
    from server.data.models import FormRecord

    engine = make_engine(database_url)
    with Session(engine) as session:
        form_id = session.scalars(select(FormRecord.id).where(
            FormRecord.status == "published")).first()
    engine.dispose()
    result = run(database_url, "forms", "history", form_id)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert ("create" in lines[0] and "dmk.0102" in lines[0]) or "dmk.0103" in lines[0]
    assert any(" value " in f" {line} " and "-> " in line for line in lines)
    assert any("publish" in line and "admin" in line for line in lines)
    assert run(database_url, "forms", "history", "no-such-form").exit_code == 1


def test_units_import_adds_updates_and_refuses_whole(database_url: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    _units_ready(database_url)

    def sheet(name: str, rows: list[tuple[object, ...]]) -> Path:
        workbook = Workbook()
        workbook.active.append(("code", "kind", "name_km", "name_en", "commune_code",
                                "active"))
        for row in rows:
            workbook.active.append(row)
        workbook.save(tmp_path / name)
        return tmp_path / name

    first = sheet("a.xlsx", [
        ("PS01020101", "primary_school", "សាលាបឋមសិក្សាអូរធំ", "Ou Thum Primary School",
         10201, None),
        ("HC010201", "health_center", "មណ្ឌលសុខភាពបន្ទាយនាងថ្មី", "Banteay Neang HC", "010201",
         "yes")])
    result = run(database_url, "units", "import", str(first), "--changes")
    assert result.exit_code == 0, result.output
    assert "1 added, 1 updated, 0 unchanged" in result.output
    assert "HC010201 name_km" in result.output
    units = json.loads(run(database_url, "units", "stats").output)
    assert units["primary_school"] == 1 and units["health_center"] == 1
    bad = sheet("b.xlsx", [
        ("PS01020102", "primary_school", "សាលា", "School", "010201", None),
        ("HC010201", "primary_school", "x", "x", "010201", None)])
    refused = run(database_url, "units", "import", str(bad))
    assert refused.exit_code == 1
    assert "row 3: unit HC010201 is a health_center" in refused.output
    assert json.loads(run(database_url, "units", "stats").output) == units
    retire = sheet("c.xlsx", [("PS01020101", "primary_school", "សាលាបឋមសិក្សាអូរធំ",
                               "Ou Thum Primary School", "010201", "no")])
    assert "0 added, 1 updated" in run(database_url, "units", "import", str(retire)).output
    assert json.loads(run(database_url, "units", "stats").output)["primary_school"] == 0


def test_users_update_deactivates_and_resets(database_url: str) -> None:
    _units_ready(database_url)
    run(database_url, "users", "create", "sok", "--name", "Sok", "--role", "national_admin",
        "--password", "long enough password")
    assert "sok: deactivated" in run(database_url, "users", "update", "sok",
                                     "--deactivate").output
    assert "(inactive)" in run(database_url, "users", "list").output
    reset = CliRunner().invoke(main, ["--database-url", database_url, "users", "update", "sok",
                                      "--activate", "--reset-password"],
                               input="another long password\nanother long password\n")
    assert reset.exit_code == 0 and "sok: active, password reset" in reset.output
    assert "(inactive)" not in run(database_url, "users", "list").output
    assert run(database_url, "users", "update", "nobody", "--activate").exit_code == 1
    assert run(database_url, "users", "update", "sok").exit_code == 1
