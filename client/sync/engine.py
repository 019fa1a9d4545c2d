"""The client's sync engine: push the outbox, pull the change feed, compare checksums.

Always push, then pull. Operations are frozen (state `sent`) in a local transaction before
they leave, so nothing is folded into an operation the server may already have. Each pull
page and its cursor are applied in one local transaction, so a cut in the middle of a page
changes nothing. A field with a pending local change is never overwritten by a pull.

The engine runs the stages; what a push answer does to the local store is
client/sync/settling.py, and what a pull page does is client/sync/pages.py. Last, it
fetches the server's district figures (approved and published forms only) for the
Post-on and the posters (`fetch_figures`); that step never fails a sync.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from client.store.comparisons import keep_synced_figures
from client.store.models import (
    UNSENT_STATES,
    LocalForm,
    LocalRecord,
    LocalValue,
    OutboxOperation,
    OutboxState,
)
from client.store.repository import LocalStore
from client.sync.pages import apply_changes, forget_server_data
from client.sync.settling import Settling, settle_receipts
from client.sync.transport import ServerRefusal, Transport, TransportError
from common.db import utc_now
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.sync.bulk import cyclic_gc_paused
from common.sync.bundle import new_device_key, public_key_of
from common.sync.checksum import digest
from common.sync.protocol import (
    BATCH_TARGET_BYTES,
    DEFAULT_PAGE_BYTES,
    FIRST_DOWNLOAD_BYTES,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    Layout,
    ProtocolError,
    Receipt,
    encode_push,
    upgrade_needed,
    versions_text,
)
from common.units.models import ServiceUnit

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
#: Checksums asked while the server says its scope is not settled, and the first wait
#: between them in seconds (a push commits in well under a second).
_UNSETTLED_TRIES = 4
_UNSETTLED_WAIT = 0.25
#: Answered operations given again to a server restored from a backup (it may have lost
#: them).
_GIVEN_AGAIN: tuple[OutboxState, ...] = ("acked", "conflict", "quarantined")


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
    #: How many areas' figures were received (None: not received this time, the ones
    #: kept before stay).
    figures: int | None = None


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
        self.check_protocol()
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
        report.figures = self.fetch_figures()
        return report

    def fetch_figures(self) -> int | None:
        """The server's figures of the user's district(s), kept for the Post-on and the
        posters; how many areas' figures were kept. Never fails the sync: on any failure
        the figures kept before stay (None), and a server too old to compute them (404)
        is passed over silently."""
        try:
            answer = self.transport.get("/api/v1/figures/mine")
            return keep_synced_figures(self.store, answer)
        except ServerRefusal as refusal:
            if refusal.status != 404:
                log.warning("the district figures were refused (%s): %s",
                            refusal.status, refusal)
        except (TransportError, ValueError) as error:
            log.warning("the district figures could not be fetched: %s", error)
        except Exception:  # the figures are a side dish: whatever went wrong, the sync stands
            log.exception("the district figures could not be kept")
        return None

    def check_protocol(self) -> None:
        """ProtocolError ("client_too_old" or "server_too_old"), before anything is sent,
        when the server's last answer named protocol versions none of which this client
        speaks: its operations stay in the outbox, unsent, until one side is upgraded."""
        theirs = self.transport.server_protocols
        side = upgrade_needed(SUPPORTED_VERSIONS, theirs) if theirs is not None else None
        if theirs is not None and side is not None:
            raise ProtocolError(
                f"the server speaks protocol {versions_text(theirs)} and this client "
                f"{versions_text()}: the {side} must be upgraded (nothing was sent)",
                code=f"{side}_too_old")

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
        self.check_protocol()
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
                OutboxOperation.state.in_(UNSENT_STATES))))
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
                OutboxOperation.state.in_(UNSENT_STATES))
                .order_by(OutboxOperation.device_seq).limit(500)))
            chosen: list[OutboxOperation] = []
            size = 0
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
            for result in settle_receipts(self.store, session, receipts):
                report.results[result] = report.results.get(result, 0) + 1

    def _settle(self, session: Session, op: OutboxOperation, receipt: Receipt) -> None:
        """Settle one sent operation by its receipt, as a push answer of one would."""
        settling = Settling(self.store, session, [op])
        settling.settle(op, receipt)
        settling.write()

    def _check_epoch(self, session: Session, epoch: str | None, report: SyncReport) -> bool:
        """Notice a new server epoch; True when it changed just now."""
        known = self.store.get_state("epoch", session)
        if epoch and known and epoch != known:
            # The server was restored from a backup: it may have lost what it had
            # acknowledged. Give it every operation again (duplicates are harmless),
            # then pull everything afresh.
            session.execute(update(OutboxOperation).where(OutboxOperation.state.in_(
                _GIVEN_AGAIN)).values(state="sent"))
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
        self.check_protocol()
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
                forget_server_data(session)
                self.store.set_state("scope", page["scope"], session)
                self.store.set_state("cursor", "", session)
                if sent_cursor:
                    return False
            self.store.set_state("scope", page["scope"], session)
            if self._check_epoch(session, page.get("epoch"), report) and sent_cursor:
                return False  # this page was cut from the old feed: start again
            apply_changes(session, page)
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
            if v.form_id in held and v.server_revision is not None]
    return len(held), len(rows), digest(rows)


def matches_checksum(store: LocalStore, server: dict[str, Any]) -> bool:
    """Whether this computer holds what the server's checksum describes: its forms, and
    its records of other kinds when the server counts them."""
    if local_checksum(store) != (server["forms"], server["values"], server["digest"]):
        return False
    return "records" not in server or local_record_checksum(store) == (
        server["records"], server["record_values"], server["record_digest"])
