"""What every importer shares: the context of one import, the steps of an importer, writes in
chunks, and the lookup of the case that each case record belongs to.

Scope: cases and referrals are looked up through `case_scope` and `referral_scope`, so a reference
to a record outside the importing user's programmes reads exactly like one that does not exist.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Callable, Iterable, Iterator, Sequence

import sqlalchemy as sa

from casework.cases import outcomes
from casework.cases.facts import definition_for
from casework.cases.models import Case
from casework.db import db
from casework.imports.cells import quoted
from casework.imports.reader import Problems, Row
from casework.imports.schemas import Kind
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.security import case_scope, programmes_of
from casework.timezone import LONDON
from programmes.text import long_date

#: References looked up per query, and rows written per executemany.
CHUNK = 2000
#: How often (in rows) progress is reported.
PROGRESS_EVERY = 5000
#: A written override reason must say something a reader can act on (as on the service's pages).
MIN_REASON_LENGTH = 10
OPEN_CASE_STATUSES = ("awaiting_consent", "open")
MIDNIGHT = time(0, 0)



def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def open_cases(person_ids: Sequence[int]) -> set[tuple[int, str]]:
    """(person id, programme) of every case of these people that is open or awaiting consent."""
    found: set[tuple[int, str]] = set()
    for part in chunks(person_ids):
        found.update((person_id, programme) for person_id, programme in db.session.execute(
            sa.select(Case.person_id, Case.programme)
            .where(Case.person_id.in_(part), Case.status.in_(OPEN_CASE_STATUSES))
        ))
    return found


def _day(value: date) -> str:
    return long_date(value)


@dataclass
class Context:
    """What every importer needs: who imports, today, now, where problems go, progress."""

    user: object
    today: date
    now: datetime
    problems: Problems
    progress: Callable[[str], None]

    def __post_init__(self):
        #: The programmes of the user's teams: the import's scope.
        self.programmes: frozenset[str] = programmes_of(self.user)

    def problem(self, row: Row, column: str, reason: str) -> None:
        self.problems.add(row.number, column, reason)


@dataclass(frozen=True)
class Stored:
    """A record already imported under a provider reference: whether the importing user may see
    it, and its values in the file's own terms (column name -> value)."""

    in_scope: bool
    values: dict


