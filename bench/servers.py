"""Real servers for benchmarks: a fresh PostgreSQL schema, and gunicorn in production mode
on it with Redis, as packaging/server/gunicorn.conf.py runs it.

Benchmarks skip, rather than fail, on a machine without PostgreSQL or Redis: the
`*_unreachable` checks return the reason to print.
"""

from __future__ import annotations

import functools
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
GUNICORN_CONF = ROOT / "packaging" / "server" / "gunicorn.conf.py"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_unreachable(url: str) -> str | None:
    """Why PostgreSQL at `url` cannot be used, or None when it can."""
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "skip", with the reason shown
        return f"PostgreSQL not reachable at {make_url(url).render_as_string()}: " \
               f"{str(exc).splitlines()[0]}"
    finally:
        engine.dispose()
    return None


def redis_unreachable(url: str) -> str | None:
    """Why Redis at `url` cannot be used, or None when it can."""
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as exc:
        return f"Redis not reachable at {url}: {exc}"
    return None


@contextmanager
def postgres_schema(base_url: str, prefix: str = "bench") -> Iterator[str]:
    """The URL of a new, empty schema in the database of `base_url`, dropped afterwards.

    The schema rides in the URL (search_path), so every process given the URL (gunicorn's
    workers, the CLI) lands in it, as tests/conftest.py does for tests.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass(frozen=True)
class RunningServer:
    """A gunicorn started by `gunicorn`: where it answers, and its master's process id."""

    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time used so far by the master and its workers (Linux /proc; 0 elsewhere).

        Read before and after a load, it tells whether the server was short of CPU."""
        clock = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        total = 0
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
            for pid in [str(self.pid), *children]:
                # Fields after the ")" of the command name: utime and stime are 14 and 15.
                stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
                total += int(stat[11]) + int(stat[12])
        except OSError:
            return 0.0
        return total / clock


def machine_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy so far, all cores (Linux /proc; 0
    elsewhere). With the server's own figure it shows who else used the shared cores:
    PostgreSQL, the load generator, other people's work."""
    try:
        ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    idle = ticks[3] + ticks[4]  # idle and iowait
    clock = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    # guest time is already inside user time
    return (sum(ticks[:8]) - idle) / clock


@contextmanager
def gunicorn(database_url: str, *, redis_url: str, workers: int, folder: Path,
             threads: int = 1, env: dict[str, str] | None = None) -> Iterator[RunningServer]:
    """A production-mode gunicorn (the packaged config) on `database_url`, with `env` added
    to its environment; yields it once it answers, and stops it afterwards. Its logs go to
    files in `folder`."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "ISAF_ENV": "production",
           "ISAF_SECRET_KEY": secrets.token_urlsafe(48), "ISAF_RATELIMIT_STORAGE": redis_url,
           # Its own key prefix: counts left in Redis by other runs do not touch this one.
           "ISAF_RATELIMIT_PREFIX": f"bench-{uuid.uuid4().hex}",
           "ISAF_BIND": f"127.0.0.1:{port}", "ISAF_WORKERS": str(workers),
           "ISAF_THREADS": str(threads), "ISAF_ACCESS_LOG": str(folder / "access.log"),
           "ISAF_ERROR_LOG": str(folder / "error.log"), **(env or {})}
    executable = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(executable), "-c", str(GUNICORN_CONF), "server.wsgi:app"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("gunicorn stopped: " + error_log_tail(folder)) from None
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer in 30 s: " + error_log_tail(folder))
        yield RunningServer(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def error_log_tail(folder: Path, lines: int = 20) -> str:
    """The end of gunicorn's error log in `folder`, to show why something failed."""
    path = folder / "error.log"
    if not path.exists():
        return "(no error log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def seed_one_commune(session: Any) -> None:
    """Banteay Meanchey, Mongkol Borei and Banteay Neang, and the published form
    definitions: the smallest world a bench's accounts and units can live in."""
    from common.forms import load_definitions
    from common.forms.store import publish_definition
    from common.geography.importers import AreaRecord, AreaSource, apply_import
    from server.cli import FORMS_DIR

    apply_import(session, AreaSource("bench", [
        AreaRecord("01", "province", "province", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
        AreaRecord("0102", "district", "district", "មង្គលបូរី", "Mongkol Borei"),
        AreaRecord("010201", "commune", "commune", "បន្ទាយនាង", "Banteay Neang")]))
    for definition in load_definitions(FORMS_DIR):
        publish_definition(session, definition)


@functools.cache
def form_version(form: str) -> int:
    """The version of the real definition of `form` in forms/ (what seed_one_commune
    publishes): forms a bench makes name it, so a new version needs no bench change."""
    from common.forms import load_definitions
    from server.cli import FORMS_DIR

    return next(d.version for d in load_definitions(FORMS_DIR) if d.form == form)
