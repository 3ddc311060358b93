"""Alembic, driven from the application (the scripts live in migrations/ at the top level)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from casework.db import refresh_statistics

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str | None = None, connection=None) -> AlembicConfig:
    """An Alembic configuration for migrations/, pointed at `url` or an open `connection`."""
    cfg = AlembicConfig(str(MIGRATIONS / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(app: Flask, revision: str = "head") -> None:
    """Upgrade the application's database to `revision`."""
    with app.extensions["casework.db"].engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), revision)
        refresh_statistics(connection)


def downgrade(app: Flask, revision: str = "-1") -> None:
    """Downgrade the application's database to `revision`."""
    with app.extensions["casework.db"].engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), revision)


def current_revision(app: Flask) -> str | None:
    with app.extensions["casework.db"].engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