class Importer(ABC):
    """One kind of file: look up, check, compare with what was imported before, write."""

    kind: Kind
    model: type

    def __init__(self, ctx: Context):
        self.ctx = ctx
        #: The file's columns, read once per import (the referral file's follow the registry).
        self.header = self.kind.header
        self._definitions: dict = {}
        #: Names of the tables `insert` wrote, so that only their statistics are refreshed.
        self.written: set[str] = set()

    # -- what was imported before ------------------------------------------------------------
    @abstractmethod
    def stored(self, references: list[str]) -> dict[str, Stored]:
        """Records already holding these provider references (scope or not)."""

    def comparable(self, row: Row, stored: Stored) -> dict:
        """The row's values in the same terms as `stored.values`."""
        return {name: row.values.get(name) for name in stored.values}

    def differences(self, row: Row, stored: Stored) -> list[str]:
        mine = self.comparable(row, stored)
        return [name for name in self.header if name in stored.values and mine.get(name) != stored.values[name]]

    # -- new rows ----------------------------------------------------------------------------
    def load(self, rows: list[Row]) -> None:  # noqa: B027 (an optional hook: most kinds look nothing up)
        """Look up everything the new rows refer to (a query per chunk of references)."""

    @abstractmethod
    def check(self, row: Row):
        """Apply the rules; return what to write, or None after adding problems."""

    @abstractmethod
    def write(self, plans: list) -> None:
        """Write what `check` returned for every row, in bulk."""

    # -- helpers -----------------------------------------------------------------------------
    def definition(self, case):
        key = (case.programme, case.definition_version)
        if key not in self._definitions:
            self._definitions[key] = definition_for(case, self.ctx.today)
        return self._definitions[key]

    def base_values(self) -> dict:
        """Columns every versioned record with a public id starts with."""
        now = self.ctx.now
        return {"public_id": uuid.uuid4(), "version": 1, "created_at": now, "updated_at": now}

    def insert(self, model, rows: list[dict], *, returning: bool = False, label: str | None = None) -> list[int]:
        """Insert `rows` with executemany in chunks; with `returning`, the new ids in row order.

        The ids are read back by provider reference (one query per chunk) rather than with
        INSERT ... RETURNING, which SQLite can only do a row at a time when the order matters.
        """
        table = model.__table__
        self.written.add(table.name)
        ids: list[int] = []
        done = 0
        if "case_id" in table.c:
            # Core inserts bypass the flush hook that sets kept outcome evaluations aside.
            outcomes.set_aside({row["case_id"] for row in rows})
        for part in chunks(rows, CHUNK):
            db.session.execute(sa.insert(table), list(part))
            if returning:
                references = [row["provider_reference"] for row in part]
                found = {reference: row_id for reference, row_id in db.session.execute(
                    sa.select(table.c.provider_reference, table.c.id).where(table.c.provider_reference.in_(references)))}
                ids.extend(found[reference] for reference in references)
            done += len(part)
            if label and (done % PROGRESS_EVERY < CHUNK or done == len(rows)):
                self.ctx.progress(f"Wrote {done:,} of {len(rows):,} {label}")
        return ids

    def reachable_people(self, people: Sequence) -> set[int]:
        """The ids of those of `people` the importing user may reach.

        A person already referred is reachable only through a programme of the importer's; a person
        no programme has referred yet, by anyone importing.
        """
        referred_by = defaultdict(set)
        for person_id, programme in db.session.execute(
            sa.select(Referral.person_id, Referral.programme).where(Referral.person_id.in_([p.id for p in people]))
        ):
            referred_by[person_id].add(programme)
        return {person.id for person in people
                if not referred_by.get(person.id) or referred_by[person.id] & self.ctx.programmes}

    def not_future(self, row: Row, column: str, value: date | None, what: str) -> bool:
        if value is not None and value > self.ctx.today:
            self.ctx.problem(row, column, f"The {what} must be today or in the past (got {value.isoformat()}).")
            return False
        return True


# --- cases looked up by provider reference ---------------------------------------------------------

_CASE_COLUMNS = (
    Case.id, Case.provider_reference, Case.programme, Case.definition_version, Case.team_id, Case.status,
    Case.started_on, Case.closed_on, Case.person_id, Case.referral_id, Case.support_started_on,
    Case.engagement_status, Referral.received_on.label("received_on"), Person.date_of_birth.label("date_of_birth"),
)


class CaseRecordImporter(Importer):
    """Importers of records that belong to a case (sessions, assessments, contacts...)."""

    def load(self, rows: list[Row]) -> None:
        references = sorted({row.values["case_reference"] for row in rows})
        self.cases = {}
        for part in chunks(references):
            for case in db.session.execute(
                sa.select(*_CASE_COLUMNS)
                .join(Referral, Referral.id == Case.referral_id)
                .join(Person, Person.id == Case.person_id)
                .where(Case.provider_reference.in_(part), case_scope(self.ctx.user))
            ):
                self.cases[case.provider_reference] = case

    def case_of(self, row: Row):
        case = self.cases.get(row.values["case_reference"])
        if case is None:
            self.ctx.problem(row, "case_reference",
                             f"No case with the provider reference {quoted(row.values['case_reference'])} in your "
                             "programmes. Import the cases file first, or check the reference.")
        return case

    def stored_with_case(self, model, columns: Iterable, references: list[str]) -> list:
        """Rows of `model` holding these references, with their case's reference and programme."""
        found = []
        for part in chunks(references):
            found.extend(db.session.execute(
                sa.select(*columns, Case.provider_reference.label("case_reference"), Case.programme.label("programme"))
                .join(Case, Case.id == model.case_id)
                .where(model.provider_reference.in_(part))
            ))
        return found


def _london_parts(moment: datetime | None) -> tuple[date | None, time | None]:
    if moment is None:
        return None, None
    local = moment.astimezone(LONDON)
    return local.date(), local.time().replace(second=0, microsecond=0)


def _at(day: date, clock: time | None) -> datetime:
    return datetime.combine(day, clock or MIDNIGHT, LONDON)
