"""Planner statistics after bulk writes (casework.db.refresh_statistics), on SQLite and PostgreSQL:
the tables named are analysed, inside the caller's transaction, and on PostgreSQL no others."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from casework.db import refresh_statistics
from tests.casework.platform.test_migrations import _empty_database


def _make_tables(connection) -> None:
    for name in ("probe_written", "probe_untouched"):
        connection.exec_driver_sql(f"CREATE TABLE {name} (id integer PRIMARY KEY, kind integer NOT NULL)")
        connection.exec_driver_sql(f"CREATE INDEX ix_{name}_kind ON {name} (kind)")
        connection.execute(sa.text(f"INSERT INTO {name} (id, kind) VALUES (:id, :kind)"),
                           [{"id": number, "kind": number % 7} for number in range(1, 1001)])


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_tables_written_are_analysed_in_the_same_transaction(kind, tmp_path):
    with _empty_database(kind, tmp_path) as engine:
        with engine.begin() as connection:
            _make_tables(connection)
            refresh_statistics(connection, ["probe_written"])
            if kind == "sqlite":
                # SQLite analyses the whole file: cheap at any size with analysis_limit.
                stats = dict(connection.exec_driver_sql(
                    "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'probe_written'").all())
                assert stats["ix_probe_written_kind"].split()[0] == "1000"
            else:
                counts = dict(connection.exec_driver_sql(
                    "SELECT relname, reltuples FROM pg_class WHERE relname IN ('probe_written', 'probe_untouched') AND relkind = 'r'").all())
                assert counts["probe_written"] == 1000
                assert counts["probe_untouched"] < 1  # never analysed: -1 (or 0 before PostgreSQL 14)
                distinct = connection.exec_driver_sql(
                    "SELECT n_distinct FROM pg_stats WHERE tablename = 'probe_written' AND attname = 'kind'").scalar()
                assert distinct == 7


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_an_empty_list_of_tables_analyses_nothing_on_postgresql(kind, tmp_path):
    with _empty_database(kind, tmp_path) as engine:
        with engine.begin() as connection:
            _make_tables(connection)
            refresh_statistics(connection, [])
            if kind == "postgresql":
                analysed = connection.exec_driver_sql(
                    "SELECT count(*) FROM pg_class WHERE relname IN ('probe_written', 'probe_untouched') AND relkind = 'r' AND reltuples >= 1"
                ).scalar()
                assert analysed == 0
            else:
                assert connection.exec_driver_sql(
                    "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'probe_written'").scalar() == 1
