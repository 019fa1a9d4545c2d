"""The database session of a request: opened on first use, closed when the request ends."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from server.database import engine_for


def init_app(app: Flask) -> None:
    """Bind the application to its database."""
    engine = engine_for(app.config["DATABASE_URL"])
    app.extensions["isaf_engine"] = engine
    app.extensions["isaf_sessions"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close)


def session() -> Session:
    """This request's session."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["isaf_sessions"]()
    return g.db_session


def _close(error: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        if error is not None:
            db_session.rollback()
        db_session.close()
