"""Tallies, the values a return's cells are built from, and the arithmetic on them.

The underscored helpers are shared by the section modules of this package only.
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass, field


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
