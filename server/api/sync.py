"""The sync endpoints: push a batch of operations, pull the change feed, compare checksums,
see and re-apply held operations (docs/SYNC.md)."""

from __future__ import annotations

import gzip
import json
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import Schema, fields, validate
from sqlalchemy.orm import Session

from common.sync.bundle import check_public_key
from common.sync.protocol import (
    DEFAULT_PAGE_BYTES,
    MAX_BATCH_COMPRESSED,
    MAX_PAGE_BYTES,
    PROTOCOL_VERSION,
    SUPPORTED_VERSIONS,
    Cursor,
    ProtocolError,
    PushSchema,
    check_version,
)
from server import db
from server.accounts.models import Device
from server.api.access import BEARER, caller
from server.api.blueprint import Blueprint
from server.data.models import holder_running_for, last_feed_horizon
from server.errors import ConflictError, ForbiddenError, ServiceError
from server.sync import bundles, checksum, feed, holds, service, state
from server.sync.wire import read_push

blp = Blueprint("sync", __name__, url_prefix="/api/v1/sync",
                description="Offline sync: push operations, pull changes (protocol "
                            f"{SUPPORTED_VERSIONS.start}-{SUPPORTED_VERSIONS.stop - 1}).")


class _ProtocolRefusedError(ServiceError):
    status = 400
    code = "protocol_error"


class PullQuerySchema(Schema):
    protocol = fields.Integer(required=True)
    cursor = fields.String(load_default="", validate=validate.Length(0, 200))
    max_bytes = fields.Integer(load_default=DEFAULT_PAGE_BYTES,
                               validate=validate.Range(1024, MAX_PAGE_BYTES))


class QuarantineSchema(Schema):
    id = fields.String()
    op_id = fields.String()
    device_id = fields.String()
    user_id = fields.String()
    form_id = fields.String(allow_none=True)
    #: A held change of a JAAP action, scorecard session or facilitator: its record.
    record_id = fields.String(allow_none=True)
    reason = fields.String()
    detail = fields.String(allow_none=True)
    payload = fields.Dict()
    status = fields.String()
    created_at = fields.DateTime()
    settled_at = fields.DateTime(allow_none=True)
    settled_by = fields.String(allow_none=True)
    settled_reason = fields.String(allow_none=True)
    #: The caller may apply it again or dismiss it (its author, an approver of its form);
    #: others in the form's scope see a delete-and-edit clash without deciding on it.
    may_decide = fields.Boolean()


class DeviceKeySchema(Schema):
    device_id = fields.String(required=True, validate=validate.Length(36, 36))
    public_key = fields.String(required=True, validate=validate.Length(40, 64),
                               metadata={"description": "Ed25519 public key, base64"})


class ReapplySchema(Schema):
    device_id = fields.String(required=True, validate=validate.Length(36, 36))


class DismissSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(1, 1000), metadata={
        "description": "why what the operation carries must not apply (kept in the form's "
                       "history)"})


class _BundleRefusedError(ServiceError):
    status = 422
    code = "bundle_refused"


def _refuse(error: ProtocolError) -> ServiceError:
    refused = _ProtocolRefusedError(error.message, details={
        "supported": [SUPPORTED_VERSIONS.start, SUPPORTED_VERSIONS.stop - 1]})
    refused.code = error.code
    if error.code == "too_large":
        refused.status = 413
    return refused


