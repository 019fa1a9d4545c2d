"""Pictures of the web pages for the README: Information for Citizens at a cheap phone's
width, and the staff dashboard at an office computer's.

    .venv/bin/python packaging/web_screenshots.py [OUTDIR]      # default: docs/screenshots

It prepares a demo database in a temporary folder (`isaf demo`), starts the server on it
(`isaf serve`, a free port), and drives the system's chromium (Playwright, headless) to
save `web-home-km.png` (the start page, 360 px wide), `web-unit-km-top.png` (the first
screen of a unit's page on a phone), `web-unit-km.png` and
`web-unit-en.png` (a health center's published I4C, the whole page, 360 px wide), and
`web-dashboard-en.png` (completeness of the demo province's districts, signed in as the
demo's national administrator, 1280 px wide). Each PNG is reduced to 256 colours, so it
stays small in the repository.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("ISAF_CHROMIUM", "/usr/bin/chromium"))
#: The demo's health center published in 2025 and 2026, with JAAP actions.
UNIT = "HC010212"
YEAR = 2026
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}
#: The demo accounts' password (README: a demo only).
DEMO_PASSWORD = "isaf-demo-2026"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _isaf(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "server.cli", "--database-url", url, *args]


@contextmanager
def demo_server(folder: Path) -> Iterator[str]:
    """A server on a fresh demo database in `folder`; yields its address."""
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    subprocess.run(_isaf(url, "demo"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(_isaf(url, "serve", "--port", str(port)), cwd=ROOT,
                               stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/km/", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError((folder / "server.log").read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def shrink(path: Path) -> None:
    """Reduce a screenshot to 256 colours (text and flat colours lose nothing visible)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def take(browser: Any, base: str, out: Path) -> list[Path]:
    """Every screenshot; the files written."""
    written = []
    phone = browser.new_context(viewport=PHONE, base_url=base)
    page = phone.new_page()
    for name, path, full in (("web-home-km.png", "/km/", False),
                             ("web-unit-km-top.png", f"/km/unit/{UNIT}/{YEAR}", False),
                             ("web-unit-km.png", f"/km/unit/{UNIT}/{YEAR}", True),
                             ("web-unit-en.png", f"/en/unit/{UNIT}/{YEAR}", True)):
        page.goto(path)
        page.screenshot(path=str(out / name), full_page=full)
        written.append(out / name)
    phone.close()
    office = browser.new_context(viewport=DESKTOP, base_url=base)
    page = office.new_page()
    page.goto("/en/dashboard/sign-in")
    page.fill('input[name="username"]', "admin")
    page.fill('input[name="password"]', DEMO_PASSWORD)
    with page.expect_navigation():
        page.click('button[type="submit"]')
    # The province's districts: more to see than the country's one demo province.
    link = page.locator("table.completeness a").first
    if link.count():
        with page.expect_navigation():
            link.click()
    page.screenshot(path=str(out / "web-dashboard-en.png"), full_page=False)
    written.append(out / "web-dashboard-en.png")
    office.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """`python packaging/web_screenshots.py [OUTDIR]`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not CHROMIUM.exists():
        print(f"no chromium at {CHROMIUM} (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    options.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, demo_server(Path(folder)) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            written = take(browser, base, options.outdir)
        finally:
            browser.close()
    for path in written:
        shrink(path)
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
