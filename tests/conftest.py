"""Fixtures shared by every test: databases on SQLite and, when configured, PostgreSQL.

PostgreSQL tests need ISAF_TEST_POSTGRES_URL (for example
postgresql+psycopg://postgres@127.0.0.1:5432/test); without it they are skipped with
that reason, so the suite passes on a machine without PostgreSQL. Each test gets a fresh
database: a new SQLite file, or a new PostgreSQL schema dropped afterwards.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from common.db import make_engine
from common.forms import load_definitions

ROOT = Path(__file__).resolve().parent.parent
#: The NCDD gazetteer as published, kept in the repository (data/README.md: source, ODbL).
NCDD_WORKBOOK = ROOT / "data" / "ncdd-gazetteer-2024-10-14.xlsx"
POSTGRES_ENV = "ISAF_TEST_POSTGRES_URL"
#: The real form definitions: what the demo and the test databases publish.
FORMS_DIR = ROOT / "forms"


def pytest_configure(config: pytest.Config) -> None:
    # Tests never depend on a screen: Qt renders offscreen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def form_version(form: str) -> int:
    """The version of the real definition of `form` in forms/.

    Tests that make a form of a real definition name its version through this, so
    publishing a new version of a definition needs no change to the tests."""
    return _form_versions()[form]


@functools.cache
def _form_versions() -> dict[str, int]:
    return {definition.form: definition.version
            for definition in load_definitions(FORMS_DIR)}


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database: SQLite, then PostgreSQL when configured."""
    yield from fresh_database(request.param, tmp_path)


@pytest.fixture(scope="module", params=DATABASES)
def module_database_url(request: pytest.FixtureRequest,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like database_url, shared by the tests of one module (for costly worlds)."""
    yield from fresh_database(request.param, tmp_path_factory.mktemp("db"))


def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """Yield the URL of a new empty database of `kind`, and remove it afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'test.sqlite'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to run this on PostgreSQL")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    # The schema rides in the URL, so code that only gets a URL (the CLI) lands there too.
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database migrated to the newest revision."""
    from server.database import upgrade

    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()
