"""Where the server's database is, and how its schema is brought up to date (Alembic)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from common.db import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"
#: An embedded SQLite file beside where the command runs: a laptop or a demo needs nothing
#: else. Production sets DATABASE_URL to PostgreSQL.
DEFAULT_DATABASE_URL = "sqlite:///instance/isaf.sqlite"


def database_url() -> str:
    """The database URL from the environment (DATABASE_URL), or the embedded default."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def engine_for(url: str) -> Engine:
    """An engine for `url`, creating the folder of a SQLite file if needed."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with sessionmaker(engine)() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Config:
    """Alembic's configuration for our migrations, bound to `engine`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the schema up to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision of the migrations shipped with this code."""
    return ScriptDirectory.from_config(alembic_config(make_engine("sqlite://"))).get_current_head()