def _answer(data: dict[str, Any]) -> Response:
    """JSON, gzip-compressed when the client takes it: slow links pay for every byte."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    response = Response(body, mimetype="application/json")
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > 256:
        response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
    return response


_NOT_YOURS = "this device is not registered to you: sign in from it first"


def _registered_device(device_id: str) -> str:
    device = db.session().get(Device, device_id)
    if device is None or device.user_id != caller().id:
        raise ForbiddenError(_NOT_YOURS)
    return device_id


@blp.route("/push")
class Push(MethodView):
    @jwt_required()
    @blp.doc(security=BEARER, requestBody={
        "required": True,
        "description": "A batch of operations (protocol, device_id, epoch, ops), JSON, "
                       "optionally gzip-compressed (the body then starts with gzip's magic "
                       "bytes). One database transaction per batch.",
        "content": {"application/json": {"schema": PushSchema}}})
    @blp.response(200, description="a receipt per operation, and the server's epoch")
    def post(self) -> Response:
        """Push a batch of operations; each gets a receipt (applied, duplicate, conflict,
        rejected_locked, rejected_scope, needs_mapping, rejected)."""
        body = request.get_data(cache=False)
        if len(body) > MAX_BATCH_COMPRESSED:
            raise _refuse(ProtocolError("the batch is larger than 1 MB: send smaller batches",
                                        code="too_large"))
        try:
            device_id, _, ops = read_push(db.session(), body)
        except ProtocolError as exc:
            raise _refuse(exc) from None
        session = db.session()
        # The device check and the epoch of the answer in one query (a push is one form,
        # often: every round trip counts).
        owner, epoch = state.device_owner_and_epoch(session, device_id)
        if owner is None or owner != caller().id:
            raise ForbiddenError(_NOT_YOURS)
        receipts = service.push(session, caller(), device_id, ops)
        answer = {"protocol": PROTOCOL_VERSION, "epoch": epoch,
                  "scope": state.scope_signature(caller()),
                  "receipts": [r.as_dict() for r in receipts]}
        session.commit()
        return _answer(answer)


@blp.route("/pull")
class Pull(MethodView):
    @jwt_required()
    @blp.arguments(PullQuerySchema, location="query")
    @blp.doc(security=BEARER)
    @blp.response(200, description="a page of changes, the next cursor, and whether more "
                                   "follow")
    def get(self, query: dict[str, Any]) -> Response:
        """Changes in your scope after `cursor`, about `max_bytes` at most per page. The
        last page (`more: false`) carries `behind` when changes of your scope wait behind
        a write still in progress on the server: they come in a later pull."""
        try:
            check_version(query["protocol"])
            cursor = Cursor.parse(query["cursor"])
        except ProtocolError as exc:
            raise _refuse(exc) from None
        session = db.session()
        page = feed.pull(session, caller(), cursor, query["max_bytes"])
        if not page["more"]:
            behind = _behind(session)
            if behind is not None:
                page["behind"] = behind
        return _answer(page)


def _behind(session: Session) -> dict[str, Any] | None:
    """Why the pull just made stops short of changes the caller's scope already holds:
    a write of this database still in progress holds the feed's horizon below them
    (server/data/models.py, `feed_horizon`). None when nothing waits, and on SQLite.

    Optional in the answer, so older computers ignore it; only asked on a last page, and
    only when a write held the horizon (the pull's own reading of it, kept in the
    session), so an ordinary pull costs nothing more."""
    horizon = last_feed_horizon(session)
    if horizon is None or horizon.holder is None:
        return None
    if checksum.settled(session, caller(), horizon.until):
        return None  # a write is open, but nothing of this scope waits behind it
    return {"reason": "write_in_progress",
            "running_for": holder_running_for(session, horizon)}


class ChecksumQuerySchema(Schema):
    # Not `only`: a Schema's own attribute (the fields to load).
    only_ = fields.String(data_key="only", attribute="only",
                          validate=validate.OneOf(["settled"]))


@blp.route("/checksum")
class Checksum(MethodView):
    @jwt_required()
    @blp.arguments(ChecksumQuerySchema, location="query")
    @blp.doc(security=BEARER)
    @blp.response(200, description="counts and a digest of (form, field, revision) in scope")
    def get(self, query: dict[str, Any]) -> Response:
        """What the server holds in your scope, to compare after a sync. With
        `only=settled`, only whether the scope is settled (cheap: no counts)."""
        session = db.session()
        if query.get("only") == "settled":
            return _answer({"settled": checksum.settled(session, caller())})
        return _answer({**checksum.checksum(session, caller()), "epoch": state.epoch(session),
                        "scope": state.scope_signature(caller())})


#: What QuarantineSchema shows of a stored hold (the rest is worked out per caller).
_HELD_COLUMNS = tuple(name for name in QuarantineSchema._declared_fields
                      if name != "may_decide")


def _held_view(held: Any, may_decide: bool) -> dict[str, Any]:
    """A hold as QuarantineSchema shows it, with whether the caller may decide on it."""
    return {**{name: getattr(held, name) for name in _HELD_COLUMNS},
            "may_decide": may_decide}


@blp.route("/quarantine")
class Quarantine(MethodView):
    @jwt_required()
    @blp.doc(security=BEARER)
    @blp.response(200, QuarantineSchema(many=True))
    def get(self) -> list[Any]:
        """Operations held back (locked form, unknown field, invalid value, reused id) that
        you sent or that concern forms you approve, and the clashes of a delete and an
        edit of forms in your scope; `may_decide` says which you may act on."""
        return [_held_view(held, may_decide)
                for held, may_decide in holds.quarantine_for(db.session(), caller())]


@blp.route("/quarantine/<string:quarantine_id>/reapply")
class Reapply(MethodView):
    @jwt_required()
    @blp.arguments(ReapplySchema)
    @blp.doc(security=BEARER)
    @blp.response(200, description="the receipt of the operation applied again")
    def post(self, body: dict[str, Any], quarantine_id: str) -> Response:
        """Apply a held operation again (after an unlock); conflicts are kept as usual."""
        session = db.session()
        receipt = holds.reapply(session, caller(), quarantine_id,
                                  _registered_device(body["device_id"]))
        session.commit()
        return _answer(receipt.as_dict())


@blp.route("/quarantine/<string:quarantine_id>/dismiss")
class Dismiss(MethodView):
    @jwt_required()
    @blp.arguments(DismissSchema)
    @blp.doc(security=BEARER)
    @blp.response(200, QuarantineSchema)
    def post(self, body: dict[str, Any], quarantine_id: str) -> Any:
        """Set a held operation aside for good, with a reason (a held delete of a form to
        keep, say). Its author or an approver of its form may; the operation stays
        stored, and the decision is in the form's history."""
        reason = body["reason"].strip()
        if not reason:
            raise ServiceError("a reason is needed: every dismissal is kept in the history")
        session = db.session()
        held = holds.dismiss(session, caller(), quarantine_id, reason)
        session.commit()
        return held


