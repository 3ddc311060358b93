"""Section E and G's pre and post figure: the standard measures of the cases closed."""

from __future__ import annotations

import statistics
from collections import defaultdict

import sqlalchemy as sa

import programmes
from casework.cases.models import Case, Closure, ClosureMeasure
from casework.db import db
from casework.people.models import Person
from programmes import instruments as instrument_rules
from reports.builder.core import Core, Rows
from reports.builder.tally import Statistic, Tally, exact
from reports.model import Guard


def _change(code: str, pre: float, post: float) -> str | None:
    try:
        instrument = programmes.get_instrument(code)
    except KeyError:
        return None
    return instrument_rules.classify_change(instrument, pre, post)


class StandardMeasures(Core):
    """Section E, and G.pre_post; also the closed cases that sections E and F count over."""

    def closed_case_rows(self) -> Rows:
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

    def means(self, pairs: list[tuple]) -> tuple[int | float | None, ...]:
        """Mean pre, mean post and mean change of matched (pre, post) scores, to two places:
        exact means of the scores as stored, rounded once (float means under definition 1)."""
        if not self.rules.exact_medians:
            floats = [(float(pre), float(post)) for pre, post in pairs]
            return tuple(
                self.rounded(statistics.fmean(values), 2)
                for values in (
                    [v[0] for v in floats],
                    [v[1] for v in floats],
                    [v[1] - v[0] for v in floats],
                )
            )
        exact_pairs = [(exact(pre), exact(post)) for pre, post in pairs]
        return tuple(
            self.rounded(statistics.mean(values), 2)
            for values in (
                [pre for pre, _ in exact_pairs],
                [post for _, post in exact_pairs],
                [post - pre for pre, post in exact_pairs],
            )
        )

    def standard_measures(self, closed: Rows) -> None:
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
        pairs: dict[str, dict[str, list[tuple]]] = defaultdict(
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
                    change = _change(code, float(pre), float(post))
                    pair = (pre, post)
                    if change is not None:
                        measures.append(f"E.{change}")
                    if in_period:
                        pairs[code]["period"].append(pair)
                    if in_ytd:
                        pairs[code]["ytd"].append(pair)
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
            means = {name: Statistic(None, None) for name in ("E.mean_pre", "E.mean_post", "E.mean_change")}
            for column, values in by_column.items():
                if values:
                    for name, average in zip(means, self.means(values), strict=True):
                        setattr(means[name], column, average)
            for name, mean in means.items():
                self.put((name, "instrument", code), mean)
        for (measure, code), tally in list(counts.items()):
            if measure == "E.matched":
                for name in ("E.mean_pre", "E.mean_post", "E.mean_change"):
                    self.guards[(name, "instrument", code)] = Guard((tally.period, tally.ytd))
        b6 = self.count(("B6", None, None))
        self.put(
            ("G.pre_post", None, None),
            Statistic(self.percent(len(pre_post[0]), b6.period), self.percent(len(pre_post[1]), b6.ytd)),
        )
        self.guards[("G.pre_post", None, None)] = Guard((b6.period, b6.ytd), (("B6", None, None),))
