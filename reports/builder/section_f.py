"""Section F: young people reached, measured and improved, per outcome of each programme."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from casework.cases.models import Case, Closure, ClosureOutcome
from casework.db import db
from casework.people.models import Person
from casework.sessions.models import Session, SessionComponent
from reports.builder.core import Core, Rows
from reports.builder.tally import Statistic, Tally
from reports.model import Guard


class Outcomes(Core):
    """Section F."""

    def _count(self, tally: Tally, columns: tuple[str, ...], public_id: str) -> None:
        for column in columns:
            ids = getattr(tally, f"{column}_ids")
            if public_id not in ids:
                ids.add(public_id)
                setattr(tally, column, getattr(tally, column) + 1)

    def outcomes(self, closed: Rows) -> None:
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
                        self.put(("F", breakdown, outcome.code), Statistic(None, None))
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
                    Statistic(self.percent(i.period, m.period), self.percent(i.ytd, m.ytd)),
                )
                self.guards[("F", "percent_improved", code)] = Guard(
                    (m.period, m.ytd), (("F", "improved", code), ("F", "measured", code))
                )

    def measured_and_improved(self, closed: Rows) -> tuple[dict[str, Tally], dict[str, Tally]]:
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
            aggregates: list[sa.ColumnElement[Any]] = []
            for condition in (sa.true(), ClosureOutcome.improved.is_(True)):
                flags = (self.in_period(Closure.closed_on), self.in_ytd(Closure.closed_on))
                aggregates += [
                    sa.func.count(sa.distinct(sa.case((sa.and_(condition, flag), Case.person_id))))
                    for flag in flags
                ]
                if self.lineage:
                    aggregates += [
                        sa.func.aggregate_strings(
                            sa.case((sa.and_(condition, flag), sa.cast(Person.public_id, sa.String))), ","
                        )
                        for flag in flags
                    ]
            width = 4 if self.lineage else 2
            query = kept.add_columns(ClosureOutcome.outcome_code, *aggregates).group_by(ClosureOutcome.outcome_code)
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
