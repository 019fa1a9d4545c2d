"""`make demo`: the demo server and the desktop client, together, in one command.

It prepares the demo database (`isaf demo`: geography, forms, units, accounts, figures;
running it again adds nothing), starts the server (`isaf serve`) in a subprocess, waits
until it answers, opens the desktop application at its sign-in screen with the server's
address and a district officer's account filled in, and stops the server when the
application closes.

    .venv/bin/python packaging/demo.py [--database-url URL] [--port 5000] [--user dmk.0102]
                                       [--data-dir instance/desk] [--server-only]

On a machine without a display it says how to run it (xvfb-run, or --server-only) rather
than let Qt abort.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = f"sqlite:///{ROOT / 'instance' / 'demo.sqlite'}"
#: The account shown on the sign-in screen: a district officer sees a district's communes,
#: their units and forms in every status, and may sync, review and approve.
DEFAULT_USER = "dmk.0102"
#: Documented in the README (a demo only).
DEMO_PASSWORD = "isaf-demo-2026"
#: Where the demo client keeps its accounts and log: inside instance/, away from a real
#: installation's data, and removed by `make clean`.
DEFAULT_DATA_DIR = ROOT / "instance" / "desk"
#: A first start of the development server imports Flask and the API: allow a slow machine.
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class DemoOptions:
    """What `packaging/demo.py` was asked to do."""

    database_url: str = DEFAULT_DATABASE
    host: str = "127.0.0.1"
    port: int = 5000
    user: str = DEFAULT_USER
    data_dir: Path = DEFAULT_DATA_DIR
    prepare: bool = True
    server_only: bool = False
    server_log: Path | None = None

    @property
    def server_url(self) -> str:
        """The address the client signs in to."""
        return f"http://{self.host}:{self.port}"


def isaf(*arguments: str) -> list[str]:
    """The `isaf` command of this Python (no PATH or shell assumed: Windows runs it too)."""
    return [sys.executable, "-m", "server.cli", *arguments]


def prepare(database_url: str) -> None:
    """Make the demo database, or bring it up to date; its summary goes to the terminal."""
    subprocess.run(isaf("--database-url", database_url, "demo"), cwd=ROOT, check=True)


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens there (an earlier demo, another server)."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def start_server(options: DemoOptions) -> subprocess.Popen[bytes]:
    """Start `isaf serve` and return once it answers; RuntimeError (with its log) if it
    does not."""
    log_path = options.server_log or options.data_dir.parent / "demo-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            isaf("--database-url", options.database_url, "serve", "--host", options.host,
                 "--port", str(options.port)),
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    probe = f"{options.server_url}/api/v1/openapi.json"
    limit = time.monotonic() + START_TIMEOUT
    while time.monotonic() < limit:
        if process.poll() is not None:
            raise RuntimeError(f"the demo server stopped at once; its log "
                               f"({log_path}):\n{_tail(log_path)}")
        try:
            urllib.request.urlopen(probe, timeout=2).close()
            return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"the demo server did not answer within {START_TIMEOUT:.0f} s; its "
                       f"log ({log_path}):\n{_tail(log_path)}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server: politely first, then for sure."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                         .splitlines()[-lines:])
    except OSError:
        return "(no log)"


def no_display_message() -> str | None:
    """What to do on a machine without a display; None when a window can open."""
    from client.app import display_problem

    problem = display_problem("make demo", offscreen_hint=False)
    if problem is None:
        return None
    return (f"{problem}\n- Or run the demo server alone, without the window:\n"
            f"      make demo DEMO_ARGS=--server-only\n"
            f"  ({_relative(Path(sys.executable))} packaging/demo.py --server-only)")


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def run_client(options: DemoOptions) -> int:
    """The desktop application at its sign-in screen, filled in for the demo."""
    from client.app import main as application

    return application(["--server", options.server_url, "--user", options.user,
                        "--data-dir", str(options.data_dir)])


def run(options: DemoOptions, *, client: Callable[[DemoOptions], int] = run_client) -> int:
    """Prepare, serve, run the client, stop the server; the exit status."""
    if not options.server_only:
        message = no_display_message()
        if message:
            print(message, file=sys.stderr)
            return 2
    if port_in_use(options.host, options.port):
        print(f"Port {options.port} is already in use (an earlier demo still running?). Stop "
              f"it, or choose another port: --port 5001", file=sys.stderr)
        return 1
    if options.prepare:
        prepare(options.database_url)
    try:
        server = start_server(options)
    except RuntimeError as error:
        print(str(error), file=sys.stderr)
        return 1
    try:
        print(f"\nDemo server on {options.server_url}/api/v1/docs")
        if options.server_only:
            print("Ctrl+C stops it.")
            server.wait()
            return 0
        print(f"The desktop client opens at its sign-in screen: user {options.user}, "
              f"password {DEMO_PASSWORD}. Closing it stops the server.", flush=True)
        return client(options)
    except KeyboardInterrupt:
        return 130
    finally:
        stop_server(server)


def parse(argv: list[str]) -> DemoOptions:
    """The command line's options."""
    parser = argparse.ArgumentParser(prog="packaging/demo.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE,
                        help="the demo database [default: instance/demo.sqlite]")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--user", default=DEFAULT_USER,
                        help=f"the account on the sign-in screen [default: {DEFAULT_USER}]")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help="the client's data folder [default: instance/desk]")
    parser.add_argument("--no-prepare", dest="prepare", action="store_false",
                        help="use the database as it is")
    parser.add_argument("--server-only", action="store_true",
                        help="serve the demo without opening the client (Ctrl+C stops it)")
    parsed = parser.parse_args(argv)
    return DemoOptions(database_url=parsed.database_url, host=parsed.host, port=parsed.port,
                       user=parsed.user, data_dir=parsed.data_dir, prepare=parsed.prepare,
                       server_only=parsed.server_only)


def main(argv: list[str] | None = None) -> int:
    """`python packaging/demo.py`."""
    return run(parse(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
