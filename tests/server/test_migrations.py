"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL,
and can be walked down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from server.data.models import SyncCounter
from server.database import alembic_config, current_revision, head_revision, upgrade
from server.models import metadata


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    assert current_revision(engine) == head_revision()
    with Session(engine) as session:
        # The change counter exists from the start, at zero.
        assert session.scalars(select(SyncCounter.value)).all() == [0]


def test_downgrade_to_empty_and_upgrade_again(engine: Engine) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert {"form_record", "field_value", "app_user", "audit_event"} <= set(
        inspect(engine).get_table_names())
