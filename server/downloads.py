"""The national workbook as a download: built in a temporary file, then streamed from it.

Shared by the API's export endpoint and the dashboard's Excel downloads, so both send
the same bytes the same way. The file is removed when the response is closed (every WSGI
server closes it, whatever happens to the download), or, for a caller that never closes
it (a test client), when the body is dropped.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import suppress

from flask import Response
from sqlalchemy.orm import Session

from common.documents.excel import CONTENT_TYPE
from server.exports import ExportSelection, export_filename, write_export


def workbook_download(session: Session, selection: ExportSelection, *, role: str,
                      proposed_standards: bool) -> Response:
    """The workbook of `selection` as an attachment (`Cache-Control: no-store`)."""
    handle, path = tempfile.mkstemp(prefix="isaf-export-", suffix=".xlsx")
    os.close(handle)
    try:
        write_export(session, path, selection, role=role,
                     proposed_standards=proposed_standards)
    except BaseException:
        _remove(path)
        raise
    session.rollback()  # end the read transaction before the slow part: sending
    size = os.path.getsize(path)
    body = _blocks(path)
    weakref.finalize(body, _remove, path)
    response = Response(body, mimetype=CONTENT_TYPE, direct_passthrough=True)
    response.call_on_close(lambda: _remove(path))
    response.headers["Content-Disposition"] = (
        f"attachment; filename={export_filename(selection)}")
    response.headers["Content-Length"] = str(size)
    response.headers["Cache-Control"] = "no-store"
    return response


def _blocks(path: str, size: int = 64 * 1024) -> Iterator[bytes]:
    """The file's bytes, a block at a time (opened only while the body is being sent)."""
    with open(path, "rb") as source:
        while block := source.read(size):
            yield block


def _remove(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)
