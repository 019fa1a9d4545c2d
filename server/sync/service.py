"""Applying a push (docs/SYNC.md): the entry point of the server's side of a sync.

A push is applied in the caller's single transaction: a server error means nothing was
committed, and the client retries the same batch. Each operation gets a receipt, stored,
so a retry is answered `duplicate` with the first answer. Values are never dropped: a
value that cannot be applied is either a conflict (both kept, a person resolves it) or
quarantined (held, visible, re-appliable).

The parts: server/sync/batch.py reads ahead and writes in bulk; form_decisions.py and
record_decisions.py decide each operation; conflicts.py applies changes by the conflict
rule; holds.py re-applies and dismisses what is held; feed.py serves the pull and
checksum.py the checksum.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from common.sync.bulk import cyclic_gc_paused
from common.sync.protocol import Operation, Receipt
from server.accounts.models import User
from server.sync.batch import Batch
from server.sync.form_decisions import decide_form
from server.sync.record_decisions import decide_record
from server.sync.refusals import ANOTHER_DEVICE


def push(session: Session, user: User, device_id: str, ops: Sequence[Operation]) -> list[Receipt]:
    """Apply a batch of operations for `user` on `device_id`; one receipt per operation."""
    with cyclic_gc_paused():
        batch = Batch(session, user, device_id)
        batch.read_ahead(ops)
        receipts = [_apply_one(batch, op) for op in ops]
        batch.write()
    return receipts


def _apply_one(batch: Batch, op: Operation) -> Receipt:
    payload_hash = op.payload_hash
    known = batch.known_receipt(op.op_id)
    if known is not None and op.device_id != batch.device_id:
        # An operation of another device (its id and device copied): refused as one with a
        # fresh id is (`decide`), never answered with that device's receipt, which would
        # tell what its form and fields are. Nothing is stored: the id has its receipt.
        return Receipt(op.op_id, "rejected", message=ANOTHER_DEVICE)
    if known is not None:
        known_hash, result = known
        if known_hash == payload_hash:
            return Receipt.from_dict({**result, "result": "duplicate",
                                      "original": result["result"]})
        # The same id with another payload: a client bug or tampering. Both are kept.
        batch.hold(op, None, "op_id_reused",
                   "this operation id was already used with another payload")
        return Receipt(op.op_id, "rejected",
                       message="this operation id was already used with another payload; "
                               "the copy is kept aside")
    receipt = decide(batch, op)
    batch.answered(op, payload_hash, receipt)
    return receipt


def decide(batch: Batch, op: Operation) -> Receipt:
    """Decide one operation of `batch` that has no receipt yet (a push's, or a re-apply)."""
    if op.device_id != batch.device_id:
        return Receipt(op.op_id, "rejected", message=ANOTHER_DEVICE)
    if op.entity != "form":
        return decide_record(batch, op)
    return decide_form(batch, op)
