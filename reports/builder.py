"""Build a return: every figure of sections B to G (and the outcome rows of F) for one programme or
ALL, for a period and the financial year to date, with the records behind each cell.

Figures are counted in SQL: each section runs a few grouped queries (``GROUP BY`` the category,
``COUNT`` with a condition for the period and another for the year to date), and the identifiers
behind each cell come from the same query as a string aggregate. Python only adds up the grouped
rows into totals and breakdowns. Three things are computed in Python, each from the values of a
single query: medians (B7, D3), the pairing of pre and post assessments (E), and the
combining of section F's "measured" and "improved". Those apply the programme's own outcome rules
(:func:`programmes.rules.outcome_evidence`) to the cases closed in the year to date; each case's
result is kept with its closure when it closes (:mod:`casework.cases.outcomes`) and counted here
in SQL, and a closure without a kept result is evaluated from its records, whose facts are loaded
with a fixed number of queries by :func:`casework.cases.facts.case_facts`.

Reports only read: nothing here adds, changes or deletes a record.
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

import programmes
from casework.cases.models import Case, Closure, ClosureMeasure, ClosureOutcome, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact, EngagementStatusChange
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.sessions.models import Session, SessionComponent
from casework.timezone import LONDON
from programmes import instruments as instrument_rules
from programmes import rules
from programmes.model import DefinitionVersion
from programmes.vocabulary import CLOSURE_REASONS, ETHNICITIES, POLICE_ETHNICITY_CODES
from reports.categories import category_lists
from reports.definition import COUNT_UNITS, CURRENT_VERSION, ReturnDefinition, get_definition
from reports.model import BuiltReturn, Cell, Guard, Key, cell_id
from reports.periods import Period

__all__ = ["ALL", "ReturnError", "build_return", "programme_codes"]

#: The programme selector meaning every programme.
ALL = "ALL"


class ReturnError(ValueError):
    """A return cannot be built as asked (unknown programme, no definition in force...)."""


def programme_codes(programme: str) -> tuple[str, ...]:
    """The programme codes a return for ``programme`` (a code or ``ALL``) covers."""
    if programme == ALL:
        return programmes.PROGRAMME_CODES
    if programme not in programmes.PROGRAMME_CODES:
        raise ReturnError(
            f"Unknown programme {programme!r}; choose one of "
            f"{', '.join(programmes.PROGRAMME_CODES)} or ALL."
        )
    return (programme,)


# --- tallies ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """A cell's exact period and year-to-date values and the public ids behind each."""

    period: int | float | None = 0
    ytd: int | float | None = 0
    period_ids: set[str] = field(default_factory=set)
    ytd_ids: set[str] = field(default_factory=set)

    def add(self, other: "Tally") -> "Tally":
        self.period += other.period
        self.ytd += other.ytd
        self.period_ids |= other.period_ids
        self.ytd_ids |= other.ytd_ids
        return self


def _ids(text: str | None) -> set[str]:
    """Public ids from a string aggregate, written the same way on every database."""
    if not text:
        return set()
    return {str(uuid.UUID(value)) for value in text.split(",") if value}


def _sum(tallies) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def _plain(value: float | None, places: int = 1) -> int | float | None:
    """A number as the return shows it: whole numbers as ints, others rounded to ``places``."""
    if value is None:
        return None
    value = round(float(value), places)
    if value == int(value):
        return int(value)
    return value


def _percent(numerator: int, denominator: int) -> float | int | None:
    return _plain(100 * numerator / denominator) if denominator else None


def _median(values: list[float]) -> float | int | None:
    return _plain(statistics.median(values)) if values else None


# --- the builder --------------------------------------------------------------------------------


