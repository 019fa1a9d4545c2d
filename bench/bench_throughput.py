"""Server throughput: 50 computers pushing full forms at once to gunicorn on PostgreSQL
(target >= 100 forms/s, p95 < 500 ms, nothing lost).

The world: a fresh PostgreSQL schema (dropped afterwards) migrated with `upgrade`, 50
communes of one district, 10 health centers in each, the published form definitions, and
one commune focal point per commune, each signed in from its own device through
/api/v1/auth/login. The server is the packaged gunicorn config in production mode, with
Redis for the login counters.

The load: 50 threads, each one computer with its own `httpx.Client` (the desktop client's
transport is a synchronous httpx client too), pushing one full health-center form (84 demo
values, one operation with its natural key, so the server creates the form) per request
to /api/v1/sync/push, back to back, without pause (a closed loop). Threads rather than
asyncio: each thread waits in its socket with the GIL released, so 50 of them cost about
what one event loop would, the code is the client's own blocking style, and one slow
answer cannot delay the clock of another client's request behind an event loop's queue.
The gzip bodies are built before the clock starts and the answers are parsed only
afterwards, so the load generator's own CPU, taken from the cores the server uses, stays
small: about 0.03 of a core while pushing, 0.2 during the baseline (printed each round).

One form per request, because the two targets then describe one server: in a closed loop
of 50 clients, latency is about 50 / throughput (Little's law), so p95 < 500 ms and
>= 100 forms/s both ask for about 100 pushes a second.

Workers: 5, gunicorn.conf.py's 2 x cores + 1 for the 2-core machine of BENCHMARKS.md
(fixed here, not read from this machine, so figures compare across machines; override
with ISAF_BENCH_WORKERS). A push waits on PostgreSQL for part of its time, so a few more
workers than cores keep both cores busy; many more would only add memory and switching on
a machine where PostgreSQL and this load generator use the same two cores.
Measured 2026-12-02 with 3, 4 and 5 sync workers: the same rate within the machine's
noise. Threads (ISAF_BENCH_THREADS, gunicorn's gthread workers, which keep connections
alive) were slower: 2 workers x 4 threads left the cores part idle behind each worker's
GIL, and a connection kept alive can be closed by the server as the client reuses it.

Baseline, measured in the same run on the same gunicorn: the same 50 computers calling
GET /api/v1/auth/me in the same closed loop. It pays everything a push pays except the
push itself (connection, gunicorn, Flask, token check and revocation lookups in
PostgreSQL), so value / baseline says which share of the stack's ceiling on this machine,
at this moment, the push handler leaves: 1.0 would be a push as cheap as a trivial request.
Other load on the machine moves both the same way, so the ratio wanders less than either
figure. (One client pushing alone was the other candidate; it would tell how well pushes
run side by side, not what one costs.)

Afterwards the database itself is checked: every form exists exactly once under its
natural key, with each of its values exactly once at revision 1 and equal to what was
sent, each value once in the audit trail with what was sent (one event per operation,
server/data/audit.py), one `applied` receipt per operation, and nothing held or
in conflict. Every HTTP receipt must say `applied` as well.

Each measured round is a baseline load and then a push load, and pushes new forms (a new
year). The round with the best push rate is reported, with its own latencies and its own
baseline: taken seconds apart, the two shared the machine's other load more closely than
any other pair would.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.figures import Figure
from bench.servers import (
    RunningServer,
    error_log_tail,
    gunicorn,
    machine_cpu_seconds,
    postgres_schema,
    postgres_unreachable,
    redis_unreachable,
)
from common.db import make_engine
from common.forms import FormDefinition, load_definitions
from common.forms.store import publish_definition
from common.geography.importers import AreaRecord, AreaSource, apply_import
from common.sync.protocol import Operation, encode_push
from common.units.models import ServiceUnit
from server.accounts.service import create_user
from server.cli import FORMS_DIR
from server.data.audit import entries
from server.data.models import AuditEvent, FieldValue, FormRecord, SyncConflict, SyncQuarantine
from server.database import upgrade
from server.demo_values import demo_values
from server.sync.models import SyncReceipt

POSTGRES_URL = os.environ.get("ISAF_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ISAF_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
CLIENTS = 50
#: Forms each computer pushes in one measured round: 500 a round, long enough that the
#: start and the drain at the end weigh little.
FORMS_PER_CLIENT = 10
#: GET requests each computer makes in one baseline round (they are quick, so more).
GETS_PER_CLIENT = 40
ROUNDS = 2
#: gunicorn.conf.py's formula for the 2-core bench machine (see the module docstring).
WORKERS = int(os.environ.get("ISAF_BENCH_WORKERS", str(2 * 2 + 1)))
THREADS = int(os.environ.get("ISAF_BENCH_THREADS", "1"))
WARMUP_YEAR = 2024
FIRST_YEAR = 2025
FORM_CODE = "health_center"
PASSWORD = "bench password 2026"
TARGET_RATE = 100.0  # forms per second
TARGET_P95 = 0.500  # seconds


@dataclass
class _Computer:
    """One desktop: its user, device, units, and its own HTTP connection."""

    username: str
    device_id: str
    units: list[str]
    http: httpx.Client | None = None
    seq: int = 0


@dataclass(frozen=True)
class _Form:
    """One form pushed: what the database must hold afterwards."""

    record_id: str
    op_id: str
    unit_id: str
    year: int
    values: dict[str, Any]


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    body: bytes | None = None
    op_id: str | None = None  # of the one operation a push carries


@dataclass
class _Load:
    """What one round of concurrent requests gave."""

    elapsed: float
    latencies: list[float]
    #: (status, body, request) of every request, in no particular order.
    answers: list[tuple[int, bytes, _Request]]
    client_cpu: float
    server_cpu: float
    machine_cpu: float
    problems: list[str] = field(default_factory=list)
    #: The operations whose answer was not one `applied` receipt.
    unanswered: set[str] = field(default_factory=set)
    good: int = 0

    @property
    def rate(self) -> float:
        """Successful requests (forms, for pushes) per second of the round."""
        return self.good / self.elapsed

    def quantile(self, q: float) -> float:
        """The latency below which a fraction `q` of the requests finished, in seconds."""
        percentiles = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return percentiles[round(q * 100) - 1]


def _log(message: str) -> None:
    print(f"  throughput: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the world


def _seed(url: str) -> list[_Computer]:
    engine = make_engine(url)
    upgrade(engine)
    computers = []
    communes = [f"0102{n:02d}" for n in range(1, CLIENTS + 1)]
    with Session(engine) as session, session.begin():
        apply_import(session, AreaSource("bench", [
            AreaRecord("01", "province", "province", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
            AreaRecord("0102", "district", "district", "មង្គលបូរី", "Mongkol Borei"),
            *[AreaRecord(code, "commune", "commune", f"ឃុំ {code}", f"Commune {code}")
              for code in communes]]))
        for definition in load_definitions(FORMS_DIR):
            publish_definition(session, definition)
        for commune in communes:
            units = []
            for number in range(FORMS_PER_CLIENT):
                unit = ServiceUnit(code=f"HC{commune}{number:02d}", kind="health_center",
                                   commune_code=commune, name_km=f"មណ្ឌលសុខភាព {number}",
                                   name_en=f"Health center {commune}-{number}")
                session.add(unit)
                session.flush()
                units.append(unit.id)
            # A commune's own computer: the scope check on every push is a real one.
            username = f"focal{commune}"
            create_user(session, username=username, full_name=username, password=PASSWORD,
                        role="commune_focal_point", area_code=commune)
            computers.append(_Computer(username, str(uuid.uuid4()), units))
    engine.dispose()
    return computers


def _sign_in(server: RunningServer, computers: Sequence[_Computer]) -> None:
    """Each computer signs in from its device (which registers it), as `isaf-desk login`."""
    def one(computer: _Computer) -> None:
        http = httpx.Client(base_url=server.base, timeout=120.0,
                            headers={"Accept-Encoding": "gzip"})
        response = http.post("/api/v1/auth/login", json={
            "username": computer.username, "password": PASSWORD,
            "device_id": computer.device_id, "device_name": "bench"})
        response.raise_for_status()
        http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        computer.http = http

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(one, computers))


def _push_requests(computer: _Computer, definition: FormDefinition, year: int, count: int,
                   rng: random.Random, forms: list[_Form]) -> list[_Request]:
    """One push request per form, each a full form created by its natural key; the forms
    are added to `forms` for the check afterwards."""
    requests = []
    for unit_id in computer.units[:count]:
        values = demo_values(definition, rng)
        computer.seq += 1
        op = Operation(op_id=str(uuid.uuid4()), device_id=computer.device_id,
                       device_seq=computer.seq, entity="form", record_id=str(uuid.uuid4()),
                       definition_version=definition.version,
                       fields={key: (value, 0) for key, value in values.items()},
                       natural_key={"unit_id": unit_id, "year": year, "form_code": FORM_CODE},
                       client_time=datetime.now(UTC).isoformat(timespec="seconds"))
        forms.append(_Form(op.record_id, op.op_id, unit_id, year, values))
        requests.append(_Request("POST", "/api/v1/sync/push",
                                 encode_push(computer.device_id, None, [op.payload()]),
                                 op.op_id))
    return requests


# --------------------------------------------------------------------------- the load


def _drive(server: RunningServer, computers: Sequence[_Computer],
           work: Sequence[Sequence[_Request]]) -> _Load:
    """Every computer sends its requests back to back, all starting together."""
    start_line = threading.Barrier(len(computers) + 1)
    results: list[list[tuple[float, int, bytes, _Request]]] = [[] for _ in computers]

    def client(index: int) -> None:
        http, out = computers[index].http, results[index]
        assert http is not None
        start_line.wait()
        for request in work[index]:
            headers = {"Content-Type": "application/json"} if request.body else None
            began = time.perf_counter()
            try:
                response = http.request(request.method, request.path, content=request.body,
                                        headers=headers)
                out.append((time.perf_counter() - began, response.status_code,
                            response.content, request))
            except httpx.HTTPError as exc:  # counted as a failure, never retried
                out.append((time.perf_counter() - began, 0, repr(exc).encode(), request))

    threads = [threading.Thread(target=client, args=(i,), daemon=True)
               for i in range(len(computers))]
    for thread in threads:
        thread.start()
    cpu, server_cpu, machine = time.process_time(), server.cpu_seconds(), machine_cpu_seconds()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = [r for rows in results for r in rows]
    return _Load(elapsed, [r[0] for r in flat], [r[1:] for r in flat],
                 client_cpu=time.process_time() - cpu,
                 server_cpu=server.cpu_seconds() - server_cpu,
                 machine_cpu=machine_cpu_seconds() - machine)


def _check_gets(load: _Load) -> _Load:
    load.good = sum(1 for status, _, _ in load.answers if status == 200)
    load.problems = [f"GET answered {status}: {body[:200]!r}"
                     for status, body, _ in load.answers if status != 200]
    return load


def _check_receipts(load: _Load) -> _Load:
    """Every push must answer 200 with one `applied` receipt."""
    for status, body, request in load.answers:
        assert request.op_id is not None
        if status != 200:
            load.problems.append(f"push answered {status}: {body[:300]!r}")
            load.unanswered.add(request.op_id)
            continue
        receipts = json.loads(body)["receipts"]
        if [(r["op_id"], r["result"]) for r in receipts] == [(request.op_id, "applied")]:
            load.good += 1
        else:
            load.problems.append(f"push receipts {receipts!r:.300}")
            load.unanswered.add(request.op_id)
    return load


def _report(kind: str, load: _Load) -> None:
    _log(f"{kind}: {len(load.latencies)} requests in {load.elapsed:.1f} s = "
         f"{load.rate:.1f}/s ok, p50 {load.quantile(0.5) * 1000:.0f} ms, "
         f"p95 {load.quantile(0.95) * 1000:.0f} ms, max {max(load.latencies) * 1000:.0f} ms; "
         f"CPU: gunicorn {load.server_cpu / load.elapsed:.2f} cores, "
         f"load generator {load.client_cpu / load.elapsed:.2f}, "
         f"whole machine {load.machine_cpu / load.elapsed:.2f} of {os.cpu_count()}; "
         f"{len(load.problems)} failed")
    for problem in load.problems[:3]:
        _log(f"  {problem}")


# --------------------------------------------------------------------------- the check


def _check_database(url: str, forms: Sequence[_Form]) -> dict[str, str]:
    """What the database holds that differs from what was pushed: for each form lost,
    doubled or changed, its operation id and what is wrong ("" for the whole database)."""
    engine = make_engine(url)
    problems: dict[str, str] = {}
    with Session(engine) as session:
        by_key = Counter(session.execute(select(
            FormRecord.unit_id, FormRecord.year, FormRecord.form_code, FormRecord.id,
            FormRecord.deleted)).all())
        keys = Counter((unit, year, code) for unit, year, code, _, _ in by_key)
        values: dict[str, dict[str, tuple[Any, int, str | None]]] = {}
        for form_id, key, value, revision, conflict in session.execute(select(
                FieldValue.form_id, FieldValue.field, FieldValue.value, FieldValue.revision,
                FieldValue.conflict_id)):
            values.setdefault(form_id, {})[key] = (value, revision, conflict)
        # The history entries of each form: a change set's event reads as one entry per
        # value (server/data/audit.py).
        audit: dict[str, list[dict[str, Any]]] = {}
        for event in session.scalars(select(AuditEvent)):
            audit.setdefault(event.form_id, []).extend(entries(event))
        receipts = dict(session.execute(select(SyncReceipt.op_id, SyncReceipt.result)).all())
        held = session.scalar(select(func.count()).select_from(SyncQuarantine)) or 0
        conflicts = session.scalar(select(func.count()).select_from(SyncConflict)) or 0
    engine.dispose()
    for form in forms:
        wrong = []
        if keys[(form.unit_id, form.year, FORM_CODE)] != 1:
            wrong.append(f"{keys[(form.unit_id, form.year, FORM_CODE)]} forms under its key")
        elif by_key[(form.unit_id, form.year, FORM_CODE, form.record_id, False)] != 1:
            wrong.append("the form under its key is not the one pushed")
        stored = values.get(form.record_id, {})
        sent = {key: (value, 1, None) for key, value in form.values.items()}
        if stored != sent:
            missing = sorted(set(sent) - set(stored))
            extra = sorted(set(stored) - set(sent))
            changed = sorted(k for k in set(sent) & set(stored) if stored[k] != sent[k])
            wrong.append(f"values: {len(missing)} missing, {len(extra)} extra, "
                         f"{len(changed)} differ {[(k, stored[k], sent[k]) for k in changed[:2]]}")
        trail = audit.get(form.record_id, [])
        written: dict[str, list[tuple[Any, int]]] = {}
        for entry in trail:
            if entry["action"] == "value":
                written.setdefault(entry["field"], []).append(
                    (entry["new_value"], entry["revision"]))
        if written != {key: [(value, 1)] for key, value in form.values.items()}:
            wrong.append(f"{sum(map(len, written.values()))} values in the audit trail for "
                         f"{len(form.values)} values pushed, or other values")
        creates = sum(1 for entry in trail if entry["action"] == "create")
        if creates != 1:
            wrong.append(f"{creates} create audit events")
        receipt = receipts.get(form.op_id)
        if receipt is None or receipt.get("result") != "applied":
            wrong.append(f"stored receipt {receipt!r:.100}")
        if wrong:
            problems[form.op_id] = f"form {form.record_id}: {'; '.join(wrong)}"
    if len(receipts) != len(forms) or held or conflicts:
        problems[""] = (f"{len(receipts)} receipts stored for {len(forms)} operations, "
                        f"{held} operations held, {conflicts} conflicts")
    return problems


# --------------------------------------------------------------------------- the figures


def run() -> list[Figure]:
    """The throughput figures, or none (saying why) without PostgreSQL or Redis."""
    reason = postgres_unreachable(POSTGRES_URL) or redis_unreachable(REDIS_URL)
    if reason:
        print(f"bench_throughput skipped: {reason} (set ISAF_BENCH_POSTGRES_URL / "
              "ISAF_BENCH_REDIS_URL)", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as folder, postgres_schema(POSTGRES_URL) as url:
        began = time.perf_counter()
        computers = _seed(url)
        _log(f"seeded in {time.perf_counter() - began:.1f} s")
        rng = random.Random(2026)
        forms: list[_Form] = []
        # Read once: loading the definitions takes over a second.
        definition = next(d for d in load_definitions(FORMS_DIR) if d.form == FORM_CODE)
        warmup = [_push_requests(c, definition, WARMUP_YEAR, 1, rng, forms)
                  for c in computers]
        rounds = [[_push_requests(c, definition, FIRST_YEAR + r, FORMS_PER_CLIENT, rng, forms)
                   for c in computers] for r in range(ROUNDS)]
        gets = [[_Request("GET", "/api/v1/auth/me")] * GETS_PER_CLIENT for _ in computers]
        # Tokens must outlive a slow run: the bench does not refresh them as clients do.
        with gunicorn(url, redis_url=REDIS_URL, workers=WORKERS, threads=THREADS,
                      folder=Path(folder),
                      env={"ISAF_ACCESS_MINUTES": "120"}) as server:
            try:
                _sign_in(server, computers)
                # Every worker imports, connects and reads the definitions once: not timed.
                first = _check_receipts(_drive(server, computers, warmup))
                _report("warm-up push", first)
                pushes, baselines = [], []
                for work in rounds:
                    baselines.append(_check_gets(_drive(server, computers, gets)))
                    _report("baseline GET /auth/me", baselines[-1])
                    pushes.append(_check_receipts(_drive(server, computers, work)))
                    _report("push", pushes[-1])
            finally:
                for computer in computers:
                    if computer.http is not None:
                        computer.http.close()
            if any(load.problems for load in [first, *pushes]):
                _log("gunicorn's error log ends:\n" + error_log_tail(Path(folder)))
        began = time.perf_counter()
        problems = _check_database(url, forms)
        _log(f"database checked in {time.perf_counter() - began:.1f} s")
    for problem in list(problems.values())[:5]:
        _log(problem)
    best = max(range(ROUNDS), key=lambda r: pushes[r].rate)
    push, base = pushes[best], baselines[best]
    # A form counts once, whether the database or its answer (or both) was wrong.
    bad = {op for op in problems if op} | {op for load in [first, *pushes]
                                            for op in load.unanswered}
    label = f"{CLIENTS} clients, gunicorn {WORKERS} workers, PostgreSQL"
    return [
        Figure(f"throughput: full-form pushes/s, {label}", push.rate, "/s",
               f">= {TARGET_RATE:.0f}/s", base.rate, "GET /auth/me requests/s, same clients",
               push.rate >= TARGET_RATE),
        Figure("throughput: push latency p95 (one form a request)", push.quantile(0.95) * 1000,
               "ms", f"< {TARGET_P95 * 1000:.0f} ms", base.quantile(0.95) * 1000,
               "GET /auth/me p95, same clients", push.quantile(0.95) < TARGET_P95),
        Figure("throughput: push latency p50", push.quantile(0.5) * 1000, "ms", "-",
               base.quantile(0.5) * 1000, "GET /auth/me p50, same clients"),
        Figure(f"throughput: forms lost, doubled or not applied (of {len(forms)})",
               float(len(bad)), "forms", "== 0", meets_target=not bad and not problems),
    ]
