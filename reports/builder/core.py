"""What every section's queries share: the return's programmes, definitions and period, the
period and year-to-date conditions, and the tallies and guards collected by cell key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from fractions import Fraction
from typing import Any, TypeAlias

import sqlalchemy as sa

import programmes
from casework.cases.models import Case, Closure
from casework.timezone import LONDON
from programmes.model import DefinitionVersion
from reports.builder.scope import ReturnError, programme_codes
from reports.builder.tally import Statistic, Tally, _ids, _median, rounded
from reports.model import Guard, Key
from reports.periods import Period
from reports.schema import Relation, Rules

#: The rows of a query, whose columns are read by name.
Rows: TypeAlias = Sequence[sa.Row[*tuple[Any, ...]]]


class Core:
    """The state of one return being built and the helpers its section queries use."""

    def __init__(self, programme: str, period: Period, lineage: bool, rules: Rules):
        self.programme = programme
        self.rules = rules
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
        self.tallies: dict[Key, Tally | Statistic] = {}
        self.guards: dict[Key, Guard] = {}
        self.not_evidenced: list[str] = []
        self.relations: list[Relation] = []

    # helpers ------------------------------------------------------------------------------------

    def in_period(self, column) -> sa.ColumnElement[bool]:
        """Whether ``column`` (a date) falls in the period."""
        return sa.and_(column >= self.period.start, column <= self.period.end)

    def in_ytd(self, column) -> sa.ColumnElement[bool]:
        """Whether ``column`` (a date) falls in the financial year to the period end."""
        return sa.and_(column >= self.period.ytd_start, column <= self.period.end)

    def in_window(self, column) -> sa.ColumnElement[bool]:
        """Whether ``column`` (a date) falls in the period or the year to date, whichever starts first."""
        return sa.and_(column >= self.period.window_start, column <= self.period.end)

    def counted(self, date_column, public_id, unit=None) -> list[sa.ColumnElement[Any]]:
        """The aggregate columns of a tally: period and year-to-date counts, then their ids."""
        columns: list[sa.ColumnElement[Any]] = []
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

    def put(self, key: Key, tally: Tally | Statistic) -> None:
        """Store the cell ``key``."""
        self.tallies[key] = tally

    def count(self, key: Key) -> Tally:
        """The counted cell already stored at ``key``, which a later figure is taken over."""
        tally = self.tallies[key]
        if not isinstance(tally, Tally):
            raise TypeError(f"{key} holds a {type(tally).__name__}, not a count")
        return tally

    def put_breakdown(self, code: str, breakdown: str, rows: list[tuple[str, Tally]]) -> None:
        """Add up grouped rows into the cells of one breakdown."""
        by_category: dict[str, Tally] = defaultdict(Tally)
        for category, tally in rows:
            by_category[category].add(tally)
        for category, tally in by_category.items():
            self.put((code, breakdown, category), tally)

    def programme_filter(self, column) -> sa.ColumnElement[bool]:
        """Whether ``column`` (a programme code) is one this return covers."""
        return column.in_(self.codes)

    def end_boundary(self) -> datetime:
        """The first moment after the period end, in UTC (for columns that hold moments)."""
        return datetime.combine(self.period.end + timedelta(days=1), time(0), LONDON).astimezone(timezone.utc)

    def rounded(self, value, places: int = 1) -> int | float | None:
        """``value`` rounded once, by the rounding rule of the definition this return applies."""
        return rounded(value, places, self.rules.rounding)

    def percent(self, numerator: int, denominator: int) -> int | float | None:
        """``numerator`` as a percentage of ``denominator``, exact and then rounded; None over 0."""
        return self.rounded(Fraction(100 * numerator, denominator)) if denominator else None

    def closed_at_end(self) -> sa.ColumnElement[bool]:
        """Whether the case (``Case``) stood closed at the period end (B4, D5.status, G): by a
        closure on or before the end that was in force then, so that a closure reopened after the
        end still counts and one reopened on or before it does not. A return rebuilt later gives
        the same answer. Under a definition without that rule, any reopened closure is ignored."""
        if self.rules.closure_at_period_end:
            in_force = sa.or_(Closure.reopened_at.is_(None), Closure.reopened_at >= self.end_boundary())
        else:
            in_force = Closure.reopened_at.is_(None)
        return sa.exists().where(Closure.case_id == Case.id, Closure.closed_on <= self.period.end, in_force)

    def put_median(self, code: str, values: list[tuple[date, Any, object]]) -> Tally:
        """Store the median of ``values`` (date, exact value, public id) for both columns, rounded
        once; returns the counts."""
        in_period = [v for v in values if self.period.start <= v[0] <= self.period.end]
        in_ytd = [v for v in values if self.period.ytd_start <= v[0] <= self.period.end]
        rule = self.rules.rounding
        median = Statistic(_median([v[1] for v in in_period], rule), _median([v[1] for v in in_ytd], rule))
        count = Tally(len(in_period), len(in_ytd))
        if self.lineage:
            median.period_ids = count.period_ids = {str(v[2]) for v in in_period}
            median.ytd_ids = count.ytd_ids = {str(v[2]) for v in in_ytd}
        self.put((code, None, None), median)
        return count

    def _at_end(self, count: int, ids: str | None) -> Tally:
        tally = Tally(int(count), int(count))
        tally.period_ids = _ids(ids)
        tally.ytd_ids = set(tally.period_ids)
        return tally

    def columns_of(self, day: date) -> tuple[str, ...]:
        """Which columns a record dated ``day`` counts in."""
        columns = []
        if self.period.start <= day <= self.period.end:
            columns.append("period")
        if self.period.ytd_start <= day <= self.period.end:
            columns.append("ytd")
        return tuple(columns)

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
