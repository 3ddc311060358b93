"""Synthetic data at scale, for performance work: `generate(engine_or_url, scale)`.

Scale 1 is about five financial years of one Violence Reduction Network: about 10,000
referrals, 150,000 sessions and 25,000 assessments across VIP, Reach and Phoenix. Scale 10 is
roughly national: ten areas, each with its own teams and staff. The shapes follow the programme
definitions (referral sources, settings, session components, progress checks, closure rules) and
the vocabularies, with realistic mixes: most referrals accepted, some declined with a reason, a
few still pending; cases that start when consent is in place, run for about the programme's
planned dosage and close with a reason checked against the programme's real closure rule.

Rows are written with SQLAlchemy Core `insert()` executemany in chunks, inside one transaction;
no ORM object is made per row. Primary keys are assigned here, so nothing needs RETURNING
(PostgreSQL sequences are moved past them at the end).

Besides the bulk, the data always holds fixed records a benchmark can find:

- `perf.worker@example.org` (youth worker, password `perf-password-1`), a member of the first
  area's VIP A&E team, who leads a realistic caseload there plus the two cases below;
- `perf.manager@example.org` (manager, same password), in every team of the first area, so a
  return for all programmes can be built as them;
- the case with provider reference `PERF-LARGE` (open, 2,000 sessions) and `PERF-SMALL` (open,
  one session).

Every account shares that one password: never load this data into a live service.
"""

from __future__ import annotations

import random
import time as clock
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from casework.db import refresh_statistics
from casework.timezone import london_today

from .generator import Generator
from .shapes import (
    LARGE_CASE_REFERENCE,
    PERF_MANAGER_EMAIL,
    PERF_PASSWORD,
    PERF_WORKER_EMAIL,
    SMALL_CASE_REFERENCE,
)
from .writer import TABLE_ORDER, Writer

__all__ = [
    "LARGE_CASE_REFERENCE", "PERF_MANAGER_EMAIL", "PERF_PASSWORD", "PERF_WORKER_EMAIL", "SMALL_CASE_REFERENCE",
    "AlreadyGenerated", "ScaleResult", "generate",
]


@dataclass
class ScaleResult:
    """What `generate` wrote: row counts by table, and how long it took."""

    scale: float
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        parts = ", ".join(f"{count:,} {table}" for table, count in self.counts.items() if count)
        return (f"Generated scale {self.scale:g}: {self.rows:,} rows in {self.seconds:.1f} s "
                f"({self.rows_per_second:,.0f} rows/s): {parts}.\n"
                f"Sign in as {PERF_WORKER_EMAIL} or {PERF_MANAGER_EMAIL} with password {PERF_PASSWORD}.")


class AlreadyGenerated(RuntimeError):
    """The database already holds generated data (the perf accounts exist)."""


def generate(engine_or_url, scale: float, seed: int = 1, today: date | None = None, *,
             chunk_size: int = 5000, progress=None) -> ScaleResult:
    """Upgrade the database to the current schema and fill it with synthetic data at `scale`.

    `engine_or_url` is an SQLAlchemy engine or a database URL. `today` (default: today in
    London) is the last day records are dated on; referrals are received over the five financial
    years ending then. The same seed and today give the same data. `progress`, if given, is
    called with a line of text as each batch is written. Raises AlreadyGenerated if the database
    already holds generated data.
    """
    from alembic import command

    import casework.models  # noqa: F401  (every table on the metadata)
    from casework.db import Base, make_engine
    from casework.migrate import alembic_config

    if scale <= 0:
        raise ValueError("scale must be above 0")
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    started = clock.perf_counter()
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), "head")
    tables = Base.metadata.tables
    with engine.begin() as connection:
        users = tables["users"]
        if connection.scalar(sa.select(users.c.id).where(users.c.email == PERF_WORKER_EMAIL)) is not None:
            raise AlreadyGenerated("This database already holds generated data; use an empty one.")
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            default_cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql("PRAGMA cache_size=-200000")
        try:
            writer = Writer(connection, tables, chunk_size, progress)
            Generator(writer, scale, random.Random(seed), today or london_today()).run()
            writer.flush()
        finally:
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA cache_size={int(default_cache)}")
        if connection.dialect.name == "postgresql":
            for name in TABLE_ORDER:
                if "id" in tables[name].c:
                    connection.execute(sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"))
    if engine.dialect.name == "postgresql":
        # Autovacuum would analyse the new tables soon after a real load; do it now so the first
        # measurements do not run on empty statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    else:
        # What the application does after an import (casework.db.refresh_statistics).
        with engine.begin() as connection:
            refresh_statistics(connection)
    result = ScaleResult(scale=scale, seconds=clock.perf_counter() - started, counts=dict(writer.counts))
    if isinstance(engine_or_url, str):
        engine.dispose()
    return result


