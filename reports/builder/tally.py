"""Tallies, the values a return's cells are built from, and the arithmetic on them.

The underscored helpers are shared by the section modules of this package only.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field


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
