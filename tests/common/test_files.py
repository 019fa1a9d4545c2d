"""A document written over an old one is never left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from common.files import write_bytes_atomic


def test_new_file_in_a_new_folder_is_readable_like_any_other(tmp_path: Path) -> None:
    target = tmp_path / "district" / "posters.pdf"
    write_bytes_atomic(target, b"%PDF-1.4 whole")
    assert target.read_bytes() == b"%PDF-1.4 whole"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["posters.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path) -> None:
    target = tmp_path / "posters.pdf"
    target.write_bytes(b"last year's posters")
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"last year's posters"
    assert [p.name for p in tmp_path.iterdir()] == ["posters.pdf"]


def test_a_workbook_gets_the_same_permissions_as_a_pdf(tmp_path: Path) -> None:
    # One way to write documents: a national export is no more private, and no wider open,
    # than a poster written beside it.
    from common.documents.excel import ExportInfo, write_national_workbook

    pdf = tmp_path / "poster.pdf"
    write_bytes_atomic(pdf, b"%PDF-1.4 whole")
    workbook = tmp_path / "national.xlsx"
    write_national_workbook(workbook, info=ExportInfo(year=2026, services=("health_center",),
                                                      generated_by_role="national_admin"),
                            definitions={}, units=[])
    assert workbook.stat().st_mode & 0o777 == pdf.stat().st_mode & 0o777
    assert sorted(p.name for p in tmp_path.iterdir()) == ["national.xlsx", "poster.pdf"]
