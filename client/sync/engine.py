"""The client's sync engine: push the outbox, pull the change feed, compare checksums.

Always push, then pull. Operations are frozen (state `sent`) in a local transaction before
they leave, so nothing is folded into an operation the server may already have. Each pull
page and its cursor are applied in one local transaction, so a cut in the middle of a page
changes nothing. A field with a pending local change is never overwritten by a pull.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from client.store.entry import keep_conflict_authors
from client.store.models import (
    LocalConflict,
    LocalConflictAuthors,
    LocalForm,
    LocalRecord,
    LocalValue,
    OutboxOperation,
)
from client.store.repository import LocalStore
from client.sync.transport import ServerRefusal, Transport
from common.db import utc_now
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.sync.bulk import cyclic_gc_paused, execute_many, update_by_key
from common.sync.bundle import new_device_key, public_key_of
from common.sync.checksum import digest
from common.sync.protocol import (
    BATCH_TARGET_BYTES,
    DEFAULT_PAGE_BYTES,
    FIRST_DOWNLOAD_BYTES,
    PROTOCOL_VERSION,
    Layout,
    Receipt,
    encode_push,
)
from common.units.models import ServiceUnit

Progress = Callable[[str, int, int], None]
#: Checksums asked while the server says its scope is not settled, and the first wait
#: between them in seconds (a push commits in well under a second).
_UNSETTLED_TRIES = 4
_UNSETTLED_WAIT = 0.25


class SyncCancelled(Exception):  # noqa: N818 - the user's choice, not an error
    """The user cancelled; what was done so far is kept."""


@dataclass
class SyncReport:
    """What one sync did, for a person and for the logs."""

    pushed: int = 0
    results: dict[str, int] = field(default_factory=dict)
    pulled: int = 0
    pages: int = 0
    conflicts: int = 0
    #: None: not compared (the server's data in scope kept changing meanwhile).
    checksum_ok: bool | None = None
    repulled: bool = False
    epoch_changed: bool = False
    #: What the last pull's last page said when changes of this scope wait on the server
    #: behind a write still in progress there (`{"reason": "write_in_progress",
    #: "running_for": seconds or None}`); None when the pull was not behind.
    behind: dict[str, Any] | None = None


class SyncEngine:
    """Synchronises one local store with one server."""

    def __init__(self, store: LocalStore, transport: Transport, *,
                 batch_bytes: int = BATCH_TARGET_BYTES,
                 page_bytes: int = DEFAULT_PAGE_BYTES) -> None:
        self.store = store
        self.transport = transport
        self.batch_bytes = batch_bytes
        self.page_bytes = page_bytes

    # ------------------------------------------------------------------ the whole sync

    def sync(self, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> SyncReport:
        """Push, pull, compare; raises TransportError or ServerRefusal when it cannot."""
        report = SyncReport()
        self.register_keys()
        self.refresh_reference_data()
        self.push(report, progress=progress, cancelled=cancelled)
        self.pull(report, progress=progress, cancelled=cancelled)
        if report.epoch_changed:
            self.push(report, progress=progress, cancelled=cancelled)
            self.pull(report, progress=progress, cancelled=cancelled)
        report.checksum_ok = self.verify(report, cancelled=cancelled)
        if report.checksum_ok is False:
            # Never silence: pull everything again, and compare once more.
            self.store.set_state("cursor", "")
            report.repulled = True
            self.pull(report, progress=progress, cancelled=cancelled)
            report.checksum_ok = self.verify(report, cancelled=cancelled)
        report.conflicts = len(self.store.open_conflicts())
        self.store.set_state("last_sync", utc_now().isoformat(timespec="seconds"))
        return report

    def register_keys(self) -> None:
        """Make this computer's bundle-signing key (once), register it with the server,
        and keep the server's key, so USB bundles work when the link does not."""
        private = self.store.get_state("device_key")
        if private is None:
            private, _ = new_device_key()
            self.store.set_state("device_key", private)
        answer = self.transport.post("/api/v1/sync/device-key", json={
            "device_id": self.store.device_id, "public_key": public_key_of(private)})
        with self.store.transaction() as session:
            self.store.set_state("server_bundle_key", answer["server_key"], session)
            self.store.set_state("device_key_registered", "1", session)

    def refresh_reference_data(self) -> None:
        """The published definitions and the units of the user's scope."""
        summaries = self.transport.get("/api/v1/definitions")
        with self.store.transaction() as session:
            known = {(d.form, d.version) for d in session.scalars(select(PublishedDefinition))}
        for summary in summaries:
            if (summary["form"], summary["version"]) in known:
                continue
            full = self.transport.get(f"/api/v1/definitions/{summary['form']}/"
                                      f"{summary['version']}")
            with self.store.transaction() as session:
                session.add(PublishedDefinition(
                    form=full["form"], version=full["version"],
                    service_kind=full["service_kind"], title_km=full["title_km"],
                    title_en=full["title_en"], checksum=full["checksum"],
                    content=full["content"]))
        units = self.transport.get("/api/v1/units", include_inactive=True)
        self._fetch_areas({u["commune_code"] for u in units})
        with self.store.transaction() as session:
            for unit in units:
                row = session.get(ServiceUnit, unit["id"])
                if row is None:
                    session.add(ServiceUnit(**{k: unit[k] for k in (
                        "id", "code", "kind", "name_km", "name_en", "commune_code",
                        "active")}))
                else:
                    for key in ("code", "name_km", "name_en", "commune_code", "active"):
                        setattr(row, key, unit[key])

    def _fetch_areas(self, communes: set[str]) -> None:
        """The communes of the units in scope, with their districts and provinces (the
        navigator shows their names); fetched once, parents first."""
        wanted = sorted({c[:length] for c in communes for length in (2, 4, 6)},
                        key=lambda code: (len(code), code))
        with self.store.transaction() as session:
            known = set(session.scalars(select(AdminArea.code).where(
                AdminArea.code.in_(wanted))))
        for code in wanted:
            if code in known:
                continue
            area = self.transport.get(f"/api/v1/areas/{code}")
            with self.store.transaction() as session:
                session.add(AdminArea(code=area["code"], level=area["level"],
                                      kind=area["kind"], parent_code=area["parent_code"],
                                      name_km=area["name_km"], name_en=area["name_en"],
                                      active=area["active"], source="server"))

    # ------------------------------------------------------------------ push

    def push(self, report: SyncReport, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> None:
        """Send every operation not yet acknowledged, in batches."""
        total = self.store.unsent_count()
        done = 0
        while True:
            if cancelled():
                raise SyncCancelled
            batch = self._next_batch()
            if not batch:
                return
            try:
                answer = self.transport.post("/api/v1/sync/push",
                                             content=self.push_body(batch))
            except ServerRefusal as refusal:
                if refusal.code != "unknown_definition":
                    raise
                # The server lacks a definition this computer has (restored from an older
                # backup): nothing was applied, and push_body now sends those operations
                # with every field by name, for the server to hold.
                answer = self.transport.post("/api/v1/sync/push",
                                             content=self.push_body(batch))
            self.apply_receipts(answer, report)
            done += len(batch)
            report.pushed += len(batch)
            if progress:
                progress("push", done, max(total, done))

    def push_body(self, batch: list[OutboxOperation]) -> bytes:
        """The wire form of a batch of operations (HTTP push and USB bundle alike).

        An operation leaves compact (its values in its definition's field order) when this
        computer holds that definition. One that left compact before and is still
        unanswered leaves explicit, every field by name: a server that refused the compact
        form (restored without that definition: `unknown_definition`) then holds it like
        any other. A retry after a cut link pays those bytes too; nothing else changes.
        """
        remembered = "compact_unanswered"  # SyncState: op ids sent compact, not answered
        with self.store.transaction() as session:
            unsent = set(session.scalars(select(OutboxOperation.op_id).where(
                OutboxOperation.state.in_(("pending", "sent")))))
            tried = unsent.intersection(
                json.loads(self.store.get_state(remembered, session) or "[]"))
            form_codes = dict(session.execute(select(LocalForm.id, LocalForm.form_code).where(
                LocalForm.id.in_({op.record_id for op in batch}))).tuples().all())
        layouts: dict[str, Layout] = {}
        known: dict[tuple[str, int], Layout | None] = {}
        for op in batch:
            form_code = form_codes.get(op.record_id) or (
                op.payload.get("natural_key") or {}).get("form_code")
            version = op.payload.get("definition_version")
            if op.op_id in tried or not form_code or not isinstance(version, int):
                continue
            if (form_code, version) not in known:
                definition = self.store.definition(form_code, version)
                known[form_code, version] = Layout.of(definition) if definition else None
            if (layout := known[form_code, version]) is not None:
                layouts[op.op_id] = layout
        body = encode_push(self.store.device_id, self.store.get_state("epoch"),
                           [op.payload for op in batch], layouts=layouts)
        self.store.set_state(remembered, json.dumps(sorted(tried | set(layouts))))
        return body

    def _next_batch(self) -> list[OutboxOperation]:
        """The oldest unacknowledged operations that fit a batch, frozen (state sent)."""
        with self.store.transaction() as session:
            ops = list(session.scalars(select(OutboxOperation).where(
                OutboxOperation.state.in_(("pending", "sent")))
                .order_by(OutboxOperation.device_seq).limit(500)))
            chosen, size = [], 0
            for op in ops:
                # JSON compresses about fourfold here; the server's cap is far above.
                op_size = len(json.dumps(op.payload, separators=(",", ":"))) // 4
                if chosen and size + op_size > self.batch_bytes:
                    break
                chosen.append(op)
                size += op_size
            now = utc_now()
            for op in chosen:
                if op.state == "pending":
                    op.state, op.sent_at = "sent", now
            return chosen

    def apply_receipts(self, answer: dict[str, Any], report: SyncReport) -> None:
        """Settle the operations a push answer (or a return bundle) names, in one local
        transaction."""
        with cyclic_gc_paused(), self.store.transaction() as session:
            self._check_epoch(session, answer.get("epoch"), report)
            receipts = [Receipt.from_dict(body) for body in answer["receipts"]]
            ops: dict[str, OutboxOperation] = {}
            for chunk in _chunks([r.op_id for r in receipts]):
                ops.update((op.op_id, op) for op in session.scalars(
                    select(OutboxOperation).where(OutboxOperation.op_id.in_(chunk))))
            settling = _Settling(session, [op for op in ops.values() if op.state == "sent"])
            for receipt in receipts:
                op = ops.get(receipt.op_id)
                if op is None or op.state != "sent":
                    # Settled already (a return bundle taken in after an online sync, say):
                    # an old answer must not undo what came since.
                    continue
                report.results[receipt.result] = report.results.get(receipt.result, 0) + 1
                if op.payload.get("delete") or (
                        receipt.record_id and receipt.record_id != op.record_id):
                    # Rare (a delete, or a form merged into another device's): settled one
                    # field at a time, on the rows as the earlier receipts left them.
                    settling.write()
                    self._settle(session, op, receipt)
                    settling.reload()
                else:
                    _settle_op(session, settling, op, receipt)
            settling.write()

    def _settle(self, session: Session, op: OutboxOperation, receipt: Receipt) -> None:
        """Settle one operation by its receipt, a field row at a time (see `_settle_op` for
        the bulk path most receipts take)."""
        op.state, op.receipt, op.acked_at = _outbox_state(receipt), receipt.as_dict(), utc_now()
        record_id = op.record_id
        if receipt.record_id and receipt.record_id != op.record_id:
            _merge_form(session, op.record_id, receipt.record_id)
            record_id = receipt.record_id
        if op.payload.get("delete"):
            first = (receipt.original or "applied") if receipt.result == "duplicate" \
                else receipt.result
            _settle_delete(self.store, session, op, record_id, first)
        sent = op.payload.get("fields", {})
        still_pending = _fields_in_unsent_ops(session, record_id, exclude=op.op_id)
        settled = set(sent) if receipt.result in _SETTLING_RESULTS else set()
        for key in settled:
            row = session.get(LocalValue, (record_id, key))
            if row is None:
                continue
            if key in receipt.revisions:
                row.server_revision = receipt.revisions[key]
                row.server_value = sent[key][0]
            if key in receipt.conflicts:
                row.conflict_id = receipt.conflicts[key]
            if key not in still_pending:
                # The server has this edit, holds it aside, or refused it: from now on
                # the server's word (pulled next) is what this computer shows.
                row.pending = False
                if _not_taken(receipt, key) and not op.payload.get("delete"):
                    row.value = row.server_value  # as in `_settle_op`
        _settle_resolutions(session, op, receipt)

    def _check_epoch(self, session: Session, epoch: str | None, report: SyncReport) -> bool:
        """Notice a new server epoch; True when it changed just now."""
        known = self.store.get_state("epoch", session)
        if epoch and known and epoch != known:
            # The server was restored from a backup: it may have lost what it had
            # acknowledged. Give it every operation again (duplicates are harmless),
            # then pull everything afresh.
            session.execute(update(OutboxOperation).where(OutboxOperation.state.in_(
                ("acked", "conflict", "quarantined"))).values(state="sent"))
            self.store.set_state("cursor", "", session)
            report.epoch_changed = True
            self.store.set_state("epoch", epoch, session)
            return True
        if epoch:
            self.store.set_state("epoch", epoch, session)
        return False

    # ------------------------------------------------------------------ pull

    def pull(self, report: SyncReport, *, progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> None:
        """Pull pages until the feed is exhausted; each page is one local transaction.
        A download from the feed's start goes in the largest pages the server gives."""
        first_download = False
        while True:
            if cancelled():
                raise SyncCancelled
            cursor = self.store.get_state("cursor") or ""
            # Also when the feed starts again half-way (a new scope or epoch on a page).
            first_download = first_download or not cursor
            size = max(self.page_bytes, FIRST_DOWNLOAD_BYTES) if first_download \
                else self.page_bytes
            page = self.transport.get("/api/v1/sync/pull", protocol=PROTOCOL_VERSION,
                                      cursor=cursor, max_bytes=size)
            if not self.apply_page(page, report, sent_cursor=cursor):
                continue
            if progress:
                progress("pull", report.pages, report.pages + int(page["more"]))
            if not page["more"]:
                # Only the feed's end says whether changes wait behind a write in progress
                # (an optional key: older servers never send it).
                behind = page.get("behind")
                report.behind = behind if isinstance(behind, dict) else None
                return

    def apply_page(self, page: dict[str, Any], report: SyncReport, *,
                   sent_cursor: str) -> bool:
        """Apply one page of the feed (pulled, or out of a return bundle) with its cursor,
        in one local transaction. False when the page was cut from a feed this computer
        must now start again (a new scope or a new server epoch): nothing of it applied."""
        with cyclic_gc_paused(), self.store.transaction() as session:
            scope = self.store.get_state("scope", session)
            if scope is not None and page["scope"] != scope:
                # A new scope: forget the server's data (keeping every unsent edit) and
                # start the feed again, so nothing outside the new scope lingers.
                _forget_server_data(session)
                self.store.set_state("scope", page["scope"], session)
                self.store.set_state("cursor", "", session)
                if sent_cursor:
                    return False
            self.store.set_state("scope", page["scope"], session)
            if self._check_epoch(session, page.get("epoch"), report) and sent_cursor:
                return False  # this page was cut from the old feed: start again
            _apply_page(session, page)
            self.store.set_state("cursor", page["next"], session)
        report.pages += 1
        report.pulled += len(page["changes"])
        return True

    # ------------------------------------------------------------------ checking

    def verify(self, report: SyncReport | None = None, *,
               cancelled: Callable[[], bool] = lambda: False) -> bool | None:
        """Compare counts and digest with the server's; True when they agree, False when
        they differ, None when they could not be compared.

        A server whose scope holds changes that cannot be pulled yet (committed behind a
        write still in progress there, `settled: false`) is asked again after a pull,
        a few times, so that a mismatch means a real difference, not a moment's lag; in
        between it is asked only whether the scope settled, which costs it no counting.
        A scope that never settles meanwhile (a whole country while many push) is not
        compared this time: pulling everything again would not settle it either.
        """
        report = report if report is not None else SyncReport()
        server = self.transport.get("/api/v1/sync/checksum")
        for attempt in range(_UNSETTLED_TRIES):
            same = matches_checksum(self.store, server)
            if same or server.get("settled", True):
                return same
            if attempt == _UNSETTLED_TRIES - 1:
                break
            time.sleep(_UNSETTLED_WAIT * (attempt + 1))
            self.pull(report, cancelled=cancelled)
            if self.transport.get("/api/v1/sync/checksum", only="settled")["settled"]:
                server = self.transport.get("/api/v1/sync/checksum")
        return None


def local_checksum(store: LocalStore) -> tuple[int, int, str]:
    """(forms, values, digest) of the server's state as this computer holds it."""
    return _checksum(store, LocalForm)


def local_record_checksum(store: LocalStore) -> tuple[int, int, str]:
    """(records, their column values, digest) of the server's records of other kinds as
    this computer holds them."""
    return _checksum(store, LocalRecord)


def _checksum(store: LocalStore, table: type[LocalForm] | type[LocalRecord]
              ) -> tuple[int, int, str]:
    with store.transaction() as session:
        held = set(session.scalars(select(table.id).where(
            table.deleted.is_(False), table.server_revision.is_not(None))))
        rows = [(v.form_id, v.field, v.server_revision) for v in session.scalars(
            select(LocalValue).where(LocalValue.server_revision.is_not(None)))
            if v.form_id in held]
    return len(held), len(rows), digest(rows)  # type: ignore[arg-type]


def matches_checksum(store: LocalStore, server: dict[str, Any]) -> bool:
    """Whether this computer holds what the server's checksum describes: its forms, and
    its records of other kinds when the server counts them."""
    if local_checksum(store) != (server["forms"], server["values"], server["digest"]):
        return False
    return "records" not in server or local_record_checksum(store) == (
        server["records"], server["record_values"], server["record_digest"])


def _apply_page(session: Session, page: dict[str, Any]) -> None:
    """Apply a page's changes: headers through the ORM (a few dozen), field values read
    and written in bulk (thousands: one at a time, they cost more than the link did)."""
    changes = page["changes"]
    _apply_record_headers(session, [c for c in changes if c["t"] == "record"])
    headers = [c for c in changes if c["t"] == "form"]
    forms: dict[str, LocalForm] = {}
    for chunk in _chunks(c["id"] for c in headers):
        forms.update((f.id, f) for f in session.scalars(
            select(LocalForm).where(LocalForm.id.in_(chunk))))
    for change in headers:
        form = forms.get(change["id"])
        if form is None:
            form = forms[change["id"]] = LocalForm(
                id=change["id"], unit_id=change["unit_id"], year=change["year"],
                form_code=change["form_code"], definition_version=change["v"])
            session.add(form)
        form.status, form.status_comment = change["status"], change.get("comment")
        form.server_revision, form.deleted = change["rev"], change["deleted"]
        form.definition_version = change["v"]
    values = [c for c in changes if c["t"] == "value"]
    # (form, field) -> [pending, conflict id] of the rows there are (or will be).
    rows: dict[tuple[str, str], list[Any]] = {}
    for chunk in _chunks(c["f"] for c in values):
        for form_id, key, pending, conflict_id in session.execute(
                select(LocalValue.form_id, LocalValue.field, LocalValue.pending,
                       LocalValue.conflict_id).where(LocalValue.form_id.in_(chunk))):
            rows[(form_id, key)] = [pending, conflict_id]
    now = utc_now()
    inserts: dict[tuple[str, str], dict[str, Any]] = {}
    updates: dict[tuple[str, str], dict[str, Any]] = {}
    settled: list[str] = []
    for change in values:
        where, value, conflict_id = (change["f"], change["k"]), change["v"], change.get("c")
        row = rows.get(where)
        if row is None:
            rows[where] = [False, conflict_id]
            inserts[where] = {"form_id": where[0], "field": where[1], "value": value,
                              "server_value": value, "server_revision": change["r"],
                              "pending": False, "conflict_id": conflict_id, "updated_at": now}
            continue
        pending, known_conflict = row
        if known_conflict and not conflict_id:
            # The server holds no open conflict on this field any more: settled.
            settled.append(known_conflict)
        row[1] = conflict_id
        if where in inserts:  # twice in one page: the later change is the row
            inserts[where].update(value=value, server_value=value,
                                  server_revision=change["r"], conflict_id=conflict_id)
            continue
        columns = updates.setdefault(where, {})
        if not pending:
            columns["value"] = value  # a pending local edit is never overwritten
        columns.update(server_value=value, server_revision=change["r"],
                       conflict_id=conflict_id)
    execute_many(session, _INSERT_LOCAL_VALUE, list(inserts.values()))
    update_by_key(session, _LOCAL_VALUE, _VALUE_KEY, [
        {"form_id": form_id, "field": key, **columns, "updated_at": now}
        for (form_id, key), columns in updates.items()])
    for chunk in _chunks(settled):
        for conflict in session.scalars(select(LocalConflict)
                                        .where(LocalConflict.id.in_(chunk))):
            conflict.status = "resolved"
    for conflict in page.get("conflicts", []):
        row = session.get(LocalConflict, conflict["id"])
        if row is None:
            # A conflict of a record's column names the record where a form's names its
            # form: both are keys of LocalValue.
            row = LocalConflict(id=conflict["id"],
                                form_id=conflict.get("form_id") or conflict["record_id"],
                                field=conflict["field"], status=conflict["status"])
            session.add(row)
        if row.status != "resolving" or conflict["status"] != "open":
            row.status = conflict["status"]
        row.base, row.current, row.incoming = (conflict["base"], conflict["current"],
                                               conflict["incoming"])
        row.current_by, row.incoming_by = conflict["current_by"], conflict["incoming_by"]
        row.incoming_device = conflict["incoming_device"]
        # Who entered each value and when: the Conflicts screen names them.
        keep_conflict_authors(session, conflict)


def _apply_record_headers(session: Session, headers: list[dict[str, Any]]) -> None:
    """Record headers of a page (a few at most): made, or updated as the server says."""
    for change in headers:
        record = session.get(LocalRecord, change["id"])
        if record is None:
            record = LocalRecord(id=change["id"], kind=change["kind"])
            session.add(record)
        record.commune_code, record.unit_id = change["commune"], change["unit_id"]
        record.year, record.server_revision = change["year"], change["rev"]
        record.deleted = change["deleted"]


#: An outbox operation's state after each receipt result.
_STATES = {"applied": "acked", "duplicate": "acked", "conflict": "conflict",
           "needs_mapping": "quarantined", "rejected_locked": "quarantined",
           "rejected_scope": "rejected", "rejected": "rejected"}
#: Receipts after which the fields sent are the server's business: shown as it says.
_SETTLING_RESULTS = frozenset(_STATES)
#: Keys per `IN (...)` list: far below SQLite's parameter limit.
_CHUNK = 500
_LOCAL_VALUE = LocalValue.__table__
_INSERT_LOCAL_VALUE = insert(_LOCAL_VALUE)
#: The columns that find a field row.
_VALUE_KEY = ("form_id", "field")


def _outbox_state(receipt: Receipt) -> str:
    if receipt.result == "duplicate":
        # A retry of something the server already answered: its first answer counts.
        return _STATES.get(receipt.original or "applied", "acked")
    return _STATES[receipt.result]


def _chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(keys))
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


class _Settling:
    """The field rows a push answer settles, read once and written in bulk at the end.

    A full form is about 85 fields: settling a district's answer field by field through
    the ORM took seconds on a slow laptop, longer than the link took to carry it. Each
    receipt still decides in order (a later receipt's change to a field wins, as one at a
    time would have it); only the reading and writing are gathered.
    """

    def __init__(self, session: Session, ops: list[OutboxOperation]) -> None:
        self.session = session
        self.ops = ops
        #: (record, field) -> the server's value, of every row there is.
        self.rows: dict[tuple[str, str], Any] = {}
        self.unsent: dict[str, list[OutboxOperation]] = {}
        self.changes: dict[tuple[str, str], dict[str, Any]] = {}
        self.reload()

    def reload(self) -> None:
        """Read again which field rows exist and which operations are unsent (after a
        receipt settled the slow way, which may merge forms or queue operations)."""
        self.rows, self.unsent = {}, {}
        for chunk in _chunks(op.record_id for op in self.ops):
            for form_id, key, server_value in self.session.execute(
                    select(LocalValue.form_id, LocalValue.field, LocalValue.server_value)
                    .where(LocalValue.form_id.in_(chunk))):
                self.rows[(form_id, key)] = server_value
            for op in self.session.scalars(select(OutboxOperation).where(
                    OutboxOperation.record_id.in_(chunk),
                    OutboxOperation.state.in_(("pending", "sent")))):
                self.unsent.setdefault(op.record_id, []).append(op)

    def unsent_fields(self, record_id: str, *, exclude: str) -> set[str]:
        """The fields other unsent operations of the record carry (as they stand now)."""
        keys: set[str] = set()
        for op in self.unsent.get(record_id, ()):
            if op.op_id != exclude and op.record_id == record_id \
                    and op.state in ("pending", "sent"):
                keys |= set(op.payload.get("fields", {}))
        return keys

    def server_value(self, form_id: str, key: str) -> Any:
        """The server's value of a field row, as the receipts so far left it."""
        noted = self.changes.get((form_id, key), {})
        return noted["server_value"] if "server_value" in noted \
            else self.rows.get((form_id, key))

    def change(self, form_id: str, key: str, columns: dict[str, Any]) -> None:
        """Note new column values for a field row that exists; later ones win."""
        if columns and (form_id, key) in self.rows:
            self.changes.setdefault((form_id, key), {}).update(columns)

    def write(self) -> None:
        """Store the changes noted so far: one UPDATE per set of columns, many rows each."""
        if not self.changes:
            return
        now = utc_now()
        update_by_key(self.session, _LOCAL_VALUE, _VALUE_KEY, [
            {"form_id": form_id, "field": key, **columns, "updated_at": now}
            for (form_id, key), columns in self.changes.items()])
        self.changes = {}
        # A row read through the ORM before (a slow-path receipt) is stale now.
        for obj in list(self.session.identity_map.values()):
            if isinstance(obj, LocalValue):
                self.session.expire(obj)


def _settle_op(session: Session, settling: _Settling, op: OutboxOperation,
               receipt: Receipt) -> None:
    """`SyncEngine._settle` for an operation that neither deletes nor is merged into
    another form, its field rows changed through `settling`."""
    op.state, op.receipt, op.acked_at = _outbox_state(receipt), receipt.as_dict(), utc_now()
    record_id = op.record_id
    sent = op.payload.get("fields", {})
    still_pending = settling.unsent_fields(record_id, exclude=op.op_id)
    settled = set(sent) if receipt.result in _SETTLING_RESULTS else set()
    for key in settled:
        columns: dict[str, Any] = {}
        if key in receipt.revisions:
            columns["server_revision"] = receipt.revisions[key]
            columns["server_value"] = sent[key][0]
        if key in receipt.conflicts:
            columns["conflict_id"] = receipt.conflicts[key]
        if key not in still_pending:
            # The server has this edit, holds it aside, or refused it: from now on the
            # server's word (pulled next) is what this computer shows.
            columns["pending"] = False
            if _not_taken(receipt, key):
                # Held or refused: the server keeps its value and sends nothing new, so
                # this computer shows that value now (the change waits in the held list).
                columns["value"] = settling.server_value(record_id, key)
        settling.change(record_id, key, columns)
    _settle_resolutions(session, op, receipt)


def _not_taken(receipt: Receipt, key: str) -> bool:
    """Whether the server kept a sent field aside or refused it (it neither applied it,
    found it equal, nor holds it in a conflict)."""
    return key not in receipt.revisions and key not in receipt.conflicts


def _settle_resolutions(session: Session, op: OutboxOperation, receipt: Receipt) -> None:
    if op.payload.get("resolves"):
        for conflict_id in op.payload["resolves"].values():
            conflict = session.get(LocalConflict, conflict_id)
            if conflict is not None and receipt.result in ("applied", "duplicate"):
                conflict.status = "resolved"


def _forget_server_data(session: Session) -> None:
    """Drop every form and value that holds no unsent edit (they come back by pulling, if
    still in scope)."""
    unsent = set(session.scalars(select(OutboxOperation.record_id).where(
        OutboxOperation.state.in_(("pending", "sent")))))
    session.execute(delete(LocalValue).where(LocalValue.form_id.not_in(unsent)))
    session.execute(delete(LocalForm).where(LocalForm.id.not_in(unsent)))
    session.execute(delete(LocalRecord).where(LocalRecord.id.not_in(unsent)))
    session.execute(delete(LocalConflict).where(LocalConflict.form_id.not_in(unsent)))
    session.execute(delete(LocalConflictAuthors).where(
        LocalConflictAuthors.conflict_id.not_in(select(LocalConflict.id))))


def _settle_delete(store: LocalStore, session: Session, op: OutboxOperation, record_id: str,
                   result: str) -> None:
    """A delete stands here only when the server applied it. Any other answer (a conflict,
    a refusal, a hold) means the server still has the form: it comes back on this
    computer, with the unsent edits the delete carried queued again, and the receipt's
    message stays on the outbox row to say why."""
    form: LocalForm | LocalRecord | None = session.get(LocalForm, record_id) \
        or session.get(LocalRecord, record_id)
    if form is None:
        return
    if result == "applied":
        # A pull-only run before this answer may have shown the form again.
        form.deleted = True
        return
    base = op.payload.get("fields", {}).get("", [None, None])[1]
    if form.server_revision == base:
        # No header pulled since the delete was made: `deleted` is this computer's own
        # delete, not the server's word (a newer header already says what the server holds).
        form.deleted = False
    store.requeue_carried_edits(session, op, record_id)


def _fields_in_unsent_ops(session: Session, record_id: str, *, exclude: str) -> set[str]:
    keys: set[str] = set()
    for op in session.scalars(select(OutboxOperation).where(
            OutboxOperation.record_id == record_id,
            OutboxOperation.state.in_(("pending", "sent")), OutboxOperation.op_id != exclude)):
        keys |= set(op.payload.get("fields", {}))
    return keys


def _merge_form(session: Session, local_id: str, server_id: str) -> None:
    """The server kept another device's form for the same unit and year: this computer's
    copy becomes that one, its unsent values moving across."""
    kept = session.get(LocalForm, server_id)
    mine = session.get(LocalForm, local_id)
    if mine is None:
        return
    if kept is None:
        session.execute(update(LocalForm).where(LocalForm.id == local_id).values(id=server_id))
        session.execute(update(LocalValue).where(LocalValue.form_id == local_id)
                        .values(form_id=server_id))
    else:
        for value in session.scalars(select(LocalValue).where(LocalValue.form_id == local_id)):
            existing = session.get(LocalValue, (server_id, value.field))
            if existing is None:
                session.add(LocalValue(form_id=server_id, field=value.field, value=value.value,
                                       server_value=value.server_value,
                                       server_revision=value.server_revision,
                                       pending=value.pending))
            elif value.pending:
                existing.value, existing.pending = value.value, True
        session.execute(delete(LocalValue).where(LocalValue.form_id == local_id))
        session.delete(mine)
    # Unsent operations keep their old id in the payload: the server maps it (an alias).
    session.execute(update(OutboxOperation).where(OutboxOperation.record_id == local_id)
                    .values(record_id=server_id))