@blp.route("/device-key")
class DeviceKey(MethodView):
    @jwt_required()
    @blp.arguments(DeviceKeySchema)
    @blp.doc(security=BEARER)
    @blp.response(200, description="whether the key was new, and the server's own key")
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Register the key this computer signs its USB bundles with (once per computer);
        the answer carries the key the server signs return bundles with."""
        session = db.session()
        try:
            new = bundles.register_device_key(
                session, caller(), _registered_device(body["device_id"]),
                check_public_key(body["public_key"]))
        except ProtocolError as exc:
            refused = ConflictError(exc.message) if exc.code == "key_mismatch" \
                else _ProtocolRefusedError(exc.message)
            refused.code = exc.code
            raise refused from None
        session.commit()
        return {"registered": new,
                "server_key": bundles.server_public_key(current_app.config["SECRET_KEY"])}


class _BundleTooLargeError(ServiceError):
    status = 413
    code = "request_too_large"


@blp.route("/bundles")
class Bundles(MethodView):
    @jwt_required()
    @blp.doc(security=BEARER, requestBody={
        "required": True,
        "description": "A USB bundle file as exported by a computer (`isaf-desk bundle "
                       "export`): a ZIP with a signed manifest. Its operations are applied "
                       "as the computer's own user. DMK, provincial and national officers "
                       "may carry bundles of computers in their scope.",
        "content": {"application/octet-stream": {"schema": {"type": "string",
                                                             "format": "binary"}}}})
    @blp.response(200, description="the import report, and the signed return bundle "
                                   "(base64) to carry back to the computer")
    @blp.alt_response(403, description="your role never carries bundles (the upload is not "
                                       "read)")
    @blp.alt_response(413, description="larger than a bundle may be (not read further)")
    @blp.alt_response(422, description="the bundle was refused (tampered, unknown computer, "
                                       "outside your scope, too large once inflated); "
                                       "nothing applied, a short record kept")
    def post(self) -> Response:
        """Import a USB bundle for a computer that cannot get online."""
        carrier = caller()
        # The role first, the size next, and only then the body: a role that never carries
        # bundles costs the server no reading and no storing.
        bundles.check_carrier(carrier)
        if (request.content_length or 0) > bundles.MAX_BUNDLE_BYTES:
            raise _BundleTooLargeError(
                f"a bundle holds {bundles.MAX_BUNDLE_BYTES // (1024 * 1024)} MB at most")
        try:
            # Bounded by MAX_CONTENT_LENGTH as well (werkzeug's stream, chunked or not).
            data = bundles.read_upload(request.stream)
        except ProtocolError as exc:
            raise _BundleTooLargeError(exc.message) from None
        session = db.session()
        try:
            result = bundles.import_bundle(session, data,
                                           secret=current_app.config["SECRET_KEY"],
                                           carrier=carrier)
        except bundles.BundleRefused as exc:
            session.commit()  # the record of the refusal is kept for an administrator
            refused = _BundleRefusedError(f"the bundle was refused: {exc.message}; nothing "
                                          "was applied", details={"reason": exc.code})
            raise refused from None
        session.commit()
        return _answer({"report": result.report,
                        "return_bundle": bundles.encode_for_json(result.return_bundle)})
