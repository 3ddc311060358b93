"""Section D: sessions, components, dosage, onward referrals and engagement."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sqlalchemy as sa

from casework.cases.models import Case, Closure, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact, EngagementStatusChange
from casework.people.models import Person
from casework.sessions.models import Session, SessionComponent
from reports.builder.core import Core
from reports.builder.tally import Statistic, Tally, _ids, _sum
from reports.model import Guard


class Delivery(Core):
    """Section D."""

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
        hours = Statistic(self.rounded(Fraction(period_minutes, 60)), self.rounded(Fraction(ytd_minutes, 60)))
        self.put(("D1.hours", None, None), hours)
        missed = [(row, t) for row, t in tallies if row.attendance != "attended"]
        self.put(("D1.not_attended", None, None), _sum(t for _, t in missed))
        self.put_breakdown("D1.not_attended", "attendance", [(row.attendance, t) for row, t in missed])

    def components(self) -> None:
        """D2: attended sessions and young people by component, in one grouped query."""
        s = Session
        flags = (self.in_period(s.held_on), self.in_ytd(s.held_on))
        # A session has a component at most once (the primary key), so sessions are a plain sum.
        columns: list[sa.ColumnElement[Any]] = [
            sa.func.coalesce(sa.func.sum(sa.case((flag, 1), else_=0)), 0) for flag in flags
        ]
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
        weeks = []
        for r in rows:
            if r.started_on is None:
                continue
            exact_weeks = Fraction((r.closed_on - r.started_on).days, 7)
            # Definition version 1 took the median over weeks already rounded per case.
            per_case = exact_weeks if self.rules.exact_medians else round(float(exact_weeks), 1)
            weeks.append((r.closed_on, per_case, r.public_id))
        self.put_median("D3.weeks", weeks)
        b6 = self.count(("B6", None, None))
        for code in ("D3.sessions", "D3.weeks"):
            self.guards[(code, None, None)] = Guard((b6.period, b6.ytd))
        for code, definition in self.definitions.items():
            dosage = definition.planned_dosage
            self.put(
                ("D3.planned_min_weeks", "programme", code), Statistic(dosage.min_weeks, dosage.min_weeks)
            )
            self.put(
                ("D3.planned_max_weeks", "programme", code), Statistic(dosage.max_weeks, dosage.max_weeks)
            )

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
        active = sa.and_(
            self.programme_filter(Case.programme),
            Case.started_on.is_not(None),
            Case.started_on <= end,
            ~self.closed_at_end(),
        )
        # Each active case's latest status change by the period end, then (when each young person
        # counts once) each young person's latest of those; the window functions read the same on
        # SQLite and PostgreSQL.
        latest = (
            sa.select(
                change.case_id,
                change.status,
                change.changed_on,
                change.id.label("change_id"),
                sa.func.row_number()
                .over(partition_by=change.case_id, order_by=(change.changed_on.desc(), change.id.desc()))
                .label("rank"),
            )
            .where(change.changed_on <= end)
            .subquery()
        )
        per_case = (
            sa.select(
                latest.c.status,
                Case.person_id,
                sa.func.row_number()
                .over(
                    partition_by=Case.person_id,
                    order_by=(latest.c.changed_on.desc(), latest.c.change_id.desc()),
                )
                .label("person_rank"),
            )
            .select_from(latest)
            .join(Case, Case.id == latest.c.case_id)
            .where(latest.c.rank == 1, active)
            .subquery()
        )
        where = [per_case.c.person_rank == 1] if self.rules.people_once else []
        id_columns = (
            [sa.func.aggregate_strings(sa.cast(Person.public_id, sa.String), ",")] if self.lineage else []
        )
        rows = db.session.execute(
            sa.select(per_case.c.status, sa.func.count(sa.distinct(per_case.c.person_id)), *id_columns)
            .select_from(per_case)
            .join(Person, Person.id == per_case.c.person_id)
            .where(*where)
            .group_by(per_case.c.status)
        ).all()
        statuses = [(row[0], self._at_end(row[1], row[2] if self.lineage else None)) for row in rows]
        self.put(("D5.status", None, None), _sum(t for _, t in statuses))
        self.put_breakdown("D5.status", "status", statuses)
