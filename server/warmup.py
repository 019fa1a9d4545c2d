"""First-time work done when a server process starts, rather than in its first request.

A fresh process builds each published form definition from its stored JSON (checking it
against the definition schema, about 50 ms each) and has SQLAlchemy compile every
statement the first time it runs. Done in the first push, that made a district's push
over a slow link 1.6x the link's limit instead of 1.4x (docs/BENCHMARKS.md, "Sync").
The server's entry points (gunicorn's workers, `isaf serve`, the test server) call
`warm` once the application exists. Only its first step matters for correctness: a
database whose change numbers lag behind its data (a backup restored into a new database
cluster without `isaf db new-epoch`) stops the server from starting, with the reason in
its log (`check_seq_offset`).
"""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from common.forms.store import PublishedDefinition
from server import db
from server.accounts.service import token_state
from server.data.models import check_seq_offset
from server.data.service import definition
from server.errors import ChangeNumbersBehindError
from server.sync import batch as sync_batch

log = logging.getLogger(__name__)


def warm(app: Flask) -> None:
    """Check that change numbers go on above the stored ones (else raise
    ChangeNumbersBehindError: the server must not start), build the published definitions
    and compile the push's reads. A database that is not reachable or not migrated yet is
    logged and skipped: the server still starts (and checks before its first change)."""
    with app.app_context():
        session = db.session()
        try:
            try:
                check_seq_offset(session)
            except ChangeNumbersBehindError as behind:
                # Refuse to start: changes numbered now would never reach the computers.
                log.error("not starting: %s", behind.message)
                raise
            keys = session.execute(select(PublishedDefinition.form,
                                          PublishedDefinition.version)).all()
            for form, version in keys:
                definition(session, form, version)
            sync_batch.warm(session)
            for family, refresh in ((None, False), ("-", False), (None, True)):
                # The three forms of a request's sign-in check.
                token_state(session, "", "", family, refresh=refresh)
        except SQLAlchemyError:
            log.warning("warming up skipped: the database did not answer as expected",
                        exc_info=True)
        finally:
            session.rollback()
