"""Tallies, the values a return's cells are built from, and the arithmetic on them.

The underscored helpers are shared by the section modules of this package only.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from reports.schema import FLOAT_HALF_EVEN, HALF_AWAY_FROM_ZERO


@dataclass
class Tally:
    """A counted cell's exact period and year-to-date counts and the public ids behind each."""

    period: int = 0
    ytd: int = 0
    period_ids: set[str] = field(default_factory=set)
    ytd_ids: set[str] = field(default_factory=set)

    def add(self, other: Tally) -> Tally:
        """Add ``other``'s counts and ids into this tally."""
        self.period += other.period
        self.ytd += other.ytd
        self.period_ids |= other.period_ids
        self.ytd_ids |= other.ytd_ids
        return self


@dataclass
class Statistic:
    """A cell taken over counts or values rather than counted: a percentage, median, mean, hours
    or a number from the programme definition, ``None`` where there is nothing to take it over;
    and the public ids of the records it is taken over.
    """

    period: int | float | None
    ytd: int | float | None
    period_ids: set[str] = field(default_factory=set)
    ytd_ids: set[str] = field(default_factory=set)


def _ids(text: str | None) -> set[str]:
    """Public ids from a string aggregate, written the same way on every database."""
    if not text:
        return set()
    return {str(uuid.UUID(value)) for value in text.split(",") if value}


def _sum(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def rounded(value, places: int = 1, rule: str = HALF_AWAY_FROM_ZERO) -> int | float | None:
    """A figure as the return writes it, rounded once to ``places`` decimal places: whole
    numbers as ints. ``value`` is exact where it can be (an int, a ``Fraction`` or a ``Decimal``);
    a float is read as the shortest decimal that prints as it. Halves go away from zero
    (returns.md "Rounding": 572.25 hours is 572.3); under :data:`FLOAT_HALF_EVEN` (definition
    version 1), as Python's ``round`` of the float.
    """
    if value is None:
        return None
    if rule == FLOAT_HALF_EVEN:
        result = round(float(value), places)
    else:
        if isinstance(value, Fraction):
            exact = Decimal(value.numerator) / Decimal(value.denominator)
        else:
            exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        result = float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    if result == int(result):
        return int(result)
    return result


def exact(value) -> Fraction:
    """An exact value to take a median or mean over: a stored score (float or ``Decimal``) as the
    decimal it was written as."""
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    return Fraction(str(value))


def _median(values, rule: str = HALF_AWAY_FROM_ZERO) -> float | int | None:
    return rounded(statistics.median(values), 1, rule) if values else None
