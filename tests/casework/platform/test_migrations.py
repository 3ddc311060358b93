"""Migrations: an empty database upgraded to head matches the models exactly, and downgrading
to base removes everything, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from casework.db import Base
from casework.migrate import MIGRATIONS, alembic_config
from tests.conftest import require


@contextmanager
def _empty_database(kind: str, tmp_path):
    """A brand-new empty database of `kind` (sqlite or postgresql), dropped afterwards."""
    if kind == "sqlite":
        engine = sa.create_engine(f"sqlite:///{tmp_path}/migrations.db")
        yield engine
        engine.dispose()
        return
    admin_url = os.environ.get("CASEWORK_TEST_POSTGRES_URL")
    require(bool(admin_url), "CASEWORK_TEST_POSTGRES_URL is not set")
    name = f"casework_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = sa.create_engine(sa.make_url(admin_url).set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name}")
        admin.dispose()


def _diff(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_upgrade_to_head_matches_the_models_and_downgrade_empties(kind, tmp_path):
    with _empty_database(kind, tmp_path) as engine:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")
        with engine.connect() as connection:
            assert _diff(connection) == []
            tables = set(sa.inspect(connection).get_table_names())
        assert set(Base.metadata.tables) <= tables

        with engine.begin() as connection:
            command.downgrade(alembic_config(connection=connection), "base")
        with engine.connect() as connection:
            assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}

        # and back up again: the downgrade left nothing behind that blocks a fresh upgrade
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_snapshots_and_audit_rows_are_append_only_in_the_database(kind, tmp_path):
    with _empty_database(kind, tmp_path) as engine:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection=connection), "head")
            connection.execute(sa.text(
                "INSERT INTO audit_events (occurred_at, action, outcome, details) "
                "VALUES (CURRENT_TIMESTAMP, 'test', 'success', '{}')"))
        for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
            with pytest.raises(sa.exc.DatabaseError, match="cannot be changed or deleted"):
                with engine.begin() as connection:
                    connection.execute(sa.text(statement))


def test_migration_files_follow_the_naming_scheme_and_downgrade():
    import re

    files = sorted((MIGRATIONS / "versions").glob("*.py"))
    assert files
    for path in files:
        assert re.fullmatch(r"\d{8}_\d{4}_[0-9a-z]+_[a-z0-9_]+\.py", path.name), path.name
        text = path.read_text()
        body = text.split("def downgrade() -> None:", 1)[1]
        assert "pass\n" not in body.split("\ndef ", 1)[0], f"{path.name} has an empty downgrade()"
