"""Writing the synthetic rows: buffered by table, parent tables first, with Core executemany."""

from __future__ import annotations

import operator

import sqlalchemy as sa

#: Tables in the order their rows are written (parents before children).
TABLE_ORDER = (
    "teams", "users", "memberships", "people", "referrals", "cases", "allocations", "consents",
    "plans", "goals", "sessions", "session_components", "onward_referrals", "assessments",
    "assessment_items", "school_events", "school_attendance", "notifications", "engagement_contacts",
    "engagement_status_changes", "escalations", "enforcement_events", "closures",
)


class Writer:
    """Buffers rows by table and writes them in parent-first order with executemany."""

    def __init__(self, connection, tables, chunk_size: int, progress):
        self.connection = connection
        self.tables = {name: tables[name] for name in TABLE_ORDER}
        self.chunk_size = chunk_size
        self.progress = progress
        self.buffers: dict[str, list[dict]] = {name: [] for name in TABLE_ORDER}
        self.counts: dict[str, int] = {name: 0 for name in TABLE_ORDER}
        self.pending = 0
        self.statements: dict = {}
        self.versioned = {name for name, table in self.tables.items() if "version" in table.c}
        self.flush_at = max(chunk_size * 10, 20_000)
        self.next_ids = {}
        for name, table in self.tables.items():
            if "id" in table.c:
                self.next_ids[name] = (connection.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1

    def _statement(self, name: str, keys: tuple[str, ...]):
        """The table's Core `insert()` compiled once for these columns, and a function turning a
        row into its driver parameters with the columns' own bind processors (UTC datetimes,
        UUIDs, JSON), so executemany skips SQLAlchemy's per-row parameter building."""
        cached = self.statements.get((name, keys))
        if cached is None:
            table = self.tables[name]
            dialect = self.connection.dialect
            compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(keys))
            processors = {key: table.c[key].type._cached_bind_processor(dialect) for key in keys}
            if compiled.positional:
                order = list(compiled.positiontup)
            else:
                order = [compiled.bind_names[bind] for bind in compiled.binds.values()]
                names = [compiled.binds[name].key for name in order]
            columns = order if compiled.positional else names
            fetch = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row, k=columns[0]: (row[k],))
            converted = [(index, processors[key]) for index, key in enumerate(columns) if processors[key]]

            def values(row, fetch=fetch, converted=converted) -> tuple:
                found = list(fetch(row))
                for index, process in converted:
                    found[index] = process(found[index])
                return tuple(found)

            if compiled.positional:
                convert = values
            else:
                def convert(row, order=order, values=values):
                    return dict(zip(order, values(row), strict=True))
            cached = self.statements[(name, keys)] = (compiled.string, convert)
        return cached

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def add(self, table: str, row: dict) -> None:
        self.buffers[table].append(row)
        self.pending += 1
        if self.pending >= self.flush_at:
            self.flush()

    def flush(self) -> None:
        for name in TABLE_ORDER:
            rows = self.buffers[name]
            if not rows:
                continue
            sql, convert = self._statement(name, tuple(rows[0]))
            for start in range(0, len(rows), self.chunk_size):
                self.connection.exec_driver_sql(sql, [convert(row) for row in rows[start:start + self.chunk_size]])
            self.counts[name] += len(rows)
            rows.clear()
        self.pending = 0
        if self.progress:
            self.progress(f"{sum(self.counts.values()):,} rows written")


