"""Writing files so that a failure (a full disk, a cancel, a crash) never leaves half a
file under the name a person will open: write beside it, then rename over it.

Every document the project writes (PDFs, workbooks, bundles) goes through `replacing`, so
each gets the same permissions: those of any new file of the user (the umask applies),
neither private nor wider.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A new, empty temporary file beside `path` to write; when the block ends without an
    error it is flushed to disk and moved over `path` in one step, else removed (the old
    file, or none, stays). The folder is created if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.part"
    # os.open with 0o666 lets the kernel apply the umask, as for any new file; mkstemp
    # would make it private (0600), and reading the umask to undo that is not thread-safe.
    os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    try:
        yield temporary
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` in one step: the old file (or none) until the new one is
    whole."""
    with replacing(path) as temporary, open(temporary, "wb") as file:
        file.write(data)