class _Builder:
    """Runs the section queries for one return and collects tallies by cell key."""

    def __init__(self, programme: str, period: Period, lineage: bool):
        self.programme = programme
        self.codes = programme_codes(programme)
        self.period = period
        self.lineage = lineage
        self.definitions: dict[str, DefinitionVersion] = {}
        for code in self.codes:
            try:
                self.definitions[code] = programmes.definition_on(code, period.end)
            except programmes.NoDefinitionInForce:
                raise ReturnError(
                    f"No {code} programme definition was in force on {period.end.isoformat()}; "
                    "choose a later period."
                ) from None
        self.tallies: dict[Key, Tally] = {}
        self.guards: dict[Key, Guard] = {}
        self.not_evidenced: list[str] = []

    # helpers ------------------------------------------------------------------------------------

    def in_period(self, column) -> sa.ColumnElement[bool]:
        return sa.and_(column >= self.period.start, column <= self.period.end)

    def in_ytd(self, column) -> sa.ColumnElement[bool]:
        return sa.and_(column >= self.period.ytd_start, column <= self.period.end)

    def in_window(self, column) -> sa.ColumnElement[bool]:
        return sa.and_(column >= self.period.window_start, column <= self.period.end)

    def counted(self, date_column, public_id, unit=None) -> list:
        """The aggregate columns of a tally: period and year-to-date counts, then their ids."""
        columns = []
        for flag in (self.in_period(date_column), self.in_ytd(date_column)):
            if unit is None:
                columns.append(sa.func.coalesce(sa.func.sum(sa.case((flag, 1), else_=0)), 0))
            else:
                columns.append(sa.func.count(sa.distinct(sa.case((flag, unit)))))
        if self.lineage:
            for flag in (self.in_period(date_column), self.in_ytd(date_column)):
                columns.append(sa.func.aggregate_strings(sa.case((flag, sa.cast(public_id, sa.String))), ","))
        return columns

    def tally_of(self, row, offset: int) -> Tally:
        """Read the columns made by :meth:`counted` from ``row`` starting at ``offset``."""
        tally = Tally(int(row[offset] or 0), int(row[offset + 1] or 0))
        if self.lineage:
            tally.period_ids = _ids(row[offset + 2])
            tally.ytd_ids = _ids(row[offset + 3])
        return tally

    def put(self, key: Key, tally: Tally) -> None:
        self.tallies[key] = tally

    def put_breakdown(self, code: str, breakdown: str, rows: list[tuple[str | None, Tally]]) -> None:
        """Add up grouped rows into the cells of one breakdown."""
        by_category: dict[str, Tally] = defaultdict(Tally)
        for category, tally in rows:
            by_category[category].add(tally)
        for category, tally in by_category.items():
            self.put((code, breakdown, category), tally)

    def programme_filter(self, column) -> sa.ColumnElement[bool]:
        return column.in_(self.codes)

    def end_boundary(self) -> datetime:
        """The first moment after the period end, in UTC (for columns that hold moments)."""
        return datetime.combine(self.period.end + timedelta(days=1), time(0), LONDON).astimezone(timezone.utc)

    # section B ----------------------------------------------------------------------------------

    def referrals(self) -> None:
        """B1, B2 and B2.declined in one grouped query."""
        r = Referral
        decision = sa.case(
            (r.status == "pending", "pending"),
            (sa.and_(r.decided_at.is_not(None), r.decided_at >= self.end_boundary()), "pending"),
            else_=r.status,
        )
        inner = (
            sa.select(
                r.programme.label("programme"),
                r.source.label("source"),
                sa.func.coalesce(r.setting, "not_recorded").label("setting"),
                decision.label("decision"),
                sa.func.coalesce(r.decline_reason, "other").label("reason"),
                r.received_on.label("on"),
                r.public_id.label("public_id"),
            )
            .where(self.programme_filter(r.programme), self.in_window(r.received_on))
            .subquery()
        )
        groups = (inner.c.programme, inner.c.source, inner.c.setting, inner.c.decision, inner.c.reason)
        rows = db.session.execute(
            sa.select(*groups, *self.counted(inner.c.on, inner.c.public_id)).group_by(*groups)
        ).all()
        tallies = [(row, self.tally_of(row, len(groups))) for row in rows]
        total = _sum(t for _, t in tallies)
        self.put(("B1", None, None), total)
        self.put_breakdown("B1", "source", [(row.source, t) for row, t in tallies])
        self.put_breakdown("B1", "setting", [(row.setting, t) for row, t in tallies])
        self.put_breakdown("B1", "programme", [(row.programme, t) for row, t in tallies])
        self.put(("B2", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B2", "decision", [(row.decision, t) for row, t in tallies])
        declined = [(row.reason, t) for row, t in tallies if row.decision == "declined"]
        self.put(("B2.declined", None, None), _sum(t for _, t in declined))
        self.put_breakdown("B2.declined", "reason", declined)

    def cases_started(self) -> None:
        """B3 by programme, B7's time from referral to case start, and G's completeness of B3."""
        rows = db.session.execute(
            sa.select(Case.programme, *self.counted(Case.started_on, Case.public_id))
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
            .group_by(Case.programme)
        ).all()
        tallies = [(row.programme, self.tally_of(row, 1)) for row in rows]
        self.put(("B3", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B3", "programme", tallies)

        # B7: whole days from referral to case start, a median over this query's values.
        starts = db.session.execute(
            sa.select(Case.started_on, Referral.received_on, Case.public_id)
            .join(Referral, Referral.id == Case.referral_id)
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
        ).all()
        self.put_median(
            "B7.case_start",
            [(s.started_on, (s.started_on - s.received_on).days, s.public_id) for s in starts],
        )
        b3 = self.tallies[("B3", None, None)]
        self.guards[("B7.case_start", None, None)] = Guard((b3.period, b3.ytd))

        # G: how complete the people behind B3 are, as counts with conditions.
        p = Person
        flags = [self.in_period(Case.started_on), self.in_ytd(Case.started_on)]
        recorded = [
            p.date_of_birth.is_not(None),
            sa.and_(p.sex.is_not(None), p.sex != "not_known"),
            sa.and_(
                sa.or_(p.ethnicity.is_not(None), p.police_ethnicity_code.is_not(None)),
                sa.func.coalesce(p.ethnicity, "") != "not_stated",
                sa.func.coalesce(p.police_ethnicity_code, "") != "NS",
            ),
        ]
        columns = [
            sa.func.coalesce(sa.func.sum(sa.case((sa.and_(flag, condition), 1), else_=0)), 0)
            for condition in recorded
            for flag in flags
        ]
        counts = db.session.execute(
            sa.select(*columns)
            .select_from(Case)
            .join(p, p.id == Case.person_id)
            .where(self.programme_filter(Case.programme), self.in_window(Case.started_on))
        ).one()
        for index, code in enumerate(("G.date_of_birth", "G.sex", "G.ethnicity")):
            period_n, ytd_n = int(counts[2 * index]), int(counts[2 * index + 1])
            self.put((code, None, None), Tally(_percent(period_n, b3.period), _percent(ytd_n, b3.ytd)))
            self.guards[(code, None, None)] = Guard((b3.period, b3.ytd), (("B3", None, None),))

    def first_contacts(self) -> None:
        """B7: whole days from referral to first contact, over first contacts in the period."""
        rows = db.session.execute(
            sa.select(Referral.first_contact_on, Referral.received_on, Referral.public_id).where(
                self.programme_filter(Referral.programme),
                Referral.first_contact_on.is_not(None),
                self.in_window(Referral.first_contact_on),
            )
        ).all()
        values = [(r.first_contact_on, (r.first_contact_on - r.received_on).days, r.public_id) for r in rows]
        count = self.put_median("B7.first_contact", values)
        self.put(("B7.first_contact.count", None, None), count)
        self.guards[("B7.first_contact", None, None)] = Guard((count.period, count.ytd))

    def put_median(self, code: str, values: list[tuple[date, float, object]]) -> Tally:
        """Store the median of ``values`` (date, value, public id) for both columns; returns the counts."""
        in_period = [v for v in values if self.period.start <= v[0] <= self.period.end]
        in_ytd = [v for v in values if self.period.ytd_start <= v[0] <= self.period.end]
        median = Tally(_median([v[1] for v in in_period]), _median([v[1] for v in in_ytd]))
        count = Tally(len(in_period), len(in_ytd))
        if self.lineage:
            median.period_ids = count.period_ids = {str(v[2]) for v in in_period}
            median.ytd_ids = count.ytd_ids = {str(v[2]) for v in in_ytd}
        self.put((code, None, None), median)
        return count

    def active_at_end(self) -> None:
        """B4 and G.no_recent_session: cases active at the period end."""
        end = self.period.end
        closed = sa.exists().where(
            Closure.case_id == Case.id, Closure.reopened_at.is_(None), Closure.closed_on <= end
        )
        active = sa.and_(
            self.programme_filter(Case.programme),
            Case.started_on.is_not(None),
            Case.started_on <= end,
            ~closed,
        )
        id_columns = (
            [sa.func.aggregate_strings(sa.cast(Case.public_id, sa.String), ",")] if self.lineage else []
        )
        rows = db.session.execute(
            sa.select(Case.programme, sa.func.count(), *id_columns).where(active).group_by(Case.programme)
        ).all()
        tallies = [(row.programme, self._at_end(row[1], row[2] if self.lineage else None)) for row in rows]
        self.put(("B4", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("B4", "programme", tallies)

        # No attended session in the 28 days to the period end, counted from the last attended
        # session or, with none, the case start. Written as index probes per active case on
        # sessions (case_id, held_on): the latest attended session of every case ever (a GROUP BY
        # over the whole sessions table) took 2 s at national scale.
        cutoff = end - timedelta(days=28)
        attended = sa.and_(Session.case_id == Case.id, Session.attendance == "attended")
        recent = sa.exists().where(attended, Session.held_on > cutoff, Session.held_on <= end)
        earlier = sa.exists().where(attended, Session.held_on <= cutoff)
        stale = sa.and_(~recent, sa.or_(Case.started_on <= cutoff, earlier))
        row = db.session.execute(sa.select(sa.func.count(), *id_columns).select_from(Case).where(active, stale)).one()
        self.put(("G.no_recent_session", None, None), self._at_end(row[0], row[1] if self.lineage else None))

    def _at_end(self, count: int, ids: str | None) -> Tally:
        tally = Tally(int(count), int(count))
        tally.period_ids = _ids(ids)
        tally.ytd_ids = set(tally.period_ids)
        return tally

    def closures(self) -> None:
        """B5, B6, B6.rate and G.closure_reason from one grouped query of closures."""
        rows = db.session.execute(
            sa.select(Case.programme, Closure.reason, *self.counted(Closure.closed_on, Closure.public_id))
            .join(Case, Case.id == Closure.case_id)
            .where(
                self.programme_filter(Case.programme),
                Closure.reopened_at.is_(None),
                self.in_window(Closure.closed_on),
            )
            .group_by(Case.programme, Closure.reason)
        ).all()
        tallies = [(row, self.tally_of(row, 2)) for row in rows]
        b5 = _sum(t for _, t in tallies)
        self.put(("B5", None, None), b5)
        self.put_breakdown("B5", "reason", [(row.reason, t) for row, t in tallies])
        self.put_breakdown("B5", "programme", [(row.programme, t) for row, t in tallies])
        b6 = _sum(t for row, t in tallies if row.reason == "planned_completion")
        self.put(("B6", None, None), b6)
        excluded_codes = {reason.code for reason in CLOSURE_REASONS if reason.excluded_from_completion_rate}
        excluded = _sum(t for row, t in tallies if row.reason in excluded_codes)
        base = (b5.period - excluded.period, b5.ytd - excluded.ytd)
        self.put(("B6.rate", None, None), Tally(_percent(b6.period, base[0]), _percent(b6.ytd, base[1])))
        self.guards[("B6.rate", None, None)] = Guard(
            base,
            (
                ("B6", None, None),
                ("B5", None, None),
                *(("B5", "reason", code) for code in sorted(excluded_codes)),
            ),
        )
        known = {reason.code for reason in CLOSURE_REASONS}
        with_reason = _sum(t for row, t in tallies if row.reason in known)
        self.put(
            ("G.closure_reason", None, None),
            Tally(_percent(with_reason.period, b5.period), _percent(with_reason.ytd, b5.ytd)),
        )
        self.guards[("G.closure_reason", None, None)] = Guard((b5.period, b5.ytd), (("B5", None, None),))

    # section C ----------------------------------------------------------------------------------

    def people_starting(self) -> None:
        """C1 to C4: distinct young people behind B3, one grouped query per column."""
        columns = {
            "period": (self.period.start, self.period.end),
            "ytd": (self.period.ytd_start, self.period.end),
        }
        results: dict[str, list] = {}
        for column, (start, end) in columns.items():
            if column == "ytd" and columns["ytd"] == columns["period"]:
                results["ytd"] = results["period"]
                continue
            results[column] = self._people_rows(start, end)
        cells: dict[Key, Tally] = defaultdict(Tally)
        for column, rows in results.items():
            for row in rows:
                count, ids = int(row.people), _ids(row.ids) if self.lineage else set()
                for key in (
                    ("C1", None, None),
                    ("C1", "age_band", row.age_band),
                    ("C2", "sex", row.sex),
                    ("C3", "ethnic_group", row.ethnic_group),
                    ("C4", "local_authority", row.local_authority),
                    *((("C1.under_18", None, None),) if row.age_band in _UNDER_18 else ()),
                    *((("C1.under_25", None, None),) if row.age_band in _UNDER_25 else ()),
                ):
                    tally = cells[key]
                    setattr(tally, column, getattr(tally, column) + count)
                    getattr(tally, f"{column}_ids").update(ids)
        for key, tally in cells.items():
            self.put(key, tally)
        for code in ("C2", "C3", "C4"):
            total = cells[("C1", None, None)]
            self.put(
                (code, None, None), Tally(total.period, total.ytd, set(total.period_ids), set(total.ytd_ids))
            )
        for code in ("C1.under_18", "C1.under_25"):
            self.tallies.setdefault((code, None, None), Tally())

    def _people_rows(self, start: date, end: date) -> list:
        first = (
            sa.select(Case.person_id, sa.func.min(Case.started_on).label("started_on"))
            .where(self.programme_filter(Case.programme), Case.started_on >= start, Case.started_on <= end)
            .group_by(Case.person_id)
            .subquery()
        )
        p = Person
        started, born = first.c.started_on, p.date_of_birth
        year = lambda d: sa.extract("year", d)  # noqa: E731
        month_day = lambda d: sa.extract("month", d) * 100 + sa.extract("day", d)  # noqa: E731
        age = year(started) - year(born) - sa.case((month_day(started) < month_day(born), 1), else_=0)
        band = sa.case(
            (born.is_(None), "not_recorded"),
            (age < 10, "under_10"),
            (age <= 13, "10_13"),
            (age <= 15, "14_15"),
            (age <= 17, "16_17"),
            (age <= 20, "18_20"),
            (age <= 24, "21_24"),
            (age <= 34, "25_34"),
            else_="35_plus",
        )
        police_group = sa.case(
            {t.code: t.group for t in POLICE_ETHNICITY_CODES},
            value=p.police_ethnicity_code,
            else_="not_stated",
        )
        ethnic_group = sa.case({t.code: t.group for t in ETHNICITIES}, value=p.ethnicity, else_=police_group)
        inner = (
            sa.select(
                band.label("age_band"),
                sa.func.coalesce(p.sex, "not_known").label("sex"),
                ethnic_group.label("ethnic_group"),
                sa.func.coalesce(p.local_authority, "not_recorded").label("local_authority"),
                p.public_id.label("public_id"),
            )
            .select_from(first)
            .join(p, p.id == first.c.person_id)
            .subquery()
        )
        groups = (inner.c.age_band, inner.c.sex, inner.c.ethnic_group, inner.c.local_authority)
        ids = (
            [sa.func.aggregate_strings(sa.cast(inner.c.public_id, sa.String), ",").label("ids")]
            if self.lineage
            else [sa.null().label("ids")]
        )
        return db.session.execute(
            sa.select(*groups, sa.func.count().label("people"), *ids).group_by(*groups)
        ).all()

    # section D ----------------------------------------------------------------------------------

    def sessions(self) -> None:
        """D1, D1.hours and D1.not_attended in one grouped query."""
        s = Session
        attended = s.attendance == "attended"
        minutes = [
            sa.func.coalesce(sa.func.sum(sa.case((sa.and_(flag, attended), s.duration_minutes), else_=0)), 0)
            for flag in (self.in_period(s.held_on), self.in_ytd(s.held_on))
        ]
        groups = (Case.programme, s.attendance, s.mode, s.location)
        rows = db.session.execute(
            sa.select(*groups, *minutes, *self.counted(s.held_on, s.public_id))
            .join(Case, Case.id == s.case_id)
            .where(self.programme_filter(Case.programme), self.in_window(s.held_on))
            .group_by(*groups)
        ).all()
        tallies = [(row, self.tally_of(row, 6)) for row in rows]
        held = [(row, t) for row, t in tallies if row.attendance == "attended"]
        self.put(("D1", None, None), _sum(t for _, t in held))
        self.put_breakdown("D1", "mode", [(row.mode, t) for row, t in held])
        self.put_breakdown("D1", "location", [(row.location, t) for row, t in held])
        self.put_breakdown("D1", "programme", [(row.programme, t) for row, t in held])
        period_minutes = sum(int(row[4]) for row, _ in tallies)
        ytd_minutes = sum(int(row[5]) for row, _ in tallies)
        self.put(("D1.hours", None, None), Tally(_plain(period_minutes / 60), _plain(ytd_minutes / 60)))
        missed = [(row, t) for row, t in tallies if row.attendance != "attended"]
        self.put(("D1.not_attended", None, None), _sum(t for _, t in missed))
        self.put_breakdown("D1.not_attended", "attendance", [(row.attendance, t) for row, t in missed])

    def components(self) -> None:
        """D2: attended sessions and young people by component, in one grouped query."""
        s = Session
        flags = (self.in_period(s.held_on), self.in_ytd(s.held_on))
        # A session has a component at most once (the primary key), so sessions are a plain sum.
        columns = [sa.func.coalesce(sa.func.sum(sa.case((flag, 1), else_=0)), 0) for flag in flags]
        columns += [sa.func.count(sa.distinct(sa.case((flag, Case.person_id)))) for flag in flags]
        if self.lineage:
            columns += [
                sa.func.aggregate_strings(sa.case((flag, sa.cast(s.public_id, sa.String))), ",")
                for flag in flags
            ]
            columns += [
                sa.func.aggregate_strings(sa.case((flag, sa.cast(Person.public_id, sa.String))), ",")
                for flag in flags
            ]
        query = (
            sa.select(SessionComponent.component_code, *columns)
            .select_from(SessionComponent)
            .join(s, s.id == SessionComponent.session_id)
            .join(Case, Case.id == s.case_id)
            .where(
                self.programme_filter(Case.programme), s.attendance == "attended", self.in_window(s.held_on)
            )
            .group_by(SessionComponent.component_code)
        )
        if self.lineage:
            query = query.join(Person, Person.id == Case.person_id)
        rows = db.session.execute(query).all()
        for row in rows:
            sessions = Tally(int(row[1]), int(row[2]))
            people = Tally(int(row[3]), int(row[4]))
            if self.lineage:
                sessions.period_ids, sessions.ytd_ids = _ids(row[5]), _ids(row[6])
                people.period_ids, people.ytd_ids = _ids(row[7]), _ids(row[8])
            self.put(("D2", "component", row.component_code), sessions)
            self.put(("D2.young_people", "component", row.component_code), people)

    def dosage(self) -> None:
        """D3: medians over planned completions (one query), beside each programme's planned dosage."""
        # Attended sessions counted per closed case (an index range on sessions (case_id, ...)),
        # not for every case ever and then joined.
        attended = (
            sa.select(sa.func.count())
            .where(Session.case_id == Case.id, Session.attendance == "attended")
            .scalar_subquery()
        )
        rows = db.session.execute(
            sa.select(
                Closure.closed_on,
                Case.started_on,
                attended.label("sessions"),
                Closure.public_id,
            )
            .join(Case, Case.id == Closure.case_id)
            .where(
                self.programme_filter(Case.programme),
                Closure.reopened_at.is_(None),
                Closure.reason == "planned_completion",
                self.in_window(Closure.closed_on),
            )
        ).all()
        self.put_median("D3.sessions", [(r.closed_on, r.sessions, r.public_id) for r in rows])
        self.put_median(
            "D3.weeks",
            [
                (r.closed_on, round((r.closed_on - r.started_on).days / 7, 1), r.public_id)
                for r in rows
                if r.started_on is not None
            ],
        )
        b6 = self.tallies[("B6", None, None)]
        for code in ("D3.sessions", "D3.weeks"):
            self.guards[(code, None, None)] = Guard((b6.period, b6.ytd))
        for code, definition in self.definitions.items():
            dosage = definition.planned_dosage
            self.put(("D3.planned_min_weeks", "programme", code), Tally(dosage.min_weeks, dosage.min_weeks))
            self.put(("D3.planned_max_weeks", "programme", code), Tally(dosage.max_weeks, dosage.max_weeks))

    def onward_referrals(self) -> None:
        """D4 by service type and programme, in one grouped query."""
        o = OnwardReferral
        rows = db.session.execute(
            sa.select(Case.programme, o.service_type, *self.counted(o.referred_on, o.public_id))
            .join(Case, Case.id == o.case_id)
            .where(self.programme_filter(Case.programme), self.in_window(o.referred_on))
            .group_by(Case.programme, o.service_type)
        ).all()
        tallies = [(row, self.tally_of(row, 2)) for row in rows]
        self.put(("D4", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("D4", "service_type", [(row.service_type, t) for row, t in tallies])
        self.put_breakdown("D4", "programme", [(row.programme, t) for row, t in tallies])

    def engagement(self) -> None:
        """D5: contact attempts by method and result, and young people by status at the period end."""
        c = EngagementContact
        rows = db.session.execute(
            sa.select(c.method, c.result, *self.counted(c.contacted_on, c.public_id))
            .join(Case, Case.id == c.case_id)
            .where(self.programme_filter(Case.programme), self.in_window(c.contacted_on))
            .group_by(c.method, c.result)
        ).all()
        tallies = [(row, self.tally_of(row, 2)) for row in rows]
        self.put(("D5", None, None), _sum(t for _, t in tallies))
        self.put_breakdown("D5", "method", [(row.method, t) for row, t in tallies])
        self.put_breakdown("D5", "result", [(row.result, t) for row, t in tallies])

        end = self.period.end
        change = EngagementStatusChange
        latest = (
            sa.select(
                change.case_id,
                change.status,
                sa.func.row_number()
                .over(partition_by=change.case_id, order_by=(change.changed_on.desc(), change.id.desc()))
                .label("rank"),
            )
            .where(change.changed_on <= end)
            .subquery()
        )
        closed = sa.exists().where(
            Closure.case_id == Case.id, Closure.reopened_at.is_(None), Closure.closed_on <= end
        )
        id_columns = (
            [sa.func.aggregate_strings(sa.cast(Person.public_id, sa.String), ",")] if self.lineage else []
        )
        rows = db.session.execute(
            sa.select(latest.c.status, sa.func.count(sa.distinct(Case.person_id)), *id_columns)
            .select_from(latest)
            .join(Case, Case.id == latest.c.case_id)
            .join(Person, Person.id == Case.person_id)
            .where(
                latest.c.rank == 1,
                self.programme_filter(Case.programme),
                Case.started_on.is_not(None),
                Case.started_on <= end,
                ~closed,
            )
            .group_by(latest.c.status)
        ).all()
        statuses = [(row[0], self._at_end(row[1], row[2] if self.lineage else None)) for row in rows]
        self.put(("D5.status", None, None), _sum(t for _, t in statuses))
        self.put_breakdown("D5.status", "status", statuses)

    # sections E, F and G's assessment figure -----------------------------------------------------

    def closed_case_rows(self) -> list:
        """Cases with a (not reopened) closure in the year to date or period: one query."""
        return db.session.execute(
            sa.select(
                Case.id.label("case_id"),
                Case.public_id.label("case_public_id"),
                Case.programme,
                Closure.id.label("closure_id"),
                Closure.closed_on,
                Closure.reason,
                Closure.outcomes_version,
                Person.public_id.label("person_public_id"),
            )
            .join(Closure, Closure.case_id == Case.id)
            .join(Person, Person.id == Case.person_id)
            .where(
                self.programme_filter(Case.programme),
                Closure.reopened_at.is_(None),
                self.in_window(Closure.closed_on),
            )
            .order_by(Case.id)
        ).all()

    def standard_measures(self, closed: list) -> None:
        """E (and G.pre_post): the pre and post pairs of cases closed, counted and averaged in Python.

        A closure's pairs are read from those kept with it when it closed (one query); a closure
        without a current kept evaluation has its pairs made here from its assessments (one
        query), the same way (:func:`casework.cases.outcomes.measure_pairs`).
        """
        from casework.cases.outcomes import measure_pairs, pre_and_post_assessments

        unevaluated = {row.case_id for row in closed if not self.kept(row)}
        pairs_of: dict[int, dict[str, tuple]] = defaultdict(dict)
        if len(unevaluated) < len(closed):
            for row in db.session.execute(
                self.kept_closures(ClosureMeasure).add_columns(
                    ClosureMeasure.closure_id, ClosureMeasure.instrument, ClosureMeasure.pre_score,
                    ClosureMeasure.post_score,
                )
            ):
                pairs_of[row.closure_id][row.instrument] = (row.pre_score, row.post_score)
        if unevaluated:
            assessments: dict[int, list] = defaultdict(list)
            for row in pre_and_post_assessments(unevaluated):
                assessments[row.case_id].append(row)
            for row in closed:
                if row.case_id in unevaluated:
                    pairs_of[row.closure_id] = measure_pairs(assessments.get(row.case_id, ()))
        # (measure, instrument) -> the case public ids counted in the period and in the year to
        # date; instrument -> column -> matched (pre, post) values. This loop runs once per closed
        # case (tens of thousands at national scale), so it adds ids to plain sets and counts them
        # once at the end.
        counted: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
        pairs: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(
            lambda: {"period": [], "ytd": []}
        )
        pre_post: tuple[set[str], set[str]] = (set(), set())
        for row in closed:
            columns = self.columns_of(row.closed_on)
            in_period, in_ytd = "period" in columns, "ytd" in columns
            public_id = str(row.case_public_id)
            any_pair = False
            for code, (pre, post) in pairs_of.get(row.closure_id, {}).items():
                measures = []
                if pre is not None:
                    measures.append("E.pre")
                if post is not None:
                    measures.append("E.post")
                if pre is not None and post is not None:
                    any_pair = True
                    measures.append("E.matched")
                    values = (float(pre), float(post))
                    change = _change(code, *values)
                    if change is not None:
                        measures.append(f"E.{change}")
                    if in_period:
                        pairs[code]["period"].append(values)
                    if in_ytd:
                        pairs[code]["ytd"].append(values)
                for measure in measures:
                    ids = counted.get((measure, code))
                    if ids is None:
                        ids = counted[(measure, code)] = (set(), set())
                    if in_period:
                        ids[0].add(public_id)
                    if in_ytd:
                        ids[1].add(public_id)
            if any_pair and row.reason == "planned_completion":
                if in_period:
                    pre_post[0].add(public_id)
                if in_ytd:
                    pre_post[1].add(public_id)
        counts = {key: Tally(len(ids[0]), len(ids[1]), ids[0], ids[1]) for key, ids in counted.items()}
        for (measure, code), tally in counts.items():
            self.put((measure, "instrument", code), tally)
        for code, by_column in pairs.items():
            means = {name: Tally(None, None) for name in ("E.mean_pre", "E.mean_post", "E.mean_change")}
            for column, values in by_column.items():
                if values:
                    setattr(means["E.mean_pre"], column, _plain(statistics.fmean(v[0] for v in values), 2))
                    setattr(means["E.mean_post"], column, _plain(statistics.fmean(v[1] for v in values), 2))
                    setattr(
                        means["E.mean_change"],
                        column,
                        _plain(statistics.fmean(v[1] - v[0] for v in values), 2),
                    )
            for name, tally in means.items():
                self.put((name, "instrument", code), tally)
        for (measure, code), tally in list(counts.items()):
            if measure == "E.matched":
                for name in ("E.mean_pre", "E.mean_post", "E.mean_change"):
                    self.guards[(name, "instrument", code)] = Guard((tally.period, tally.ytd))
        b6 = self.tallies[("B6", None, None)]
        self.put(
            ("G.pre_post", None, None),
            Tally(_percent(len(pre_post[0]), b6.period), _percent(len(pre_post[1]), b6.ytd)),
        )
        self.guards[("G.pre_post", None, None)] = Guard((b6.period, b6.ytd), (("B6", None, None),))

    def columns_of(self, day: date) -> tuple[str, ...]:
        """Which columns a record dated ``day`` counts in."""
        columns = []
        if self.period.start <= day <= self.period.end:
            columns.append("period")
        if self.period.ytd_start <= day <= self.period.end:
            columns.append("ytd")
        return tuple(columns)

    def _count(self, tally: Tally, columns: tuple[str, ...], public_id: str) -> None:
        for column in columns:
            ids = getattr(tally, f"{column}_ids")
            if public_id not in ids:
                ids.add(public_id)
                setattr(tally, column, getattr(tally, column) + 1)

    def outcomes(self, closed: list) -> None:
        """F: reached (SQL, two grouped queries), measured and improved (the programme's outcome rules)."""
        any_session: dict[str, list[str]] = defaultdict(list)
        mapping: list[tuple[str, str]] = []
        for programme, definition in self.definitions.items():
            session_codes = {c.code for c in definition.session_components}
            for outcome in definition.outcomes:
                indicators = definition.indicators_for(outcome.code)
                if not indicators:
                    self.not_evidenced.append(outcome.code)
                    for breakdown in ("reached", "measured", "improved", "percent_improved"):
                        self.put(("F", breakdown, outcome.code), Tally(None, None))
                    continue
                for indicator in indicators:
                    if indicator.kind != "activity":
                        continue
                    if set(indicator.component_codes) == session_codes:
                        any_session[programme].append(outcome.code)
                    else:
                        mapping.extend((outcome.code, code) for code in indicator.component_codes)
        reached: dict[str, Tally] = defaultdict(Tally)
        person = Case.person_id
        if mapping:
            # Stage 1 groups the attended sessions' components to one row per (young person,
            # component), with whether it happened in the period and in the year to date. Stage 2
            # joins those pairs to the (outcome, component) mapping and counts people per outcome.
            # Joining the mapping to every component row instead made SQLite loop over the
            # mapping for each row (2.7 s at scale 1, against 0.12 s for the two stages). Stage 1
            # has no "component IN (mapped codes)" condition on purpose: SQLite turns it into one
            # index probe per code for every session.
            pairs = (
                sa.select(
                    Case.person_id.label("person_id"),
                    SessionComponent.component_code.label("code"),
                    sa.func.max(sa.case((self.in_period(Session.held_on), 1), else_=0)).label("period"),
                    sa.func.max(sa.case((self.in_ytd(Session.held_on), 1), else_=0)).label("ytd"),
                )
                .select_from(Session)
                .join(SessionComponent, SessionComponent.session_id == Session.id)
                .join(Case, Case.id == Session.case_id)
                .where(
                    self.programme_filter(Case.programme),
                    Session.attendance == "attended",
                    self.in_window(Session.held_on),
                )
                .group_by(Case.person_id, SessionComponent.component_code)
                .subquery()
            )
            outcome_map = (
                sa.values(sa.column("outcome_code", sa.String), sa.column("code", sa.String), name="outcome_map")
                .data(sorted(set(mapping)))
                .cte("outcome_map")
            )
            columns = [
                sa.func.count(sa.distinct(sa.case((pairs.c[column] == 1, pairs.c.person_id))))
                for column in ("period", "ytd")
            ]
            query = (
                sa.select(outcome_map.c.outcome_code, *columns)
                .select_from(pairs)
                .join(outcome_map, outcome_map.c.code == pairs.c.code)
                .group_by(outcome_map.c.outcome_code)
            )
            if self.lineage:
                query = query.join(Person, Person.id == pairs.c.person_id).add_columns(
                    *(
                        sa.func.aggregate_strings(
                            sa.case((pairs.c[column] == 1, sa.cast(Person.public_id, sa.String))), ","
                        )
                        for column in ("period", "ytd")
                    )
                )
            for row in db.session.execute(query):
                reached[row.outcome_code] = self.tally_of(row, 1)
        if any_session:
            rows = db.session.execute(
                sa.select(Case.programme, *self.counted(Session.held_on, Person.public_id, person))
                .select_from(Session)
                .join(Case, Case.id == Session.case_id)
                .join(Person, Person.id == Case.person_id)
                .where(
                    Case.programme.in_(tuple(any_session)),
                    Session.attendance == "attended",
                    self.in_window(Session.held_on),
                )
                .group_by(Case.programme)
            ).all()
            for row in rows:
                for outcome_code in any_session[row.programme]:
                    reached[outcome_code] = self.tally_of(row, 1)

        measured, improved = self.measured_and_improved(closed)

        for definition in self.definitions.values():
            for outcome in definition.outcomes:
                if outcome.code in self.not_evidenced:
                    continue
                code = outcome.code
                m, i = measured.get(code, Tally()), improved.get(code, Tally())
                self.put(("F", "reached", code), reached.get(code, Tally()))
                self.put(("F", "measured", code), m)
                self.put(("F", "improved", code), i)
                self.put(
                    ("F", "percent_improved", code),
                    Tally(_percent(i.period, m.period), _percent(i.ytd, m.ytd)),
                )
                self.guards[("F", "percent_improved", code)] = Guard(
                    (m.period, m.ytd), (("F", "improved", code), ("F", "measured", code))
                )

    def kept(self, row) -> bool:
        """Whether a closed-case row has an evaluation kept under the definition this return applies."""
        return row.outcomes_version == self.definitions[row.programme].version

    def kept_closures(self, model):
        """A select from ``model`` (kept rows with a closure_id) for the closures in this return's
        window whose evaluation is current, joined to closures and cases; add the columns."""
        return (
            sa.select()
            .select_from(model)
            .join(Closure, Closure.id == model.closure_id)
            .join(Case, Case.id == Closure.case_id)
            .where(
                self.programme_filter(Case.programme),
                Closure.reopened_at.is_(None),
                self.in_window(Closure.closed_on),
                sa.or_(
                    *(
                        sa.and_(Case.programme == code, Closure.outcomes_version == definition.version)
                        for code, definition in self.definitions.items()
                    )
                ),
            )
        )

    def measured_and_improved(self, closed: list) -> tuple[dict[str, Tally], dict[str, Tally]]:
        """F's "measured" and "improved" per outcome, over the young people whose cases closed.

        Closures whose outcome evaluation was kept with them under the definition version this
        return applies (casework/cases/outcomes.py) are counted from those rows in SQL; any other
        closure is evaluated here from its records, with the same rules. When every closure has
        a kept evaluation, one aggregate query gives the counts; otherwise the kept rows are
        read per young person so that both kinds can be counted together, each person once.
        """
        from casework.cases.facts import case_facts
        from casework.cases.outcomes import measured_outcomes

        measured: dict[str, Tally] = defaultdict(Tally)
        improved: dict[str, Tally] = defaultdict(Tally)
        if not closed:
            return measured, improved
        unevaluated = [row for row in closed if not self.kept(row)]
        kept = self.kept_closures(ClosureOutcome)
        if not unevaluated:
            columns = []
            for condition in (sa.true(), ClosureOutcome.improved.is_(True)):
                flags = (self.in_period(Closure.closed_on), self.in_ytd(Closure.closed_on))
                columns += [
                    sa.func.count(sa.distinct(sa.case((sa.and_(condition, flag), Case.person_id))))
                    for flag in flags
                ]
                if self.lineage:
                    columns += [
                        sa.func.aggregate_strings(
                            sa.case((sa.and_(condition, flag), sa.cast(Person.public_id, sa.String))), ","
                        )
                        for flag in flags
                    ]
            width = 4 if self.lineage else 2
            query = kept.add_columns(ClosureOutcome.outcome_code, *columns).group_by(ClosureOutcome.outcome_code)
            if self.lineage:
                query = query.join(Person, Person.id == Case.person_id)
            for row in db.session.execute(query):
                measured[row.outcome_code] = self.tally_of(row, 1)
                improved[row.outcome_code] = self.tally_of(row, 1 + width)
            return measured, improved

        for row in db.session.execute(
            kept.join(Person, Person.id == Case.person_id).add_columns(
                ClosureOutcome.outcome_code,
                ClosureOutcome.improved,
                Closure.closed_on,
                Person.public_id.label("person_public_id"),
            )
        ):
            columns = self.columns_of(row.closed_on)
            self._count(measured[row.outcome_code], columns, str(row.person_public_id))
            if row.improved:
                self._count(improved[row.outcome_code], columns, str(row.person_public_id))
        cases = db.session.scalars(sa.select(Case).where(Case.id.in_({row.case_id for row in unevaluated})))
        facts = case_facts(list(cases), with_responses=True)
        for row in unevaluated:
            columns = self.columns_of(row.closed_on)
            case_fact = facts.get(row.case_id)
            if case_fact is None or not columns:
                continue
            found = measured_outcomes(self.definitions[row.programme], case_fact, row.closed_on)
            for code, was_improved in found.items():
                self._count(measured[code], columns, str(row.person_public_id))
                if was_improved:
                    self._count(improved[code], columns, str(row.person_public_id))
        return measured, improved

    # assembly -----------------------------------------------------------------------------------

    def run(self) -> None:
        self.referrals()
        self.first_contacts()
        self.cases_started()
        self.active_at_end()
        self.closures()
        self.people_starting()
        self.sessions()
        self.components()
        self.dosage()
        self.onward_referrals()
        self.engagement()
        closed = self.closed_case_rows()
        self.standard_measures(closed)
        self.outcomes(closed)

    def cells(self, definition: ReturnDefinition) -> tuple[list[Cell], dict[str, dict[str, list[str]]]]:
        """Walk the definition in order and lay out every cell, zero where nothing was counted."""
        lists = category_lists(self.definitions)
        cells: list[Cell] = []
        lineage: dict[str, dict[str, list[str]]] = {}
        found_categories: dict[tuple[str, str], set[str]] = defaultdict(set)
        for code, breakdown, category in self.tallies:
            if breakdown is not None:
                found_categories[(code, breakdown)].add(category)

        def add(key: Key, label: str, unit: str) -> None:
            tally = self.tallies.get(key)
            if tally is None:
                empty = 0 if unit in COUNT_UNITS else None
                tally = Tally(empty, empty)
            cells.append(Cell(key[0], label, key[1], key[2], unit, tally.period, tally.ytd))
            if self.lineage and (tally.period_ids or tally.ytd_ids):
                lineage[cell_id(key)] = {"period": sorted(tally.period_ids), "ytd": sorted(tally.ytd_ids)}

        for figure in definition.figures:
            if figure.has_total:
                add((figure.code, None, None), figure.label, figure.unit)
            for breakdown in figure.breakdowns:
                if not self.applies(breakdown):
                    continue
                categories = [code for code, _ in lists[breakdown.categories]]
                extra = sorted(found_categories[(figure.code, breakdown.name)] - set(categories))
                for category in categories + extra:
                    add((figure.code, breakdown.name, category), figure.label, breakdown.unit or figure.unit)
        return cells, lineage

    def applies(self, breakdown) -> bool:
        """Whether a breakdown is shown in this return."""
        if breakdown.all_only and self.programme != ALL:
            return False
        if breakdown.only_for and (self.programme == ALL or self.programme not in breakdown.only_for):
            return False
        return True


_UNDER_18 = {"under_10", "10_13", "14_15", "16_17"}
_UNDER_25 = _UNDER_18 | {"18_20", "21_24"}


def _change(code: str, pre: float, post: float) -> str | None:
    try:
        instrument = programmes.get_instrument(code)
    except KeyError:
        return None
    return instrument_rules.classify_change(instrument, pre, post)


def build_return(
    programme: str,
    period: Period,
    *,
    generated_at: datetime,
    lineage: bool = True,
    definition_version: str = CURRENT_VERSION,
) -> BuiltReturn:
    """Build the return of ``programme`` (a code or ``ALL``) for ``period``: exact figures of
    sections B to G, the outcome rows of F, and (with ``lineage``) the public ids of the records
    behind each cell. Uses the programme definition versions in force at the period end.

    Raises :class:`ReturnError` for an unknown programme or a period with no definition in force.
    Reads only; never writes.
    """
    definition = get_definition(definition_version)
    builder = _Builder(programme, period, lineage)
    builder.run()
    cells, lineage_map = builder.cells(definition)
    return BuiltReturn(
        definition_version=definition.version,
        programme=programme,
        programmes=builder.codes,
        period=period,
        programme_versions={code: d.version for code, d in builder.definitions.items()},
        generated_at=generated_at,
        cells=tuple(cells),
        lineage=lineage_map,
        guards=dict(builder.guards),
        not_evidenced=tuple(builder.not_evidenced),
    )
