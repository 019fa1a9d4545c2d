"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL,
and can be walked down and up again."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, update
from sqlalchemy.orm import Session

from common.db import utc_now
from server.accounts.models import User
from server.data.models import FormRecord, SyncCounter, next_server_seq
from server.database import alembic_config, current_revision, head_revision, upgrade
from server.models import metadata
from tests.conftest import form_version


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


def test_0008_numbers_go_on_above_the_counters_and_back(engine: Engine) -> None:
    """On PostgreSQL, 0008 numbers changes from transaction ids: they start above what the
    counter gave, and a downgrade leaves the counter above what the ids gave."""
    from alembic import command

    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps numbering from its counter (the case runs on PostgreSQL)")
    command.downgrade(alembic_config(engine), "0007")
    with Session(engine) as session, session.begin():
        session.execute(update(SyncCounter).values(value=10**12))  # a long-lived counter
    upgrade(engine)
    with Session(engine) as session:
        first = next_server_seq(session)
        session.rollback()
    assert first > 10**12
    from tests.server.conftest import seed_world

    world = seed_world(engine)
    with Session(engine) as session, session.begin():
        # A change numbered under 0008; the old numbering must go on above it.
        session.execute(update(SyncCounter).values(value=0))
        form = FormRecord(id=str(uuid.uuid4()), unit_id=world.units["home"], year=2026,
                          form_code="health_center",
                          definition_version=form_version("health_center"),
                          created_by=world.users["admin"], server_seq=next_server_seq(session),
                          problems=[])
        session.add(form)
        made = form.server_seq
    command.downgrade(alembic_config(engine), "0007")
    with Session(engine) as session:
        assert session.scalar(select(SyncCounter.value)) >= made > 10**12
    upgrade(engine)


def test_0011_adds_must_change_password_unset_for_accounts_made_before(engine: Engine) -> None:
    """Accounts of a database made before 0011 are not asked for a new password (nobody
    knows who chose theirs), and a downgrade drops the column again."""
    from alembic import command
    from sqlalchemy import text

    command.downgrade(alembic_config(engine), "0010")
    assert "must_change_password" not in {c["name"] for c in inspect(engine).get_columns(
        "app_user")}
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO app_user (id, username, full_name, password_hash, role, "
            "delegated_approval, language, active, created_at, password_changed_at, "
            "tokens_valid_after) VALUES (:id, 'before', 'Before', 'x', 'national_admin', "
            ":no, 'km', :yes, :now, :now, :now)"),
            {"id": str(uuid.uuid4()), "no": False, "yes": True, "now": utc_now()})
    upgrade(engine)
    with Session(engine) as session:
        user = session.scalars(select(User).where(User.username == "before")).one()
        assert user.must_change_password is False
    command.downgrade(alembic_config(engine), "0010")
    assert "must_change_password" not in {c["name"] for c in inspect(engine).get_columns(
        "app_user")}
    upgrade(engine)
