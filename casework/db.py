"""The database layer: one declarative base, engines with safe defaults, a session per request.

Plain SQLAlchemy 2 (no Flask extension): `db.session` is a session bound to the current
application context, created on first use and closed when the context ends. Nothing commits
except the unit of work around each request (see `casework.security.access`) and the command
line: a request commits unless an exception escaped its view, and then keeps only the log of
what it refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timezone

import sqlalchemy as sa
from flask import Flask, current_app, g
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column, sessionmaker

#: Constraint names are fixed by convention so that migrations can name what they alter or drop
#: on every database (SQLite needs names for batch operations; PostgreSQL invents its own otherwise).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UtcDateTime(sa.types.TypeDecorator):
    """A timezone-aware datetime that is always stored and returned in UTC.

    SQLite keeps no offset, so values come back naive; this type makes every database give the
    same aware value back, and refuses naive values on the way in rather than guessing their zone.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass a timezone-aware value")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    """The one declarative base of every table."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime, dict: sa.JSON, list: sa.JSON}


class PublicIdMixin:
    """A random public identifier for records a URL can reach; row numbers never leave the server."""

    public_id: Mapped[uuid.UUID] = mapped_column(
        sa.Uuid, unique=True, default=uuid.uuid4, nullable=False
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, nullable=False)


class VersionedMixin:
    """Optimistic locking: a save carries the version it was read at, and a stale one is refused.

    SQLAlchemy adds `version = :read_version` to each UPDATE, so two people saving the same record
    can never silently overwrite each other; operations also compare the version a form was
    rendered with before changing anything (see `casework.operations.check_version`).
    """

    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}


def make_engine(url: str, **kwargs) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and honest transactions."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 30)
        engine = sa.create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(url, **kwargs)


def refresh_statistics(connection, tables: Iterable[str] | None = None) -> None:
    """Bring the query planner's table statistics up to date after bulk changes (an upgrade, an
    import, keeping outcome evaluations, demo or synthetic data).

    SQLite never gathers statistics by itself, and with none its planner guesses: at national
    scale it drove the return's closures query from the programme index over every case (0.8 s)
    instead of the closing-date range. With `analysis_limit` ANALYZE samples each index, so the
    whole database takes milliseconds at any size.

    PostgreSQL's autovacuum analyses a table only after enough of it has changed and its next
    round comes, while a bulk write is read at once (a return built straight after an import or
    after keeping 74,000 outcome evaluations), and would otherwise be planned on statistics from
    before the write. So the `tables` written (every table when None) are analysed here, in the
    caller's transaction; ANALYZE samples a fixed number of rows per table whatever its size.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")
    elif connection.dialect.name == "postgresql":
        if tables is None:
            connection.exec_driver_sql("ANALYZE")
        elif names := sorted(set(tables)):
            quote = connection.dialect.identifier_preparer.quote
            connection.exec_driver_sql("ANALYZE " + ", ".join(quote(name) for name in names))


def _configure_sqlite(engine: Engine) -> None:
    """pysqlite's own transaction handling starts transactions late and never for reads; we take
    control so that each unit of work is one real transaction. Writes ask for `BEGIN IMMEDIATE`
    (execution option `sqlite_immediate`), so two writers queue on the busy timeout instead of
    failing with "database is locked" when a read lock cannot be upgraded."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """Holds each application's engine and session factory; `db.session` is the request's session."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"], **app.config.get("ENGINE_OPTIONS", {}))
        app.extensions["casework.db"] = _State(engine)
        app.teardown_appcontext(self._close)

    @staticmethod
    def state(app: Flask | None = None) -> "_State":
        return (app or current_app).extensions["casework.db"]

    @property
    def engine(self) -> Engine:
        return self.state().engine

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = self.state().sessionmaker()
        return g.db_session

    def begin_write(self) -> None:
        """Start the request's write transaction, taking the SQLite write lock up front.

        A read transaction may already be open (loading the signed-in user opens one); on SQLite
        it is ended first, because a read lock cannot wait to become a write lock: the insert
        would fail with "database is locked" instead of queueing on the busy timeout.
        """
        if self.engine.dialect.name != "sqlite":
            return
        session = self.session
        if session.in_transaction():
            if session.new or session.dirty or session.deleted:
                raise RuntimeError("begin_write() called after changes were made")
            session.rollback()
        session.connection(execution_options={"sqlite_immediate": True})

    @staticmethod
    def _close(_exc=None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


class _State:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessionmaker = sessionmaker(bind=engine, expire_on_commit=False)

    def bind_to(self, connection) -> None:
        """Tests: run every session inside an outer transaction that is rolled back afterwards."""
        self.sessionmaker = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )

    def unbind(self) -> None:
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)


db = Database()
