"""First-time work done when a server process starts, rather than in its first request.

A fresh process builds each published form definition from its stored JSON (checking it
against the definition schema, about 50 ms each) and has SQLAlchemy compile every
statement the first time it runs. Done in the first push, that made a district's push
over a slow link 1.6x the link's limit instead of 1.4x (docs/BENCHMARKS.md, "Sync").
The server's entry points (gunicorn's workers, `isaf serve`, the test server) call
`warm` once the application exists. Only its first step matters for correctness, and
`isaf db new-epoch` takes it too: after a backup is restored into a new database
cluster, change numbers must go on above the restored ones (`align_seq_offset`).
"""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from common.forms.store import PublishedDefinition
from server import db
from server.accounts.service import token_state
from server.data.models import align_seq_offset
from server.data.service import definition
from server.sync import service as sync_service

log = logging.getLogger(__name__)


def warm(app: Flask) -> None:
    """Make sure change numbers go on above the stored ones (`align_seq_offset`), build
    the published definitions and compile the push's reads. A database that is not
    reachable or not migrated yet is logged and skipped: the server still starts."""
    with app.app_context():
        session = db.session()
        try:
            moved = align_seq_offset(session)
            session.commit()
            if moved:
                log.warning("change numbers were behind the stored data (a backup restored"
                            " into a new database cluster?): moved on by %d", moved)
            keys = session.execute(select(PublishedDefinition.form,
                                          PublishedDefinition.version)).all()
            for form, version in keys:
                definition(session, form, version)
            sync_service.warm(session)
            for family, refresh in ((None, False), ("-", False), (None, True)):
                # The three forms of a request's sign-in check.
                token_state(session, "", "", family, refresh=refresh)
        except SQLAlchemyError:
            log.warning("warming up skipped: the database did not answer as expected",
                        exc_info=True)
        finally:
            session.rollback()
