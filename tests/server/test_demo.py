"""`isaf demo` as the README promises it: running it again adds nothing at all, and the demo
holds forms in every workflow status (returned included)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from common.db import make_engine
from common.units.models import ServiceUnit
from common.workflow import STATUSES
from server import demo
from server.cli import main
from server.data.models import FormRecord


def run_demo(url: str) -> str:
    """`isaf demo` as an administrator runs it; its output."""
    result = CliRunner().invoke(main, ["--database-url", url, "demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def row_counts(url: str) -> dict[str, int]:
    """The number of rows of every table of the database."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                    for table in inspect(connection).get_table_names()}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh SQLite database prepared by `isaf demo` once."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    run_demo(url)
    return url


@pytest.mark.slow
def test_running_the_demo_again_adds_nothing_at_all(demo_url: str) -> None:
    first = row_counts(demo_url)
    assert first["form_record"] > 200 and first["sync_record"] > 100
    for _ in (2, 3):
        output = run_demo(demo_url)
        assert "Forms with figures (0 added now)" in output
        assert "added now)" not in output.replace("(0 added now)", "")
        assert row_counts(demo_url) == first


@pytest.mark.slow
def test_the_demo_holds_every_workflow_status(demo_url: str) -> None:
    engine = make_engine(demo_url)
    try:
        with Session(engine) as session:
            statuses = dict(session.execute(
                select(FormRecord.status, func.count()).where(
                    FormRecord.year == max(demo.DEMO_YEARS)).group_by(FormRecord.status)).all())
            returned = session.scalars(select(FormRecord).where(
                FormRecord.status == "returned")).all()
            # The demo accounts' own commune shows them all, so the documented accounts
            # meet each status without searching.
            home = dict(session.execute(
                select(ServiceUnit.code, FormRecord.status)
                .join(FormRecord, FormRecord.unit_id == ServiceUnit.id)
                .where(ServiceUnit.commune_code == "010201",
                       FormRecord.year == max(demo.DEMO_YEARS))).tuples().all())
    finally:
        engine.dispose()
    assert set(statuses) == set(STATUSES), statuses
    assert returned and all(form.status_comment == demo.RETURN_COMMENT for form in returned)
    assert set(home.values()) == set(STATUSES)
    assert home["HC010201"] == "draft"  # the health center chief (hc.010201) has work to do

