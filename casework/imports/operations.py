"""Importing one CSV file of one kind: read it, check every row, and write all of it or nothing.

1. The file is read and every cell parsed (casework.imports.reader); the header must be the
   documented one (casework.imports.schemas), and the dates all written one way (YYYY-MM-DD or
   DD/MM/YYYY), which the result names.
2. Rows whose provider reference was imported before are compared with the record: the same
   values make the row "unchanged" (it is skipped); different values are a problem, because
   corrections are made in the service, not by importing again.
3. Every new row is checked with the programme rules (casework.imports.checks), against the
   database and the rows before it in the file.
4. Any problem at all: nothing is written and every problem is returned (file, row, column,
   reason). Otherwise every new row is written with bulk inserts, in the caller's transaction.

Auditing: one `import.file` event per import with the counts, the range of provider references
added, how its dates were read and the file's SHA-256; a record per row would swamp the log for a
100,000-row file, and each imported record keeps its provider reference and who imported it
(recorded_by / created_by), so it can be traced to the import. A refused import is audited too, with outcome "failed".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from sqlalchemy.exc import IntegrityError

from casework.audit import record_event, record_refusal
from casework.cases.outcomes import KEPT_TABLES
from casework.db import db, refresh_statistics, utcnow
from casework.imports.cells import quoted
from casework.imports.checks import IMPORTERS, PROGRESS_EVERY, Context
from casework.imports.reader import Problem, Problems, read
from casework.imports.schemas import KINDS
from casework.operations import OperationError
from casework.security import programmes_of
from casework.timezone import london_today


@dataclass
class ImportResult:
    """What an import did, or would do (dry run), or why it was refused."""

    kind: str
    file_name: str
    sha256: str
    dry_run: bool = False
    rows: int = 0
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    first_reference: str | None = None
    last_reference: str | None = None
    #: How the file's dates were read (YYYY-MM-DD or DD/MM/YYYY); None when it has none to read.
    date_format: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def label(self) -> str:
        return KINDS[self.kind].label.lower()

    def summary(self) -> str:
        """What happened, for the person importing, ending with how the file's dates were read."""
        rows = f"{self.rows:,} row{'' if self.rows == 1 else 's'}"
        dates = f" Dates read as {self.date_format}." if self.date_format else ""
        if not self.ok:
            count = len(self.problems)
            return (f"{self.file_name} was not imported: {count:,} problem{'' if count == 1 else 's'} in {rows}. "
                    f"Nothing was imported.{dates}")
        counts = f"{self.added:,} new, {self.unchanged:,} already imported and unchanged"
        if self.dry_run:
            return f"{self.file_name} can be imported: {rows} ({counts}). Nothing was imported (check only).{dates}"
        return f"Imported {self.label} from {self.file_name}: {rows} ({counts}).{dates}"


def _ignore(_message: str) -> None:
    return None


def import_file(kind: str, file_name: str, data: bytes, *, user, dry_run: bool = False,
                today: date | None = None, progress: Callable[[str], None] | None = None) -> ImportResult:
    """Import `data` (the bytes of a CSV file named `file_name`) as records of `kind`, as `user`.

    Every row is checked before anything is written; with any problem nothing is written and
    the result lists them all. With `dry_run` the file is only checked. A successful import (or
    check) records one `import.file` audit event in the current transaction; the caller commits.
    A refused import writes nothing here: pass the result to `record_refused_import`.
    `progress` receives a line of text every few thousand rows (the command line prints them).
    """
    if kind not in KINDS:
        raise OperationError(f"{quoted(kind)} is not a kind of import file; use one of: {', '.join(KINDS)}")
    if not programmes_of(user):
        raise OperationError("You are not in a team of any programme, so there is nothing you can import into.")
    progress = progress or _ignore
    result = ImportResult(kind, file_name, hashlib.sha256(data).hexdigest(), dry_run)
    problems = Problems(file_name)
    table = read(data, KINDS[kind], problems)
    if table is not None:
        result.rows, result.date_format = table.row_count, table.date_format
        progress(f"Read {table.row_count:,} row{'' if table.row_count == 1 else 's'} from {file_name}")
        ctx = Context(user=user, today=today or london_today(), now=utcnow(), problems=problems, progress=progress)
        importer = IMPORTERS[kind](ctx)
        plans, references = _check_rows(importer, table.rows, table.row_count, ctx, result)
        if not problems and plans:
            result.added = len(plans)
            result.first_reference, result.last_reference = min(references), max(references)
            if not dry_run:
                try:
                    with db.session.begin_nested():
                        importer.write(plans)
                    refresh_statistics(db.session.connection(), importer.written | KEPT_TABLES)
                except IntegrityError:
                    # Only possible when another import wrote the same references at the same moment.
                    problems.add(1, "", "Another import added some of these records while this file was being "
                                        "checked, so nothing from it was imported. Import the file again.")
                    result.added = 0
                db.session.expire_all()  # records changed in bulk: reload anything already loaded
    result.problems = sorted(problems.items, key=lambda p: (p.row, _column_order(kind, p.column)))
    if result.ok:
        record_event("import.file", **_audit_facts(result, user, "success"))
    return result


def _check_rows(importer, rows, row_count: int, ctx: Context, result: ImportResult):
    """Sort rows into unchanged (already imported, same values) and new (checked), adding problems."""
    first_seen: dict[str, int] = {}
    unique = []
    for row in rows:
        reference = row.reference
        if reference in first_seen:
            ctx.problem(row, "provider_reference",
                        f"The reference {quoted(reference)} is used twice in this file (first on row "
                        f"{first_seen[reference]}).")
            continue
        first_seen[reference] = row.number
        unique.append(row)
    stored = importer.stored(list(first_seen))
    new_rows = []
    for row in unique:
        existing = stored.get(row.reference)
        if existing is None:
            new_rows.append(row)
        elif not existing.in_scope:
            ctx.problem(row, "provider_reference",
                        f"The reference {quoted(row.reference)} is already used by a record outside your programmes.")
        else:
            different = importer.differences(row, existing)
            if different:
                ctx.problem(row, "provider_reference",
                            f"Already imported with different values in {', '.join(different)}. Corrections are "
                            "not made by import: change the record in the service, or leave this row out.")
            else:
                result.unchanged += 1
    importer.load(new_rows)
    plans, references = [], []
    for index, row in enumerate(new_rows, start=1):
        plan = importer.check(row)
        if plan is not None:
            plans.append(plan)
            references.append(row.reference)
        if index % PROGRESS_EVERY == 0:
            ctx.progress(f"Checked {index:,} of {len(new_rows):,} new rows")
    return plans, references


def _column_order(kind: str, column: str) -> int:
    header = KINDS[kind].header
    return header.index(column) if column in header else -1


def _audit_facts(result: ImportResult, user, outcome: str) -> dict:
    return dict(
        user=user, outcome=outcome, record_type=result.kind,
        rows=result.rows, added=0 if result.dry_run or not result.ok else result.added,
        unchanged=result.unchanged, problems=len(result.problems), dry_run=result.dry_run,
        first_reference=result.first_reference, last_reference=result.last_reference, sha256=result.sha256,
        date_format=result.date_format,
    )


def record_refused_import(result: ImportResult, user) -> None:
    """Audit an import refused for its problems, kept even if the request then fails (the
    import wrote nothing); the caller commits, as for a successful import."""
    record_refusal("import.file", **_audit_facts(result, user, "failed"))
