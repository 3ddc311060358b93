"""Section F: young people reached, measured, and improved, maintained or not improved, per outcome
of each programme."""

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
from reports.schema import Relation


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
                    for breakdown in self.f_breakdowns():
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

        counted = self.outcome_states(closed)
        percents = ("improved",) if not self.rules.outcome_states else _STATES[::-1] + ("achieved",)
        for definition in self.definitions.values():
            for outcome in definition.outcomes:
                if outcome.code in self.not_evidenced:
                    continue
                code = outcome.code
                m = counted["measured"].get(code, Tally())
                self.put(("F", "reached", code), reached.get(code, Tally()))
                for name, tallies in counted.items():
                    self.put(("F", name, code), tallies.get(code, Tally()))
                if self.rules.outcome_states:
                    achieved = [("F", "improved", code)]
                    if outcome.maintained_counts_as_achieved:
                        achieved.append(("F", "maintained", code))
                    self.relations.append(Relation(tuple(achieved), (("F", "achieved", code),)))
                for name in percents:
                    part = counted[name].get(code, Tally())
                    key = ("F", f"percent_{name}", code)
                    self.put(key, Statistic(self.percent(part.period, m.period), self.percent(part.ytd, m.ytd)))
                    self.guards[key] = Guard((m.period, m.ytd), (("F", name, code), ("F", "measured", code)))

    def f_breakdowns(self) -> tuple[str, ...]:
        """The breakdowns of F under the definition this return applies."""
        if not self.rules.outcome_states:
            return ("reached", "measured", "improved", "percent_improved")
        counts = ("improved", "maintained", "not_improved", "achieved")
        return ("reached", "measured", *counts, *(f"percent_{name}" for name in counts))

    def _counting_maintained(self) -> set[str]:
        """The codes of this return's outcomes whose definition counts maintained as achieved."""
        return {
            outcome.code
            for definition in self.definitions.values()
            for outcome in definition.outcomes
            if outcome.maintained_counts_as_achieved
        }

    def outcome_states(self, closed: Rows) -> dict[str, dict[str, Tally]]:
        """F's counts per outcome over the young people whose cases closed: {"measured": {outcome
        code: tally}, "improved": ...}, and under a definition that shows outcome states also
        "maintained", "not_improved" and "achieved" (improved, or maintained where the outcome
        counts maintained as achieved).

        A young person with several closed cases counts once per outcome, in the best state any
        of their cases reached in the column (improved, then maintained, then not improved), so
        that improved, maintained and not improved add up to measured. Under a definition
        without outcome states only "improved" is kept apart: a measure improved or a record
        rule true, as those returns were built.

        Closures whose outcome evaluation was kept with them under the definition version this
        return applies (casework/cases/outcomes.py) are counted from those rows in SQL; any other
        closure is evaluated here from its records, with the same rules. When every closure has
        a kept evaluation, one aggregate query gives the counts; otherwise the kept rows are
        read per young person so that both kinds can be counted together.
        """
        from casework.cases.facts import case_facts
        from casework.cases.outcomes import measured_outcomes

        names: tuple[str, ...] = ("measured", "improved", "maintained", "not_improved", "achieved")
        if not self.rules.outcome_states:
            names = ("measured", "improved")
        counted: dict[str, dict[str, Tally]] = {name: defaultdict(Tally) for name in names}
        if not closed:
            return counted
        counting = self._counting_maintained()
        unevaluated = [row for row in closed if not self.kept(row)]
        kept = self.kept_closures(ClosureOutcome)
        if not unevaluated:
            self._count_kept(kept, counted, counting)
            return counted

        # {(outcome code, column): {person public id: best rank}}
        best: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)

        def note(code: str, state: str, columns: tuple[str, ...], person: str) -> None:
            rank = _RANK[state]
            for column in columns:
                people = best[(code, column)]
                people[person] = max(rank, people.get(person, 0))

        for row in db.session.execute(
            kept.join(Person, Person.id == Case.person_id).add_columns(
                ClosureOutcome.outcome_code,
                ClosureOutcome.state,
                Closure.closed_on,
                Person.public_id.label("person_public_id"),
            )
        ):
            note(row.outcome_code, row.state, self.columns_of(row.closed_on), str(row.person_public_id))
        cases = db.session.scalars(sa.select(Case).where(Case.id.in_({row.case_id for row in unevaluated})))
        facts = case_facts(list(cases), with_responses=True)
        for row in unevaluated:
            columns = self.columns_of(row.closed_on)
            case_fact = facts.get(row.case_id)
            if case_fact is None or not columns:
                continue
            found = measured_outcomes(self.definitions[row.programme], case_fact, row.closed_on)
            for code, state in found.items():
                note(code, state, columns, str(row.person_public_id))
        for (code, column), people in best.items():
            for person, rank in people.items():
                state = _STATES[rank - 1]
                for name in names:
                    if name == "measured" or _counts_in(name, state, code in counting):
                        self._count(counted[name][code], (column,), person)
        return counted

    def _count_kept(self, kept, counted: dict[str, dict[str, Tally]], counting: set[str]) -> None:
        """Count every kept evaluation in two grouped queries: the best rank per young person
        and outcome in each column, then young people per outcome and state."""
        rank = sa.case({state: index + 1 for index, state in enumerate(_STATES)}, value=ClosureOutcome.state)
        columns = {
            "period": self.in_period(Closure.closed_on),
            "ytd": self.in_ytd(Closure.closed_on),
        }
        best = (
            kept.add_columns(
                Case.person_id.label("person_id"),
                ClosureOutcome.outcome_code.label("outcome_code"),
                *(sa.func.max(sa.case((flag, rank))).label(column) for column, flag in columns.items()),
            )
            .group_by(Case.person_id, ClosureOutcome.outcome_code)
            .subquery()
        )
        maintained_counts = best.c.outcome_code.in_(sorted(counting)) if counting else sa.false()
        improved, maintained = _RANK["improved"], _RANK["maintained"]

        def holds(name: str, column) -> sa.ColumnElement[bool]:
            conditions = {
                "measured": column.is_not(None),
                "improved": column == improved,
                "maintained": column == maintained,
                "not_improved": column == _RANK["not_improved"],
                "achieved": sa.or_(column == improved, sa.and_(column == maintained, maintained_counts)),
            }
            return conditions[name]

        aggregates: list[sa.ColumnElement[Any]] = []
        for name in counted:
            conditions = [holds(name, best.c[column]) for column in columns]
            aggregates += [sa.func.count(sa.distinct(sa.case((c, best.c.person_id)))) for c in conditions]
            if self.lineage:
                aggregates += [
                    sa.func.aggregate_strings(sa.case((c, sa.cast(Person.public_id, sa.String))), ",")
                    for c in conditions
                ]
        width = 4 if self.lineage else 2
        query = sa.select(best.c.outcome_code, *aggregates).group_by(best.c.outcome_code)
        if self.lineage:
            query = query.join(Person, Person.id == best.c.person_id)
        else:
            query = query.select_from(best)
        for row in db.session.execute(query):
            for index, name in enumerate(counted):
                counted[name][row.outcome_code] = self.tally_of(row, 1 + index * width)


#: Outcome states from worst to best: a young person with several closed cases counts in the
#: best state any of them reached (the order `OutcomeEvidence.state` picks a case's state by).
_STATES = ("not_improved", "maintained", "improved")
_RANK = {state: index + 1 for index, state in enumerate(_STATES)}


def _counts_in(name: str, state: str, maintained_counts: bool) -> bool:
    """Whether a young person whose best state is ``state`` counts in the cell ``name``."""
    if name == "achieved":
        return state == "improved" or (state == "maintained" and maintained_counts)
    return name == state
